#include "core/descriptors/presets.hpp"

namespace stance {

PresetSettings preset_settings(Preset preset) {
  PresetSettings s;
  s.preset = preset;
  if (preset == Preset::kClinical) {
    s.unit = LengthUnit::kMillimetre;
    s.pipeline = Pipeline::kFilterThenWindow;
    s.analysis_rate_min_hz = 100.0;  // ≥ 10 × the 10 Hz cut-off's band of interest (≤ 5 Hz)
    s.positional.ellipse = EllipseKind::kConfidence;
    s.dynamic.mean_velocity_time = VelocityTime::kSteps;
    s.welch = {.segment_s = 10.0,
               .overlap = 0.5,
               .detrend = Detrend::kLinear,
               .fft_length = FftLength::kNextPowerOfTwo,
               .zero_pad_factor = 2.0};
    s.spectral.power = PowerSum::kIntegral;
    s.spectral.percentile = PercentileFrequency::kInterpolated;
    s.diffusion.form = DiffusionForm::kCollinsDeLuca;
    return s;
  }
  s.unit = LengthUnit::kCentimetre;
  s.pipeline = Pipeline::kPublished;
  s.swarii = SwariiSpec{};  // 25 Hz, 80 ms, the published spike purge and start
  s.analysis_rate_min_hz = 0;
  s.max_bridged_fraction = 1.0;  // SWARII fills every gap: the published code never refuses
  s.positional.ellipse = EllipseKind::kPublished;
  s.dynamic.mean_velocity_time = VelocityTime::kSamples;
  s.welch = {.segment_s = 10.0,
             .overlap = 0.5,
             .detrend = Detrend::kLinear,
             .fft_length = FftLength::kSignalLength,
             .zero_pad_factor = 1.0};
  s.spectral.power = PowerSum::kSumOfBins;
  s.spectral.percentile = PercentileFrequency::kFirstBin;
  s.diffusion.form = DiffusionForm::kPublished;
  return s;
}

std::string_view preset_name(Preset preset) {
  return preset == Preset::kClinical ? "clinical" : "reference";
}

std::optional<Preset> parse_preset(std::string_view name) {
  if (name == "clinical") return Preset::kClinical;
  if (name == "reference") return Preset::kReference;
  return std::nullopt;
}

std::string_view length_unit_symbol(LengthUnit unit) {
  return unit == LengthUnit::kMillimetre ? "mm" : "cm";
}

double length_unit_per_m(LengthUnit unit) {
  return unit == LengthUnit::kMillimetre ? 1000.0 : 100.0;
}

}  // namespace stance
