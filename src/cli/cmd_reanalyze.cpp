// `stance reanalyze [PATIENT | --all]`: recomputes stored results from the raw recordings with
// this version; the replaced results stay in the store with the version that made them.
#include <chrono>

#include "cli/cli.hpp"
#include "cli/store_access.hpp"
#include "cli/store_commands.hpp"
#include "services/stored_analysis.hpp"
#include "support/format.hpp"

namespace stance::cli {
namespace {

int run_reanalyze(const ParsedArgs& args, Context& context) {
  const bool all = args.flag("all");
  if (all == !args.positionals.empty()) {
    context.err << "stance: reanalyze needs a patient code or --all, not both\n";
    return kExitUsage;
  }
  auto store = open_store(args, context);
  if (!store) return fail(context, store.error().message);
  std::int64_t patient_id = 0;
  if (!all) {
    const auto p = store->patient(args.positionals[0]);
    if (!p) return fail(context, p.error().message);
    patient_id = p->id;
  }
  const auto ids = store->trial_ids(patient_id);
  if (!ids) return fail(context, ids.error().message);
  const auto start = std::chrono::steady_clock::now();
  int changed_verdicts = 0;
  for (const std::int64_t id : *ids) {
    const auto before = store->trial(id);
    if (!before) return fail(context, before.error().message);
    const auto bytes = store->recording(id);
    if (!bytes) return fail(context, bytes.error().message);
    const auto results = analyze_stored_recording(*bytes, "trial " + std::to_string(id));
    if (!results) return fail(context, results.error().message);
    if (Status s = store->replace_results(id, *results); !s) {
      return fail(context, "trial " + std::to_string(id) + ": " + s.error().message);
    }
    if (results->valid != before->results.valid) {
      ++changed_verdicts;
      context.out << "  trial " << id << ": verdict now " << results->verdict << " (was "
                  << before->results.verdict << " with " << before->results.software_version
                  << ")\n";
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  context.out << "Re-analysed " << ids->size() << " trial(s) with Stance " << STANCE_VERSION
              << " in " << fixed(seconds, 1) << " s; " << changed_verdicts
              << " verdict(s) changed. The results they replace are kept in the store.\n";
  return kExitOk;
}

}  // namespace

Command reanalyze_command() {
  Command command = store_command(
      "reanalyze", "recompute stored results from the raw recordings with this version",
      "stance reanalyze PATIENT | --all [--db FILE]", {},
      {{"all", "", "every trial of every patient"}, db_option()}, run_reanalyze,
      "Every recording's checksum is verified first. The results replaced are kept in the\n"
      "store's analysis history with the software version that computed them.");
  command.spec.optional_positionals = {"PATIENT"};
  return command;
}

}  // namespace stance::cli
