// The simulated camera's parts on their own: its options, the pinhole model, the figure it
// draws against the body's truth, its frames and stamps, and the one camera interface.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <numbers>

#include "camera/open_camera.hpp"
#include "sim_camera_test_util.hpp"
#include "simulated/camera/body_figure.hpp"
#include "simulated/camera/pinhole.hpp"
#include "vision/knee_video.hpp"

namespace stance::test {
namespace {

using Eigen::Vector3d;

TEST(SimCameraOptions, DefaultsAndErrors) {
  const auto setup = sim::parse_sim_camera_options("seed=4,task=squat,fps=60,orbit_deg=5");
  ASSERT_TRUE(setup.ok()) << setup.error().message;
  EXPECT_EQ(setup->person.seed, 4u);
  EXPECT_EQ(setup->person.subject.task, Task::kSingleLegSquat);
  EXPECT_EQ(setup->camera.rate_hz, 60.0);
  EXPECT_EQ(setup->camera.orbit_deg, 5.0);
  const sim::SimCameraOptions d;
  EXPECT_EQ(d.width_px, 640);
  EXPECT_EQ(d.height_px, 480);
  EXPECT_FALSE(d.height_m.has_value());
  // The help's default texts are those of SimCameraOptions{}.
  const std::map<std::string, double> expected{{"fps", d.rate_hz},
                                               {"focal_px", d.focal_px},
                                               {"cam_dist_m", d.distance_m},
                                               {"noise", d.noise_sd},
                                               {"blur_px", d.blur_px},
                                               {"marker_mm", d.marker_diameter_m * 1000.0},
                                               {"occlude_dur_s", d.occlusion_duration_s},
                                               {"gain", d.gain}};
  int checked = 0;
  for (const sim::SimOptionDoc& doc : sim::sim_camera_option_docs()) {
    const auto it = expected.find(doc.name);
    if (it == expected.end()) continue;
    EXPECT_DOUBLE_EQ(std::stod(doc.default_text), it->second) << doc.name;
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(expected.size()));
  const auto bad = sim::parse_sim_camera_options("focal_px=5");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("focal_px=5 is out of range"), std::string::npos);
  const auto unknown = sim::parse_sim_camera_options("zoom=2");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("unknown sim option 'zoom'"), std::string::npos);
  const auto marker = sim::parse_sim_camera_options("occlude=elbow");
  ASSERT_FALSE(marker.ok());
  EXPECT_NE(marker.error().message.find("none, hip, knee or ankle"), std::string::npos);
  const auto help = sim::SimulatedCamera::open("help");
  ASSERT_FALSE(help.ok());
  EXPECT_NE(help.error().message.find("orbit_deg"), std::string::npos);
}

TEST(Pinhole, ProjectsAsAFrontalCameraShould) {
  sim::CameraPlacement p;
  p.target_m = Vector3d(0.01, -0.02, 0.0);
  p.height_m = 0.5;
  const sim::PinholeCamera cam = sim::place_camera(p);
  // The point straight ahead at the camera's height is the picture's centre.
  const auto centre = cam.project(Vector3d(0.01, -0.02, 0.5));
  ASSERT_TRUE(centre.has_value());
  EXPECT_NEAR(centre->u_px, 319.5, 1e-9);
  EXPECT_NEAR(centre->v_px, 239.5, 1e-9);
  EXPECT_NEAR(centre->depth_m, 2.5, 1e-12);
  // The patient's right (+x) is the picture's left; up is the picture's up; f·X/Z.
  const auto right = cam.project(Vector3d(0.11, -0.02, 0.6));
  ASSERT_TRUE(right.has_value());
  EXPECT_NEAR(right->u_px, 319.5 - 1000.0 * 0.1 / 2.5, 1e-9);
  EXPECT_NEAR(right->v_px, 239.5 - 1000.0 * 0.1 / 2.5, 1e-9);
  // Behind the camera: nothing.
  EXPECT_FALSE(cam.project(Vector3d(0.0, 5.0, 0.5)).has_value());

  // Orbiting keeps the target in the middle; yaw moves it by f·tan(yaw), to the left for a
  // camera turned to its right; pitch down moves it up; roll turns the picture.
  sim::CameraPlacement o = p;
  o.orbit_rad = 0.3;
  const auto orbited = sim::place_camera(o).project(Vector3d(0.01, -0.02, 0.5));
  EXPECT_NEAR(orbited->u_px, 319.5, 1e-9);
  EXPECT_NEAR(orbited->depth_m, 2.5, 1e-12);
  sim::CameraPlacement y = p;
  y.yaw_rad = 10.0 * std::numbers::pi / 180.0;
  EXPECT_NEAR(sim::place_camera(y).project(Vector3d(0.01, -0.02, 0.5))->u_px,
              319.5 - 1000.0 * std::tan(y.yaw_rad), 1e-9);
  sim::CameraPlacement t = p;
  t.pitch_rad = 0.1;
  EXPECT_NEAR(sim::place_camera(t).project(Vector3d(0.01, -0.02, 0.5))->v_px,
              239.5 - 1000.0 * std::tan(0.1), 1e-9);
  sim::CameraPlacement r = p;
  r.roll_rad = 0.2;
  const auto rolled = sim::place_camera(r).project(Vector3d(0.01, -0.02, 0.6));
  // Seen from behind a camera rolled clockwise, a point above the centre moves to the left.
  EXPECT_LT(rolled->u_px, 319.5);
  const Eigen::Matrix3d rot = sim::place_camera(r).rot;
  EXPECT_NEAR((rot * rot.transpose() - Eigen::Matrix3d::Identity()).norm(), 0.0, 1e-12);
  EXPECT_NEAR(rot.determinant(), 1.0, 1e-12);
}

