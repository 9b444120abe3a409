#pragma once
// Loads in the plate frame and the centre-of-pressure maths of both plate layouts.
#include <array>

#include "core/plate.hpp"

namespace stance {

// Force the person applies to the plate (N) and moments about the transducer origin (N·m),
// with the SPP sign conventions (protocol section 4): Fz > 0 when someone stands on the plate.
struct Wrench {
  double fx_n = 0.0, fy_n = 0.0, fz_n = 0.0;
  double mx_nm = 0.0, my_nm = 0.0, mz_nm = 0.0;
};

struct CopPoint {
  double ml_m = 0.0;   // plate x
  double ap_m = 0.0;   // plate y
  bool valid = false;  // false when |Fz| < threshold: the point is then (0, 0), never NaN or inf
};

// Below this vertical load the COP is not defined well enough to use (10 N is ~1 kg).
inline constexpr double kDefaultMinFz_n = 10.0;

// SPP section 4: x = -(My + dz·Fx)/Fz, y = (Mx - dz·Fy)/Fz, dz = origin depth below the surface.
CopPoint cop_from_wrench(const Wrench& w, double origin_dz_m, double min_fz_n = kDefaultMinFz_n);

// Four vertical load cells: Fz = ΣFi, Mx = ΣFi·yi, My = -ΣFi·xi (moments about the plate centre,
// so that cop_from_wrench with dz = 0 gives the force-weighted mean of the cell positions).
Wrench wrench_from_cells(const std::array<double, 4>& cell_force_n,
                         const std::array<CellPosition, 4>& cells);

}  // namespace stance
