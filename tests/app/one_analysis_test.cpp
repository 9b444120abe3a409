// One trial, one analysis: for every built-in protocol and a clinic's 3-squat protocol, what the
// live view showed when a trial ended (verdict and key figures) is what the store keeps and what
// the test sheet prints, to the printed precision. The trials run through the real dashboard model
// on the simulated plate into a real store; the sheet is built from that store.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <thread>

#include "app/session_model.hpp"
#include "app/store_saver.hpp"
#include "core/key_figures.hpp"
#include "report/visit_sheet.hpp"
#include "services/drivers.hpp"
#include "store/trial_metrics.hpp"
#include "temp_dir.hpp"

namespace stance::app {
namespace {

using namespace std::chrono_literals;

std::string printed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

bool run_step(SessionModel& m) {
  for (int i = 0; i < 2400; ++i) {  // at most a minute
    m.poll();
    if (m.current_result() != nullptr && !m.saving()) return true;
    std::this_thread::sleep_for(25ms);
  }
  return false;
}

class OneAnalysisTest : public ::testing::Test {
 protected:
  OneAnalysisTest() { register_all_drivers(drivers_); }

  // Runs every step of `protocol` for a new patient and checks the three views of each trial.
  void check_protocol(TestProtocol protocol, int expected_valid) {
    auto store = store::Store::open(dir_.path(protocol.name + ".db"));
    ASSERT_TRUE(store) << store.error().message;
    StoreSink sink(*store);
    LiveSource source(drivers_, "sim:realtime=0");
    SessionModel m(source, sink);
    m.patient_code = "PIN-" + protocol.name;
    m.involved = Limb::kLeft;
    m.protocols = {protocol};
    m.protocol_index = 0;
    ASSERT_TRUE(m.begin_session()) << m.message();
    std::vector<const live::CompletedTrial*> live;
    for (int step = 0; step < m.step_count(); ++step) {
      if (step > 0) {
        ASSERT_TRUE(m.next()) << m.message();
      }
      ASSERT_TRUE(run_step(m)) << m.message();
      ASSERT_TRUE(m.current_result()->trial->analysis) << m.current_result()->trial->analysis_error;
      live.push_back(&*m.current_result()->trial);
    }
    const std::int64_t visit = sink.stored_visit();
    ASSERT_GT(visit, 0);
    const auto sessions = store->visit_sessions(visit);
    ASSERT_TRUE(sessions) << sessions.error().message;
    ASSERT_EQ(sessions->size(), 1u);
    const auto stored = store->trials(sessions->front().id);
    ASSERT_TRUE(stored) << stored.error().message;
    ASSERT_EQ(stored->size(), live.size()) << m.message() << " saved " << m.saved_count();
    const auto sheet = report::stored_visit_sheet(*store, visit, {});
    ASSERT_TRUE(sheet) << sheet.error().message;
    ASSERT_EQ(sheet->trials.size(), live.size());

    int valid = 0;
    // The store and the sheet list trials in their own order: match them by condition.
    const auto same = [](const TrialCondition& x, const TrialCondition& y) {
      return x.task == y.task && x.limb == y.limb && x.eyes == y.eyes && x.attempt == y.attempt;
    };
    for (std::size_t i = 0; i < live.size(); ++i) {
      const TrialAnalysis& a = *live[i]->analysis;
      const TrialCondition& c = live[i]->recording.metadata.condition();
      SCOPED_TRACE(protocol.name + " trial " + std::to_string(i + 1));
      const auto s_it = std::find_if(stored->begin(), stored->end(),
                                     [&](const store::Trial& t) { return same(t, c); });
      const auto p_it = std::find_if(sheet->trials.begin(), sheet->trials.end(),
                                     [&](const report::SheetTrial& t) { return same(t, c); });
      ASSERT_NE(s_it, stored->end());
      ASSERT_NE(p_it, sheet->trials.end());
      const store::Trial& s = *s_it;
      const report::SheetTrial& p = *p_it;
      EXPECT_EQ(p.planned_reps, c.planned_reps);  // the sheet's trial comes from the recording
      EXPECT_EQ(s.results.valid, a.verdict.valid) << s.results.verdict;
      EXPECT_EQ(p.valid, a.verdict.valid);
      valid += a.verdict.valid ? 1 : 0;
      const auto metrics = store->metrics(s.id);
      ASSERT_TRUE(metrics);
      std::map<std::string, double> kept;
      for (const store::Metric& k : *metrics) kept[k.key] = k.value;
      std::map<std::string, double> on_sheet;
      for (const KeyFigure& f : p.figures) on_sheet[f.key] = f.value;
      for (const KeyFigure& f : key_figures(a)) {
        if (!f.defined) continue;
        const std::string shown = printed(f.value, f.decimals);
        // The store keeps every figure but the count of repetitions (it keeps the acceptable
        // ones); the sheet prints them all.
        const bool kept_by_store = f.key != "repetitions";
        ASSERT_EQ(kept.count(store::stored_metric_key(f.key)), kept_by_store ? 1u : 0u) << f.key;
        if (kept_by_store) {
          EXPECT_EQ(printed(kept[store::stored_metric_key(f.key)], f.decimals), shown) << f.key;
        }
        ASSERT_TRUE(on_sheet.count(f.key)) << f.key;
        EXPECT_EQ(printed(on_sheet[f.key], f.decimals), shown) << f.key;
      }
    }
    EXPECT_EQ(valid, expected_valid);
  }

  test::TempDir dir_{"stance-one-analysis"};
  DriverRegistry drivers_;
};

TEST_F(OneAnalysisTest, BuiltInSquatProtocol) {
  TestProtocol squat = builtin_test_protocols()[0];
  squat.trials_per_side = 1;
  check_protocol(squat, 2);
}

TEST_F(OneAnalysisTest, BuiltInStanceProtocol) {
  TestProtocol stance = builtin_test_protocols()[1];
  stance.trials_per_side = 1;
  stance.seconds = 10;
  check_protocol(stance, 4);  // eyes open and closed, each side
}

TEST_F(OneAnalysisTest, AClinicsThreeSquatProtocolStoresValidTrials) {
  // Once every stored trial was INVALID ("3 acceptable repetitions of the 5 asked") while the
  // live view said valid: the store re-analysed without the protocol's repetitions.
  TestProtocol squat3 = builtin_test_protocols()[0];
  squat3.name = "squat3";
  squat3.repetitions = 3;
  squat3.trials_per_side = 1;
  check_protocol(squat3, 2);
}

}  // namespace
}  // namespace stance::app
