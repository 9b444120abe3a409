// The sheet of a stored session, from a real store: its figures are the stored results, the
// progress follows the sessions up to this one, and the exports carry what they promise.
#include "report/session_sheet.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "json_check.hpp"
#include "report/sheet_csv.hpp"
#include "report/sheet_json.hpp"
#include "store/sqlite_db.hpp"
#include "store/trial_metrics.hpp"
#include "stored_sessions.hpp"
#include "support/format.hpp"
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

// The sheet prints the analysis the store kept, not a new one made from the recording: a stored
// depth changed behind the store's back is what the sheet shows.
TEST_F(SessionSheetTest, TheSheetPrintsTheKeptAnalysisNotANewOne) {
  const auto patient = stored_.add_patient("PFP-2", "Sam Example", 1990);
  const auto session = stored_.add_session(patient, "2026-03-01T09:00:00Z", "single-leg-squat");
  stored_.add_trial(session, {Task::kSingleLegSquat, Limb::kLeft}, 4);
  const auto trials = stored_.store().trials(session);
  ASSERT_TRUE(trials);
  ASSERT_EQ(trials->size(), 1u);
  {
    auto raw = store::Db::open(dir_.path("clinic.db").string(), SQLITE_OPEN_READWRITE);
    ASSERT_TRUE(raw);
    ASSERT_TRUE(raw->exec("UPDATE trial SET analysis_json = json_set(analysis_json, "
                          "'$.squats.reps[1].depth_m', 0.123, "
                          "'$.squats.reps[1].ml_squat_steadiness', 61.0)")
                    .ok());
  }
  const auto sheet = stored_session_sheet(stored_.store(), session, {});
  ASSERT_TRUE(sheet) << sheet.error().message;
  ASSERT_EQ(sheet->trials.size(), 1u);
  const SheetTrial& t = sheet->trials[0];
  ASSERT_GE(t.reps.size(), 2u);
  EXPECT_DOUBLE_EQ(t.reps[1].depth_cm, 12.3);
  EXPECT_DOUBLE_EQ(t.reps[1].steadiness_index, 61.0);
  EXPECT_GT(t.ellipse_a_mm, 0.0);  // the kept 95% ellipse
  EXPECT_FALSE(t.fz_n.empty());    // the plots still come from the recording
}

// One damaged trial never hides a session's sheet: a recording that fails its checksum and an
// analysis that is not JSON each leave their trial on the sheet with its stored figures and what is
// wrong, and the other trials as they are.
TEST_F(SessionSheetTest, ADamagedTrialStillLeavesTheSessionsSheet) {
  const auto patient = stored_.add_patient("PFP-3", "Kim Example", 1985);
  const auto session = stored_.add_session(patient, "2026-03-01T09:00:00Z");
  stored_.add_trial(session, {Task::kSingleLegStance, Limb::kLeft}, 1);
  stored_.add_trial(session, {Task::kSingleLegStance, Limb::kRight}, 2);
  stored_.add_trial(session, {Task::kSingleLegStance, Limb::kLeft, Eyes::kOpen, 2}, 3);
  const auto trials = stored_.store().trials(session);
  ASSERT_TRUE(trials);
  ASSERT_EQ(trials->size(), 3u);
  const std::int64_t bad_recording = (*trials)[0].id, bad_analysis = (*trials)[1].id;
  {
    auto raw = store::Db::open(dir_.path("clinic.db").string(), SQLITE_OPEN_READWRITE);
    ASSERT_TRUE(raw);
    ASSERT_TRUE(raw->exec("UPDATE recording SET bytes = zeroblob(size) WHERE trial_id = " +
                          std::to_string(bad_recording))
                    .ok());
    ASSERT_TRUE(raw->exec("UPDATE trial SET analysis_json = 'not json' WHERE id = " +
                          std::to_string(bad_analysis))
                    .ok());
  }
  const auto sheet = stored_session_sheet(stored_.store(), session, {});
  ASSERT_TRUE(sheet) << sheet.error().message;
  ASSERT_EQ(sheet->trials.size(), 3u);
  const auto said = [](const SheetTrial& t, const std::string& what) {
    for (const std::string& r : t.reasons) {
      if (r.find(what) != std::string::npos) return true;
    }
    return false;
  };
  for (const SheetTrial& t : sheet->trials) {
    int defined = 0;
    for (const KeyFigure& f : t.figures) defined += f.defined ? 1 : 0;
    EXPECT_EQ(defined, 4) << "trial " << t.trial_id;  // the stored figures, in every case
    if (t.trial_id == bad_recording) {
      EXPECT_TRUE(t.fz_n.empty());
      EXPECT_TRUE(said(t, "no plots")) << testing::PrintToString(t.reasons);
    } else if (t.trial_id == bad_analysis) {
      EXPECT_FALSE(t.fz_n.empty());
      EXPECT_TRUE(said(t, "stance reanalyze")) << testing::PrintToString(t.reasons);
    } else {
      EXPECT_TRUE(t.reasons.empty()) << testing::PrintToString(t.reasons);
      EXPECT_FALSE(t.fz_n.empty());
    }
  }
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
  // Changing a column is a new schema version (report-formats.md); new ones come at the end: the
  // camera's knee figures, then every other COP descriptor (issue 16).
  EXPECT_EQ(joined.substr(0, header.size() + 1), header + ",");
  EXPECT_EQ(joined.substr(header.size() + 1, 39), "knee_peak_fppa_deg,knee_fppa_range_deg,");
  // The nine descriptors among the metric columns are not repeated.
  EXPECT_EQ(csv_columns().size(), 31u + 2u + descriptor_entries(DescriptorSet{}).size() - 9u);

  const auto patient = stored_.add_patient("PFP-3", "Cy, \"the\" Example", 1980);
  const auto session = stored_.add_session(patient, "2026-03-01T09:00:00Z");
  stored_.add_trial(session, {Task::kSingleLegStance, Limb::kRight}, 4);
  const auto sheet = stored_session_sheet(stored_.store(), session, {});
  ASSERT_TRUE(sheet);
  const std::string csv = sheet_csv(*sheet);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), joined);
  EXPECT_NE(csv.find("\"Cy, \"\"the\"\" Example\""), std::string::npos) << csv;  // RFC 4180
  const auto stored = stored_.store().metrics(sheet->trials[0].trial_id);
  ASSERT_TRUE(stored);
  for (const store::Metric& m : *stored) {
    if (m.key != "mean_velocity") continue;
    // Exactly the stored double: the shortest text that reads back as it.
    const std::string v = "," + round_trip_text(m.value) + ",";
    EXPECT_NE(csv.find(v), std::string::npos) << v << "\n" << csv;
    EXPECT_EQ(std::stod(v.substr(1)), m.value);
  }
}

}  // namespace
}  // namespace stance::report
