// `stance report` end to end: a real store, the real executable's code path, the files read back
// with poppler (pdftotext, pdfinfo, pdftoppm): stored figures on the page exactly as stored, a
// 12-session progress sheet on one page, long names, a missing side, an invalid trial, and
// pseudonymised exports that hold no name or birth year.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "../cli/cli_run.hpp"
#include "core/symmetry.hpp"
#include "json_check.hpp"
#include "shell_output.hpp"
#include "stored_sessions.hpp"
#include "temp_dir.hpp"

namespace stance::report {
namespace {

using cli::CliRun;
using stance::test_support::PlannedTrial;
using test_support::run;

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string mean_sd_n(const std::vector<double>& values, int decimals) {
  const TrialSummary s = summarize_trials(values);
  char text[64];
  std::snprintf(text, sizeof text, "%.*f ± %.*f (%d)", decimals, s.mean, decimals, s.sd, s.trials);
  return text;
}

class ReportCommandTest : public ::testing::Test {
 protected:
  CliRun report(std::vector<std::string> args) {
    args.insert(args.begin(), "report");
    args.push_back("--db");
    args.push_back(db_.string());
    return cli::stance(args);
  }
  std::string pdf_text(const std::filesystem::path& pdf) {
    info_ = run("pdfinfo " + pdf.string());
    return run("pdftotext -layout " + pdf.string() + " -");
  }
  // Stored values of one metric over a session's valid trials of one side.
  std::vector<double> stored(std::int64_t session, Limb limb, const std::string& key) {
    std::vector<double> out;
    const auto trials = stored_.store().trials(session);
    EXPECT_TRUE(trials);
    if (!trials) return out;
    for (const store::Trial& t : *trials) {
      const auto metrics = stored_.store().metrics(t.id);
      if (t.limb != limb || !t.results.valid || !metrics) continue;
      for (const store::Metric& m : *metrics) {
        if (m.key == key) out.push_back(m.value);
      }
    }
    return out;
  }

