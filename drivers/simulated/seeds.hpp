#pragma once
// Independent random streams derived from one user seed, so that e.g. changing the plate's noise
// never changes the person, and a parameter change never shifts another part's draws.
#include <cstdint>

namespace stance::sim {

enum class SeedStream : std::uint64_t {
  kSubject = 1,
  kCalibration = 2,
  kAdcNoise = 3,
  kFrameLoss = 4,
  kClock = 5,
  kAgeing = 6,  // how far the plate has drifted from its factory calibration
  kKnee = 7,    // the knee of a person drawn from a population preset
  kCamera = 8,  // the simulated camera's sensor noise
};

// splitmix64 of the seed mixed with the stream tag: well-spread 64-bit seeds for std::mt19937_64.
constexpr std::uint64_t derive_seed(std::uint64_t seed, SeedStream stream) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (static_cast<std::uint64_t>(stream) + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace stance::sim
