#include "wii_board/wii_options.hpp"

#include "core/key_value_options.hpp"

namespace stance::wii {

std::string wii_options_help() {
  return "the board's event node (/dev/input/eventN) or Bluetooth address, then rate=HZ (the "
         "uniform grid, default 100), max_gap_ms=N (silence while someone stands on it counted as "
         "a gap, default 100); e.g. wbb or wbb:/dev/input/event7,rate=100";
}

Result<WiiOptions> parse_wii_options(const std::string& text) {
  WiiOptions options;
  if (text.empty()) return options;
  if (text == "help") return Error{wii_options_help()};
  // A Bluetooth address has ':' but no '='; the board comes first.
  auto [first, rest] = split_leading_value(text);
  options.board = std::move(first);
  if (rest.empty()) return options;
  Result<KeyValueOptions> kv = KeyValueOptions::parse(rest);
  if (!kv) return Error{kv.error().message + "; wbb options are " + wii_options_help()};
  if (Status s = kv->check_known("wbb", {"board", "rate", "max_gap_ms"}); !s) return s.error();
  options.board = kv->text("board", options.board);
  const Result<double> rate = kv->number("rate", 100.0);
  if (!rate) return rate.error();
  if (*rate < 10.0 || *rate > 1000.0) return Error{"rate must be 10..1000 Hz"};
  options.rate_hz = *rate;
  const Result<double> gap = kv->number("max_gap_ms", 100.0);
  if (!gap) return gap.error();
  if (*gap < 10.0 || *gap > 5000.0) return Error{"max_gap_ms must be 10..5000"};
  options.max_gap_ms = *gap;
  return options;
}

}  // namespace stance::wii
