// What goes wrong on a serial plate, emulated on a pseudo-terminal: garbled and partial lines, a
// restart of the plate, a stall, the cable pulled mid-trial. Each is counted like the SPP plate's
// faults, and a trial keeps what arrived.
#include <gmock/gmock.h>

#include <chrono>
#include <thread>

#include "serial_fixture.hpp"

namespace stance::serial::test {
namespace {

using ::testing::HasSubstr;

std::size_t count_events(const Recording& r, RecordingEventKind kind) {
  std::size_t n = 0;
  for (const RecordingEvent& e : r.events) n += e.kind == kind ? 1 : 0;
  return n;
}

TEST_F(SerialPlateTest, GarbledAndPartialLinesAreCountedAndTheirSamplesLost) {
  auto plate = open();
  ASSERT_NE(plate, nullptr);
  const RecordOutcome r = record(*plate, 2.0, Tare{}, [this](EmulatedSerialPlate& e) {
    for (std::uint32_t k = 0; k < 200; ++k) {
      const std::string line = sample_line(k * kPeriodUs, counts_for_load(cells_, 300, {0, 0}, k));
      if (k == 50) {
        e.write(line.substr(0, line.size() / 2) + "\n");  // cut short
      } else if (k == 60) {
        e.write("12x,4,5,6,7\n");  // a character changed on the wire
      } else if (k == 70) {
        e.write(std::string(200, '7') + "\n");  // a line that never ended
      } else if (k == 80) {
        e.write("1,2,3,4,5,6\n");  // two lines run together
      } else {
        e.write(line);
      }
    }
  });
  EXPECT_FALSE(r.interrupted);
  EXPECT_EQ(r.recording.counters.sync_errors, 4u);
  EXPECT_EQ(r.recording.counters.frames_received, 196u);
  EXPECT_EQ(r.recording.counters.frames_lost, 4u);  // from the device time around each
  EXPECT_EQ(count_events(r.recording, RecordingEventKind::kStreamError), 4u);
  // The sample after each garbled line sits at its own place on the grid.
  EXPECT_EQ(r.recording.frames[50].seq, 51u);
  EXPECT_EQ(r.recording.frames.back().seq, 199u);
  EXPECT_EQ(plate->serial_health().plate.stream.sync_errors, 4u);
}

TEST_F(SerialPlateTest, APlateThatRestartsIsCountedAsAResetAndTheTrialGoesOn) {
  auto plate = open();
  ASSERT_NE(plate, nullptr);
  const RecordOutcome r = record(*plate, 2.0, Tare{}, [this](EmulatedSerialPlate& e) {
    e.write(lines(cells_, 500, 600, 300, {0, 0}));
    e.write("\x0f\xf0\xfe");  // a boot loader's noise as the board restarts
    e.write(std::string("\n") + kHeader);
    e.write(lines(cells_, 0, 100, 300, {0, 0}));  // its clock starts again
  });
  EXPECT_FALSE(r.interrupted);
  EXPECT_EQ(r.recording.counters.device_resets, 1u);
  EXPECT_EQ(r.recording.counters.frames_received, 200u);
  EXPECT_EQ(r.recording.counters.sync_errors, 1u);
  ASSERT_EQ(count_events(r.recording, RecordingEventKind::kDeviceReset), 1u);
  for (const RecordingEvent& e : r.recording.events) {
    if (e.kind == RecordingEventKind::kDeviceReset) {
      EXPECT_EQ(e.frame_index, 100u);
    }
  }
  // The stream's own time goes on rising through the restart.
  for (std::size_t i = 1; i < r.recording.frames.size(); ++i) {
    ASSERT_GT(r.recording.frames[i].t_us, r.recording.frames[i - 1].t_us) << i;
  }
}

TEST_F(SerialPlateTest, AStallIsCountedOnceAndItsSamplesLost) {
  auto plate = open(",stall_ms=150");
  ASSERT_NE(plate, nullptr);
  const RecordOutcome r = record(*plate, 2.5, Tare{}, [this](EmulatedSerialPlate& e) {
    e.write(lines(cells_, 0, 100, 300, {0, 0}));
    e.wait_drained();
    std::this_thread::sleep_for(std::chrono::milliseconds(600));  // the plate says nothing ...
    e.write(lines(cells_, 150, 250, 300, {0, 0}));  // ... and did not sample meanwhile
  });
  EXPECT_FALSE(r.interrupted);
  EXPECT_EQ(plate->serial_health().stalls, 1u);
  EXPECT_EQ(r.recording.counters.frames_received, 200u);
  EXPECT_EQ(r.recording.counters.frames_lost, 50u);
  std::size_t stall_events = 0;
  for (const RecordingEvent& e : r.recording.events) {
    if (e.detail.find("stall") != std::string::npos) {
      ++stall_events;
      EXPECT_EQ(e.frame_index, 100u);
    }
  }
  EXPECT_EQ(stall_events, 1u);
}

TEST_F(SerialPlateTest, UnpluggedMidTrialKeepsWhatArrivedAndIsMarkedInterrupted) {
  auto plate = open();
  ASSERT_NE(plate, nullptr);
  // The cable is pulled once 1.5 s of the trial have arrived. The plate prints 2 s of samples and
  // then waits for the pull (a slow host must not let it print the whole 10 s first: nothing
  // here depends on timing).
  const RecordOutcome r = record(
      *plate, 10.0, Tare{},
      [this](EmulatedSerialPlate& e) {
        for (std::uint32_t k = 0; k < 1000 && !e.cable_pulled(); ++k) {
          e.write(sample_line(k * kPeriodUs, counts_for_load(cells_, 300, {0, 0}, k)));
          for (int wait = 0; k == 199 && wait < 60000 && !e.cable_pulled(); ++wait) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
          }
        }
        e.hang_up();
      },
      [this](double elapsed_s) {
        if (elapsed_s >= 1.5) emulator_.pull_cable();
      });
  EXPECT_TRUE(r.interrupted);
  EXPECT_THAT(r.interruption, HasSubstr("unplugged"));
  EXPECT_GE(r.recording.frames.size(), 150u);
  EXPECT_LT(r.recording.frames.size(), 1000u);
  EXPECT_EQ(r.recording.frames.size(), r.recording.counters.frames_received);
  EXPECT_EQ(count_events(r.recording, RecordingEventKind::kInterrupted), 1u);
  const SerialHealth h = plate->serial_health();
  EXPECT_FALSE(h.connected);
  EXPECT_EQ(h.hang_ups, 1u);
  const Status again = plate->start();
  ASSERT_FALSE(again.ok());
  EXPECT_THAT(again.error().message, HasSubstr("unplugged"));
}

}  // namespace
}  // namespace stance::serial::test
