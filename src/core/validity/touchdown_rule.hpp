#pragma once
// The rule that tells the other foot touching down from a squat's own unloading. Shared by the
// squat analysis (which breaks the COM path there) and the validity verdict (which reports it),
// so that both see the same touchdowns; docs/metrics.md, "Trial validity".
namespace stance {

struct TouchdownRule {
  // A drop of the vertical force of at least min_share of body weight within lag_s that the
  // slow (< slow_lowpass_hz) trajectory of the force, where a squat's own COM acceleration
  // lives, does not follow; the load stays down at least min_s.
  double min_share = 0.12;
  double lag_s = 0.06;
  double min_s = 0.035;
  double fast_lowpass_hz = 20.0;
  double slow_lowpass_hz = 2.0;
  // The impulse check runs between rests at most this far apart (body-weight errors grow with
  // time), where the force's SD and its distance from body weight stay within this share of it;
  // without such rests, the running impulse must come back half-way within repay_s.
  double impulse_span_s = 30.0;
  double impulse_rest_fraction = 0.005;
  double repay_s = 1.5;
  double landing_guard_s = 1.0;  // no touchdown is looked for while landing from a flight
  double takeoff_guard_s = 0.3;  // nor in the fall of the load into an unloading

  bool operator==(const TouchdownRule&) const = default;
};

}  // namespace stance
