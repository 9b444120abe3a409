#include "serial_plate/serial_port.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

namespace stance::serial {
namespace {

struct BaudConstant {
  unsigned baud;
  speed_t constant;
};

constexpr std::array<BaudConstant, 30> kBauds{{
    {50, B50},           {75, B75},           {110, B110},         {134, B134},
    {150, B150},         {200, B200},         {300, B300},         {600, B600},
    {1200, B1200},       {1800, B1800},       {2400, B2400},       {4800, B4800},
    {9600, B9600},       {19200, B19200},     {38400, B38400},     {57600, B57600},
    {115200, B115200},   {230400, B230400},   {460800, B460800},   {500000, B500000},
    {576000, B576000},   {921600, B921600},   {1000000, B1000000}, {1152000, B1152000},
    {1500000, B1500000}, {2000000, B2000000}, {2500000, B2500000}, {3000000, B3000000},
    {3500000, B3500000}, {4000000, B4000000},
}};

std::optional<speed_t> termios_speed(unsigned baud) {
  for (const BaudConstant& b : kBauds) {
    if (b.baud == baud) return b.constant;
  }
  return std::nullopt;
}

Error open_error(const std::string& path, int error) {
  switch (error) {
    case ENOENT:
      return Error{"there is no serial port " + path +
                   " (is the plate plugged in? `stance devices` "
                   "lists the plates it finds)"};
    case EACCES:
    case EPERM:
      return Error{"no permission to open " + path +
                   ": add yourself to the group that owns it (usually dialout: `sudo adduser $USER "
                   "dialout`, then log in again), see docs/serial-plate.md"};
    case EBUSY:
      return Error{path + " is in use by another program (close the Arduino IDE's serial monitor)"};
    default:
      return Error{"cannot open " + path + ": " + std::strerror(error)};
  }
}

}  // namespace

std::string supported_baud_rates() {
  std::string out;
  for (const BaudConstant& b : kBauds) out += (out.empty() ? "" : ", ") + std::to_string(b.baud);
  return out;
}

Result<SerialPort> SerialPort::open(const std::string& path, unsigned baud) {
  const std::optional<speed_t> speed = termios_speed(baud);
  if (!speed) {
    return Error{std::to_string(baud) +
                 " is not a baud rate a serial port offers; use the plate's "
                 "own, one of " +
                 supported_baud_rates()};
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return open_error(path, errno);
  SerialPort port(fd, path, baud);  // closes fd on every return below
  if (::isatty(fd) == 0) return Error{path + " is not a serial port"};
  // Exclusive: a second program opening the plate would steal half of its lines.
  if (::ioctl(fd, TIOCEXCL) != 0) return open_error(path, errno);
  termios tio{};
  if (::tcgetattr(fd, &tio) != 0)
    return Error{path + " is not a serial port: " + std::strerror(errno)};
  ::cfmakeraw(&tio);
  tio.c_cflag |= CLOCAL | CREAD;  // ignore modem control lines; receive
  tio.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | CRTSCTS);
  tio.c_cc[VMIN] = 0;
  tio.c_cc[VTIME] = 0;
  if (::cfsetispeed(&tio, *speed) != 0 || ::cfsetospeed(&tio, *speed) != 0 ||
      ::tcsetattr(fd, TCSANOW, &tio) != 0) {
    return Error{"cannot set " + path + " to " + std::to_string(baud) +
                 " baud: " + std::strerror(errno)};
  }
  return port;
}

SerialPort::SerialPort(SerialPort&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)), baud_(other.baud_) {}

SerialPort& SerialPort::operator=(SerialPort&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
    baud_ = other.baud_;
  }
  return *this;
}

SerialPort::~SerialPort() {
  if (fd_ >= 0) ::close(fd_);
}

SerialPort::ReadOutcome SerialPort::read(std::span<char> buffer,
                                         std::chrono::milliseconds timeout) {
  ReadOutcome out;
  pollfd p{fd_, POLLIN, 0};
  const int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
  if (ready < 0) {
    out.hung_up = errno != EINTR;
    return out;
  }
  if (ready == 0) return out;
  // Bytes first, even with POLLHUP: what arrived before the unplug is kept. With VMIN = VTIME =
  // 0 a read returns 0 once the queue is empty; a port that is gone says so by POLLHUP / EIO.
  while (out.bytes < buffer.size()) {
    const ssize_t n = ::read(fd_, buffer.data() + out.bytes, buffer.size() - out.bytes);
    if (n > 0) {
      out.bytes += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EINTR) out.hung_up = true;  // EIO: unplugged
    break;
  }
  if ((p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0 && out.bytes < buffer.size()) {
    out.hung_up = true;
  }
  return out;
}

void SerialPort::discard_input() {
  (void)::tcflush(fd_, TCIFLUSH);
}

}  // namespace stance::serial
