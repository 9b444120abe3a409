// The sheet of a stored session, from a real store: its figures are the stored results, the
// progress follows the sessions up to this one, and the exports carry what they promise.
#include "report/session_sheet.hpp"

#include <gtest/gtest.h>

#include "json_check.hpp"
#include "report/sheet_csv.hpp"
#include "report/sheet_json.hpp"
#include "store/trial_metrics.hpp"
#include "stored_sessions.hpp"
#include "temp_dir.hpp"

namespace stance::report {
namespace {

using stance::test_support::PlannedTrial;

class SessionSheetTest : public ::testing::Test {
 protected:
  test::TempDir dir_{"stance-session-sheet"};
  stance::test_support::StoredSessions stored_{dir_.path("clinic.db")};
};

TEST_F(SessionSheetTest, FiguresAreTheStoredResults) {
  const auto patient = stored_.add_patient("PFP-1", "Alex Example", 1987);
  const auto session = stored_.add_session(patient, "2026-03-01T09:00:00Z");
  stored_.add_trial(session, {Task::kSingleLegStance, Limb::kLeft}, 1);
  stored_.add_trial(session, {Task::kSingleLegStance, Limb::kRight}, 2);
  stored_.add_trial(session, {Task::kSingleLegSquat, Limb::kLeft}, 3);
  const auto sheet = stored_session_sheet(stored_.store(), session, {});
  ASSERT_TRUE(sheet) << sheet.error().message;
  ASSERT_EQ(sheet->trials.size(), 3u);
  int compared = 0;
  for (const SheetTrial& t : sheet->trials) {
    const auto stored = stored_.store().metrics(t.trial_id);
    ASSERT_TRUE(stored);
    for (const KeyFigure& f : t.figures) {
      for (const store::Metric& m : *stored) {
        if (m.key != store::stored_metric_key(f.key)) continue;
        EXPECT_EQ(f.value, m.value) << f.key;
        EXPECT_EQ(f.unit, m.unit) << f.key;
        ++compared;
      }
    }
    EXPECT_FALSE(t.cop_ml_mm.empty());  // the plots come from the stored recording
  }
  EXPECT_GE(compared, 4 + 4 + 6);  // sway figures of each trial; the squat's depth and wobble
  for (const SheetTrial& t : sheet->trials) {
    EXPECT_EQ(t.reps.size(), t.task == Task::kSingleLegSquat ? 5u : 0u);
  }
  EXPECT_EQ(sheet->patient_name, "Alex Example");
  EXPECT_FALSE(sheet->with_progress);

  const auto missing = stored_session_sheet(stored_.store(), 99, {});
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("stance session list"), std::string::npos)
      << missing.error().message;
}

TEST_F(SessionSheetTest, ProgressStopsAtThisSessionAndExportsCarryIt) {
  const auto patient = stored_.add_patient("PFP-2", "Bo Example", 1990);
  std::vector<std::int64_t> sessions;
  for (int s = 0; s < 3; ++s) {
    sessions.push_back(
        stored_.add_session(patient, "2026-0" + std::to_string(s + 1) + "-01T09:00:00Z"));
    for (int attempt = 1; attempt <= 2; ++attempt) {
      stored_.add_trial(sessions.back(),
                        {Task::kSingleLegStance, Limb::kLeft, Eyes::kOpen, attempt},
                        10 * s + attempt);
    }
  }
  SessionSheetOptions options;
  options.progress = true;
  const auto second = stored_session_sheet(stored_.store(), sessions[1], options);
  ASSERT_TRUE(second) << second.error().message;
  ASSERT_EQ(second->progress.size(), 2u);  // mean velocity and ellipse area, eyes open
  for (const store::MetricProgress& m : second->progress) {
    ASSERT_EQ(m.limbs.size(), 1u);                     // no right side recorded
    ASSERT_EQ(m.limbs[0].points.size(), 2u) << m.key;  // not the later third session
    EXPECT_EQ(m.limbs[0].points.back().session_id, sessions[1]);
    EXPECT_TRUE(m.limbs[0].reliability.defined);  // two trials a session
  }
  const std::string json = sheet_json(*second);
  EXPECT_EQ(test_support::JsonCheck(json).error(), "");
  EXPECT_NE(json.find("\"schema\": \"stance.session-report/1\""), std::string::npos);
  EXPECT_NE(json.find("\"progress\": ["), std::string::npos);
  EXPECT_NE(json.find("\"mdc95\": "), std::string::npos);
  // Without --progress there is no progress member at all.
  const auto plain = stored_session_sheet(stored_.store(), sessions[1], {});
  ASSERT_TRUE(plain);
  EXPECT_EQ(sheet_json(*plain).find("\"progress\""), std::string::npos);
}

TEST_F(SessionSheetTest, CsvHasStableColumnsWithUnits) {
  const std::string header =
      "patient_code,patient_name,birth_year,sex,involved_side,session_id,session_date_utc,"
      "clinician,plate,protocol,trial_id,task,limb,eyes,attempt,valid,verdict,analysed_by,"
      "repetitions,mean_velocity_mm_per_s,mean_velocity_ml_mm_per_s,mean_velocity_ap_mm_per_s,"
      "ellipse_area_95_mm2,range_ml_mm,range_ap_mm,rms_ml_mm,rms_ap_mm,path_length_mm,"
      "ml_squat_steadiness_0_100,acceptable_repetitions,mean_depth_cm";
  std::string joined;
  for (const std::string& c : csv_columns()) joined += (joined.empty() ? "" : ",") + c;
  EXPECT_EQ(joined, header);  // changing a column is a new schema version (report-formats.md)

  const auto patient = stored_.add_patient("PFP-3", "Cy, \"the\" Example", 1980);
  const auto session = stored_.add_session(patient, "2026-03-01T09:00:00Z");
  stored_.add_trial(session, {Task::kSingleLegStance, Limb::kRight}, 4);
  const auto sheet = stored_session_sheet(stored_.store(), session, {});
  ASSERT_TRUE(sheet);
  const std::string csv = sheet_csv(*sheet);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), header);
  EXPECT_NE(csv.find("\"Cy, \"\"the\"\" Example\""), std::string::npos) << csv;  // RFC 4180
  const auto stored = stored_.store().metrics(sheet->trials[0].trial_id);
  ASSERT_TRUE(stored);
  for (const store::Metric& m : *stored) {
    if (m.key != "mean_velocity") continue;
    char v[32];
    std::snprintf(v, sizeof v, ",%.10g,", m.value);
    EXPECT_NE(csv.find(v), std::string::npos) << v << "\n" << csv;
  }
}

}  // namespace
}  // namespace stance::report
