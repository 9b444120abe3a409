#include "recording/plain_csv_import.hpp"

#include <array>
#include <string>
#include <vector>

#include "recording/import_grid.hpp"

namespace stance {
namespace {

using import_detail::RowSample;

enum class Shape { kWrench, kCells, kCop };

struct ShapeSpec {
  Shape shape;
  const char* format;
  const char* description;
  std::vector<std::string> columns;  // time first; all required
};

const std::array<ShapeSpec, 3>& shapes() {
  static const std::array<ShapeSpec, 3> kShapes = {{
      {Shape::kWrench,
       "csv-wrench",
       "a six-component wrench",
       {"t_s", "fx_n", "fy_n", "fz_n", "mx_nm", "my_nm"}},
      {Shape::kCells,
       "csv-cells",
       "four vertical corner forces",
       {"t_s", "f0_n", "f1_n", "f2_n", "f3_n"}},
      {Shape::kCop,
       "csv-cop",
       "a COP with its vertical force",
       {"t_s", "cop_ml_m", "cop_ap_m", "fz_n"}},
  }};
  return kShapes;
}

constexpr const char* kCellsExample = "# cells_m=-0.2,-0.3;0.2,-0.3;0.2,0.3;-0.2,0.3";

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

Result<const ShapeSpec*> detect_shape(const CsvText& text, std::size_t header_line) {
  const std::vector<std::string_view> header = split_fields(text.line(header_line));
  std::string required;
  std::vector<std::string> closest_missing;
  const ShapeSpec* closest = nullptr;
  for (const ShapeSpec& spec : shapes()) {
    std::vector<std::string> missing;
    for (const std::string& c : spec.columns) {
      if (!find_column(header, c)) missing.push_back(c);
    }
    if (missing.empty()) return &spec;
    if (!closest || missing.size() < closest_missing.size()) {
      closest = &spec;
      closest_missing = missing;
    }
    required += std::string(required.empty() ? "" : "; ") + spec.description + ": " +
                join(spec.columns) + (spec.shape == Shape::kWrench ? " (mz_nm optional)" : "");
  }
  return text.error_at(header_line, "the header lacks required columns (for " +
                                        std::string(closest->description) + ", missing " +
                                        join(closest_missing) + "). Required, one of: " + required +
                                        " (see docs/importers.md)");
}

Result<std::array<CellPosition, 4>> cells_from_comment(const CsvText& text) {
  const auto it = text.comment_metadata().find("cells_m");
  if (it == text.comment_metadata().end()) {
    return text.error(
        "four corner forces need the cell positions: add the line '" + std::string(kCellsExample) +
        "' (your cells' x,y in metres, plate frame: x to the right (ML), y forward (AP), origin "
        "at the plate centre; cell i for column fi_n) before the header");
  }
  const Error bad =
      text.error_at(text.comment_line("cells_m"),
                    "cells_m must be four 'x,y' positions in metres separated by ';', e.g. '" +
                        std::string(kCellsExample) + "'");
  std::array<CellPosition, 4> cells{};
  std::string_view rest = it->second;
  for (std::size_t i = 0; i < 4; ++i) {
    const std::size_t semicolon = rest.find(';');
    const std::string_view pair = rest.substr(0, semicolon);
    rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
    const std::vector<std::string_view> xy = split_fields(pair);
    if (xy.size() != 2 || parse_number(xy[0], cells[i].x_m) != NumberStatus::kOk ||
        parse_number(xy[1], cells[i].y_m) != NumberStatus::kOk) {
      return bad;
    }
    if (i < 3 && semicolon == std::string_view::npos) return bad;
  }
  if (!trim(rest).empty()) return bad;
  return cells;
}

Result<double> origin_dz_from_comment(const CsvText& text) {
  const auto it = text.comment_metadata().find("origin_dz_m");
  if (it == text.comment_metadata().end()) return 0.0;
  double dz = 0.0;
  if (parse_number(it->second, dz) != NumberStatus::kOk) {
    return text.error_at(text.comment_line("origin_dz_m"),
                         "origin_dz_m '" + it->second + "' is not a number of metres");
  }
  return dz;
}

}  // namespace

std::size_t plain_csv_header_line(const CsvText& text) {
  for (std::size_t n = 1; n <= text.line_count(); ++n) {
    if (!is_blank(text.line(n)) && !is_comment(text.line(n))) return n;
  }
  return 0;
}

bool looks_like_plain_csv(const CsvText& text) {
  const std::size_t header = plain_csv_header_line(text);
  return header != 0 && find_column(split_fields(text.line(header)), "t_s").has_value();
}

Result<ImportedRecording> import_plain_csv(const CsvText& text, const ImportOptions& options) {
  const std::size_t header = plain_csv_header_line(text);
  if (header == 0) return text.error("no header line (e.g. 't_s, cop_ml_m, cop_ap_m, fz_n')");
  Result<const ShapeSpec*> shape = detect_shape(text, header);
  if (!shape) return shape.error();
  const ShapeSpec& spec = **shape;

  std::array<CellPosition, 4> cells{};
  double origin_dz_m = 0.0;
  if (spec.shape == Shape::kCells) {
    Result<std::array<CellPosition, 4>> c = cells_from_comment(text);
    if (!c) return c.error();
    cells = *c;
  } else if (spec.shape == Shape::kWrench) {
    Result<double> dz = origin_dz_from_comment(text);
    if (!dz) return dz.error();
    origin_dz_m = *dz;
  }

  Result<NumericTable> table = read_numeric_rows(text, header, spec.columns);
  if (!table) return table.error();
  const Eigen::ArrayXXd& v = table->values;
  std::vector<RowSample> rows;
  rows.reserve(static_cast<std::size_t>(v.rows()));
  for (Eigen::Index r = 0; r < v.rows(); ++r) {
    // A row with an empty cell, or with every value zero, is a lost sample (docs/importers.md).
    const Eigen::Index count = v.cols() - 1;  // every column but t_s
    if (import_detail::any_empty(v, r, 1, count) || import_detail::all_zero(v, r, 1, count)) {
      rows.push_back(import_detail::lost_sample());
    } else if (spec.shape == Shape::kWrench) {
      const Wrench w{v(r, 1), v(r, 2), v(r, 3), v(r, 4), v(r, 5), 0.0};
      rows.push_back(import_detail::sample_from_wrench(w, origin_dz_m, options.min_fz_n));
    } else if (spec.shape == Shape::kCells) {
      const Wrench w = wrench_from_cells({v(r, 1), v(r, 2), v(r, 3), v(r, 4)}, cells);
      rows.push_back(import_detail::sample_from_wrench(w, 0.0, options.min_fz_n));
    } else {
      rows.push_back(
          import_detail::sample_from_cop(0.0, 0.0, v(r, 3), v(r, 1), v(r, 2), options.min_fz_n));
    }
  }
  Result<import_detail::GridPlan> plan = import_detail::plan_by_time(text, *table, 0, "t_s");
  if (!plan) return plan.error();
  return import_detail::make_recording(
      import_detail::fill_grid(*plan, rows, spec.shape == Shape::kWrench), spec.format,
      text.comment_metadata(), rows.size());
}

}  // namespace stance
