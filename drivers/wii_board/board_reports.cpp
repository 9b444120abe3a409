#include "wii_board/board_reports.hpp"

#include <linux/input-event-codes.h>

#include "wii_board/board_model.hpp"

namespace stance::wii {

void BoardReports::set_corner(unsigned abs_code, int value) {
  if (const auto channel = channel_of_axis(abs_code)) g_[*channel] = value * kCountsPerUnit;
}

std::optional<BoardReport> BoardReports::on_event(unsigned type, unsigned code, int value,
                                                  double t_s) {
  if (type == EV_ABS) {
    set_corner(code, value);
  } else if (type == EV_KEY && code == BTN_A) {
    button_ = value != 0;
  } else if (type == EV_SYN && code == SYN_DROPPED) {
    ++dropped_;
  } else if (type == EV_SYN && code == SYN_REPORT) {
    ++reports_;
    return BoardReport{t_s, g_};
  }
  return std::nullopt;
}

}  // namespace stance::wii
