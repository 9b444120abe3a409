#include "core/wobble/knee_wobble.hpp"

#include <algorithm>
#include <cmath>

#include "core/wobble/wobble_components.hpp"

namespace stance {
namespace {

using squat::WorkingSignals;
using wobble::MlSignals;

// Bottom window mean minus the mean of the standing windows before and after the repetition.
double ml_shift_m(const WorkingSignals& w, const MlSignals& ml, const SquatRep& rep,
                  const WobbleOptions& o) {
  const double half_bottom = 0.5 * std::max(o.bottom_min_s, rep.bottom_end_s - rep.bottom_start_s);
  Eigen::Index n_bottom = 0, n_before = 0, n_after = 0;
  const double bottom = wobble::mean_cop(w, ml.trend_m, w.index_at(rep.bottom_s - half_bottom),
                                         w.index_at(rep.bottom_s + half_bottom) + 1, n_bottom);
  const double before = wobble::mean_cop(w, ml.trend_m, w.index_at(rep.start_s - o.baseline_s),
                                         w.index_at(rep.start_s) + 1, n_before);
  const double after = wobble::mean_cop(w, ml.trend_m, w.index_at(rep.end_s),
                                        w.index_at(rep.end_s + o.baseline_s) + 1, n_after);
  if (n_bottom == 0 || n_before + n_after == 0) return 0.0;
  const double baseline =
      (before * static_cast<double>(n_before) + after * static_cast<double>(n_after)) /
      static_cast<double>(n_before + n_after);
  return bottom - baseline;
}

double sample_sd(const std::vector<double>& x) {
  if (x.size() < 2) return 0.0;
  double mean = 0.0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  double ss = 0.0;
  for (double v : x) ss += (v - mean) * (v - mean);
  return std::sqrt(ss / static_cast<double>(x.size() - 1));
}

}  // namespace

KneeWobble compute_knee_wobble(const ForceSamples& samples, const SquatAnalysis& squats, Limb limb,
                               const WobbleOptions& options) {
  KneeWobble out;
  out.limb = limb;
  out.medial_known = limb == Limb::kLeft || limb == Limb::kRight;
  // Plate x is the patient's right: medial is −x under a right foot and +x under a left foot.
  const double medial_sign = limb == Limb::kLeft ? 1.0 : -1.0;
  // The COP, and the shear where the plate measures it.
  const auto channels = samples.has_shear ? squat::Channels::kAll : squat::Channels::kCop;
  const WorkingSignals w = squat::make_working_signals(samples, options.analysis_rate_hz, channels);
  if (w.size() < 4) {
    out.notes.push_back("the recording is too short for the knee-wobble index");
    return out;
  }
  const MlSignals ml = wobble::make_ml_signals(w, options);
  const double bw_n = squats.body_weight_n;

  // Standing: inside a loaded stretch the squat analysis integrated, outside every repetition.
  std::vector<std::uint8_t> standing(static_cast<std::size_t>(w.size()), 0);
  const ComTrajectory& com = squats.com;
  const auto com_n = static_cast<Eigen::Index>(com.valid.size());
  for (Eigen::Index i = 0; i < w.size() && com.rate_hz > 0.0; ++i) {
    const double c = std::round((w.time_s(static_cast<double>(i)) - com.t0_s) * com.rate_hz);
    const auto k = static_cast<Eigen::Index>(std::clamp(c, -1.0, static_cast<double>(com_n)));
    standing[i] = k >= 0 && k < com_n && com.valid[k] != 0 && w.cop_ok[i] != 0 ? 1 : 0;
  }

  for (const SquatRep& rep : squats.reps) {
    const Eigen::Index begin = w.index_at(rep.start_s);
    const Eigen::Index end = w.index_at(rep.end_s) + 1;
    // Standing excludes the repetitions with a margin for the slow onset of the movement.
    const auto margin = static_cast<Eigen::Index>(0.25 * w.rate_hz);
    std::fill(standing.begin() + std::max<Eigen::Index>(0, begin - margin),
              standing.begin() + std::min(w.size(), end + margin), std::uint8_t{0});

    RepWobble r;
    r.rep_index = rep.index;
    r.start_s = rep.start_s;
    r.end_s = rep.end_s;
    wobble::MovementAccumulator acc(w, ml, options);
    acc.add(begin, end);
    WobbleComponents& c = r.components;
    acc.finish(c);
    c.ml_shift_m = ml_shift_m(w, ml, rep, options);
    c.medial_shift_m = out.medial_known ? medial_sign * c.ml_shift_m : std::abs(c.ml_shift_m);
    c.has_shear = samples.has_shear;
    if (c.has_shear) {
      c.ml_shear_rms_n = wobble::shear_rms_n(w, begin, end);
      c.ml_shear_rms_bw = bw_n > 0.0 ? c.ml_shear_rms_n / bw_n : 0.0;
    }
    r.index = knee_wobble_index(c, options.scales);
    out.reps.push_back(r);
  }

  {
    wobble::MovementAccumulator acc(w, ml, options);
    for (Eigen::Index i = 0; i < w.size();) {
      if (standing[i] == 0) {
        ++i;
        continue;
      }
      Eigen::Index j = i;
      while (j < w.size() && standing[j] != 0) ++j;
      acc.add(i, j);
      i = j;
    }
    acc.finish(out.standing);
    out.standing.has_shear = samples.has_shear;
  }

  // The trial: the first `trial_reps` acceptable repetitions (Kwok & Kong 2024 analyse squats
  // 1–4 of five); fewer when fewer are acceptable; the complete ones when none is.
  std::vector<std::size_t> used;
  for (std::size_t k = 0; k < squats.reps.size(); ++k) {
    if (squats.reps[k].acceptable() && static_cast<int>(used.size()) < options.trial_reps) {
      used.push_back(k);
    }
  }
  if (used.empty()) {
    for (std::size_t k = 0; k < squats.reps.size(); ++k) {
      if (squats.reps[k].complete && static_cast<int>(used.size()) < options.trial_reps) {
        used.push_back(k);
      }
    }
    if (!used.empty()) {
      out.notes.push_back("no acceptable repetition: the index uses the complete ones");
    }
  }
  if (used.empty()) {
    out.notes.push_back("no repetition: no knee-wobble index");
    return out;
  }
  if (static_cast<int>(used.size()) < options.trial_reps) {
    out.notes.push_back("the index uses " + std::to_string(used.size()) + " repetition(s), not " +
                        std::to_string(options.trial_reps));
  }
  std::vector<double> indices;
  WobbleComponents& t = out.trial;
  t.has_shear = samples.has_shear;
  for (std::size_t k : used) {
    const WobbleComponents& c = out.reps[k].components;
    t.oscillation_rms_m += c.oscillation_rms_m;
    t.ml_speed_m_s += c.ml_speed_m_s;
    t.reversals_per_s += c.reversals_per_s;
    t.ml_shift_m += c.ml_shift_m;
    t.medial_shift_m += c.medial_shift_m;
    t.ml_shear_rms_n += c.ml_shear_rms_n;
    t.ml_shear_rms_bw += c.ml_shear_rms_bw;
    out.reps_used.push_back(out.reps[k].rep_index);
    indices.push_back(out.reps[k].index);
  }
  const double n = static_cast<double>(used.size());
  t.oscillation_rms_m /= n;
  t.ml_speed_m_s /= n;
  t.reversals_per_s /= n;
  t.ml_shift_m /= n;
  t.medial_shift_m /= n;
  t.ml_shear_rms_n /= n;
  t.ml_shear_rms_bw /= n;
  out.index = knee_wobble_index(t, options.scales);
  out.index_rep_sd = sample_sd(indices);
  return out;
}

}  // namespace stance
