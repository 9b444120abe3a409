// The dashboard's camera beside the live plate: the simulated camera films the simulated plate's
// person on the plate's clock, every trial the live session records keeps the markers filmed
// during it, and the trial's one analysis measures the knee of each of the plate's squats within
// 1° of the picture's truth. A replay of the stored trial plays its markers back, and gives the
// same figures; a camera that stops mid-trial leaves the plate's trial whole.
#include "vision/live_camera.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <opencv2/videoio.hpp>
#include <thread>

#include "app/live_source.hpp"
#include "app/store_saver.hpp"
#include "services/drivers.hpp"
#include "sim_camera_test_util.hpp"
#include "simulated/camera/simulated_camera.hpp"

namespace stance::app {
namespace {

using namespace std::chrono_literals;

// The simulated plate's pace: fast enough for a test, slow enough for the camera's 30 frames/s
// of the simulated person to be drawn and tracked (4 × 30 = 120 pictures a second).
constexpr int kSpeed = test::kSanitized ? 2 : 4;

std::optional<live::CompletedTrial> wait_for_trial(live::LiveSession& live) {
  for (int i = 0; i < 1200; ++i) {  // a minute at most
    if (auto t = live.take_completed_trial()) return t;
    std::this_thread::sleep_for(50ms);
  }
  return std::nullopt;
}

TrialCondition squat_step(int reps) {
  TrialCondition step;
  step.task = Task::kSingleLegSquat;
  step.limb = Limb::kRight;
  step.attempt = 1;
  step.planned_reps = reps;
  return step;
}

class LiveCameraTest : public ::testing::Test {
 protected:
  LiveCameraTest() { register_all_drivers(drivers_); }
  DriverRegistry drivers_;
  TestProtocol protocol_ = builtin_test_protocols()[0];
};

TEST_F(LiveCameraTest, EveryTrialKeepsTheKneeOfEverySquatAndItsReplayGivesTheSame) {
  const std::string speed = "speed=" + std::to_string(kSpeed);
  LiveSource source(drivers_, "sim:" + speed);
  source.use_camera("auto");
  const TrialCondition step = squat_step(3);
  auto live = source.for_step(step, protocol_, true, 0, Limb::kRight);  // the painful side
  ASSERT_TRUE(live.ok()) << live.error().message;
  ASSERT_TRUE(source.camera_error().empty()) << source.camera_error();
  const auto trial = wait_for_trial(**live);
  ASSERT_TRUE(trial);
  const double trial_start_s = (*live)->snapshot()->recording_started_s;  // plate time
  ASSERT_TRUE(trial->analysis) << trial->analysis_error;
  ASSERT_TRUE(trial->analysis->squats);
  ASSERT_EQ(trial->analysis->squats->reps.size(), 3u);

  // The markers: kept with the recording, on the trial's time axis, to its end.
  const auto& markers = trial->recording.markers;
  ASSERT_TRUE(markers);
  EXPECT_FALSE(markers->interrupted) << markers->end_reason;
  const double seconds =
      static_cast<double>(trial->recording.frames.size()) / trial->recording.rate_hz;
  ASSERT_FALSE(markers->frames.empty());
  // From the trial's start to its end, every frame accounted for: a host too loaded to draw and
  // track 30 × speed pictures a second (the sanitizers, parallel tests) drops the camera's oldest
  // frames, counted and shown, and then the kept ones need not reach the trial's edges.
  const auto dropped = static_cast<double>(source.camera_view()->dropped);
  const double kept = static_cast<double>(markers->frames.size());
  std::printf("markers of %.0f frames kept, %.0f dropped over the session, for %.1f s\n", kept,
              dropped, seconds);
  EXPECT_GE(kept + dropped, 0.95 * 30.0 * seconds) << "frames lost without being counted";
  for (std::size_t i = 1; i < markers->frames.size(); ++i) {
    ASSERT_GT(markers->frames[i].t_s, markers->frames[i - 1].t_s) << "frame " << i;
  }
  EXPECT_GE(markers->frames.front().t_s, 0.0);
  EXPECT_LE(markers->frames.back().t_s, seconds + 0.05);
  if (dropped == 0.0) {
    EXPECT_LT(markers->frames.front().t_s, 0.1);
    EXPECT_GT(markers->frames.back().t_s, seconds - 0.1);
  }

  // The knee of each of the plate's squats against the picture's truth: the same person filmed
  // by a camera of its own on the virtual clock, its drawn marker centres through the FPPA.
  std::string person = source.simulated_address(step, 0, Limb::kRight).substr(4);
  person.replace(person.find(speed), speed.size(), "realtime=0");
  auto truth_camera = sim::SimulatedCamera::open(person);
  ASSERT_TRUE(truth_camera.ok()) << truth_camera.error().message;
  const auto& knee = trial->analysis->knee;
  ASSERT_TRUE(knee);
  EXPECT_EQ(knee->squats_from, knee::SquatSource::kPlate);
  ASSERT_EQ(knee->squats.size(), 3u);
  for (const knee::KneeSquat& q : knee->squats) {
    ASSERT_TRUE(q.peak_fppa_deg) << "squat " << q.index;
    const auto picture = test::picture_peak_deg(**truth_camera, Limb::kRight,
                                                trial_start_s + q.start_s, trial_start_s + q.end_s);
    ASSERT_TRUE(picture);
    std::printf("squat %d: peak FPPA %.2f° measured live, %.2f° in the picture\n", q.index,
                *q.peak_fppa_deg, *picture);
    EXPECT_NEAR(*q.peak_fppa_deg, *picture, 1.0) << "squat " << q.index;
  }
  // What the screen shows: the newest picture with its markers, and each squat's FPPA.
  const auto view = source.camera_view();
  ASSERT_TRUE(view);
  EXPECT_TRUE(view->streaming) << view->problem;
  ASSERT_TRUE(view->picture);
  EXPECT_EQ(view->picture->rgba.size(), 640u * 480u * 4u);
  EXPECT_FALSE(view->trace.empty());
  const auto snapshot = (*live)->snapshot();
  ASSERT_EQ(snapshot->last_trial.get() != nullptr, true);

  // The replay plays the kept markers beside the kept plate frames: the same knee figures.
  ASSERT_TRUE(source.replay(trial->recording, 16.0));
  ASSERT_TRUE(source.replay_markers());
  const auto replayed = wait_for_trial(*source.current());
  ASSERT_TRUE(replayed && replayed->analysis && replayed->analysis->knee);
  ASSERT_EQ(replayed->analysis->knee->squats.size(), knee->squats.size());
  for (std::size_t i = 0; i < knee->squats.size(); ++i) {
    EXPECT_NEAR(*replayed->analysis->knee->squats[i].peak_fppa_deg, *knee->squats[i].peak_fppa_deg,
                0.2);
  }
}

TEST_F(LiveCameraTest, ACameraThatStopsMidTrialLeavesThePlatesTrialWhole) {
  LiveSource source(drivers_, "sim:speed=" + std::to_string(kSpeed));
  // The simulated camera beside the simulated plate, with a camera option: unplugged at 9 s.
  source.use_camera("sim-camera:cam_unplug_s=9");
  auto live = source.for_step(squat_step(2), protocol_, true, 0, Limb::kLeft);
  ASSERT_TRUE(live.ok()) << live.error().message;
  const auto trial = wait_for_trial(**live);
  ASSERT_TRUE(trial);
  EXPECT_FALSE(trial->interrupted) << trial->interruption;  // the plate's trial is whole
  ASSERT_TRUE(trial->analysis);
  EXPECT_EQ(trial->analysis->squats->reps.size(), 2u);
  ASSERT_TRUE(trial->recording.markers);
  EXPECT_TRUE(trial->recording.markers->interrupted);
  EXPECT_NE(trial->recording.markers->end_reason.find("unplugged"), std::string::npos)
      << trial->recording.markers->end_reason;
  const auto view = source.camera_view();
  ASSERT_TRUE(view);
  EXPECT_FALSE(view->streaming);
  EXPECT_NE(view->problem.find("unplugged"), std::string::npos) << view->problem;
}

TEST_F(LiveCameraTest, AWrongCameraIsSaidAndThePlateRecordsWithoutIt) {
  LiveSource source(drivers_, "sim:realtime=0");
  source.use_camera("/nonexistent/video.avi");
  auto live = source.for_step(squat_step(1), protocol_, true, 0, Limb::kLeft);
  ASSERT_TRUE(live.ok()) << live.error().message;
  EXPECT_NE(source.camera_error().find("/nonexistent/video.avi"), std::string::npos)
      << source.camera_error();
  EXPECT_FALSE(source.camera_view());
  const auto trial = wait_for_trial(**live);
  ASSERT_TRUE(trial);
  EXPECT_FALSE(trial->recording.markers);
}

// Video keeping (docs/store.md, "Videos"): the clinic keeps videos and the patient consents when
// the session begins; the trial's pictures become a video file beside the store, owner-only, as
// long as the trial and of the camera's size. Without consent nothing but the markers is kept.
TEST_F(LiveCameraTest, AConsentingPatientsTrialKeepsItsVideoBesideTheStore) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("stance-video-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto store = store::Store::open(dir / "clinic.db");
  ASSERT_TRUE(store.ok()) << store.error().message;
  ASSERT_TRUE(store->set_video_keeping(true));
  StoreSink sink(*store);
  SessionStart start{"P-7", Limb::kRight, protocol_, "K. Ngata", "", 0, true};
  ASSERT_TRUE(sink.begin_session(start));
  const auto patient = store->patient("P-7");
  ASSERT_TRUE(patient.ok());
  ASSERT_TRUE(*store->video_consent(patient->id));  // recorded as the session began

  LiveSource source(drivers_, "sim:speed=" + std::to_string(kSpeed));
  source.use_camera("auto");
  const TrialCondition step = squat_step(1);
  auto live = source.for_step(step, protocol_, true, 0, Limb::kRight);
  ASSERT_TRUE(live.ok()) << live.error().message;
  ASSERT_TRUE(source.camera());
  source.camera()->set_keep_pictures(true);
  const auto trial = wait_for_trial(**live);
  ASSERT_TRUE(trial && trial->video);
  const double seconds =
      static_cast<double>(trial->recording.frames.size()) / trial->recording.rate_hz;
  const auto saved = sink.save(*trial, step, 0);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_NE(saved->find("with its video"), std::string::npos) << *saved;
  const auto videos = store->videos(patient->id);
  ASSERT_TRUE(videos.ok());
  ASSERT_EQ(videos->size(), 1u);
  const auto file = store->video_folder() / (*videos)[0].file;
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0) << file;
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  cv::VideoCapture video(file.string());
  ASSERT_TRUE(video.isOpened()) << file;
  EXPECT_EQ(video.get(cv::CAP_PROP_FRAME_WIDTH), 640.0);
  EXPECT_EQ(video.get(cv::CAP_PROP_FRAME_HEIGHT), 480.0);
  const double frames = video.get(cv::CAP_PROP_FRAME_COUNT);
  std::printf("kept %.0f frames of a %.1f s trial (%lld bytes)\n", frames, seconds,
              static_cast<long long>(st.st_size));
  EXPECT_EQ(frames, static_cast<double>((*videos)[0].frames));
  // Every frame of the trial is in the video or counted as dropped (a loaded host: see above).
  const auto dropped = static_cast<double>(source.camera_view()->dropped);
  EXPECT_GE(frames + dropped, 0.95 * 30.0 * seconds) << "frames lost without being counted";
  EXPECT_LE((*videos)[0].seconds, seconds + 0.05);
  if (dropped == 0.0) {
    EXPECT_NEAR((*videos)[0].seconds, seconds, 0.2);
  }

