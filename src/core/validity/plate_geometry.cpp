#include "core/validity/plate_geometry.hpp"

namespace stance {

PlateGeometry plate_geometry(const PlateInfo& info) {
  PlateGeometry g;
  g.width_m = info.width_m;
  g.length_m = info.length_m;
  return g;
}

}  // namespace stance
