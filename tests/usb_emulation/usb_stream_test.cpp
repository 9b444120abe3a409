// Streams from emulated plates through the real libusb: layouts, endpoint types, bus speeds and
// rates, with every frame checked.
#include <gtest/gtest.h>

#include "usb_emulation/usb_test_support.hpp"

namespace stance::usbemu {
namespace {

TEST_F(UsbEmulationTest, OpensAndReadsInfoAndCalibration) {
  PlateSpec spec;
  spec.serial = "EMU-INFO";
  spec.layout = PlateLayout::kSixComponent;
  add_plate(spec);
  auto plate = open_plate();
  ASSERT_NE(plate, nullptr);
  EXPECT_EQ(plate->info().serial, "EMU-INFO");
  EXPECT_EQ(plate->info().manufacturer, spec.manufacturer);
  EXPECT_EQ(plate->info().product, spec.product);
  EXPECT_EQ(plate->info().layout, PlateLayout::kSixComponent);
  EXPECT_EQ(plate->info().max_rate_hz, 2000);
  EXPECT_EQ(plate->rate_hz(), 1000);
  EXPECT_EQ(plate->calibration().matrix, EmulatedPlate::calibration(spec).matrix);
  EXPECT_EQ(plate->calibration().zero_counts, EmulatedPlate::calibration(spec).zero_counts);
  EXPECT_EQ(plate->address(), "usb:EMU-INFO");
}

}  // namespace
}  // namespace stance::usbemu

