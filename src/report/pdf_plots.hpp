#pragma once
// The sheet's plots: a statokinesigram (COP path with its 95% ellipse) per side and condition,
// and the vertical force of each squat trial with its repetitions.
#include "report/pdf_page.hpp"

namespace stance::report {

// At most `cop_box_pt` wide boxes and `force_height_pt` high force plots (smaller when the
// progress section needs the room); moves the page's cursor below them.
void draw_plots(Page& page, const SheetData& data, double cop_box_pt, double force_height_pt);

}  // namespace stance::report
