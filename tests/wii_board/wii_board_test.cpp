// The Wii Balance Board through the real libevdev and libudev against a board emulated by
// umockdev: found by udev, a person standing (weight and COP), dropped events, unplugged.
#include <gmock/gmock.h>

#include <atomic>
#include <cmath>
#include <mutex>
#include <thread>

#include "device/trial_recorder.hpp"
#include "emulated_board.hpp"
#include "support/format.hpp"
#include "usb_emulation/umockdev_testbed.hpp"
#include "wii_board/board_model.hpp"
#include "wii_board/wii_driver.hpp"

namespace stance::wii::test {
namespace {

using ::testing::HasSubstr;

constexpr double kG = 9.80665;

class WiiBoardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!usbemu::Testbed::preload_active()) GTEST_SKIP() << "umockdev preload not active";
  }
  // A new event number per board: umockdev asserts when a node is added twice.
  static int next_number() {
    static std::atomic<int> n{20};
    return n++;
  }

  // Records `seconds`; `firmware` runs on its own thread once the recording has started (the
  // board's events before start() are old and thrown away). `progress` sees the elapsed time.
  RecordOutcome record(EmulatedBoard& emulated, WiiBoard& board, double seconds,
                       std::function<void()> firmware, std::function<void(double)> progress = {}) {
    RecordRequest request;
    request.seconds = seconds;
    std::once_flag started;
    std::thread writer;
    request.progress = [&](double elapsed_s) {
      std::call_once(started, [&] { writer = std::thread(firmware); });
      if (progress) progress(elapsed_s);
    };
    auto outcome = record_trial(board, request);
    emulated.stop_writing();  // what the recording did not need stays unread
    if (writer.joinable()) writer.join();
    EXPECT_TRUE(outcome.ok());
    return outcome.ok() ? std::move(*outcome) : RecordOutcome{};
  }

  usbemu::Testbed testbed_;
  WiiDriver driver_;
};

// A person's sway: the COP moves a few millimetres, so every corner changes at every report.
Corners swaying(double mass_kg, double t_s) {
  const double ml = 0.02 + 0.004 * std::sin(2 * 3.14159265 * 0.7 * t_s);
  const double ap = -0.015 + 0.006 * std::sin(2 * 3.14159265 * 0.4 * t_s + 1.0);
  return corners_for(mass_kg * kG, ml, ap);
}

TEST_F(WiiBoardTest, FoundThroughUdevWithItsBluetoothAddress) {
  EmulatedBoard board(testbed_.get(), next_number());
  auto found = driver_.list("");
  ASSERT_TRUE(found.ok()) << found.error().message;
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].address, std::string("wbb:") + EmulatedBoard::kBluetooth);
  EXPECT_THAT((*found)[0].description, HasSubstr(board.event_node()));
  auto opened = driver_.open_board("");
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ((*opened)->info().serial, EmulatedBoard::kBluetooth);
  EXPECT_NEAR((*opened)->info().cells[1].x_m - (*opened)->info().cells[0].x_m, 0.433, 1e-9);
}

TEST_F(WiiBoardTest, APersonStandingGivesBodyWeightAndCopAndEveryReportIsSeen) {
  EmulatedBoard board(testbed_.get(), next_number());
  auto opened = driver_.open_board(board.event_node());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  WiiBoard& wbb = **opened;
  const double mass_kg = 68.4;
  const RecordOutcome r = record(board, wbb, 9.5, [&] {
    const double base = monotonic_s();
    for (int k = 0; k < 1000; ++k) board.report(base + k * 0.01, swaying(mass_kg, k * 0.01));
  });
  EXPECT_FALSE(r.interrupted);
  const WiiHealth h = wbb.wii_health();
  EXPECT_EQ(h.plate.stream.frames_lost, 0u);
  EXPECT_EQ(h.plate.stream.sync_errors, 0u);
  EXPECT_GE(h.timing.reports, 930u);  // 9.5 s of them were needed, minus the wait for the first
  EXPECT_NEAR(h.timing.effective_rate_hz, 100.0, 0.5);
  // The loaded samples: body weight and the mean COP of the sway.
  double fz = 0, cop_ml = 0, cop_ap = 0;
  int n = 0;
  const auto& cells = wbb.info().cells;
  for (const RawFrame& f : r.recording.frames) {
    double sum = 0, mx = 0, my = 0;
    for (int i = 0; i < 4; ++i) {
      const double force = f.counts[i] * kNewtonsPerCount;
      sum += force, mx += force * cells[i].x_m, my += force * cells[i].y_m;
    }
    if (sum < 100) continue;  // before the person's first report
    fz += sum, cop_ml += mx / sum, cop_ap += my / sum;
    ++n;
  }
  ASSERT_GT(n, 900);
  // What was measured, in the test report (--gtest_output=xml): docs/wii-board.md.
  RecordProperty("fz_error_n", fixed(fz / n - mass_kg * kG, 4));
  RecordProperty("cop_error_mm",
                 fixed(std::hypot(cop_ml / n - 0.02, cop_ap / n + 0.015) * 1000, 4));
  RecordProperty("report_jitter_sd_ms", fixed(h.timing.jitter_sd_ms, 3));
  RecordProperty("effective_rate_hz", fixed(h.timing.effective_rate_hz, 2));
  EXPECT_NEAR(fz / n, mass_kg * kG, 0.2);  // the kernel's 10 g steps
  EXPECT_NEAR(cop_ml / n, 0.02, 0.0015);
  EXPECT_NEAR(cop_ap / n, -0.015, 0.0015);
}

