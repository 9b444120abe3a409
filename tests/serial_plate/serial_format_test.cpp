// The serial plate's text: sample and header lines, the plate file, the address options.
#include <gmock/gmock.h>

#include "serial_plate/line_assembler.hpp"
#include "serial_plate/line_format.hpp"
#include "serial_plate/plate_file.hpp"
#include "serial_plate/serial_options.hpp"

namespace stance::serial {
namespace {

using ::testing::HasSubstr;

TEST(SerialLine, FourCountsWithAnySeparators) {
  for (const char* text : {"1,-2,3,4", "1 -2 3 4", "1\t-2\t3\t4", " 1, -2 ,3,\t4 \r"}) {
    const ParsedLine l = parse_plate_line(text);
    ASSERT_EQ(l.kind, LineKind::kSample) << text;
    EXPECT_FALSE(l.sample.has_time);
    EXPECT_EQ(l.sample.counts[1], -2) << text;
    EXPECT_EQ(l.sample.counts[3], 4) << text;
  }
}

TEST(SerialLine, AFifthNumberFirstIsTheDeviceTimeKeptTo32Bits) {
  const ParsedLine l = parse_plate_line("4294967306,10,20,30,40");  // 2^32 + 10 µs
  ASSERT_EQ(l.kind, LineKind::kSample);
  EXPECT_TRUE(l.sample.has_time);
  EXPECT_EQ(l.sample.t_us, 10u);
  EXPECT_EQ(l.sample.counts[0], 10);
  EXPECT_EQ(parse_plate_line("-5,10,20,30,40").kind, LineKind::kGarbled);  // no negative time
}

TEST(SerialLine, AnythingElseIsGarbled) {
  for (const char* text : {"1,2,3", "1,2,3,4,5,6", "1,2,x,4", "1.5,2,3,4", "1,,2,3", "ok",
                           "99999999999,1,2,3", "\x80\x81,1,2,3"}) {
    // Runs of separators are one separator, so "1,,2,3" is three numbers.
    EXPECT_EQ(parse_plate_line(text).kind, LineKind::kGarbled) << text;
  }
  EXPECT_EQ(parse_plate_line("  \r").kind, LineKind::kEmpty);
}

TEST(SerialLine, HeaderLinesCarryNameSerialRateAndFirmware) {
  const ParsedLine l = parse_plate_line("# Name=Clinic plate 2; serial: HX-0042; rate=80.2; hello");
  ASSERT_EQ(l.kind, LineKind::kHeader);
  PlateHeader h;
  h.merge(l.header);
  EXPECT_EQ(h.name, "Clinic plate 2");
  EXPECT_EQ(h.serial, "HX-0042");
  EXPECT_DOUBLE_EQ(h.rate_hz, 80.2);
  EXPECT_TRUE(h.complete());
  h.merge(parse_plate_line("# rate=fast").header);  // not a number: the earlier rate stays
  EXPECT_DOUBLE_EQ(h.rate_hz, 80.2);
}

TEST(SerialLine, TheAssemblerJoinsPiecesAndCutsEndlessLines) {
  LineAssembler a;
  std::vector<std::pair<std::string, bool>> got;
  const auto feed = [&](std::string_view text) {
    a.feed(std::span(text.data(), text.size()),
           [&](std::string_view t, bool too_long) { got.emplace_back(t, too_long); });
  };
  for (const char* piece : {"1,2", ",3,4\r", "\n5,6,7,8\n"}) feed(piece);
  feed(std::string(kMaxLineBytes + 50, '9'));
  feed("\n1,1,1,1\n");
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].first, "1,2,3,4");
  EXPECT_EQ(got[1].first, "5,6,7,8");
  EXPECT_TRUE(got[2].second);
  EXPECT_EQ(got[3].first, "1,1,1,1");
  EXPECT_FALSE(got[3].second);
}

TEST(SerialOptionsText, ThePortFirstThenOptions) {
  auto o = parse_serial_options("/dev/ttyUSB0,baud=57600,stall_ms=500");
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->path, "/dev/ttyUSB0");
  EXPECT_EQ(o->baud, 57600u);
  EXPECT_EQ(o->stall_after.count(), 500);
  EXPECT_EQ(parse_serial_options("/dev/ttyACM0")->baud, kDefaultBaud);
  EXPECT_EQ(parse_serial_options("path=/dev/ttyACM1")->path, "/dev/ttyACM1");
  EXPECT_FALSE(parse_serial_options("/dev/ttyACM0,speed=9600").ok());
  EXPECT_FALSE(parse_serial_options("/dev/ttyACM0,baud=fast").ok());
  EXPECT_EQ(serial_address("/dev/ttyACM0", 115200), "serial:/dev/ttyACM0");
  EXPECT_EQ(serial_address("/dev/ttyUSB0", 9600), "serial:/dev/ttyUSB0,baud=9600");
}

PlateFile square_plate() {
  PlateFile f;
  f.serial = "HX-1";
  f.width_m = 0.5;
  f.length_m = 0.4;
  f.cells = {{{-0.2, -0.15}, {0.2, -0.15}, {0.2, 0.15}, {-0.2, 0.15}}};
  f.newtons_per_count = {0.0021, -0.0019, 0.002, 0.00205};
  return f;
}

TEST(SerialPlateFile, WhatIsWrittenIsReadBack) {
  const PlateFile f = square_plate();
  auto back = parse_plate_file(format_plate_file(f));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->serial, "HX-1");
  EXPECT_DOUBLE_EQ(back->width_m, 0.5);
  EXPECT_DOUBLE_EQ(back->cells[2].x_m, 0.2);
  EXPECT_DOUBLE_EQ(back->cells[0].y_m, -0.15);
  EXPECT_DOUBLE_EQ(back->newtons_per_count[1], -0.0019);
}

TEST(SerialPlateFile, OneGainForAllCellsAndClearErrors) {
  std::string text = format_plate_file(square_plate());
  std::string common =
      text.substr(0, text.find("cell1_newtons_per_count")) + "newtons_per_count = 0.003\n";
  auto f = parse_plate_file(common);
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_DOUBLE_EQ(f->newtons_per_count[3], 0.003);

  std::string outside = text;
  outside.replace(outside.find("cell3_mm = 200"), 14, "cell3_mm = 400");
  auto bad = parse_plate_file(outside);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error().message, HasSubstr("cell3_mm lies outside"));

  auto none = parse_plate_file("format = stance.serial-plate/1\nserial = X\nwidth_mm = 400\n");
  ASSERT_FALSE(none.ok());
  EXPECT_THAT(none.error().message, HasSubstr("length_mm"));
  EXPECT_FALSE(parse_plate_file("serial = X\n").ok());
}

TEST(SerialPlateFile, AMissingFileSaysWhereItGoes) {
  auto f = load_plate_file(plate_file_path("/nonexistent", "../HX 9"));
  ASSERT_FALSE(f.ok());
  EXPECT_THAT(f.error().message, HasSubstr("/nonexistent/_._HX_9.plate"));
}

}  // namespace
}  // namespace stance::serial