  test::TempDir dir_{"stance-report-cli"};
  const std::filesystem::path db_ = dir_.path("clinic.db");
  stance::test_support::StoredSessions stored_{db_};
  std::string info_;
};

TEST_F(ReportCommandTest, AllThreeFormatsCarryTheStoredFigures) {
  const auto patient = stored_.add_patient("PFP-0042", "Alexandra Example", 1987);
  const auto session = stored_.add_session(patient, "2026-03-01T09:00:00Z");
  for (int a = 1; a <= 2; ++a) {
    stored_.add_trial(session, {Task::kSingleLegStance, Limb::kLeft, Eyes::kOpen, a}, a);
    stored_.add_trial(session, {Task::kSingleLegStance, Limb::kRight, Eyes::kOpen, a}, 10 + a);
  }
  const auto pdf = dir_.path("sheet.pdf");
  const CliRun r = report({std::to_string(session), "--out", pdf.string(), "--clinic",
                           "Physio North", "--comment", "Retest in 6 weeks"});
  ASSERT_EQ(r.code, cli::kExitOk) << r.err;
  EXPECT_NE(r.out.find("written to " + pdf.string()), std::string::npos) << r.out;
  const std::string text = pdf_text(pdf);
  ASSERT_FALSE(text.empty()) << "pdftotext gave nothing (poppler-utils installed?)";
  EXPECT_NE(info_.find("Pages:           1"), std::string::npos) << info_;
  for (const char* s : {"Physio North", "PFP-0042", "Alexandra Example", "born 1987",
                        "Retest in 6 weeks", "Single-leg stance, eyes open: key figures"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n" << text;
  }
  // Each side's mean ± SD (n) of the stored values, rounded as the sheet prints them.
  for (Limb limb : {Limb::kLeft, Limb::kRight}) {
    const std::string v = mean_sd_n(stored(session, limb, "mean_velocity"), 1);
    EXPECT_NE(text.find(v), std::string::npos) << v << "\n" << text;
    const std::string a = mean_sd_n(stored(session, limb, "ellipse_area_95"), 0);
    EXPECT_NE(text.find(a), std::string::npos) << a << "\n" << text;
  }

  const auto csv = dir_.path("sheet.csv");
  ASSERT_EQ(report({std::to_string(session), "--out", csv.string()}).code, cli::kExitOk);
  const std::string csv_text = read(csv);
  EXPECT_EQ(csv_text.rfind("patient_code,patient_name,birth_year,", 0), 0u);
  EXPECT_EQ(std::count(csv_text.begin(), csv_text.end(), '\n'), 5);  // header + 4 trials
  EXPECT_NE(csv_text.find("Alexandra Example"), std::string::npos);

  const auto json = dir_.path("sheet.json");
  ASSERT_EQ(report({std::to_string(session), "--out", json.string()}).code, cli::kExitOk);
  const std::string json_text = read(json);
  EXPECT_EQ(test_support::JsonCheck(json_text).error(), "");
  EXPECT_NE(json_text.find("\"schema\": \"stance.visit-report/1\""), std::string::npos);
  EXPECT_NE(json_text.find("\"key\": \"path_length\""), std::string::npos);  // every metric
  EXPECT_NE(json_text.find("\"lsi_percent\": "), std::string::npos);

  // --format wins over the extension; US Letter.
  const auto other = dir_.path("sheet.out");
  ASSERT_EQ(report({std::to_string(session), "--out", other.string(), "--format", "pdf", "--paper",
                    "letter"})
                .code,
            cli::kExitOk);
  pdf_text(other);
  EXPECT_NE(info_.find("letter"), std::string::npos) << info_;
}

TEST_F(ReportCommandTest, TwelveVisitsOfProgressStillFitOnePage) {
  const auto patient = stored_.add_patient("PFP-12", "Twelve Visits", 1975);
  std::int64_t last = 0;
  for (int s = 1; s <= 12; ++s) {
    char date[32];
    std::snprintf(date, sizeof date, "2026-%02d-01T09:00:00Z", s);
    last = stored_.add_session(patient, date);
    // Sway falls over the visits on the involved (left) side.
    const std::string sway = ",sway_ml_mm=" + std::to_string(12 - 0.5 * s) +
                             ",sway_ap_mm=" + std::to_string(18 - 0.6 * s);
    for (int a = 1; a <= 2; ++a) {
      stored_.add_trial(last, {Task::kSingleLegStance, Limb::kLeft, Eyes::kOpen, a, sway, 6},
                        100 * s + a);
      stored_.add_trial(last, {Task::kSingleLegStance, Limb::kRight, Eyes::kOpen, a, "", 6},
                        100 * s + 10 + a);
    }
  }
  const auto logo = dir_.path("logo");  // a real PNG: a page of an earlier sheet, small
  ASSERT_EQ(report({"1", "--out", dir_.path("first.pdf").string()}).code, cli::kExitOk);
  run("pdftoppm -png -r 10 -singlefile " + dir_.path("first.pdf").string() + " " + logo.string());
  const auto pdf = dir_.path("progress.pdf");
  const CliRun r = report({std::to_string(last), "--out", pdf.string(), "--progress", "--logo",
                           logo.string() + ".png"});
  ASSERT_EQ(r.code, cli::kExitOk) << r.err;
  const std::string text = pdf_text(pdf);
  EXPECT_NE(info_.find("Pages:           1"), std::string::npos) << info_;
  EXPECT_NE(text.find("Progress"), std::string::npos) << text;
  EXPECT_NE(text.find("12 visit(s) up to this one"), std::string::npos) << text;
  EXPECT_NE(text.find("MDC95"), std::string::npos) << text;
  EXPECT_NE(text.find("page 1 of 1"), std::string::npos) << text;
  if (const char* keep = std::getenv("STANCE_KEEP_SHEET")) {
    std::filesystem::copy_file(pdf, keep, std::filesystem::copy_options::overwrite_existing);
  }
  // JSON and CSV with progress too.
  const auto json = dir_.path("progress.json");
  ASSERT_EQ(report({std::to_string(last), "--out", json.string(), "--progress"}).code,
            cli::kExitOk);
  const std::string json_text = read(json);
  EXPECT_EQ(test_support::JsonCheck(json_text).error(), "");
  EXPECT_NE(json_text.find("\"beyond_mdc\": true"), std::string::npos);
  // An earlier visit's sheet follows the visits up to it only.
  ASSERT_EQ(report({"6", "--out", pdf.string(), "--progress", "--force"}).code, cli::kExitOk);
  EXPECT_NE(pdf_text(pdf).find("6 visit(s) up to this one"), std::string::npos);
}

TEST_F(ReportCommandTest, LongNameMissingSideAndInvalidTrial) {
  const auto patient =
      stored_.add_patient("PFP-7", std::string(200, 'W') + " Example", 1960, Limb::kRight);
  const auto session = stored_.add_session(patient, "2026-03-01T09:00:00Z");
  stored_.add_trial(session, {Task::kSingleLegStance, Limb::kLeft, Eyes::kOpen, 1}, 1);
  stored_.add_trial(
      session,
      {Task::kSingleLegStance, Limb::kLeft, Eyes::kOpen, 2, ",touchdown_s=3,touchdown_share=0.5"},
      2);
  const auto pdf = dir_.path("sheet.pdf");
  ASSERT_EQ(report({std::to_string(session), "--out", pdf.string(), "--progress"}).code,
            cli::kExitOk);
  const std::string text = pdf_text(pdf);
  EXPECT_NE(info_.find("Pages:           1"), std::string::npos) << info_;
  EXPECT_NE(text.find("INVALID"), std::string::npos) << text;
  const std::string left = mean_sd_n(stored(session, Limb::kLeft, "mean_velocity"), 1);
  EXPECT_NE(text.find(left), std::string::npos) << left << "\n" << text;  // the valid one only
  EXPECT_NE(text.find("(1)"), std::string::npos);
  const auto csv = dir_.path("sheet.csv");
  ASSERT_EQ(report({std::to_string(session), "--out", csv.string()}).code, cli::kExitOk);
  EXPECT_NE(read(csv).find(",false,invalid: "), std::string::npos) << read(csv);
}

TEST_F(ReportCommandTest, PseudonymisedExportsHoldNoNameNorBirthYear) {
  const auto patient = stored_.add_patient("PFP-9", "Zebulon Quixote", 1931);
  const auto session = stored_.add_session(patient, "2026-03-01T09:00:00Z");
  stored_.add_trial(session, {Task::kSingleLegStance, Limb::kLeft}, 1);
  stored_.add_trial(session, {Task::kSingleLegSquat, Limb::kRight}, 2);
  for (const char* ext : {".pdf", ".csv", ".json"}) {
    const auto out = dir_.path(std::string("pseudo") + ext);
    const CliRun r = report({std::to_string(session), "--out", out.string(), "--pseudonymise"});
    ASSERT_EQ(r.code, cli::kExitOk) << r.err;
    EXPECT_NE(r.out.find("pseudonymised"), std::string::npos);
    const std::string text = std::string(ext) == ".pdf" ? pdf_text(out) : read(out);
    EXPECT_NE(text.find("PFP-9"), std::string::npos) << ext;
    EXPECT_EQ(text.find("Zebulon"), std::string::npos) << ext;
    EXPECT_EQ(text.find("Quixote"), std::string::npos) << ext;
    EXPECT_EQ(text.find("born 1931"), std::string::npos) << ext;
    EXPECT_EQ(text.find("birth_year\": 1931"), std::string::npos) << ext;
    EXPECT_EQ(text.find(",1931,"), std::string::npos) << ext;
  }
}

TEST_F(ReportCommandTest, AFifoOrADeviceAsTheLogoIsRefusedNotWaitedOn) {
  // cairo's own PNG reader opened a FIFO and waited for a writer for ever.
  const auto patient = stored_.add_patient("PFP-1", "", 1990);
  const auto session = stored_.add_session(patient, "2026-03-01T09:00:00Z");
  stored_.add_trial(session, {Task::kSingleLegStance, Limb::kLeft}, 1);
  const auto fifo = dir_.path("logo.png");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string out = dir_.path("s.pdf").string();
  for (const std::string& logo : {fifo.string(), std::string("/dev/zero")}) {
    const CliRun r = report({"1", "--out", out, "--logo", logo});
    EXPECT_EQ(r.code, cli::kExitFailed) << logo;
    EXPECT_NE(r.err.find("not a regular file"), std::string::npos) << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(ReportCommandTest, ClearErrors) {
  const auto patient = stored_.add_patient("PFP-1", "", 1990);
  const auto session = stored_.add_session(patient, "2026-03-01T09:00:00Z");
  stored_.add_trial(session, {Task::kSingleLegStance, Limb::kLeft}, 1);
  const std::string out = dir_.path("s.pdf").string();
  const CliRun unknown = report({"42", "--out", out});
  EXPECT_EQ(unknown.code, cli::kExitFailed);
  EXPECT_NE(unknown.err.find("stance visit list"), std::string::npos) << unknown.err;
  EXPECT_EQ(report({"one", "--out", out}).code, cli::kExitUsage);
  EXPECT_EQ(report({"1"}).code, cli::kExitUsage);
  const CliRun ext = report({"1", "--out", dir_.path("s.txt").string()});
  EXPECT_EQ(ext.code, cli::kExitUsage);
  EXPECT_NE(ext.err.find("--format"), std::string::npos) << ext.err;
  EXPECT_EQ(report({"1", "--out", out, "--paper", "a5"}).code, cli::kExitUsage);
  const CliRun unwritable = report({"1", "--out", dir_.path("no/such/dir/s.pdf").string()});
  EXPECT_EQ(unwritable.code, cli::kExitFailed);
  EXPECT_NE(unwritable.err.find("cannot save"), std::string::npos) << unwritable.err;
  std::ofstream(dir_.path("bad.png")) << "not a png";
  const CliRun logo = report({"1", "--out", out, "--logo", dir_.path("bad.png").string()});
  EXPECT_EQ(logo.code, cli::kExitFailed);
  EXPECT_NE(logo.err.find("logo"), std::string::npos) << logo.err;
  EXPECT_FALSE(std::filesystem::exists(out));  // nothing half-written
  // The writer never replaces what it did not create: the open store (the old bug turned the
  // clinic's store into a PDF), an existing file without --force, a device, a link.
  const auto store_before = read(db_);
  for (const bool force : {false, true}) {
    std::vector<std::string> args{"1", "--out", db_.string(), "--format", "pdf"};
    if (force) args.push_back("--force");
    const CliRun store = report(args);
    EXPECT_EQ(store.code, cli::kExitFailed) << force;
    EXPECT_NE(store.err.find(force ? "which Stance has open" : "already exists"), std::string::npos)
        << store.err;
  }
  EXPECT_EQ(read(db_), store_before);
  EXPECT_TRUE(stored_.store().patient("PFP-1").ok());
  ASSERT_EQ(report({"1", "--out", out}).code, cli::kExitOk);
  const CliRun again = report({"1", "--out", out});
  EXPECT_EQ(again.code, cli::kExitFailed);
  EXPECT_NE(again.err.find("--force"), std::string::npos) << again.err;
  EXPECT_EQ(report({"1", "--out", out, "--force"}).code, cli::kExitOk);
  std::filesystem::create_symlink("/dev/null", dir_.path("null.pdf"));
  const CliRun link = report({"1", "--out", dir_.path("null.pdf").string(), "--force"});
  EXPECT_EQ(link.code, cli::kExitFailed);
  EXPECT_NE(link.err.find("symbolic link"), std::string::npos) << link.err;
  EXPECT_TRUE(std::filesystem::is_character_file("/dev/null"));

  const CliRun help = cli::stance({"report", "--help"});
  EXPECT_EQ(help.code, cli::kExitOk);
  EXPECT_NE(help.out.find("Usage: stance report VISIT --out FILE"), std::string::npos);
}

}  // namespace
}  // namespace stance::report
