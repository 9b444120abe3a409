#pragma once
// The host's calibration tools (SPP section 4: the factory zero drifts; the host offers a tare and
// a check with a known mass, neither of which changes the device). Procedures and tolerances are
// in docs/calibration.md.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/force_samples.hpp"
#include "core/plate.hpp"
#include "core/raw_frame.hpp"
#include "support/result.hpp"

namespace stance {

struct TareOptions {
  double max_load_n = 50.0;       // more than this on an "empty" plate: someone is on it
  double max_fz_sd_n = 5.0;       // more fluctuation than this: the plate is being touched
  double drift_warning_n = 20.0;  // zero moved this much since the factory or last tare: warn
  std::size_t min_frames = 100;
};

struct TareResult {
  Tare tare;
  double load_on_old_zero_n = 0.0;  // what the plate read with the zero in use before the tare
  double fz_sd_n = 0.0;
  std::vector<std::string> warnings;
};

// Whether the maker calibrated the plate's zero: a calibration date or a zero other than 0. A
// home-built plate (a serial plate) has neither until its first tare.
bool has_factory_zero(const Calibration& calibration);

// Zero with the plate empty. `previous` is the adjustment in use (its gain corrections and last
// check are carried over); refuses when a load is on the plate or it is not steady. The first tare
// of a plate without a factory zero (has_factory_zero) has no zero to judge the load by: the plate
// must be empty and steady, as the person is told.
Result<TareResult> compute_tare(const std::vector<RawFrame>& empty_plate_frames,
                                const PlateInfo& info, const Calibration& calibration,
                                const Tare& previous, std::int64_t now_unix_s,
                                const TareOptions& options = {});

struct KnownMassOptions {
  double fz_tolerance_percent = 1.0;  // of the mass's weight ...
  double fz_tolerance_n = 5.0;        // ... or this, whichever is larger
  double cop_tolerance_mm = 5.0;
  double max_fz_sd_n = 5.0;  // the mass must rest still
};

struct KnownMassCheck {
  double mass_kg = 0.0;
  double expected_fz_n = 0.0;
  double measured_fz_n = 0.0;
  double fz_error_n = 0.0;  // measured − expected
  double fz_error_percent = 0.0;
  bool position_known = false;
  double cop_error_ml_mm = 0.0, cop_error_ap_mm = 0.0, cop_error_mm = 0.0;
  bool passed = false;
  std::string summary;  // one line for the person doing the check
};

// A known mass resting on the plate; `expected_position` is where it stands (plate frame), if
// known. The samples must be calibrated with the adjustment under test.
Result<KnownMassCheck> check_known_mass(const ForceSamples& samples, double mass_kg,
                                        std::optional<CellPosition> expected_position,
                                        const KnownMassOptions& options = {});

// The clinic's interval between a plate's known-mass checks when it has set none (days).
inline constexpr int kDefaultMassCheckIntervalDays = 30;

// Whether a kept check (an adjustment's last one) is within the tolerances: the rule of
// check_known_mass, from what the adjustment keeps (a COP error of 0 when no position was given).
bool check_within_tolerance(const KnownMassRecord& check, const KnownMassOptions& options = {});

// One placement of the known mass on a four-cell plate: the mean cell forces it produced with
// the current gains and zero, and where it stood.
struct MassPlacement {
  std::array<double, 4> cell_force_n{};
  CellPosition position;
};

// Measures one placement from frames recorded with the mass resting at `position`, through the
// adjustment in use (`tare`: its zero and gains). Four-cell plates only; refuses an empty plate,
// a mass that is not steady and too few usable frames, saying what to do.
Result<MassPlacement> measure_mass_placement(const std::vector<RawFrame>& frames,
                                             const PlateInfo& info, const Calibration& calibration,
                                             const Tare& tare, CellPosition position,
                                             const KnownMassOptions& options = {});

struct GainCorrectionFit {
  std::array<double, 4> factor{1.0, 1.0, 1.0, 1.0};  // multiply the current gains
  double rms_fz_error_before_n = 0.0, rms_fz_error_after_n = 0.0;
  double rms_cop_error_before_mm = 0.0, rms_cop_error_after_mm = 0.0;
};

// Least-squares per-cell gain factors c so that, for every placement, ΣcᵢFᵢ = m·g and the COP
// Σcᵢ·Fᵢ·(xᵢ, yᵢ) / m·g is where the mass stood. Needs at least 3 placements spread over the
// plate; refuses a fit that is ill-conditioned or needs a factor outside 0.8..1.25.
Result<GainCorrectionFit> fit_gain_correction(const std::vector<MassPlacement>& placements,
                                              double mass_kg,
                                              const std::array<CellPosition, 4>& cells);

}  // namespace stance
