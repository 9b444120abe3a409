#pragma once
// The board's evdev events into reports: the kernel sends only the corners that changed (and
// smooths small steps by the axis fuzz), so the last value of each corner is kept, and every
// SYN_REPORT is one report of all four. SYN_DROPPED (the reader's queue overflowed) is counted;
// the corners are then set from the device's state (libevdev's sync) before the next report.
#include <array>
#include <cstdint>
#include <optional>

namespace stance::wii {

struct BoardReport {
  double t_s = 0.0;                 // the event's time (CLOCK_MONOTONIC), s
  std::array<std::int32_t, 4> g{};  // per channel (board_model.hpp order), grams
};

class BoardReports {
 public:
  // One event; returns a report at SYN_REPORT.
  std::optional<BoardReport> on_event(unsigned type, unsigned code, int value, double t_s);
  // The corner's value as the device says (after open or a SYN_DROPPED), kernel units.
  void set_corner(unsigned abs_code, int value);

  std::uint64_t reports() const { return reports_; }
  std::uint64_t dropped() const { return dropped_; }  // SYN_DROPPED seen
  bool button_pressed() const { return button_; }

 private:
  std::array<std::int32_t, 4> g_{};
  std::uint64_t reports_ = 0;
  std::uint64_t dropped_ = 0;
  bool button_ = false;
};

}  // namespace stance::wii
