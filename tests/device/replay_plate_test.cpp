// A stored recording played back as a plate: every frame and event comes out as stored, at the
// recorded pace scaled by the speed, and a finished replay is a silent plate.
#include "device/replay_plate.hpp"

#include <gtest/gtest.h>

namespace stance {
namespace {

Recording numbered_recording(std::uint32_t frames, double rate_hz) {
  Recording r;
  r.rate_hz = rate_hz;
  r.plate.serial = "REPLAY-1";
  for (std::uint32_t i = 0; i < frames; ++i) {
    RawFrame f{};
    f.seq = 1000 + i;
    f.counts[0] = static_cast<std::int32_t>(i * 7);
    r.frames.push_back(f);
  }
  r.events.push_back({RecordingEventKind::kStreamError, frames / 2, 3, "CRC errors"});
  return r;
}

TEST(ReplayPlate, PlaysEveryFrameAndEventAsStored) {
  const Recording original = numbered_recording(400, 1000.0);
  ReplayPlate plate(original, 20.0);  // 0.4 s of recording in 20 ms
  ASSERT_TRUE(plate.start());
  std::vector<RawFrame> frames;
  std::vector<RecordingEvent> events;
  for (int reads = 0; !plate.finished() && reads < 1000; ++reads) {
    (void)plate.read(frames, events, std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(plate.finished());
  ASSERT_EQ(frames.size(), original.frames.size());
  for (std::size_t i = 0; i < frames.size(); ++i) {
    ASSERT_EQ(frames[i].seq, original.frames[i].seq) << i;
    ASSERT_EQ(frames[i].counts[0], original.frames[i].counts[0]) << i;
  }
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].frame_index, 200u);  // the same frame as in the recording
  EXPECT_EQ(events[0].count, 3u);
  EXPECT_EQ(plate.health().stream.frames_received, 400u);
  EXPECT_EQ(plate.read(frames, events, std::chrono::milliseconds(1)), ReadStatus::kTimeout);
  EXPECT_EQ(frames.size(), 400u);
}

TEST(ReplayPlate, KeepsTheRecordedPace) {
  ReplayPlate plate(numbered_recording(2000, 1000.0));  // two seconds at speed 1
  ASSERT_TRUE(plate.start());
  std::vector<RawFrame> frames;
  std::vector<RecordingEvent> events;
  (void)plate.read(frames, events, std::chrono::milliseconds(0));
  // Whatever the machine's load, two seconds of frames cannot be due at once.
  EXPECT_LT(frames.size(), 2000u);
  EXPECT_FALSE(plate.finished());
  EXPECT_DOUBLE_EQ(plate.duration_s(), 2.0);
}

TEST(ReplayPlate, RefusesAnotherRateAndAnEmptyRate) {
  ReplayPlate plate(numbered_recording(10, 500.0));
  EXPECT_TRUE(plate.set_rate(500));
  const Status other = plate.set_rate(1000);
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().message.find("500 Hz"), std::string::npos);
  ReplayPlate no_rate(numbered_recording(10, 0.0));
  EXPECT_FALSE(no_rate.start());
}

}  // namespace
}  // namespace stance
