#include "vision/marker_types.hpp"

namespace stance::vision {

const char* to_string(Marker m) {
  switch (m) {
    case Marker::kHip:
      return "hip";
    case Marker::kKnee:
      return "knee";
    case Marker::kAnkle:
      return "ankle";
  }
  return "?";
}

const HsvRange& MarkerColours::of(Marker m) const {
  return m == Marker::kHip ? hip : (m == Marker::kKnee ? knee : ankle);
}

HsvRange& MarkerColours::of(Marker m) {
  return m == Marker::kHip ? hip : (m == Marker::kKnee ? knee : ankle);
}

}  // namespace stance::vision
