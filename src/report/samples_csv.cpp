#include "report/samples_csv.hpp"

#include <algorithm>
#include <cmath>

#include "core/units.hpp"
#include "support/format.hpp"

namespace stance::report {
namespace {

// The FPPA of the frame nearest to t_s (the earlier of two as near) within half a frame interval,
// or "" (no frame that close, or a marker lost in it). `frames` are in time order.
std::string fppa_at(const std::vector<knee::KneeFrame>& frames, double t_s, double half_step_s) {
  const auto after = std::lower_bound(frames.begin(), frames.end(), t_s,
                                      [](const knee::KneeFrame& f, double t) { return f.t_s < t; });
  const knee::KneeFrame* best = nullptr;
  if (after != frames.end()) best = &*after;
  if (after != frames.begin()) {
    const knee::KneeFrame& before = *(after - 1);
    if (best == nullptr || t_s - before.t_s <= best->t_s - t_s) best = &before;  // earlier on a tie
  }
  if (best == nullptr || std::abs(best->t_s - t_s) > half_step_s || !best->fppa_deg) return "";
  return round_trip_text(*best->fppa_deg);
}

// The median time between frames, halved: how near a frame must be to a sample to give its FPPA.
double half_frame_step_s(const std::vector<knee::KneeFrame>& frames) {
  std::vector<double> steps;
  for (std::size_t i = 1; i < frames.size(); ++i)
    steps.push_back(frames[i].t_s - frames[i - 1].t_s);
  if (steps.empty()) return 0.0;
  std::nth_element(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(steps.size() / 2),
                   steps.end());
  return 0.5 * steps[steps.size() / 2] + 1e-9;  // a sample half-way between two frames counts
}

}  // namespace

Status write_samples_csv(const ForceSamples& s, const std::vector<knee::KneeFrame>* fppa,
                         const TextSink& sink) {
  constexpr std::size_t kPiece = std::size_t{1} << 20;
  std::string out = "t_s,fx_n,fy_n,fz_n,cop_ml_mm,cop_ap_mm,missing,low_force,overload,adc_error" +
                    std::string(fppa ? ",fppa_deg" : "") + "\n";
  const double half_step_s = fppa ? half_frame_step_s(*fppa) : 0.0;
  const auto flag = [](std::uint8_t flags, SampleFlag f) { return has_flag(flags, f) ? "1" : "0"; };
  const auto value = [](bool defined, double v) {
    return defined ? round_trip_text(v) : std::string();
  };
  for (Eigen::Index i = 0; i < s.size(); ++i) {
    const std::uint8_t flags = s.flags[static_cast<std::size_t>(i)];
    const bool missing = has_flag(flags, SampleFlag::kMissing);
    out += round_trip_text(s.time_s(i)) + "," + value(!missing && s.has_shear, s.fx_n[i]) + "," +
           value(!missing && s.has_shear, s.fy_n[i]) + "," + value(!missing, s.fz_n[i]) + "," +
           value(s.usable_for_cop(i), mm_from_m(s.cop_ml_m[i])) + "," +
           value(s.usable_for_cop(i), mm_from_m(s.cop_ap_m[i])) + "," +
           flag(flags, SampleFlag::kMissing) + "," + flag(flags, SampleFlag::kLowForce) + "," +
           flag(flags, SampleFlag::kOverload) + "," + flag(flags, SampleFlag::kAdcError);
    if (fppa) out += "," + fppa_at(*fppa, s.time_s(i), half_step_s);
    out += "\n";
    if (out.size() >= kPiece) {
      if (Status written = sink(out); !written) return written;
      out.clear();
    }
  }
  return sink(out);
}

}  // namespace stance::report
