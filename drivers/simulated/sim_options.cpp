#include "simulated/sim_options.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string_view>
#include <utility>

#include "core/key_value_options.hpp"
#include "spp_wire/spp_wire.hpp"

namespace stance::sim {
namespace {

// Every option, in help order. The default texts are checked against SimOptions{} by a test.
constexpr std::array kOptions{
    // The plate.
    SimOptionDoc{"seed", "", "1", "seeds the person, the plate's calibration and its noise"},
    SimOptionDoc{"layout", "", "1", "1 = four load cells (2000 N), 2 = six-component (4000 N)"},
    SimOptionDoc{"rate", "Hz", "1000",
                 "sampling rate: 100, 200, 250, 500, 1000 or 2000, <= max_rate"},
    SimOptionDoc{"max_rate", "Hz", "2000",
                 "highest rate the plate accepts (one of the rates above)"},
    SimOptionDoc{"realtime", "0|1", "1",
                 "1: paced by the wall clock; 0: virtual clock, no waiting"},
    SimOptionDoc{"speed", "", "1",
                 "realtime pacing: simulated seconds per second (0.1..100), e.g. for demos"},
    SimOptionDoc{"serial", "", "SIM-<seed>",
                 "serial number, e.g. SIM-0001 for seed 1 (SIM6-0001 with layout=2)"},
    SimOptionDoc{"firmware", "major.minor", "1.0", "firmware version"},
    SimOptionDoc{"noise_counts", "counts", "100", "ADC noise per channel, RMS (0..100000)"},
    SimOptionDoc{"zero_drift_counts", "counts", "0",
                 "aged plate: each true zero is this far off the factory's (0..1000000)"},
    SimOptionDoc{"gain_error_pct", "%", "0",
                 "aged plate: each true sensitivity is off by up to this, seeded (0..20)"},
    SimOptionDoc{"clock_us", "us", "from seed", "device clock at START_STREAM (wraps at 2^32)"},
    // The person.
    SimOptionDoc{"load", "", "person",
                 "what is on the plate: person, mass (a still calibration mass) or none"},
    SimOptionDoc{"mass", "kg", "70", "body mass (20..200), or the mass with load=mass (0.5..200)"},
    SimOptionDoc{"mass_at_mm", "mm", "none",
                 "load=mass: x:y;x:y;... where it stands for each recording in turn "
                 "(default cop_ml_mm:cop_ap_mm)"},
    SimOptionDoc{"limb", "", "right", "stance limb: right or left"},
    SimOptionDoc{"task", "", "stance",
                 "stance (single-leg stance) or squat (single-leg half-squats)"},
    SimOptionDoc{"duration_s", "s", "30", "length of a stance trial (1..600)"},
    SimOptionDoc{"sway_ml_mm", "mm", "7", "COP SD, medio-lateral (0..50)"},
    SimOptionDoc{"sway_ap_mm", "mm", "12", "COP SD, antero-posterior (0..50)"},
    SimOptionDoc{"sway_fc_ml_hz", "Hz", "0.42",
                 "corner of the balance loop's ML noise torque spectrum (0.05..3)"},
    SimOptionDoc{"sway_fc_ap_hz", "Hz", "0.26",
                 "corner of the balance loop's AP noise torque spectrum (0.05..3)"},
    SimOptionDoc{"cop_ml_mm", "mm", "10", "mean COP, plate x (-150..150)"},
    SimOptionDoc{"cop_ap_mm", "mm", "-20", "mean COP, plate y (-250..250)"},
    SimOptionDoc{"fz_sway_n", "N", "3",
                 "SD of the vertical force fluctuation of quiet stance (0..50)"},
    SimOptionDoc{"height_m", "m", "1.75", "stature; scales the body segments (1.2..2.2)"},
    SimOptionDoc{"sex", "", "male", "male or female: de Leva's segment table"},
    // Squats.
    SimOptionDoc{"reps", "", "5", "number of squats (1..20)"},
    SimOptionDoc{"depth_m", "m", "0.08",
                 "centre-of-mass drop of a squat, ~55 deg of knee flexion (0.02..0.5)"},
    SimOptionDoc{"depth_var", "", "0",
                 "per-rep depth variation, fraction: depth x (1 +- var) (0..0.5)"},
    SimOptionDoc{"descent_s", "s", "2", "descent time (0.3..10)"},
    SimOptionDoc{"ascent_s", "s", "2", "ascent time (0.3..10)"},
    SimOptionDoc{"pause_s", "s", "0.3", "pause at the bottom (0..10)"},
    SimOptionDoc{"between_s", "s", "1", "standing pause between reps (0..30)"},
    SimOptionDoc{"quiet_before_s", "s", "3", "quiet stance before the first rep (0..60)"},
    SimOptionDoc{"quiet_after_s", "s", "2", "quiet stance after the last rep (0..60)"},
    SimOptionDoc{"partial_rep", "", "0", "this rep (1-based) stops short; 0 = none"},
    SimOptionDoc{"partial_depth", "", "0.5",
                 "depth of the partial rep, fraction of its depth (0..1)"},
    SimOptionDoc{"squat_ap_mm", "mm", "10", "anterior COP shift at full squat depth (-50..50)"},
    // Knee wobble.
    SimOptionDoc{"wobble", "", "0",
                 "knee wobble w (0..1): FPPA collapse 15w deg and oscillation 4w deg at depth"},
    SimOptionDoc{"wobble_hz", "Hz", "3", "frequency of the knee's FPPA oscillation (1..6)"},
    SimOptionDoc{"collapse_deg", "deg", "from wobble",
                 "true knee FPPA at the bottom of a squat, + medial; 15 x wobble (-20..40)"},
    SimOptionDoc{"fppa_wobble_deg", "deg", "from wobble",
                 "FPPA oscillation amplitude at the bottom; 4 x wobble (0..15)"},
    SimOptionDoc{"pelvic_drop_deg", "deg", "0",
                 "contralateral pelvic drop at the bottom of a squat (-10..20)"},
    SimOptionDoc{"trunk_lean_deg", "deg", "0",
                 "trunk lean toward the stance side at the bottom of a squat (-20..30)"},
    SimOptionDoc{"preset", "", "none",
                 "none, control or pfp: draw the knee from a population (Herrington 2014)"},
    // Events.
    SimOptionDoc{"touchdown_s", "s", "none", "the other foot touches down at this time"},
    SimOptionDoc{"touchdown_dur_s", "s", "0.5", "how long it stays down (0.1..30)"},
    SimOptionDoc{"touchdown_share", "", "0.4", "body-weight share that leaves the plate (0.05..1)"},
    SimOptionDoc{"stepoff_s", "s", "none", "the person steps off (load gone within 0.2 s)"},
    SimOptionDoc{"empty_s", "s", "0", "the plate is empty this long, then the person steps on"},
    // Device faults.
    SimOptionDoc{"drop_s", "s", "none",
                 "the device drops frames from here (bit 9 set on the next one)"},
    SimOptionDoc{"drop_frames", "frames", "1", "frames dropped by the device"},
    SimOptionDoc{"loss_prob", "", "0", "probability that a frame is lost on the way (0..0.5)"},
    SimOptionDoc{"crc_s", "s", "none", "frames from here carry a wrong CRC"},
    SimOptionDoc{"crc_frames", "frames", "1", "frames with a wrong CRC"},
    SimOptionDoc{"sync_s", "s", "none", "frames from here carry a wrong sync word"},
    SimOptionDoc{"sync_frames", "frames", "1", "frames with a wrong sync word"},
    SimOptionDoc{"overload_s", "s", "none", "channel overload_ch is at full scale from here..."},
    SimOptionDoc{"overload_end_s", "s", "overload_s+1", "...to here"},
    SimOptionDoc{"overload_ch", "", "0", "the overloaded channel (0..3 or 0..5)"},
    SimOptionDoc{"adc_error_s", "s", "none",
                 "frames from here are flagged ADC error, with stale counts"},
    SimOptionDoc{"adc_error_frames", "frames", "1", "frames flagged ADC error"},
    SimOptionDoc{"reset_s", "s", "none", "the device resets: seq back to 0 without START_STREAM"},
    SimOptionDoc{"unplug_s", "s", "none", "the plate is unplugged at this time"},
};

Status check_known_options(const KeyValueOptions& kv) {
  std::array<const char*, kOptions.size()> names{};
  for (std::size_t i = 0; i < kOptions.size(); ++i) names[i] = kOptions[i].name;
  return kv.check_known("sim", names);
}

// Reads options one by one and keeps the first error, so the parse reads as a list.
class Reader {
 public:
  explicit Reader(const KeyValueOptions& kv) : kv_(kv) {}
  const Status& status() const { return status_; }

