// `stance table PATIENT | --all --out FILE.csv`: one row per trial of every visit of a patient,
// or of every patient, with every stored figure and descriptor: the research table across
// visits. The rows are the visit CSV's (report/sheet_csv.hpp), under one header.
#include "cli/cli.hpp"
#include "cli/export_file.hpp"
#include "cli/store_access.hpp"
#include "cli/store_commands.hpp"
#include "report/sheet_csv.hpp"
#include "report/visit_sheet.hpp"

namespace stance::cli {
namespace {

// The rows of every visit of `patient`, oldest first; counts the visits and trials.
Status append_patient(const store::Store& store, const store::Patient& patient,
                      const report::VisitSheetOptions& options, std::string& csv, int& visits,
                      int& trials) {
  const auto list = store.visits(patient.id);
  if (!list) return list.error();
  for (const store::Visit& v : *list) {
    const auto sheet = report::stored_visit_sheet(store, v.id, options);
    if (!sheet) return sheet.error();
    csv += report::csv_rows(*sheet);
    ++visits;
    trials += static_cast<int>(sheet->trials.size());
  }
  return {};
}

int run_table(const ParsedArgs& args, Context& context) {
  const auto out = args.value("out");
  if (!out) return usage_error(context, "table needs --out FILE (.csv); see `stance table --help`");
  const bool all = args.flag("all");
  if (all == !args.positionals.empty()) {
    return usage_error(context, "table needs a patient code or --all, one of the two");
  }
  auto store = open_store_to_read(args, context);
  if (!store) return fail(context, store.error().message);
  std::vector<store::Patient> patients;
  if (all) {
    auto list = store->patients();
    if (!list) return fail(context, list.error().message);
    patients = std::move(*list);
  } else {
    auto p = store->patient(args.positionals[0]);
    if (!p) return fail(context, p.error().message);
    patients.push_back(std::move(*p));
  }
  report::VisitSheetOptions options;
  options.pseudonymise = args.flag("pseudonymise");
  std::string csv = report::csv_header();
  int visits = 0, trials = 0;
  for (const store::Patient& p : patients) {
    if (Status s = append_patient(*store, p, options, csv, visits, trials); !s) {
      return fail(context, "no table written: " + s.error().message);
    }
  }
  if (Status s = write_text_export(args, csv, store::store_files(store->path())); !s) {
    return fail(context, "no table written: " + s.error().message);
  }
  context.out << trials << " trial(s) of " << visits << " visit(s) of " << patients.size()
              << " patient(s) written to " << written_path(*out) << "\n";
  return kExitOk;
}

}  // namespace

Command table_command() {
  Command command = store_command(
      "table", "a patient's trials across visits (or every patient's) as one CSV for research",
      "stance table PATIENT | --all --out FILE.csv [--pseudonymise] [--force] [--db FILE]", {},
      {{"out", "FILE", "the CSV file to create (never the store, never over a file)"},
       {"force", "", "replace --out if it is an existing file (never the store)"},
       {"all", "", "every patient of the store, not one"},
       {"pseudonymise", "", "leave out the names and birth years; keep the patient codes"},
       db_option()},
      run_table,
      "One row per trial of every visit, oldest first, with the columns of `stance report\n"
      "--format csv` (the stored figures and every COP descriptor): docs/report-formats.md.");
  command.spec.optional_positionals = {"PATIENT"};
  return command;
}

}  // namespace stance::cli
