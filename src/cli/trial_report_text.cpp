#include <map>

#include "cli/knee_report_text.hpp"
#include "cli/trial_report.hpp"
#include "core/units.hpp"
#include "store/task_label.hpp"
#include "support/format.hpp"

namespace stance::cli {
namespace {

std::string format_name(const std::string& format) {
  static const std::map<std::string, std::string> kNames{
      {"stance-trial", "Stance trial file"},       {"motive", "OptiTrack Motive export"},
      {"opensim", "OpenSim ground-reaction file"}, {"csv-wrench", "CSV, six-component wrench"},
      {"csv-cells", "CSV, four load cells"},       {"csv-cop", "CSV, COP and vertical force"}};
  const auto it = kNames.find(format);
  return it == kNames.end() ? format : it->second;
}

std::string describe_source(const TrialSource& source) {
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

const char* key_label(std::string_view name) {
  static const std::map<std::string_view, const char*> kLabels{
      {"mean_velocity", "Mean COP velocity"},
      {"ellipse_area_95", "95% confidence ellipse"},
      {"range_ml", "Range ML"},
      {"range_ap", "Range AP"},
      {"rms_ml", "RMS ML"},
      {"rms_ap", "RMS AP"},
      {"path_length", "Path length"}};
  const auto it = kLabels.find(name);
  return it == kLabels.end() ? "" : it->second;
}

void print_header(std::ostream& out, const TrialSource& source, const TrialAnalysis& a) {
  const BasicAnalysis& s = a.summary;
  out << "Recording      " << source.path << "\n"
      << "Format         " << describe_source(source) << "\n"
      << "Task           " << task_label(source, a.task) << "\n"
      << "Window         " << fixed(s.start_s, 3) << " to " << fixed(s.end_s, 3) << " s ("
      << fixed(s.duration_s, 2) << " s, " << s.sample_count << " samples at " << fixed(s.rate_hz, 0)
      << " Hz)\n"
      << "Lost samples   " << s.lost_samples << ", unloaded " << s.unloaded_samples
      << ", overloaded " << s.overload_samples << ", ADC error " << s.adc_error_samples << "\n";
  const double bw = a.squats ? a.squats->body_weight_n : s.body_weight_n;
  out << "Body weight    " << fixed(bw, 1) << " N (" << fixed(kg_from_newtons(bw), 1) << " kg), "
      << (a.squats && a.squats->body_weight_from_quiet ? "from the quiet phases"
                                                       : "mean vertical force while loaded")
      << "\n";
}

void print_verdict(std::ostream& out, const TrialVerdict& v) {
  out << "\nVerdict        " << (v.valid ? "VALID" : "INVALID: repeat the trial") << "\n";
  for (const Finding& f : v.findings) {
    out << "  " << pad(fixed(f.start_s, 2) + " s", 10) << pad(to_string(f.severity), 12) << f.detail
        << "\n";
  }
}

void print_key_figures(std::ostream& out, const DescriptorSet& d,
                       const std::vector<DescriptorEntry>& entries) {
  out << "\nCOP sway (" << preset_name(d.preset) << " preset; "
      << (d.filtered ? "low-pass Butterworth order " + std::to_string(d.lowpass.order) + ", " +
                           fixed(d.lowpass.cutoff_hz, 1) + " Hz, zero phase"
                     : "unfiltered")
      << ")\n";
  for (const char* name : kKeyDescriptors) {
    for (const DescriptorEntry& e : entries) {
      if (e.name != name) continue;
      out << "  " << pad(key_label(e.name), 26)
          << (e.si.defined ? fixed(display_value(e, d.unit), 1) : std::string("n/a")) << " "
          << display_unit(e.quantity, d.unit) << "\n";
    }
  }
}

void print_all_descriptors(std::ostream& out, const DescriptorSet& d,
                           const std::vector<DescriptorEntry>& entries) {
  std::string_view family;
  for (const DescriptorEntry& e : entries) {
    if (family_name(e.family) != family) {
      family = family_name(e.family);
      out << "\n  " << family << "\n";
    }
    out << "    " << pad(std::string(e.name), 30)
        << (e.si.defined ? fixed(display_value(e, d.unit), 4) : std::string("n/a")) << " "
        << display_unit(e.quantity, d.unit) << "\n";
  }
}

// A figure of the repetitions used, or "n/a" when none (or too few) were used: never 0.
std::string if_used(std::size_t used, std::size_t at_least, const std::string& text) {
  return used >= at_least ? text : std::string("n/a");
}

void print_squats(std::ostream& out, const SquatAnalysis& s, const SquatSteadiness& w) {
  out << "\nSquat repetitions: " << s.rep_count << " found, " << s.acceptable_rep_count
      << " acceptable\n"
      << "  rep  start s  descent s  ascent s  depth cm  peak Fz BW  steadiness 0-100  flags\n";
  for (const SquatRep& r : s.reps) {
    std::string index = "n/a";
    for (const RepSteadiness& rw : w.reps) {
      if (rw.rep_index == r.index) index = fixed(rw.index, 0);
    }
    std::string flags;
    if (!r.complete) flags += "incomplete ";
    if (r.shallow) flags += "shallow ";
    if (r.too_fast) flags += "too-fast ";
    out << "  " << pad(std::to_string(r.index), 5) << pad(fixed(r.start_s, 2), 9)
        << pad(fixed(r.descent_s, 2), 11) << pad(fixed(r.ascent_s, 2), 10)
        << pad(fixed(cm_from_m(r.depth_m), 1), 10) << pad(fixed(r.peak_fz_bw, 2), 12)
        << pad(index, 18) << flags << "\n";
  }
  const SteadinessComponents& c = w.trial;
  const std::size_t used = w.reps_used.size();
  out << "ML squat steadiness  " << if_used(used, 1, fixed(w.index, 0) + " / 100")
      << " (reps used: " << used << ", SD between reps "
      << if_used(used, 2, fixed(w.index_rep_sd, 1)) << ")\n"
      << "  ML COP 2-6 Hz RMS " << if_used(used, 1, fixed(mm_from_m(c.ml_oscillation_m), 2) + " mm")
      << " in the squats, " << fixed(mm_from_m(w.standing_oscillation_m), 2)
      << " mm standing, excess " << if_used(used, 1, fixed(mm_from_m(c.ml_excess_m), 2) + " mm")
      << "; medial shift at the bottom "
      << if_used(used, 1, fixed(mm_from_m(c.medial_shift_m), 1) + " mm");
  if (c.has_shear) {
    out << ", ML shear 2-6 Hz RMS " << if_used(used, 1, fixed(c.ml_shear_n, 1) + " N");
  }
  out << "\n  (side-to-side shaking of the load in the squat beyond standing: a wobbling knee "
         "raises it; it cannot see a slow knee collapse or give an angle: docs/metrics.md)\n";
  for (const auto& note : w.notes) out << "Note: " << note << "\n";
}

}  // namespace

void print_trial_text(std::ostream& out, const TrialSource& source, const TrialAnalysis& a,
                      bool all_descriptors) {
  print_header(out, source, a);
  print_verdict(out, a.verdict);
  const std::vector<DescriptorEntry> entries = descriptor_entries(a.descriptors);
  print_key_figures(out, a.descriptors, entries);
  if (a.squats && a.steadiness) print_squats(out, *a.squats, *a.steadiness);
  if (a.knee) {
    out << "\nKnee on camera (FPPA: angle between thigh and shank in the frontal picture; > 0 "
           "knee inward, valgus), squats from "
        << (a.knee->squats_from == knee::SquatSource::kPlate ? "the plate" : "the hip marker")
        << ":\n";
    print_knee_squats(out, *a.knee);
  }
  if (all_descriptors) print_all_descriptors(out, a.descriptors, entries);
  for (const auto& note : a.summary.notes) out << "Note: " << note << "\n";
  for (const auto& note : a.descriptors.notes) out << "Note: " << note << "\n";
  if (a.squats) {
    for (const auto& note : a.squats->notes) out << "Note: " << note << "\n";
  }
  out << "Definitions: docs/metrics.md" << (all_descriptors ? "" : "; every descriptor: --all")
      << "\n";
}

}  // namespace stance::cli
