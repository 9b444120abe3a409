// Trust in the plate (issue 16, item 3): the verification state of a plate's adjustment, the
// clinic's interval in the store, and a plate whose known-mass check failed recorded on anyway
// from the command line: warned, every trial marked, the mark on the sheet (pdftotext).
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

#include "cli_fixture.hpp"
#include "recording/trial_file.hpp"
#include "services/plate_verification.hpp"
#include "store/store.hpp"

namespace stance::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kDay_s = 24 * 60 * 60;
constexpr std::int64_t kNow = 1796000000;  // 2026-11-30

Tare checked(double fz_error_n, std::int64_t at) {
  Tare t;
  t.last_check = {20.0, fz_error_n, 0.0, at};
  return t;
}

TEST(PlateVerification, FailedStaleFreshAndNever) {
  const PlateVerification failed = plate_verification(checked(-14.8, kNow - kDay_s), kNow, 30);
  EXPECT_EQ(failed.state, PlateTrust::kCheckFailed);
  EXPECT_TRUE(failed.needs_check());
  EXPECT_NE(failed.reason.find("failed on 2026-11-29"), std::string::npos) << failed.reason;
  // Failed on the COP alone (5 mm tolerance): the reason says so.
  Tare cop;
  cop.last_check = {20.0, 0.3, 7.5, kNow};
  const PlateVerification cop_failed = plate_verification(cop, kNow, 30);
  EXPECT_EQ(cop_failed.state, PlateTrust::kCheckFailed);
  EXPECT_NE(cop_failed.reason.find("(0.3 N, COP 7.5 mm off)"), std::string::npos)
      << cop_failed.reason;
  // A failed check stays failed however fresh it is.
  EXPECT_EQ(plate_verification(checked(6.0, kNow), kNow, 30).state, PlateTrust::kCheckFailed);

  const PlateVerification stale = plate_verification(checked(0.3, kNow - 31 * kDay_s), kNow, 30);
  EXPECT_EQ(stale.state, PlateTrust::kCheckTooOld);
  EXPECT_TRUE(stale.needs_check());
  EXPECT_NE(stale.reason.find("31 days old"), std::string::npos) << stale.reason;
  // The clinic's interval decides: 31 days is fine for a 60-day clinic.
  EXPECT_EQ(plate_verification(checked(0.3, kNow - 31 * kDay_s), kNow, 60).state,
            PlateTrust::kVerified);

  const PlateVerification fresh = plate_verification(checked(0.3, kNow - 30 * kDay_s), kNow, 30);
  EXPECT_EQ(fresh.state, PlateTrust::kVerified);
  EXPECT_FALSE(fresh.needs_check());
  // 1% of 20 kg is 1.96 N, so 5 N is the tolerance: 4.9 N passes.
  EXPECT_EQ(plate_verification(checked(4.9, kNow), kNow, 30).state, PlateTrust::kVerified);

  const PlateVerification never = plate_verification(Tare{}, kNow, 30);
  EXPECT_EQ(never.state, PlateTrust::kNeverChecked);
  EXPECT_FALSE(never.needs_check());
}

TEST_F(CliTest, TheClinicsCheckIntervalIsKeptInTheStore) {
  const std::string db = (dir_ / "clinic.db").string();
  const CliRun shown = stance({"clinic", "mass-check-interval", "--db", db});
  EXPECT_EQ(shown.code, kExitFailed);  // no store yet: a read never makes one
  const CliRun set = stance({"clinic", "mass-check-interval", "--set", "14", "--db", db});
  ASSERT_EQ(set.code, kExitOk) << set.err;
  EXPECT_NE(set.out.find("good for 14 days"), std::string::npos) << set.out;
  const CliRun again = stance({"clinic", "mass-check-interval", "--db", db});
  EXPECT_NE(again.out.find("good for 14 days"), std::string::npos) << again.out;
  EXPECT_EQ(stance({"clinic", "mass-check-interval", "--set", "0", "--db", db}).code, kExitUsage);

  auto store = store::Store::open(db);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(*store->mass_check_interval_days(), 14);
  EXPECT_FALSE(store->set_mass_check_interval_days(366).ok());
  ASSERT_TRUE(store->set_mass_check_interval_days(45).ok());
  ASSERT_TRUE(store->set_video_keeping(true).ok());  // another setting beside it
  EXPECT_EQ(*store->mass_check_interval_days(), 45);
  EXPECT_TRUE(*store->video_keeping());
  auto fresh = store::Store::open(dir_ / "fresh.db");
  ASSERT_TRUE(fresh);
  EXPECT_EQ(*fresh->mass_check_interval_days(), kDefaultMassCheckIntervalDays);
}

