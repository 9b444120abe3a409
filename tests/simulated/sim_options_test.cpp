// The "sim:" options: parsing, range checks, the help text and the driver's listings.
#include "simulated/sim_options.hpp"

#include <gtest/gtest.h>

#include <string>

#include "simulated/simulated_driver.hpp"

namespace stance::sim {
namespace {

TEST(SimOptions, DefaultsAreTheDocumentedOnes) {
  const Result<SimOptions> o = parse_sim_options("");
  ASSERT_TRUE(o) << o.error().message;
  EXPECT_EQ(o->seed, 1u);
  EXPECT_EQ(o->layout, PlateLayout::kFourCell);
  EXPECT_EQ(o->rate_hz, 1000);
  EXPECT_TRUE(o->realtime);
  EXPECT_EQ(o->serial, "SIM-0001");
  EXPECT_EQ(o->subject.mass_kg, 70.0);
  EXPECT_EQ(o->subject.limb, Limb::kRight);
  EXPECT_EQ(o->subject.task, Task::kSingleLegStance);
  EXPECT_EQ(o->subject.sway.sd_ml_m, 0.007);
  EXPECT_EQ(o->subject.sway.sd_ap_m, 0.012);
  EXPECT_EQ(o->subject.squat.reps, 5);
  EXPECT_EQ(o->subject.squat.depth_m, 0.08);
  EXPECT_EQ(o->subject.wobble.index, 0.0);
  EXPECT_FALSE(o->subject.events.touchdown_s);
  EXPECT_TRUE(o->faults.crc_errors.empty());
  EXPECT_FALSE(o->faults.unplug_s);
}

// Writing any documented default explicitly changes nothing: the help text cannot drift from
// the code.
TEST(SimOptions, EachDocumentedDefaultParsesToTheDefault) {
  const SimOptions defaults = *parse_sim_options("");
  const std::string help = sim_options_help();
  for (const SimOptionDoc& d : sim_option_docs()) {
    SCOPED_TRACE(d.name);
    EXPECT_NE(help.find(std::string("  ") + d.name + " "), std::string::npos);
    const std::string def = d.default_text;
    if (def == "none" || def == "from seed" || def == "SIM-<seed>" || def == "overload_s+1" ||
        def == "from wobble") {
      continue;
    }
    // A burst size or overload channel needs the time of its fault: give one, check the default.
    const std::string name = d.name;
    const std::string prefix = name.substr(0, name.rfind('_'));
    const bool companion = name.ends_with("_frames") || name == "overload_ch";
    const Result<SimOptions> o =
        parse_sim_options(name + "=" + def + (companion ? "," + prefix + "_s=1" : ""));
    ASSERT_TRUE(o) << o.error().message;
    if (companion) {
      const FaultPlan& f = o->faults;
      const std::size_t faults = f.device_drops.size() + f.crc_errors.size() +
                                 f.sync_errors.size() + f.adc_errors.size() + f.overloads.size();
      ASSERT_EQ(faults, 1u);
      for (const auto* bursts : {&f.device_drops, &f.crc_errors, &f.sync_errors, &f.adc_errors}) {
        for (const FrameBurst& b : *bursts) EXPECT_EQ(b.count, 1u);
      }
      for (const OverloadWindow& w : f.overloads) EXPECT_EQ(w.channel, 0);
      continue;
    }
    EXPECT_EQ(o->seed, defaults.seed);
    EXPECT_EQ(o->layout, defaults.layout);
    EXPECT_EQ(o->rate_hz, defaults.rate_hz);
    EXPECT_EQ(o->max_rate_hz, defaults.max_rate_hz);
    EXPECT_EQ(o->realtime, defaults.realtime);
    EXPECT_EQ(o->firmware_version, defaults.firmware_version);
    EXPECT_EQ(o->noise_counts, defaults.noise_counts);
    const SubjectParams& a = o->subject;
    const SubjectParams& b = defaults.subject;
    EXPECT_EQ(a.mass_kg, b.mass_kg);
    EXPECT_EQ(a.limb, b.limb);
    EXPECT_EQ(a.task, b.task);
    EXPECT_EQ(a.stance_duration_s, b.stance_duration_s);
    EXPECT_DOUBLE_EQ(a.sway.sd_ml_m, b.sway.sd_ml_m);
    EXPECT_DOUBLE_EQ(a.sway.sd_ap_m, b.sway.sd_ap_m);
    EXPECT_EQ(a.sway.corner_ml_hz, b.sway.corner_ml_hz);
    EXPECT_EQ(a.sway.corner_ap_hz, b.sway.corner_ap_hz);
    EXPECT_DOUBLE_EQ(a.sway.mean_ml_m, b.sway.mean_ml_m);
    EXPECT_DOUBLE_EQ(a.sway.mean_ap_m, b.sway.mean_ap_m);
    EXPECT_EQ(a.sway.fz_sd_n, b.sway.fz_sd_n);
    EXPECT_EQ(a.body.height_m, b.body.height_m);
    EXPECT_EQ(a.body.sex, b.body.sex);
    EXPECT_EQ(a.squat.reps, b.squat.reps);
    EXPECT_EQ(a.squat.depth_m, b.squat.depth_m);
    EXPECT_EQ(a.squat.depth_variation, b.squat.depth_variation);
    EXPECT_EQ(a.squat.descent_s, b.squat.descent_s);
    EXPECT_EQ(a.squat.ascent_s, b.squat.ascent_s);
    EXPECT_EQ(a.squat.pause_bottom_s, b.squat.pause_bottom_s);
    EXPECT_EQ(a.squat.pause_between_s, b.squat.pause_between_s);
    EXPECT_EQ(a.squat.quiet_before_s, b.squat.quiet_before_s);
    EXPECT_EQ(a.squat.quiet_after_s, b.squat.quiet_after_s);
    EXPECT_EQ(a.squat.partial_rep, b.squat.partial_rep);
    EXPECT_EQ(a.squat.partial_depth_fraction, b.squat.partial_depth_fraction);
    EXPECT_DOUBLE_EQ(a.squat_cop_ap_m, b.squat_cop_ap_m);
    EXPECT_EQ(a.wobble.index, b.wobble.index);
    EXPECT_EQ(a.wobble.freq_hz, b.wobble.freq_hz);
    EXPECT_EQ(a.wobble.collapse_deg, b.wobble.collapse_deg);
    EXPECT_EQ(a.wobble.fppa_wobble_deg, b.wobble.fppa_wobble_deg);
    EXPECT_EQ(a.wobble.pelvic_drop_deg, b.wobble.pelvic_drop_deg);
    EXPECT_EQ(a.wobble.trunk_lean_deg, b.wobble.trunk_lean_deg);
    EXPECT_EQ(a.wobble.preset, b.wobble.preset);
    EXPECT_EQ(a.events.touchdown_duration_s, b.events.touchdown_duration_s);
    EXPECT_EQ(a.events.touchdown_share, b.events.touchdown_share);
    EXPECT_EQ(a.events.empty_s, b.events.empty_s);
    EXPECT_EQ(o->faults.loss_probability, defaults.faults.loss_probability);
  }
}

TEST(SimOptions, TheBriefsExampleParses) {
  const Result<SimOptions> o = parse_sim_options(
      "seed=3,task=squat,reps=5,wobble=0.6,layout=2,rate=1000,mass=80,realtime=0");
  ASSERT_TRUE(o) << o.error().message;
  EXPECT_EQ(o->seed, 3u);
  EXPECT_EQ(o->subject.seed, 3u);
  EXPECT_EQ(o->subject.task, Task::kSingleLegSquat);
  EXPECT_EQ(o->subject.wobble.index, 0.6);
  EXPECT_EQ(o->layout, PlateLayout::kSixComponent);
  EXPECT_EQ(o->subject.mass_kg, 80.0);
  EXPECT_FALSE(o->realtime);
  EXPECT_EQ(o->serial, "SIM6-0003");
}

TEST(SimOptions, UnitsAreConvertedToSi) {
  const Result<SimOptions> o = parse_sim_options(
      "sway_ml_mm=5,cop_ap_mm=-30,collapse_deg=12,sex=female,preset=pfp,limb=left,firmware=2.7,"
      "touchdown_s=4,"
      "crc_s=1,crc_frames=3,overload_s=2,overload_ch=1,unplug_s=9,clock_us=12345");
  ASSERT_TRUE(o) << o.error().message;
  EXPECT_DOUBLE_EQ(o->subject.sway.sd_ml_m, 0.005);
  EXPECT_DOUBLE_EQ(o->subject.sway.mean_ap_m, -0.030);
  EXPECT_EQ(o->subject.wobble.collapse_deg, 12.0);
  EXPECT_FALSE(o->subject.wobble.fppa_wobble_deg);  // from wobble (or the preset)
  EXPECT_EQ(o->subject.body.sex, body::Sex::kFemale);
  EXPECT_EQ(o->subject.wobble.preset, KneePreset::kPfp);
  EXPECT_EQ(o->subject.limb, Limb::kLeft);
  EXPECT_EQ(o->firmware_version, 0x0207);
  EXPECT_EQ(*o->subject.events.touchdown_s, 4.0);
  ASSERT_EQ(o->faults.crc_errors.size(), 1u);
  EXPECT_EQ(o->faults.crc_errors[0].count, 3u);
  ASSERT_EQ(o->faults.overloads.size(), 1u);
  EXPECT_EQ(o->faults.overloads[0].to_s, 3.0);
  EXPECT_EQ(o->faults.overloads[0].channel, 1);
  EXPECT_EQ(*o->faults.unplug_s, 9.0);
  EXPECT_EQ(*o->clock_start_us, 12345u);
}

TEST(SimOptions, UnknownOptionListsTheKnownOnes) {
  const Result<SimOptions> o = parse_sim_options("seed=1,weight=70");
  ASSERT_FALSE(o);
  const std::string& m = o.error().message;
  EXPECT_NE(m.find("'weight'"), std::string::npos) << m;
  for (const SimOptionDoc& d : sim_option_docs()) {
    EXPECT_NE(m.find(d.name), std::string::npos) << d.name;
  }
}

TEST(SimOptions, BadValuesAreRefusedNamingTheOption) {
  const struct {
    const char* text;
    const char* expect;
  } cases[] = {
      {"mass=500", "mass=500 is out of range"},
      {"mass=heavy", "mass=heavy is not a number"},
      {"rate=300", "rate=300 must be one of"},
      {"rate=2000,max_rate=1000", "at most max_rate=1000"},
      {"layout=3", "layout=3 is out of range"},
      {"limb=both", "limb=both must be right or left"},
      {"task=jump", "task=jump must be stance or squat"},
      {"wobble=1.5", "wobble=1.5 is out of range"},
      {"reps=3,partial_rep=4", "partial_rep is larger than reps"},
      {"crc_frames=3", "crc_frames needs crc_s"},
      {"overload_s=1,overload_ch=5", "overload channel 5 does not exist"},
      {"overload_s=2,overload_end_s=1", "must end after it starts"},
      {"firmware=1", "major.minor"},
      {"realtime=yes", "not a whole number"},
      {"seed", "not of the form key=value"},
  };
  for (const auto& c : cases) {
    const Result<SimOptions> o = parse_sim_options(c.text);
    ASSERT_FALSE(o) << c.text;
    EXPECT_NE(o.error().message.find(c.expect), std::string::npos)
        << c.text << " -> " << o.error().message;
  }
}

TEST(SimulatedDriver, NameListingsHelpAndOpen) {
  SimulatedDriver driver;
  EXPECT_EQ(driver.name(), "sim");
  const auto listings = *driver.list("");
  ASSERT_EQ(listings.size(), 2u);
  EXPECT_EQ(listings[0].address, "sim");
  EXPECT_EQ(listings[0].layout, PlateLayout::kFourCell);
  EXPECT_EQ(listings[1].address, "sim:layout=2");
  EXPECT_EQ(listings[1].layout, PlateLayout::kSixComponent);
  EXPECT_EQ(listings[0].serial, "SIM-0001");
  EXPECT_EQ(listings[1].serial, "SIM6-0001");  // another plate: its own calibration file
  for (const auto& l : listings) {
    EXPECT_EQ(l.description, "simulated plate (no hardware)");
    EXPECT_EQ(l.rate_hz, 1000);
    EXPECT_EQ(l.firmware, "1.0");
  }
  EXPECT_NE(driver.options_help().find("wobble"), std::string::npos);

  const auto help = driver.open("help");
  ASSERT_FALSE(help);
  EXPECT_EQ(help.error().message, sim_options_help());

  auto plate = driver.open("layout=2,rate=500,serial=LAB-7");
  ASSERT_TRUE(plate) << plate.error().message;
  EXPECT_EQ((*plate)->info().layout, PlateLayout::kSixComponent);
  EXPECT_EQ((*plate)->rate_hz(), 500);
  EXPECT_EQ((*plate)->info().serial, "LAB-7");
  EXPECT_EQ((*plate)->info().default_rate_hz, 500);
  EXPECT_FALSE(driver.open("bogus=1"));
}

}  // namespace
}  // namespace stance::sim
