#include "simulated/camera/scene_renderer.hpp"

#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace stance::sim {
namespace {

using Eigen::Vector2d;
using Eigen::Vector3d;

// Colours (8-bit BGR). The markers are saturated magenta, green and blue, inside the tracker's
// default HSV ranges (src/vision/marker_types.hpp); everything else has hues outside those
// ranges or is grey, as skin, clothing and a clinic room are.
const cv::Vec3b kHipColour{200, 40, 200}, kKneeColour{40, 190, 40}, kAnkleColour{200, 60, 30};
const cv::Vec3b kHand{110, 140, 190};
const cv::Scalar kSkinScalar{120, 150, 200}, kShorts{60, 58, 55}, kShirt{150, 148, 140};
const cv::Vec3b kWall{190, 196, 200}, kSkirting{225, 228, 230}, kFloor{110, 120, 128},
    kTileLine{95, 103, 110}, kPlateTop{70, 70, 72}, kPlateFront{45, 45, 48};

// The room (plate frame): the plate's top is z = 0, 0.40 × 0.60 m about the origin, 5 cm above
// the floor; a wall 1 m behind the stance ankle.
constexpr double kPlateHalfX_m = 0.20, kPlateHalfY_m = 0.30, kFloorZ_m = -0.05;
constexpr double kWallBehind_m = 1.0;
constexpr double kTile_m = 0.6, kTileLine_m = 0.01, kSkirting_m = 0.10;

// Body shapes: widths (m) at the proximal and distal end of each segment.
constexpr double kThighWidth_m[2] = {0.15, 0.10}, kShankWidth_m[2] = {0.10, 0.065};
constexpr double kFootWidth_m = 0.07, kPelvisWidth_m = 0.22, kTrunkWidth_m = 0.32;
constexpr double kShortsLength = 0.3;  // shorts cover this fraction of the thigh

cv::Vec3b scaled(const cv::Vec3b& c, double k) {
  return {cv::saturate_cast<std::uint8_t>(c[0] * k), cv::saturate_cast<std::uint8_t>(c[1] * k),
          cv::saturate_cast<std::uint8_t>(c[2] * k)};
}

// The room seen through the camera, by casting the ray of every pixel: the nearest of the
// plate's top and front face, the floor and the wall.
cv::Mat draw_room(const PinholeCamera& cam, int width, int height, double wall_y_m) {
  cv::Mat room(height, width, CV_8UC3);
  const Eigen::Matrix3d to_plate = cam.rot.transpose();
  const Vector3d& c = cam.centre_m;
  for (int v = 0; v < height; ++v) {
    auto* row = room.ptr<cv::Vec3b>(v);
    for (int u = 0; u < width; ++u) {
      const Vector3d d =
          to_plate * Vector3d((u - cam.cu_px) / cam.focal_px, (v - cam.cv_px) / cam.focal_px, 1.0);
      double best = 1e9;
      cv::Vec3b colour = kWall;
      const auto hit = [&](double t, const cv::Vec3b& col) {
        if (t > 0.0 && t < best) {
          best = t;
          colour = col;
        }
      };
      if (std::abs(d.z()) > 1e-9) {
        const double t_top = -c.z() / d.z();
        const Vector3d p = c + t_top * d;
        if (std::abs(p.x()) <= kPlateHalfX_m && std::abs(p.y()) <= kPlateHalfY_m) {
          hit(t_top, kPlateTop);
        }
        const double t_floor = (kFloorZ_m - c.z()) / d.z();
        const Vector3d q = c + t_floor * d;
        const bool line = std::fmod(std::abs(q.x()), kTile_m) < kTileLine_m ||
                          std::fmod(std::abs(q.y()), kTile_m) < kTileLine_m;
        hit(t_floor, line ? kTileLine : kFloor);
      }
      if (std::abs(d.y()) > 1e-9) {
        const double t_front = (kPlateHalfY_m - c.y()) / d.y();
        const Vector3d p = c + t_front * d;
        if (std::abs(p.x()) <= kPlateHalfX_m && p.z() <= 0.0 && p.z() >= kFloorZ_m) {
          hit(t_front, kPlateFront);
        }
        const double t_wall = (wall_y_m - c.y()) / d.y();
        const double z = (c + t_wall * d).z();
        if (z >= kFloorZ_m) {
          // Lit from above: the wall a little brighter higher up.
          hit(t_wall, z < kFloorZ_m + kSkirting_m
                          ? kSkirting
                          : scaled(kWall, 0.9 + 0.1 * std::clamp(z / 2.0, 0.0, 1.0)));
        }
      }
      row[u] = colour;
    }
  }
  return room;
}

// Sub-pixel drawing through OpenCV's fixed-point coordinates (1/16 px).
constexpr int kShift = 4;
cv::Point fixed_point(double u, double v) {
  return {static_cast<int>(std::lround(u * 16.0)), static_cast<int>(std::lround(v * 16.0))};
}

// A limb segment as the camera sees it: a tapered band between the projected ends, rounded at
// both ends (a capsule seen from the side) or not (clothing), widths in metres.
void draw_capsule(cv::Mat& bgr, const PinholeCamera& cam, const Vector3d& a, const Vector3d& b,
                  double width_a_m, double width_b_m, const cv::Scalar& colour,
                  bool rounded = true) {
  const auto pa = cam.project(a);
  const auto pb = cam.project(b);
  if (!pa || !pb) return;
  const double ra = cam.focal_px * width_a_m / 2.0 / pa->depth_m;
  const double rb = cam.focal_px * width_b_m / 2.0 / pb->depth_m;
  const Vector2d ua(pa->u_px, pa->v_px), ub(pb->u_px, pb->v_px);
  Vector2d n = ub - ua;
  n = n.norm() > 1e-9 ? Vector2d(-n.y(), n.x()) / n.norm() : Vector2d(1.0, 0.0);
  const std::array<cv::Point, 4> quad{fixed_point(ua.x() + ra * n.x(), ua.y() + ra * n.y()),
                                      fixed_point(ub.x() + rb * n.x(), ub.y() + rb * n.y()),
                                      fixed_point(ub.x() - rb * n.x(), ub.y() - rb * n.y()),
                                      fixed_point(ua.x() - ra * n.x(), ua.y() - ra * n.y())};
  cv::fillConvexPoly(bgr, quad.data(), 4, colour, cv::LINE_AA, kShift);
  if (!rounded) return;
  cv::circle(bgr, fixed_point(ua.x(), ua.y()), static_cast<int>(std::lround(ra * 16.0)), colour,
             cv::FILLED, cv::LINE_AA, kShift);
  cv::circle(bgr, fixed_point(ub.x(), ub.y()), static_cast<int>(std::lround(rb * 16.0)), colour,
             cv::FILLED, cv::LINE_AA, kShift);
}

// A flat disc (centre, radius, two orthonormal directions in its plane) as the camera sees it:
// the projection of a small disc is, to first order, the ellipse centre + M·q with |q| ≤ 1 and
// M's columns the projected radius vectors. Each pixel is covered by the share of its 4×4
// sub-samples inside, so the drawn centroid is the projected centre to a small fraction of a
// pixel. Returns the projected centre (nullopt behind the camera).
std::optional<ImagePoint> draw_disc(cv::Mat& bgr, const PinholeCamera& cam, const Vector3d& centre,
                                    double radius_m, const Vector3d& e1, const Vector3d& e2,
                                    const cv::Vec3b& colour) {
  const auto c = cam.project(centre);
  const auto p1 = cam.project(centre + radius_m * e1);
  const auto p2 = cam.project(centre + radius_m * e2);
  if (!c || !p1 || !p2) return std::nullopt;
  Eigen::Matrix2d m;
  m << p1->u_px - c->u_px, p2->u_px - c->u_px, p1->v_px - c->v_px, p2->v_px - c->v_px;
  if (std::abs(m.determinant()) < 1e-6) return c;  // seen edge-on: nothing to draw
  const Eigen::Matrix2d inv = m.inverse();
  const double ex = std::abs(m(0, 0)) + std::abs(m(0, 1)) + 1.0;
  const double ey = std::abs(m(1, 0)) + std::abs(m(1, 1)) + 1.0;
  const int u0 = std::max(0, static_cast<int>(std::floor(c->u_px - ex)));
  const int u1 = std::min(bgr.cols - 1, static_cast<int>(std::ceil(c->u_px + ex)));
  const int v0 = std::max(0, static_cast<int>(std::floor(c->v_px - ey)));
  const int v1 = std::min(bgr.rows - 1, static_cast<int>(std::ceil(c->v_px + ey)));
  constexpr std::array<double, 4> kSub{-0.375, -0.125, 0.125, 0.375};
  for (int v = v0; v <= v1; ++v) {
    auto* row = bgr.ptr<cv::Vec3b>(v);
    for (int u = u0; u <= u1; ++u) {
      int inside = 0;
      for (double sv : kSub) {
        for (double su : kSub) {
          const Vector2d q = inv * Vector2d(u + su - c->u_px, v + sv - c->v_px);
          inside += q.squaredNorm() <= 1.0 ? 1 : 0;
        }
      }
      if (inside == 0) continue;
      const double a = inside / 16.0;
      for (int k = 0; k < 3; ++k) {
        row[u][k] = cv::saturate_cast<std::uint8_t>((1.0 - a) * row[u][k] + a * colour[k]);
      }
    }
  }
  return c;
}

}  // namespace

