#include "wii_board/wii_board.hpp"

#include <fcntl.h>
#include <libevdev/libevdev.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "support/format.hpp"
#include "wii_board/board_model.hpp"

namespace stance::wii {
namespace {

constexpr double kOccupied_n = 10 * 9.80665;  // below this the board may rightly say nothing

double monotonic_now_s() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double event_time_s(const input_event& e) {
  return static_cast<double>(e.input_event_sec) + static_cast<double>(e.input_event_usec) * 1e-6;
}

}  // namespace

std::string timing_summary(const ReportTiming& t) {
  return std::to_string(t.reports) + " reports, " + fixed(t.effective_rate_hz, 1) +
         " per s, interval " + fixed(t.mean_interval_ms, 1) + " ms (SD " +
         fixed(t.jitter_sd_ms, 1) + ", max " + fixed(t.max_interval_ms, 1) + "), " +
         std::to_string(t.gaps) + " gaps, " + std::to_string(t.late_reports) + " late";
}

namespace {

// The board's event node opened for libevdev, its events on CLOCK_MONOTONIC.
struct OpenNode {
  int fd = -1;
  libevdev* dev = nullptr;
};

Result<OpenNode> open_node(const std::string& node) {
  const int fd = ::open(node.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == EACCES || error == EPERM) {
      return Error{"no permission to open the Wii Balance Board's " + node +
                   ": install the udev rule (docs/wii-board.md)"};
    }
    return Error{"cannot open the Wii Balance Board's " + node + ": " + std::strerror(error)};
  }
  libevdev* dev = nullptr;
  if (const int rc = libevdev_new_from_fd(fd, &dev); rc < 0) {
    ::close(fd);
    return Error{node + " is not an input device Stance can read: " + std::strerror(-rc)};
  }
  const auto fail = [&](const std::string& why) -> Result<OpenNode> {
    libevdev_free(dev);
    ::close(fd);
    return Error{node + why};
  };
  for (unsigned axis : axes_in_channel_order()) {
    if (libevdev_has_event_code(dev, EV_ABS, axis) == 0) {
      return fail(" is not a Wii Balance Board (it has no corner sensors)");
    }
  }
  // The events' times on the clock the grid uses (the kernel's default is CLOCK_REALTIME).
  int clock = CLOCK_MONOTONIC;
  if (::ioctl(fd, EVIOCSCLOCKID, &clock) != 0) {
    return fail(": the kernel refused monotonic event times");
  }
  return OpenNode{fd, dev};
}

}  // namespace

Result<std::unique_ptr<WiiBoard>> WiiBoard::open(const FoundBoard& board,
                                                 const WiiOptions& options) {
  Result<OpenNode> node = open_node(board.event_node);
  if (!node) return node.error();
  return std::unique_ptr<WiiBoard>(new WiiBoard(board, options, node->fd, node->dev));
}

Status WiiBoard::reopen() {
  // The same board (Bluetooth address) again, on whatever event node it now has.
  for (const FoundBoard& b : find_boards()) {
    if (b.id() != board_.id()) continue;
    Result<OpenNode> node = open_node(b.event_node);
    if (!node) return node.error();
    libevdev_free(dev_);
    ::close(fd_);
    fd_ = node->fd;
    dev_ = node->dev;
    board_ = b;
    connected_ = true;
    ++reconnects_;
    sync_corners();
    return {};
  }
  return Error{"the Wii Balance Board " + board_.id() +
               " is gone (switched off or out of range): press its power button"};
}

WiiBoard::WiiBoard(const FoundBoard& board, const WiiOptions& options, int fd, libevdev* dev)
    : board_(board),
      options_(options),
      fd_(fd),
      dev_(dev),
      info_(board_info(board.id(), static_cast<std::uint16_t>(options.rate_hz))),
      calibration_(board_calibration(std::time(nullptr))),
      grid_(options.rate_hz, options.max_gap_ms / 1000.0, kOccupied_n) {
  sync_corners();
}

WiiBoard::~WiiBoard() {
  libevdev_free(dev_);
  ::close(fd_);
}

void WiiBoard::sync_corners() {
  for (unsigned axis : axes_in_channel_order()) {
    reports_.set_corner(axis, libevdev_get_event_value(dev_, EV_ABS, axis));
  }
}

