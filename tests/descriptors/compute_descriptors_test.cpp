// The whole pipeline: presets, windows, gaps, degenerate recordings, the output table.
#include "core/descriptors/compute_descriptors.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <set>
#include <string>

#include "test_signals.hpp"

namespace stance {
namespace {

// A quiet-stance-like recording: 0.35 Hz and 1.1 Hz sway, 700 N.
ForceSamples recording(double rate_hz, double seconds) {
  ForceSamples s;
  s.rate_hz = rate_hz;
  const auto n = static_cast<Eigen::Index>(rate_hz * seconds);
  s.resize(n);
  s.fz_n.setConstant(700);
  s.cop_ml_m = 0.01 + test::sine(n, rate_hz, 0.004, 0.35) + test::sine(n, rate_hz, 0.001, 1.1, 1);
  s.cop_ap_m = -0.05 + test::sine(n, rate_hz, 0.006, 0.2, 0.5) + test::random_walk(n, 2e-5, 9);
  return s;
}

void expect_all_finite(const DescriptorSet& set) {
  for (const DescriptorEntry& e : descriptor_entries(set)) {
    EXPECT_TRUE(std::isfinite(e.si.value)) << e.name;
    EXPECT_TRUE(std::isfinite(display_value(e, set.unit))) << e.name;
    if (!e.si.defined) {
      EXPECT_EQ(e.si.value, 0.0) << e.name;
    }
  }
}

TEST(ComputeDescriptors, ClinicalOnA1000HzTrial) {
  const ForceSamples s = recording(1000, 30);
  const auto set = compute_descriptors(s);
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->preset, Preset::kClinical);
  EXPECT_EQ(set->unit, LengthUnit::kMillimetre);
  EXPECT_DOUBLE_EQ(set->rate_hz, 1000);
  EXPECT_DOUBLE_EQ(set->analysis_rate_hz, 100);  // every 10th sample for the costly families
  EXPECT_EQ(set->samples, 30000);
  EXPECT_TRUE(set->filtered);
  EXPECT_NEAR(set->positional.mean_ml_m.value, 0.01, 2e-4);
  EXPECT_NEAR(set->positional.rms_ml_m.value, std::sqrt(0.004 * 0.004 / 2 + 0.001 * 0.001 / 2),
              1e-4);
  EXPECT_NEAR(set->frequency.ml.mode_hz.value, 0.35, 0.03);
  EXPECT_TRUE(set->diffusion.ml.scaling_short.defined);
  EXPECT_TRUE(set->notes.empty()) << set->notes.front();
  expect_all_finite(*set);
  for (const DescriptorEntry& e : descriptor_entries(*set)) {
    if (e.axis != DescriptorAxis::kPlanar || e.family != DescriptorFamily::kDiffusion) {
      EXPECT_TRUE(e.si.defined) << e.name;
    }
  }
}

TEST(ComputeDescriptors, TheTableNamesEveryDescriptorOnceWithItsUnit) {
  const auto set = compute_descriptors(recording(100, 30));
  ASSERT_TRUE(set.ok());
  const std::vector<DescriptorEntry> entries = descriptor_entries(*set);
  EXPECT_EQ(entries.size(), 83u);
  std::set<std::string_view> names, references;
  for (const DescriptorEntry& e : entries) {
    EXPECT_TRUE(names.insert(e.name).second) << e.name;
    if (!e.reference_name.empty()) {
      EXPECT_TRUE(references.insert(e.reference_name).second);
    }
  }
  EXPECT_EQ(references.size(), 77u);  // all but the six planar diffusion values
  auto find = [&](std::string_view name) {
    for (const DescriptorEntry& e : entries) {
      if (e.name == name) return e;
    }
    ADD_FAILURE() << name;
    return DescriptorEntry{};
  };
  EXPECT_EQ(display_unit(find("rms_ml").quantity, LengthUnit::kMillimetre), "mm");
  EXPECT_EQ(display_unit(find("ellipse_area_95").quantity, LengthUnit::kCentimetre), "cm²");
  EXPECT_EQ(display_unit(find("mean_velocity").quantity, LengthUnit::kMillimetre), "mm/s");
  EXPECT_EQ(display_unit(find("length_over_area").quantity, LengthUnit::kCentimetre), "1/cm");
  EXPECT_EQ(display_unit(find("diffusion_short_ml").quantity, LengthUnit::kMillimetre), "mm²/s");
  EXPECT_EQ(display_unit(find("total_power_ap").quantity, LengthUnit::kMillimetre), "mm²");
  EXPECT_EQ(display_unit(find("principal_sway_direction").quantity, LengthUnit::kMillimetre),
            "deg");
  const DescriptorEntry rms = find("rms_ml");
  EXPECT_DOUBLE_EQ(display_value(rms, LengthUnit::kMillimetre), rms.si.value * 1000);
  EXPECT_DOUBLE_EQ(display_value(rms, LengthUnit::kCentimetre), rms.si.value * 100);
  const DescriptorEntry area = find("ellipse_area_95");
  EXPECT_DOUBLE_EQ(display_value(area, LengthUnit::kCentimetre), area.si.value * 1e4);
  const DescriptorEntry angle = find("principal_sway_direction");
  EXPECT_DOUBLE_EQ(display_value(angle, LengthUnit::kMillimetre),
                   angle.si.value * 180 / std::numbers::pi);
  EXPECT_EQ(find("rms_ap").reference_name, "rms_AP");
  EXPECT_EQ(find("energy_below_0_5hz_ml").reference_name,
            "energy_content_below_05_Power_Spectrum_Density_ML");
}

TEST(ComputeDescriptors, ReferencePresetUnitsAndQuantities) {
  DescriptorOptions o;
  o.preset = Preset::kReference;
  const auto set = compute_descriptors(recording(100, 30), o);
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->unit, LengthUnit::kCentimetre);
  EXPECT_DOUBLE_EQ(set->rate_hz, 25);
  for (const DescriptorEntry& e : descriptor_entries(*set)) {
    if (e.name == "total_power_ml") {
      EXPECT_EQ(display_unit(e.quantity, set->unit), "cm²/Hz");
    }
    if (e.name == "diffusion_short_ml") {
      EXPECT_EQ(display_unit(e.quantity, set->unit), "cm²");
    }
  }
  expect_all_finite(*set);
}

