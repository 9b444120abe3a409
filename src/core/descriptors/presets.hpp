#pragma once
// The two analysis presets. `clinical` is the product's: millimetres, the plate's own rate, the
// 4th-order 10 Hz zero-phase low-pass over the whole recording, Prieto's definitions.
// `reference` reproduces the pipeline published with Quijoux et al. 2021 (Physiol Rep 9:e15067;
// code: github.com/Jythen/code_descriptors_postural_control), so Stance's numbers can be checked
// against it. Every setting is listed, with its reason, in docs/metrics.md.
#include <optional>
#include <string_view>

#include "core/butterworth.hpp"
#include "core/descriptors/diffusion.hpp"
#include "core/descriptors/dynamic.hpp"
#include "core/descriptors/frequency.hpp"
#include "core/descriptors/positional.hpp"
#include "core/descriptors/resample.hpp"
#include "core/descriptors/welch.hpp"

namespace stance {

enum class Preset { kClinical, kReference };
enum class LengthUnit { kMillimetre, kCentimetre };

enum class Pipeline {
  kFilterThenWindow,  // filter the whole recording, cut the window, centre on its filtered mean
  kPublished,         // cut the window, centre on its raw mean, SWARII, then filter (as published)
};

struct PresetSettings {
  Preset preset = Preset::kClinical;
  LengthUnit unit = LengthUnit::kMillimetre;
  Pipeline pipeline = Pipeline::kFilterThenWindow;
  LowPassSpec lowpass{};              // 4th order, 10 Hz
  SwariiSpec swarii{};                // kPublished only
  double analysis_rate_min_hz = 0;    // > 0: spectrum, diffusion and sway density on every
                                      // k-th sample, k = ⌊rate / this⌋ (clinical: 100 Hz)
  double max_bridged_fraction = 0.2;  // more unusable samples: no velocity, spectral,
                                      // diffusion or sway-density values
  PositionalSpec positional{};
  DynamicSpec dynamic{};
  WelchSpec welch{};
  SpectralSpec spectral{};
  DiffusionSpec diffusion{};
};

PresetSettings preset_settings(Preset preset);
std::string_view preset_name(Preset preset);
std::optional<Preset> parse_preset(std::string_view name);
std::string_view length_unit_symbol(LengthUnit unit);  // "mm", "cm"
double length_unit_per_m(LengthUnit unit);             // 1000, 100

}  // namespace stance
