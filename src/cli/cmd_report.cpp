// `stance report VISIT --out FILE`: a stored visit's test sheet as PDF, CSV or JSON
// (src/report/visit_report.hpp does the work; this file reads the options and says where the
// file went).
#include <charconv>

#include "cli/cli.hpp"
#include "cli/export_file.hpp"
#include "cli/store_access.hpp"
#include "cli/store_commands.hpp"
#include "report/visit_report.hpp"

namespace stance::cli {
namespace {

int run_report(const ParsedArgs& args, Context& context) {
  const std::string& id_text = args.positionals[0];
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (ec != std::errc() || end != id_text.data() + id_text.size() || id <= 0) {
    return usage_error(context,
                       "the visit is given by its number, e.g. `stance report 3 --out "
                       "sheet.pdf`; `stance visit list PATIENT` shows them");
  }
  const auto out = args.value("out");
  if (!out) return usage_error(context, "report needs --out FILE (.pdf, .csv or .json)");
  const auto format = args.value("format") ? report::parse_report_format(*args.value("format"))
                                           : report::format_for_path(*out);
  if (!format) {
    return usage_error(context, "cannot tell the format from '" + *out +
                                    "': name it .pdf, .csv or .json, or give --format");
  }
  const std::string paper_text = args.value_or("paper", "a4");
  report::VisitSheetOptions options;
  options.pseudonymise = args.flag("pseudonymise");
  options.progress = args.flag("progress");
  options.clinic = args.value_or("clinic", "");
  options.logo_png = args.value_or("logo", "");
  options.comment = args.value_or("comment", "");

  auto store = open_store_to_read(args, context);
  if (!store) return fail(context, store.error().message);
  const auto paper = paper_text == "letter" ? report::Paper::kLetter : report::Paper::kA4;
  const WriteOptions write{args.flag("force") ? IfExists::kReplace : IfExists::kRefuse, {}};
  if (Status s = report::write_visit_report(*store, id, *format, paper, *out, options, write); !s) {
    return fail(context, "no test sheet written: " + s.error().message);
  }
  context.out << "Test sheet of visit " << id << " (" << report::to_string(*format)
              << (*format == report::ReportFormat::kPdf ? ", " + paper_text : std::string())
              << (options.pseudonymise ? ", pseudonymised" : "") << ") written to "
              << written_path(*out) << "\n";
  return kExitOk;
}

}  // namespace

Command report_command() {
  return store_command(
      "report", "a stored visit's test sheet: one-page PDF, or CSV or JSON for research",
      "stance report VISIT --out FILE [--format pdf|csv|json] [--paper a4|letter] "
      "[--progress] [--pseudonymise] [--clinic NAME] [--logo PNG] [--comment TEXT] [--force] "
      "[--db FILE]",
      {"VISIT"},
      {{"out", "FILE", "the file to create (never the store, never over a file)"},
       {"force", "", "replace --out if it is an existing file (never the store)"},
       {"format", "FORMAT", "pdf, csv or json (default: from the extension of --out)",
        one_of({"pdf", "csv", "json"})},
       {"paper", "SIZE", "a4 (default) or letter, for the PDF", one_of({"a4", "letter"})},
       {"progress", "", "add the key figures of every visit up to this one, with the MDC95"},
       {"pseudonymise", "", "leave out the name and birth year; keep the patient code"},
       {"clinic", "NAME", "the clinic's name in the header (default: Stance clinic)"},
       {"logo", "PNG", "the clinic's logo in the header (a PNG image)"},
       {"comment", "TEXT", "the clinician's comment, printed in the comment box"},
       db_option()},
      run_report,
      "VISIT is a visit's number (`stance visit list PATIENT`): everything the patient did\n"
      "that day, every protocol, on one sheet. The figures are the stored results. Formats, "
      "columns and the JSON schema: docs/report-formats.md.");
}

}  // namespace stance::cli
