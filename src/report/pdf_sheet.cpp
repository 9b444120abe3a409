#include "report/pdf_sheet.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <utility>

#include "core/symmetry.hpp"
#include "recording/atomic_file.hpp"

namespace stance::report {
namespace {

constexpr double kMargin = 36.0;  // pt (0.5 inch)
constexpr const char* kFont = "DejaVu Sans";

struct Rgb {
  double r, g, b;
};
constexpr Rgb kInk{0.1, 0.1, 0.1}, kMuted{0.45, 0.45, 0.45}, kAccent{0.12, 0.39, 0.78},
    kEllipse{0.9, 0.47, 0.08}, kBad{0.78, 0.12, 0.12}, kGood{0.12, 0.55, 0.27},
    kBand{0.85, 0.9, 0.97}, kRule{0.8, 0.8, 0.8};

// A cursor down the page and the drawing helpers, all in points.
class Page {
 public:
  Page(cairo_t* cr, double width) : cr_(cr), width_(width) {}

  double y = kMargin;
  double content_width() const { return width_ - 2 * kMargin; }

  // Text at (x, y) in the given size; returns its height. max_width > 0 ellipsizes it.
  double text(double x, double at_y, const std::string& s, double size, bool bold = false,
              Rgb colour = kInk, double max_width = 0) {
    PangoLayout* layout = pango_cairo_create_layout(cr_);
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, kFont);
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, font);
    if (max_width > 0) {
      pango_layout_set_width(layout, static_cast<int>(max_width * PANGO_SCALE));
      pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
    }
    pango_layout_set_text(layout, s.c_str(), -1);
    cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
    cairo_move_to(cr_, x, at_y);
    pango_cairo_show_layout(cr_, layout);
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    pango_font_description_free(font);
    g_object_unref(layout);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  // A paragraph wrapped to the content width; moves the cursor down.
  void paragraph(const std::string& s, double size, Rgb colour = kInk) {
    PangoLayout* layout = pango_cairo_create_layout(cr_);
    PangoFontDescription* font = pango_font_description_from_string(kFont);
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_layout_set_font_description(layout, font);
    pango_layout_set_width(layout, static_cast<int>(content_width() * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
    pango_layout_set_text(layout, s.c_str(), -1);
    cairo_set_source_rgb(cr_, colour.r, colour.g, colour.b);
    cairo_move_to(cr_, kMargin, y);
    pango_cairo_show_layout(cr_, layout);
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    y += static_cast<double>(h) / PANGO_SCALE + 2;
    pango_font_description_free(font);
    g_object_unref(layout);
  }

  void heading(const std::string& s) {
    y += 6;
    y += text(kMargin, y, s, 11, true, kAccent) + 1;
    rule();
  }

  void rule() {
    cairo_set_source_rgb(cr_, kRule.r, kRule.g, kRule.b);
    cairo_set_line_width(cr_, 0.6);
    cairo_move_to(cr_, kMargin, y);
    cairo_line_to(cr_, width_ - kMargin, y);
    cairo_stroke(cr_);
    y += 3;
  }

  // One table row: cells at the given column starts (relative to the margin).
  void row(const std::vector<std::string>& cells, const std::vector<double>& columns, double size,
           bool bold = false, Rgb colour = kInk) {
    double h = 0;
    for (std::size_t i = 0; i < cells.size() && i < columns.size(); ++i) {
      const double end = i + 1 < columns.size() ? columns[i + 1] : content_width();
      h = std::max(
          h, text(kMargin + columns[i], y, cells[i], size, bold, colour, end - columns[i] - 4));
    }
    y += h + 1;
  }

  cairo_t* cr() { return cr_; }

 private:
  cairo_t* cr_;
  double width_;
};

std::string fixed(double v, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

std::string side_name(Limb limb) {
  return limb == Limb::kLeft ? "Left" : limb == Limb::kRight ? "Right" : "Side?";
}

std::string trial_name(const SheetTrial& t) {
  std::string s = side_name(t.limb) + ", " +
                  (t.task == Task::kSingleLegSquat ? std::string("squat") : std::string("stance"));
  if (t.task == Task::kSingleLegStance)
    s += t.eyes == Eyes::kClosed ? ", eyes closed" : ", eyes open";
  return s + ", trial " + std::to_string(t.attempt);
}

// Key figures per task: each side's mean ± SD of its valid trials and the LSI.
void draw_summary(Page& page, const SheetData& data, Task task) {
  std::vector<KeyFigureTrial> trials;
  for (const SheetTrial& t : data.trials) {
    if (t.task == task) trials.push_back({t.limb, t.valid, t.figures});
  }
  if (trials.empty()) return;
  const std::vector<KeyFigure>& rows = trials.front().figures;
  const auto summary = summarize_key_figures(trials, data.involved);
  page.heading(task == Task::kSingleLegSquat ? "Single-leg squat: key figures"
                                             : "Single-leg stance: key figures");
  const std::vector<double> cols{0, 150, 200, 300, 400, 470};
  page.row({"Figure", "Unit", "Left mean ± SD (n)", "Right mean ± SD (n)", "LSI", "Norm"}, cols, 8,
           true);
  for (const KeyFigure& f : rows) {
    const auto it = summary.find(f.key);
    if (it == summary.end()) continue;
    const auto side = [&](const TrialSummary& s) {
      return s.trials == 0 ? std::string("-")
                           : fixed(s.mean, f.decimals) + " ± " + fixed(s.sd, f.decimals) + " (" +
                                 std::to_string(s.trials) + ")";
    };
    const LimbSymmetry& sym = it->second.symmetry;
    page.row({f.label, f.unit, side(it->second.left), side(it->second.right),
              sym.lsi_defined ? fixed(sym.lsi_percent, 0) + "%" : "-", "no norm"},
             cols, 8);
  }
}

void draw_reps(Page& page, const SheetData& data) {
  bool any = false;
  for (const SheetTrial& t : data.trials) any = any || !t.reps.empty();
  if (!any) return;
  page.heading("Repetitions: depth (cm) and knee-wobble index (0 steady - 100 severe) of each");
  const std::vector<double> cols{0, 150, 250, 330};
  page.row({"Trial", "Depth of reps 1-5", "Wobble of reps", "Trial wobble index"}, cols, 8, true);
  for (const SheetTrial& t : data.trials) {
    if (t.reps.empty()) continue;
    std::string depth, wobble;
    for (const SheetRep& r : t.reps) {
      depth += (depth.empty() ? "" : " ") + fixed(r.depth_cm, 0) + (r.acceptable ? "" : "*");
      wobble += (wobble.empty() ? "" : " ") + fixed(r.wobble_index, 0);
    }
    page.row({trial_name(t), depth, wobble, fixed(t.wobble_index, 0)}, cols, 8, false,
             t.valid ? kInk : kMuted);
  }
  page.text(kMargin, page.y, "* not acceptable: too shallow, too fast or not completed", 7, false,
            kMuted);
  page.y += 10;
}

// A path through point(0) … point(n − 1) (page coordinates), to be stroked by the caller.
template <typename PointAt>
void path_through(cairo_t* cr, std::size_t n, PointAt point) {
  for (std::size_t i = 0; i < n; ++i) {
    const auto [u, v] = point(i);
    if (i == 0) {
      cairo_move_to(cr, u, v);
    } else {
      cairo_line_to(cr, u, v);
    }
  }
}

// The statokinesigram of one trial in a square box: 1 mm is 1 mm both ways.
void draw_cop_box(Page& page, double x, double y, double size, const SheetTrial& t) {
  cairo_t* cr = page.cr();
  constexpr double kSpanMm = 120.0;
  const double scale = size / kSpanMm;
  const double cx = t.ellipse_cx_mm, cy = t.ellipse_cy_mm;
  const auto px = [&](double ml) { return x + size / 2 + (ml - cx) * scale; };
  const auto py = [&](double ap) { return y + size / 2 - (ap - cy) * scale; };
  cairo_set_source_rgb(cr, kRule.r, kRule.g, kRule.b);
  cairo_set_line_width(cr, 0.5);
  cairo_rectangle(cr, x, y, size, size);
  cairo_stroke(cr);
  cairo_save(cr);
  cairo_rectangle(cr, x, y, size, size);
  cairo_clip(cr);
  cairo_set_source_rgb(cr, kAccent.r, kAccent.g, kAccent.b);
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
    cairo_set_source_rgb(cr, kEllipse.r, kEllipse.g, kEllipse.b);
    cairo_set_line_width(cr, 1.0);
    cairo_stroke(cr);
  }
  cairo_restore(cr);
  page.text(x, y + size + 1, trial_name(t), 7, false, kInk, size + 40);
  page.text(x, y + size + 10, "120 × 120 mm, ML → right, AP ↑ fwd", 6, false, kMuted);
}

// Vertical force over time with the repetitions shaded and the body-weight line.
void draw_force_box(Page& page, double x, double y, double w, double h, const SheetTrial& t) {
  cairo_t* cr = page.cr();
  const double duration = static_cast<double>(t.fz_n.size()) / t.fz_rate_hz;
  double top = 1.0;
  for (float f : t.fz_n) top = std::max(top, 1.1 * f);
  const auto px = [&](double s) { return x + s / std::max(duration, 1.0) * w; };
  const auto py = [&](double n) { return y + h - n / top * h; };
  cairo_set_source_rgb(cr, kBand.r, kBand.g, kBand.b);
  for (const auto& [a, b] : t.rep_spans_s) {
    cairo_rectangle(cr, px(a), y, px(b) - px(a), h);
    cairo_fill(cr);
  }
  cairo_set_source_rgb(cr, kRule.r, kRule.g, kRule.b);
  cairo_set_line_width(cr, 0.5);
  cairo_rectangle(cr, x, y, w, h);
  cairo_stroke(cr);
  cairo_set_source_rgb(cr, kAccent.r, kAccent.g, kAccent.b);
  cairo_set_line_width(cr, 0.5);
  path_through(cr, t.fz_n.size(), [&](std::size_t i) {
    return std::pair{px(static_cast<double>(i) / t.fz_rate_hz), py(t.fz_n[i])};
  });
  cairo_stroke(cr);
  if (t.body_weight_n > 0) {
    cairo_set_source_rgb(cr, kBad.r, kBad.g, kBad.b);
    cairo_move_to(cr, x, py(t.body_weight_n));
    cairo_line_to(cr, x + w, py(t.body_weight_n));
    cairo_stroke(cr);
  }
  page.text(x, y + h + 1,
            trial_name(t) + ": vertical force (0-" + fixed(top, 0) + " N) over " +
                fixed(duration, 0) + " s; red: body weight " + fixed(t.body_weight_n, 0) +
                " N; shaded: repetitions",
            6.5, false, kMuted, w);
}

// One valid trial per side and task, drawn: the first valid one (else the first).
const SheetTrial* first_trial(const SheetData& data, Task task, Limb limb) {
  const SheetTrial* any = nullptr;
  for (const SheetTrial& t : data.trials) {
    if (t.task != task || t.limb != limb) continue;
    if (t.valid) return &t;
    if (any == nullptr) any = &t;
  }
  return any;
}

void draw_plots(Page& page, const SheetData& data) {
  std::vector<const SheetTrial*> cop, force;
  for (Task task : {Task::kSingleLegStance, Task::kSingleLegSquat}) {
    for (Limb limb : {Limb::kLeft, Limb::kRight}) {
      if (const SheetTrial* t = first_trial(data, task, limb)) {
        cop.push_back(t);
        if (task == Task::kSingleLegSquat) force.push_back(t);
      }
    }
  }
  if (cop.empty()) return;
  page.heading("Statokinesigrams (COP, with the 95% ellipse) and vertical force");
  const double box = 110;
  double x = kMargin;
  for (const SheetTrial* t : cop) {
    draw_cop_box(page, x, page.y, box, *t);
    x += box + 22;
  }
  page.y += box + 20;
  const double w = (page.content_width() - 12) / 2;
  x = kMargin;
  for (const SheetTrial* t : force) {
    draw_force_box(page, x, page.y, w, 55, *t);
    x += w + 12;
  }
  if (!force.empty()) page.y += 55 + 14;
}

void draw_invalid(Page& page, const SheetData& data) {
  bool any = false;
  for (const SheetTrial& t : data.trials) any = any || !t.valid || !t.reasons.empty();
  if (!any) return;
  page.heading("Invalid trials and reservations (left out of the means when invalid)");
  for (const SheetTrial& t : data.trials) {
    if (t.valid && t.reasons.empty()) continue;
    std::string reasons;
    for (const std::string& r : t.reasons) reasons += (reasons.empty() ? "" : "; ") + r;
    page.paragraph((t.valid ? "qualified  " : "INVALID  ") + trial_name(t) + ": " + reasons, 7.5,
                   t.valid ? kMuted : kBad);
  }
}

void draw_header(Page& page, const SheetData& d) {
  page.text(kMargin, page.y, d.clinic, 14, true, kInk, 300);
  page.text(kMargin + 330, page.y, "Date: " + d.date_utc, 8, false, kInk, 200);
  page.text(kMargin + 330, page.y + 11, "Clinician: " + d.clinician, 8, false, kInk, 200);
  page.text(kMargin + 330, page.y + 22, "Plate: " + d.plate, 8, false, kInk, 200);
  page.y += 20;
  page.text(kMargin, page.y, "Single-leg balance and squat test sheet", 10, false, kMuted, 300);
  page.y += 16;
  std::string who = "Patient: " + d.patient_code;
  if (!d.patient_name.empty()) who += " - " + d.patient_name;
  if (d.birth_year > 0) who += ", born " + std::to_string(d.birth_year);
  if (d.pseudonymised) who += " (pseudonymised)";
  page.text(kMargin, page.y, who, 9, true, kInk, page.content_width());
  page.y += 12;
  page.text(kMargin, page.y,
            "Involved side: " + side_name(d.involved) + ".  Protocol: " + d.protocol, 8, false,
            kInk, page.content_width());
  page.y += 12;
  page.rule();
}

void draw_legend_and_comment(Page& page, const SheetData& d, double bottom) {
  page.heading("Definitions");
  page.paragraph(
      "COP: centre of pressure under the standing foot; ML = medio-lateral, AP = antero-"
      "posterior. Mean COP velocity: path length / time, after a 4th-order 10 Hz zero-phase "
      "low-pass (Ruhe et al. 2010). 95% ellipse: confidence ellipse area (Prieto et al. 1996). "
      "Range: max - min. Depth: drop of the centre of mass, from vertical force. Knee-wobble "
      "index: Stance's own force-plate index of frontal-plane knee control (ML oscillation, "
      "speed, reversals, medial shift), not a valgus angle. LSI = involved / uninvolved x 100%; "
      "for sway and wobble above 100% means the involved side does worse. Means use valid trials "
      "only. No published norm matches this protocol and plate. Full definitions: Stance "
      "docs/metrics.md.",
      7, kMuted);
  page.y = std::max(page.y + 4, bottom - 58);
  page.text(kMargin, page.y, "Clinician's comment:", 8, true);
  cairo_t* cr = page.cr();
  cairo_set_source_rgb(cr, kRule.r, kRule.g, kRule.b);
  cairo_rectangle(cr, kMargin, page.y + 12, page.content_width(), 40);
  cairo_stroke(cr);
  if (!d.comment.empty())
    page.text(kMargin + 4, page.y + 15, d.comment, 8, false, kInk, page.content_width() - 8);
}

}  // namespace

Result<std::vector<std::uint8_t>> render_sheet_pdf(const SheetData& data, Paper paper) {
  const double width = paper == Paper::kA4 ? 595.28 : 612.0;
  const double height = paper == Paper::kA4 ? 841.89 : 792.0;
  std::vector<std::uint8_t> bytes;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      [](void* closure, const unsigned char* d, unsigned int n) {
        auto* out = static_cast<std::vector<std::uint8_t>*>(closure);
        out->insert(out->end(), d, d + n);
        return CAIRO_STATUS_SUCCESS;
      },
      &bytes, width, height);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                 ("Test sheet " + data.patient_code).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, data.software.c_str());
  cairo_t* cr = cairo_create(surface);
  Page page(cr, width);
  draw_header(page, data);
  draw_summary(page, data, Task::kSingleLegStance);
  draw_summary(page, data, Task::kSingleLegSquat);
  draw_reps(page, data);
  draw_plots(page, data);
  draw_invalid(page, data);
  draw_legend_and_comment(page, data, height - kMargin - 14);
  page.text(kMargin, height - kMargin, data.software + "  -  page 1 of 1", 7, false, kMuted);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Error{std::string("the PDF could not be made: ") + cairo_status_to_string(status)};
  }
  return bytes;
}

Status write_sheet_pdf(const SheetData& data, Paper paper, const std::filesystem::path& path) {
  auto bytes = render_sheet_pdf(data, paper);
  if (!bytes) return bytes.error();
  return write_file_atomically(path, *bytes);
}

}  // namespace stance::report
