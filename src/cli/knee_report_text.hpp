#pragma once
// The knee's FPPA of a trial for people: every squat's peak, bottom and range, the mean of squats
// 1-4, the standing FPPA, the published values and the notes. `stance knee` (a video) and `stance
// analyze` (a trial filmed with the plate) print the same block.
#include <ostream>

#include "core/knee/knee_types.hpp"

namespace stance::cli {

void print_knee_squats(std::ostream& out, const knee::KneeFigures& t);

}  // namespace stance::cli
