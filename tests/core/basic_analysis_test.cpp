// The basic analysis: windows, lost samples, body weight and filtered sway on a known signal.
#include "core/basic_analysis.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace stance {
namespace {

// 20 s at 100 Hz: 700 N, COP a 0.4 Hz ML sinusoid of 8 mm amplitude.
ForceSamples sinusoid_trial() {
  ForceSamples s;
  s.rate_hz = 100;
  s.resize(2000);
  for (Eigen::Index i = 0; i < s.size(); ++i) {
    s.fz_n[i] = 700;
    s.cop_ml_m[i] = 0.008 * std::sin(2 * std::numbers::pi * 0.4 * static_cast<double>(i) / 100);
  }
  return s;
}

TEST(BasicAnalysis, FilteredSinusoidKeepsItsDescriptors) {
  const auto a = analyze_basic(sinusoid_trial());
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_TRUE(a->filtered);
  EXPECT_EQ(a->sample_count, 2000);
  EXPECT_DOUBLE_EQ(a->duration_s, 20.0);
  EXPECT_NEAR(a->body_weight_n, 700, 1e-9);
  EXPECT_NEAR(a->body_mass_kg, 700 / 9.80665, 1e-9);
  // 0.4 Hz is far below the 10 Hz cut-off: |H|² ≈ 1.
  EXPECT_NEAR(a->sway.rms_ml_m, 0.008 / std::sqrt(2.0), 1e-5);
  EXPECT_NEAR(a->sway.mean_velocity_m_s, 4 * 0.008 * 0.4, 1e-4);
}

TEST(BasicAnalysis, WindowSelectsPartOfTheRecording) {
  BasicAnalysisOptions o;
  o.start_s = 5.0;
  o.end_s = 7.5;
  const auto a = analyze_basic(sinusoid_trial(), o);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->sample_count, 250);
  EXPECT_DOUBLE_EQ(a->start_s, 5.0);
  EXPECT_DOUBLE_EQ(a->end_s, 7.5);
  EXPECT_NEAR(a->sway.range_ml_m, 0.016, 2e-4);  // one whole period inside
}

TEST(BasicAnalysis, WindowOutsideTheRecordingIsAClearError) {
  BasicAnalysisOptions o;
  o.start_s = 30;
  const auto a = analyze_basic(sinusoid_trial(), o);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.error().message.find("outside the recording"), std::string::npos);
  o.start_s = 5;
  o.end_s = 4;
  EXPECT_FALSE(analyze_basic(sinusoid_trial(), o).ok());
  // Same rule as the descriptor set (one window function): a window with no sample is refused.
  o.start_s = 5.0001;
  o.end_s = 5.0002;
  const auto empty = analyze_basic(sinusoid_trial(), o);
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message.find("holds no sample"), std::string::npos);
}

TEST(BasicAnalysis, SummaryOfARangeEqualsTheWindowedAnalysis) {
  const ForceSamples s = sinusoid_trial();
  BasicAnalysisOptions o;
  o.start_s = 2.0;
  o.end_s = 9.0;
  const auto range = basic_window(s, o.start_s, o.end_s);
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(range->first, 200);
  EXPECT_EQ(range->count(), 700);
  const BasicAnalysis a = summarize_window(s, *range, o);
  const auto b = analyze_basic(s, o);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a.sample_count, b->sample_count);
  EXPECT_EQ(a.body_weight_n, b->body_weight_n);
  EXPECT_EQ(a.sway.rms_ml_m, b->sway.rms_ml_m);
}

TEST(BasicAnalysis, LostSamplesAreCountedAndDoNotDistortTheResult) {
  ForceSamples s = sinusoid_trial();
  const auto reference = *analyze_basic(s);
  for (Eigen::Index i = 1000; i < 1010; ++i) {
    s.fz_n[i] = 0;
    s.cop_ml_m[i] = 0;
    s.flags[i] = bit(SampleFlag::kMissing);
  }
  const auto a = analyze_basic(s);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->lost_samples, 10);
  EXPECT_NEAR(a->body_weight_n, 700, 1e-9);  // not dragged down by the gap
  EXPECT_NEAR(a->sway.rms_ml_m, reference.sway.rms_ml_m, 2e-4);
  EXPECT_NEAR(a->sway.mean_velocity_m_s, reference.sway.mean_velocity_m_s, 2e-4);
}

TEST(BasicAnalysis, EmptyPlateGivesNotesNotNumbers) {
  ForceSamples s;
  s.rate_hz = 100;
  s.resize(100);
  for (auto& f : s.flags) f = bit(SampleFlag::kLowForce);
  const auto a = analyze_basic(s);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->sway.samples_used, 0);
  EXPECT_FALSE(a->notes.empty());
  EXPECT_EQ(a->body_weight_n, 0.0);
}

}  // namespace
}  // namespace stance
