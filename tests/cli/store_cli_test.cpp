// The store commands end to end, in-process: a real store file, the real simulated plate.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli.hpp"
#include "cli_run.hpp"
#include "store/crc32c.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"
#include "visit_days.hpp"

namespace stance::cli {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

class StoreCliTest : public ::testing::Test {
 protected:
  // Runs `stance ARGS --db <this test's store>`.
  CliRun with_db(std::vector<std::string> args) const {
    args.push_back("--db");
    args.push_back(db_);
    return stance(args);
  }

  test::TempDir temp_{"stance-store-cli"};
  const fs::path dir_ = temp_.root();
  const std::string db_ = (dir_ / "clinic.db").string();
};

TEST_F(StoreCliTest, EveryStoreCommandHasHelp) {
  for (const std::vector<std::string>& command : {std::vector<std::string>{"patient", "add"},
                                                  {"patient", "list"},
                                                  {"patient", "show"},
                                                  {"patient", "edit"},
                                                  {"session", "list"},
                                                  {"session", "show"},
                                                  {"session", "record"},
                                                  {"protocol", "list"},
                                                  {"protocol", "add"},
                                                  {"history"},
                                                  {"reanalyze"},
                                                  {"export"},
                                                  {"import"},
                                                  {"backup"}}) {
    std::vector<std::string> args = command;
    args.push_back("--help");
    const CliRun r = stance(args);
    EXPECT_EQ(r.code, kExitOk) << command[0];
    EXPECT_THAT(r.out, HasSubstr("Usage: stance " + command[0]));
  }
  const CliRun bare = stance({"patient"});
  EXPECT_EQ(bare.code, kExitUsage);
  EXPECT_THAT(bare.err, HasSubstr("add list show edit"));
}

TEST_F(StoreCliTest, PatientsAddListShowEditWithClearErrors) {
  ASSERT_EQ(with_db({"patient", "add", "P-1", "--mass", "70.5", "--height", "172", "--involved",
                     "left", "--birth-year", "1985", "--sex", "male"})
                .code,
            kExitOk);
  struct stat st {};
  ASSERT_EQ(::stat(db_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777u, 0600u);

  const CliRun dup = with_db({"patient", "add", "P-1"});
  EXPECT_EQ(dup.code, kExitFailed);
  EXPECT_THAT(dup.err, HasSubstr("already exists"));
  const CliRun tall = with_db({"patient", "add", "P-2", "--height", "1.72"});
  EXPECT_EQ(tall.code, kExitUsage);
  EXPECT_THAT(tall.err, HasSubstr("height 1.72 cm is impossible"));
  const CliRun nobody = with_db({"patient", "show", "P-9"});
  EXPECT_EQ(nobody.code, kExitFailed);
  EXPECT_THAT(nobody.err, HasSubstr("no patient with the code 'P-9'"));
  const CliRun sex = with_db({"patient", "add", "P-3", "--sex", "x"});
  EXPECT_EQ(sex.code, kExitUsage);
  EXPECT_THAT(sex.err, HasSubstr("--sex must be female, male or other, not 'x'"));

  ASSERT_EQ(with_db({"patient", "edit", "P-1", "--mass", "68", "--notes", "after surgery"}).code,
            kExitOk);
  const CliRun show = stance({"--db", db_, "patient", "show", "P-1"});  // the global form
  EXPECT_EQ(show.code, kExitOk);
  EXPECT_THAT(show.out, HasSubstr("68.0 kg"));
  EXPECT_THAT(show.out, HasSubstr("172.0 cm"));
  EXPECT_THAT(show.out, HasSubstr("after surgery"));
  const CliRun list = with_db({"patient", "list"});
  EXPECT_THAT(list.out, HasSubstr("P-1"));
  EXPECT_THAT(list.out, HasSubstr("1 patient(s)"));
}

TEST_F(StoreCliTest, ReadCommandsNeverMakeAStoreAndBadStorePathsSayWhatIsWrong) {
  // A mistyped --db: no "0 patients", no new file or folder.
  const std::string typo = (dir_ / "typo" / "clinc.db").string();
  for (const std::vector<std::string>& read : {std::vector<std::string>{"patient", "list"},
                                               {"session", "list", "P-1"},
                                               {"history", "P-1"},
                                               {"protocol", "list"},
                                               {"backup", "--out", (dir_ / "b.db").string()}}) {
    std::vector<std::string> args = read;
    args.insert(args.end(), {"--db", typo});
    const CliRun r = stance(args);
    EXPECT_EQ(r.code, kExitFailed) << read[0];
    EXPECT_THAT(r.err, HasSubstr("there is no store at " + typo)) << read[0];
  }
  EXPECT_FALSE(fs::exists(dir_ / "typo"));
  EXPECT_FALSE(fs::exists(dir_ / "b.db"));

  // A folder, and an empty file, are not stores: said so, and left as they are.
  const CliRun folder = stance({"patient", "add", "P-1", "--db", dir_.string()});
  EXPECT_EQ(folder.code, kExitFailed);
  EXPECT_THAT(folder.err, HasSubstr("is a folder; --db takes the store's file"));
  const fs::path empty = dir_ / "empty.db";
  { std::ofstream{empty}; }
  const CliRun zero = stance({"patient", "add", "P-1", "--db", empty.string()});
  EXPECT_EQ(zero.code, kExitFailed);
  EXPECT_THAT(zero.err, HasSubstr("is an empty file, not a Stance store"));
  EXPECT_EQ(fs::file_size(empty), 0u);

  // A store that exists is read as before.
  ASSERT_EQ(with_db({"patient", "add", "P-1"}).code, kExitOk);
  EXPECT_THAT(with_db({"patient", "list"}).out, HasSubstr("1 patient(s)"));
}

TEST_F(StoreCliTest, ASessionWhoseFirstTrialFailsLeavesNoEmptyVisit) {
  ASSERT_EQ(with_db({"patient", "add", "P-1"}).code, kExitOk);
  // Unplugged at once: the first trial holds no samples, so nothing can be saved.
  const CliRun r = with_db({"session", "record", "P-1", "--protocol", "single-leg-stance",
                            "--device", "sim:unplug_s=0"});
  EXPECT_EQ(r.code, kExitFailed);
  EXPECT_THAT(r.err, HasSubstr("holds no samples"));
  auto store = store::Store::open(db_);
  ASSERT_TRUE(store);
  EXPECT_EQ(*store->db().query_integer("SELECT count(*) FROM session"), 0);
}

TEST_F(StoreCliTest, RecordedSessionIsSavedAnalysedAndFollowedOverTime) {
  ASSERT_EQ(with_db({"patient", "add", "P-1", "--involved", "left", "--mass", "70"}).code, kExitOk);
  const CliRun first =
      with_db({"session", "record", "P-1", "--protocol", "single-leg-squat", "--clinician", "K"});
  ASSERT_EQ(first.code, kExitOk) << first.err;
  EXPECT_THAT(first.out, HasSubstr("6 trial(s) saved"));
  test_support::move_visit_to_day(db_, 1, "2026-01-10");  // a visit is a day
  // Second visit: the involved knee wobbles less (the user's options override the defaults).
  const CliRun second = with_db({"session", "record", "P-1", "--protocol", "single-leg-squat",
                                 "--seed", "2", "--device", "sim:wobble=0.15"});
  ASSERT_EQ(second.code, kExitOk) << second.err;

  const CliRun sessions = with_db({"session", "list", "P-1"});
  EXPECT_THAT(sessions.out, HasSubstr("6 (6)"));
  const CliRun show = with_db({"session", "show", "1"});
  EXPECT_THAT(show.out, HasSubstr("ml_squat_steadiness"));
  EXPECT_EQ(with_db({"session", "show", "77"}).code, kExitFailed);

  const CliRun history = with_db({"history", "P-1", "--metric", "ml_squat_steadiness"});
  ASSERT_EQ(history.code, kExitOk) << history.err;
  EXPECT_THAT(history.out, HasSubstr("ML squat steadiness (0-100)"));
  EXPECT_THAT(history.out, HasSubstr("MDC95"));
  EXPECT_THAT(history.out, HasSubstr("* better"));  // wobble 0.6 → 0.15 on the left
  const CliRun json = with_db({"history", "P-1", "--json", "--metric", "all"});
  EXPECT_THAT(json.out, HasSubstr("\"schema\": \"stance.history/2\""));
  EXPECT_THAT(json.out, HasSubstr("\"metric\": \"acceptable_reps\""));
  EXPECT_EQ(with_db({"history", "P-1", "--metric", "nonsense"}).code, kExitUsage);

  const CliRun re = with_db({"reanalyze", "P-1"});
  ASSERT_EQ(re.code, kExitOk) << re.err;
  EXPECT_THAT(re.out, HasSubstr("Re-analysed 12 trial(s)"));
  auto store = store::Store::open(db_);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(*store->db().query_integer("SELECT count(*) FROM analysis_history"), 12);
  EXPECT_EQ(with_db({"reanalyze"}).code, kExitUsage);
}

TEST_F(StoreCliTest, ReanalyzeGoesPastTrialsThatCannotBeAnalysedAndSaysWhich) {
  // Issue 13 item 6: `reanalyze --all` stopped at the first bad trial; the rest kept old results.
  ASSERT_EQ(with_db({"protocol", "add", "quick", "--task", "stance", "--seconds", "5",
                     "--trials-per-side", "2"})
                .code,
            kExitOk);
  ASSERT_EQ(with_db({"patient", "add", "P-1"}).code, kExitOk);
  const CliRun recorded = with_db({"session", "record", "P-1", "--protocol", "quick"});
  ASSERT_EQ(recorded.code, kExitOk) << recorded.err;
  EXPECT_THAT(recorded.out, HasSubstr("4 trial(s) saved"));
  {
    // Through the real file: trial 2's bytes no longer match their checksum; trial 3's match a
    // checksum made for them, but are no trial file any more (one byte flipped).
    auto store = store::Store::open(db_);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(
        store->db().exec("UPDATE recording SET crc32c = crc32c + 1 WHERE trial_id = 2").ok());
    std::vector<std::uint8_t> bytes = *store->recording(3);
    bytes[bytes.size() / 2] ^= 0xFF;
    auto update =
        store->db().prepare("UPDATE recording SET bytes = ?1, crc32c = ?2 WHERE trial_id = 3");
    ASSERT_TRUE(update.ok());
    update->bind_blob(1, bytes).bind(2, static_cast<std::int64_t>(store::crc32c(bytes)));
    ASSERT_TRUE(update->run().ok());
  }
  const CliRun re = with_db({"reanalyze", "--all"});
  EXPECT_EQ(re.code, kExitFailed);
  EXPECT_THAT(re.err, HasSubstr("trial 2 was not re-analysed (its stored results are kept): "
                                "the recording of trial 2 is damaged"));
  EXPECT_THAT(re.err, HasSubstr("trial 3 was not re-analysed (its stored results are kept): "));
  EXPECT_THAT(re.err, HasSubstr("2 of 4 trial(s) could not be re-analysed"));
  EXPECT_THAT(re.err, HasSubstr("Restore their recordings from a backup"));
  EXPECT_THAT(re.out, HasSubstr("Re-analysed 2 trial(s)"));
  auto store = store::Store::open(db_);
  ASSERT_TRUE(store.ok());
  // The good ones were re-analysed (their former results went to the history), the bad kept.
  for (const std::int64_t id : {1, 4}) EXPECT_EQ(*store->analysis_history_count(id), 1) << id;
  for (const std::int64_t id : {2, 3}) EXPECT_EQ(*store->analysis_history_count(id), 0) << id;
}

TEST_F(StoreCliTest, AThreeSquatProtocolStoresValidTrialsAndReanalysisKeepsThem) {
  // The issue's new user: every stored trial was INVALID, "3 acceptable repetition(s) of the 5
  // asked", because the stored analysis did not know the protocol's repetitions.
  ASSERT_EQ(with_db({"protocol", "add", "squat3", "--task", "squat", "--seconds", "30", "--reps",
                     "3", "--trials-per-side", "2"})
                .code,
            kExitOk);
  ASSERT_EQ(with_db({"patient", "add", "P-3R", "--involved", "right"}).code, kExitOk);
  const CliRun recorded = with_db({"session", "record", "P-3R", "--protocol", "squat3"});
  ASSERT_EQ(recorded.code, kExitOk) << recorded.err;
  EXPECT_THAT(recorded.out, HasSubstr("4 trial(s) saved"));
  auto count_valid = [this] {
    auto store = store::Store::open(db_);
    return *store->db().query_integer("SELECT count(*) FROM trial WHERE valid = 1");
  };
  EXPECT_EQ(count_valid(), 4) << with_db({"session", "show", "1"}).out;
  const CliRun re = with_db({"reanalyze", "P-3R"});
  ASSERT_EQ(re.code, kExitOk) << re.err;
  EXPECT_EQ(count_valid(), 4) << with_db({"session", "show", "1"}).out;
}

// A read-only file system under `dir` for the length of a test: a tmpfs mounted there, filled,
// then remounted read-only. Tests run as root, so permission bits would not stop a write; a
// read-only mount stops root too. Needs mount rights (CAP_SYS_ADMIN): without them, says why.
class ReadOnlyMedia {
 public:
  explicit ReadOnlyMedia(const fs::path& dir) : dir_(dir) {
    fs::create_directories(dir_);
    if (::mount("tmpfs", dir_.c_str(), "tmpfs", 0, "size=64m,mode=0700") != 0) {
      why_not_ = std::string("cannot mount a tmpfs here: ") + std::strerror(errno);
    }
  }
  ~ReadOnlyMedia() {
    if (why_not_.empty()) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  const std::string& why_not() const { return why_not_; }
  bool make_read_only() const {
    return ::mount(nullptr, dir_.c_str(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr) == 0;
  }

 private:
  fs::path dir_;
  std::string why_not_;
};

std::string file_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_F(StoreCliTest, ReadCommandsWorkOnAStoreOnReadOnlyMedia) {
  // Issue 13 item 7: on a read-only mount, `patient list`, `history` and `report` failed.
  const ReadOnlyMedia media(dir_ / "media");
  if (!media.why_not().empty()) {
    GTEST_SKIP() << media.why_not()
                 << "; StoreTest.AStoreOpenedReadOnlyIsNeverWritten covers the read-only open";
  }
  const std::string db = (dir_ / "media" / "clinic.db").string();
  ASSERT_EQ(stance({"protocol", "add", "quick", "--task", "stance", "--seconds", "5",
                    "--trials-per-side", "1", "--db", db})
                .code,
            kExitOk);
  ASSERT_EQ(stance({"patient", "add", "P-1", "--db", db}).code, kExitOk);
  const CliRun recorded = stance({"session", "record", "P-1", "--protocol", "quick", "--db", db});
  ASSERT_EQ(recorded.code, kExitOk) << recorded.err;
  ASSERT_TRUE(media.make_read_only()) << std::strerror(errno);
  const std::string before = file_text(db);

  const CliRun list = stance({"patient", "list", "--db", db});
  EXPECT_EQ(list.code, kExitOk) << list.err;
  EXPECT_THAT(list.out, HasSubstr("P-1"));
  const CliRun history = stance({"history", "P-1", "--db", db});
  EXPECT_EQ(history.code, kExitOk) << history.err;
  EXPECT_THAT(history.out, HasSubstr("mean"));
  const CliRun sessions = stance({"session", "show", "1", "--db", db});
  EXPECT_EQ(sessions.code, kExitOk) << sessions.err;
  const std::string sheet = (dir_ / "sheet.pdf").string();
  const CliRun report = stance({"report", "1", "--out", sheet, "--db", db});
  EXPECT_EQ(report.code, kExitOk) << report.err;
  EXPECT_TRUE(fs::exists(sheet));
  const std::string backup = (dir_ / "backup.db").string();
  EXPECT_EQ(stance({"backup", "--out", backup, "--db", db}).code, kExitOk);

  // A command that writes says why it cannot; nothing on the media changed.
  const CliRun add = stance({"patient", "add", "P-2", "--db", db});
  EXPECT_EQ(add.code, kExitFailed);
  EXPECT_THAT(add.err, HasSubstr("is on read-only media")) << add.err;
  EXPECT_THAT(add.err, HasSubstr("copy it somewhere writable")) << add.err;
  EXPECT_EQ(file_text(db), before);
  for (const char* companion : {"-wal", "-shm", "-journal"}) {
    EXPECT_FALSE(fs::exists(db + companion)) << companion;
  }
}

TEST_F(StoreCliTest, ExportImportAndBackup) {
  ASSERT_EQ(with_db({"patient", "add", "P-1"}).code, kExitOk);
  const std::string exported = (dir_ / "p1.stance-export").string();
  const std::string other = (dir_ / "other.db").string();
  const std::string backup = (dir_ / "backup.db").string();
  ASSERT_EQ(with_db({"export", "P-1", "--out", exported}).code, kExitOk);
  EXPECT_EQ(with_db({"export", "P-1", "--out", exported}).code, kExitFailed);
  const CliRun imported = stance({"import", exported, "--db", other});
  ASSERT_EQ(imported.code, kExitOk) << imported.err;
  EXPECT_THAT(stance({"patient", "list", "--db", other}).out, HasSubstr("P-1"));
  EXPECT_EQ(stance({"import", exported, "--db", other}).code, kExitFailed);
  ASSERT_EQ(with_db({"backup", "--out", backup}).code, kExitOk);
  EXPECT_THAT(stance({"patient", "list", "--db", backup}).out, HasSubstr("P-1"));
  // An existing file only with --force, as every writer; the store never.
  const CliRun again = with_db({"backup", "--out", backup});
  EXPECT_EQ(again.code, kExitFailed);
  EXPECT_THAT(again.err, HasSubstr("already exists"));
  EXPECT_EQ(with_db({"backup", "--out", backup, "--force"}).code, kExitOk);
  EXPECT_EQ(with_db({"export", "P-1", "--out", exported, "--force"}).code, kExitOk);
  for (const std::string command : {"backup", "export"}) {
    std::vector<std::string> args{command};
    if (command == "export") args.push_back("P-1");
    args.insert(args.end(), {"--out", db_, "--force"});
    const CliRun over_store = with_db(args);
    EXPECT_EQ(over_store.code, kExitFailed) << command;
    EXPECT_THAT(over_store.err, HasSubstr("which Stance has open")) << command;
  }
  EXPECT_THAT(with_db({"patient", "list"}).out, HasSubstr("P-1"));
}

TEST_F(StoreCliTest, AClinicsOwnProtocolIsRecordedAsDefined) {
  ASSERT_EQ(with_db({"patient", "add", "P-1"}).code, kExitOk);
  const CliRun added = with_db({"protocol", "add", "quick-closed", "--task", "stance", "--seconds",
                                "5", "--trials-per-side", "1", "--eyes", "closed"});
  ASSERT_EQ(added.code, kExitOk) << added.err;
  EXPECT_THAT(with_db({"protocol", "list"}).out, HasSubstr("quick-closed"));
  EXPECT_EQ(with_db({"protocol", "add", "quick-closed", "--task", "stance", "--seconds", "5"}).code,
            kExitFailed);
  EXPECT_THAT(
      with_db({"protocol", "add", "bad", "--task", "stance", "--seconds", "5", "--eyes", "shut"})
          .err,
      HasSubstr("--eyes"));
  const CliRun recorded = with_db({"session", "record", "P-1", "--protocol", "quick-closed"});
  ASSERT_EQ(recorded.code, kExitOk) << recorded.err;
  EXPECT_THAT(recorded.out, HasSubstr("2 trial(s) saved"));
  EXPECT_THAT(recorded.out, HasSubstr("eyes closed"));
  const CliRun unknown = with_db({"session", "record", "P-1", "--protocol", "nope"});
  EXPECT_EQ(unknown.code, kExitFailed);
  EXPECT_THAT(unknown.err, HasSubstr("quick-closed"));  // the error lists the known ones
}

}  // namespace
}  // namespace stance::cli