TEST(SimCamera, ItsMarkersAreTheBodysTruth) {
  for (const char* limb : {"right", "left"}) {
    const auto setup =
        sim::parse_sim_camera_options(std::string("task=squat,wobble=0.7,limb=") + limb);
    ASSERT_TRUE(setup.ok());
    const sim::SubjectModel person(setup->person.subject);
    for (double t : {0.0, 3.7, 4.9, 6.1}) {
      const sim::BodyTruthSample b = person.body_at(t);
      const sim::BodyFigure f = sim::body_figure(person, t);
      EXPECT_LT((f.stance.asis_m - b.asis_m).norm(), 1e-12);
      EXPECT_LT((f.stance.patella_m - b.patella_m).norm(), 1e-12);
      EXPECT_LT((f.stance.ankle_m - b.ankle_m).norm(), 1e-12);
      EXPECT_LT((f.stance.knee_m - b.knee_m).norm(), 1e-12);
      // The other leg hangs on the other side: the patient's left of a right stance leg.
      if (std::string(limb) == "right") {
        EXPECT_LT(f.free_hip_m.x(), b.hip_m.x() - 0.1);
      } else {
        EXPECT_GT(f.free_hip_m.x(), b.hip_m.x() + 0.1);
      }
      const double thigh = (b.hip_m - b.knee_m).norm();
      EXPECT_NEAR((f.free_hip_m - f.free_knee_m).norm(), thigh, 0.01 * thigh);
    }
  }
}

TEST(SimCamera, FramesAreStampedOnThePlatesTimeAxisAndFoundWhereDrawn) {
  const Filmed f = film("task=stance,duration_s=1,noise=4");
  ASSERT_TRUE(f.camera);
  ASSERT_EQ(f.markers.size(), 46u);  // 1.5 s at 30 Hz, frames 0..45
  double worst_px = 0.0;
  for (std::size_t i = 0; i < f.markers.size(); ++i) {
    EXPECT_DOUBLE_EQ(f.markers[i].t_s, static_cast<double>(i) / 30.0);
    for (std::size_t m = 0; m < 3; ++m) {
      ASSERT_TRUE(f.markers[i].markers[m] && f.drawn[i].markers[m]) << i;
      worst_px =
          std::max({worst_px, std::abs(f.markers[i].markers[m]->x_px - f.drawn[i].markers[m]->u_px),
                    std::abs(f.markers[i].markers[m]->y_px - f.drawn[i].markers[m]->v_px)});
    }
  }
  std::printf("worst marker error against the drawn centre: %.3f px\n", worst_px);
  EXPECT_LT(worst_px, 0.3);
  EXPECT_EQ(f.camera->end(), camera::CameraEnd::kFileEnded);
  EXPECT_EQ(f.camera->dropped_frames(), 0u);
}

TEST(SimCamera, OneInterfaceForRealAndSimulatedCameras) {
  EXPECT_TRUE(camera::is_sim_camera_address("sim-camera"));
  EXPECT_TRUE(camera::is_sim_camera_address("sim-camera:seed=2"));
  EXPECT_FALSE(camera::is_sim_camera_address("sim-cameras.avi"));
  const auto missing = camera::open_camera("/no/such/video.avi");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("no such file"), std::string::npos);
  const auto bad = camera::open_camera("sim-camera:fps=0");
  ASSERT_FALSE(bad.ok());
  // `stance knee` reads the simulated camera as it reads a file.
  vision::KneeVideoOptions o;
  const auto video = vision::analyze_knee_video_file(
      std::string("sim-camera:realtime=0,task=squat,reps=") + (kSanitized ? "1" : "2") +
          ",preset=pfp,seed=3,quiet_before_s=1.5,quiet_after_s=1",
      o);
  ASSERT_TRUE(video.ok()) << video.error().message;
  EXPECT_EQ(video->trial.squats.size(), kSanitized ? 1u : 2u);
  EXPECT_EQ(video->width_px, 640);
  EXPECT_EQ(video->rate_hz, 30.0);
  EXPECT_FALSE(video->cut_short);
}

}  // namespace
}  // namespace stance::test
