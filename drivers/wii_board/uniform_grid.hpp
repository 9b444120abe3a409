#pragma once
// The board's irregular reports onto Stance's uniform sample grid (docs/wii-board.md).
//
// A corner's value holds until the next event changes it (that is what evdev's state means), so
// grid sample k at t0 + k/rate is the last report at or before it. A report that comes late
// (its time before a sample already given out) only updates the state. Gaps: after SYN_DROPPED,
// or a silence longer than `max_gap_s` while someone stands on the board (a person's sway always
// moves the corners; an empty board may rightly say nothing), the grid samples in between are
// lost (a seq jump), never invented.
#include <array>
#include <cstdint>
#include <vector>

#include "core/raw_frame.hpp"
#include "wii_board/board_reports.hpp"

namespace stance::wii {

// The reports' timing over a stream: what `stance devices` and each trial's note report.
struct ReportTiming {
  std::uint64_t reports = 0;
  double effective_rate_hz = 0.0;  // reports per second of stream
  double mean_interval_ms = 0.0;
  double jitter_sd_ms = 0.0;  // SD of the intervals
  double max_interval_ms = 0.0;
  std::uint64_t late_reports = 0;  // older than a sample already on the grid
  std::uint64_t gaps = 0;
};

class UniformGrid {
 public:
  UniformGrid(double rate_hz, double max_gap_s, double occupied_n);

  // A new stream; the first report (or hold_until) starts the grid.
  void restart();
  // Starts the grid at the state's time with that state (not counted as a report).
  void begin(const BoardReport& state);
  // The grid samples before this report, then the report becomes the state.
  void on_report(const BoardReport& report, std::vector<RawFrame>& frames);
  // The state held up to `t_s` (the board said nothing new): samples up to it.
  void hold_until(double t_s, std::vector<RawFrame>& frames);
  // Reports lost (SYN_DROPPED): the samples until the next report are lost.
  void mark_dropped() { dropped_pending_ = true; }

  const ReportTiming& timing() const { return timing_; }
  std::uint64_t frames_given() const { return given_; }
  std::uint64_t frames_lost() const { return lost_; }
  bool started() const { return started_; }

 private:
  void emit_until(double t_s, bool gap, std::vector<RawFrame>& frames);
  double load_n() const;

  double rate_hz_, max_gap_s_, occupied_n_;
  bool started_ = false;
  double t0_s_ = 0.0;
  std::uint64_t next_k_ = 0;  // the next grid sample to give out
  BoardReport state_;
  bool dropped_pending_ = false;
  std::uint64_t given_ = 0, lost_ = 0;
  // Interval statistics (Welford).
  ReportTiming timing_;
  double last_t_s_ = 0.0;  // the state's time
  double first_t_s_ = 0.0, last_report_t_s_ = 0.0, mean_s_ = 0.0, m2_ = 0.0;
};

}  // namespace stance::wii