namespace stance::usbemu {
namespace {

struct StreamCase {
  PlateLayout layout;
  EndpointKind endpoint;
  BusSpeed speed;
  std::uint16_t rate_hz;
};

// Readable in test listings (ctest shows the parameter).
void PrintTo(const StreamCase& c, std::ostream* os) {
  *os << "layout " << static_cast<int>(c.layout)
      << (c.endpoint == EndpointKind::kBulk ? " bulk " : " interrupt ")
      << (c.speed == BusSpeed::kFull ? "full speed " : "high speed ") << c.rate_hz << " Hz";
}

std::string case_name(const ::testing::TestParamInfo<StreamCase>& info) {
  const StreamCase& c = info.param;
  return std::string(c.layout == PlateLayout::kFourCell ? "Layout1" : "Layout2") +
         (c.endpoint == EndpointKind::kBulk ? "Bulk" : "Interrupt") +
         (c.speed == BusSpeed::kFull ? "Full" : "High") + std::to_string(c.rate_hz) + "Hz";
}

class UsbStreamTest : public UsbEmulationTest, public ::testing::WithParamInterface<StreamCase> {};

TEST_P(UsbStreamTest, EveryFrameArrivesInOrder) {
  const StreamCase& c = GetParam();
  PlateSpec spec;
  spec.layout = c.layout;
  spec.endpoint = c.endpoint;
  spec.speed = c.speed;
  EmulatedPlate& emulated = add_plate(spec);
  auto plate = open_plate();
  ASSERT_NE(plate, nullptr);
  EXPECT_EQ(plate->endpoint().type, c.endpoint == EndpointKind::kBulk
                                        ? usb::EndpointType::kBulk
                                        : usb::EndpointType::kInterrupt);
  EXPECT_EQ(plate->endpoint().max_packet_bytes, c.speed == BusSpeed::kHigh ? 512 : 64);
  EXPECT_EQ(plate->speed(),
            c.speed == BusSpeed::kHigh ? usb::BusSpeed::kHigh : usb::BusSpeed::kFull);
  ASSERT_TRUE(plate->set_rate(c.rate_hz).ok());
  EXPECT_EQ(emulated.rate_hz(), c.rate_hz);

  ASSERT_TRUE(plate->start().ok());
  Received got;
  read_until_sent(*plate, emulated, c.rate_hz * 6u / 10u, got);  // 0.6 s of stream
  ASSERT_TRUE(plate->stop().ok());
  read_for(*plate, std::chrono::milliseconds(30), got);  // nothing may be left behind

  const PlateTruth truth = emulated.truth();
  const int channels = channel_count(c.layout);
  EXPECT_FALSE(got.disconnected);
  EXPECT_EQ(got.frames.size(), truth.frames_sent);
  EXPECT_TRUE(frames_are_contiguous(got.frames, channels));
  EXPECT_GE(got.frames.size(), c.rate_hz * 6u / 10u);
  EXPECT_TRUE(got.events.empty());
  const usb::UsbHealth h = plate->usb_health();
  EXPECT_EQ(h.plate.stream.frames_received, got.frames.size());
  EXPECT_EQ(h.plate.stream.frames_lost, 0u);
  EXPECT_EQ(h.plate.stream.crc_errors, 0u);
  EXPECT_EQ(h.plate.stream.sync_errors, 0u);
  EXPECT_EQ(h.plate.transfer_errors, 0u);
  EXPECT_EQ(h.transfers_completed, truth.in_urbs_completed);
  EXPECT_GT(h.plate.mean_latency_ms, 0.0);
  // Plausible, not tight: on a machine busy with other work the emulation itself falls behind
  // (frames wait in the plate's FIFO). A wrong mapping would be off by seconds or hours; the
  // mapping is checked exactly in usb_spp_unit_test (UsbDeviceClock).
  EXPECT_LT(h.plate.mean_latency_ms, 1000.0);
  EXPECT_LT(h.max_latency_ms, 5000.0);
  EXPECT_EQ(emulated.in_urbs_in_flight(), 0);
  EXPECT_EQ(truth.max_in_urbs_in_flight, plate->transfer_plan().transfers);
  EXPECT_TRUE(truth.protocol_violations.empty());
  EXPECT_TRUE(truth.unhandled_ioctls.empty());
  std::printf(
      "  %zu frames in %llu transfers (up to %llu frames each), %d in flight of %zu B, "
      "latency mean %.2f ms max %.2f ms\n",
      got.frames.size(), static_cast<unsigned long long>(truth.in_urbs_completed),
      static_cast<unsigned long long>(truth.max_frames_per_urb), plate->transfer_plan().transfers,
      plate->transfer_plan().transfer_bytes, h.plate.mean_latency_ms, h.max_latency_ms);
}

constexpr auto kL1 = PlateLayout::kFourCell;
constexpr auto kL2 = PlateLayout::kSixComponent;
constexpr auto kBulk = EndpointKind::kBulk;
constexpr auto kInt = EndpointKind::kInterrupt;
constexpr auto kFs = BusSpeed::kFull;
constexpr auto kHs = BusSpeed::kHigh;

INSTANTIATE_TEST_SUITE_P(
    LayoutsEndpointsSpeeds, UsbStreamTest,
    ::testing::Values(StreamCase{kL1, kBulk, kFs, 1000}, StreamCase{kL2, kBulk, kFs, 1000},
                      StreamCase{kL1, kInt, kFs, 1000}, StreamCase{kL2, kInt, kFs, 1000},
                      StreamCase{kL1, kBulk, kHs, 1000}, StreamCase{kL2, kBulk, kHs, 1000},
                      StreamCase{kL1, kInt, kHs, 1000}, StreamCase{kL2, kInt, kHs, 1000},
                      // A full-speed interrupt endpoint carries one 64-byte packet per ms: one
                      // 40-byte layout-2 frame, so such a plate cannot offer 2000 Hz.
                      StreamCase{kL1, kBulk, kFs, 2000}, StreamCase{kL2, kBulk, kFs, 2000},
                      StreamCase{kL1, kInt, kFs, 2000}, StreamCase{kL1, kBulk, kHs, 2000},
                      StreamCase{kL2, kBulk, kHs, 2000}, StreamCase{kL2, kInt, kHs, 2000}),
    case_name);

}  // namespace
}  // namespace stance::usbemu
