#pragma once
// A serial port opened read-only through termios: raw bytes at a chosen baud rate. Stance never
// writes to a serial plate (it may be some other device), so there is no write().
#include <chrono>
#include <cstddef>
#include <span>
#include <string>

#include "support/result.hpp"

namespace stance::serial {

class SerialPort {
 public:
  // Opens `path` exclusively (TIOCEXCL), raw 8N1 at `baud`, ignoring modem lines. Errors say what
  // to do: no such port, no permission (the dialout group), in use, not a serial port, a baud
  // rate the port cannot do.
  static Result<SerialPort> open(const std::string& path, unsigned baud);
  SerialPort(SerialPort&& other) noexcept;
  SerialPort& operator=(SerialPort&& other) noexcept;
  SerialPort(const SerialPort&) = delete;
  SerialPort& operator=(const SerialPort&) = delete;
  ~SerialPort();

  struct ReadOutcome {
    std::size_t bytes = 0;
    bool hung_up = false;  // the device is gone (unplugged): bytes before it are still valid
  };
  // Waits up to `timeout` for bytes, then reads what is there (at most buffer.size()).
  ReadOutcome read(std::span<char> buffer, std::chrono::milliseconds timeout);
  // Throws away what arrived before now (old lines from before a recording).
  void discard_input();

  const std::string& path() const { return path_; }
  unsigned baud() const { return baud_; }

 private:
  SerialPort(int fd, std::string path, unsigned baud)
      : fd_(fd), path_(std::move(path)), baud_(baud) {}
  int fd_ = -1;
  std::string path_;
  unsigned baud_ = 0;
};

// The baud rates termios offers on Linux, "50, 75, ..., 4000000", for messages.
std::string supported_baud_rates();

}  // namespace stance::serial
