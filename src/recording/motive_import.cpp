#include "recording/motive_import.hpp"

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "recording/import_grid.hpp"

namespace stance {
namespace {

using import_detail::RowSample;

constexpr const char* kExpectedHeader =
    "MocapFrame, MocapTime, DeviceFrame, Fx, Fy, Fz, Mx, My, Mz, Cx, Cy, Cz";

bool is_header(const std::vector<std::string_view>& fields) {
  return find_column(fields, "Fz") &&
         (find_column(fields, "DeviceFrame") || find_column(fields, "MocapFrame"));
}

// A number from the metadata, `fallback` when the key is absent; an error when it is malformed.
Result<double> metadata_number(const CsvText& text, const std::map<std::string, std::string>& meta,
                               const std::string& key, double fallback) {
  const auto it = meta.find(key);
  if (it == meta.end()) return fallback;
  double value = 0.0;
  if (parse_number(it->second, value) != NumberStatus::kOk) {
    return text.error("'" + key + "' is '" + it->second + "', not a number");
  }
  return value;
}

Result<double> rate_from_metadata(const CsvText& text,
                                  const std::map<std::string, std::string>& meta) {
  Result<double> capture = metadata_number(text, meta, "Capture Frame Rate", 0.0);
  if (!capture) return capture;
  Result<double> exported = metadata_number(text, meta, "Export Frame Rate", *capture);
  if (!exported) return exported;
  // One row per device sample: the device runs at this multiple of the mocap rate.
  Result<double> multiple = metadata_number(text, meta, "Mocap Rate Multiple", 1.0);
  if (!multiple) return multiple;
  if (!(*exported > 0.0)) {
    return text.error("no 'Export Frame Rate' or 'Capture Frame Rate' line: the rate is unknown");
  }
  return *exported * *multiple;
}

}  // namespace

bool looks_like_motive(const CsvText& text) {
  return text.line(1).starts_with("Format Version");
}

Result<ImportedRecording> import_motive(const CsvText& text, const ImportOptions& options) {
  std::map<std::string, std::string> meta;
  std::size_t header = 0;
  for (std::size_t n = 1; n <= text.line_count() && header == 0; ++n) {
    const std::vector<std::string_view> fields = split_fields(text.line(n));
    if (is_header(fields)) {
      header = n;
    } else if (!fields.front().empty()) {
      meta[std::string(fields.front())] = fields.size() > 1 ? std::string(fields[1]) : "";
    }
  }
  if (header == 0) {
    return text.error(std::string("no header line '") + kExpectedHeader + "' after the metadata");
  }
  Result<double> rate_hz = rate_from_metadata(text, meta);
  if (!rate_hz) return rate_hz.error();

  const std::vector<std::string_view> header_fields = split_fields(text.line(header));
  const std::string frame_column =
      find_column(header_fields, "DeviceFrame") ? "DeviceFrame" : "MocapFrame";
  const bool has_time = find_column(header_fields, "MocapTime").has_value();
  std::vector<std::string> columns = {frame_column, "Fx", "Fy", "Fz", "Mx", "My", "Mz"};
  if (has_time) columns.push_back("MocapTime");
  Result<NumericTable> table = read_numeric_rows(text, header, columns);
  if (!table) return table.error();
  const Eigen::ArrayXXd& v = table->values;

  std::vector<RowSample> rows;
  rows.reserve(static_cast<std::size_t>(v.rows()));
  for (Eigen::Index r = 0; r < v.rows(); ++r) {
    // Motive writes a dropped frame as a row of zeros: a lost sample, not an empty plate.
    if (import_detail::any_empty(v, r, 1, 6) || import_detail::all_zero(v, r, 1, 6)) {
      rows.push_back(import_detail::lost_sample());
    } else {
      // Motive's Cx = -My/Fz, Cy = Mx/Fz: moments about the surface centre, so dz = 0.
      const Wrench w{v(r, 1), v(r, 2), v(r, 3), v(r, 4), v(r, 5), v(r, 6)};
      rows.push_back(import_detail::sample_from_wrench(w, 0.0, options.min_fz_n));
    }
  }
  Result<import_detail::GridPlan> plan =
      import_detail::plan_by_frame(text, *table, 0, frame_column, *rate_hz);
  if (!plan) return plan.error();

  if (has_time && v.rows() > 1 && !std::isnan(v(0, 7)) && !std::isnan(v(v.rows() - 1, 7))) {
    // The frame numbers at this rate must span the same time as MocapTime (one mocap frame slack).
    const double span_time_s = v(v.rows() - 1, 7) - v(0, 7);
    const double span_frames_s = static_cast<double>(plan->slot.back()) / *rate_hz;
    Result<double> mocap_rate = metadata_number(text, meta, "Mocap Rate", *rate_hz);
    const double slack_s = 1.5 / (mocap_rate && *mocap_rate > 0.0 ? *mocap_rate : *rate_hz);
    if (!(std::abs(span_time_s - span_frames_s) <= slack_s + 1.0e-6)) {
      return text.error("the frame numbers at " + std::to_string(*rate_hz) + " Hz span " +
                        std::to_string(span_frames_s) + " s but MocapTime spans " +
                        std::to_string(span_time_s) + " s: the stated rate is wrong");
    }
  }
  Result<double> declared = metadata_number(text, meta, "Total Exported Frames", 0.0);
  if (!declared) return declared.error();
  if (static_cast<double>(v.rows()) < *declared) {
    return text.error("the metadata announces " + meta["Total Exported Frames"] +
                      " frames but only " + std::to_string(v.rows()) +
                      " rows follow: the file looks truncated");
  }
  return import_detail::make_recording(import_detail::fill_grid(*plan, rows, true), "motive",
                                       std::move(meta), rows.size());
}

}  // namespace stance
