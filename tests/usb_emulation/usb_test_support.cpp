#include "usb_emulation/usb_test_support.hpp"

#include "usb_spp/usb_options.hpp"

namespace stance::usbemu {

void UsbEmulationTest::SetUp() {
  ASSERT_TRUE(Testbed::preload_active())
      << "libumockdev-preload is not active: link it with -Wl,--no-as-needed";
  testbed_ = std::make_unique<Testbed>();
}

void UsbEmulationTest::TearDown() {
  plates_.clear();
  testbed_.reset();
}

EmulatedPlate& UsbEmulationTest::add_plate(const PlateSpec& spec, const FaultPlan& faults,
                                           bool plug) {
  plates_.push_back(std::make_unique<EmulatedPlate>(*testbed_, spec, faults));
  if (plug) plates_.back()->plug();
  return *plates_.back();
}

void read_for(usb::UsbPlate& plate, std::chrono::milliseconds duration, Received& into) {
  const auto end = std::chrono::steady_clock::now() + duration;
  while (std::chrono::steady_clock::now() < end) {
    const ReadStatus s = plate.read(into.frames, into.events, std::chrono::milliseconds(20));
    if (s == ReadStatus::kDisconnected) {
      into.disconnected = true;
      return;
    }
  }
}

void read_frames(usb::UsbPlate& plate, std::size_t frames, std::chrono::milliseconds limit,
                 Received& into) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (into.frames.size() < frames && std::chrono::steady_clock::now() < end) {
    const ReadStatus s = plate.read(into.frames, into.events, std::chrono::milliseconds(20));
    if (s == ReadStatus::kDisconnected) {
      into.disconnected = true;
      return;
    }
  }
}

void read_until_sent(usb::UsbPlate& plate, const EmulatedPlate& emulated, std::uint64_t frames,
                     Received& into, std::chrono::milliseconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (emulated.truth().frames_sent < frames && std::chrono::steady_clock::now() < end) {
    const ReadStatus s = plate.read(into.frames, into.events, std::chrono::milliseconds(10));
    if (s == ReadStatus::kDisconnected) {
      into.disconnected = true;
      return;
    }
  }
}

std::unique_ptr<usb::UsbPlate> open_plate(const std::string& options) {
  Result<usb::UsbOptions> parsed = usb::parse_usb_options(options);
  EXPECT_TRUE(parsed.ok()) << (parsed ? "" : parsed.error().message);
  if (!parsed) return nullptr;
  Result<std::unique_ptr<usb::UsbPlate>> plate = usb::UsbPlate::open(*parsed);
  EXPECT_TRUE(plate.ok()) << (plate ? "" : plate.error().message);
  if (!plate) return nullptr;
  return std::move(*plate);
}

::testing::AssertionResult frames_are_contiguous(const std::vector<RawFrame>& frames, int channels,
                                                 std::uint32_t first_seq) {
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const RawFrame& f = frames[i];
    const auto seq = static_cast<std::uint32_t>(first_seq + i);
    if (f.seq != seq) {
      return ::testing::AssertionFailure()
             << "frame " << i << " has seq " << f.seq << ", expected " << seq;
    }
    for (int c = 0; c < channels; ++c) {
      if (f.counts[static_cast<std::size_t>(c)] != EmulatedPlate::counts_for(seq, c)) {
        return ::testing::AssertionFailure()
               << "frame seq " << seq << " channel " << c << " has wrong counts";
      }
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace stance::usbemu
