#pragma once
// Every descriptor of one analysis, typed by family, and as a table of
// (name, reference name, family, axis, quantity, value in SI) for output. The reference name is
// the key the published implementation of Quijoux et al. 2021 uses, so JSON output can be matched
// against it; it is empty where that implementation has no such descriptor.
#include <string>
#include <string_view>
#include <vector>

#include "core/descriptors/diffusion.hpp"
#include "core/descriptors/dynamic.hpp"
#include "core/descriptors/frequency.hpp"
#include "core/descriptors/positional.hpp"
#include "core/descriptors/presets.hpp"

namespace stance {

enum class DescriptorFamily { kPositional, kDynamic, kFrequency, kDiffusion };
enum class DescriptorAxis { kMl, kAp, kPlanar };
enum class Quantity {
  kLength,         // m
  kArea,           // m²
  kVelocity,       // m/s
  kAreaPerTime,    // m²/s
  kInverseLength,  // 1/m
  kPsdSum,         // m²/Hz (a sum of power-density bins)
  kFrequency,      // Hz
  kTime,           // s
  kAngle,          // rad (shown in degrees)
  kCount,
  kRatio,  // dimensionless
};

struct DescriptorEntry {
  std::string_view name;            // Stance's name: snake_case, _ml / _ap, none for planar
  std::string_view reference_name;  // the published implementation's key, or ""
  DescriptorFamily family = DescriptorFamily::kPositional;
  DescriptorAxis axis = DescriptorAxis::kPlanar;
  Quantity quantity = Quantity::kRatio;
  Scalar si;  // value in SI units; undefined values are 0
};

struct DescriptorSet {
  Preset preset = Preset::kClinical;
  LengthUnit unit = LengthUnit::kMillimetre;
  double rate_hz = 0;           // of the trace the positional and dynamic values come from
  double analysis_rate_hz = 0;  // of the spectrum, diffusion and sway density
  double start_s = 0, end_s = 0;
  Eigen::Index samples = 0;          // in the window, on the analysed grid
  Eigen::Index samples_used = 0;     // usable ones
  Eigen::Index samples_bridged = 0;  // unusable ones, bridged by interpolation
  bool filtered = false;
  LowPassSpec lowpass{};
  DiffusionForm diffusion_form = DiffusionForm::kCollinsDeLuca;
  PowerSum power_sum = PowerSum::kIntegral;
  PositionalDescriptors positional;
  DynamicDescriptors dynamic;
  FrequencyDescriptors frequency;
  DiffusionDescriptors diffusion;
  std::vector<std::string> notes;  // what the reader must know (gaps, undefined families)
};

std::vector<DescriptorEntry> descriptor_entries(const DescriptorSet& set);

// The value in the display unit of `unit` (mm or cm; angles in degrees), and that unit's symbol.
double display_value(const DescriptorEntry& entry, LengthUnit unit);
std::string display_unit(Quantity quantity, LengthUnit unit);

std::string_view family_name(DescriptorFamily family);  // "positional", …
std::string_view axis_name(DescriptorAxis axis);        // "ML", "AP", "planar"

}  // namespace stance
