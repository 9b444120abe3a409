#pragma once
// The plate as first-class data: what the device says about itself (SPP info block, section 3)
// and its factory calibration (section 4). Positions are in the plate frame: origin at the centre
// of the top surface, x to the patient's right (medio-lateral), y forward (antero-posterior), z up.
#include <array>
#include <cstdint>
#include <string>

namespace stance {

enum class PlateLayout : std::uint8_t {
  kFourCell = 1,      // four vertical load cells
  kSixComponent = 2,  // six-component transducer: Fx Fy Fz Mx My Mz
};

inline constexpr int kMaxChannels = 6;

inline constexpr int channel_count(PlateLayout layout) {
  return layout == PlateLayout::kFourCell ? 4 : 6;
}

struct CellPosition {
  double x_m = 0.0;
  double y_m = 0.0;
};

struct PlateInfo {
  std::uint16_t protocol_version = 1;
  std::uint16_t firmware_version = 0;  // major in the high byte
  PlateLayout layout = PlateLayout::kFourCell;
  std::uint8_t adc_bits = 24;
  std::uint16_t max_rate_hz = 1000;
  std::uint16_t default_rate_hz = 1000;
  double width_m = 0.4;                 // along x (ML)
  double length_m = 0.6;                // along y (AP)
  std::array<CellPosition, 4> cells{};  // layout 1 only
  double origin_dz_m = 0.0;             // layout 2 only: transducer origin depth below the surface
  double capacity_n = 2000.0;
  std::string manufacturer;
  std::string product;
  std::string serial;
};

// Factory calibration. Layout 1: force_n[i] = gain[i] * (counts[i] - zero[i]).
// Layout 2: [Fx Fy Fz Mx My Mz] = matrix (row-major 6x6) * (counts - zero).
struct Calibration {
  std::uint32_t calibrated_at_unix_s = 0;
  std::uint32_t flags = 0;
  std::array<float, 4> gain_n_per_count{};
  std::array<float, 36> matrix{};
  std::array<std::int32_t, kMaxChannels> zero_counts{};
};

// The last check with a known mass before a trial (docs/calibration.md); mass 0 means none.
struct KnownMassRecord {
  double mass_kg = 0.0;
  double fz_error_n = 0.0;  // measured − expected vertical force
  double cop_error_mm =
      0.0;  // distance of the measured COP from where the mass stood (0 if unknown)
  std::int64_t checked_at_unix_s = 0;
};

// Host-side adjustments of the calibration. They never change the device (SPP section 4) and are
// kept with every recording so the trial can be re-analysed exactly.
// A tare replaces the factory zero with counts measured on the empty plate; a four-cell plate may
// also carry per-cell gain corrections fitted from a known mass placed at several positions.
struct Tare {
  bool applied = false;
  std::array<double, kMaxChannels> zero_counts{};
  std::int64_t taken_at_unix_s = 0;
  std::array<double, 4> gain_correction{1.0, 1.0, 1.0, 1.0};  // layout 1: multiplies gain[i]
  KnownMassRecord last_check;
};

}  // namespace stance
