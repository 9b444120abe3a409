// `stance backup --out FILE`: a consistent copy of the whole store, even while it is in use.
#include "cli/cli.hpp"
#include "cli/store_access.hpp"
#include "cli/store_commands.hpp"

namespace stance::cli {
namespace {

int run_backup(const ParsedArgs& args, Context& context) {
  const auto out = args.value("out");
  if (!out) {
    context.err << "stance: backup needs --out FILE; see `stance backup --help`\n";
    return kExitUsage;
  }
  auto store = open_store_to_read(args, context);
  if (!store) return fail(context, store.error().message);
  if (Status s = store->backup_to(*out); !s) return fail(context, s.error().message);
  context.out << "Backed up " << store->path().string() << " to " << *out
              << " (checked; readable by its owner only)\n";
  return kExitOk;
}

}  // namespace

Command backup_command() {
  return store_command(
      "backup", "a consistent copy of the whole store, also while in use",
      "stance backup --out FILE [--db FILE]", {},
      {{"out", "FILE", "the backup file to create (never overwritten)"}, db_option()}, run_backup,
      "Uses SQLite's online backup: the copy is one moment of the store, "
      "even while\nanother Stance writes to it. Restore by using the copy "
      "with --db.");
}

}  // namespace stance::cli