TEST_F(WiiBoardTest, DroppedEventsAreCountedAndTheirSamplesLost) {
  EmulatedBoard board(testbed_.get(), next_number());
  auto opened = driver_.open_board(board.event_node());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  const RecordOutcome r = record(board, **opened, 1.5, [&] {
    const double base = monotonic_s();
    for (int k = 0; k < 100; ++k) board.report(base + k * 0.01, swaying(70, k * 0.01));
    board.drop(base + 1.045);  // the board's state is read again at this time (libevdev's sync)
    for (int k = 105; k < 200; ++k) board.report(base + k * 0.01, swaying(70, k * 0.01));
  });
  const WiiHealth h = (*opened)->wii_health();
  EXPECT_EQ(h.plate.stream.sync_errors, 1u);
  EXPECT_EQ(h.timing.gaps, 1u);
  EXPECT_GE(h.plate.stream.frames_lost, 4u);
  bool noted = false;
  for (const RecordingEvent& e : r.recording.events) {
    noted = noted || e.detail.find("SYN_DROPPED") != std::string::npos;
  }
  EXPECT_TRUE(noted);
}

TEST_F(WiiBoardTest, UnpluggedMidTrialKeepsWhatArrivedAndIsMarkedInterrupted) {
  EmulatedBoard board(testbed_.get(), next_number());
  auto opened = driver_.open_board(board.event_node());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  std::atomic<bool> switch_off{false};
  const RecordOutcome r = record(
      board, **opened, 10.0,
      [&] {
        const double base = monotonic_s();
        for (int k = 0; k < 1000 && !switch_off; ++k) {
          board.report(base + k * 0.01, swaying(70, k * 0.01));
        }
        board.unplug();
      },
      [&](double elapsed_s) {
        if (elapsed_s >= 1.5) switch_off = true;
      });
  EXPECT_TRUE(r.interrupted);
  EXPECT_THAT(r.interruption, HasSubstr("unplugged"));
  EXPECT_GE(r.recording.frames.size(), 150u);
  EXPECT_EQ(r.recording.frames.size(), r.recording.counters.frames_received);
  EXPECT_FALSE((*opened)->wii_health().connected);
  const Status away = (*opened)->start();
  ASSERT_FALSE(away.ok());
  EXPECT_THAT(away.error().message, HasSubstr("power button"));
}

TEST_F(WiiBoardTest, TheBoardSwitchedOnAgainIsFoundAndRecordsAgain) {
  auto first = std::make_unique<EmulatedBoard>(testbed_.get(), next_number());
  auto opened = driver_.open_board(std::string(EmulatedBoard::kBluetooth));
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  WiiBoard& wbb = **opened;
  ASSERT_TRUE(wbb.start().ok());
  first->unplug();
  std::vector<RawFrame> frames;
  std::vector<RecordingEvent> events;
  bool gone = false;
  for (int i = 0; i < 50 && !gone; ++i) {
    gone = wbb.read(frames, events, std::chrono::milliseconds(100)) == ReadStatus::kDisconnected;
  }
  ASSERT_TRUE(gone);
  // On again: the kernel gives it a new event node.
  EmulatedBoard again(testbed_.get(), next_number());
  const RecordOutcome r = record(again, wbb, 0.5, [&] {
    const double base = monotonic_s();
    for (int k = 0; k < 80; ++k) again.report(base + k * 0.01, swaying(55, k * 0.01));
  });
  EXPECT_FALSE(r.interrupted);
  EXPECT_EQ(wbb.wii_health().reconnects, 1u);
  EXPECT_EQ(wbb.found().event_node, again.event_node());
  EXPECT_GE(r.recording.frames.size(), 50u);
}

}  // namespace
}  // namespace stance::wii::test
