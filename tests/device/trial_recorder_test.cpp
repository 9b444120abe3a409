// record_trial's contract with any driver, on a scripted plate whose driver decodes frames ahead
// of the reader (as the USB driver's event thread does): every frame the counters report must be
// in the recording, including what arrives while the plate is being stopped.
#include "device/trial_recorder.hpp"

#include <gtest/gtest.h>

namespace stance {
namespace {

// Decodes `ahead` frames more than it has handed out; stop() delivers one more batch.
class AheadOfReaderPlate : public PlateDevice {
 public:
  explicit AheadOfReaderPlate(std::uint32_t ahead) : ahead_(ahead) { info_.serial = "SCRIPT-1"; }
  const PlateInfo& info() const override { return info_; }
  const Calibration& calibration() const override { return calibration_; }
  std::uint16_t rate_hz() const override { return 1000; }
  Status set_rate(std::uint16_t) override { return {}; }
  Status start() override {
    streaming_ = true;
    handed_out_ = 0;
    decoded_ = ahead_;
    return {};
  }
  Status stop() override {
    if (streaming_) decoded_ += ahead_;  // the last transfers complete while stopping
    streaming_ = false;
    return {};
  }
  ReadStatus read(std::vector<RawFrame>& frames, std::vector<RecordingEvent>&,
                  std::chrono::milliseconds) override {
    const std::uint32_t hand_out = streaming_ ? decoded_ - ahead_ : decoded_;
    if (handed_out_ >= hand_out && !streaming_) return ReadStatus::kTimeout;
    for (; handed_out_ < hand_out; ++handed_out_) frames.push_back(RawFrame{handed_out_, 0, 0, {}});
    if (streaming_) decoded_ += 10;
    return ReadStatus::kFrames;
  }
  PlateHealth health() const override {
    PlateHealth h;
    h.stream.frames_received = decoded_;
    return h;
  }

 private:
  PlateInfo info_;
  Calibration calibration_;
  std::uint32_t ahead_;
  std::uint32_t decoded_ = 0, handed_out_ = 0;
  bool streaming_ = false;
};

TEST(RecordTrial, KeepsEveryCountedFrameIncludingThoseDrainedAtStop) {
  AheadOfReaderPlate plate(25);
  RecordRequest request;
  request.seconds = 0.5;
  const auto outcome = record_trial(plate, request);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_FALSE(outcome->interrupted);
  EXPECT_GE(outcome->recording.frames.size(), 500u);
  EXPECT_EQ(outcome->recording.frames.size(), outcome->recording.counters.frames_received);
  for (std::size_t i = 0; i < outcome->recording.frames.size(); ++i) {
    ASSERT_EQ(outcome->recording.frames[i].seq, i);
  }
}

TEST(RecordTrial, ATimeShorterThanOneSampleIsRefusedNotRecordedEmpty) {
  // 1e-9 s once wrote a trial file with no frame at all.
  AheadOfReaderPlate plate(0);
  RecordRequest request;
  request.seconds = 1e-9;
  const auto outcome = record_trial(plate, request);
  ASSERT_FALSE(outcome);
  EXPECT_NE(outcome.error().message.find("shorter than one sample at 1000 Hz"), std::string::npos)
      << outcome.error().message;
}

}  // namespace
}  // namespace stance
