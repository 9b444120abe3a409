#include "wii_board/uniform_grid.hpp"

#include <algorithm>
#include <cmath>

#include "wii_board/board_model.hpp"

namespace stance::wii {

UniformGrid::UniformGrid(double rate_hz, double max_gap_s, double occupied_n)
    : rate_hz_(rate_hz), max_gap_s_(max_gap_s), occupied_n_(occupied_n) {}

void UniformGrid::restart() {
  *this = UniformGrid(rate_hz_, max_gap_s_, occupied_n_);
}

double UniformGrid::load_n() const {
  double g = 0;
  for (std::int32_t v : state_.g) g += v;
  return g * kNewtonsPerCount;
}

void UniformGrid::emit_until(double t_s, bool gap, std::vector<RawFrame>& frames) {
  // Samples strictly before t_s (a report at exactly a grid time is that sample's value).
  while (t0_s_ + static_cast<double>(next_k_) / rate_hz_ < t_s - 1e-9) {
    if (gap) {
      ++lost_;
    } else {
      RawFrame f;
      f.seq = static_cast<std::uint32_t>(next_k_);
      f.t_us =
          static_cast<std::uint32_t>(std::llround(static_cast<double>(next_k_) * 1e6 / rate_hz_));
      for (int i = 0; i < 4; ++i) f.counts[i] = state_.g[i];
      frames.push_back(f);
      ++given_;
    }
    ++next_k_;
  }
}

void UniformGrid::begin(const BoardReport& state) {
  started_ = true;
  t0_s_ = last_t_s_ = state.t_s;
  state_ = state;
}

void UniformGrid::on_report(const BoardReport& report, std::vector<RawFrame>& frames) {
  if (!started_) {
    begin(report);
  } else {
    const double next_sample_s = t0_s_ + static_cast<double>(next_k_) / rate_hz_;
    if (report.t_s < next_sample_s - 1.0 / rate_hz_) {
      ++timing_.late_reports;  // its time is already on the grid: only the state changes
    } else {
      const bool silent_while_loaded =
          report.t_s - last_t_s_ > max_gap_s_ && load_n() >= occupied_n_;
      const bool gap = dropped_pending_ || silent_while_loaded;
      if (gap) ++timing_.gaps;
      // The sample at the last report's time keeps its value; the rest of the gap is lost.
      emit_until(gap ? std::min(report.t_s, last_t_s_ + 1e-6) : report.t_s, false, frames);
      if (gap) emit_until(report.t_s, true, frames);
    }
  }
  // The intervals between the board's reports (Welford's running mean and variance).
  if (timing_.reports == 0) {
    first_t_s_ = report.t_s;
  } else if (const double dt = report.t_s - last_report_t_s_; dt > 0) {
    const double n = static_cast<double>(timing_.reports);  // intervals, this one included
    const double delta = dt - mean_s_;
    mean_s_ += delta / n;
    m2_ += delta * (dt - mean_s_);
    timing_.max_interval_ms = std::max(timing_.max_interval_ms, dt * 1000);
  }
  ++timing_.reports;
  last_report_t_s_ = std::max(last_report_t_s_, report.t_s);
  last_t_s_ = std::max(last_t_s_, report.t_s);
  dropped_pending_ = false;
  state_ = report;
  const double span = last_report_t_s_ - first_t_s_;
  timing_.effective_rate_hz = span > 0 ? static_cast<double>(timing_.reports - 1) / span : 0.0;
  timing_.mean_interval_ms = mean_s_ * 1000;
  timing_.jitter_sd_ms =
      timing_.reports > 2 ? std::sqrt(m2_ / static_cast<double>(timing_.reports - 2)) * 1000 : 0.0;
}

void UniformGrid::hold_until(double t_s, std::vector<RawFrame>& frames) {
  if (!started_ || dropped_pending_) return;
  if (t_s - last_t_s_ > max_gap_s_ && load_n() >= occupied_n_) return;  // a gap, not a hold
  emit_until(t_s, false, frames);
}

}  // namespace stance::wii
