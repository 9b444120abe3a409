#pragma once
// Bytes from the port into lines: a line may arrive in pieces, '\r' is dropped, and a "line"
// that never ends (noise, a wrong baud rate) is cut at kMaxLineBytes and reported as too long.
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace stance::serial {

inline constexpr std::size_t kMaxLineBytes = 160;

class LineAssembler {
 public:
  // `on_line(text, too_long)`: text is valid only during the call.
  using LineHandler = std::function<void(std::string_view text, bool too_long)>;

  void feed(std::span<const char> bytes, const LineHandler& on_line);
  // Forgets a line in progress (the stream restarts).
  void clear();

 private:
  std::string pending_;
  bool overflowed_ = false;  // the current line is too long: skip to its end
};

}  // namespace stance::serial
