// Nothing lost: a writer killed with SIGKILL at random instants never corrupts the store nor
// loses a reported commit, and a full disk (a real write failure, from RLIMIT_FSIZE) gives a
// clear error and loses nothing. Real SQLite files, real processes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <random>
#include <set>
#include <sstream>

#include "store/store.hpp"
#include "temp_store_dir.hpp"

namespace stance::store {
namespace {

using ::testing::HasSubstr;

Trial numbered_trial(std::int64_t session, int attempt) {
  Trial t;
  t.session_id = session;
  t.limb = attempt % 2 ? Limb::kLeft : Limb::kRight;
  t.task = Task::kSingleLegStance;
  t.eyes = Eyes::kOpen;
  t.attempt = attempt;
  t.results.software_version = "test";
  t.results.analysis_json = std::string(4000, 'j');  // about the size of a real analysis
  for (const char* key : {"mean_velocity", "ellipse_area_95", "range_ml", "range_ap"}) {
    t.results.metrics.push_back({key, attempt * 1.5, "mm"});
  }
  return t;
}

std::vector<std::uint8_t> recording_bytes(std::size_t n, int attempt) {
  std::vector<std::uint8_t> bytes(n);
  std::uint32_t x = 2463534242u + static_cast<std::uint32_t>(attempt);
  for (auto& b : bytes) {  // xorshift: incompressible, different per trial
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    b = static_cast<std::uint8_t>(x);
  }
  return bytes;
}

bool write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Everything the child wrote until it died or closed the pipe.
std::string read_all(int fd) {
  std::string text;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return text;
    text.append(buffer, static_cast<std::size_t>(n));
  }
}

// Reads one report line, blocking: the child has started writing.
std::string read_line(int fd) {
  std::string line;
  char c = 0;
  while (::read(fd, &c, 1) == 1 && c != '\n') line += c;
  return line;
}

// Forks a child that runs `body(write end of a pipe)` and never returns; gives the parent the
// child's pid (-1 on failure) and the read end.
template <typename Body>
std::pair<pid_t, int> spawn(Body body) {
  int fds[2];
  if (::pipe(fds) != 0) return {-1, -1};
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(fds[0]);
    body(fds[1]);
  }
  ::close(fds[1]);
  return {child, fds[0]};
}

class DurabilityTest : public TempStoreDir {
 protected:
  // A store with one patient and one session; closed again, so a child opens its own.
  std::int64_t prepare_session() {
    auto s = Store::open(path("stance.db"));
    EXPECT_TRUE(s.ok());
    Patient p;
    p.code = "P-1";
    Session session;
    session.patient_id = *s->add_patient(p);
    return *s->add_session(session);
  }
};

// The child: writes trials forever, reporting each id only after its commit returned.
[[noreturn]] void write_trials_until_killed(const std::filesystem::path& db, std::int64_t session,
                                            int first_attempt, int report_fd) {
  auto store = Store::open(db);
  if (!store) ::_exit(2);
  for (int attempt = first_attempt;; ++attempt) {
    const auto id =
        store->add_trial(numbered_trial(session, attempt), recording_bytes(48 * 1024, attempt));
    if (!id) ::_exit(3);
    if (!write_all(report_fd, std::to_string(*id) + "\n")) ::_exit(4);
  }
}

