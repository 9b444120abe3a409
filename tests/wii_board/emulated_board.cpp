#include "emulated_board.hpp"

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <thread>
#include <vector>

#include "wii_board/board_model.hpp"

namespace stance::wii::test {
namespace {

template <typename T>
T* host_pointer(UMockdevIoctlData* arg) {
  unsigned long address = 0;
  std::memcpy(&address, arg->data, sizeof address);
  return reinterpret_cast<T*>(address);
}

constexpr std::array<unsigned, 4> kAxes{ABS_HAT0X, ABS_HAT0Y, ABS_HAT1X, ABS_HAT1Y};

void set_bit(unsigned char* bits, unsigned bit, std::size_t size) {
  if (bit / 8 < size) bits[bit / 8] = static_cast<unsigned char>(bits[bit / 8] | (1u << (bit % 8)));
}

}  // namespace

double monotonic_s() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

Corners corners_for(double fz_n, double cop_ml_m, double cop_ap_m) {
  const double hx = kSensorSpacingMl_m / 2, hy = kSensorSpacingAp_m / 2;
  // top = front (+y), right = +x.
  const double signs[4][2] = {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}};
  Corners out{};
  for (int i = 0; i < 4; ++i) {
    const double share =
        (0.5 + signs[i][0] * cop_ml_m / (2 * hx)) * (0.5 + signs[i][1] * cop_ap_m / (2 * hy));
    out[i] = static_cast<int>(std::lround(fz_n * share / 9.80665 * 100));  // 10 g units
  }
  return out;
}

EmulatedBoard::EmulatedBoard(UMockdevTestbed* testbed, int event_number)
    : testbed_(testbed), number_(event_number), handler_(umockdev_ioctl_base_new()) {
  const std::string n = std::to_string(number_);
  hid_path_ = "/sys/devices/virtual/hid/0005:057E:0306." + n;
  input_path_ = hid_path_ + "/input/input" + n;
  event_path_ = input_path_ + "/event" + n;
  g_signal_connect_data(handler_, "handle-ioctl", reinterpret_cast<GCallback>(&on_ioctl), this,
                        nullptr, G_CONNECT_AFTER);
  g_signal_connect_data(handler_, "handle-read", reinterpret_cast<GCallback>(&on_read), this,
                        nullptr, G_CONNECT_AFTER);
  // The handler first, so the node never exists without it.
  umockdev_testbed_attach_ioctl(testbed_, event_node().c_str(), handler_, nullptr);
  const std::string text =
      "P: /devices/virtual/hid/0005:057E:0306." + n +
      "\nE: SUBSYSTEM=hid\nE: DRIVER=wiimote\nL: driver=../../../../bus/hid/drivers/wiimote\n"
      "A: devtype=balanceboard\\n\nA: bboard_calib=00000000000000000000000000000000\\n\n\n"
      "P: /devices/virtual/hid/0005:057E:0306." +
      n + "/input/input" + n +
      "\nE: SUBSYSTEM=input\nE: NAME=\"Nintendo Wii Remote Balance Board\"\n"
      "A: name=Nintendo Wii Remote Balance Board\\n\nA: uniq=" +
      kBluetooth +
      "\\n\n\n"
      "P: /devices/virtual/hid/0005:057E:0306." +
      n + "/input/input" + n + "/event" + n + "\nN: input/event" + n +
      "\nE: SUBSYSTEM=input\nE: DEVNAME=/dev/input/event" + n +
      "\nE: MAJOR=13\nE: MINOR=" + std::to_string(64 + number_) + "\n";
  GError* error = nullptr;
  if (umockdev_testbed_add_from_string(testbed_, text.c_str(), &error) == FALSE) {
    const std::string message = error != nullptr ? error->message : "unknown";
    if (error != nullptr) g_error_free(error);
    throw std::runtime_error("umockdev: " + message);
  }
  // The node is a pty: raw, or the line discipline would wait for '\n' and echo the events.
  termios tio{};
  const int fd = umockdev_testbed_get_dev_fd(testbed_, event_node().c_str());
  if (fd >= 0 && ::tcgetattr(fd, &tio) == 0) {
    ::cfmakeraw(&tio);
    (void)::tcsetattr(fd, TCSANOW, &tio);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);  // see write_events
    // A look at the node's queue (never read): how far the reader is behind.
    queue_fd_ = ::open(::ptsname(fd), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  }
}

