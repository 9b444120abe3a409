// `stance export PATIENT --out FILE` and `stance import FILE`: a patient's whole record, with
// the raw recordings, between machines. The file is a one-patient Stance store (docs/store.md).
#include "cli/cli.hpp"
#include "cli/store_access.hpp"
#include "cli/store_commands.hpp"
#include "store/transfer.hpp"

namespace stance::cli {
namespace {

int run_export(const ParsedArgs& args, Context& context) {
  const auto out = args.value("out");
  if (!out) {
    context.err << "stance: export needs --out FILE; see `stance export --help`\n";
    return kExitUsage;
  }
  auto store = open_store_to_read(args, context);
  if (!store) return fail(context, store.error().message);
  const WriteOptions write{args.flag("force") ? IfExists::kReplace : IfExists::kRefuse, {}};
  if (Status s = store::export_patient(*store, args.positionals[0], *out, write); !s) {
    return fail(context, s.error().message);
  }
  context.out << "Exported " << args.positionals[0] << " (sessions, trials, recordings) to " << *out
              << "; readable by its owner only\n";
  return kExitOk;
}

int run_import(const ParsedArgs& args, Context& context) {
  auto store = open_store(args, context);
  if (!store) return fail(context, store.error().message);
  const auto codes = store::import_patients(args.positionals[0], *store);
  if (!codes) return fail(context, codes.error().message);
  for (const std::string& code : *codes) context.out << "Imported " << code << "\n";
  context.out << "into " << store->path().string() << "\n";
  return kExitOk;
}

}  // namespace

Command export_command() {
  return store_command("export", "write a patient's whole record to a file for another machine",
                       "stance export PATIENT --out FILE [--force] [--db FILE]", {"PATIENT"},
                       {{"out", "FILE", "the export file to create"},
                        {"force", "", "replace --out if it is an existing file (never the store)"},
                        db_option()},
                       run_export,
                       "The file is a Stance store holding this patient only, recordings "
                       "included;\nmove it with `stance import FILE` on the other machine.");
}

Command import_command() {
  return store_command("import", "add the patients of an export file to the store",
                       "stance import FILE [--db FILE]", {"FILE"}, {db_option()}, run_import,
                       "All or nothing: a patient code that already exists refuses the whole "
                       "import.\nThe export file is only read.");
}

}  // namespace stance::cli
