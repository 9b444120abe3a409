#include "recording/opensim_import.hpp"

#include <map>
#include <string>
#include <vector>

#include "recording/import_grid.hpp"

namespace stance {
namespace {

using import_detail::RowSample;

constexpr std::size_t kMaxHeaderLines = 50;

// Header lines: `key=value` pairs; the first line, without '=', is the table's name.
std::map<std::string, std::string> header_metadata(const CsvText& text, std::size_t endheader) {
  std::map<std::string, std::string> meta;
  for (std::size_t n = 1; n < endheader; ++n) {
    const std::string_view first = split_fields(text.line(n)).front();
    const std::size_t eq = first.find('=');
    if (eq != std::string_view::npos) {
      meta[std::string(trim(first.substr(0, eq)))] = std::string(trim(first.substr(eq + 1)));
    } else if (n == 1 && !first.empty()) {
      meta["name"] = std::string(first);
    }
  }
  return meta;
}

std::string plate_column(int plate, const char* quantity) {
  return "ground_force" + std::to_string(plate) + "_" + quantity;
}

int plates_in_header(const std::vector<std::string_view>& header) {
  int plates = 0;
  while (plates < 99 && find_column(header, plate_column(plates + 1, "vy"))) ++plates;
  return plates;
}

}  // namespace

std::size_t opensim_endheader_line(const CsvText& text) {
  for (std::size_t n = 1; n <= text.line_count() && n <= kMaxHeaderLines; ++n) {
    if (lower_case(split_fields(text.line(n)).front()) == "endheader") return n;
  }
  return 0;
}

bool looks_like_opensim(const CsvText& text) {
  return opensim_endheader_line(text) != 0;
}

Result<ImportedRecording> import_opensim(const CsvText& text, const ImportOptions& options) {
  const std::size_t endheader = opensim_endheader_line(text);
  if (endheader == 0) return text.error("no 'endheader' line in the first lines");
  std::size_t header = endheader + 1;
  while (header <= text.line_count() && is_blank(text.line(header))) ++header;
  if (header > text.line_count()) return text.error("no column header after 'endheader'");

  const int plates = plates_in_header(split_fields(text.line(header)));
  if (plates == 0) {
    return text.error_at(header,
                         "no ground_force1_vy column: expected OpenSim ground reaction "
                         "columns ground_force<k>_v{x,y,z} and ground_force<k>_p{x,y,z}");
  }
  if (options.plate < 1 || options.plate > plates) {
    return text.error("plate " + std::to_string(options.plate) +
                      " is not in this file: it has plates 1 to " + std::to_string(plates));
  }
  const int p = options.plate;
  // Columns 1..5: vx vy vz px pz. OpenSim ground frame: x forward (AP), y up, z right (ML).
  Result<NumericTable> table =
      read_numeric_rows(text, header,
                        {"time", plate_column(p, "vx"), plate_column(p, "vy"),
                         plate_column(p, "vz"), plate_column(p, "px"), plate_column(p, "pz")});
  if (!table) return table.error();
  const Eigen::ArrayXXd& v = table->values;

  std::vector<RowSample> rows;
  rows.reserve(static_cast<std::size_t>(v.rows()));
  for (Eigen::Index r = 0; r < v.rows(); ++r) {
    if (import_detail::any_empty(v, r, 1, 5)) {
      rows.push_back(import_detail::lost_sample());
      continue;
    }
    // Zero force with a default COP is the plate during flight: below min_fz_n it becomes
    // kLowForce with COP (0, 0), never kMissing.
    // OpenSim gives the ground's reaction on the body; Stance's shear is the load the person
    // puts on the plate (SPP section 4), so the horizontal components change sign.
    rows.push_back(import_detail::sample_from_cop(-v(r, 3), -v(r, 1), v(r, 2), v(r, 5), v(r, 4),
                                                  options.min_fz_n));
  }
  std::map<std::string, std::string> meta = header_metadata(text, endheader);
  if (const auto it = meta.find("nRows"); it != meta.end()) {
    double declared = 0.0;
    if (parse_number(it->second, declared) == NumberStatus::kOk &&
        static_cast<double>(v.rows()) < declared) {
      return text.error("the header announces nRows=" + it->second + " but only " +
                        std::to_string(v.rows()) + " rows follow: the file looks truncated");
    }
  }
  Result<import_detail::GridPlan> plan = import_detail::plan_by_time(text, *table, 0, "time");
  if (!plan) return plan.error();
  meta["plate"] = std::to_string(p);
  meta["plates"] = std::to_string(plates);
  return import_detail::make_recording(import_detail::fill_grid(*plan, rows, true), "opensim",
                                       std::move(meta), rows.size());
}

}  // namespace stance