EmulatedBoard::~EmulatedBoard() {
  if (!unplugged_) unplug();
  if (queue_fd_ >= 0) ::close(queue_fd_);
  umockdev_testbed_detach_ioctl(testbed_, event_node().c_str(), nullptr);
  g_object_unref(handler_);
}

std::string EmulatedBoard::event_node() const {
  return "/dev/input/event" + std::to_string(number_);
}

void EmulatedBoard::write_events(double t_s, const std::vector<std::array<int, 3>>& events) {
  std::vector<input_event> batch;
  for (const auto& [type, code, value] : events) {
    input_event e{};
    const double whole = std::floor(t_s);
    e.input_event_sec = static_cast<decltype(e.input_event_sec)>(whole);
    e.input_event_usec =
        static_cast<decltype(e.input_event_usec)>(std::lround((t_s - whole) * 1e6));
    e.type = static_cast<unsigned short>(type);
    e.code = static_cast<unsigned short>(code);
    e.value = value;
    batch.push_back(e);
  }
  // A pty hands a reader up to 4095 bytes at once, which can end inside an event (a real evdev
  // node never does; libevdev then fails). So the board waits while the reader is behind, and
  // writes each report whole.
  int queued = 0;
  while (!stop_writing_ && queue_fd_ >= 0 && ::ioctl(queue_fd_, FIONREAD, &queued) == 0 &&
         queued > 480) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  const int fd = umockdev_testbed_get_dev_fd(testbed_, event_node().c_str());
  const char* p = reinterpret_cast<const char*>(batch.data());
  std::size_t left = batch.size() * sizeof(input_event);
  while (left > 0 && !stop_writing_) {
    const ssize_t n = ::write(fd, p, left);
    if (n <= 0) {
      if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        pollfd wait{fd, POLLOUT, 0};
        (void)::poll(&wait, 1, 20);  // the reader has not caught up
        continue;
      }
      return;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  // A moment for the tty layer's worker to hand the bytes to the node's queue, where FIONREAD
  // sees them (a worker held up long enough can still let the queue fill: see docs/wii-board.md).
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void EmulatedBoard::report(double t_s, const Corners& corners) {
  {
    std::lock_guard lock(mutex_);
    state_ = corners;
  }
  std::vector<std::array<int, 3>> events;
  for (int i = 0; i < 4; ++i) {
    if (corners[i] != sent_[i]) events.push_back({EV_ABS, static_cast<int>(kAxes[i]), corners[i]});
  }
  sent_ = corners;
  events.push_back({EV_SYN, SYN_REPORT, 0});
  write_events(t_s, events);
}

void EmulatedBoard::drop(double t_s) {
  write_events(t_s, {{EV_SYN, SYN_DROPPED, 0}});
}

void EmulatedBoard::unplug() {
  unplugged_ = true;
  // remove_device sends no uevent and removes only the path given: child first.
  for (const std::string& path : {event_path_, input_path_, hid_path_}) {
    umockdev_testbed_uevent(testbed_, path.c_str(), "remove");
  }
  for (const std::string& path : {event_path_, input_path_, hid_path_}) {
    umockdev_testbed_remove_device(testbed_, path.c_str());
  }
  // The node's other end closed, so a reader's poll() wakes with POLLHUP.
  ::close(umockdev_testbed_get_dev_fd(testbed_, event_node().c_str()));
}

gboolean EmulatedBoard::on_read(UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer self) {
  auto* board = static_cast<EmulatedBoard*>(self);
  if (!board->unplugged_) return FALSE;  // the events written to the node
  umockdev_ioctl_client_complete(client, -1, ENODEV);
  return TRUE;
}

gboolean EmulatedBoard::on_ioctl(UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer self) {
  return static_cast<EmulatedBoard*>(self)->answer(client) ? TRUE : FALSE;
}

bool EmulatedBoard::answer(UMockdevIoctlClient* client) {
  const unsigned long request = umockdev_ioctl_client_get_request(client);
  UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);
  if (_IOC_TYPE(request) != 'E') return false;
  if (unplugged_) {
    umockdev_ioctl_client_complete(client, -1, ENODEV);
    return true;
  }
  const auto nr = static_cast<unsigned>(_IOC_NR(request));
  const std::size_t size = _IOC_SIZE(request);
  const auto reply_text = [&](const char* s) {
    char* out = host_pointer<char>(arg);
    const std::size_t n = std::min(size, std::strlen(s) + 1);
    std::memcpy(out, s, n);
    if (n > 0) out[n - 1] = '\0';
    umockdev_ioctl_client_complete(client, static_cast<glong>(n), 0);
  };
  const auto reply_bits = [&](std::initializer_list<unsigned> bits) {
    auto* out = host_pointer<unsigned char>(arg);
    std::memset(out, 0, size);
    for (unsigned b : bits) set_bit(out, b, size);
    umockdev_ioctl_client_complete(client, static_cast<glong>(size), 0);
  };
  if (request == EVIOCGVERSION) {
    *host_pointer<int>(arg) = EV_VERSION;
  } else if (request == EVIOCGID) {
    *host_pointer<input_id>(arg) = input_id{BUS_BLUETOOTH, 0x057e, 0x0306, 0x8600};
  } else if (request == EVIOCSCLOCKID || request == EVIOCGRAB) {
    // Accepted: the test writes monotonic times.
  } else if (nr == _IOC_NR(EVIOCGNAME(0))) {
    reply_text("Nintendo Wii Remote Balance Board");
    return true;
  } else if (nr == _IOC_NR(EVIOCGUNIQ(0))) {
    reply_text(kBluetooth);
    return true;
  } else if (nr == _IOC_NR(EVIOCGPHYS(0))) {
    reply_text("");
    return true;
  } else if (nr == _IOC_NR(EVIOCGBIT(0, 0))) {
    reply_bits({EV_SYN, EV_KEY, EV_ABS});
    return true;
  } else if (nr == _IOC_NR(EVIOCGBIT(EV_KEY, 0))) {
    reply_bits({BTN_A});
    return true;
  } else if (nr == _IOC_NR(EVIOCGBIT(EV_ABS, 0))) {
    reply_bits({ABS_HAT0X, ABS_HAT0Y, ABS_HAT1X, ABS_HAT1Y});
    return true;
  } else if (nr > _IOC_NR(EVIOCGBIT(0, 0)) && nr < _IOC_NR(EVIOCGBIT(EV_MAX, 0)) + 1) {
    reply_bits({});  // other event types: none
    return true;
  } else if (nr == _IOC_NR(EVIOCGPROP(0)) || nr == _IOC_NR(EVIOCGKEY(0)) ||
             nr == _IOC_NR(EVIOCGLED(0)) || nr == _IOC_NR(EVIOCGSW(0)) ||
             nr == _IOC_NR(EVIOCGSND(0))) {
    reply_bits({});
    return true;
  } else if (nr >= _IOC_NR(EVIOCGABS(0)) && nr < _IOC_NR(EVIOCGABS(0)) + ABS_CNT &&
             _IOC_DIR(request) == _IOC_READ) {
    const auto axis = static_cast<unsigned>(nr - _IOC_NR(EVIOCGABS(0)));
    input_absinfo info{};
    info.maximum = 65535;
    info.fuzz = 2;
    std::lock_guard lock(mutex_);
    for (int i = 0; i < 4; ++i) {
      if (kAxes[i] == axis) info.value = state_[i];
    }
    *host_pointer<input_absinfo>(arg) = info;
  } else {
    umockdev_ioctl_client_complete(client, -1, EINVAL);
    return true;
  }
  umockdev_ioctl_client_complete(client, 0, 0);
  return true;
}

}  // namespace stance::wii::test
