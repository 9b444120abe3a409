#include "cli/analysis_output.hpp"

#include <cstdio>

#include "cli/json_writer.hpp"
#include "core/units.hpp"

namespace stance::cli {
namespace {

std::string percent(Eigen::Index part, Eigen::Index whole) {
  return whole > 0 ? fixed(100.0 * static_cast<double>(part) / static_cast<double>(whole), 2) + "%"
                   : "0%";
}

std::string format_name(const std::string& format) {
  if (format == "stance-trial") return "Stance trial file";
  if (format == "motive") return "OptiTrack Motive export";
  if (format == "opensim") return "OpenSim ground-reaction file";
  if (format == "csv-wrench") return "CSV, six-component wrench";
  if (format == "csv-cells") return "CSV, four load cells";
  if (format == "csv-cop") return "CSV, COP and vertical force";
  return format;
}

std::string describe_source(const AnalysisSource& source) {
  const auto& m = source.loaded->metadata;
  std::string details;
  for (const auto& [key, label] :
       {std::pair{"Device Name", ""}, std::pair{"plate", "plate "},
        std::pair{"plate_serial", "plate "}, std::pair{"patient_code", "patient "},
        std::pair{"limb", ""}, std::pair{"task", ""}}) {
    const auto it = m.find(key);
    if (it == m.end() || it->second.empty() || it->second == "unspecified") continue;
    details += (details.empty() ? "" : ", ") + std::string(label) + it->second;
  }
  const std::string name = format_name(source.loaded->format);
  return details.empty() ? name : name + " (" + details + ")";
}

std::string filter_text(const BasicAnalysis& a) {
  if (!a.filtered) return "COP unfiltered";
  return "COP low-pass: Butterworth order " + std::to_string(a.lowpass.order) + ", " +
         fixed(a.lowpass.cutoff_hz, 1) + " Hz, zero phase";
}

}  // namespace

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

void print_analysis_text(std::ostream& out, const AnalysisSource& source, const BasicAnalysis& a) {
  const SwayBasic& s = a.sway;
  out << "Recording      " << source.path << "\n"
      << "Format         " << describe_source(source) << "\n"
      << "Window         " << fixed(a.start_s, 3) << " to " << fixed(a.end_s, 3) << " s ("
      << fixed(a.duration_s, 2) << " s, " << a.sample_count << " samples at " << fixed(a.rate_hz, 0)
      << " Hz)\n"
      << "Lost samples   " << a.lost_samples << " (" << percent(a.lost_samples, a.sample_count)
      << ")\n"
      << "Unloaded       " << a.unloaded_samples << " samples below the force threshold\n";
  if (a.overload_samples + a.adc_error_samples > 0) {
    out << "Flagged        " << a.overload_samples << " overloaded, " << a.adc_error_samples
        << " ADC-error samples (left out)\n";
  }
  out << "Body weight    " << fixed(a.body_weight_n, 1) << " N (" << fixed(a.body_mass_kg, 1)
      << " kg), mean vertical force while loaded\n";
  if (s.samples_used < 3) {
    out << "\nNo sway descriptors: the plate was not loaded long enough.\n";
  } else {
    out << "COP mean       ML " << fixed(mm_from_m(s.mean_ml_m), 1) << " mm, AP "
        << fixed(mm_from_m(s.mean_ap_m), 1) << " mm (plate frame)\n\n"
        << "Sway (" << filter_text(a) << ")\n"
        << "  Mean velocity           " << fixed(mm_from_m(s.mean_velocity_m_s), 1) << " mm/s\n"
        << "  Path length             " << fixed(mm_from_m(s.path_length_m), 0) << " mm\n"
        << "  RMS         ML / AP     " << fixed(mm_from_m(s.rms_ml_m), 1) << " / "
        << fixed(mm_from_m(s.rms_ap_m), 1) << " mm\n"
        << "  Range       ML / AP     " << fixed(mm_from_m(s.range_ml_m), 1) << " / "
        << fixed(mm_from_m(s.range_ap_m), 1) << " mm\n"
        << "  95% confidence ellipse  " << fixed(mm2_from_m2(s.ellipse_area_95_m2), 0) << " mm²\n";
  }
  for (const auto& note : a.notes) out << "Note: " << note << "\n";
  out << "Definitions: docs/metrics.md\n";
}

void print_analysis_json(std::ostream& out, const AnalysisSource& source, const BasicAnalysis& a) {
  const SwayBasic& s = a.sway;
  JsonWriter j(out);
  j.begin_object();
  j.field("schema", "stance.analysis.basic/1");
  j.field("software_version", STANCE_VERSION);
  j.field("file", source.path);
  j.field("format", source.loaded->format);
  j.begin_object("metadata");
  for (const auto& [key, value] : source.loaded->metadata) j.field(key, value);
  j.end_object();
  j.begin_object("window");
  j.field("start_s", a.start_s).field("end_s", a.end_s).field("duration_s", a.duration_s);
  j.end_object();
  j.begin_object("samples");
  j.field("rate_hz", a.rate_hz);
  j.field("count", static_cast<long long>(a.sample_count));
  j.field("lost", static_cast<long long>(a.lost_samples));
  j.field("unloaded", static_cast<long long>(a.unloaded_samples));
  j.field("overload", static_cast<long long>(a.overload_samples));
  j.field("adc_error", static_cast<long long>(a.adc_error_samples));
  j.field("used_for_cop", static_cast<long long>(s.samples_used));
  j.end_object();
  j.field("body_weight_n", a.body_weight_n);
  j.field("body_mass_kg", a.body_mass_kg);
  j.begin_object("preprocessing");
  j.field("lowpass_applied", a.filtered);
  j.field("lowpass_order", static_cast<long long>(a.lowpass.order));
  j.field("lowpass_cutoff_hz", a.lowpass.cutoff_hz);
  j.end_object();
  j.begin_object("sway");
  j.field("cop_mean_ml_mm", mm_from_m(s.mean_ml_m));
  j.field("cop_mean_ap_mm", mm_from_m(s.mean_ap_m));
  j.field("mean_velocity_mm_s", mm_from_m(s.mean_velocity_m_s));
  j.field("path_length_mm", mm_from_m(s.path_length_m));
  j.field("rms_ml_mm", mm_from_m(s.rms_ml_m));
  j.field("rms_ap_mm", mm_from_m(s.rms_ap_m));
  j.field("range_ml_mm", mm_from_m(s.range_ml_m));
  j.field("range_ap_mm", mm_from_m(s.range_ap_m));
  j.field("ellipse_area_95_mm2", mm2_from_m2(s.ellipse_area_95_m2));
  j.end_object();
  j.begin_array("notes");
  for (const auto& note : a.notes) j.element(note);
  j.end_array();
  j.end_object();
}

}  // namespace stance::cli
