#include "report/pdf_plots.hpp"

#include <algorithm>
#include <cmath>

namespace stance::report {
namespace {

// The statokinesigram of one trial in a square box: 1 mm is 1 mm both ways.
void draw_cop_box(Page& page, double x, double y, double size, const SheetTrial& t,
                  double caption_width) {
  cairo_t* cr = page.cr();
  constexpr double kSpanMm = 120.0;
  const double scale = size / kSpanMm;
  const double cx = t.ellipse_cx_mm, cy = t.ellipse_cy_mm;
  const auto px = [&](double ml) { return x + size / 2 + (ml - cx) * scale; };
  const auto py = [&](double ap) { return y + size / 2 - (ap - cy) * scale; };
  page.set_colour(kRule);
  cairo_set_line_width(cr, 0.5);
  cairo_rectangle(cr, x, y, size, size);
  cairo_stroke(cr);
  cairo_save(cr);
  cairo_rectangle(cr, x, y, size, size);
  cairo_clip(cr);
  page.set_colour(kAccent);
  cairo_set_line_width(cr, 0.4);
  path_through(cr, t.cop_ml_mm.size(), [&](std::size_t i) {
    return std::pair{px(t.cop_ml_mm[i]), py(t.cop_ap_mm[i])};
  });
  cairo_stroke(cr);
  if (t.ellipse_a_mm > 0) {
    cairo_save(cr);
    cairo_translate(cr, px(cx), py(cy));
    cairo_rotate(cr, -t.ellipse_angle_rad);  // page y runs down
    cairo_scale(cr, t.ellipse_a_mm * scale, t.ellipse_b_mm * scale);
    cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
    cairo_restore(cr);
    page.set_colour(kEllipse);
    cairo_set_line_width(cr, 1.0);
    cairo_stroke(cr);
  }
  cairo_restore(cr);
  page.text(x, y + size + 1, trial_name(t), 7, false, kInk, caption_width);
  page.text(x, y + size + 10, "120 × 120 mm, ML → right, AP ↑ fwd", 6, false, kMuted,
            caption_width);
}

// Vertical force over time with the repetitions shaded and the body-weight line.
void draw_force_box(Page& page, double x, double y, double w, double h, const SheetTrial& t) {
  cairo_t* cr = page.cr();
  const double duration = static_cast<double>(t.fz_n.size()) / t.fz_rate_hz;
  // The force's own range (not from 0 N), so the dips and peaks of the squats can be seen.
  double lo = INFINITY, hi = -INFINITY;
  for (float f : t.fz_n) lo = std::min(lo, double(f)), hi = std::max(hi, double(f));
  if (!(hi >= lo)) lo = 0.0, hi = 1.0;
  const double pad = std::max(0.1 * (hi - lo), 20.0);
  const double bottom = std::max(0.0, lo - pad), top = hi + pad;
  const auto px = [&](double s) { return x + s / std::max(duration, 1.0) * w; };
  const auto py = [&](double n) { return y + h - (n - bottom) / (top - bottom) * h; };
  page.set_colour(kBand);
  for (const auto& [a, b] : t.rep_spans_s) {
    cairo_rectangle(cr, px(a), y, px(b) - px(a), h);
    cairo_fill(cr);
  }
  page.set_colour(kRule);
  cairo_set_line_width(cr, 0.5);
  cairo_rectangle(cr, x, y, w, h);
  cairo_stroke(cr);
  page.set_colour(kAccent);
  path_through(cr, t.fz_n.size(), [&](std::size_t i) {
    return std::pair{px(static_cast<double>(i) / t.fz_rate_hz), py(t.fz_n[i])};
  });
  cairo_stroke(cr);
  if (t.body_weight_n > 0) {
    page.set_colour(kBad);
    cairo_move_to(cr, x, py(t.body_weight_n));
    cairo_line_to(cr, x + w, py(t.body_weight_n));
    cairo_stroke(cr);
  }
  page.text(x, y + h + 1,
            trial_name(t) + ": " + fixed(bottom, 0) + "-" + fixed(top, 0) + " N, " +
                fixed(duration, 0) + " s; red: body weight " + fixed(t.body_weight_n, 0) +
                " N; shaded: squats",
            6.5, false, kMuted, w);
}

// One trial per side and condition is drawn: the first valid one (else the first).
const SheetTrial* first_trial(const SheetData& data, const SheetCondition& c, Limb limb) {
  const SheetTrial* any = nullptr;
  for (const SheetTrial& t : data.trials) {
    if (t.task != c.task || t.limb != limb) continue;
    if (t.task == Task::kSingleLegStance && t.eyes != c.eyes) continue;
    if (t.valid) return &t;
    if (any == nullptr) any = &t;
  }
  return any;
}

}  // namespace

void draw_plots(Page& page, const SheetData& data, double cop_box_pt, double force_height_pt) {
  std::vector<const SheetTrial*> cop, force;
  for (const SheetCondition& c : sheet_conditions(data)) {
    for (Limb limb : {Limb::kLeft, Limb::kRight}) {
      if (const SheetTrial* t = first_trial(data, c, limb)) {
        cop.push_back(t);
        if (c.task == Task::kSingleLegSquat) force.push_back(t);
      }
    }
  }
  if (cop.empty()) return;
  page.heading("Statokinesigrams (COP, with the 95% ellipse)" +
               std::string(force.empty() ? "" : " and vertical force"));
  constexpr double kGap = 16;  // pt between boxes
  const auto n = static_cast<double>(cop.size());
  const double box = std::min(cop_box_pt, (page.content_width() - (n - 1) * kGap) / n);
  // Captions may use the room beside a box when the boxes are few.
  const double caption = std::min(box + 60, page.content_width() / n - 4);
  double x = kMargin;
  for (const SheetTrial* t : cop) {
    draw_cop_box(page, x, page.y, box, *t, caption);
    x += std::max(box + kGap, caption + 4);
  }
  page.y += box + 20;
  const double w = (page.content_width() - 12) / 2;
  x = kMargin;
  for (const SheetTrial* t : force) {
    draw_force_box(page, x, page.y, w, force_height_pt, *t);
    x += w + 12;
  }
  if (!force.empty()) page.y += force_height_pt + 14;
}

}  // namespace stance::report
