#pragma once
// The sheet's progress section: per condition one row of small trend charts, one per key figure
// and side, each visit's mean with the MDC95 band around the baseline (docs/progress.md).
#include "report/pdf_page.hpp"

namespace stance::report {

// Draws nothing when the sheet has no progress; moves the page's cursor below the section. A
// condition whose charts would reach below `bottom` (pt) is left out, and the section says which
// ones and where to see them: the sheet stays one page.
void draw_progress(Page& page, const SheetData& data, double bottom);

}  // namespace stance::report