TEST(ComputeDescriptors, WindowsAreCutAfterFilteringAndChecked) {
  const ForceSamples s = recording(100, 60);
  DescriptorOptions o;
  o.start_s = 10;
  o.end_s = 40;
  const auto set = compute_descriptors(s, o);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->samples, 3000);
  EXPECT_DOUBLE_EQ(set->start_s, 10);
  EXPECT_DOUBLE_EQ(set->end_s, 40);
  o.start_s = 70;
  o.end_s = 80;
  EXPECT_FALSE(compute_descriptors(s, o).ok());
  o.start_s = 20;
  o.end_s = 10;
  EXPECT_FALSE(compute_descriptors(s, o).ok());
  EXPECT_FALSE(compute_descriptors(ForceSamples{}).ok());
}

TEST(ComputeDescriptors, LostSamplesAreLeftOutOrBridged) {
  ForceSamples s = recording(100, 30);
  for (Eigen::Index i = 1000; i < 1100; ++i) {  // 1 s lost (3 %)
    s.flags[static_cast<std::size_t>(i)] = bit(SampleFlag::kMissing);
    s.cop_ml_m[i] = s.cop_ap_m[i] = s.fz_n[i] = 0;
  }
  const auto set = compute_descriptors(s);
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->samples_bridged, 100);
  EXPECT_EQ(set->positional.samples, 2900);
  EXPECT_TRUE(set->frequency.ml.total_power.defined);
  EXPECT_FALSE(set->notes.empty());
  expect_all_finite(*set);
  // The same recording without the gap: positional values barely move.
  const auto clean = compute_descriptors(recording(100, 30));
  EXPECT_NEAR(set->positional.rms_ap_m.value, clean->positional.rms_ap_m.value,
              0.03 * clean->positional.rms_ap_m.value);
  // The reference preset resamples across the gap (as published) and says so.
  DescriptorOptions o;
  o.preset = Preset::kReference;
  const auto reference = compute_descriptors(s, o);
  ASSERT_TRUE(reference.ok());
  EXPECT_EQ(reference->samples_bridged, 0);
  EXPECT_FALSE(reference->notes.empty());
  expect_all_finite(*reference);
}

