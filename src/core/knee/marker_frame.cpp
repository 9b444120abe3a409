#include "core/knee/marker_frame.hpp"

namespace stance::knee {

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

}  // namespace stance::knee
