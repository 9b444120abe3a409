#include "core/descriptors/descriptor_set.hpp"

#include <numbers>

namespace stance {
namespace {

using F = DescriptorFamily;
using A = DescriptorAxis;
using Q = Quantity;

class TableBuilder {
 public:
  explicit TableBuilder(std::vector<DescriptorEntry>& out) : out_(out) {}
  void operator()(std::string_view name, std::string_view reference, F family, A axis, Q quantity,
                  Scalar value) {
    out_.push_back({name, reference, family, axis, quantity, value});
  }

 private:
  std::vector<DescriptorEntry>& out_;
};

void add_positional(TableBuilder& add, const PositionalDescriptors& p) {
  const F f = F::kPositional;
  add("mean_ml", "mean_value_ML", f, A::kMl, Q::kLength, p.mean_ml_m);
  add("mean_ap", "mean_value_AP", f, A::kAp, Q::kLength, p.mean_ap_m);
  add("mean_distance_ml", "mean_distance_ML", f, A::kMl, Q::kLength, p.mean_distance_ml_m);
  add("mean_distance_ap", "mean_distance_AP", f, A::kAp, Q::kLength, p.mean_distance_ap_m);
  add("mean_distance", "mean_distance_Radius", f, A::kPlanar, Q::kLength, p.mean_distance_m);
  add("max_distance_ml", "maximal_distance_ML", f, A::kMl, Q::kLength, p.max_distance_ml_m);
  add("max_distance_ap", "maximal_distance_AP", f, A::kAp, Q::kLength, p.max_distance_ap_m);
  add("max_distance", "maximal_distance_Radius", f, A::kPlanar, Q::kLength, p.max_distance_m);
  add("rms_ml", "rms_ML", f, A::kMl, Q::kLength, p.rms_ml_m);
  add("rms_ap", "rms_AP", f, A::kAp, Q::kLength, p.rms_ap_m);
  add("rms", "rms_Radius", f, A::kPlanar, Q::kLength, p.rms_m);
  add("range_ml", "range_ML", f, A::kMl, Q::kLength, p.range_ml_m);
  add("range_ap", "range_AP", f, A::kAp, Q::kLength, p.range_ap_m);
  add("range", "range_ML_AND_AP", f, A::kPlanar, Q::kLength, p.range_m);
  add("range_ratio", "range_ratio_ML_AND_AP", f, A::kPlanar, Q::kRatio, p.range_ratio);
  add("planar_deviation", "planar_deviation_ML_AND_AP", f, A::kPlanar, Q::kLength,
      p.planar_deviation_m);
  add("sway_direction_coefficient", "coefficient_sway_direction_ML_AND_AP", f, A::kPlanar,
      Q::kRatio, p.sway_direction_coefficient);
  add("ellipse_area_95", "confidence_ellipse_area_ML_AND_AP", f, A::kPlanar, Q::kArea,
      p.ellipse_area_95_m2);
  add("principal_sway_direction", "principal_sway_direction_ML_AND_AP", f, A::kPlanar, Q::kAngle,
      p.principal_direction_rad);
}

void add_dynamic(TableBuilder& add, const DynamicDescriptors& d) {
  const F f = F::kDynamic;
  add("path_length_ml", "sway_length_ML", f, A::kMl, Q::kLength, d.path_length_ml_m);
  add("path_length_ap", "sway_length_AP", f, A::kAp, Q::kLength, d.path_length_ap_m);
  add("path_length", "sway_length_ML_AND_AP", f, A::kPlanar, Q::kLength, d.path_length_m);
  add("mean_velocity_ml", "mean_velocity_ML", f, A::kMl, Q::kVelocity, d.mean_velocity_ml_m_s);
  add("mean_velocity_ap", "mean_velocity_AP", f, A::kAp, Q::kVelocity, d.mean_velocity_ap_m_s);
  add("mean_velocity", "mean_velocity_ML_AND_AP", f, A::kPlanar, Q::kVelocity, d.mean_velocity_m_s);
  add("sway_area_per_second", "sway_area_per_second_ML_AND_AP", f, A::kPlanar, Q::kAreaPerTime,
      d.sway_area_per_second_m2_s);
  add("phase_plane_ml", "phase_plane_parameter_ML", f, A::kMl, Q::kLength, d.phase_plane_ml_m);
  add("phase_plane_ap", "phase_plane_parameter_AP", f, A::kAp, Q::kLength, d.phase_plane_ap_m);
  add("length_over_area", "LFS_ML_AND_AP", f, A::kPlanar, Q::kInverseLength,
      d.length_over_area_per_m);
  add("fractal_dimension_ce", "fractal_dimension_ML_AND_AP", f, A::kPlanar, Q::kRatio,
      d.fractal_dimension_ce);
  add("fractal_dimension_cc", "fractal_dimension_cc_ML_AND_AP", f, A::kPlanar, Q::kRatio,
      d.fractal_dimension_cc);
  add("fractal_dimension_pd", "fractal_dimension_pd_ML_AND_AP", f, A::kPlanar, Q::kRatio,
      d.fractal_dimension_pd);
  add("zero_crossings_ml", "zero_crossing_SPD_ML", f, A::kMl, Q::kCount,
      d.velocity_ml.zero_crossings);
  add("zero_crossings_ap", "zero_crossing_SPD_AP", f, A::kAp, Q::kCount,
      d.velocity_ap.zero_crossings);
  add("peak_velocity_positive_ml", "peak_velocity_pos_SPD_ML", f, A::kMl, Q::kVelocity,
      d.velocity_ml.peak_positive_m_s);
  add("peak_velocity_positive_ap", "peak_velocity_pos_SPD_AP", f, A::kAp, Q::kVelocity,
      d.velocity_ap.peak_positive_m_s);
  add("peak_velocity_negative_ml", "peak_velocity_neg_SPD_ML", f, A::kMl, Q::kVelocity,
      d.velocity_ml.peak_negative_m_s);
  add("peak_velocity_negative_ap", "peak_velocity_neg_SPD_AP", f, A::kAp, Q::kVelocity,
      d.velocity_ap.peak_negative_m_s);
  add("peak_velocity_ml", "peak_velocity_all_SPD_ML", f, A::kMl, Q::kVelocity,
      d.velocity_ml.peak_all_m_s);
  add("peak_velocity_ap", "peak_velocity_all_SPD_AP", f, A::kAp, Q::kVelocity,
      d.velocity_ap.peak_all_m_s);
  add("sway_density_mean_peak", "mean_peak_Sway_Density", f, A::kPlanar, Q::kTime,
      d.sway_density.mean_peak_s);
  add("sway_density_peak_distance", "mean_distance_peak_Sway_Density", f, A::kPlanar, Q::kLength,
      d.sway_density.mean_peak_distance_m);
  add("mean_frequency_ml", "mean_frequency_ML", f, A::kMl, Q::kFrequency, d.mean_frequency_ml_hz);
  add("mean_frequency_ap", "mean_frequency_AP", f, A::kAp, Q::kFrequency, d.mean_frequency_ap_hz);
  add("mean_frequency", "mean_frequency_ML_AND_AP", f, A::kPlanar, Q::kFrequency,
      d.mean_frequency_hz);
}

struct SpectralNames {
  std::string_view total, f50, f95, mode, centroid, dispersion, below, middle, above, quotient;
};

void add_spectral(TableBuilder& add, const SpectralDescriptors& s, A axis, Q power,
                  const SpectralNames& ours, const SpectralNames& ref) {
  const F f = F::kFrequency;
  add(ours.total, ref.total, f, axis, power, s.total_power);
  add(ours.f50, ref.f50, f, axis, Q::kFrequency, s.f50_hz);
  add(ours.f95, ref.f95, f, axis, Q::kFrequency, s.f95_hz);
  add(ours.mode, ref.mode, f, axis, Q::kFrequency, s.mode_hz);
  add(ours.centroid, ref.centroid, f, axis, Q::kFrequency, s.centroid_hz);
  add(ours.dispersion, ref.dispersion, f, axis, Q::kRatio, s.dispersion);
  add(ours.below, ref.below, f, axis, power, s.energy_below_0_5hz);
  add(ours.middle, ref.middle, f, axis, power, s.energy_0_5_to_2hz);
  add(ours.above, ref.above, f, axis, power, s.energy_above_2hz);
  add(ours.quotient, ref.quotient, f, axis, Q::kRatio, s.frequency_quotient);
}

struct DiffusionNames {
  std::string_view d_short, d_long, h_short, h_long, time, displacement;
};

void add_diffusion(TableBuilder& add, const DiffusionAxis& d, A axis, Q coefficient,
                   const DiffusionNames& ours, const DiffusionNames& ref) {
  const F f = F::kDiffusion;
  add(ours.d_short, ref.d_short, f, axis, coefficient, d.diffusion_short);
  add(ours.d_long, ref.d_long, f, axis, coefficient, d.diffusion_long);
  add(ours.h_short, ref.h_short, f, axis, Q::kRatio, d.scaling_short);
  add(ours.h_long, ref.h_long, f, axis, Q::kRatio, d.scaling_long);
  add(ours.time, ref.time, f, axis, Q::kTime, d.critical_time_s);
  add(ours.displacement, ref.displacement, f, axis, Q::kArea, d.critical_msd_m2);
}

}  // namespace

std::vector<DescriptorEntry> descriptor_entries(const DescriptorSet& set) {
  std::vector<DescriptorEntry> out;
  out.reserve(96);
  TableBuilder add(out);
  add_positional(add, set.positional);
  add_dynamic(add, set.dynamic);
  const Q power = set.power_sum == PowerSum::kIntegral ? Q::kArea : Q::kPsdSum;
  add_spectral(
      add, set.frequency.ml, A::kMl, power,
      {"total_power_ml", "power_frequency_50_ml", "power_frequency_95_ml", "frequency_mode_ml",
       "centroid_frequency_ml", "frequency_dispersion_ml", "energy_below_0_5hz_ml",
       "energy_0_5_to_2hz_ml", "energy_above_2hz_ml", "frequency_quotient_ml"},
      {"total_power_Power_Spectrum_Density_ML", "power_frequency_50_Power_Spectrum_Density_ML",
       "power_frequency_95_Power_Spectrum_Density_ML", "frequency_mode_Power_Spectrum_Density_ML",
       "centroid_frequency_Power_Spectrum_Density_ML",
       "frequency_dispersion_Power_Spectrum_Density_ML",
       "energy_content_below_05_Power_Spectrum_Density_ML",
       "energy_content_05_2_Power_Spectrum_Density_ML",
       "energy_content_above_2_Power_Spectrum_Density_ML",
       "frequency_quotient_Power_Spectrum_Density_ML"});
  add_spectral(
      add, set.frequency.ap, A::kAp, power,
      {"total_power_ap", "power_frequency_50_ap", "power_frequency_95_ap", "frequency_mode_ap",
       "centroid_frequency_ap", "frequency_dispersion_ap", "energy_below_0_5hz_ap",
       "energy_0_5_to_2hz_ap", "energy_above_2hz_ap", "frequency_quotient_ap"},
      {"total_power_Power_Spectrum_Density_AP", "power_frequency_50_Power_Spectrum_Density_AP",
       "power_frequency_95_Power_Spectrum_Density_AP", "frequency_mode_Power_Spectrum_Density_AP",
       "centroid_frequency_Power_Spectrum_Density_AP",
       "frequency_dispersion_Power_Spectrum_Density_AP",
       "energy_content_below_05_Power_Spectrum_Density_AP",
       "energy_content_05_2_Power_Spectrum_Density_AP",
       "energy_content_above_2_Power_Spectrum_Density_AP",
       "frequency_quotient_Power_Spectrum_Density_AP"});
  const Q coefficient =
      set.diffusion_form == DiffusionForm::kCollinsDeLuca ? Q::kAreaPerTime : Q::kArea;
  add_diffusion(add, set.diffusion.ml, A::kMl, coefficient,
                {"diffusion_short_ml", "diffusion_long_ml", "scaling_short_ml", "scaling_long_ml",
                 "critical_time_ml", "critical_displacement_ml"},
                {"short_time_diffusion_Diffusion_ML", "long_time_diffusion_Diffusion_ML",
                 "short_time_scaling_Diffusion_ML", "long_time_scaling_Diffusion_ML",
                 "critical_time_Diffusion_ML", "critical_displacement_Diffusion_ML"});
  add_diffusion(add, set.diffusion.ap, A::kAp, coefficient,
                {"diffusion_short_ap", "diffusion_long_ap", "scaling_short_ap", "scaling_long_ap",
                 "critical_time_ap", "critical_displacement_ap"},
                {"short_time_diffusion_Diffusion_AP", "long_time_diffusion_Diffusion_AP",
                 "short_time_scaling_Diffusion_AP", "long_time_scaling_Diffusion_AP",
                 "critical_time_Diffusion_AP", "critical_displacement_Diffusion_AP"});
  add_diffusion(add, set.diffusion.planar, A::kPlanar, coefficient,
                {"diffusion_short", "diffusion_long", "scaling_short", "scaling_long",
                 "critical_time", "critical_displacement"},
                {"", "", "", "", "", ""});
  return out;
}

double display_value(const DescriptorEntry& entry, LengthUnit unit) {
  const double l = length_unit_per_m(unit);
  const double v = entry.si.value;
  switch (entry.quantity) {
    case Q::kLength:
    case Q::kVelocity:
      return v * l;
    case Q::kArea:
    case Q::kAreaPerTime:
    case Q::kPsdSum:
      return v * l * l;
    case Q::kInverseLength:
      return v / l;
    case Q::kAngle:
      return v * 180.0 / std::numbers::pi;
    case Q::kFrequency:
    case Q::kTime:
    case Q::kCount:
    case Q::kRatio:
      return v;
  }
  return v;
}

std::string display_unit(Quantity quantity, LengthUnit unit) {
  const std::string l(length_unit_symbol(unit));
  switch (quantity) {
    case Q::kLength:
      return l;
    case Q::kArea:
      return l + "²";
    case Q::kVelocity:
      return l + "/s";
    case Q::kAreaPerTime:
      return l + "²/s";
    case Q::kInverseLength:
      return "1/" + l;
    case Q::kPsdSum:
      return l + "²/Hz";
    case Q::kFrequency:
      return "Hz";
    case Q::kTime:
      return "s";
    case Q::kAngle:
      return "deg";
    case Q::kCount:
    case Q::kRatio:
      return "";
  }
  return "";
}

std::string_view family_name(DescriptorFamily family) {
  switch (family) {
    case F::kPositional:
      return "positional";
    case F::kDynamic:
      return "dynamic";
    case F::kFrequency:
      return "frequency";
    case F::kDiffusion:
      return "diffusion";
  }
  return "";
}

std::string_view axis_name(DescriptorAxis axis) {
  switch (axis) {
    case A::kMl:
      return "ML";
    case A::kAp:
      return "AP";
    case A::kPlanar:
      return "planar";
  }
  return "";
}

}  // namespace stance