  // value in the option's unit, stored in SI as value * to_si
  void number(const char* key, double& out_si, double lo, double hi, double to_si = 1.0) {
    if (!status_ || !kv_.has(key)) return;
    const Result<double> v = kv_.number(key, 0.0);
    if (!v) return fail(v.error().message);
    if (!(*v >= lo && *v <= hi)) return fail(range_error(key, kv_.text(key, ""), lo, hi));
    out_si = *v * to_si;
  }
  void time(const char* key, std::optional<double>& out_s) {
    double t = 0.0;
    if (!status_ || !kv_.has(key)) return;
    number(key, t, 0.0, 86400.0);
    if (status_) out_s = t;
  }
  template <typename Int>
  void integer(const char* key, Int& out, long lo, long hi) {
    if (!status_ || !kv_.has(key)) return;
    const Result<long> v = kv_.integer(key, 0);
    if (!v) return fail(v.error().message);
    if (*v < lo || *v > hi) {
      return fail(
          range_error(key, kv_.text(key, ""), static_cast<double>(lo), static_cast<double>(hi)));
    }
    out = static_cast<Int>(*v);
  }
  void fail(std::string message) {
    if (status_) status_ = Error{"sim: " + std::move(message)};
  }

 private:
  static std::string range_error(const char* key, const std::string& text, double lo, double hi) {
    char range[96];
    std::snprintf(range, sizeof range, "%g to %g", lo, hi);
    return std::string("option ") + key + "=" + text + " is out of range (" + range + ")";
  }

