#include "core/steadiness/squat_steadiness.hpp"

#include <algorithm>
#include <cmath>

#include "core/stats/agreement.hpp"
#include "core/steadiness/ml_band.hpp"

namespace stance {
namespace {

using squat::WorkingSignals;
using steadiness::mean_where;
using steadiness::MlSignals;
using steadiness::SquareSum;

// Slow ML COP over the bottom minus its mean over the standing windows before and after.
double ml_shift_m(const WorkingSignals& w, const MlSignals& ml, const SquatRep& rep,
                  const SteadinessOptions& o) {
  const double half_bottom = 0.5 * std::max(o.bottom_min_s, rep.bottom_end_s - rep.bottom_start_s);
  Eigen::Index n_bottom = 0, n_before = 0, n_after = 0;
  const double bottom = mean_where(ml.trend_m, w.cop_ok, w.index_at(rep.bottom_s - half_bottom),
                                   w.index_at(rep.bottom_s + half_bottom) + 1, n_bottom);
  const double before = mean_where(ml.trend_m, w.cop_ok, w.index_at(rep.start_s - o.baseline_s),
                                   w.index_at(rep.start_s) + 1, n_before);
  const double after = mean_where(ml.trend_m, w.cop_ok, w.index_at(rep.end_s),
                                  w.index_at(rep.end_s + o.baseline_s) + 1, n_after);
  if (n_bottom == 0 || n_before + n_after == 0) return 0.0;
  const double baseline =
      (before * static_cast<double>(n_before) + after * static_cast<double>(n_after)) /
      static_cast<double>(n_before + n_after);
  return bottom - baseline;
}

// Standing: COP-usable blocks inside the stretches the squat analysis integrated (no step-off,
// no touchdown), away from every repetition by the margin (the slow onset of the movement).
std::vector<std::uint8_t> standing_blocks(const WorkingSignals& w, const SquatAnalysis& squats,
                                          const SteadinessOptions& o) {
  std::vector<std::uint8_t> standing(static_cast<std::size_t>(w.size()), 0);
  const ComTrajectory& com = squats.com;
  const auto com_n = static_cast<Eigen::Index>(com.valid.size());
  for (Eigen::Index i = 0; i < w.size() && com.rate_hz > 0.0; ++i) {
    const double c = std::round((w.time_s(static_cast<double>(i)) - com.t0_s) * com.rate_hz);
    const auto k = static_cast<Eigen::Index>(std::clamp(c, -1.0, static_cast<double>(com_n)));
    standing[static_cast<std::size_t>(i)] =
        k >= 0 && k < com_n && com.valid[k] != 0 && w.cop_ok[static_cast<std::size_t>(i)] != 0;
  }
  const auto margin = static_cast<Eigen::Index>(o.margin_s * w.rate_hz);
  for (const SquatRep& rep : squats.reps) {
    const Eigen::Index begin = std::max<Eigen::Index>(0, w.index_at(rep.start_s) - margin);
    const Eigen::Index end = std::min(w.size(), w.index_at(rep.end_s) + 1 + margin);
    std::fill(standing.begin() + begin, standing.begin() + end, std::uint8_t{0});
  }
  return standing;
}

double excess(double squat_m, double standing_m) {
  return std::sqrt(std::max(0.0, squat_m * squat_m - standing_m * standing_m));
}

// The first `trial_reps` acceptable repetitions (Kwok & Kong 2024 analyse squats 1–4 of five);
// the complete ones when none is acceptable (with a note).
std::vector<std::size_t> reps_for_trial(const SquatAnalysis& squats, int trial_reps,
                                        std::vector<std::string>& notes) {
  std::vector<std::size_t> used;
  for (std::size_t k = 0; k < squats.reps.size(); ++k) {
    if (squats.reps[k].acceptable() && static_cast<int>(used.size()) < trial_reps)
      used.push_back(k);
  }
  if (!used.empty()) return used;
  for (std::size_t k = 0; k < squats.reps.size(); ++k) {
    if (squats.reps[k].complete && static_cast<int>(used.size()) < trial_reps) used.push_back(k);
  }
  if (!used.empty()) notes.push_back("no acceptable repetition: the index uses the complete ones");
  return used;
}

}  // namespace

SquatSteadiness compute_squat_steadiness(const ForceSamples& samples, const SquatAnalysis& squats,
                                         Limb limb, const SteadinessOptions& options) {
  SquatSteadiness out;
  out.limb = limb;
  out.medial_known = limb == Limb::kLeft || limb == Limb::kRight;
  // Plate x is the patient's right: medial is −x under a right foot and +x under a left foot.
  const double medial_sign = limb == Limb::kLeft ? 1.0 : -1.0;
  const auto channels = samples.has_shear ? squat::Channels::kAll : squat::Channels::kCop;
  const WorkingSignals w = squat::make_working_signals(samples, options.analysis_rate_hz, channels);
  if (w.size() < 4) {
    out.notes.push_back("the recording is too short for the ML squat steadiness index");
    return out;
  }
  const MlSignals ml = steadiness::make_ml_signals(w, options);
  const double bw_n = squats.body_weight_n;

  SquareSum standing;
  const std::vector<std::uint8_t> standing_mask = standing_blocks(w, squats, options);
  standing.add(ml.band_m, standing_mask, 0, w.size());
  out.standing_oscillation_m = standing.rms();
  if (!squats.reps.empty() && standing.count < static_cast<Eigen::Index>(2.0 * w.rate_hz)) {
    out.notes.push_back("less than 2 s of standing in the trial: the reference is uncertain");
  }

  for (const SquatRep& rep : squats.reps) {
    const Eigen::Index begin = w.index_at(rep.start_s);
    const Eigen::Index end = w.index_at(rep.end_s) + 1;
    RepSteadiness r;
    r.rep_index = rep.index;
    r.start_s = rep.start_s;
    r.end_s = rep.end_s;
    SteadinessComponents& c = r.components;
    SquareSum cop;
    cop.add(ml.band_m, w.cop_ok, begin, end);
    c.ml_oscillation_m = cop.rms();
    c.ml_excess_m = excess(c.ml_oscillation_m, out.standing_oscillation_m);
    c.ml_shift_m = ml_shift_m(w, ml, rep, options);
    c.medial_shift_m = out.medial_known ? medial_sign * c.ml_shift_m : std::abs(c.ml_shift_m);
    c.has_shear = ml.shear_band_n.size() > 0;
    if (c.has_shear) {
      SquareSum shear;
      shear.add(ml.shear_band_n, w.force_ok, begin, end);
      c.ml_shear_n = shear.rms();
      c.ml_shear_bw = bw_n > 0.0 ? c.ml_shear_n / bw_n : 0.0;
    }
    r.index = ml_steadiness_index(c.ml_excess_m, options);
    out.reps.push_back(r);
  }

  const std::vector<std::size_t> used = reps_for_trial(squats, options.trial_reps, out.notes);
  if (used.empty()) {
    out.notes.push_back("no repetition: no ML squat steadiness index");
    return out;
  }
  if (static_cast<int>(used.size()) < options.trial_reps) {
    out.notes.push_back("the index uses " + std::to_string(used.size()) + " repetition(s), not " +
                        std::to_string(options.trial_reps));
  }
  std::vector<double> indices;
  SteadinessComponents& t = out.trial;
  t.has_shear = out.reps.front().components.has_shear;
  for (std::size_t k : used) {
    const SteadinessComponents& c = out.reps[k].components;
    t.ml_oscillation_m += c.ml_oscillation_m;
    t.ml_excess_m += c.ml_excess_m;
    t.ml_shift_m += c.ml_shift_m;
    t.medial_shift_m += c.medial_shift_m;
    t.ml_shear_n += c.ml_shear_n;
    t.ml_shear_bw += c.ml_shear_bw;
    out.reps_used.push_back(out.reps[k].rep_index);
    indices.push_back(out.reps[k].index);
  }
  const double n = static_cast<double>(used.size());
  t.ml_oscillation_m /= n;
  t.ml_excess_m /= n;
  t.ml_shift_m /= n;
  t.medial_shift_m /= n;
  t.ml_shear_n /= n;
  t.ml_shear_bw /= n;
  out.index = ml_steadiness_index(t.ml_excess_m, options);
  out.index_rep_sd = stats::sample_sd(indices);
  return out;
}

}  // namespace stance
