#include "core/interpretation.hpp"

#include <cmath>
#include <cstdio>

namespace stance {

Band lsi_band(double lsi_percent) {
  if (!std::isfinite(lsi_percent)) return Band::kNone;
  return lsi_percent >= kLsiCriterionPercent ? Band::kGood : Band::kConcern;
}

Band asymmetry_band(double asymmetry_percent) {
  if (!std::isfinite(asymmetry_percent)) return Band::kNone;
  const double a = std::abs(asymmetry_percent);
  if (a < 10.0) return Band::kGood;
  return a <= 25.0 ? Band::kCaution : Band::kConcern;
}

SymmetryCell symmetry_cell(const LimbSymmetry& s) {
  char text[48];
  if (s.lsi_defined) {
    const Band band = lsi_band(s.lsi_percent);
    std::snprintf(text, sizeof text, "%.0f%%%s", s.lsi_percent,
                  band == Band::kConcern ? " <90" : "");
    return {text, band};
  }
  if (s.defined) {
    std::snprintf(text, sizeof text, "asym. %+.0f%%", s.asymmetry_percent);
    return {text, asymmetry_band(s.asymmetry_percent)};
  }
  return {"-", Band::kNone};
}

std::string lsi_equation_text() {
  return "LSI (limb symmetry index) = involved / uninvolved x 100% where higher is better "
         "(depth, repetitions), uninvolved / involved x 100% where lower is better (sway, "
         "steadiness, FPPA): below 100% the involved side does worse; below 90% (the "
         "return-to-sport criterion, Grindem et al. 2016) it is flagged. One of the nine "
         "equations in use (Bishop et al. 2016).";
}

std::string asymmetry_equation_text() {
  return "Asymmetry (no involved side known) = (right - left) / max(|right|, |left|) x 100%; "
         "bands: under 10% green, 10-25% amber, over 25% red (VALD HumanTrak's).";
}

std::optional<PublishedReference> published_reference(Task task, Eyes eyes,
                                                      const std::string& key_figure) {
  if (task == Task::kSingleLegSquat && key_figure == "knee_peak_fppa") {
    return PublishedReference{
        1,
        "healthy 8.4°, PFP 16.8°",
        "30 pain-free controls, 8.4 ± 5.1°, and 12 people with patellofemoral pain, 16.8 ± 5.4° "
        "(mean ± SD)",
        "single-leg squat to 45-60° of knee flexion over 5 s",
        "2-D frontal video, skin markers",
        "Herrington 2014, Knee 21:514-517"};
  }
  if (task == Task::kSingleLegStance && eyes == Eyes::kOpen && key_figure == "ellipse_area_95") {
    return PublishedReference{2,
                              "823-886 mm²",
                              "144 football players",
                              "single-leg stance, eyes open",
                              "Good Balance force platform",
                              "BJSM table (CLINICAL.md, Norms)"};
  }
  if (task == Task::kSingleLegStance && eyes == Eyes::kClosed && key_figure == "mean_velocity") {
    return PublishedReference{3,
                              "86-91 mm/s",
                              "24 rugby players",
                              "single-leg stance, eyes closed, 2 x 20 s",
                              "force platform",
                              "J Sports Sci Med 2018;17:174-180"};
  }
  return std::nullopt;
}

std::string reference_cell(const PublishedReference& reference) {
  return reference.values + " [" + std::to_string(reference.number) + "]";
}

std::string reference_note(const PublishedReference& reference) {
  return "[" + std::to_string(reference.number) + "] " + reference.source + ": " +
         reference.population + "; " + reference.protocol + "; " + reference.device + ".";
}

}  // namespace stance
