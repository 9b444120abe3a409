// `stance reanalyze [PATIENT | --all]`: recomputes stored results from the raw recordings with
// this version; the replaced results stay in the store with the version that made them.
#include <chrono>
#include <cstddef>
#include <string>
#include <variant>

#include "cli/cli.hpp"
#include "cli/store_access.hpp"
#include "cli/store_commands.hpp"
#include "services/stored_analysis.hpp"
#include "support/format.hpp"

namespace stance::cli {
namespace {

// A trial whose recording cannot be read, decoded or analysed; the store is fine.
struct TrialFailure {
  std::string message;
};

// Re-analyses one trial; true when its verdict changed. A failed write of the store is an Error
// (it stops the command); a recording that does not analyse is a TrialFailure (the rest go on).
Result<std::variant<bool, TrialFailure>> reanalyze_trial(store::Store& store, std::int64_t id,
                                                         Context& context) {
  const auto before = store.trial(id);
  if (!before) return before.error();
  const auto bytes = store.recording(id);
  if (!bytes) return {TrialFailure{bytes.error().message}};
  const auto results = analyze_stored_recording(*bytes, "trial " + std::to_string(id));
  if (!results) return {TrialFailure{results.error().message}};
  if (Status s = store.replace_results(id, *results); !s) {
    return Error{"trial " + std::to_string(id) + ": " + s.error().message};
  }
  if (results->valid == before->results.valid) return {false};
  context.out << "  trial " << id << ": verdict now " << results->verdict << " (was "
              << before->results.verdict << " with " << before->results.software_version << ")\n";
  return {true};
}

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
  std::size_t failed = 0;
  for (const std::int64_t id : *ids) {
    const auto outcome = reanalyze_trial(*store, id, context);
    if (!outcome) return fail(context, outcome.error().message);
    if (const auto* failure = std::get_if<TrialFailure>(&*outcome)) {
      // One bad recording must not keep the others from this version's analysis.
      ++failed;
      context.err << "stance: trial " << id << " was not re-analysed (its stored results are "
                  << "kept): " << failure->message << "\n";
    } else if (std::get<bool>(*outcome)) {
      ++changed_verdicts;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  context.out << "Re-analysed " << ids->size() - failed << " trial(s) with Stance "
              << STANCE_VERSION << " in " << fixed(seconds, 1) << " s; " << changed_verdicts
              << " verdict(s) changed. The results they replace are kept in the store.\n";
  if (failed == 0) return kExitOk;
  context.err << "stance: " << failed << " of " << ids->size()
              << " trial(s) could not be re-analysed (see above); the others were. Restore "
                 "their recordings from a backup of the store made before they were damaged, "
                 "then run reanalyze again\n";
  return kExitFailed;
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
