// The real `stance session record` process killed with SIGKILL while it records and saves: the
// store stays intact and every trial it reported as saved is there, whole.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "cli_run.hpp"
#include "recording/trial_file.hpp"
#include "store/store.hpp"

namespace stance::cli {
namespace {

namespace fs = std::filesystem;

// Reads one line from the child's stdout; false at its end.
bool read_line(int fd, std::string& line) {
  line.clear();
  char c = 0;
  for (;;) {
    const ssize_t n = ::read(fd, &c, 1);
    if (n <= 0) return !line.empty();
    if (c == '\n') return true;
    line += c;
  }
}

// "  3/12   eyes open    left   attempt 2  valid    …  saved as trial 17": 17.
std::int64_t saved_trial(const std::string& line) {
  const auto at = line.find("saved as trial ");
  if (at == std::string::npos) return 0;
  return std::stoll(line.substr(at + 15));
}

TEST(StoreKillTest, KilledSessionRecordingKeepsEveryReportedTrial) {
  const fs::path dir = fs::temp_directory_path() / ("stance-kill-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "clinic.db").string();
  ASSERT_EQ(stance({"patient", "add", "P-1", "--db", db}).code, kExitOk);

  std::mt19937 random(static_cast<unsigned>(::testing::UnitTest::GetInstance()->random_seed()));
  std::uniform_int_distribution<int> delay_us(0, 150000);
  std::set<std::int64_t> reported;
  constexpr int kRounds = 4;
  for (int round = 0; round < kRounds; ++round) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::dup2(fds[1], STDOUT_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      const std::string seed = std::to_string(round + 1);
      ::execl(STANCE_EXE, "stance", "--db", db.c_str(), "session", "record", "P-1", "--protocol",
              "single-leg-stance", "--seed", seed.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[1]);
    // Let it save 1 to 3 trials, then kill it at a random instant of the following ones.
    int seen = 0;
    std::string line;
    while (seen < 1 + round % 3 && read_line(fds[0], line)) {
      if (const std::int64_t id = saved_trial(line)) {
        reported.insert(id);
        ++seen;
      }
    }
    ASSERT_GT(seen, 0) << "round " << round << ": no trial was saved";
    ::usleep(static_cast<useconds_t>(delay_us(random)));
    ::kill(child, SIGKILL);
    while (read_line(fds[0], line)) {
      if (const std::int64_t id = saved_trial(line)) reported.insert(id);
    }
    ::close(fds[0]);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
  }

  auto store = store::Store::open(db);
  ASSERT_TRUE(store.ok()) << store.error().message;
  EXPECT_EQ(*store->db().query_text("PRAGMA integrity_check"), "ok");
  const auto trials = *store->db().query_integer("SELECT count(*) FROM trial");
  EXPECT_GE(trials, static_cast<std::int64_t>(reported.size()));
  EXPECT_EQ(*store->db().query_integer("SELECT count(*) FROM recording"), trials);
  EXPECT_EQ(*store->db().query_integer("SELECT count(*) FROM session"), kRounds);
  for (const std::int64_t id : reported) {
    ASSERT_TRUE(store->trial(id).ok()) << "reported trial " << id << " lost";
    EXPECT_TRUE(store->recording(id).ok());
    EXPECT_FALSE(store->metrics(id)->empty());
  }
  // The store works on: another session after the kills.
  EXPECT_EQ(stance({"session", "record", "P-1", "--protocol", "single-leg-squat", "--db", db}).code,
            kExitOk);
  fs::remove_all(dir);
}

// Starts the real executable with `args`, its output thrown away.
pid_t spawn_stance(const std::vector<std::string>& args) {
  const pid_t child = ::fork();
  if (child != 0) return child;
  const int null = ::open("/dev/null", O_WRONLY);
  ::dup2(null, STDOUT_FILENO);
  ::dup2(null, STDERR_FILENO);
  std::vector<char*> argv{const_cast<char*>("stance")};
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  ::execv(STANCE_EXE, argv.data());
  ::_exit(127);
}

int exit_code(pid_t child) {
  int status = 0;
  if (::waitpid(child, &status, 0) != child || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

// Bytes in the temporary files of `target` (the file and SQLite's log or journal beside it).
std::uintmax_t temporary_bytes(const fs::path& target, int* files = nullptr) {
  const std::string prefix = "." + target.filename().string() + ".tmp-";
  std::uintmax_t bytes = 0;
  if (files != nullptr) *files = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(target.parent_path(), ec)) {
    if (e.path().filename().string().rfind(prefix, 0) != 0) continue;
    bytes += e.file_size(ec);
    if (files != nullptr) ++*files;
  }
  return bytes;
}

// Issue 13 item 5: a backup or an export killed midway left a half file ("not a database")
// under the name asked for, and the retry refused it because it existed.
TEST(StoreKillTest, AKilledBackupOrExportLeavesNoFileAndTheRetryWorks) {
  const fs::path dir =
      fs::temp_directory_path() / ("stance-kill-copy-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "clinic.db").string();
  constexpr int kTrials = 30;
  {
    // Big enough that a copy is still being written when it is seen: 30 recordings of 4 MB.
    auto store = store::Store::open(db);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store::Patient patient;
    patient.code = "P-1";
    const auto pid = store->add_patient(patient);
    ASSERT_TRUE(pid.ok()) << pid.error().message;
    store::Session session;
    session.patient_id = *pid;
    session.protocol = "single-leg-stance";
    const auto sid = store->add_session(session);
    ASSERT_TRUE(sid.ok()) << sid.error().message;
    // A real trial file (an export decodes every recording): 100 s at 1000 Hz of noise.
    std::mt19937 random(7);
    Recording recording;
    recording.rate_hz = 1000.0;
    recording.frames.resize(100000);
    for (std::size_t i = 0; i < recording.frames.size(); ++i) {
      recording.frames[i].seq = static_cast<std::uint32_t>(i);
      for (auto& c : recording.frames[i].counts) c = static_cast<std::int32_t>(random());
    }
    const std::vector<std::uint8_t> bytes = encode_trial(recording);
    for (int i = 0; i < kTrials; ++i) {
      store::Trial trial;
      trial.session_id = *sid;
      trial.limb = Limb::kLeft;
      trial.task = Task::kSingleLegStance;
      trial.attempt = i + 1;
      trial.results.software_version = "0.1.0";
      ASSERT_TRUE(store->add_trial(trial, bytes).ok());
    }
  }
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"backup", "--out", (dir / "backup.db").string()},
        std::vector<std::string>{"export", "P-1", "--out", (dir / "p1.db").string()}}) {
    const fs::path target = command[command.size() - 1];
    std::vector<std::string> args = command;
    args.insert(args.end(), {"--db", db});
    const pid_t child = spawn_stance(args);
    ASSERT_GT(child, 0);
    // Killed once its copy has 1 MB on the disk, well before the end.
    int status = 0;
    pid_t ended = 0;
    while (temporary_bytes(target) < (1u << 20) &&
           (ended = ::waitpid(child, &status, WNOHANG)) == 0)
      ::usleep(500);
    if (ended == 0) {
      ::kill(child, SIGKILL);
      ASSERT_EQ(::waitpid(child, &status, 0), child);
    }
    ASSERT_TRUE(WIFSIGNALED(status)) << command[0] << " ended before it could be killed";
    EXPECT_FALSE(fs::exists(target)) << command[0] << ": a killed copy took the name";
    int left = 0;
    EXPECT_GT(temporary_bytes(target, &left), 0u);  // it was killed midway...
    EXPECT_GT(left, 0);

    ASSERT_EQ(exit_code(spawn_stance(args)), kExitOk) << command[0] << ": the retry failed";
    EXPECT_EQ(temporary_bytes(target, &left), 0u);  // ...and the retry cleaned up after it
    EXPECT_EQ(left, 0);
    auto copy = store::Store::open(target, store::OpenMode::kReadOnly);
    ASSERT_TRUE(copy.ok()) << copy.error().message;
    EXPECT_EQ(*copy->db().query_text("PRAGMA integrity_check"), "ok");
    EXPECT_EQ(*copy->db().query_integer("SELECT count(*) FROM recording"), kTrials);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace stance::cli
