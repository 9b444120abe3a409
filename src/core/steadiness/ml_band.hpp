#pragma once
// The medio-lateral (ML) signals of the steadiness index at the analysis rate: the COP's
// oscillation band and its slow path, the shear's band, and sums over stretches of blocks.
#include <Eigen/Core>

#include "core/squat/working_signals.hpp"
#include "core/steadiness/steadiness_options.hpp"

namespace stance::steadiness {

struct MlSignals {
  Eigen::ArrayXd band_m;        // ML COP in [band_low_hz, band_high_hz]
  Eigen::ArrayXd trend_m;       // ML COP below 1 Hz: the slow path of the squat (its ML shift)
  Eigen::ArrayXd shear_band_n;  // ML shear in the band; empty without shear
};

// Band = the difference of two zero-phase 4th-order Butterworth low-passes (the filter of the
// whole analysis; no new design).
MlSignals make_ml_signals(const squat::WorkingSignals& w, const SteadinessOptions& options);

// Sum of squares and count of x over the blocks of [begin, end) whose flag is set.
struct SquareSum {
  double sum_sq = 0.0;
  Eigen::Index count = 0;
  void add(const Eigen::ArrayXd& x, const std::vector<std::uint8_t>& ok, Eigen::Index begin,
           Eigen::Index end);
  double rms() const;
};

// Mean of x over the flagged blocks of [begin, end); `count` gets how many there were.
double mean_where(const Eigen::ArrayXd& x, const std::vector<std::uint8_t>& ok, Eigen::Index begin,
                  Eigen::Index end, Eigen::Index& count);

}  // namespace stance::steadiness
