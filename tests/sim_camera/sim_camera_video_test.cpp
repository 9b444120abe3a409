// The simulated camera end to end: a video file written from it and read back by `stance
// knee`, `stance knee sim-camera:…` with no file at all, and its real-time pacing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <opencv2/videoio.hpp>
#include <sstream>
#include <thread>
#include <tuple>

#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "core/analysis_policy.hpp"
#include "core/recording_samples.hpp"
#include "recording/trial_file.hpp"
#include "report/visit_report.hpp"
#include "report/visit_sheet.hpp"
#include "services/stored_analysis.hpp"
#include "sim_camera_test_util.hpp"
#include "store/store.hpp"
#include "support/atomic_file.hpp"
#include "support/format.hpp"
#include "temp_dir.hpp"
#include "vision/knee_video.hpp"

namespace stance::test {
namespace {

std::string person() {
  return std::string("task=squat,seed=9,depth_m=0.12,preset=pfp,quiet_before_s=1.5,") +
         "quiet_after_s=1,reps=" + (kSanitized ? "1" : "3");
}

// Writes every frame of "sim-camera:realtime=0,<options>" as an MJPEG AVI (OpenCV's own
// writer); returns the camera, for its truth.
std::unique_ptr<sim::SimulatedCamera> write_avi(const std::string& options,
                                                const std::string& path) {
  auto camera = sim::SimulatedCamera::open("realtime=0," + options);
  EXPECT_TRUE(camera.ok());
  if (!camera) return nullptr;
  sim::SimulatedCamera& cam = **camera;
  cv::VideoWriter writer(path, cv::CAP_OPENCV_MJPEG, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'),
                         cam.rate_hz(), cv::Size(cam.width_px(), cam.height_px()));
  EXPECT_TRUE(writer.isOpened());
  EXPECT_TRUE(cam.start().ok());
  std::vector<camera::CameraFrame> batch;
  while (cam.read(batch, std::chrono::milliseconds(100)) != camera::CameraRead::kEnded) {
    for (const camera::CameraFrame& f : batch) writer.write(f.bgr);
    batch.clear();
  }
  writer.release();
  return std::move(*camera);
}

TEST(SimCameraVideo, KneeOfAnMjpegFileWrittenFromTheSimulatedCamera) {
  TempDir dir("stance-sim-camera");
  const std::string path = dir.path("squats.avi").string();
  const auto cam = write_avi(person() + ",noise=4", path);
  ASSERT_TRUE(cam);
  const auto video = vision::analyze_knee_video_file(path);
  ASSERT_TRUE(video.ok()) << video.error().message;
  EXPECT_EQ(video->frames_read, cam->expected_frames());
  const auto& squats = video->trial.squats;
  ASSERT_EQ(squats.size(), cam->subject().truth().reps.size());
  for (const knee::KneeSquat& q : squats) {
    // The picture's truth over the squat's frames: the projected true markers.
    const double picture = picture_peak_deg(*cam, Limb::kRight, q.start_s, q.end_s).value_or(-1e9);
    ASSERT_TRUE(q.peak_fppa_deg.has_value());
    std::printf("squat %d: picture %.2f°, read from the MJPEG file %.2f°\n", q.index, picture,
                *q.peak_fppa_deg);
    EXPECT_NEAR(*q.peak_fppa_deg, picture, 1.0);
  }
}

TEST(SimCameraVideo, StanceKneeReadsTheSimulatedCameraByItsAddress) {
  std::ostringstream out, err;
  const int code = cli::run({"knee", "sim-camera:realtime=0," + person(), "--json"}, out, err,
                            {cli::knee_command()});
  EXPECT_EQ(code, 0) << err.str();
  EXPECT_NE(out.str().find("\"video\": \"sim-camera:realtime=0,"), std::string::npos);
  EXPECT_NE(out.str().find("\"peak_fppa_deg\""), std::string::npos);
  std::ostringstream out2, err2;
  EXPECT_NE(cli::run({"knee", "sim-camera:zoom=3"}, out2, err2, {cli::knee_command()}), 0);
  EXPECT_NE(err2.str().find("unknown sim option 'zoom'"), std::string::npos) << err2.str();
}

// `stance record --camera`: the plate and the camera film the same simulated person; the trial
// file keeps the markers' tracks (format 1.2), and the trial's one analysis measures the FPPA of
// each of the plate's squats within 1° of the picture's truth (the body's true markers through the
// camera: the 2-D angle a perfect tracker would read; the 3-D angle differs by the perspective).
TEST(SimCameraRecord, ATrialRecordedWithTheCameraKeepsTheKneeOfEverySquat) {
  TempDir dir("stance-record-camera");
  const std::string options = "realtime=0,limb=right," + person();
  auto camera = sim::SimulatedCamera::open(options);
  ASSERT_TRUE(camera.ok()) << camera.error().message;
  const auto truth = (*camera)->subject().rep_knee_truth();
  const double seconds = (*camera)->subject().truth().trial_end_s;
  const std::string file = dir.path("squat.stance").string();
  std::ostringstream out, err;
  const int code =
      cli::run({"record", "--device", "sim:" + options, "--camera", "sim-camera", "--seconds",
                std::to_string(seconds), "--out", file, "--task", "squat", "--limb", "right"},
               out, err, cli::filming_commands());
  ASSERT_EQ(code, 0) << err.str();
  EXPECT_NE(out.str().find("Camera sim-camera:" + options), std::string::npos) << out.str();

  const auto recording = read_trial_file(file);
  ASSERT_TRUE(recording.ok()) << recording.error().message;
  ASSERT_TRUE(recording->markers);
  EXPECT_FALSE(recording->markers->interrupted) << recording->markers->end_reason;
  EXPECT_GE(recording->markers->frames.back().t_s, seconds - 0.05);
  const auto analysis =
      analyze_trial(samples_from_recording(*recording), analysis_options_for(*recording));
  ASSERT_TRUE(analysis.ok()) << analysis.error().message;
  ASSERT_TRUE(analysis->knee);
  EXPECT_EQ(analysis->knee->squats_from, knee::SquatSource::kPlate);
  ASSERT_EQ(analysis->knee->squats.size(), truth.size());
  for (std::size_t i = 0; i < truth.size(); ++i) {
    const knee::KneeSquat& q = analysis->knee->squats[i];
    ASSERT_TRUE(q.peak_fppa_deg) << "squat " << q.index;
    // The picture's truth: the body's true markers through the camera's projection.
    const double picture =
        picture_peak_deg(**camera, Limb::kRight, q.start_s, q.end_s).value_or(-1e9);
    std::printf("squat %d: peak FPPA %.2f° measured, %.2f° in the picture, %.2f° in 3-D\n", q.index,
                *q.peak_fppa_deg, picture, truth[i].peak_fppa_deg);
    EXPECT_NEAR(*q.peak_fppa_deg, picture, 1.0) << "squat " << q.index;
  }
  // Plain `stance` has no camera: it says where --camera is read instead of ignoring it.
  std::ostringstream out2, err2;
  EXPECT_NE(cli::run({"record", "--device", "sim:" + options, "--camera", "sim-camera", "--seconds",
                      "1", "--out", dir.path("x.stance").string()},
                     out2, err2),
            0);
  EXPECT_NE(err2.str().find("stance-knee"), std::string::npos) << err2.str();
}

// The knee through the clinic's path: a trial filmed with the plate, stored as `session record`
// stores (its one analysis kept), keeps its FPPA as metric rows, and the stored session's sheet
// prints each squat's peak FPPA as the analysis measured it, with the published values.
TEST(SimCameraRecord, TheStoredTrialsSheetPrintsTheKneeOfEverySquat) {
  TempDir dir("stance-record-camera-store");
  const std::string options = "realtime=0,limb=left," + person();
  const std::string file = dir.path("squat.stance").string();
  std::ostringstream out, err;
  ASSERT_EQ(cli::run({"record", "--device", "sim:" + options, "--camera", "sim-camera", "--seconds",
                      "12", "--out", file, "--task", "squat", "--limb", "left"},
                     out, err, cli::filming_commands()),
            0)
      << err.str();
  const auto bytes = read_file_bytes(file);
  ASSERT_TRUE(bytes.ok());
  const auto results = analyze_stored_recording(*bytes, "squat");
  ASSERT_TRUE(results.ok()) << results.error().message;

  auto store = store::Store::open(dir.path("clinic.db"));
  ASSERT_TRUE(store.ok()) << store.error().message;
  store::Patient patient;
  patient.code = "CAM-1";
  patient.involved_side = Limb::kLeft;
  const auto patient_id = store->add_patient(patient);
  ASSERT_TRUE(patient_id.ok());
  store::Session session;
  session.patient_id = *patient_id;
  session.started_utc = "2026-12-01T10:00:00Z";
  session.protocol = "single-leg-squat";
  const auto session_id = store->add_session(session);
  ASSERT_TRUE(session_id.ok());
  store::Trial trial;
  trial.session_id = *session_id;
  trial.task = Task::kSingleLegSquat;
  trial.limb = Limb::kLeft;
  trial.attempt = 1;
  trial.results = *results;
  const auto trial_id = store->add_trial(trial, *bytes);
  ASSERT_TRUE(trial_id.ok()) << trial_id.error().message;

  const auto metrics = store->metrics(*trial_id);
  ASSERT_TRUE(metrics.ok());
  const auto peak = std::find_if(metrics->begin(), metrics->end(),
                                 [](const store::Metric& m) { return m.key == "knee_peak_fppa"; });
  ASSERT_NE(peak, metrics->end());
  EXPECT_EQ(peak->unit, "°");

  const auto sheet = report::stored_visit_sheet(*store, *session_id, {});
  ASSERT_TRUE(sheet.ok()) << sheet.error().message;
  ASSERT_EQ(sheet->trials.size(), 1u);
  const report::SheetTrial& t = sheet->trials[0];
  ASSERT_FALSE(t.reps.empty());
  std::string expected;
  for (const report::SheetRep& r : t.reps) {
    ASSERT_TRUE(r.peak_fppa_deg) << "squat " << r.index;
    expected += (expected.empty() ? "" : " ") + fixed(*r.peak_fppa_deg, 0);
  }
  const auto pdf = report::render_report(*sheet, report::ReportFormat::kPdf, report::Paper::kA4);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  const std::string pdf_path = dir.path("sheet.pdf").string();
  {
    std::ofstream f(pdf_path, std::ios::binary);
    f << *pdf;
  }
  std::string text;
  {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(
        popen(("pdftotext -layout " + pdf_path + " -").c_str(), "r"), pclose);
    ASSERT_TRUE(pipe);
    char buffer[4096];
    while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe.get())) text.append(buffer, n);
  }
  EXPECT_NE(text.find("Peak knee FPPA per squat"), std::string::npos) << text;
  EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  EXPECT_NE(text.find("Knee FPPA, peak"), std::string::npos) << text;  // the key figure row
  EXPECT_NE(text.find("16.8"), std::string::npos) << text;             // Herrington 2014
}

