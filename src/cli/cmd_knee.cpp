// `stance knee VIDEO`: the knee's frontal-plane projection angle (FPPA) of every frame and squat
// of a frontal video with three skin markers (docs/camera.md, docs/metrics.md).
#include <optional>

#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/knee_report_text.hpp"
#include "support/format.hpp"
#include "support/json_writer.hpp"
#include "vision/knee_video.hpp"

namespace stance::cli {
namespace {

using knee::KneeSquat;
using vision::KneeVideo;

void optional_field(JsonWriter& j, const std::string& key, const std::optional<double>& v) {
  if (v) {
    j.field(key, *v);
  } else {
    j.null_field(key);
  }
}

void point_field(JsonWriter& j, const std::string& key, const std::optional<knee::PointPx>& p) {
  if (!p) {
    j.null_field(key);
    return;
  }
  j.begin_array(key);
  j.field("", p->x_px);
  j.field("", p->y_px);
  j.end_array();
}

void print_json(std::ostream& out, const KneeVideo& v) {
  const knee::KneeTrial& t = v.trial;
  JsonWriter j(out);
  j.begin_object();
  j.field("schema", "stance.knee/1");
  j.field("video", v.address);
  j.field("rate_hz", v.rate_hz);
  j.field("width_px", static_cast<long long>(v.width_px));
  j.field("height_px", static_cast<long long>(v.height_px));
  j.field("frames_read", static_cast<long long>(v.frames_read));
  j.field("cut_short", v.cut_short);
  j.field("limb", to_string(t.limb));
  j.field("squats_from", t.squats_from == knee::SquatSource::kPlate ? "plate" : "hip marker");
  optional_field(j, "standing_fppa_deg", t.standing_fppa_deg);
  optional_field(j, "mean_peak_fppa_deg", t.mean_peak_fppa_deg);
  optional_field(j, "mean_bottom_fppa_deg", t.mean_bottom_fppa_deg);
  optional_field(j, "mean_range_deg", t.mean_range_deg);
  j.field("squats_in_mean", static_cast<long long>(t.squats_in_mean));
  j.begin_array("reps");
  for (const KneeSquat& q : t.squats) {
    j.begin_object();
    j.field("index", static_cast<long long>(q.index));
    j.field("start_s", q.start_s);
    j.field("bottom_s", q.bottom_s);
    j.field("end_s", q.end_s);
    optional_field(j, "peak_fppa_deg", q.peak_fppa_deg);
    optional_field(j, "bottom_fppa_deg", q.bottom_fppa_deg);
    optional_field(j, "range_deg", q.range_deg);
    j.field("frames", static_cast<long long>(q.frames));
    j.field("fppa_frames", static_cast<long long>(q.fppa_frames));
    j.field("complete", q.complete);
    j.end_object();
  }
  j.end_array();
  j.begin_array("notes");
  for (const std::string& n : t.notes) j.element(n);
  j.end_array();
  j.begin_array("frames");
  for (const knee::KneeFrame& f : t.frames) {
    j.begin_object();
    j.field("t_s", f.t_s);
    point_field(j, "hip", f.hip);
    point_field(j, "knee", f.knee);
    point_field(j, "ankle", f.ankle);
    optional_field(j, "fppa_deg", f.fppa_deg);
    j.end_object();
  }
  j.end_array();
  j.end_object();
  out << "\n";
}

void print_text(std::ostream& out, const KneeVideo& v) {
  const knee::KneeTrial& t = v.trial;
  std::size_t with_fppa = 0;
  for (const auto& f : t.frames) with_fppa += f.fppa_deg ? 1 : 0;
  out << "Video: " << v.address << " (" << v.width_px << "×" << v.height_px << ", "
      << fixed(v.rate_hz, 1) << " frames/s, " << v.frames_read << " frames, "
      << fixed(static_cast<double>(v.frames_read) / v.rate_hz, 1) << " s)\n"
      << "Limb: " << to_string(t.limb)
      << "   FPPA: angle between thigh (hip→knee) and shank (knee→ankle) in the picture;\n"
         "      > 0 the knee is medial of the hip–ankle line (valgus), < 0 lateral (varus)\n"
      << "Frames with an FPPA: " << with_fppa << " of " << t.frames.size()
      << " (a frame where a marker is not found has none)\n"
      << "Squats found from: "
      << (t.squats_from == knee::SquatSource::kPlate ? "the plate" : "the hip marker's path")
      << "\n\n";
  print_knee_squats(out, t);
  // A file cut short is among the notes already; anything but the file's end is said here.
  if (v.end != camera::CameraEnd::kFileEnded) out << "Note: " << v.end_reason << "\n";
}

int run_knee(const ParsedArgs& args, Context& context) {
  vision::KneeVideoOptions options;
  if (const auto limb = args.value("limb")) (void)parse_limb(*limb, options.knee.limb);
  const auto video = vision::analyze_knee_video_file(args.positionals[0], options);
  if (!video) return fail(context, video.error().message);
  if (args.flag("json")) {
    print_json(context.out, *video);
  } else {
    print_text(context.out, *video);
  }
  return kExitOk;
}

}  // namespace

Command knee_command() {
  CommandSpec spec;
  spec.name = "knee";
  spec.summary = kKneeSummary;
  spec.usage = "stance knee VIDEO [--limb left|right] [--json]";
  spec.positionals = {"VIDEO"};
  spec.options = {
      {"limb", "SIDE", "the tested (standing) leg, left or right (default right); sets medial",
       one_of({"left", "right"})},
      {"json", "", "print JSON (schema stance.knee/1): every frame, every squat, the means"},
  };
  spec.details =
      "VIDEO is a frontal video (an MJPEG AVI always works) of single-leg squats with three skin\n"
      "markers: magenta on the ASIS (hip), green mid-patella (knee), blue between the malleoli\n"
      "(ankle). Squats are found from the hip marker's path. Set-up and definitions:\n"
      "docs/camera.md and docs/metrics.md (\"Frontal-plane projection angle\").";
  return {spec, run_knee};
}

}  // namespace stance::cli
