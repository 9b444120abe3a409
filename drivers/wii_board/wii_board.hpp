#pragma once
// One Wii Balance Board as a stance::PlateDevice, read with libevdev (docs/wii-board.md).
//
// No thread of its own: the kernel queues the board's events between read() calls (evdev's
// buffer; an overflow is SYN_DROPPED, counted and resynced by libevdev). read() turns them into
// reports and the reports into samples on a uniform grid (UniformGrid); while the board says
// nothing new, its state is held up to the present.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "device/plate_device.hpp"
#include "wii_board/board_finder.hpp"
#include "wii_board/board_reports.hpp"
#include "wii_board/uniform_grid.hpp"
#include "wii_board/wii_options.hpp"

struct libevdev;

namespace stance::wii {

struct WiiHealth {
  PlateHealth plate;  // stream.frames_lost: grid samples in gaps; stream.sync_errors: SYN_DROPPED
  ReportTiming timing;
  std::uint64_t reconnects = 0;
  bool connected = true;
  bool streaming = false;
};

class WiiBoard final : public PlateDevice {
 public:
  // Opens the board's event node; `board` says where it was found (its id is the serial).
  static Result<std::unique_ptr<WiiBoard>> open(const FoundBoard& board, const WiiOptions& options);
  ~WiiBoard() override;
  WiiBoard(const WiiBoard&) = delete;
  WiiBoard& operator=(const WiiBoard&) = delete;

  const PlateInfo& info() const override { return info_; }
  const Calibration& calibration() const override { return calibration_; }
  std::uint16_t rate_hz() const override { return info_.default_rate_hz; }
  // The grid's rate (the board's own is not fixed); only while not streaming.
  Status set_rate(std::uint16_t rate_hz) override;
  // After the board was switched off, finds it again (the same Bluetooth address) and reopens
  // it; while it is away, says so (the dashboard's live view retries).
  Status start() override;
  // Ends the stream; the next read() hands over a note with the stream's report timing.
  Status stop() override;
  ReadStatus read(std::vector<RawFrame>& frames, std::vector<RecordingEvent>& events,
                  std::chrono::milliseconds timeout) override;
  PlateHealth health() const override { return wii_health().plate; }

  WiiHealth wii_health() const;
  const FoundBoard& found() const { return board_; }

 private:
  WiiBoard(const FoundBoard& board, const WiiOptions& options, int fd, libevdev* dev);
  // Takes every queued event; false when the board is gone.
  bool drain(std::vector<RawFrame>* frames, std::vector<RecordingEvent>* events);
  void sync_corners();
  Status reopen();

  FoundBoard board_;
  WiiOptions options_;
  int fd_ = -1;
  libevdev* dev_ = nullptr;
  PlateInfo info_;
  Calibration calibration_;
  BoardReports reports_;
  UniformGrid grid_;
  bool streaming_ = false;
  bool connected_ = true;
  bool timing_note_pending_ = false;
  std::uint64_t reconnects_ = 0;
  std::chrono::steady_clock::time_point last_event_{};
};

// One line: report rate, jitter, gaps, drops.
std::string timing_summary(const ReportTiming& timing);

}  // namespace stance::wii
