#pragma once
// Colours and style: light, high-contrast, large type, so the state and the figures can be read
// from two metres away; red is kept for what invalidates a trial.
#include <imgui.h>

#include "app/platform.hpp"
#include "core/interpretation.hpp"

namespace stance::app::theme {

inline const ImU32 kAccent = IM_COL32(30, 100, 200, 255);     // the live trace, buttons
inline const ImU32 kEllipse = IM_COL32(230, 120, 20, 255);    // the 95% ellipse
inline const ImU32 kGood = IM_COL32(30, 140, 70, 255);        // valid, recording
inline const ImU32 kCaution = IM_COL32(200, 140, 0, 255);     // settling, qualifies
inline const ImU32 kBad = IM_COL32(200, 30, 30, 255);         // invalid, unplugged
inline const ImU32 kMuted = IM_COL32(120, 120, 120, 255);     // outlines, idle
inline const ImU32 kBodyWeight = IM_COL32(200, 30, 30, 200);  // the body-weight line
inline const ImU32 kRepBand = IM_COL32(30, 100, 200, 40);     // a repetition in time
inline const ImU32 kFppa = IM_COL32(150, 40, 170, 255);       // the knee's angle (camera)
inline const ImU32 kText = IM_COL32(25, 25, 25, 255);

ImVec4 colour(ImU32 c);
ImU32 band_colour(Band band);  // good green, caution amber, concern red, none the text's
void apply(const Fonts& fonts);

}  // namespace stance::app::theme