// `stance session record … --camera sim-camera`: every trial of the simulated session is filmed
// beside the plate, stored with its markers, and its one analysis keeps the knee as metric rows;
// the session's sheet prints them. Plain `stance` refuses --camera with where it is read.
TEST(SimCameraRecord, ASessionRecordedWithTheCameraKeepsTheKneeOfEveryTrial) {
  TempDir dir("stance-session-camera");
  const std::string db = dir.path("clinic.db").string();
  const auto run = [&](std::vector<std::string> args, bool filming = true) {
    std::ostringstream out, err;
    args.insert(args.begin(), {"--db", db});
    const int code =
        filming ? cli::run(args, out, err, cli::filming_commands()) : cli::run(args, out, err);
    return std::make_tuple(code, out.str(), err.str());
  };
  ASSERT_EQ(std::get<0>(run({"patient", "add", "CAM-2", "--involved", "left"})), 0);
  ASSERT_EQ(std::get<0>(run({"protocol", "add", "squat-short", "--task", "squat", "--seconds", "25",
                             "--reps", "3", "--trials-per-side", "1"})),
            0);
  const auto [plain, plain_out, plain_err] = run(
      {"session", "record", "CAM-2", "--protocol", "squat-short", "--camera", "sim-camera"}, false);
  EXPECT_NE(plain, 0);
  EXPECT_NE(plain_err.find("stance-knee"), std::string::npos) << plain_err;
  const auto [code, out, err] =
      run({"session", "record", "CAM-2", "--protocol", "squat-short", "--camera", "sim-camera"});
  ASSERT_EQ(code, 0) << err;
  EXPECT_NE(out.find("2 trial(s) saved"), std::string::npos) << out;

  auto store = store::Store::open(db);
  ASSERT_TRUE(store.ok()) << store.error().message;
  const auto patient = store->patient("CAM-2");
  ASSERT_TRUE(patient.ok());
  const auto sessions = store->sessions(patient->id);
  ASSERT_TRUE(sessions.ok());
  ASSERT_EQ(sessions->size(), 1u);
  const auto trials = store->trials(sessions->front().id);
  ASSERT_TRUE(trials.ok());
  ASSERT_EQ(trials->size(), 2u);
  for (const store::Trial& t : *trials) {
    const auto metrics = store->metrics(t.id);
    ASSERT_TRUE(metrics.ok());
    const auto peak = std::find_if(metrics->begin(), metrics->end(), [](const store::Metric& m) {
      return m.key == "knee_peak_fppa";
    });
    ASSERT_NE(peak, metrics->end()) << "trial " << t.id;
    // The involved (left) side's simulated knee goes inward much further than the other.
    if (t.limb == Limb::kLeft) {
      EXPECT_GT(peak->value, 12.0);
    } else {
      EXPECT_LT(peak->value, 8.0);
    }
  }
  const auto sheet = report::stored_visit_sheet(*store, sessions->front().id, {});
  ASSERT_TRUE(sheet.ok()) << sheet.error().message;
  for (const report::SheetTrial& t : sheet->trials) {
    ASSERT_EQ(t.reps.size(), 3u);
    for (const report::SheetRep& r : t.reps) EXPECT_TRUE(r.peak_fppa_deg) << "squat " << r.index;
  }
}