std::string pdf_text(const fs::path& pdf) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(
      popen(("pdftotext -layout '" + pdf.string() + "' -").c_str(), "r"), pclose);
  std::string text;
  if (!pipe) return text;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0;)
    text.append(buffer, n);
  return text;
}

std::size_t occurrences(const std::string& text, const std::string& word) {
  std::size_t n = 0;
  for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) ++n;
  return n;
}

// The clinician typed 20 kg, but 22 kg stood on the simulated plate (SIM-0001, the plate every
// `session record` trial is recorded on): the check fails and is kept for that serial.
TEST_F(CliTest, RecordingOnAPlateWhoseCheckFailedIsMarkedOnEveryTrialAndTheSheet) {
  const CliRun check = stance({"calibrate", "check", "--device",
                               "sim:realtime=0,seed=1,load=mass,mass=22", "--mass-kg", "20"});
  ASSERT_EQ(check.code, kExitFailed) << check.out << check.err;
  ASSERT_NE(check.out.find("Check FAILED"), std::string::npos) << check.out;

  const std::string db = (dir_ / "clinic.db").string();
  ASSERT_EQ(stance({"patient", "add", "P-16", "--involved", "left", "--db", db}).code, kExitOk);
  const CliRun session =
      stance({"session", "record", "P-16", "--protocol", "single-leg-squat", "--db", db});
  ASSERT_EQ(session.code, kExitOk) << session.err;
  EXPECT_EQ(occurrences(session.err, "not verified: its known-mass check failed on"), 1u)
      << session.err;  // said once, before the first trial
  EXPECT_EQ(occurrences(session.out, "plate not verified"), 6u) << session.out;

  const CliRun shown = stance({"session", "show", "1", "--db", db});
  EXPECT_EQ(occurrences(shown.out, "valid; plate not verified"), 6u) << shown.out;

  const fs::path sheet = dir_ / "sheet.pdf";
  const CliRun report = stance({"report", "1", "--out", sheet.string(), "--db", db});
  ASSERT_EQ(report.code, kExitOk) << report.err;
  const std::string text = pdf_text(sheet);
  ASSERT_FALSE(text.empty()) << "pdftotext (poppler-utils) is needed";
  EXPECT_NE(text.find("Plate not verified: 6 of 6 trials"), std::string::npos) << text;
  EXPECT_GE(occurrences(text, "plate not verified: its known-mass check failed on"), 1u) << text;

  // A single trial file carries the mark too, and its analysis says it.
  const fs::path trial = dir_ / "squat.stance";
  const CliRun rec = stance({"record", "--device", "sim:realtime=0,seed=1,task=squat", "--seconds",
                             "30", "--task", "squat", "--out", trial.string()});
  ASSERT_EQ(rec.code, kExitOk) << rec.err;
  EXPECT_NE(rec.err.find("plate SIM-0001 not verified"), std::string::npos) << rec.err;
  const auto recording = read_trial_file(trial);
  ASSERT_TRUE(recording) << recording.error().message;
  EXPECT_EQ(recording->metadata.extra.count("plate_not_verified"), 1u);
  const CliRun analysed = stance({"analyze", trial.string()});
  EXPECT_NE(analysed.out.find("plate not verified: its known-mass check failed"), std::string::npos)
      << analysed.out;

  // A passing check makes the plate verified again: nothing said, nothing marked.
  ASSERT_EQ(stance({"calibrate", "check", "--device", "sim:realtime=0,seed=1,load=mass,mass=20",
                    "--mass-kg", "20"})
                .code,
            kExitOk);
  const fs::path good = dir_ / "good.stance";
  const CliRun clean = stance(
      {"record", "--device", "sim:realtime=0,seed=1", "--seconds", "2", "--out", good.string()});
  ASSERT_EQ(clean.code, kExitOk) << clean.err;
  EXPECT_EQ(clean.err.find("not verified"), std::string::npos) << clean.err;
  EXPECT_EQ(read_trial_file(good)->metadata.extra.count("plate_not_verified"), 0u);
}

}  // namespace
}  // namespace stance::cli