double standing_knee_height_m(const SubjectModel& subject) {
  return subject.body_at(0.0).knee_m.z();
}

SceneRenderer::SceneRenderer(const SubjectModel& subject, const SimCameraOptions& o,
                             std::uint64_t seed)
    : subject_(subject), options_(o), seed_(seed) {
  const SubjectTruth& truth = subject.truth();
  constexpr double kDeg = std::numbers::pi / 180.0;
  CameraPlacement p;
  // In line with the stance foot, which points at the camera (the set-up of docs/camera.md).
  p.target_m = Vector3d(truth.ankle_ml_m, truth.ankle_ap_m, 0.0);
  p.distance_m = o.distance_m;
  p.height_m = o.height_m.value_or(standing_knee_height_m(subject));
  p.lateral_m = o.lateral_m;
  p.orbit_rad = o.orbit_deg * kDeg;
  p.yaw_rad = o.yaw_deg * kDeg;
  p.pitch_rad = o.pitch_deg * kDeg;
  p.roll_rad = o.roll_deg * kDeg;
  p.focal_px = o.focal_px;
  p.width_px = o.width_px;
  p.height_px = o.height_px;
  camera_ = place_camera(p);
  background_ = draw_room(camera_, o.width_px, o.height_px, truth.ankle_ap_m - kWallBehind_m);
}

