// The camera source on real video files written by the test, the knee of a whole video, and the
// camera listing.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "camera/camera_list.hpp"
#include "temp_dir.hpp"
#include "video_file.hpp"
#include "vision/knee_video.hpp"
#include "vision_test_util.hpp"

namespace stance::test {
namespace {

using camera::CameraEnd;
using camera::CameraFrame;
using camera::CameraRead;
using camera::CameraSource;

std::vector<CameraFrame> read_all(CameraSource& source) {
  std::vector<CameraFrame> frames;
  EXPECT_TRUE(source.start());
  for (int guard = 0; guard < 10000; ++guard) {
    if (source.read(frames, std::chrono::milliseconds(500)) == CameraRead::kEnded) break;
  }
  return frames;
}

TEST(CameraSource, FileFramesAreTimedFromTheirIndexAndTheFileRate) {
  TempDir dir("stance-camera");
  const SyntheticSquat scene(SceneOptions{});
  const std::string path = dir.path("squat.avi").string();
  ASSERT_TRUE(write_mjpeg_avi(scene, path, 90));
  auto source = CameraSource::open_file(path);
  ASSERT_TRUE(source) << source.error().message;
  EXPECT_DOUBLE_EQ((*source)->rate_hz(), 30.0);
  EXPECT_EQ((*source)->width_px(), 640);
  EXPECT_EQ((*source)->height_px(), 480);
  EXPECT_EQ((*source)->expected_frames(), 90);
  const auto frames = read_all(**source);
  ASSERT_EQ(frames.size(), 90u);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    EXPECT_EQ(frames[i].index, static_cast<std::int64_t>(i));
    EXPECT_DOUBLE_EQ(frames[i].t_s, static_cast<double>(i) / 30.0);
    const double since_first =
        std::chrono::duration<double>(frames[i].captured_at - frames[0].captured_at).count();
    EXPECT_NEAR(since_first, frames[i].t_s, 1e-6);  // on the steady clock, step 1/30 s
    EXPECT_EQ(frames[i].bgr.type(), CV_8UC3);
  }
  EXPECT_EQ((*source)->end(), CameraEnd::kFileEnded);
  EXPECT_NE((*source)->end_reason().find("ended after 90 frames (3.0 s)"), std::string::npos)
      << (*source)->end_reason();
}

TEST(CameraSource, StopWhileAFileIsBeingReadReturnsAtOnce) {
  TempDir dir("stance-camera");
  const SyntheticSquat scene(SceneOptions{});
  const std::string path = dir.path("squat.avi").string();
  ASSERT_TRUE(write_mjpeg_avi(scene, path, 60));
  auto source = CameraSource::open_file(path);
  ASSERT_TRUE(source);
  ASSERT_TRUE((*source)->start());
  std::vector<CameraFrame> frames;
  while (frames.empty()) (*source)->read(frames, std::chrono::milliseconds(500));
  (*source)->stop();  // the thread waits on a full queue: it must wake and end
  EXPECT_EQ((*source)->end(), CameraEnd::kStopped);
  EXPECT_LT(frames.size(), 60u);
}

// Played in real time (a replay beside a plate), a file's frames come at its own rate.
TEST(CameraSource, RealTimeFileKeepsItsRate) {
  TempDir dir("stance-camera");
  const SyntheticSquat scene(SceneOptions{});
  const std::string path = dir.path("squat.avi").string();
  ASSERT_TRUE(write_mjpeg_avi(scene, path, 15));
  camera::CameraSettings settings;
  settings.realtime = true;
  auto source = CameraSource::open_file(path, settings);
  ASSERT_TRUE(source);
  const auto started = std::chrono::steady_clock::now();
  const auto frames = read_all(**source);
  const double took_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_EQ(frames.size(), 15u);
  EXPECT_GE(took_s, 14.0 / 30.0);  // the last frame is due 14/30 s after the first
  EXPECT_LT(took_s, 3.0);
}

TEST(CameraSource, ClearErrors) {
  TempDir dir("stance-camera");
  auto missing = CameraSource::open_file(dir.path("nothing.avi").string());
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("no such file"), std::string::npos);
  const auto text = dir.write("notes.avi", "these are not frames\n");
  auto not_video = CameraSource::open_file(text.string());
  ASSERT_FALSE(not_video);
  EXPECT_NE(not_video.error().message.find("not a video"), std::string::npos)
      << not_video.error().message;
  auto no_camera = CameraSource::open_device(dir.path("video7").string());
  ASSERT_FALSE(no_camera);
  EXPECT_NE(no_camera.error().message.find("no such camera"), std::string::npos);
}

