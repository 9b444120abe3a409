#include "emulated_serial_plate.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <stdexcept>

namespace stance::serial::test {
namespace {

void make_raw(int fd) {
  termios tio{};
  if (::tcgetattr(fd, &tio) == 0) {
    ::cfmakeraw(&tio);
    (void)::tcsetattr(fd, TCSANOW, &tio);
  }
}

}  // namespace

EmulatedSerialPlate::EmulatedSerialPlate() {
  char name[128] = {};
  if (::openpty(&master_fd_, &slave_fd_, name, nullptr, nullptr) != 0) {
    throw std::runtime_error("openpty failed");
  }
  path_ = name;
  make_raw(slave_fd_);
  make_raw(master_fd_);
  ::fcntl(master_fd_, F_SETFL, ::fcntl(master_fd_, F_GETFL) | O_NONBLOCK);
}

EmulatedSerialPlate::~EmulatedSerialPlate() {
  closing_ = true;
  join();
  if (master_fd_ >= 0) ::close(master_fd_);
  ::close(slave_fd_);
}

void EmulatedSerialPlate::write(std::string_view bytes) {
  while (!bytes.empty() && !closing_ && master_fd_ >= 0) {
    const ssize_t n = ::write(master_fd_, bytes.data(), bytes.size());
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
    } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
      pollfd p{master_fd_, POLLOUT, 0};
      (void)::poll(&p, 1, 50);  // the driver has not read yet
    } else {
      return;
    }
  }
}

void EmulatedSerialPlate::run(std::function<void(EmulatedSerialPlate&)> firmware) {
  join();
  firmware_ = std::thread([this, f = std::move(firmware)] { f(*this); });
}

void EmulatedSerialPlate::join() {
  if (firmware_.joinable()) firmware_.join();
}

void EmulatedSerialPlate::wait_drained() {
  int queued = 1;
  while (!closing_ && ::ioctl(slave_fd_, FIONREAD, &queued) == 0 && queued > 0) {
    ::usleep(2000);
  }
}

void EmulatedSerialPlate::hang_up() {
  ::close(master_fd_);
  master_fd_ = -1;
}

bool EmulatedSerialPlate::received_anything() {
  if (master_fd_ < 0) return false;
  char c = 0;
  return ::read(master_fd_, &c, 1) == 1;
}

std::array<CellPosition, 4> EmulatedCells::positions() const {
  return {{{-half_width_m, -half_length_m},
           {half_width_m, -half_length_m},
           {half_width_m, half_length_m},
           {-half_width_m, half_length_m}}};
}

std::array<std::int32_t, 4> counts_for_load(const EmulatedCells& cells, double fz_n,
                                            CellPosition cop, std::uint32_t k) {
  std::array<std::int32_t, 4> out{};
  const auto at = cells.positions();
  for (int i = 0; i < 4; ++i) {
    const double sx = at[i].x_m > 0 ? 1.0 : -1.0, sy = at[i].y_m > 0 ? 1.0 : -1.0;
    const double share = (0.5 + sx * cop.x_m / (2 * cells.half_width_m)) *
                         (0.5 + sy * cop.y_m / (2 * cells.half_length_m));
    const int ripple = static_cast<int>((k * 7919u + static_cast<unsigned>(i) * 104729u) % 9u) - 4;
    out[i] = cells.zero_counts[i] +
             static_cast<std::int32_t>(std::lround(
                 fz_n * share / (cells.newtons_per_count * cells.true_gain_factor[i]))) +
             ripple;
  }
  return out;
}

std::string sample_line(std::uint32_t t_us, const std::array<std::int32_t, 4>& counts) {
  std::string out = std::to_string(t_us);
  for (std::int32_t c : counts) out += "," + std::to_string(c);
  return out + "\n";
}

}  // namespace stance::serial::test
