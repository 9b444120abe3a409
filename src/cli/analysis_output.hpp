#pragma once
// The basic analysis as a clinician reads it (mm, mm/s, mm², N, kg) and as JSON for research.
#include <ostream>
#include <string>

#include "core/basic_analysis.hpp"
#include "recording/load_recording.hpp"

namespace stance::cli {

struct AnalysisSource {
  std::string path;
  const LoadedRecording* loaded = nullptr;
};

void print_analysis_text(std::ostream& out, const AnalysisSource& source, const BasicAnalysis& a);
void print_analysis_json(std::ostream& out, const AnalysisSource& source, const BasicAnalysis& a);

// "12.3" with the given number of decimals, for aligned tables.
std::string fixed(double value, int decimals);

}  // namespace stance::cli