void SceneRenderer::draw_body(const BodyFigure& f, cv::Mat& bgr) const {
  const PinholeCamera& cam = camera_;
  const Vector3d mid_hip = 0.5 * (f.stance.hip_m + f.free_hip_m);
  // The trunk and pelvis first (farthest), then the legs, the farther leg first.
  draw_capsule(bgr, cam, mid_hip, f.trunk_top_m, kTrunkWidth_m, kTrunkWidth_m, kShirt);
  const Vector3d across = f.stance.hip_m - f.free_hip_m;
  draw_capsule(bgr, cam, f.stance.hip_m + 0.4 * across, f.free_hip_m - 0.4 * across, kPelvisWidth_m,
               kPelvisWidth_m, kShorts, false);
  struct Leg {
    Vector3d hip, knee, ankle, heel, toe;
  };
  const Vector3d free_heel = f.free_ankle_m - 0.25 * (f.free_toe_m - f.free_ankle_m);
  std::array<Leg, 2> legs{
      Leg{f.stance.hip_m, f.stance.knee_m, f.stance.ankle_m, f.stance.heel_m, f.stance.toe_m},
      Leg{f.free_hip_m, f.free_knee_m, f.free_ankle_m, free_heel, f.free_toe_m}};
  const auto depth = [&](const Leg& l) { return cam.to_camera(0.5 * (l.hip + l.knee)).z(); };
  if (depth(legs[0]) < depth(legs[1])) std::swap(legs[0], legs[1]);
  for (const Leg& l : legs) {
    draw_capsule(bgr, cam, l.heel, l.toe, kFootWidth_m, kFootWidth_m, kSkinScalar);
    draw_capsule(bgr, cam, l.knee, l.ankle, kShankWidth_m[0], kShankWidth_m[1], kSkinScalar);
    draw_capsule(bgr, cam, l.hip, l.knee, kThighWidth_m[0], kThighWidth_m[1], kSkinScalar, false);
    draw_capsule(bgr, cam, l.hip - 0.1 * (l.knee - l.hip), l.hip + kShortsLength * (l.knee - l.hip),
                 kThighWidth_m[0] + 0.03, kThighWidth_m[0] + 0.02, kShorts, false);
  }
}

