#pragma once
// The drawing helpers of the test sheet's PDF: a cursor down the page, text with pango, rules and
// table rows, all in points (1/72 inch). Shared by the sheet's parts (pdf_*.cpp).
#include <cairo.h>

#include <string>
#include <utility>
#include <vector>

#include "report/sheet_data.hpp"
#include "support/format.hpp"

namespace stance::report {

constexpr double kMargin = 36.0;  // pt (0.5 inch)

struct Rgb {
  double r, g, b;
};
constexpr Rgb kInk{0.1, 0.1, 0.1}, kMuted{0.45, 0.45, 0.45}, kAccent{0.12, 0.39, 0.78},
    kEllipse{0.9, 0.47, 0.08}, kBad{0.78, 0.12, 0.12}, kGood{0.12, 0.55, 0.27},
    kBand{0.85, 0.9, 0.97}, kRule{0.8, 0.8, 0.8}, kCaution{0.72, 0.47, 0.0};

class Page {
 public:
  Page(cairo_t* cr, double width) : cr_(cr), width_(width) {}

  double y = kMargin;
  double content_width() const { return width_ - 2 * kMargin; }

  // Text at (x, at_y) in the given size (pt); returns its height. max_width > 0 ellipsizes it.
  double text(double x, double at_y, const std::string& s, double size, bool bold = false,
              Rgb colour = kInk, double max_width = 0);
  // A paragraph wrapped to the content width; moves the cursor down.
  void paragraph(const std::string& s, double size, Rgb colour = kInk);
  void heading(const std::string& s);
  void rule();
  // One table row: cells at the given column starts (pt from the margin).
  void row(const std::vector<std::string>& cells, const std::vector<double>& columns, double size,
           bool bold = false, Rgb colour = kInk);
  // The same with a colour per cell (e.g. a flagged limb symmetry).
  void row(const std::vector<std::string>& cells, const std::vector<double>& columns, double size,
           const std::vector<Rgb>& colours, bool bold = false);

  cairo_t* cr() { return cr_; }
  void set_colour(Rgb c) { cairo_set_source_rgb(cr_, c.r, c.g, c.b); }

 private:
  cairo_t* cr_;
  double width_;
};

std::string side_name(Limb limb);             // "Left", "Right", "Side?"
std::string trial_name(const SheetTrial& t);  // e.g. "Left, stance, eyes open, trial 2"

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

}  // namespace stance::report
