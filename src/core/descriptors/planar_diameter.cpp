#include "core/descriptors/planar_diameter.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace stance {
namespace {

struct Point {
  double x = 0, y = 0;
};

// > 0 when p is to the left of the line a → b.
double cross(const Point& a, const Point& b, const Point& p) {
  return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
}

double distance2(const Point& a, const Point& b) {
  return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y);
}

// Appends the hull vertices strictly between a and b, in order, given the points [first, last)
// that all lie strictly left of a → b. Reorders that range in place.
void hull_side(const Point& a, const Point& b, Point* first, Point* last,
               std::vector<Point>& hull) {
  if (first == last) return;
  Point* far = first;
  double best = cross(a, b, *first);
  for (Point* p = first + 1; p != last; ++p) {
    const double c = cross(a, b, *p);
    if (c > best) {
      best = c;
      far = p;
    }
  }
  const Point c = *far;
  // Left of a → c to the front, left of c → b next; the rest is inside the triangle a, c, b.
  Point* end_ac = std::partition(first, last, [&](const Point& p) { return cross(a, c, p) > 0; });
  Point* end_cb = std::partition(end_ac, last, [&](const Point& p) { return cross(c, b, p) > 0; });
  hull_side(a, c, first, end_ac, hull);
  hull.push_back(c);
  hull_side(c, b, end_ac, end_cb, hull);
}

// Diameter of a point set through its convex hull.
double hull_diameter(std::vector<Point> points) {
  auto lexicographic = [](const Point& p, const Point& q) {
    return p.x < q.x || (p.x == q.x && p.y < q.y);
  };
  const auto [min_it, max_it] = std::minmax_element(points.begin(), points.end(), lexicographic);
  const Point a = *min_it, b = *max_it;
  // Upper side (left of a → b) first, then lower (left of b → a): a clockwise hull.
  auto upper_end = std::partition(points.begin(), points.end(),
                                  [&](const Point& p) { return cross(a, b, p) > 0; });
  auto lower_end =
      std::partition(upper_end, points.end(), [&](const Point& p) { return cross(b, a, p) > 0; });
  std::vector<Point> hull{a};
  hull_side(a, b, points.data(), points.data() + (upper_end - points.begin()), hull);
  hull.push_back(b);
  hull_side(b, a, points.data() + (upper_end - points.begin()),
            points.data() + (lower_end - points.begin()), hull);
  const std::size_t h = hull.size();
  double best = distance2(a, b);
  if (h <= 256) {  // pairwise: exact whatever the hull's shape, and cheap at this size
    for (std::size_t i = 0; i < h; ++i) {
      for (std::size_t j = i + 1; j < h; ++j) best = std::max(best, distance2(hull[i], hull[j]));
    }
    return std::sqrt(best);
  }
  // Rotating calipers: for each hull edge, the vertex farthest from it is antipodal to both ends.
  std::size_t j = 1;
  for (std::size_t i = 0; i < h; ++i) {
    const Point& p = hull[i];
    const Point& q = hull[(i + 1) % h];
    while (std::abs(cross(p, q, hull[(j + 1) % h])) > std::abs(cross(p, q, hull[j]))) {
      j = (j + 1) % h;
    }
    best = std::max({best, distance2(p, hull[j]), distance2(q, hull[j])});
  }
  return std::sqrt(best);
}

// Index of the point farthest from (px, py) among every `stride`-th one, and its squared
// distance.
Eigen::Index farthest(const Eigen::ArrayXd& x, const Eigen::ArrayXd& y, double px, double py,
                      Eigen::Index stride, double& distance2_out) {
  Eigen::Index index = 0;
  double best = -1;
  for (Eigen::Index i = 0; i < x.size(); i += stride) {
    const double d2 = (x[i] - px) * (x[i] - px) + (y[i] - py) * (y[i] - py);
    if (d2 > best) {
      best = d2;
      index = i;
    }
  }
  distance2_out = best;
  return index;
}

// Diameter of all the points.
double diameter(const Eigen::ArrayXd& x, const Eigen::ArrayXd& y) {
  const Eigen::Index n = x.size();
  if (n < 2) return 0.0;
  // Any pair gives a lower bound, so the double sweep looks at every 8th point only: on a
  // trajectory sampled far above its bandwidth that loses almost nothing of the bound.
  const Eigen::Index stride = n >= 256 ? 8 : 1;
  double d2 = 0;
  const Eigen::Index b = farthest(x, y, x[0], y[0], stride, d2);
  const Eigen::Index a = farthest(x, y, x[b], y[b], stride, d2);
  const double d0 = std::sqrt(d2);
  const double cx = 0.5 * (x[a] + x[b]), cy = 0.5 * (y[a] + y[b]);
  const double m = std::sqrt(((x - cx).square() + (y - cy).square()).maxCoeff());
  // Both ends of a pair longer than d0 lie farther than d0 − m from c (a hair less, for
  // rounding).
  const double threshold = std::max(0.0, d0 - m - 1e-12 * (d0 + m));
  const double threshold2 = threshold * threshold;
  // Blocks of 8 without a candidate (nearly all) cost one vectorised test.
  using Block = Eigen::Array<double, 8, 1>;
  constexpr Eigen::Index kLanes = Block::SizeAtCompileTime;
  std::vector<Point> candidates;
  auto test = [&](Eigen::Index i) {
    if ((x[i] - cx) * (x[i] - cx) + (y[i] - cy) * (y[i] - cy) > threshold2) {
      candidates.push_back({x[i], y[i]});
    }
  };
  Eigen::Index i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    const Block r2 = (x.segment<kLanes>(i) - cx).square() + (y.segment<kLanes>(i) - cy).square();
    if ((r2 > threshold2).any()) {
      for (Eigen::Index k = i; k < i + kLanes; ++k) test(k);
    }
  }
  for (; i < n; ++i) test(i);
  if (candidates.size() > 64) return std::max(d0, hull_diameter(std::move(candidates)));
  double best = d2;
  for (std::size_t p = 0; p < candidates.size(); ++p) {
    for (std::size_t q = p + 1; q < candidates.size(); ++q) {
      best = std::max(best, distance2(candidates[p], candidates[q]));
    }
  }
  return std::sqrt(best);
}

}  // namespace

double planar_diameter(const Eigen::ArrayXd& x, const Eigen::ArrayXd& y,
                       const std::vector<bool>& usable) {
  if (std::find(usable.begin(), usable.end(), false) == usable.end()) return diameter(x, y);
  std::vector<double> xs, ys;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (!usable[static_cast<std::size_t>(i)]) continue;
    xs.push_back(x[i]);
    ys.push_back(y[i]);
  }
  const auto n = static_cast<Eigen::Index>(xs.size());
  return diameter(Eigen::Map<const Eigen::ArrayXd>(xs.data(), n),
                  Eigen::Map<const Eigen::ArrayXd>(ys.data(), n));
}

double planar_diameter(const Eigen::ArrayXd& x, const Eigen::ArrayXd& y) {
  return diameter(x, y);
}

}  // namespace stance
