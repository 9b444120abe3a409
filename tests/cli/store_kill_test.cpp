// The real `stance session record` process killed with SIGKILL while it records and saves: the
// store stays intact and every trial it reported as saved is there, whole.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <set>

#include "cli_run.hpp"
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

}  // namespace
}  // namespace stance::cli
