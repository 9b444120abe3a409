// The sheet of a stored visit, from a real store: its figures are the stored results, every
// protocol of the day is on it, the progress follows the visits up to this one, and the exports
// carry what they promise.
#include "report/visit_sheet.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>

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

class VisitSheetTest : public ::testing::Test {
 protected:
  test::TempDir dir_{"stance-session-sheet"};
  stance::test_support::StoredSessions stored_{dir_.path("clinic.db")};
};

TEST_F(VisitSheetTest, FiguresAreTheStoredResults) {
  const auto patient = stored_.add_patient("PFP-1", "Alex Example", 1987);
  const auto session = stored_.add_session(patient, "2026-03-01T09:00:00Z");
  stored_.add_trial(session, {Task::kSingleLegStance, Limb::kLeft}, 1);
  stored_.add_trial(session, {Task::kSingleLegStance, Limb::kRight}, 2);
  stored_.add_trial(session, {Task::kSingleLegSquat, Limb::kLeft}, 3);
  const auto sheet = stored_visit_sheet(stored_.store(), stored_.visit_of(session), {});
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

  const auto missing = stored_visit_sheet(stored_.store(), 99, {});
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("stance visit list"), std::string::npos)
      << missing.error().message;
}

// The sheet prints the analysis the store kept, not a new one made from the recording: a stored
// depth changed behind the store's back is what the sheet shows.
TEST_F(VisitSheetTest, TheSheetPrintsTheKeptAnalysisNotANewOne) {
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
  const auto sheet = stored_visit_sheet(stored_.store(), stored_.visit_of(session), {});
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
TEST_F(VisitSheetTest, ADamagedTrialStillLeavesTheSessionsSheet) {
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
  const auto sheet = stored_visit_sheet(stored_.store(), stored_.visit_of(session), {});
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

TEST_F(VisitSheetTest, ProgressStopsAtThisSessionAndExportsCarryIt) {
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
  VisitSheetOptions options;
  options.progress = true;
  const auto second = stored_visit_sheet(stored_.store(), stored_.visit_of(sessions[1]), options);
  ASSERT_TRUE(second) << second.error().message;
  ASSERT_EQ(second->progress.size(), 2u);  // mean velocity and ellipse area, eyes open
  for (const store::MetricProgress& m : second->progress) {
    ASSERT_EQ(m.limbs.size(), 1u);                     // no right side recorded
    ASSERT_EQ(m.limbs[0].points.size(), 2u) << m.key;  // not the later third session
    EXPECT_EQ(m.limbs[0].points.back().visit_id, stored_.visit_of(sessions[1]));
    EXPECT_TRUE(m.limbs[0].reliability.defined);  // two trials a session
  }
  const std::string json = sheet_json(*second);
  EXPECT_EQ(test_support::JsonCheck(json).error(), "");
  EXPECT_NE(json.find("\"schema\": \"stance.visit-report/1\""), std::string::npos);
  EXPECT_NE(json.find("\"progress\": ["), std::string::npos);
  EXPECT_NE(json.find("\"mdc95\": "), std::string::npos);
  // Without --progress there is no progress member at all.
  const auto plain = stored_visit_sheet(stored_.store(), stored_.visit_of(sessions[1]), {});
  ASSERT_TRUE(plain);
  EXPECT_EQ(sheet_json(*plain).find("\"progress\""), std::string::npos);
}

// Issue 16: the squat protocol and then the stance protocol on one day are one visit with one
// sheet, whoever ran them; the next day is another visit.
TEST_F(VisitSheetTest, TwoProtocolsOnOneDayAreOneVisitWithOneSheet) {
  const auto patient = stored_.add_patient("PFP-4", "Di Example", 1985);
  const auto squat = stored_.add_session(patient, "2026-05-04T09:00:00Z", "single-leg-squat");
  stored_.add_trial(squat, {Task::kSingleLegSquat, Limb::kLeft}, 1);
  stored_.add_trial(squat, {Task::kSingleLegSquat, Limb::kRight}, 2);
  const auto stance = stored_.add_session(patient, "2026-05-04T10:30:00Z", "single-leg-stance");
  stored_.add_trial(stance, {Task::kSingleLegStance, Limb::kLeft}, 3);
  stored_.add_trial(stance, {Task::kSingleLegStance, Limb::kRight}, 4);
  const auto next_day = stored_.add_session(patient, "2026-05-11T09:00:00Z", "single-leg-stance");
  stored_.add_trial(next_day, {Task::kSingleLegStance, Limb::kLeft}, 5);

  const std::int64_t visit = stored_.visit_of(squat);
  EXPECT_EQ(stored_.visit_of(stance), visit);
  EXPECT_NE(stored_.visit_of(next_day), visit);
  const auto visits = stored_.store().visits(patient);
  ASSERT_TRUE(visits);
  ASSERT_EQ(visits->size(), 2u);
  EXPECT_EQ((*visits)[0].local_date, "2026-05-04");
  EXPECT_EQ((*visits)[0].started_utc, "2026-05-04T09:00:00Z");

  VisitSheetOptions options;
  options.progress = true;
  const auto sheet = stored_visit_sheet(stored_.store(), visit, options);
  ASSERT_TRUE(sheet) << sheet.error().message;
  ASSERT_EQ(sheet->trials.size(), 4u);
  EXPECT_EQ(sheet_conditions(*sheet).size(), 2u);  // the squat and stance, eyes open
  EXPECT_EQ(sheet->trials[0].protocol, "single-leg-squat");
  EXPECT_EQ(sheet->trials[3].protocol, "single-leg-stance");
  EXPECT_EQ(sheet->trials[3].session_id, stance);
  EXPECT_NE(sheet->protocol.find("single-leg-squat"), std::string::npos) << sheet->protocol;
  EXPECT_NE(sheet->protocol.find("single-leg-stance"), std::string::npos) << sheet->protocol;
  EXPECT_EQ(sheet->clinician, "R. Tester");  // the same clinician, named once
  for (const store::MetricProgress& m : sheet->progress) {
    for (const store::LimbSeries& s : m.limbs) {
      ASSERT_EQ(s.points.size(), 1u) << m.key;  // this visit only: not the next day's
      EXPECT_EQ(s.points[0].visit_id, visit);
    }
  }
  const std::string csv = sheet_csv(*sheet);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 5);  // the header and four trials
  EXPECT_NE(csv.find(",2026-05-04,"), std::string::npos);

  // The history groups by visit: one point for the day, whichever protocol measured it.
  const auto rows = stored_.store().history(patient, "mean_velocity");
  ASSERT_TRUE(rows);
  for (const store::HistoryRow& r : *rows) {
    EXPECT_EQ(r.visit_id, stored_.visit_of(r.session_id));
  }
}

// A session taken back (its first trial failed) leaves no empty visit behind.
TEST_F(VisitSheetTest, AVisitGoesWithItsLastEmptySession) {
  const auto patient = stored_.add_patient("PFP-5", "", 1985);
  const auto empty = stored_.add_session(patient, "2026-05-04T09:00:00Z");
  ASSERT_TRUE(stored_.store().remove_session_if_empty(empty));
  const auto visits = stored_.store().visits(patient);
  ASSERT_TRUE(visits);
  EXPECT_TRUE(visits->empty());
}

TEST_F(VisitSheetTest, CsvHasStableColumnsWithUnits) {
  const std::string header =
      "patient_code,patient_name,birth_year,sex,involved_side,visit_id,visit_date,"
      "visit_start_utc,session_id,clinician,plate,protocol,trial_id,task,limb,eyes,attempt,valid,"
      "verdict,analysed_by,"
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
  EXPECT_EQ(csv_columns().size(), 33u + 2u + descriptor_entries(DescriptorSet{}).size() - 9u);

  const auto patient = stored_.add_patient("PFP-3", "Cy, \"the\" Example", 1980);
  const auto session = stored_.add_session(patient, "2026-03-01T09:00:00Z");
  stored_.add_trial(session, {Task::kSingleLegStance, Limb::kRight}, 4);
  const auto sheet = stored_visit_sheet(stored_.store(), stored_.visit_of(session), {});
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
