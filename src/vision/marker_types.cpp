#include "vision/marker_types.hpp"

namespace stance::vision {

const HsvRange& MarkerColours::of(Marker m) const {
  return m == Marker::kHip ? hip : (m == Marker::kKnee ? knee : ankle);
}

HsvRange& MarkerColours::of(Marker m) {
  return m == Marker::kHip ? hip : (m == Marker::kKnee ? knee : ankle);
}

}  // namespace stance::vision