// `stance demo` in stance-knee films both squat trials with the simulated camera: the knee's
// figures stand beside the plate's, and the trial files keep the markers.
TEST(SimCameraRecord, TheDemoFilmsTheSquats) {
  TempDir dir("stance-demo-camera");
  std::ostringstream out, err;
  const int code = cli::run({"demo", "--out-dir", dir.root().string(), "--seconds", "5"}, out, err,
                            cli::filming_commands());
  ASSERT_EQ(code, 0) << err.str();
  EXPECT_NE(out.str().find("Knee FPPA, peak"), std::string::npos) << out.str();
  for (const char* leg : {"left", "right"}) {
    const auto squat = read_trial_file(dir.root() / ("demo-squat-" + std::string(leg) + ".stance"));
    ASSERT_TRUE(squat.ok()) << squat.error().message;
    ASSERT_TRUE(squat->markers) << leg;
    EXPECT_FALSE(squat->markers->interrupted) << squat->markers->end_reason;
    const auto stance =
        read_trial_file(dir.root() / ("demo-stance-" + std::string(leg) + ".stance"));
    ASSERT_TRUE(stance.ok());
    EXPECT_FALSE(stance->markers) << "single-leg stance is not filmed";
  }
}

// Real time (speed 20: 20 simulated seconds per second): frames keep their stamps k / rate and
// their wall-clock times start + t / speed; a reader that stops reading for a while finds only
// the last queue's worth of frames, the others counted as dropped, as from a webcam.
TEST(SimCameraRealtime, FramesComeAtTheirTimesAndALateReaderLosesTheOldest) {
  auto opened = sim::SimulatedCamera::open("realtime=1,speed=20,task=stance,duration_s=2");
  ASSERT_TRUE(opened.ok());
  sim::SimulatedCamera& cam = **opened;
  ASSERT_TRUE(cam.start().ok());
  std::vector<camera::CameraFrame> frames;
  while (frames.size() < 5) cam.read(frames, std::chrono::milliseconds(500));
  // 0.5 s of wall clock is 10 s simulated: past the end (2.5 s), so of the frames not yet
  // read only the last 8 are left (fewer when a loaded machine was slow to read the first 5).
  const std::int64_t left = cam.expected_frames() - 1 - frames.back().index;
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  std::vector<camera::CameraFrame> late;
  while (cam.read(late, std::chrono::milliseconds(500)) != camera::CameraRead::kEnded) {
  }
  ASSERT_EQ(late.size(), static_cast<std::size_t>(std::min<std::int64_t>(left, 8)));
  if (late.empty()) return;  // the first reads already took the end
  EXPECT_EQ(late.back().index, cam.expected_frames() - 1);
  EXPECT_EQ(cam.dropped_frames(),
            static_cast<std::uint64_t>(cam.expected_frames()) - frames.size() - late.size());
  frames.insert(frames.end(), late.begin(), late.end());
  for (std::size_t i = 1; i < frames.size(); ++i) {
    EXPECT_DOUBLE_EQ(frames[i].t_s, static_cast<double>(frames[i].index) / 30.0);
    const double wall_s =
        std::chrono::duration<double>(frames[i].captured_at - frames[0].captured_at).count();
    EXPECT_NEAR(wall_s, (frames[i].t_s - frames[0].t_s) / 20.0, 1e-6);
  }
  EXPECT_EQ(cam.end(), camera::CameraEnd::kFileEnded);
}

}  // namespace
}  // namespace stance::test
