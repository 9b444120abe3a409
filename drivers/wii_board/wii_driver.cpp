#include "wii_board/wii_driver.hpp"

#include "wii_board/board_finder.hpp"

namespace stance::wii {

std::string WiiDriver::options_help() const {
  return wii_options_help();
}

Result<std::vector<PlateListing>> WiiDriver::list(const std::string& options) {
  const Result<WiiOptions> parsed = parse_wii_options(options);
  if (!parsed) return parsed.error();
  std::vector<PlateListing> out;
  for (const FoundBoard& b : find_boards()) {
    PlateListing l;
    l.address = "wbb:" + b.id();
    l.serial = b.bluetooth;
    l.rate_hz = static_cast<std::uint16_t>(parsed->rate_hz);
    l.firmware = "-";
    l.description = "Wii Balance Board on " + b.event_node + " (hid-wiimote" +
                    (b.factory_calib.empty() ? "" : ", factory calibration " + b.factory_calib) +
                    "); its reports are put on a " + std::to_string(l.rate_hz) + " Hz grid";
    out.push_back(std::move(l));
  }
  return out;
}

Result<std::unique_ptr<WiiBoard>> WiiDriver::open_board(const std::string& options) {
  const Result<WiiOptions> parsed = parse_wii_options(options);
  if (!parsed) return parsed.error();
  const std::vector<FoundBoard> boards = find_boards();
  if (parsed->board.rfind("/dev/", 0) == 0) {
    // A node given: the board udev knows there, or the node alone.
    for (const FoundBoard& b : boards) {
      if (b.event_node == parsed->board) return WiiBoard::open(b, *parsed);
    }
    return WiiBoard::open(FoundBoard{parsed->board, "", ""}, *parsed);
  }
  std::vector<const FoundBoard*> matching;
  for (const FoundBoard& b : boards) {
    if (parsed->board.empty() || b.bluetooth == parsed->board) matching.push_back(&b);
  }
  if (matching.empty()) {
    return Error{parsed->board.empty()
                     ? "no Wii Balance Board found: pair it and switch it on (docs/wii-board.md)"
                     : "no Wii Balance Board " + parsed->board +
                           ": is it switched on and paired? (`stance devices` lists the boards)"};
  }
  if (matching.size() > 1) {
    std::string ids;
    for (const FoundBoard* b : matching) ids += (ids.empty() ? "" : ", ") + ("wbb:" + b->id());
    return Error{"several Wii Balance Boards (" + ids + "): say which one"};
  }
  return WiiBoard::open(*matching[0], *parsed);
}

Result<std::unique_ptr<PlateDevice>> WiiDriver::open(const std::string& options) {
  Result<std::unique_ptr<WiiBoard>> board = open_board(options);
  if (!board) return board.error();
  return std::unique_ptr<PlateDevice>(std::move(*board));
}

}  // namespace stance::wii
