#include "core/wrench.hpp"

#include <cmath>

namespace stance {

CopPoint cop_from_wrench(const Wrench& w, double origin_dz_m, double min_fz_n) {
  // Also rejects NaN loads: the comparison is false for NaN.
  if (!(std::abs(w.fz_n) >= min_fz_n) || !std::isfinite(w.fz_n) || !std::isfinite(w.mx_nm) ||
      !std::isfinite(w.my_nm)) {
    return {};
  }
  CopPoint p;
  p.ml_m = -(w.my_nm + origin_dz_m * w.fx_n) / w.fz_n;
  p.ap_m = (w.mx_nm - origin_dz_m * w.fy_n) / w.fz_n;
  p.valid = std::isfinite(p.ml_m) && std::isfinite(p.ap_m);
  if (!p.valid) return {};
  return p;
}

Wrench wrench_from_cells(const std::array<double, 4>& cell_force_n,
                         const std::array<CellPosition, 4>& cells) {
  Wrench w;
  for (int i = 0; i < 4; ++i) {
    w.fz_n += cell_force_n[i];
    w.mx_nm += cell_force_n[i] * cells[i].y_m;
    w.my_nm -= cell_force_n[i] * cells[i].x_m;
  }
  return w;
}

}  // namespace stance