TEST(ComputeDescriptors, TooManyLostSamplesStopTheContinuousFamilies) {
  ForceSamples s = recording(100, 30);
  for (Eigen::Index i = 0; i < 900; ++i)
    s.flags[static_cast<std::size_t>(3 * i)] = bit(SampleFlag::kLowForce);
  const auto set = compute_descriptors(s);
  ASSERT_TRUE(set.ok());
  EXPECT_TRUE(set->positional.rms_ml_m.defined);
  EXPECT_FALSE(set->frequency.ml.total_power.defined);
  EXPECT_FALSE(set->diffusion.ml.scaling_short.defined);
  EXPECT_FALSE(set->dynamic.velocity_ml.zero_crossings.defined);
  expect_all_finite(*set);
}

TEST(ComputeDescriptors, DegenerateRecordingsGiveZerosAndNotesNeverNan) {
  // Motionless COP.
  ForceSamples still = recording(100, 30);
  still.cop_ml_m.setConstant(0.01);
  still.cop_ap_m.setConstant(-0.02);
  for (const Preset p : {Preset::kClinical, Preset::kReference}) {
    DescriptorOptions o;
    o.preset = p;
    const auto set = compute_descriptors(still, o);
    ASSERT_TRUE(set.ok()) << set.error().message;
    EXPECT_FALSE(set->positional.range_ratio.defined);
    EXPECT_FALSE(set->frequency.ml.total_power.defined);
    EXPECT_FALSE(set->diffusion.ml.scaling_short.defined);
    expect_all_finite(*set);
  }
  // Very short (1 s) and a plate that is never loaded.
  const auto short_set = compute_descriptors(recording(100, 1));
  ASSERT_TRUE(short_set.ok());
  expect_all_finite(*short_set);
  ForceSamples empty_plate = recording(100, 10);
  for (auto& f : empty_plate.flags) f = bit(SampleFlag::kLowForce);
  EXPECT_FALSE(compute_descriptors(empty_plate).ok());
  DescriptorOptions reference;
  reference.preset = Preset::kReference;
  EXPECT_FALSE(compute_descriptors(empty_plate, reference).ok());
}

TEST(ComputeDescriptors, ClinicalResamplingKeepsTheValues) {
  const ForceSamples s = recording(1000, 30);
  DescriptorOptions o;
  o.resample_hz = 100;
  const auto resampled = compute_descriptors(s, o);
  const auto native = compute_descriptors(s);
  ASSERT_TRUE(resampled.ok()) << resampled.error().message;
  EXPECT_DOUBLE_EQ(resampled->rate_hz, 100);
  EXPECT_NEAR(resampled->positional.rms_ml_m.value, native->positional.rms_ml_m.value, 1e-6);
  EXPECT_NEAR(resampled->positional.range_ap_m.value, native->positional.range_ap_m.value, 1e-5);
  EXPECT_NEAR(resampled->frequency.ap.f50_hz.value, native->frequency.ap.f50_hz.value, 0.03);
  o.resample_hz = 15;  // below twice the cut-off
  EXPECT_FALSE(compute_descriptors(s, o).ok());
}

TEST(ComputeDescriptors, TwoThreadsGiveTheSameValues) {
  const ForceSamples s = recording(1000, 30);
  DescriptorOptions o;
  o.threads = 2;
  const auto parallel = compute_descriptors(s, o);
  const auto serial = compute_descriptors(s);
  ASSERT_TRUE(parallel.ok() && serial.ok());
  const auto a = descriptor_entries(*parallel), b = descriptor_entries(*serial);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].si.value, b[i].si.value) << a[i].name;
    EXPECT_EQ(a[i].si.defined, b[i].si.defined) << a[i].name;
  }
}

TEST(Presets, NamesRoundTrip) {
  for (const Preset p : {Preset::kClinical, Preset::kReference}) {
    EXPECT_EQ(parse_preset(preset_name(p)), p);
  }
  EXPECT_FALSE(parse_preset("Reference").has_value());
  EXPECT_EQ(length_unit_symbol(preset_settings(Preset::kReference).unit), "cm");
}

}  // namespace
}  // namespace stance
