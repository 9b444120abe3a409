#include "report/sheet_csv.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>

#include "store/trial_metrics.hpp"
#include "support/format.hpp"

namespace stance::report {
namespace {

// A metric column: the store's key, the column's name and the unit its values are in.
struct MetricColumn {
  const char* key;
  const char* column;
  const char* unit;
};

constexpr MetricColumn kMetricColumns[] = {
    {"mean_velocity", "mean_velocity_mm_per_s", "mm/s"},
    {"mean_velocity_ml", "mean_velocity_ml_mm_per_s", "mm/s"},
    {"mean_velocity_ap", "mean_velocity_ap_mm_per_s", "mm/s"},
    {"ellipse_area_95", "ellipse_area_95_mm2", "mm²"},
    {"range_ml", "range_ml_mm", "mm"},
    {"range_ap", "range_ap_mm", "mm"},
    {"rms_ml", "rms_ml_mm", "mm"},
    {"rms_ap", "rms_ap_mm", "mm"},
    {"path_length", "path_length_mm", "mm"},
    {"ml_squat_steadiness", "ml_squat_steadiness_0_100", "0-100"},
    {"acceptable_reps", "acceptable_repetitions", "reps"},
    {"mean_depth_cm", "mean_depth_cm", "cm"},
    // Added in issue 16, at the end as the format promises: the camera's knee figures, then every
    // COP descriptor not already above (descriptor_columns()).
    {"knee_peak_fppa", "knee_peak_fppa_deg", "°"},
    {"knee_fppa_range", "knee_fppa_range_deg", "°"},
};

constexpr const char* kFixedColumns[] = {
    "patient_code", "patient_name", "birth_year",      "sex",        "involved_side",
    "visit_id",     "visit_date",   "visit_start_utc", "session_id", "clinician",
    "plate",        "protocol",     "trial_id",        "task",       "limb",
    "eyes",         "attempt",      "valid",           "verdict",    "analysed_by",
    "repetitions"};

// A unit as part of a column's name: "mm²/s" → "mm2_per_s", "1/mm" → "per_mm", "" → "".
std::string unit_suffix(const std::string& unit) {
  std::string out;
  for (std::size_t i = 0; i < unit.size(); ++i) {
    if (unit.compare(i, 2, "²") == 0) {
      out += "2";
      ++i;
    } else if (unit.compare(i, 2, "°") == 0) {
      out += "deg";
      ++i;
    } else if (unit[i] == '/') {
      out += "_per_";
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(unit[i])));
    }
  }
  if (out.rfind("1_per_", 0) == 0) out = out.substr(2);
  return out.empty() ? out : "_" + out;
}

// A value in the column's unit: the same, or centimetres converted to millimetres (a store kept
// with the centimetre preset): 10 mm per cm, squared for areas, inverted for 1/cm.
std::optional<double> in_unit(double value, const std::string& from, const std::string& unit) {
  if (from == unit) return value;
  std::string as_mm = from;
  const auto cm = as_mm.find("cm");
  if (cm == std::string::npos) return std::nullopt;
  as_mm.replace(cm, 2, "mm");
  if (as_mm != unit) return std::nullopt;
  if (from.rfind("1/", 0) == 0) return value / 10.0;
  return value * (from.find("²") != std::string::npos ? 100.0 : 10.0);
}

// The COP descriptors in the order of the one descriptor table (descriptor_entries), in the
// clinical preset's units, each once: those the metric columns already carry are left out.
struct DescriptorColumn {
  std::string name, column, unit;
};
const std::vector<DescriptorColumn>& descriptor_columns() {
  static const std::vector<DescriptorColumn> columns = [] {
    std::vector<DescriptorColumn> out;
    for (const store::DescriptorValue& d : store::descriptor_values(DescriptorSet{})) {
      const std::string column = descriptor_column(d.name, d.unit);
      const bool in_metrics =
          std::any_of(std::begin(kMetricColumns), std::end(kMetricColumns),
                      [&](const MetricColumn& m) { return column == m.column; });
      if (!in_metrics) out.push_back({d.name, column, d.unit});
    }
    return out;
  }();
  return columns;
}

std::string number(double v) {
  return round_trip_text(v);  // as in the JSON export
}

// RFC 4180: quoted when it holds a comma, quote or line end; quotes doubled.
std::string field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

const std::vector<std::string>& csv_columns() {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> c(std::begin(kFixedColumns), std::end(kFixedColumns));
    for (const MetricColumn& m : kMetricColumns) c.emplace_back(m.column);
    for (const DescriptorColumn& d : descriptor_columns()) c.push_back(d.column);
    return c;
  }();
  return columns;
}

std::vector<store::Metric> exported_metrics(const SheetTrial& t) {
  if (!t.stored_metrics.empty()) return t.stored_metrics;
  std::vector<store::Metric> out;
  for (const KeyFigure& f : t.figures) {
    if (f.defined) out.push_back({store::stored_metric_key(f.key), f.value, f.unit});
  }
  return out;
}

// The verdict of a sheet made straight from recordings (the store's carries its own line).
std::string verdict_word(const SheetTrial& t) {
  return std::string(t.valid ? "valid" : "invalid") +
         (t.plate_not_verified ? "; plate not verified" : "");
}

std::string descriptor_column(const std::string& name, const std::string& unit) {
  return name + unit_suffix(unit);
}

std::string csv_header() {
  std::string out;
  for (const std::string& c : csv_columns()) out += (out.empty() ? "" : ",") + c;
  return out + "\n";
}

std::string csv_rows(const SheetData& d) {
  std::string out;
  for (const SheetTrial& t : d.trials) {
    std::vector<std::string> row{d.patient_code,
                                 d.patient_name,
                                 d.birth_year > 0 ? std::to_string(d.birth_year) : "",
                                 store::to_string(d.sex),
                                 to_string(d.involved),
                                 d.visit_id > 0 ? std::to_string(d.visit_id) : "",
                                 d.visit_date,
                                 d.date_utc,
                                 t.session_id > 0 ? std::to_string(t.session_id) : "",
                                 d.clinician,
                                 d.plate,
                                 t.protocol.empty() ? d.protocol : t.protocol,
                                 t.trial_id > 0 ? std::to_string(t.trial_id) : "",
                                 to_string(t.task),
                                 to_string(t.limb),
                                 to_string(t.eyes),
                                 std::to_string(t.attempt),
                                 t.valid ? "true" : "false",
                                 t.verdict.empty() ? verdict_word(t) : t.verdict,
                                 t.analysed_by,
                                 t.reps.empty() ? "" : std::to_string(t.reps.size())};
    const std::vector<store::Metric> metrics = exported_metrics(t);
    for (const MetricColumn& c : kMetricColumns) {
      std::string cell;
      for (const store::Metric& m : metrics) {
        if (m.key != c.key) continue;
        if (const auto v = in_unit(m.value, m.unit, c.unit)) cell = number(*v);
      }
      row.push_back(cell);
    }
    for (const DescriptorColumn& c : descriptor_columns()) {
      std::string cell;  // empty: not defined for this trial, never 0
      for (const store::DescriptorValue& v : t.descriptors) {
        if (v.name != c.name || !v.value) continue;
        if (const auto in = in_unit(*v.value, v.unit, c.unit)) cell = number(*in);
      }
      row.push_back(cell);
    }
    for (std::size_t i = 0; i < row.size(); ++i) out += (i == 0 ? "" : ",") + field(row[i]);
    out += "\n";
  }
  return out;
}

std::string sheet_csv(const SheetData& d) {
  return csv_header() + csv_rows(d);
}

}  // namespace stance::report
