#include "serial_plate/line_assembler.hpp"

namespace stance::serial {

void LineAssembler::feed(std::span<const char> bytes, const LineHandler& on_line) {
  for (const char c : bytes) {
    if (c == '\n') {
      if (!overflowed_) on_line(pending_, false);
      pending_.clear();
      overflowed_ = false;
    } else if (c == '\r' || overflowed_) {
      continue;
    } else if (pending_.size() == kMaxLineBytes) {
      on_line(pending_, true);  // reported once, at the cut
      pending_.clear();
      overflowed_ = true;
    } else {
      pending_.push_back(c);
    }
  }
}

void LineAssembler::clear() {
  pending_.clear();
  overflowed_ = false;
}

}  // namespace stance::serial
