#pragma once
// What every importer of a plain recording returns, and the choices the caller makes.
// The formats, their axes and their rules are described in docs/importers.md.
#include <Eigen/Core>
#include <map>
#include <string>

#include "core/force_samples.hpp"
#include "core/wrench.hpp"

namespace stance {

struct ImportOptions {
  int plate = 1;                      // files with several plates (OpenSim): which one, from 1
  double min_fz_n = kDefaultMinFz_n;  // |Fz| below this: kLowForce, COP set to 0
};

struct ImportedRecording {
  ForceSamples samples;
  std::string format;  // "motive", "opensim", "csv-wrench", "csv-cells" or "csv-cop"
  std::map<std::string, std::string> metadata;  // as found in the file, keys verbatim
  Eigen::Index lost_samples = 0;                // samples flagged kMissing on the grid
  Eigen::Index rows_read = 0;                   // data rows in the file
};

}  // namespace stance
