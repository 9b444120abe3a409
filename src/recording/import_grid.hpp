#pragma once
// Shared by every importer, so the rules live in one place: one row of a file becomes a flagged
// sample (lost, unloaded or loaded), and rows are placed on the uniform grid of ForceSamples by
// their time or frame number, a gap becoming kMissing samples. docs/importers.md states the rules.
// Header-only because src/recording/CMakeLists.txt is owned elsewhere; small enough to inline.
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/force_samples.hpp"
#include "core/wrench.hpp"
#include "recording/csv_table.hpp"
#include "recording/imported_recording.hpp"
#include "support/result.hpp"

namespace stance::import_detail {

// One row of a file in the plate frame, SI units, before it is placed on the grid.
struct RowSample {
  double fx_n = 0.0, fy_n = 0.0, fz_n = 0.0;
  double cop_ml_m = 0.0, cop_ap_m = 0.0;
  std::uint8_t flags = 0;
};

inline RowSample lost_sample() {
  RowSample s;
  s.flags = bit(SampleFlag::kMissing);
  return s;
}

// COP computed from the loads (cop_from_wrench): kLowForce with COP (0, 0) when |Fz| is too small.
inline RowSample sample_from_wrench(const Wrench& w, double origin_dz_m, double min_fz_n) {
  const CopPoint cop = cop_from_wrench(w, origin_dz_m, min_fz_n);
  return {w.fx_n,   w.fy_n,   w.fz_n,
          cop.ml_m, cop.ap_m, cop.valid ? std::uint8_t{0} : bit(SampleFlag::kLowForce)};
}

// COP given by the file: kept when |Fz| >= min_fz_n (and Fz != 0), else kLowForce with COP (0, 0).
inline RowSample sample_from_cop(double fx_n, double fy_n, double fz_n, double cop_ml_m,
                                 double cop_ap_m, double min_fz_n) {
  if (std::abs(fz_n) >= min_fz_n && fz_n != 0.0) return {fx_n, fy_n, fz_n, cop_ml_m, cop_ap_m, 0};
  return {fx_n, fy_n, fz_n, 0.0, 0.0, bit(SampleFlag::kLowForce)};
}

// Row `r` of `values`, columns [first, first + count): an empty cell (NaN from read_numeric_rows).
inline bool any_empty(const Eigen::ArrayXXd& values, Eigen::Index r, Eigen::Index first,
                      Eigen::Index count) {
  return values.row(r).segment(first, count).isNaN().any();
}

// The same columns all exactly zero: a dropped frame in the exports seen, never a real load.
inline bool all_zero(const Eigen::ArrayXXd& values, Eigen::Index r, Eigen::Index first,
                     Eigen::Index count) {
  return (values.row(r).segment(first, count) == 0.0).all();
}

// Where each row goes on the grid.
struct GridPlan {
  double rate_hz = 0.0;
  double t0_s = 0.0;
  std::vector<Eigen::Index> slot;  // per row
  Eigen::Index size = 0;
};

// A gap longer than this is a clock jump or a damaged file, not lost samples.
inline double max_grid_size(std::size_t rows) {
  return 4.0 * static_cast<double>(rows) + 1.0e5;
}

inline Status check_grid_size(const CsvText& text, std::size_t line, double slots,
                              std::size_t rows) {
  if (slots + 1.0 <= max_grid_size(rows)) return {};
  return text.error_at(line, "a gap this long cannot be lost samples (the grid would hold " +
                                 std::to_string(slots) + " samples for " + std::to_string(rows) +
                                 " rows): check the time column");
}

// A rate within 0.01% of a whole number of hertz is that number (time stamps printed with few
// decimals make the measured span slightly off).
inline double tidy_rate(double rate_hz) {
  const double whole = std::round(rate_hz);
  return whole > 0.0 && std::abs(rate_hz - whole) <= 1.0e-4 * whole ? whole : rate_hz;
}

// A rate Stance can hold on a grid: 0.01 Hz to 1 MHz.
inline Status check_rate(const CsvText& text, double rate_hz) {
  if (rate_hz >= 0.01 && rate_hz <= 1.0e6) return {};
  return text.error("a sampling rate of " + std::to_string(rate_hz) +
                    " Hz is outside 0.01 Hz to 1 MHz: check the time column or the stated rate");
}

// Rows placed by a time column (column `col` of the table, in seconds). The step is the median
// step; every step must be a whole multiple of it within 25%; a step of k medians leaves k - 1
// missing samples. The rate is measured over the whole span.
inline Result<GridPlan> plan_by_time(const CsvText& text, const NumericTable& table,
                                     Eigen::Index col, const std::string& col_name) {
  const std::size_t rows = table.line_numbers.size();
  if (rows < 2) {
    return text.error("fewer than two data rows: at least two are needed to know the rate");
  }
  std::vector<double> steps;
  steps.reserve(rows - 1);
  for (std::size_t r = 0; r < rows; ++r) {
    const double t = table.values(static_cast<Eigen::Index>(r), col);
    if (std::isnan(t)) {
      return text.error_at(table.line_numbers[r], col_name + " is empty: every row needs its time");
    }
    if (r == 0) continue;
    const double before = table.values(static_cast<Eigen::Index>(r - 1), col);
    if (!(t > before)) {
      return text.error_at(table.line_numbers[r], "time does not increase (" + col_name + " " +
                                                      std::to_string(t) + " after " +
                                                      std::to_string(before) + ")");
    }
    steps.push_back(t - before);
  }
  std::vector<double> sorted = steps;
  const auto middle = sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2);
  std::nth_element(sorted.begin(), middle, sorted.end());
  const double median = *middle;

