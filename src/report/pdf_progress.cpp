#include "report/pdf_progress.hpp"

#include <algorithm>
#include <cmath>

#include "store/trial_metrics.hpp"

namespace stance::report {
namespace {

constexpr double kChartGap = 12;       // pt between charts
constexpr double kPlotHeight = 44;     // pt, the plotting area of a chart
constexpr double kAxisWidth = 24;      // pt left of the plotting area for the value labels
constexpr double kRowHeight = 84;      // pt: condition name, title, plot, dates, MDC caption
constexpr double kMarkerRadius = 1.8;  // pt

// Decimals that show a value to about three significant digits (e.g. 21.3 mm/s, 412 mm²).
int decimals_for(double v) {
  const double a = std::abs(v);
  return a >= 100 ? 0 : a >= 10 ? 1 : 2;
}

std::string date_only(const std::string& utc) {
  return utc.substr(0, 10);
}

void draw_chart(Page& page, double x, double y, double w, const store::MetricProgress& m,
                const store::LimbSeries& s) {
  cairo_t* cr = page.cr();
  page.text(x, y, side_name(s.limb) + ": " + store::label_for(m.key) + " (" + m.unit + ")", 6, true,
            kInk, w);
  const double top = y + 10;
  const double left = x + kAxisWidth;
  const double pw = w - kAxisWidth;
  const double baseline = s.points.front().summary.mean;
  const double mdc = s.reliability.defined ? s.reliability.mdc95 : 0.0;
  double lo = baseline - mdc, hi = baseline + mdc;
  for (const store::VisitPoint& p : s.points) {
    lo = std::min(lo, p.summary.mean);
    hi = std::max(hi, p.summary.mean);
  }
  const double pad = std::max(0.1 * (hi - lo), 0.05 * std::abs(baseline) + 1e-9);
  // Sway, area and wobble are never negative: the axis stops at 0 even when the band would not.
  lo = lo >= 0 ? std::max(0.0, lo - pad) : lo - pad;
  hi += pad;
  const auto py = [&](double v) { return top + kPlotHeight - (v - lo) / (hi - lo) * kPlotHeight; };
  const std::size_t n = s.points.size();
  // Sessions equally spaced (a visit each), the first at the left edge and this one at the right.
  const auto px = [&](std::size_t i) {
    return n < 2 ? left + pw / 2
                 : left + 4 + (pw - 8) * static_cast<double>(i) / static_cast<double>(n - 1);
  };
  if (mdc > 0) {
    page.set_colour(kBand);
    cairo_rectangle(cr, left, py(baseline + mdc), pw, py(baseline - mdc) - py(baseline + mdc));
    cairo_fill(cr);
  }
  page.set_colour(kRule);
  cairo_set_line_width(cr, 0.5);
  cairo_rectangle(cr, left, top, pw, kPlotHeight);
  cairo_stroke(cr);
  const double dashes[] = {2.0, 1.5};
  cairo_set_dash(cr, dashes, 2, 0);
  page.set_colour(kMuted);
  cairo_move_to(cr, left, py(baseline));
  cairo_line_to(cr, left + pw, py(baseline));
  cairo_stroke(cr);
  cairo_set_dash(cr, nullptr, 0, 0);
  const int d = decimals_for(hi);
  page.text(x, top - 3, fixed(hi, d), 5.5, false, kMuted, kAxisWidth - 2);
  page.text(x, py(baseline) - 4, fixed(baseline, d), 5.5, false, kMuted, kAxisWidth - 2);
  page.text(x, top + kPlotHeight - 6, fixed(lo, d), 5.5, false, kMuted, kAxisWidth - 2);

  page.set_colour(kAccent);
  cairo_set_line_width(cr, 0.8);
  path_through(cr, n, [&](std::size_t i) {
    return std::pair{px(i), py(s.points[i].summary.mean)};
  });
  cairo_stroke(cr);
  // Beyond the MDC: filled, green when better and red when worse; within it: hollow.
  for (std::size_t i = 0; i < n; ++i) {
    const store::VisitPoint& p = s.points[i];
    cairo_new_path(cr);
    cairo_arc(cr, px(i), py(p.summary.mean), kMarkerRadius * (i + 1 == n ? 1.4 : 1.0), 0, 2 * M_PI);
    if (p.beyond_mdc) {
      page.set_colour(p.improved ? kGood : kBad);
      cairo_fill(cr);
    } else {
      cairo_set_source_rgb(cr, 1, 1, 1);
      cairo_fill_preserve(cr);
      page.set_colour(kAccent);
      cairo_set_line_width(cr, 0.7);
      cairo_stroke(cr);
    }
  }
  const double below = top + kPlotHeight + 1;
  page.text(left, below, date_only(s.points.front().visit_utc), 5.5, false, kMuted, pw / 2);
  if (n > 1) {
    page.text(left + pw - 34, below, date_only(s.points.back().visit_utc), 5.5, false, kMuted, 34);
  }
  const store::VisitPoint& last = s.points.back();
  const int dv = decimals_for(last.summary.mean);
  std::string caption = "now " + fixed(last.summary.mean, dv) + " (" +
                        (last.change >= 0 ? "+" : "") + fixed(last.change, dv) + ")";
  caption += s.reliability.defined
                 ? ", MDC95 " + fixed(mdc, decimals_for(mdc)) + (last.beyond_mdc ? " *" : "")
                 : ", MDC unknown";
  page.text(x, below + 8, caption, 6, false,
            last.beyond_mdc ? (last.improved ? kGood : kBad) : kInk, w);
}

}  // namespace

void draw_progress(Page& page, const SheetData& data, double bottom) {
  if (!data.with_progress) return;
  page.heading("Progress: each visit's mean of the valid trials, band = baseline ± MDC95");
  if (data.progress.empty()) {
    page.paragraph("No earlier visits with these figures.", 7.5, kMuted);
    return;
  }
  const double w = (page.content_width() - 3 * kChartGap) / 4;
  std::string left_out;
  for (const SheetCondition& c : sheet_conditions(data)) {
    std::vector<std::pair<const store::MetricProgress*, const store::LimbSeries*>> charts;
    for (const store::MetricProgress& m : data.progress) {
      if (m.task != c.task || (c.task == Task::kSingleLegStance && m.eyes != c.eyes)) continue;
      for (const store::LimbSeries& s : m.limbs) {
        if (!s.points.empty()) charts.emplace_back(&m, &s);
      }
    }
    if (charts.empty()) continue;
    const double rows = static_cast<double>((charts.size() + 3) / 4);
    if (page.y + rows * kRowHeight > bottom) {
      left_out += (left_out.empty() ? "" : "; ") + condition_name(c);
      continue;
    }
    std::size_t visits = 0;
    for (const auto& chart : charts) visits = std::max(visits, chart.second->points.size());
    page.text(kMargin, page.y,
              condition_name(c) + ": " + std::to_string(visits) + " visit(s) up to this one", 7.5,
              true);
    page.y += 11;
    for (std::size_t i = 0; i < charts.size(); ++i) {
      if (i > 0 && i % 4 == 0) page.y += kRowHeight - 11;
      draw_chart(page, kMargin + static_cast<double>(i % 4) * (w + kChartGap), page.y, w,
                 *charts[i].first, *charts[i].second);
    }
    page.y += kRowHeight - 11;
  }
  if (!left_out.empty()) {
    page.paragraph("Not drawn for room on this page: the progress of " + left_out +
                       " (the dashboard's History and `stance history PATIENT` show it).",
                   7, kInk);
  }
  page.paragraph(
      "Filled green: beyond the MDC95, better; filled red: beyond, worse; hollow: within the "
      "test's noise; dashed: baseline (first visit); the last point is this visit. MDC from "
      "this patient's trial-to-trial spread, which leaves out day-to-day change "
      "(docs/progress.md).",
      6, kMuted);
}

}  // namespace stance::report
