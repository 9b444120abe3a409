// Raw frames to samples: the seq grid, lost frames, wrap, duplicates, resets and flags.
#include "core/recording_samples.hpp"

#include <gtest/gtest.h>

#include "core/trial_analysis.hpp"

namespace stance {
namespace {

// A four-cell plate with 0.01 N per count and zero offsets; 70 kg person centred.
Recording plate_recording(double rate_hz) {
  Recording r;
  r.rate_hz = rate_hz;
  r.plate.layout = PlateLayout::kFourCell;
  r.plate.cells = {{{-0.2, -0.3}, {0.2, -0.3}, {0.2, 0.3}, {-0.2, 0.3}}};
  r.calibration.gain_n_per_count = {0.01f, 0.01f, 0.01f, 0.01f};
  return r;
}

RawFrame frame(std::uint32_t seq, std::uint32_t t_us, std::int32_t counts_per_cell = 17500) {
  RawFrame f;
  f.seq = seq;
  f.t_us = t_us;
  f.counts = {counts_per_cell, counts_per_cell, counts_per_cell, counts_per_cell, 0, 0};
  return f;
}

TEST(RecordingSamples, HostileSequenceNumbersCannotInflateTheGrid) {
  // Four frames that claim 100 kHz, each gap within the 600-s limit: once 240 million samples,
  // 5.6 GB in the analysis. Now the grid holds at most 9 lost samples per frame plus 1 s.
  Recording r = plate_recording(1e5);
  const std::uint32_t gap = 599u * 100000u;
  for (std::uint32_t k = 0; k < 4; ++k) r.frames.push_back(frame(k * gap, k * 599000000u));
  const Eigen::Index bound = 4 * (kMaxLostSamplesPerFrame + 1) + 100000;
  EXPECT_LE(grid_length(r), bound);
  const ForceSamples s = samples_from_recording(r);
  EXPECT_EQ(s.size(), grid_length(r));
  EXPECT_EQ(s.size() - s.count_flagged(SampleFlag::kMissing), 4);
  for (const Task task : {Task::kSingleLegStance, Task::kSingleLegSquat}) {
    TrialAnalysisOptions options;
    options.task = task;
    const auto analysis = analyze_trial(s, options);  // must return, not exhaust memory
    if (analysis) {
      EXPECT_FALSE(analysis->verdict.valid);
    }
  }
}

TEST(RecordingSamples, OrdinaryGapsAreStillPlacedExactly) {
  // The budget leaves a real trial's losses alone: 1000 frames with a 2-s gap at 1 kHz.
  Recording r = plate_recording(1000);
  for (std::uint32_t seq = 0; seq < 1000; ++seq) {
    const std::uint32_t placed = seq < 500 ? seq : seq + 2000;
    r.frames.push_back(frame(placed, placed * 1000));
  }
  EXPECT_EQ(grid_length(r), 3000);
  EXPECT_EQ(samples_from_recording(r).count_flagged(SampleFlag::kMissing), 2000);
}

TEST(RecordingSamples, LostFramesBecomeMissingSamplesInPlace) {
  Recording r = plate_recording(1000);
  for (std::uint32_t seq : {0u, 1u, 2u, 6u, 7u}) r.frames.push_back(frame(seq, seq * 1000));
  const ForceSamples s = samples_from_recording(r);
  ASSERT_EQ(s.size(), 8);
  EXPECT_EQ(s.count_flagged(SampleFlag::kMissing), 3);
  for (int i : {3, 4, 5}) EXPECT_TRUE(has_flag(s.flags[i], SampleFlag::kMissing)) << i;
  EXPECT_NEAR(s.fz_n[6], 700.0, 1e-3);  // gains are f32
  EXPECT_EQ(s.fz_n[4], 0.0);
}

TEST(RecordingSamples, SequenceWrapIsNotAGap) {
  Recording r = plate_recording(1000);
  r.frames = {frame(0xFFFFFFFEu, 0), frame(0xFFFFFFFFu, 1000), frame(0, 2000), frame(1, 3000)};
  const ForceSamples s = samples_from_recording(r);
  EXPECT_EQ(s.size(), 4);
  EXPECT_EQ(s.count_flagged(SampleFlag::kMissing), 0);
}

TEST(RecordingSamples, DuplicateFrameIsDropped) {
  Recording r = plate_recording(1000);
  r.frames = {frame(0, 0), frame(1, 1000), frame(1, 1000), frame(2, 2000)};
  EXPECT_EQ(samples_from_recording(r).size(), 3);
}

TEST(RecordingSamples, DeviceResetIsPlacedByTheDeviceClock) {
  Recording r = plate_recording(100);
  // seq restarts at 0 after a reset; the device clock says 50 ms (5 samples) passed.
  r.frames = {frame(40, 400000), frame(41, 410000), frame(0, 460000), frame(1, 470000)};
  const ForceSamples s = samples_from_recording(r);
  EXPECT_EQ(s.size(), 2 + 4 + 2);
  EXPECT_EQ(s.count_flagged(SampleFlag::kMissing), 4);
}

TEST(RecordingSamples, HugeSeqJumpCannotAllocateHours) {
  Recording r = plate_recording(1000);
  r.frames = {frame(0, 0), frame(3'000'000'00u, 1000)};
  EXPECT_EQ(samples_from_recording(r).size(), 2);
}

TEST(RecordingSamples, FlagsAreKeptAndStaleCountsNeverUsed) {
  Recording r = plate_recording(1000);
  r.frames = {frame(0, 0), frame(1, 1000), frame(2, 2000, 0)};
  r.frames[0].flags = 0x0001;                 // channel 0 overloaded
  r.frames[1].flags = frame_flag::kAdcError;  // stale counts
  const ForceSamples s = samples_from_recording(r);
  EXPECT_TRUE(has_flag(s.flags[0], SampleFlag::kOverload));
  EXPECT_TRUE(has_flag(s.flags[1], SampleFlag::kAdcError));
  EXPECT_EQ(s.fz_n[1], 0.0);
  EXPECT_FALSE(s.usable_for_cop(1));
  EXPECT_TRUE(has_flag(s.flags[2], SampleFlag::kLowForce));  // empty plate
  EXPECT_EQ(s.cop_ml_m[2], 0.0);
}

TEST(RecordingSamples, EmptyRecordingGivesNoSamples) {
  EXPECT_EQ(samples_from_recording(plate_recording(1000)).size(), 0);
}

}  // namespace
}  // namespace stance
