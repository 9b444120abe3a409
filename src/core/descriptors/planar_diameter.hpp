#pragma once
// The largest distance between any two points of a planar trajectory (its diameter), exactly.
// A double sweep over every 8th point (the farthest point from a point, then the farthest from
// that one) gives a lower bound D0 and a centre c; a pair longer than D0 needs both points farther
// than D0 − m from c (m: the largest distance from c), which on COP trajectories leaves a handful
// of candidates, compared pairwise. If more remain, their convex hull (QuickHull: Eddy 1977; Barber
// et al. 1996) is searched pairwise, or with rotating calipers (Shamos 1978) when it has hundreds
// of vertices (near-circular clouds).
#include <Eigen/Core>
#include <vector>

namespace stance {

// Over the samples with usable[i] true; 0 for fewer than 2 of them.
double planar_diameter(const Eigen::ArrayXd& x, const Eigen::ArrayXd& y,
                       const std::vector<bool>& usable);
// Over all samples (when the caller already knows they are all usable).
double planar_diameter(const Eigen::ArrayXd& x, const Eigen::ArrayXd& y);

}  // namespace stance
