#include "app/history_chart.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <tuple>

#include "app/plot.hpp"
#include "app/theme.hpp"
#include "report/sheet_data.hpp"
#include "store/trial_metrics.hpp"

namespace stance::app {
namespace {

// The store's keys of the key figures (store/trial_metrics.cpp), in the dashboard's order.
constexpr const char* kKeyFigureKeys[] = {
    "ml_squat_steadiness", "mean_depth_cm", "acceptable_reps", "mean_velocity",
    "ellipse_area_95",     "range_ml",      "range_ap"};

int key_rank(const std::string& key) {
  const auto it = std::find(std::begin(kKeyFigureKeys), std::end(kKeyFigureKeys), key);
  return static_cast<int>(it - std::begin(kKeyFigureKeys));
}

}  // namespace

double days_between(const std::string& from_utc, const std::string& to_utc) {
  const auto from = parse_utc_seconds(from_utc);
  const auto to = parse_utc_seconds(to_utc);
  if (!from || !to) return 0.0;
  return static_cast<double>(*to - *from) / 86400.0;
}

ImU32 side_colour(Limb limb) {
  return limb == Limb::kLeft ? kLeftSide : kRightSide;
}

std::string progress_title(const store::MetricProgress& p) {
  return report::condition_name({p.task, p.eyes}) + ": " + store::label_for(p.key) +
         (p.unit.empty() ? "" : " (" + p.unit + ")");
}

std::string mdc_text(const store::MetricProgress& p, const store::LimbSeries& s) {
  const std::string side = s.limb == Limb::kLeft ? "Left" : "Right";
  if (!s.reliability.defined) {
    return side +
           ": how large a real change must be is not known yet (needs a visit with two or "
           "more valid trials of this side)";
  }
  char text[200];
  const std::string unit = p.unit == "0-100" ? "index points" : p.unit;
  // In plain words first; the statistic's name and its basis for who wants them.
  std::snprintf(text, sizeof text,
                "%s: a change larger than %.2f %s is more than this patient's own trial-to-trial "
                "noise (MDC95, from %d repeat(s) within visits)",
                side.c_str(), s.reliability.mdc95, unit.c_str(), s.reliability.degrees_of_freedom);
  return text;
}

std::vector<const store::MetricProgress*> charted_metrics(
    const std::vector<store::MetricProgress>& all, bool key_figures_only) {
  std::vector<const store::MetricProgress*> out;
  for (const auto& p : all) {
    if (!key_figures_only || key_rank(p.key) < static_cast<int>(std::size(kKeyFigureKeys))) {
      out.push_back(&p);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto* a, const auto* b) {
    const auto rank = [](const store::MetricProgress* p) {
      return std::tuple(p->task != Task::kSingleLegSquat, p->eyes, key_rank(p->key));
    };
    return rank(a) < rank(b);
  });
  return out;
}

void draw_trend_chart(const store::MetricProgress& p, const std::string& first_visit_utc,
                      ImVec2 size) {
  double last_day = 1.0;
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& s : p.limbs) {
    for (const auto& point : s.points) {
      last_day = std::max(last_day, days_between(first_visit_utc, point.visit_utc));
      lo = std::min(lo, point.summary.mean - point.summary.sd);
      hi = std::max(hi, point.summary.mean + point.summary.sd);
    }
    if (s.reliability.defined && !s.points.empty()) {
      lo = std::min(lo, s.points.front().summary.mean - s.reliability.mdc95);
      hi = std::max(hi, s.points.front().summary.mean + s.reliability.mdc95);
    }
  }
  if (!std::isfinite(lo)) lo = 0.0, hi = 1.0;
  const double pad = std::max(0.08 * (hi - lo), 1e-6);
  const double x_pad = std::max(0.5, 0.04 * last_day);
  Axis x{-x_pad, last_day + x_pad,
         "Days since the first visit (" + readable_local(first_visit_utc).substr(0, 10) + ")"};
  x.min_step = 1.0;
  Plot plot("##trend", size, x,
            {std::min(0.0, lo - pad), hi + pad, p.unit.empty() ? store::label_for(p.key) : p.unit});
  for (const auto& s : p.limbs) {
    if (!s.reliability.defined || s.points.empty()) continue;
    const double base = s.points.front().summary.mean;
    const ImU32 band = (side_colour(s.limb) & 0x00FFFFFF) | 0x28000000;  // translucent
    plot.fill_rect(-x_pad, base - s.reliability.mdc95, last_day + x_pad, base + s.reliability.mdc95,
                   band);
  }
  for (const auto& s : p.limbs) {
    std::vector<ImVec2> line;
    for (const auto& point : s.points) {
      line.push_back({static_cast<float>(days_between(first_visit_utc, point.visit_utc)),
                      static_cast<float>(point.summary.mean)});
    }
    plot.polyline(line, side_colour(s.limb), 2.0f);
    for (std::size_t i = 0; i < s.points.size(); ++i) {
      const auto& point = s.points[i];
      const ImU32 mark = !point.beyond_mdc ? side_colour(s.limb)
                         : point.improved  ? theme::kGood
                                           : theme::kBad;
      plot.dot(line[i].x, line[i].y, point.beyond_mdc ? 7.0f : 4.5f, mark);
    }
  }
}

}  // namespace stance::app