  // The next patient did not consent: the camera drops its pictures and nothing is kept.
  source.camera()->set_keep_pictures(false);
  auto next = source.for_step(step, protocol_, true, 0, Limb::kRight);
  ASSERT_TRUE(next.ok());
  const auto unfilmed = wait_for_trial(**next);
  ASSERT_TRUE(unfilmed);
  EXPECT_FALSE(unfilmed->video);
  EXPECT_TRUE(unfilmed->recording.markers);  // the markers are kept all the same
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace stance::app

namespace stance::app {
namespace {

// Set-up: a marker whose colour the tracker does not know is lost; a click on it in the picture
// teaches its colour, and from then on it is found where the camera drew it.
TEST(LiveCameraColours, AClickOnAMarkerTeachesItsColour) {
  const std::string options = "realtime=1,speed=2,cam_duration_s=20";
  auto truth = sim::SimulatedCamera::open(options);
  auto filmed = sim::SimulatedCamera::open(options);
  ASSERT_TRUE(truth.ok() && filmed.ok());
  vision::LiveCameraOptions camera_options;
  camera_options.on_plate_clock = true;
  camera_options.tracker.colours.knee = {0, 10, 200, 255, 200, 255};  // red: not the green marker
  vision::LiveCamera camera(std::move(*filmed), camera_options);
  camera.set_limb(Limb::kRight);
  ASSERT_TRUE(camera.start());
  const auto wait_for_frames = [&](std::uint64_t n) {
    std::shared_ptr<const vision::CameraView> v;
    for (int i = 0; i < 400; ++i) {
      v = camera.view();
      if (v->frames >= n) break;
      std::this_thread::sleep_for(25ms);
    }
    return v;
  };
  auto before = wait_for_frames(10);
  ASSERT_GE(before->frames, 10u);
  EXPECT_FALSE(before->markers.at(knee::Marker::kKnee));
  EXPECT_FALSE(before->fppa_deg);
  // Where the knee marker is in the newest picture: the camera's own truth of that frame.
  ASSERT_TRUE(before->picture);
  const auto drawn = (*truth)->truth_of(before->picture->index).markers[1];
  ASSERT_TRUE(drawn);
  ASSERT_TRUE(camera.learn_colour(knee::Marker::kKnee, static_cast<int>(drawn->u_px),
                                  static_cast<int>(drawn->v_px)));
  EXPECT_NE(camera.colours().knee.hue_lo, 0);
  const auto after = wait_for_frames(before->frames + 10);
  ASSERT_TRUE(after->markers.at(knee::Marker::kKnee));
  const auto now = (*truth)->truth_of(after->picture->index).markers[1];
  EXPECT_NEAR(after->markers.at(knee::Marker::kKnee)->x_px, now->u_px, 2.0);
  EXPECT_NEAR(after->markers.at(knee::Marker::kKnee)->y_px, now->v_px, 2.0);
  EXPECT_TRUE(after->fppa_deg);
  // A click on the background teaches nothing and says why.
  const Status grey = camera.learn_colour(knee::Marker::kKnee, 5, 5);
  EXPECT_FALSE(grey);
}

}  // namespace
}  // namespace stance::app
