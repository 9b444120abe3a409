#pragma once
// How a clinician reads a figure at a glance (issue 16, item 2): the limb symmetry's traffic-light
// band with its named threshold, and the published reference a key figure can be set against,
// with its population, protocol and device. One definition for the dashboard, the sheet and the
// exports. Thresholds and sources: docs/interpretation.md.
#include <cstdint>
#include <optional>
#include <string>

#include "core/recording.hpp"
#include "core/symmetry.hpp"

namespace stance {

enum class Band : std::uint8_t { kNone, kGood, kCaution, kConcern };

// The return-to-sport criterion: LSI above 90 % (Gokeler et al. 2017; Grindem et al. 2016).
inline constexpr double kLsiCriterionPercent = 90.0;

// LSI (deficit below 100 %, symmetry.hpp): ≥ 90 % good, below it a concern.
Band lsi_band(double lsi_percent);
// Asymmetry (R − L) / max × 100 % when no involved side is known: |a| < 10 % good, 10–25 %
// caution, > 25 % concern (the bands of VALD HumanTrak, CLINICAL.md).
Band asymmetry_band(double asymmetry_percent);

// A symmetry as a table cell shows it: "78% <90" for an LSI (flagged below 90 %), "asym. -20%"
// without an involved side, "-" when undefined; with its band.
struct SymmetryCell {
  std::string text;
  Band band = Band::kNone;
};
SymmetryCell symmetry_cell(const LimbSymmetry& symmetry);

// The equation and threshold in words, for every screen and sheet that shows an LSI.
std::string lsi_equation_text();
std::string asymmetry_equation_text();

// A published reference for one key figure of one condition: what was measured, in whom, how.
struct PublishedReference {
  int number = 0;          // its footnote number on the sheet, stable across builds
  std::string values;      // e.g. "controls 8.4 ± 5.1°, PFP 16.8 ± 5.4°"
  std::string population;  // e.g. "30 pain-free women and 12 with patellofemoral pain"
  std::string protocol;    // e.g. "single-leg squat to 45-60° of knee flexion"
  std::string device;      // e.g. "2-D frontal video, skin markers"
  std::string source;      // e.g. "Herrington 2014, Knee 21:514-517"
};

// None when nothing published matches the condition and figure (then the screen says so).
std::optional<PublishedReference> published_reference(Task task, Eyes eyes,
                                                      const std::string& key_figure);
// "controls 8.4 ± 5.1°, PFP 16.8 ± 5.4° [1]": the table cell.
std::string reference_cell(const PublishedReference& reference);
// "[1] Herrington 2014 …: population; protocol; device.": the footnote.
std::string reference_note(const PublishedReference& reference);

}  // namespace stance
