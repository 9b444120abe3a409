#pragma once
// The plate's sensing area in the COP frame, for the "COP outside the plate" rule.
#include "core/plate.hpp"

namespace stance {

struct PlateGeometry {
  double width_m = 0.4;      // along x (ML)
  double length_m = 0.6;     // along y (AP)
  double centre_ml_m = 0.0;  // the plate's centre in the COP frame (0 for Stance's plate frame;
  double centre_ap_m = 0.0;  // imported laboratory-frame COPs need the plate's position)
};

// The top surface of a Stance plate (origin at its centre, SPP section 3).
PlateGeometry plate_geometry(const PlateInfo& info);

}  // namespace stance
