#include "cli/import_options.hpp"

#include "recording/load_recording.hpp"

namespace stance::cli {

std::vector<OptionSpec> import_options() {
  return {
      {"plate", "N", "which plate of a multi-plate file (OpenSim: 1 right, 2 left; default 1)",
       whole_number_in(1, 64)},
      {"min-fz", "N", "vertical force below which COP is undefined, in N (default 10)",
       number_in(0, 10000)},
  };
}

Result<ImportOptions> import_options_from(const ParsedArgs& args) {
  const auto plate = args.whole_number("plate", 1);
  if (!plate) return plate.error();
  const auto min_fz = args.number("min-fz", kDefaultMinFz_n);
  if (!min_fz) return min_fz.error();
  ImportOptions out;
  out.plate = static_cast<int>(*plate);
  out.min_fz_n = *min_fz;
  return out;
}

bool only_the_plate_was_wrong(const std::filesystem::path& path, const ImportOptions& options) {
  if (options.plate == 1) return false;
  ImportOptions first = options;
  first.plate = 1;
  return load_recording(path, first).ok();
}

}  // namespace stance::cli
