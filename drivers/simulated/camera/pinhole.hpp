#pragma once
// A pinhole camera in the plate frame (x to the patient's right, y forward, z up; metres):
// where it stands, how it is turned, and the projection of a point to pixels. docs/simulator.md,
// "The simulated camera".
//
//   p_cam = R (p − C)                       camera frame: x right, y down, z along the view
//   u = f · x_cam / z_cam + c_u,  v = f · y_cam / z_cam + c_v     (pixels, OpenCV's: the centre
//                                                                   of pixel (i, j) is (i, j))
#include <Eigen/Core>
#include <optional>

namespace stance::sim {

struct ImagePoint {
  double u_px = 0.0, v_px = 0.0;
  double depth_m = 0.0;  // z_cam: distance along the view
};

struct PinholeCamera {
  Eigen::Matrix3d rot =
      Eigen::Matrix3d::Identity();  // rows: the camera's x, y, z in the plate frame
  Eigen::Vector3d centre_m = Eigen::Vector3d::Zero();
  double focal_px = 1000.0;
  double cu_px = 319.5, cv_px = 239.5;  // principal point: the picture's centre

  Eigen::Vector3d to_camera(const Eigen::Vector3d& plate_m) const {
    return rot * (plate_m - centre_m);
  }
  // Nullopt behind the camera (or within 1 cm of its plane).
  std::optional<ImagePoint> project(const Eigen::Vector3d& plate_m) const;
};

// Where the camera stands and how it is turned (SimCameraOptions' placement, in SI and radians).
struct CameraPlacement {
  Eigen::Vector3d target_m = Eigen::Vector3d::Zero();  // the point of the floor it faces
  double distance_m = 2.5;                             // horizontal, in front of the target
  double height_m = 0.5;
  double lateral_m = 0.0;  // to the patient's right (+x), before the orbit
  double orbit_rad = 0.0;  // round the vertical through the target, + toward +x
  double yaw_rad = 0.0, pitch_rad = 0.0, roll_rad = 0.0;
  double focal_px = 1000.0;
  int width_px = 640, height_px = 480;
};

PinholeCamera place_camera(const CameraPlacement& p);

}  // namespace stance::sim
