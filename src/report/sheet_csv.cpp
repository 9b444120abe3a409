#include "report/sheet_csv.hpp"

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
};

constexpr const char* kFixedColumns[] = {
    "patient_code",  "patient_name", "birth_year",       "sex",
    "involved_side", "session_id",   "session_date_utc", "clinician",
    "plate",         "protocol",     "trial_id",         "task",
    "limb",          "eyes",         "attempt",          "valid",
    "verdict",       "analysed_by",  "repetitions"};

// A value in the column's unit; a length preset in cm is converted (10 mm per cm).
std::optional<double> in_unit(const store::Metric& m, const std::string& unit) {
  if (m.unit == unit) return m.value;
  if (m.unit == "cm" && unit == "mm") return 10.0 * m.value;
  if (m.unit == "cm/s" && unit == "mm/s") return 10.0 * m.value;
  if (m.unit == "cm²" && unit == "mm²") return 100.0 * m.value;
  return std::nullopt;
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

std::string sheet_csv(const SheetData& d) {
  std::string out;
  for (const std::string& c : csv_columns()) out += (out.empty() ? "" : ",") + c;
  out += "\n";
  for (const SheetTrial& t : d.trials) {
    std::vector<std::string> row{d.patient_code,
                                 d.patient_name,
                                 d.birth_year > 0 ? std::to_string(d.birth_year) : "",
                                 store::to_string(d.sex),
                                 to_string(d.involved),
                                 d.session_id > 0 ? std::to_string(d.session_id) : "",
                                 d.date_utc,
                                 d.clinician,
                                 d.plate,
                                 d.protocol,
                                 t.trial_id > 0 ? std::to_string(t.trial_id) : "",
                                 to_string(t.task),
                                 to_string(t.limb),
                                 to_string(t.eyes),
                                 std::to_string(t.attempt),
                                 t.valid ? "true" : "false",
                                 t.verdict.empty() ? (t.valid ? "valid" : "invalid") : t.verdict,
                                 t.analysed_by,
                                 t.reps.empty() ? "" : std::to_string(t.reps.size())};
    const std::vector<store::Metric> metrics = exported_metrics(t);
    for (const MetricColumn& c : kMetricColumns) {
      std::string cell;
      for (const store::Metric& m : metrics) {
        if (m.key != c.key) continue;
        if (const auto v = in_unit(m, c.unit)) cell = number(*v);
      }
      row.push_back(cell);
    }
    for (std::size_t i = 0; i < row.size(); ++i) out += (i == 0 ? "" : ",") + field(row[i]);
    out += "\n";
  }
  return out;
}

}  // namespace stance::report
