#pragma once
// Physical constants and unit conversions. Inside Stance everything is SI; names carry the unit.

namespace stance {

inline constexpr double kStandardGravity_m_s2 = 9.80665;  // ISO 80000-3 standard acceleration
inline constexpr double kMmPerM = 1000.0;
inline constexpr double kMm2PerM2 = 1.0e6;

inline constexpr double mm_from_m(double m) {
  return m * kMmPerM;
}
inline constexpr double m_from_mm(double mm) {
  return mm / kMmPerM;
}
inline constexpr double cm_from_m(double m) {
  return m * 100.0;
}
inline constexpr double mm2_from_m2(double m2) {
  return m2 * kMm2PerM2;
}
inline constexpr double ms_from_s(double s) {
  return s * 1000.0;
}
inline constexpr double kg_from_newtons(double n) {
  return n / kStandardGravity_m_s2;
}

}  // namespace stance
