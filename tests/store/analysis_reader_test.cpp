// The stored analysis read back (store/analysis_reader.hpp): what the JSON writer kept of a real
// simulated trial comes back as the summary made from the analysis itself, and damaged or hostile
// text is refused with a message naming the trial and the way out, never a crash.
#include "store/analysis_reader.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "core/analysis_policy.hpp"
#include "core/key_figures.hpp"
#include "core/recording_samples.hpp"
#include "device/trial_recorder.hpp"
#include "recording/load_recording.hpp"
#include "simulated/simulated_driver.hpp"
#include "store/analysis_json.hpp"
#include "store/trial_metrics.hpp"

namespace stance::store {
namespace {

struct Analysed {
  Recording recording;
  TrialAnalysis analysis;
  std::string json;
};

Analysed analysed_trial(Task task, const std::string& extra = "") {
  sim::SimulatedDriver driver;
  auto plate = driver.open(std::string("realtime=0,limb=left") +
                           (task == Task::kSingleLegSquat ? ",task=squat" : "") + extra);
  EXPECT_TRUE(plate) << plate.error().message;
  RecordRequest request;
  request.seconds = task == Task::kSingleLegSquat ? 31 : 10;
  request.metadata.task = task;
  request.metadata.limb = Limb::kLeft;
  auto outcome = record_trial(**plate, request);
  EXPECT_TRUE(outcome);
  Analysed out{outcome->recording, {}, {}};
  auto analysis =
      analyze_trial(samples_from_recording(out.recording), analysis_options_for(out.recording));
  EXPECT_TRUE(analysis) << analysis.error().message;
  out.analysis = std::move(*analysis);
  LoadedRecording loaded;
  loaded.format = "stance-trial";
  std::ostringstream json;
  print_trial_json(json, {"trial", &loaded}, out.analysis);
  out.json = json.str();
  return out;
}

// JSON numbers carry 10 significant digits (support/json_writer).
void expect_close(double read, double made, const char* what) {
  EXPECT_NEAR(read, made, 1e-9 * std::max(1.0, std::abs(made))) << what;
}

TEST(AnalysisReaderTest, ASquatTrialComesBackAsItsOwnSummary) {
  const Analysed t = analysed_trial(Task::kSingleLegSquat, ",touchdown_s=20,touchdown_share=0.4");
  const AnalysisSummary made = summarize_analysis(t.analysis);
  const auto read = read_analysis_summary(t.json, "trial 7");
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->task, Task::kSingleLegSquat);
  EXPECT_EQ(read->verdict.valid, made.verdict.valid);
  ASSERT_EQ(read->verdict.findings.size(), made.verdict.findings.size());
  ASSERT_FALSE(made.verdict.findings.empty());  // the touch-down is a finding
  for (std::size_t i = 0; i < made.verdict.findings.size(); ++i) {
    EXPECT_EQ(read->verdict.findings[i].kind, made.verdict.findings[i].kind);
    EXPECT_EQ(read->verdict.findings[i].severity, made.verdict.findings[i].severity);
    EXPECT_EQ(read->verdict.findings[i].detail, made.verdict.findings[i].detail);
    expect_close(read->verdict.findings[i].start_s, made.verdict.findings[i].start_s, "start");
  }
  ASSERT_EQ(read->reps.size(), made.reps.size());
  ASSERT_GE(made.reps.size(), 4u);
  for (std::size_t i = 0; i < made.reps.size(); ++i) {
    EXPECT_EQ(read->reps[i].index, made.reps[i].index);
    expect_close(read->reps[i].depth_m, made.reps[i].depth_m, "depth");
    expect_close(read->reps[i].start_s, made.reps[i].start_s, "start");
    expect_close(read->reps[i].end_s, made.reps[i].end_s, "end");
    EXPECT_EQ(read->reps[i].acceptable(), made.reps[i].acceptable());
    expect_close(read->rep_steadiness.at(made.reps[i].index),
                 made.rep_steadiness.at(made.reps[i].index), "rep steadiness");
  }
  ASSERT_TRUE(read->steadiness && made.steadiness);
  expect_close(*read->steadiness, *made.steadiness, "steadiness");
  expect_close(read->body_weight_n, made.body_weight_n, "body weight");
  ASSERT_TRUE(read->ellipse && made.ellipse);
  expect_close(read->ellipse->semi_major_m, made.ellipse->semi_major_m, "semi-major");
  expect_close(read->ellipse->semi_minor_m, made.ellipse->semi_minor_m, "semi-minor");
  expect_close(read->ellipse->center_ml_m, made.ellipse->center_ml_m, "centre ML");
  expect_close(read->ellipse->angle_rad, made.ellipse->angle_rad, "angle");
}

// A squat trial without a repetition to measure it on has no ML squat steadiness: null in the
// JSON the store keeps, none when read back, never 0 (issue 16).
TEST(AnalysisReaderTest, ASquatTrialWithoutARepetitionHasNoSteadinessNotZero) {
  const Analysed t = analysed_trial(Task::kSingleLegStance);
  TrialAnalysisOptions options = analysis_options_for(t.recording);
  options.task = Task::kSingleLegSquat;  // quiet standing: no squat in it
  const auto analysis = analyze_trial(samples_from_recording(t.recording), options);
  ASSERT_TRUE(analysis) << analysis.error().message;
  ASSERT_TRUE(analysis->steadiness);
  ASSERT_TRUE(analysis->steadiness->reps_used.empty());
  LoadedRecording loaded;
  loaded.format = "stance-trial";
  std::ostringstream json;
  print_trial_json(json, {"trial", &loaded}, *analysis);
  EXPECT_NE(json.str().find("\"index\": null"), std::string::npos) << json.str();
  EXPECT_FALSE(summarize_analysis(*analysis).steadiness);
  const auto read = read_analysis_summary(json.str(), "trial 8");
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_FALSE(read->steadiness);
}

// The same when a repetition is found but none can be used (quiet standing on a real plate: one
// slow, shallow, incomplete "squat"): no key figure, no stored metric, never 0.
TEST(AnalysisReaderTest, ARepetitionFoundButNoneUsedGivesNoSteadinessEither) {
  const auto loaded =
      load_recording(std::string(STANCE_SHARED_DATA) + "/amti-quiet-stance-100hz.csv");
  ASSERT_TRUE(loaded) << loaded.error().message;
  TrialAnalysisOptions options;
  options.task = Task::kSingleLegSquat;
  const auto analysis = analyze_trial(loaded->samples, options);
  ASSERT_TRUE(analysis && analysis->squats && analysis->steadiness);
  ASSERT_GE(analysis->squats->rep_count, 1);
  ASSERT_TRUE(analysis->steadiness->reps_used.empty());
  for (const KeyFigure& f : key_figures(*analysis)) {
    if (f.key == "ml_squat_steadiness") {
      EXPECT_FALSE(f.defined);
    }
  }
  for (const Metric& m : trial_metrics(*analysis)) EXPECT_NE(m.key, "ml_squat_steadiness");
}

TEST(AnalysisReaderTest, AStanceTrialHasNoSquatsAndAnAnalysisOfSchema2NoEllipse) {
  const Analysed t = analysed_trial(Task::kSingleLegStance);
  const auto read = read_analysis_summary(t.json, "trial 1");
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_TRUE(read->reps.empty());
  EXPECT_FALSE(read->steadiness);
  EXPECT_TRUE(read->ellipse);

  std::string old = t.json;
  old.replace(old.find("stance.analysis/3"), 17, "stance.analysis/2");
  const std::size_t e = old.find("\"ellipse_95\"");
  ASSERT_NE(e, std::string::npos);
  old.erase(e, old.find('}', e) + 2 - e);  // the object and its comma
  const auto read2 = read_analysis_summary(old, "trial 1");
  ASSERT_TRUE(read2) << read2.error().message;
  EXPECT_FALSE(read2->ellipse);
  EXPECT_EQ(read2->verdict.valid, read->verdict.valid);
}

TEST(AnalysisReaderTest, DamagedOrHostileTextIsRefusedWithTheWayOut) {
  const Analysed t = analysed_trial(Task::kSingleLegSquat);
  const auto replaced = [&](const std::string& from, const std::string& to) {
    std::string s = t.json;
    const std::size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) s.replace(at, from.size(), to);
    return s;
  };
  const std::string cases[] = {
      "",
      "{}",
      "[1,2,3]",
      t.json.substr(0, t.json.size() / 2),
      replaced("stance.analysis/3", "stance.analysis/99"),
      replaced("\"valid\": ", "\"valid\": \"yes\", \"x\": "),
      replaced("\"depth_m\": ", "\"depth_m\": \"deep\", \"y\": "),
      replaced("\"index\": 1,", "\"index\": 1.5,"),
      replaced("\"index\": 1,", "\"index\": 1e300,"),
      replaced("\"reps\": [", "\"reps\": [7, "),
      replaced("\"squat\"", "\"jump\""),
      std::string(100000, '[') + std::string(100000, ']'),
  };
  for (const std::string& text : cases) {
    const auto read = read_analysis_summary(text, "trial 12");
    ASSERT_FALSE(read) << text.substr(0, 200);
    EXPECT_NE(read.error().message.find("trial 12"), std::string::npos) << read.error().message;
    EXPECT_NE(read.error().message.find("stance reanalyze"), std::string::npos)
        << read.error().message;
  }
}

}  // namespace
}  // namespace stance::store
