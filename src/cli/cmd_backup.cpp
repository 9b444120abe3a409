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
  const WriteOptions write{args.flag("force") ? IfExists::kReplace : IfExists::kRefuse, {}};
  if (Status s = store->backup_to(*out, write); !s) return fail(context, s.error().message);
  context.out << "Backed up " << store->path().string() << " to " << *out
              << " (checked; readable by its owner only)\n";
  return kExitOk;
}

}  // namespace

Command backup_command() {
  return store_command("backup", "a consistent copy of the whole store, also while in use",
                       "stance backup --out FILE [--force] [--db FILE]", {},
                       {{"out", "FILE", "the backup file to create"},
                        {"force", "", "replace --out if it is an existing file (never the store)"},
                        db_option()},
                       run_backup,
                       "Uses SQLite's online backup: the copy is one moment of the store, "
                       "even while\nanother Stance writes to it. Restore by using the copy "
                       "with --db. The copy is made\nbeside --out and named so only once it is "
                       "whole and checked.");
}

}  // namespace stance::cli