  GridPlan plan;
  plan.slot.assign(rows, 0);
  double slot = 0.0;
  for (std::size_t r = 1; r < rows; ++r) {
    const double k = std::round(steps[r - 1] / median);
    if (k < 1.0 || std::abs(steps[r - 1] - k * median) > 0.25 * median) {
      return text.error("irregular sampling at line " + std::to_string(table.line_numbers[r]) +
                        ": a step of " + std::to_string(steps[r - 1]) +
                        " s where the median step is " + std::to_string(median) +
                        " s (steps must be whole multiples of it; gaps are allowed)");
    }
    slot += k;
    if (Status s = check_grid_size(text, table.line_numbers[r], slot, rows); !s) return s.error();
    plan.slot[r] = static_cast<Eigen::Index>(slot);
  }
  const double first = table.values(0, col);
  const double last = table.values(static_cast<Eigen::Index>(rows - 1), col);
  plan.rate_hz = tidy_rate(slot / (last - first));
  if (Status s = check_rate(text, plan.rate_hz); !s) return s.error();
  plan.t0_s = first;
  plan.size = plan.slot.back() + 1;
  return plan;
}

// Rows placed by an integer frame-number column at a known rate; missing frames are lost samples.
inline Result<GridPlan> plan_by_frame(const CsvText& text, const NumericTable& table,
                                      Eigen::Index col, const std::string& col_name,
                                      double rate_hz) {
  const std::size_t rows = table.line_numbers.size();
  if (rows == 0) return text.error("no data rows after the header");
  if (Status s = check_rate(text, rate_hz); !s) return s.error();
  GridPlan plan;
  plan.slot.assign(rows, 0);
  double first = 0.0;
  for (std::size_t r = 0; r < rows; ++r) {
    const double frame = table.values(static_cast<Eigen::Index>(r), col);
    const std::size_t line = table.line_numbers[r];
    if (std::isnan(frame) || frame != std::floor(frame)) {
      return text.error_at(line, col_name + " must be a whole frame number");
    }
    if (r == 0) {
      first = frame;
      continue;
    }
    const double before = table.values(static_cast<Eigen::Index>(r - 1), col);
    if (!(frame > before)) {
      return text.error_at(line, col_name + " " + std::to_string(frame) + " does not follow " +
                                     std::to_string(before) + " (frame numbers must increase)");
    }
    if (Status s = check_grid_size(text, line, frame - first, rows); !s) return s.error();
    plan.slot[r] = static_cast<Eigen::Index>(frame - first);
  }
  plan.rate_hz = rate_hz;
  plan.t0_s = first / rate_hz;
  plan.size = plan.slot.back() + 1;
  return plan;
}

// The grid: every slot kMissing until a row fills it.
inline ForceSamples fill_grid(const GridPlan& plan, const std::vector<RowSample>& rows,
                              bool has_shear) {
  ForceSamples out;
  out.resize(plan.size);
  out.rate_hz = plan.rate_hz;
  out.t0_s = plan.t0_s;
  out.has_shear = has_shear;
  std::fill(out.flags.begin(), out.flags.end(), bit(SampleFlag::kMissing));
  for (std::size_t r = 0; r < rows.size() && r < plan.slot.size(); ++r) {
    const Eigen::Index i = plan.slot[r];
    const RowSample& s = rows[r];
    const bool lost = has_flag(s.flags, SampleFlag::kMissing);
    out.fx_n[i] = lost ? 0.0 : s.fx_n;
    out.fy_n[i] = lost ? 0.0 : s.fy_n;
    out.fz_n[i] = lost ? 0.0 : s.fz_n;
    out.cop_ml_m[i] = lost ? 0.0 : s.cop_ml_m;
    out.cop_ap_m[i] = lost ? 0.0 : s.cop_ap_m;
    out.flags[static_cast<std::size_t>(i)] = s.flags;
  }
  return out;
}

inline ImportedRecording make_recording(ForceSamples samples, std::string format,
                                        std::map<std::string, std::string> metadata,
                                        std::size_t rows_read) {
  ImportedRecording out;
  out.lost_samples = samples.count_flagged(SampleFlag::kMissing);
  out.samples = std::move(samples);
  out.format = std::move(format);
  out.metadata = std::move(metadata);
  out.rows_read = static_cast<Eigen::Index>(rows_read);
  return out;
}

}  // namespace stance::import_detail