Status WiiBoard::set_rate(std::uint16_t rate_hz) {
  if (streaming_) return Error{"the rate cannot change while the board streams"};
  if (rate_hz < 10 || rate_hz > 1000) return Error{"the Wii board's grid rate must be 10..1000 Hz"};
  options_.rate_hz = rate_hz;
  info_.default_rate_hz = info_.max_rate_hz = rate_hz;
  grid_ = UniformGrid(rate_hz, options_.max_gap_ms / 1000.0, kOccupied_n);
  return {};
}

Status WiiBoard::start() {
  if (!connected_) {
    if (Status s = reopen(); !s) return s;
  }
  if (!drain(nullptr, nullptr)) return Error{"the Wii Balance Board went away"};  // old events
  grid_.restart();
  streaming_ = true;
  timing_note_pending_ = false;
  last_event_ = std::chrono::steady_clock::now();
  // The stream starts now, with the corners as they are.
  BoardReport now;
  now.t_s = monotonic_now_s();
  for (unsigned axis : axes_in_channel_order()) {
    now.g[*channel_of_axis(axis)] = libevdev_get_event_value(dev_, EV_ABS, axis) * kCountsPerUnit;
  }
  grid_.begin(now);
  return {};
}

Status WiiBoard::stop() {
  if (streaming_) timing_note_pending_ = true;
  streaming_ = false;
  return {};
}

bool WiiBoard::drain(std::vector<RawFrame>* frames, std::vector<RecordingEvent>* events) {
  input_event e{};
  unsigned flag = LIBEVDEV_READ_FLAG_NORMAL;
  while (true) {
    const int rc = libevdev_next_event(dev_, flag, &e);
    if (rc == -EAGAIN) {
      if (flag == LIBEVDEV_READ_FLAG_SYNC) {  // resynced: back to the stream
        flag = LIBEVDEV_READ_FLAG_NORMAL;
        continue;
      }
      return true;
    }
    if (rc < 0) return false;  // -ENODEV: unplugged, switched off, out of range
    if (rc == LIBEVDEV_READ_STATUS_SYNC && flag == LIBEVDEV_READ_FLAG_NORMAL) {
      // SYN_DROPPED: the events since are lost; libevdev hands over the device's state.
      (void)reports_.on_event(EV_SYN, SYN_DROPPED, 0, event_time_s(e));
      if (frames != nullptr) {
        grid_.mark_dropped();
        if (events != nullptr) {
          RecordingEvent note;
          note.kind = RecordingEventKind::kStreamError;
          note.frame_index = frames->size();
          note.count = 1;
          note.detail = "events dropped (SYN_DROPPED): the reader fell behind";
          events->push_back(note);
        }
      }
      flag = LIBEVDEV_READ_FLAG_SYNC;
      continue;
    }
    last_event_ = std::chrono::steady_clock::now();
    const auto report = reports_.on_event(e.type, e.code, e.value, event_time_s(e));
    if (report && frames != nullptr) grid_.on_report(*report, *frames);
  }
}

ReadStatus WiiBoard::read(std::vector<RawFrame>& frames, std::vector<RecordingEvent>& events,
                          std::chrono::milliseconds timeout) {
  if (timing_note_pending_) {
    timing_note_pending_ = false;
    RecordingEvent note;
    note.kind = RecordingEventKind::kNote;
    note.frame_index = frames.size();
    note.detail = "Wii board timing: " + timing_summary(grid_.timing());
    events.push_back(note);
  }
  if (!connected_) return ReadStatus::kDisconnected;
  if (!streaming_) return ReadStatus::kTimeout;
  const std::size_t before = frames.size();
  pollfd p{fd_, POLLIN, 0};
  const int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
  if (ready > 0 && (p.revents & POLLIN) != 0 && !drain(&frames, &events)) connected_ = false;
  if (ready > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0) connected_ = false;
  if (!connected_) {
    streaming_ = false;
    return ReadStatus::kDisconnected;
  }
  // Nothing new for a while: the state holds up to now (an empty or still board).
  if (frames.size() == before &&
      std::chrono::steady_clock::now() - last_event_ >= std::chrono::milliseconds(20)) {
    grid_.hold_until(monotonic_now_s(), frames);
  }
  return frames.size() > before ? ReadStatus::kFrames : ReadStatus::kTimeout;
}

WiiHealth WiiBoard::wii_health() const {
  WiiHealth h;
  h.plate.stream.frames_received = grid_.frames_given();
  h.plate.stream.frames_lost = grid_.frames_lost();
  h.plate.stream.sync_errors = reports_.dropped();
  h.timing = grid_.timing();
  h.connected = connected_;
  h.reconnects = reconnects_;
  h.streaming = streaming_;
  return h;
}

}  // namespace stance::wii
