#pragma once
// The raw measures of ML COP behaviour over stretches of a trial, at the analysis rate.
#include <Eigen/Core>

#include "core/squat/working_signals.hpp"
#include "core/wobble/knee_wobble.hpp"

namespace stance::wobble {

struct MlSignals {
  Eigen::ArrayXd ml_m;     // ML COP, bridged and low-passed (cop_lowpass_hz)
  Eigen::ArrayXd trend_m;  // its slow trajectory (trend_cutoff_hz)
  Eigen::ArrayXd v_m_s;    // its velocity (central difference)
};

MlSignals make_ml_signals(const squat::WorkingSignals& w, const WobbleOptions& options);

// Direction reversals of x over blocks [begin, end): turning points confirmed by a travel of at
// least min_travel_m the other way (so noise never counts).
int count_reversals(const Eigen::ArrayXd& x, Eigen::Index begin, Eigen::Index end,
                    double min_travel_m);

// Oscillation, speed and reversals, accumulated over one or more stretches of blocks.
class MovementAccumulator {
 public:
  MovementAccumulator(const squat::WorkingSignals& w, const MlSignals& ml,
                      const WobbleOptions& options)
      : w_(w), ml_(ml), options_(options) {}
  void add(Eigen::Index begin, Eigen::Index end);
  // Fills oscillation_rms_m, ml_speed_m_s and reversals_per_s (0 when nothing was added).
  void finish(WobbleComponents& out) const;

 private:
  const squat::WorkingSignals& w_;
  const MlSignals& ml_;
  const WobbleOptions& options_;
  double sum_sq_ = 0.0, sum_speed_ = 0.0, seconds_ = 0.0;
  Eigen::Index count_ = 0;
  int reversals_ = 0;
};

// Mean of x over the COP-usable blocks of [begin, end); `count` gets how many there were.
double mean_cop(const squat::WorkingSignals& w, const Eigen::ArrayXd& x, Eigen::Index begin,
                Eigen::Index end, Eigen::Index& count);

// RMS of the ML shear about its mean over the force-trustworthy blocks of [begin, end).
double shear_rms_n(const squat::WorkingSignals& w, Eigen::Index begin, Eigen::Index end);

}  // namespace stance::wobble
