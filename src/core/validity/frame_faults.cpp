#include "core/validity/frame_faults.hpp"

#include <algorithm>
#include <cmath>

#include "core/squat/working_signals.hpp"
#include "core/units.hpp"
#include "core/validity/text.hpp"

namespace stance::validity {
namespace {

struct Group {
  Eigen::Index first = 0, last = 0;  // first and last flagged sample
  Eigen::Index flagged = 0;
  Eigen::Index longest = 0;  // longest run, samples
};

// Runs of samples where `hit` holds, grouped when closer than max_gap samples.
template <typename Hit>
std::vector<Group> groups(Eigen::Index n, Eigen::Index max_gap, Hit hit) {
  std::vector<Group> out;
  for (Eigen::Index i = 0; i < n;) {
    if (!hit(i)) {
      ++i;
      continue;
    }
    Eigen::Index j = i;
    while (j < n && hit(j)) ++j;
    if (!out.empty() && i - out.back().last - 1 < max_gap) {
      Group& g = out.back();
      g.last = j - 1;
      g.flagged += j - i;
      g.longest = std::max(g.longest, j - i);
    } else {
      out.push_back({i, j - 1, j - i, j - i});
    }
    i = j;
  }
  return out;
}

}  // namespace

void find_flagged_frames(const ForceSamples& s, const ValidityOptions& o,
                         std::vector<Finding>& out) {
  struct Kind {
    SampleFlag flag;
    FindingKind finding;
    const char* what;
  };
  constexpr Kind kinds[] = {
      {SampleFlag::kMissing, FindingKind::kLostFrames, "lost"},
      {SampleFlag::kAdcError, FindingKind::kAdcError, "ADC-error"},
      {SampleFlag::kOverload, FindingKind::kOverload, "overloaded"},
  };
  const Eigen::Index n = s.size();
  const auto max_gap = static_cast<Eigen::Index>(std::ceil(o.merge_gap_s * s.rate_hz));
  const std::size_t first_new = out.size();
  constexpr std::uint8_t kBad =
      bit(SampleFlag::kMissing) | bit(SampleFlag::kAdcError) | bit(SampleFlag::kOverload);
  Eigen::Index bad = 0;
  for (std::uint8_t f : s.flags) bad += (f & kBad) != 0 ? 1 : 0;
  if (bad == 0) return;
  const double bad_fraction = n > 0 ? static_cast<double>(bad) / static_cast<double>(n) : 0.0;
  for (const Kind& k : kinds) {
    for (const Group& g :
         groups(n, max_gap, [&](Eigen::Index i) { return has_flag(s.flags[i], k.flag); })) {
      const double longest_s = static_cast<double>(g.longest) / s.rate_hz;
      Finding f;
      f.kind = k.finding;
      f.start_s = s.time_s(g.first);
      f.end_s = s.time_s(g.last + 1);
      f.value = static_cast<double>(g.flagged);
      f.severity = longest_s > o.max_bad_run_s ? Severity::kInvalidates : Severity::kQualifies;
      f.detail = std::to_string(g.flagged) + " " + k.what + " sample(s) from " + at_s(f.start_s) +
                 " to " + at_s(f.end_s) + ", the longest run " + fixed(ms_from_s(longest_s), 0) +
                 " ms";
      out.push_back(std::move(f));
    }
  }
  if (bad_fraction > o.max_bad_fraction) {
    for (std::size_t i = first_new; i < out.size(); ++i) {
      out[i].severity = Severity::kInvalidates;
      out[i].detail += " (flagged samples: " + fixed(100.0 * bad_fraction, 1) + "% of the trial)";
    }
  }
}

void find_cop_outside(const ForceSamples& s, const PlateGeometry& plate, const ValidityOptions& o,
                      std::vector<Finding>& out) {
  const double half_w = 0.5 * plate.width_m - o.edge_margin_m;
  const double half_l = 0.5 * plate.length_m - o.edge_margin_m;
  // Most trials stay inside: one quick look first.
  bool any_outside = false;
  for (Eigen::Index i = 0; i < s.size(); ++i) {
    any_outside |= std::abs(s.cop_ml_m[i] - plate.centre_ml_m) > half_w ||
                   std::abs(s.cop_ap_m[i] - plate.centre_ap_m) > half_l;
  }
  if (!any_outside) return;
  const auto outside = [&](Eigen::Index i) {
    return (s.flags[i] & squat::kUntrustedCop) == 0 &&
           (std::abs(s.cop_ml_m[i] - plate.centre_ml_m) > half_w ||
            std::abs(s.cop_ap_m[i] - plate.centre_ap_m) > half_l);
  };
  const auto max_gap = static_cast<Eigen::Index>(std::ceil(0.1 * s.rate_hz));
  for (const Group& g : groups(s.size(), max_gap, outside)) {
    const double span_s = static_cast<double>(g.last + 1 - g.first) / s.rate_hz;
    if (span_s < o.min_outside_s) continue;
    Finding f;
    f.kind = FindingKind::kCopOutsidePlate;
    f.severity = Severity::kInvalidates;
    f.start_s = s.time_s(g.first);
    f.end_s = s.time_s(g.last + 1);
    f.value = static_cast<double>(g.flagged);
    f.detail = "the centre of pressure left the plate's sensing area from " + at_s(f.start_s) +
               " to " + at_s(f.end_s) + ": the foot was not fully on the plate";
    out.push_back(std::move(f));
  }
}

}  // namespace stance::validity