  const KeyValueOptions& kv_;
  Status status_;
};

bool parse_firmware(const std::string& text, std::uint16_t& out) {
  const auto dot = text.find('.');
  if (dot == std::string::npos) return false;
  unsigned major = 0;
  unsigned minor = 0;
  const char* b = text.data();
  const char* e = text.data() + text.size();
  const auto r1 = std::from_chars(b, b + dot, major);
  const auto r2 = std::from_chars(b + dot + 1, e, minor);
  if (r1.ec != std::errc() || r1.ptr != b + dot || r2.ec != std::errc() || r2.ptr != e ||
      major > 255 || minor > 255) {
    return false;
  }
  out = static_cast<std::uint16_t>((major << 8) | minor);
  return true;
}

constexpr double kMm = 1.0e-3;

// "x:y;x:y" in mm -> metres; nullopt when malformed or off the plate's ±150 × ±250 mm.
std::optional<std::vector<std::array<double, 2>>> parse_positions_mm(const std::string& text) {
  std::vector<std::array<double, 2>> out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t end = std::min(text.find(';', begin), text.size());
    const std::string item = text.substr(begin, end - begin);
    const std::size_t colon = item.find(':');
    if (colon == std::string::npos) return std::nullopt;
    double x = 0.0;
    double y = 0.0;
    const char* b = item.data();
    const char* e = item.data() + item.size();
    const auto rx = std::from_chars(b, b + colon, x);
    const auto ry = std::from_chars(b + colon + 1, e, y);
    if (rx.ec != std::errc() || rx.ptr != b + colon || ry.ec != std::errc() || ry.ptr != e ||
        std::abs(x) > 150.0 || std::abs(y) > 250.0) {
      return std::nullopt;
    }
    out.push_back({x * kMm, y * kMm});
    begin = end + 1;
  }
  return out;
}

void read_faults(const KeyValueOptions& kv, Reader& r, FaultPlan& f) {
  const auto burst = [&](const char* at_key, const char* n_key, std::vector<FrameBurst>& out) {
    std::optional<double> at_s;
    std::uint32_t n = 1;
    r.time(at_key, at_s);
    r.integer(n_key, n, 1, 1000000);
    if (kv.has(n_key) && !kv.has(at_key)) {
      r.fail(std::string("option ") + n_key + " needs " + at_key + " (when it happens)");
    }
    if (at_s) out.push_back({*at_s, n});
  };
  burst("drop_s", "drop_frames", f.device_drops);
  burst("crc_s", "crc_frames", f.crc_errors);
  burst("sync_s", "sync_frames", f.sync_errors);
  burst("adc_error_s", "adc_error_frames", f.adc_errors);
  r.number("loss_prob", f.loss_probability, 0.0, 0.5);

  std::optional<double> overload_s;
  std::optional<double> overload_end_s;
  int channel = 0;
  r.time("overload_s", overload_s);
  r.time("overload_end_s", overload_end_s);
  r.integer("overload_ch", channel, 0, kMaxChannels - 1);
  if ((kv.has("overload_end_s") || kv.has("overload_ch")) && !kv.has("overload_s")) {
    r.fail("options overload_end_s and overload_ch need overload_s (when it starts)");
  }
  if (overload_s) {
    f.overloads.push_back({*overload_s, overload_end_s.value_or(*overload_s + 1.0), channel});
  }

  std::optional<double> reset_s;
  r.time("reset_s", reset_s);
  if (reset_s) f.resets_s.push_back(*reset_s);
  r.time("unplug_s", f.unplug_s);
}

}  // namespace

