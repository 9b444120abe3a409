#pragma once
// Everything one test sheet shows, in display units, gathered before any drawing: the PDF, the
// CSV and the JSON exports are all made from this one structure (docs/test-sheet.md).
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis_summary.hpp"
#include "core/key_figures.hpp"
#include "core/recording.hpp"
#include "core/trial_analysis.hpp"
#include "store/descriptor_values.hpp"
#include "store/model.hpp"
#include "store/progress.hpp"

namespace stance::report {

enum class Paper : std::uint8_t { kA4, kLetter };

struct SheetRep {
  int index = 0;
  double depth_cm = 0.0, descent_s = 0.0, ascent_s = 0.0;
  double steadiness_index = 0.0;
  bool acceptable = true;
  std::optional<double> peak_fppa_deg;  // the camera's, when one filmed the squat's markers
};

struct SheetTrial : TrialCondition {
  bool valid = true;
  std::vector<std::string> reasons;  // why not valid, or what qualifies it
  bool plate_not_verified = false;   // recorded on a plate whose known-mass check failed or aged
  std::vector<KeyFigure> figures;
  std::vector<SheetRep> reps;
  std::optional<double> steadiness_index;  // the trial's, squats; none without a rep used
  // The statokinesigram at 50 points per second, mm, and its 95% ellipse (semi-axes 0: none,
  // as for analyses stored before schema 3; the plot is then centred on the trace's mean).
  std::vector<float> cop_ml_mm, cop_ap_mm;
  double ellipse_cx_mm = 0, ellipse_cy_mm = 0, ellipse_a_mm = 0, ellipse_b_mm = 0;
  double ellipse_angle_rad = 0;
  // Vertical force at 50 per second (N), and the repetitions (s from the start).
  std::vector<float> fz_n;
  double fz_rate_hz = 50.0;
  double body_weight_n = 0.0;
  std::vector<std::pair<double, double>> rep_spans_s;
  // From the store (empty or 0 for a sheet made straight from recordings): the trial's id, the
  // session (protocol run) it was recorded in and that protocol's name, its one-line verdict,
  // the version that analysed it and every stored metric (store/model.hpp).
  std::int64_t trial_id = 0;
  std::int64_t session_id = 0;
  std::string protocol;
  std::string verdict;
  std::string analysed_by;
  std::vector<store::Metric> stored_metrics;
  // Every COP descriptor of the trial's analysis (the research exports carry them all).
  std::vector<store::DescriptorValue> descriptors;
};

struct SheetData {
  std::string clinic = "Stance clinic";
  std::string patient_code;
  std::string patient_name;  // empty when pseudonymised or unknown
  int birth_year = 0;        // 0: not shown
  std::string date_utc;      // when the visit began (its first session)
  // Of the visit's sessions, each different one once, joined with ", " (or "; " for protocols).
  std::string clinician;
  std::string plate;  // serial and layout
  std::string protocol;
  Limb involved = Limb::kUnspecified;
  std::vector<SheetTrial> trials;
  std::string comment;  // the clinician's, printed in the comment box
  std::string software = "Stance " STANCE_VERSION;
  bool pseudonymised = false;
  // From the store: the visit, the patient's other fields, the clinic's logo (a PNG drawn in
  // the header when not empty) and the progress of the key figures up to this visit.
  std::int64_t visit_id = 0;
  std::string visit_date;  // the visit's local day, YYYY-MM-DD
  store::Sex sex = store::Sex::kUnspecified;
  std::filesystem::path logo_png;
  bool with_progress = false;
  std::vector<store::MetricProgress> progress;
};

// A test condition: the sheet summarises, plots and follows each one on its own (eyes open and
// closed are never averaged together).
struct SheetCondition {
  Task task = Task::kSingleLegStance;
  Eyes eyes = Eyes::kOpen;
  auto operator<=>(const SheetCondition&) const = default;
};

std::string condition_name(const SheetCondition& c);  // e.g. "Single-leg stance, eyes open"
// The sheet's conditions in display order: stance before squat, eyes open before closed.
std::vector<SheetCondition> sheet_conditions(const SheetData& data);
// The key figures of one condition in the sheet's order, and each one's per-side summary and
// limb symmetry (summarize_key_figures over the condition's trials).
struct ConditionSummary {
  std::vector<KeyFigure> rows;  // the first trial's figures: keys, labels, units, decimals
  std::map<std::string, MetricSessionSummary> by_key;
};
ConditionSummary condition_summary(const SheetData& data, const SheetCondition& c);

// One trial's sheet entry: its condition, what is kept of its analysis, its key figures, and the
// traces of its recording (no plots when `recording` is null: it could not be read).
SheetTrial sheet_trial(const TrialCondition& condition, const AnalysisSummary& analysis,
                       std::vector<KeyFigure> figures, const Recording* recording);
// The same from a recording and the analysis just made of it.
SheetTrial sheet_trial(const Recording& recording, const TrialAnalysis& analysis);

// Leaves out the name and birth year, keeps the pseudonymous code (issue 7, item 3).
SheetData pseudonymised(SheetData data);

}  // namespace stance::report
