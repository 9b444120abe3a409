#pragma once
// The fixture of the USB driver tests: a umockdev testbed with emulated SPP plates, and helpers
// that drive a UsbPlate. Plates opened in a test body are closed (libusb exits) before the
// fixture removes the emulated devices and the testbed.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <vector>

#include "usb_emulation/emulated_plate.hpp"
#include "usb_emulation/umockdev_testbed.hpp"
#include "usb_spp/usb_plate.hpp"

namespace stance::usbemu {

class UsbEmulationTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // A plate on the emulated bus (plugged in unless told otherwise).
  EmulatedPlate& add_plate(const PlateSpec& spec, const FaultPlan& faults = {}, bool plug = true);
  Testbed& testbed() { return *testbed_; }

 private:
  std::unique_ptr<Testbed> testbed_;
  std::vector<std::unique_ptr<EmulatedPlate>> plates_;
};

struct Received {
  std::vector<RawFrame> frames;
  std::vector<RecordingEvent> events;
  bool disconnected = false;
};

// Reads until `duration` has passed (or the plate is gone), appending to `into`.
void read_for(usb::UsbPlate& plate, std::chrono::milliseconds duration, Received& into);
// Reads until at least `frames` frames arrived, the plate is gone or `limit` passed.
void read_frames(usb::UsbPlate& plate, std::size_t frames, std::chrono::milliseconds limit,
                 Received& into);
// Reads until the emulated plate has put `frames` frames on the bus since START_STREAM (or
// `limit` passed, or the plate is gone). Counting frames, not time, keeps a test's work the same
// on a machine that is busy with other things.
void read_until_sent(usb::UsbPlate& plate, const EmulatedPlate& emulated, std::uint64_t frames,
                     Received& into,
                     std::chrono::milliseconds limit = std::chrono::milliseconds(5000));
// Opens with options text ("" = the only plate), failing the test on error.
std::unique_ptr<usb::UsbPlate> open_plate(const std::string& options = "");

// Every frame intact, in order, with no gap: seq first..first+n-1 and the emulator's counts.
::testing::AssertionResult frames_are_contiguous(const std::vector<RawFrame>& frames, int channels,
                                                 std::uint32_t first_seq = 0);

}  // namespace stance::usbemu
