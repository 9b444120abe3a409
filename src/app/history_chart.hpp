#pragma once
// A metric's trend over a patient's visits, per side: each visit's mean of the valid trials,
// the baseline's MDC95 band (the change the test's own noise can produce, docs/progress.md),
// and the visits whose change from the baseline is beyond it marked better or worse.
#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

#include "store/progress.hpp"

namespace stance::app {

inline const ImU32 kLeftSide = IM_COL32(30, 100, 200, 255);
inline const ImU32 kRightSide = IM_COL32(150, 60, 170, 255);
ImU32 side_colour(Limb limb);

// "Single-leg squat: ML squat steadiness (0-100)", "Single-leg stance, eyes closed: Mean COP
// velocity (mm/s)".
std::string progress_title(const store::MetricProgress& p);

// The x axis is the calendar: days since `first_visit_utc` (the patient's first visit, whatever
// it measured), so visits that did other tests leave no false gaps and the spacing is true.
void draw_trend_chart(const store::MetricProgress& p, const std::string& first_visit_utc,
                      ImVec2 size);

// Days from `from_utc` to `to_utc` (ISO 8601 UTC); 0 when either cannot be read.
double days_between(const std::string& from_utc, const std::string& to_utc);

// The patient's metrics in the order the history view offers them: the key figures first
// (core/key_figures.hpp), squats before stance.
std::vector<const store::MetricProgress*> charted_metrics(
    const std::vector<store::MetricProgress>& all, bool key_figures_only);

// One line per side: its MDC95 and where it comes from, or why it is not known.
std::string mdc_text(const store::MetricProgress& p, const store::LimbSeries& series);

}  // namespace stance::app