std::span<const SimOptionDoc> sim_option_docs() {
  return kOptions;
}

std::string default_serial(std::uint64_t seed, PlateLayout layout) {
  char text[32];
  std::snprintf(text, sizeof text, "SIM%s-%04llu", layout == PlateLayout::kSixComponent ? "6" : "",
                static_cast<unsigned long long>(seed % 10000));
  return text;
}

std::string firmware_text(std::uint16_t firmware_version) {
  return std::to_string(firmware_version >> 8) + "." + std::to_string(firmware_version & 0xFF);
}

Result<SimOptions> parse_sim_options(const std::string& text) {
  Result<KeyValueOptions> parsed = KeyValueOptions::parse(text);
  if (!parsed) return Error{"sim: " + parsed.error().message};
  const KeyValueOptions& kv = *parsed;
  if (Status s = check_known_options(kv); !s) {
    return Error{s.error().message + " (see `sim:help`)"};
  }

  SimOptions o;
  Reader r(kv);
  r.integer("seed", o.seed, 0, 2147483647);
  int layout = 1;
  r.integer("layout", layout, 1, 2);
  o.layout = layout == 2 ? PlateLayout::kSixComponent : PlateLayout::kFourCell;
  r.integer("rate", o.rate_hz, 1, 65535);
  r.integer("max_rate", o.max_rate_hz, 1, 65535);
  int realtime = 1;
  r.integer("realtime", realtime, 0, 1);
  o.realtime = realtime == 1;
  r.number("speed", o.speed, 0.1, 100.0);
  o.serial = kv.text("serial", default_serial(o.seed, o.layout));
  if (o.serial.empty() || o.serial.size() > 63)
    r.fail("option serial must have 1 to 63 characters");
  if (kv.has("firmware") && !parse_firmware(kv.text("firmware", ""), o.firmware_version)) {
    r.fail("option firmware=" + kv.text("firmware", "") +
           " is not a version of the form major.minor (each 0..255)");
  }
  r.number("noise_counts", o.noise_counts, 0.0, 100000.0);
  r.number("zero_drift_counts", o.zero_drift_counts, 0.0, 1000000.0);
  r.number("gain_error_pct", o.gain_error, 0.0, 20.0, 0.01);
  if (kv.has("clock_us")) {
    std::uint32_t clock = 0;
    r.integer("clock_us", clock, 0, 4294967295L);
    o.clock_start_us = clock;
  }

  SubjectParams& s = o.subject;
  s.seed = o.seed;
  const std::string load = kv.text("load", "person");
  if (load == "person") {
    s.load = LoadKind::kPerson;
  } else if (load == "mass") {
    s.load = LoadKind::kMass;
  } else if (load == "none") {
    s.load = LoadKind::kNone;
  } else {
    r.fail("option load=" + load + " must be person, mass or none");
  }
  r.number("mass", s.mass_kg, s.load == LoadKind::kPerson ? 20.0 : 0.5, 200.0);
  if (kv.has("mass_at_mm")) {
    if (s.load != LoadKind::kMass) r.fail("option mass_at_mm needs load=mass");
    if (auto positions = parse_positions_mm(kv.text("mass_at_mm", ""))) {
      o.mass_positions_m = std::move(*positions);
    } else {
      r.fail("option mass_at_mm=" + kv.text("mass_at_mm", "") +
             " must be x:y positions in mm separated by ';', within ±150:±250, e.g. "
             "-100:-200;100:200");
    }
  }
  const std::string limb = kv.text("limb", "right");
  if (limb == "right") {
    s.limb = Limb::kRight;
  } else if (limb == "left") {
    s.limb = Limb::kLeft;
  } else {
    r.fail("option limb=" + limb + " must be right or left");
  }
  const std::string task = kv.text("task", "stance");
  if (task == "stance") {
    s.task = Task::kSingleLegStance;
  } else if (task == "squat") {
    s.task = Task::kSingleLegSquat;
  } else {
    r.fail("option task=" + task + " must be stance or squat");
  }
  r.number("duration_s", s.stance_duration_s, 1.0, 600.0);
  r.number("sway_ml_mm", s.sway.sd_ml_m, 0.0, 50.0, kMm);
  r.number("sway_ap_mm", s.sway.sd_ap_m, 0.0, 50.0, kMm);
  r.number("sway_fc_ml_hz", s.sway.corner_ml_hz, 0.05, 3.0);
  r.number("sway_fc_ap_hz", s.sway.corner_ap_hz, 0.05, 3.0);
  r.number("cop_ml_mm", s.sway.mean_ml_m, -150.0, 150.0, kMm);
  r.number("cop_ap_mm", s.sway.mean_ap_m, -250.0, 250.0, kMm);
  r.number("fz_sway_n", s.sway.fz_sd_n, 0.0, 50.0);
  r.number("height_m", s.body.height_m, 1.2, 2.2);
  const std::string sex = kv.text("sex", "male");
  if (sex == "male") {
    s.body.sex = body::Sex::kMale;
  } else if (sex == "female") {
    s.body.sex = body::Sex::kFemale;
  } else {
    r.fail("option sex=" + sex + " must be male or female");
  }

  SquatParams& q = s.squat;
  r.integer("reps", q.reps, 1, 20);
  r.number("depth_m", q.depth_m, 0.02, 0.5);
  r.number("depth_var", q.depth_variation, 0.0, 0.5);
  r.number("descent_s", q.descent_s, 0.3, 10.0);
  r.number("ascent_s", q.ascent_s, 0.3, 10.0);
  r.number("pause_s", q.pause_bottom_s, 0.0, 10.0);
  r.number("between_s", q.pause_between_s, 0.0, 30.0);
  r.number("quiet_before_s", q.quiet_before_s, 0.0, 60.0);
  r.number("quiet_after_s", q.quiet_after_s, 0.0, 60.0);
  r.integer("partial_rep", q.partial_rep, 0, 20);
  if (q.partial_rep > q.reps) r.fail("option partial_rep is larger than reps");
  r.number("partial_depth", q.partial_depth_fraction, 0.0, 1.0);
  r.number("squat_ap_mm", s.squat_cop_ap_m, -50.0, 50.0, kMm);

  r.number("wobble", s.wobble.index, 0.0, 1.0);
  r.number("wobble_hz", s.wobble.freq_hz, 1.0, 6.0);
  if (kv.has("collapse_deg")) {
    double v = 0.0;
    r.number("collapse_deg", v, -20.0, 40.0);
    s.wobble.collapse_deg = v;
  }
  if (kv.has("fppa_wobble_deg")) {
    double v = 0.0;
    r.number("fppa_wobble_deg", v, 0.0, 15.0);
    s.wobble.fppa_wobble_deg = v;
  }
  r.number("pelvic_drop_deg", s.wobble.pelvic_drop_deg, -10.0, 20.0);
  r.number("trunk_lean_deg", s.wobble.trunk_lean_deg, -20.0, 30.0);
  const std::string preset = kv.text("preset", "none");
  if (preset == "none") {
    s.wobble.preset = KneePreset::kNone;
  } else if (preset == "control") {
    s.wobble.preset = KneePreset::kControl;
  } else if (preset == "pfp") {
    s.wobble.preset = KneePreset::kPfp;
  } else {
    r.fail("option preset=" + preset + " must be none, control or pfp");
  }

  r.time("touchdown_s", s.events.touchdown_s);
  r.number("touchdown_dur_s", s.events.touchdown_duration_s, 0.1, 30.0);
  r.number("touchdown_share", s.events.touchdown_share, 0.05, 1.0);
  r.time("stepoff_s", s.events.step_off_s);
  r.number("empty_s", s.events.empty_s, 0.0, 600.0);

  read_faults(kv, r, o.faults);
  if (!r.status()) return r.status().error();

  if (!spp::rate_allowed(o.max_rate_hz, 2000)) {
    return Error{"sim: option max_rate=" + std::to_string(o.max_rate_hz) +
                 " must be one of 100, 200, 250, 500, 1000, 2000"};
  }
  if (!spp::rate_allowed(o.rate_hz, o.max_rate_hz)) {
    return Error{"sim: option rate=" + std::to_string(o.rate_hz) +
                 " must be one of 100, 200, 250, 500, 1000, 2000 Hz and at most max_rate=" +
                 std::to_string(o.max_rate_hz)};
  }
  if (Status v = o.faults.validate(channel_count(o.layout)); !v) {
    return Error{"sim: " + v.error().message};
  }
  return o;
}

std::string sim_options_help() {
  std::string out =
      "Simulated plate (no hardware): a simulated person on a simulated SPP plate.\n"
      "Options, after \"sim:\", comma-separated key=value, e.g.\n"
      "  sim:seed=3,task=squat,reps=5,wobble=0.6,layout=2,rate=1000,mass=80,realtime=0\n"
      "Times are seconds since the stream started. See docs/simulator.md.\n";
  return out + option_help_lines(kOptions);
}

std::string option_help_lines(std::span<const SimOptionDoc> docs) {
  std::string out;
  for (const auto& d : docs) {
    char line[256];
    std::snprintf(line, sizeof line, "  %-17s %-12s %-21s %s\n", d.name, d.unit,
                  (std::string("default ") + d.default_text).c_str(), d.meaning);
    out += line;
  }
  return out;
}

}  // namespace stance::sim
