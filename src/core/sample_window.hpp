#pragma once
// The time window of a recording that an analysis looks at, as sample indices: one rule for the
// summary, the descriptor set and the squat, wobble and validity analyses.
#include <Eigen/Core>
#include <string>

#include "support/result.hpp"

namespace stance {

struct SampleRange {
  Eigen::Index first = 0, last = 0;  // samples [first, last)
  Eigen::Index count() const { return last - first; }
};

// The samples of a grid of `size` samples at rate_hz (sample i at i / rate_hz from the start) that
// lie in [start_s, end_s), clipped to the recording. Errors: start not before end, a window
// outside the recording, a window holding no sample.
Result<SampleRange> window_on_grid(Eigen::Index size, double rate_hz, double start_s, double end_s);

// "1.250 s": how windows are named in messages.
std::string seconds_text(double s);

}  // namespace stance
