#include "cli/plate_trust.hpp"

#include <ctime>

#include "cli/store_access.hpp"
#include "core/analysis_policy.hpp"

namespace stance::cli {

int mass_check_interval(const store::Store& store, Context& context) {
  const auto days = store.mass_check_interval_days();
  if (days) return *days;
  context.err << "stance: warning: " << days.error().message << "; "
              << kDefaultMassCheckIntervalDays << " days used\n";
  return kDefaultMassCheckIntervalDays;
}

int mass_check_interval(const ParsedArgs& args, Context& context) {
  std::error_code ec;
  if (!std::filesystem::exists(store_path(args, context), ec)) return kDefaultMassCheckIntervalDays;
  const auto store = open_store_to_read(args, context);
  if (!store) {
    context.err << "stance: warning: the clinic's known-mass check interval is not known ("
                << store.error().message << "); " << kDefaultMassCheckIntervalDays
                << " days used\n";
    return kDefaultMassCheckIntervalDays;
  }
  return mass_check_interval(*store, context);
}

PlateVerification mark_if_not_verified(const Tare& tare, const std::string& serial,
                                       int interval_days, TrialMetadata& metadata, Context& context,
                                       bool& warned) {
  PlateVerification v = plate_verification(tare, std::time(nullptr), interval_days);
  if (!v.needs_check()) return v;
  mark_plate_not_verified(metadata, v.reason);
  if (!warned) {
    context.err << "stance: warning: plate " << serial << " not verified: " << v.reason
                << ". Run the known-mass check first (stance calibrate check); recorded "
                   "anyway, every trial is marked \"plate not verified\"\n";
    warned = true;
  }
  return v;
}

}  // namespace stance::cli
