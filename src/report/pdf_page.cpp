#include "report/pdf_page.hpp"

#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdio>

namespace stance::report {
namespace {

constexpr const char* kFont = "DejaVu Sans";

// Shows `s` at (x, y) with pango; width > 0 wraps it (wrap) or ellipsizes it. Returns its height.
double show_text(cairo_t* cr, double x, double y, const std::string& s, double size, bool bold,
                 double width, bool wrap) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, kFont);
  pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
  pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout, font);
  if (width > 0) {
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    if (wrap) {
      pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
    } else {
      pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
    }
  }
  pango_layout_set_text(layout, s.c_str(), -1);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  pango_font_description_free(font);
  g_object_unref(layout);
  return static_cast<double>(h) / PANGO_SCALE;
}

}  // namespace

double Page::text(double x, double at_y, const std::string& s, double size, bool bold, Rgb colour,
                  double max_width) {
  set_colour(colour);
  return show_text(cr_, x, at_y, s, size, bold, max_width, false);
}

void Page::paragraph(const std::string& s, double size, Rgb colour) {
  set_colour(colour);
  y += show_text(cr_, kMargin, y, s, size, false, content_width(), true) + 2;
}

void Page::heading(const std::string& s) {
  y += 6;
  y += text(kMargin, y, s, 11, true, kAccent) + 1;
  rule();
}

void Page::rule() {
  set_colour(kRule);
  cairo_set_line_width(cr_, 0.6);
  cairo_move_to(cr_, kMargin, y);
  cairo_line_to(cr_, width_ - kMargin, y);
  cairo_stroke(cr_);
  y += 3;
}

void Page::row(const std::vector<std::string>& cells, const std::vector<double>& columns,
               double size, bool bold, Rgb colour) {
  row(cells, columns, size, std::vector<Rgb>(cells.size(), colour), bold);
}

void Page::row(const std::vector<std::string>& cells, const std::vector<double>& columns,
               double size, const std::vector<Rgb>& colours, bool bold) {
  double h = 0;
  for (std::size_t i = 0; i < cells.size() && i < columns.size(); ++i) {
    const double end = i + 1 < columns.size() ? columns[i + 1] : content_width();
    const Rgb colour = i < colours.size() ? colours[i] : kInk;
    h = std::max(h,
                 text(kMargin + columns[i], y, cells[i], size, bold, colour, end - columns[i] - 4));
  }
  y += h + 1;
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

}  // namespace stance::report