TEST_F(DurabilityTest, KillNineAtRandomInstantsNeverCorruptsNorLosesACommit) {
  const std::int64_t session = prepare_session();
  const unsigned seed = static_cast<unsigned>(::testing::UnitTest::GetInstance()->random_seed());
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> delay_us(0, 40000);
  std::set<std::int64_t> committed;
  constexpr int kRounds = 30;
  for (int round = 0; round < kRounds; ++round) {
    const auto [child, report_fd] = spawn([&](int fd) {
      write_trials_until_killed(path("stance.db"), session, 1 + round * 100000, fd);
    });
    ASSERT_GT(child, 0);
    const std::string first = read_line(report_fd);  // it is writing now
    ASSERT_FALSE(first.empty()) << "round " << round << ": the writer reported nothing";
    committed.insert(std::stoll(first));
    ::usleep(static_cast<useconds_t>(delay_us(random)));
    ASSERT_EQ(::kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "round " << round << ": the writer stopped by itself";
    std::istringstream rest(read_all(report_fd));
    ::close(report_fd);
    for (std::string line; std::getline(rest, line);) {
      if (!line.empty()) committed.insert(std::stoll(line));
    }
  }

  auto store = Store::open(path("stance.db"));
  ASSERT_TRUE(store.ok()) << store.error().message;
  EXPECT_EQ(*store->db().query_text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(*store->db().query_integer("SELECT count(*) FROM pragma_foreign_key_check"), 0)
      << "no orphan rows";
  const auto count = store->db().query_integer("SELECT count(*) FROM trial");
  // At most one commit per kill can have happened without being reported.
  EXPECT_GE(*count, static_cast<std::int64_t>(committed.size()));
  EXPECT_LE(*count, static_cast<std::int64_t>(committed.size()) + kRounds);
  for (const std::int64_t id : committed) {
    const auto t = store->trial(id);
    ASSERT_TRUE(t.ok()) << "reported commit " << id << " lost (seed " << seed << ")";
    const auto bytes = store->recording(id);
    ASSERT_TRUE(bytes.ok()) << bytes.error().message;
    EXPECT_EQ(*bytes, recording_bytes(48 * 1024, t->attempt));
    EXPECT_EQ(store->metrics(id)->size(), 4u);
  }
  // Every trial, reported or not, is whole: a recording and its metrics, never half of it.
  EXPECT_EQ(*store->db().query_integer("SELECT count(*) FROM recording"), *count);
  EXPECT_EQ(*store->db().query_integer("SELECT count(*) FROM metric"), 4 * *count);
  RecordProperty("commits_reported", static_cast<int>(committed.size()));
  std::cout << "[ info ] " << kRounds << " kills, " << committed.size() << " reported commits, "
            << *count << " trials in the store (seed " << seed << ")\n";
}

// The child: one trial, then a file size limit just above the store's files, then a trial too
// big for it (the write fails with EFBIG, as on a full disk), then the limit lifted and one more.
[[noreturn]] void fill_the_disk(const std::filesystem::path& db, std::int64_t session, int fd) {
  ::signal(SIGXFSZ, SIG_IGN);  // the write returns EFBIG instead of killing the process
  auto store = Store::open(db);
  if (!store) ::_exit(2);
  auto report = [&](const Result<std::int64_t>& id) {
    write_all(fd, id ? "ok " + std::to_string(*id) + "\n" : "error " + id.error().message + "\n");
  };
  report(store->add_trial(numbered_trial(session, 1), recording_bytes(64 * 1024, 1)));
  std::error_code ec;
  const auto wal = std::filesystem::file_size(db.string() + "-wal", ec);
  const auto main = std::filesystem::file_size(db, ec);
  rlimit limit{};
  ::getrlimit(RLIMIT_FSIZE, &limit);
  const rlimit before = limit;
  limit.rlim_cur = std::max(wal, main) + 128 * 1024;
  ::setrlimit(RLIMIT_FSIZE, &limit);
  report(store->add_trial(numbered_trial(session, 2), recording_bytes(4 << 20, 2)));
  ::setrlimit(RLIMIT_FSIZE, &before);
  report(store->add_trial(numbered_trial(session, 3), recording_bytes(64 * 1024, 3)));
  ::_exit(0);
}

TEST_F(DurabilityTest, FullDiskGivesAClearErrorAndLosesNothing) {
  const std::int64_t session = prepare_session();
  const auto [child, report_fd] =
      spawn([&](int fd) { fill_the_disk(path("stance.db"), session, fd); });
  ASSERT_GT(child, 0);
  int status = 0;
  const std::string text = read_all(report_fd);
  ::close(report_fd);
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << text;
  std::istringstream lines(text);
  std::string first, second, third;
  std::getline(lines, first);
  std::getline(lines, second);
  std::getline(lines, third);
  ASSERT_THAT(first, HasSubstr("ok "));
  EXPECT_THAT(second, HasSubstr("error "));
  EXPECT_THAT(second, HasSubstr("disk is full"));
  EXPECT_THAT(second, HasSubstr("everything saved before is intact"));
  EXPECT_THAT(third, HasSubstr("ok ")) << "the store works again once there is space";

  auto store = Store::open(path("stance.db"));
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(*store->db().query_text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(*store->db().query_integer("SELECT count(*) FROM trial"), 2);
  EXPECT_EQ(*store->db().query_integer("SELECT count(*) FROM trial WHERE attempt = 2"), 0);
  EXPECT_EQ(*store->recording(std::stoll(first.substr(3))), recording_bytes(64 * 1024, 1));
}

TEST_F(DurabilityTest, StoreSizeLimitIsReportedAsFullToo) {
  const std::int64_t session = prepare_session();
  auto store = Store::open(path("stance.db"));
  ASSERT_TRUE(store.ok());
  const auto pages = store->db().query_integer("PRAGMA page_count");
  ASSERT_TRUE(store->db().exec("PRAGMA max_page_count = " + std::to_string(*pages + 4)).ok());
  const auto big = store->add_trial(numbered_trial(session, 1), recording_bytes(1 << 20, 1));
  ASSERT_FALSE(big.ok());
  EXPECT_THAT(big.error().message, HasSubstr("disk is full"));
  EXPECT_EQ(*store->db().query_integer("SELECT count(*) FROM trial"), 0);
  EXPECT_EQ(*store->db().query_integer("SELECT count(*) FROM metric"), 0);
}

TEST_F(DurabilityTest, BackupWhileAnotherProcessWritesIsConsistent) {
  const std::int64_t session = prepare_session();
  const auto [child, report_fd] =
      spawn([&](int fd) { write_trials_until_killed(path("stance.db"), session, 1, fd); });
  ASSERT_GT(child, 0);
  ASSERT_FALSE(read_line(report_fd).empty());  // it is writing now
  auto store = Store::open(path("stance.db"));
  ASSERT_TRUE(store.ok());
  for (int i = 0; i < 5; ++i) {
    const auto out = path("backup-" + std::to_string(i) + ".db");
    ASSERT_TRUE(store->backup_to(out).ok());
    auto copy = Store::open(out, OpenMode::kReadOnly);
    ASSERT_TRUE(copy.ok());
    // One moment of the store: every trial in the copy is whole.
    const auto trials = *copy->db().query_integer("SELECT count(*) FROM trial");
    EXPECT_GT(trials, 0);
    EXPECT_EQ(*copy->db().query_integer("SELECT count(*) FROM recording"), trials);
    EXPECT_EQ(*copy->db().query_integer("SELECT count(*) FROM metric"), 4 * trials);
    EXPECT_EQ(*copy->db().query_text("PRAGMA integrity_check"), "ok");
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(report_fd);
}

}  // namespace
}  // namespace stance::store
