#include "cli/knee_report_text.hpp"

#include <string>

#include "support/format.hpp"

namespace stance::cli {
namespace {

std::string degrees(const std::optional<double>& v) {
  return v ? fixed(*v, 1) : "—";
}

}  // namespace

void print_knee_squats(std::ostream& out, const knee::KneeFigures& t) {
  if (t.squats.empty()) {
    out << "No squats found.\n";
  } else {
    out << pad("Squat", 7) << pad("start (s)", 11) << pad("end (s)", 9) << pad("peak FPPA (°)", 15)
        << pad("at bottom (°)", 15) << pad("range (°)", 11) << "frames with FPPA\n";
    for (const knee::KneeSquat& q : t.squats) {
      out << pad(std::to_string(q.index), 7) << pad(fixed(q.start_s, 2), 11)
          << pad(fixed(q.end_s, 2), 9) << pad(degrees(q.peak_fppa_deg), 15)
          << pad(degrees(q.bottom_fppa_deg), 15) << pad(degrees(q.range_deg), 11) << q.fppa_frames
          << " of " << q.frames << (q.complete ? "" : " (not wholly on video)") << "\n";
    }
    out << "\npeak: the most valgus FPPA in the squat; at bottom: when the hip is lowest; range: "
           "max − min\nFPPA during the squat (the knee's wobble).\n";
  }
  out << "\nMean of squats 1–4 (Kwok & Kong 2024), " << t.squats_in_mean << " squats: peak FPPA "
      << degrees(t.mean_peak_fppa_deg) << "°, at bottom " << degrees(t.mean_bottom_fppa_deg)
      << "°, range " << degrees(t.mean_range_deg) << "°\n"
      << "Standing FPPA before the first squat: " << degrees(t.standing_fppa_deg) << "°\n"
      << "For comparison (Herrington 2014, single-leg squat): controls 8.4 ± 5.1°, patellofemoral "
         "pain 16.8 ± 5.4°;\na change smaller than about 8° between visits is within the test's "
         "noise (Munro et al. 2012).\n";
  for (const std::string& n : t.notes) out << "Note: " << n << "\n";
}

}  // namespace stance::cli