TEST(KneeVideo, RoundTripThroughAnMjpegFile) {
  TempDir dir("stance-camera");
  SceneOptions o;
  o.textured = true;
  const SyntheticSquat scene(o);
  const std::string path = dir.path("squat.avi").string();
  ASSERT_TRUE(write_mjpeg_avi(scene, path));
  const auto video = vision::analyze_knee_video_file(path);
  ASSERT_TRUE(video) << video.error().message;
  EXPECT_EQ(video->frames_read, scene.frame_count());
  EXPECT_FALSE(video->cut_short);
  const knee::KneeTrial& t = video->trial;
  ASSERT_EQ(t.squats.size(), 5u);
  for (const auto& f : t.frames) ASSERT_TRUE(f.fppa_deg) << f.t_s;
  const SquatErrors e = compare_squats(scene, t);
  EXPECT_LT(e.peak_deg, 1.0);
  EXPECT_LT(e.bottom_deg, 1.0);
  EXPECT_LT(e.range_deg, 1.5);
  std::printf(
      "[ MJPEG file ] worst |peak error| %.2f°, |bottom error| %.2f°, |range error| %.2f°\n",
      e.peak_deg, e.bottom_deg, e.range_deg);
}

// The video stops during squat 4 while the plate's trial goes on: the plate's squats after it
// get nothing, the one it cuts is marked, the mean takes the squats wholly on video.
TEST(KneeVideo, FileEndingMidTrial) {
  TempDir dir("stance-camera");
  const SyntheticSquat scene(SceneOptions{});
  const auto plate = scene.squat_intervals();
  const int cut = static_cast<int>((plate[3].start_s + 1.0) * 30.0);
  const std::string path = dir.path("short.avi").string();
  ASSERT_TRUE(write_mjpeg_avi(scene, path, cut));
  vision::KneeVideoOptions options;
  options.plate_squats = plate;
  const auto video = vision::analyze_knee_video_file(path, options);
  ASSERT_TRUE(video) << video.error().message;
  EXPECT_EQ(video->end, CameraEnd::kFileEnded);
  const knee::KneeTrial& t = video->trial;
  ASSERT_EQ(t.squats.size(), 4u);
  for (std::size_t k = 0; k < 3; ++k) EXPECT_TRUE(t.squats[k].complete);
  EXPECT_FALSE(t.squats[3].complete);
  EXPECT_EQ(t.squats_in_mean, 3);
  double truth = 0.0;
  for (std::size_t k = 0; k < 3; ++k) {
    truth += squat_truth(scene, plate[k].start_s, plate[k].end_s).peak_fppa_deg / 3.0;
  }
  EXPECT_NEAR(*t.mean_peak_fppa_deg, truth, 1.0);
  const bool noted = std::any_of(t.notes.begin(), t.notes.end(), [](const std::string& n) {
    return n.find("outside the video") != std::string::npos;
  });
  EXPECT_TRUE(noted);
}

// A file cut short on disk (a copy interrupted): whatever can be read is used, and the reason
// says the file is shorter than it announces when the reader can tell.
TEST(KneeVideo, FileTruncatedOnDisk) {
  TempDir dir("stance-camera");
  const SyntheticSquat scene(SceneOptions{});
  const std::string path = dir.path("cut.avi").string();
  ASSERT_TRUE(write_mjpeg_avi(scene, path));
  const auto size = std::filesystem::file_size(path);
  std::filesystem::resize_file(path, size * 6 / 10);
  auto source = CameraSource::open_file(path);
  if (!source) {
    EXPECT_NE(source.error().message.find("not a video"), std::string::npos);
    return;
  }
  const auto frames = read_all(**source);
  EXPECT_LT(frames.size(), static_cast<std::size_t>(scene.frame_count()));
  EXPECT_EQ((*source)->end(), CameraEnd::kFileEnded);
  std::printf("[ truncated file ] %zu of %d frames read; announced %lld; reason: %s\n",
              frames.size(), scene.frame_count(),
              static_cast<long long>((*source)->expected_frames()),
              (*source)->end_reason().c_str());
}

TEST(KneeVideo, NoMarkersIsAnError) {
  TempDir dir("stance-camera");
  SceneOptions o;
  o.marker_radius_px = 0.0;  // markers too small to see
  o.peak_fppa_deg = {10.0};
  const SyntheticSquat scene(o);
  const std::string path = dir.path("plain.avi").string();
  ASSERT_TRUE(write_mjpeg_avi(scene, path, 30));
  const auto video = vision::analyze_knee_video_file(path);
  ASSERT_FALSE(video);
  EXPECT_NE(video.error().message.find("no markers found"), std::string::npos);
}

TEST(CameraList, VideoNodesInNumericOrderWithTheirNames) {
  TempDir dir("stance-camera");
  std::filesystem::create_directories(dir.path("dev"));
  for (const char* n : {"video10", "video2", "video0", "vbi0", "videox"}) {
    dir.write(std::string("dev/") + n, "");
  }
  std::filesystem::create_directories(dir.path("sys/video2"));
  dir.write("sys/video2/name", "Test Webcam\n");
  const auto cams = camera::list_cameras(dir.path("dev").string(), dir.path("sys").string());
  ASSERT_EQ(cams.size(), 3u);
  EXPECT_EQ(std::filesystem::path(cams[0].address).filename(), "video0");
  EXPECT_EQ(std::filesystem::path(cams[1].address).filename(), "video2");
  EXPECT_EQ(cams[1].name, "Test Webcam");
  EXPECT_EQ(std::filesystem::path(cams[2].address).filename(), "video10");
  EXPECT_TRUE(camera::list_cameras(dir.path("none").string()).empty());
}

}  // namespace
}  // namespace stance::test
