// The command line end to end, in-process: real files, the real simulated plate, real output.
#include "cli/cli.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_fixture.hpp"
#include "recording/trial_file.hpp"

namespace stance::cli {
namespace {

namespace fs = std::filesystem;

TEST_F(CliTest, EveryCommandHasHelp) {
  for (const char* command : {"demo", "devices", "calibrate", "record", "analyze"}) {
    const CliRun r = stance({command, "--help"});
    EXPECT_EQ(r.code, kExitOk) << command;
    EXPECT_NE(r.out.find("Usage: stance " + std::string(command)), std::string::npos) << command;
  }
  const CliRun overview = stance({"--help"});
  EXPECT_EQ(overview.code, kExitOk);
  EXPECT_NE(overview.out.find("analyze"), std::string::npos);
}

TEST_F(CliTest, UnknownCommandAndOptionAreOneLineUsageErrors) {
  const CliRun command = stance({"analyse-this"});
  EXPECT_EQ(command.code, kExitUsage);
  EXPECT_TRUE(one_line(command.err)) << command.err;
  const CliRun option = stance({"analyze", data("amti-quiet-stance-100hz.csv"), "--colour", "red"});
  EXPECT_EQ(option.code, kExitUsage);
  EXPECT_TRUE(one_line(option.err)) << option.err;
  EXPECT_NE(option.err.find("--colour"), std::string::npos);
}

TEST_F(CliTest, MissingFileIsOneClearLine) {
  const CliRun r = stance({"analyze", (dir_ / "nothing.csv").string()});
  EXPECT_EQ(r.code, kExitFailed);
  EXPECT_TRUE(one_line(r.err)) << r.err;
  EXPECT_NE(r.err.find("nothing.csv"), std::string::npos);
}

TEST_F(CliTest, AFifoOrADeviceToAnalyzeIsRefusedNotWaitedOn) {
  // Opening a FIFO to tell its format once made `stance analyze` wait for a writer for ever.
  const fs::path fifo = dir_ / "trial.stance";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const std::string& file : {fifo.string(), std::string("/dev/zero")}) {
    const CliRun r = stance({"analyze", file});
    EXPECT_EQ(r.code, kExitFailed) << file;
    EXPECT_TRUE(one_line(r.err)) << r.err;
    EXPECT_NE(r.err.find("not a regular file"), std::string::npos) << r.err;
  }
}

TEST_F(CliTest, WrongFormatIsOneClearLine) {
  const fs::path notes = dir_ / "notes.txt";
  std::ofstream(notes) << "Dear colleague,\nplease find the results attached.\n";
  const CliRun r = stance({"analyze", notes.string()});
  EXPECT_EQ(r.code, kExitFailed);
  EXPECT_TRUE(one_line(r.err)) << r.err;
  EXPECT_NE(r.err.find("notes.txt"), std::string::npos);
}

TEST_F(CliTest, AnalyzesTheMotiveRecording) {
  const CliRun r = stance({"analyze", data("amti-quiet-stance-100hz.csv")});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  for (const char* text : {"Body weight", "Mean COP velocity", "95% confidence ellipse", "mm/s",
                           "mm²", "Lost samples   7,"}) {
    EXPECT_NE(r.out.find(text), std::string::npos) << text << "\n" << r.out;
  }
}

TEST_F(CliTest, JsonWindowSelectsPartOfTheRecording) {
  const CliRun r = stance(
      {"analyze", data("amti-quiet-stance-100hz.csv"), "--json", "--start", "40", "--end", "70"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("\"schema\": \"stance.analysis/3\""), std::string::npos);
  EXPECT_NE(r.out.find("\"count\": 3000"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"duration_s\": 30"), std::string::npos) << r.out;
  const CliRun outside = stance({"analyze", data("amti-quiet-stance-100hz.csv"), "--start", "400"});
  EXPECT_EQ(outside.code, kExitUsage);  // a value --start cannot take for this recording
  EXPECT_NE(outside.err.find("is not within the recording"), std::string::npos) << outside.err;
}

TEST_F(CliTest, AnalyzesBothPlatesOfTheOpenSimFile) {
  const CliRun right = stance({"analyze", data("acl-squat-jump-BFR003.csv"), "--json"});
  const CliRun left =
      stance({"analyze", data("acl-squat-jump-BFR003.csv"), "--json", "--plate", "2"});
  ASSERT_EQ(right.code, kExitOk) << right.err;
  ASSERT_EQ(left.code, kExitOk) << left.err;
  EXPECT_NE(right.out, left.out);
  // A plate the file does not have is a value --plate cannot take for it: wrong usage.
  const CliRun third = stance({"analyze", data("acl-squat-jump-BFR003.csv"), "--plate", "3"});
  EXPECT_EQ(third.code, kExitUsage);
  EXPECT_NE(third.err.find("it has plates 1 to 2"), std::string::npos) << third.err;
  EXPECT_EQ(stance({"samples", data("acl-squat-jump-BFR003.csv"), "--plate", "3", "--out",
                    (dir_ / "s.csv").string()})
                .code,
            kExitUsage);
}

TEST_F(CliTest, RecordsFromTheSimulatedPlateAndAnalyzesTheFile) {
  const fs::path file = dir_ / "trial.stance";
  const CliRun rec =
      stance({"record", "--device", "sim:realtime=0,seed=4", "--seconds", "5", "--out",
              file.string(), "--patient", "P-1", "--limb", "left", "--task", "stance"});
  ASSERT_EQ(rec.code, kExitOk) << rec.err;
  EXPECT_NE(rec.out.find("Written to"), std::string::npos);
  const auto trial = read_trial_file(file);
  ASSERT_TRUE(trial.ok()) << trial.error().message;
  EXPECT_EQ(trial->metadata.patient_code, "P-1");
  EXPECT_EQ(trial->metadata.limb, Limb::kLeft);
  EXPECT_EQ(trial->metadata.device, "sim:realtime=0,seed=4");
  EXPECT_GE(trial->frames.size(), 5000u);
  const CliRun an = stance({"analyze", file.string(), "--json"});
  ASSERT_EQ(an.code, kExitOk) << an.err;
  EXPECT_NE(an.out.find("\"format\": \"stance-trial\""), std::string::npos);
}

TEST_F(CliTest, RecordRefusesBadInputWithClearErrors) {
  const std::string out = (dir_ / "x.stance").string();
  EXPECT_EQ(stance({"record", "--device", "sim:realtime=0", "--out", out}).code, kExitUsage);
  const CliRun driver = stance({"record", "--device", "floppy", "--seconds", "1", "--out", out});
  EXPECT_EQ(driver.code, kExitFailed);
  EXPECT_NE(driver.err.find("floppy"), std::string::npos);
  const CliRun limb = stance(
      {"record", "--device", "sim:realtime=0", "--seconds", "1", "--out", out, "--limb", "middle"});
  EXPECT_EQ(limb.code, kExitUsage);
  EXPECT_NE(limb.err.find("--limb must be left or right, not 'middle'"), std::string::npos);
  const CliRun rate = stance(
      {"record", "--device", "sim:realtime=0", "--seconds", "1", "--out", out, "--rate", "300"});
  EXPECT_EQ(rate.code, kExitFailed);
  EXPECT_TRUE(one_line(rate.err)) << rate.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(CliTest, NumbersThatCannotBeMeantAreRefusedNotTruncated) {
  const std::string out = (dir_ / "x.stance").string();
  const std::string motive = data("amti-quiet-stance-100hz.csv");
  const std::string sim = "sim:realtime=0";
  struct Case {
    std::vector<std::string> args;
    std::string says;
  };
  // Every value is checked by the one argument parser, from the option's declared rule, before
  // the command runs: wrong usage (exit 2), one line naming what is accepted.
  const std::vector<Case> cases = {
      {{"analyze", motive, "--plate", "nan"}, "--plate must be a whole number from 1 to 64"},
      {{"analyze", motive, "--plate", "1.5"}, "--plate must be a whole number from 1 to 64"},
      {{"analyze", motive, "--lowpass", "inf"}, "--lowpass must be a number from 1 to 100"},
      {{"analyze", motive, "--lowpass", "1e-300"}, "--lowpass must be a number from 1 to 100"},
      {{"analyze", motive, "--preset", "fast"}, "--preset must be clinical or reference"},
      {{"record", "--device", sim, "--seconds", "1", "--out", out, "--rate", "65636"},
       "--rate must be a whole number from 1 to 65535"},
      {{"record", "--device", sim, "--seconds", "1", "--out", out, "--rate", "99999"},
       "--rate must be a whole number from 1 to 65535"},
      {{"record", "--device", sim, "--out", out, "--seconds", "1e-9"},
       "--seconds must be a number from 0.1 to 3600"},
      {{"record", "--device", sim, "--out", out, "--seconds", "nan"},
       "--seconds must be a number from 0.1 to 3600"},
      {{"demo", "--seed", "nan"}, "--seed must be a whole number from 1 to 1000000"},
      {{"demo", "--paper", "b5"}, "--paper must be a4 or letter, not 'b5'"},
      {{"report", "1", "--out", (dir_ / "r.pdf").string(), "--paper", "b5"},
       "--paper must be a4 or letter"},
      {{"calibrate", "check", "--device", sim, "--mass-kg", "nan"},
       "--mass-kg must be a number from 0.1 to 1000"},
  };
  for (const Case& c : cases) {
    const CliRun r = stance(c.args);
    EXPECT_EQ(r.code, kExitUsage) << c.args[0] << " " << c.args.back();
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
    EXPECT_TRUE(one_line(r.err)) << r.err;
  }
  EXPECT_FALSE(fs::exists(out));
  const std::string db = (dir_ / "c.db").string();
  const CliRun year = stance({"patient", "add", "P-1", "--birth-year", "nan", "--db", db});
  EXPECT_EQ(year.code, kExitUsage);
  EXPECT_NE(year.err.find("--birth-year must be a whole number from 1900 to 2200"),
            std::string::npos)
      << year.err;
  const CliRun reps = stance({"protocol", "add", "s100", "--task", "squat", "--seconds", "30",
                              "--reps", "100", "--db", db});
  EXPECT_EQ(reps.code, kExitUsage);
  EXPECT_NE(reps.err.find("--reps must be a whole number from 1 to 20"), std::string::npos)
      << reps.err;
  const CliRun nameless =
      stance({"protocol", "add", "", "--task", "squat", "--seconds", "30", "--db", db});
  EXPECT_NE(nameless.err.find("a protocol's name is 1 to 64 printable characters"),
            std::string::npos)
      << nameless.err;
}

TEST_F(CliTest, UnpluggedPlateKeepsTheRecordingAndSaysSo) {
  const fs::path file = dir_ / "unplugged.stance";
  const CliRun r = stance({"record", "--device", "sim:realtime=0,unplug_s=2.0", "--seconds", "10",
                           "--out", file.string()});
  EXPECT_EQ(r.code, kExitInterrupted) << r.err;
  EXPECT_NE(r.err.find("unplugged"), std::string::npos);
  const auto trial = read_trial_file(file);
  ASSERT_TRUE(trial.ok()) << trial.error().message;
  EXPECT_NEAR(static_cast<double>(trial->frames.size()), 2000.0, 20.0);
  ASSERT_FALSE(trial->events.empty());
  EXPECT_EQ(trial->events.back().kind, RecordingEventKind::kInterrupted);
}

TEST_F(CliTest, DemoRunsACompleteTestAndWritesBothLegs) {
  const CliRun r = stance({"demo", "--out-dir", dir_.string(), "--seconds", "10"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("Mean COP velocity"), std::string::npos);
  for (const char* name : {"demo-stance-left.stance", "demo-stance-right.stance",
                           "demo-squat-left.stance", "demo-squat-right.stance"}) {
    EXPECT_TRUE(fs::exists(dir_ / name)) << name;
    EXPECT_NE(r.out.find((dir_ / name).string()), std::string::npos) << name;
  }
  EXPECT_NE(r.out.find("ML squat steadiness"), std::string::npos);
  EXPECT_NE(r.out.find("true 3-D knee angle"), std::string::npos);  // the body's truth
  EXPECT_GT(fs::file_size(dir_ / "demo-test-sheet.pdf"), 10000u);   // the one-page test sheet
  EXPECT_NE(r.out.find("Test sheet (PDF)"), std::string::npos);
  EXPECT_NE(r.out.find("LSI"), std::string::npos);
}

TEST_F(CliTest, WritersNeverReplaceWhatTheyDidNotCreate) {
  // record: an existing file is refused before anything is recorded, and kept as it was.
  const fs::path taken = dir_ / "taken.stance";
  { std::ofstream(taken) << "the clinic's own file"; }
  const CliRun record =
      stance({"record", "--device", "sim:realtime=0", "--seconds", "1", "--out", taken.string()});
  EXPECT_EQ(record.code, kExitFailed);
  EXPECT_NE(record.err.find("already exists"), std::string::npos) << record.err;
  EXPECT_EQ(record.out.find("Recorded"), std::string::npos) << "refused before recording";
  std::ifstream in(taken);
  std::string kept((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(kept, "the clinic's own file");
  ASSERT_EQ(stance({"record", "--device", "sim:realtime=0", "--seconds", "1", "--out",
                    taken.string(), "--force"})
                .code,
            kExitOk);
  EXPECT_TRUE(read_trial_file(taken).ok());

  // demo --sheet: a device behind a link or a pipe is refused (`--sheet /dev/full` once replaced
  // the device with a file); a second run in the same folder is refused unless --force.
  fs::create_symlink("/dev/full", dir_ / "full.pdf");
  const fs::path fifo = dir_ / "fifo.pdf";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const fs::path& sheet : {dir_ / "full.pdf", fifo}) {
    const CliRun r = stance({"demo", "--out-dir", (dir_ / "d1").string(), "--seconds", "5",
                             "--sheet", sheet.string(), "--force"});
    EXPECT_EQ(r.code, kExitFailed) << sheet;
    EXPECT_TRUE(r.err.find("symbolic link") != std::string::npos ||
                r.err.find("pipe") != std::string::npos)
        << r.err;
  }
  EXPECT_TRUE(fs::is_character_file("/dev/full"));
  EXPECT_TRUE(fs::is_fifo(fifo));
  const std::vector<std::string> demo{"demo", "--out-dir", (dir_ / "d2").string(), "--seconds",
                                      "5"};
  ASSERT_EQ(stance(demo).code, kExitOk);
  const CliRun second = stance(demo);
  EXPECT_EQ(second.code, kExitFailed);
  EXPECT_NE(second.err.find("already exists"), std::string::npos) << second.err;
  std::vector<std::string> forced = demo;
  forced.push_back("--force");
  EXPECT_EQ(stance(forced).code, kExitOk);
  EXPECT_NE(stance({"demo", "--paper", "b5"}).code, kExitOk);
}

TEST_F(CliTest, ReferencePresetAndEveryDescriptor) {
  const std::string file = data("amti-quiet-stance-100hz.csv");
  const CliRun reference =
      stance({"analyze", file, "--preset", "reference", "--start", "40", "--end", "70", "--json"});
  ASSERT_EQ(reference.code, kExitOk) << reference.err;
  EXPECT_NE(reference.out.find("\"preset\": \"reference\""), std::string::npos);
  EXPECT_NE(reference.out.find("\"length_unit\": \"cm\""), std::string::npos);
  EXPECT_NE(reference.out.find("\"name\": \"critical_time_ml\""), std::string::npos);
  const CliRun all = stance({"analyze", file, "--all"});
  ASSERT_EQ(all.code, kExitOk) << all.err;
  for (const char* name : {"diffusion_short_ml", "power_frequency_95_ap", "sway_density_mean_peak",
                           "fractal_dimension_ce"}) {
    EXPECT_NE(all.out.find(name), std::string::npos) << name;
  }
  const CliRun bad = stance({"analyze", file, "--preset", "fancy"});
  EXPECT_EQ(bad.code, kExitUsage);
  EXPECT_TRUE(one_line(bad.err)) << bad.err;
}

TEST_F(CliTest, SquatTrialShowsRepetitionsWobbleAndVerdict) {
  const fs::path file = dir_ / "squat.stance";
  const CliRun rec =
      stance({"record", "--device", "sim:realtime=0,task=squat,reps=5,wobble=0.5", "--seconds",
              "32", "--out", file.string(), "--task", "squat", "--limb", "right"});
  ASSERT_EQ(rec.code, kExitOk) << rec.err;
  const CliRun text = stance({"analyze", file.string()});
  ASSERT_EQ(text.code, kExitOk) << text.err;
  EXPECT_NE(text.out.find("Squat repetitions: 5 found"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("ML squat steadiness"), std::string::npos);
  const CliRun json = stance({"analyze", file.string(), "--json"});
  ASSERT_EQ(json.code, kExitOk) << json.err;
  for (const char* key : {"\"rep_count\": 5", "\"ml_squat_steadiness\"", "\"verdict\"",
                          "\"findings\"", "\"depth_m\""}) {
    EXPECT_NE(json.out.find(key), std::string::npos) << key;
  }
}

TEST_F(CliTest, DevicesListsTheSimulatedPlates) {
  const CliRun r = stance({"devices"});
  ASSERT_EQ(r.code, kExitOk);
  EXPECT_NE(r.out.find("sim"), std::string::npos);
  EXPECT_NE(r.out.find("simulated"), std::string::npos);
  EXPECT_NE(r.out.find("\nsim-camera "),
            std::string::npos);  // the cameras, the simulated one first
}

}  // namespace
}  // namespace stance::cli