bool SceneRenderer::covered(std::size_t marker, double t_s) const {
  const SimCameraOptions& o = options_;
  return o.occluded != SimMarker::kNone && static_cast<std::size_t>(o.occluded) - 1 == marker &&
         t_s >= o.occlusion_start_s && t_s < o.occlusion_start_s + o.occlusion_duration_s;
}

bool SceneRenderer::fallen(std::size_t marker, double t_s) const {
  const SimCameraOptions& o = options_;
  return o.fallen != SimMarker::kNone && static_cast<std::size_t>(o.fallen) - 1 == marker &&
         t_s >= o.fall_s;
}

RenderedFrame SceneRenderer::seen(const BodyFigure& f, double t_s) const {
  RenderedFrame out;
  out.body_t_s = t_s - options_.delay_s;
  const std::array<Vector3d, 3> at{f.stance.asis_m, f.stance.patella_m, f.stance.ankle_m};
  for (std::size_t i = 0; i < 3; ++i) {
    if (!covered(i, t_s) && !fallen(i, t_s)) out.markers[i] = camera_.project(at[i]);
  }
  return out;
}

RenderedFrame SceneRenderer::truth(double t_s) const {
  return seen(body_figure(subject_, t_s - options_.delay_s), t_s);
}

RenderedFrame SceneRenderer::render(double t_s, std::int64_t index, cv::Mat& bgr) {
  const SimCameraOptions& o = options_;
  const BodyFigure f = body_figure(subject_, t_s - o.delay_s);
  background_.copyTo(bgr);
  draw_body(f, bgr);

  // The markers: discs on the skin facing forward; a fallen one lies flat by the stance foot.
  const Vector3d up = Vector3d::UnitZ();
  const Vector3d lateral(f.stance.toe_m.x() > f.free_toe_m.x() ? 1.0 : -1.0, 0.0, 0.0);
  const double radius_m = o.marker_diameter_m / 2.0;
  const std::array<Vector3d, 3> at{f.stance.asis_m, f.stance.patella_m, f.stance.ankle_m};
  const std::array<cv::Vec3b, 3> colour{kHipColour, kKneeColour, kAnkleColour};
  for (std::size_t i = 0; i < 3; ++i) {
    if (fallen(i, t_s)) {
      Vector3d floor = f.stance.toe_m + 0.10 * lateral;
      const bool on_plate =
          std::abs(floor.x()) <= kPlateHalfX_m && std::abs(floor.y()) <= kPlateHalfY_m;
      floor.z() = (on_plate ? 0.0 : kFloorZ_m) + 0.001;
      draw_disc(bgr, camera_, floor, radius_m, Vector3d::UnitX(), Vector3d::UnitY(), colour[i]);
      continue;
    }
    draw_disc(bgr, camera_, at[i], radius_m, Vector3d::UnitX(), up, colour[i]);
    // A hand in front of the marker, larger than it.
    if (covered(i, t_s)) {
      draw_disc(bgr, camera_, at[i] + 0.06 * f.anterior, 0.05, Vector3d::UnitX(), up, kHand);
    }
  }

  double gain = o.gain;
  if (o.light_change_s && t_s >= *o.light_change_s) gain = o.light_change_gain;
  if (gain != 1.0) bgr.convertTo(bgr, -1, gain, 0.0);
  if (o.blur_px > 0.0) cv::GaussianBlur(bgr, bgr, cv::Size(0, 0), o.blur_px);
  if (o.noise_sd > 0.0) {
    // Each frame has its own noise stream, so a frame looks the same whenever it is rendered.
    cv::RNG rng(seed_ ^ (0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(index + 1)));
    noise_.create(bgr.rows, bgr.cols, CV_16SC3);
    rng.fill(noise_, cv::RNG::NORMAL, 0.0, o.noise_sd);
    cv::add(bgr, noise_, bgr, cv::noArray(), CV_8U);
  }
  return seen(f, t_s);
}

}  // namespace stance::sim
