#pragma once
// The inner loop of zero-phase filtering (butterworth.cpp): a cascade of second-order sections
// run in place over a signal stored in pieces (the padding and the signal itself), for one
// channel or two at once.
//
// Each biquad step waits on the previous one (a multiply and three adds in a row), so one
// recursion leaves the CPU mostly idle. Two channels go through the cascade side by side, and
// sections go two at a time, the second one a sample behind the first: four independent
// recursions in flight instead of one, each sample read and written once per pair of sections. The
// arithmetic of every step is the textbook transposed direct form II in the same order as a plain
// loop, so the output is bit for bit the same as filtering each channel section by section.
#include <Eigen/Core>
#include <span>
#include <vector>

namespace stance {

struct Biquad;

// A stretch of samples of one or two channels (y null for one channel), consecutive in the signal.
struct SignalPiece {
  double* x = nullptr;
  double* y = nullptr;
  Eigen::Index count = 0;
};

// Every section over the whole signal (the pieces in order, none empty), forward or backward,
// each section started in steady state for its first input (Gustafsson 1996, as SciPy's
// sosfilt_zi). With two channels every piece must carry both.
void run_cascade(const std::vector<Biquad>& sections, std::span<const SignalPiece> pieces,
                 bool backward);

}  // namespace stance
