// Export and import of a patient's whole record between real store files.
#include "store/transfer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <fstream>

#include "recording/trial_file.hpp"
#include "store/crc32c.hpp"
#include "temp_store_dir.hpp"

namespace stance::store {
namespace {

using ::testing::HasSubstr;

// A real trial file of `frames` frames: import decodes every recording it brings in.
std::vector<std::uint8_t> trial_bytes(std::size_t frames) {
  Recording r;
  r.rate_hz = 1000.0;
  r.frames.resize(frames);
  for (std::size_t i = 0; i < frames; ++i) r.frames[i].seq = static_cast<std::uint32_t>(i);
  return encode_trial(r);
}

class TransferTest : public TempStoreDir {
 protected:
  // Two patients; P-1 with two sessions of two trials each.
  void fill(Store& s) {
    for (const char* code : {"P-1", "P-2"}) {
      Patient p;
      p.code = code;
      p.mass_kg = 70;
      ASSERT_TRUE(s.add_patient(p).ok());
    }
    const auto pid = s.patient("P-1")->id;
    Protocol own;  // a clinic's own protocol: it must travel with the record
    own.name = "Clinic squat, 4 reps";
    own.task = Task::kSingleLegSquat;
    own.repetitions = 4;
    own.trials_per_side = 2;
    ASSERT_TRUE(s.add_protocol(own).ok());
    for (int k = 0; k < 2; ++k) {
      Session session;
      session.patient_id = pid;
      session.clinician = "dr K";
      session.protocol = own.name;
      const auto sid = *s.add_session(session);
      for (const Limb limb : {Limb::kLeft, Limb::kRight}) {
        Trial t;
        t.session_id = sid;
        t.limb = limb;
        t.task = Task::kSingleLegSquat;
        t.attempt = 1;
        t.results.software_version = "0.1.0";
        t.results.metrics = {{"ml_squat_steadiness", 10.0 * k + (limb == Limb::kLeft), "0-100"}};
        const auto bytes = trial_bytes(100 + 10 * static_cast<std::size_t>(k));
        ASSERT_TRUE(s.add_trial(t, bytes).ok());
      }
    }
  }
};

TEST_F(TransferTest, ExportThenImportReproducesTheWholeRecord) {
  auto source = Store::open(path("a.db"));
  ASSERT_TRUE(source.ok());
  fill(*source);
  ASSERT_TRUE(export_patient(*source, "P-1", path("p1.stance-export")).ok());
  EXPECT_THAT(export_patient(*source, "P-1", path("p1.stance-export")).error().message,
              HasSubstr("already exists"));
  EXPECT_THAT(export_patient(*source, "NOPE", path("x.db")).error().message,
              HasSubstr("no patient"));
  EXPECT_FALSE(std::filesystem::exists(path("x.db")));

  auto target = Store::open(path("b.db"));
  ASSERT_TRUE(target.ok());
  const auto codes = import_patients(path("p1.stance-export"), *target);
  ASSERT_TRUE(codes.ok()) << codes.error().message;
  EXPECT_EQ(*codes, std::vector<std::string>{"P-1"});
  EXPECT_FALSE(target->patient("P-2").ok());  // only the exported patient

  const auto a = source->history(source->patient("P-1")->id);
  const auto b = target->history(target->patient("P-1")->id);
  ASSERT_EQ(a->size(), 4u);
  ASSERT_EQ(b->size(), a->size());
  for (std::size_t i = 0; i < a->size(); ++i) {
    EXPECT_EQ((*a)[i].value, (*b)[i].value);
    EXPECT_EQ((*a)[i].visit_utc, (*b)[i].visit_utc);
    EXPECT_EQ(*source->recording((*a)[i].trial_id), *target->recording((*b)[i].trial_id));
  }
  EXPECT_EQ(target->sessions(target->patient("P-1")->id)->at(0).clinician, "dr K");
  const auto protocol = target->protocol("Clinic squat, 4 reps");
  ASSERT_TRUE(protocol.ok()) << protocol.error().message;
  EXPECT_EQ(protocol->repetitions, 4);
  EXPECT_EQ(protocol->trials_per_side, 2);
}

TEST_F(TransferTest, EarlierAnalysesTravelWithTheRecord) {
  auto source = Store::open(path("a.db"));
  fill(*source);
  const auto first = source->trial_ids(source->patient("P-1")->id)->front();
  TrialResults newer;
  newer.software_version = "0.2.0";
  newer.verdict = "valid";
  newer.metrics = {{"ml_squat_steadiness", 5.0, "0-100"}};
  ASSERT_TRUE(source->replace_results(first, newer).ok());  // 0.1.0's results to the history
  ASSERT_EQ(*source->analysis_history_count(first), 1);
  ASSERT_TRUE(export_patient(*source, "P-1", path("p1.db")).ok());
  auto target = Store::open(path("b.db"));
  ASSERT_TRUE(import_patients(path("p1.db"), *target).ok());
  const auto ids = *target->trial_ids(target->patient("P-1")->id);
  int kept = 0;
  for (const auto id : ids) kept += *target->analysis_history_count(id);
  EXPECT_EQ(kept, 1);
  EXPECT_EQ(*target->db().query_integer(
                "SELECT count(*) FROM analysis_history WHERE software_version = '0.1.0'"),
            1);
}

TEST_F(TransferTest, ImportOfAnExistingCodeChangesNothing) {
  auto source = Store::open(path("a.db"));
  fill(*source);
  ASSERT_TRUE(export_patient(*source, "P-1", path("p1.db")).ok());
  const auto before = *source->db().query_integer("SELECT count(*) FROM trial");
  const auto again = import_patients(path("p1.db"), *source);
  ASSERT_FALSE(again.ok());
  EXPECT_THAT(again.error().message, HasSubstr("already exists"));
  EXPECT_EQ(*source->db().query_integer("SELECT count(*) FROM trial"), before);
}

TEST_F(TransferTest, ADamagedRecordingStopsTheExport) {
  auto source = Store::open(path("a.db"));
  fill(*source);
  ASSERT_TRUE(
      source->db().exec("UPDATE recording SET crc32c = crc32c + 1 WHERE trial_id = 2").ok());
  const Status s = export_patient(*source, "P-1", path("p1.db"));
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.error().message, HasSubstr("damaged"));
  EXPECT_FALSE(std::filesystem::exists(path("p1.db")));
}

TEST_F(TransferTest, AFailedExportLeavesNoFileAndTheRetryWorks) {
  // Issue 13 item 5: a failed export left a file, and the retry was refused because it existed.
  auto source = Store::open(path("a.db"));
  fill(*source);
  ASSERT_TRUE(
      source->db().exec("UPDATE recording SET crc32c = crc32c + 1 WHERE trial_id = 3").ok());
  const Status failed = export_patient(*source, "P-1", path("p1.db"));
  ASSERT_FALSE(failed.ok());
  EXPECT_THAT(failed.error().message, HasSubstr("damaged"));
  std::vector<std::string> left;
  for (const auto& e : std::filesystem::directory_iterator(dir_))
    left.push_back(e.path().filename().string());
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{"a.db", "a.db-shm", "a.db-wal"}));  // nothing else

  ASSERT_TRUE(
      source->db().exec("UPDATE recording SET crc32c = crc32c - 1 WHERE trial_id = 3").ok());
  const Status retried = export_patient(*source, "P-1", path("p1.db"));
  ASSERT_TRUE(retried.ok()) << retried.error().message;
  EXPECT_FALSE(std::filesystem::exists(path("p1.db-wal")));  // one self-contained file
  auto target = Store::open(path("b.db"));
  ASSERT_TRUE(import_patients(path("p1.db"), *target).ok());
  EXPECT_EQ(*target->db().query_integer("SELECT count(*) FROM trial"), 4);
}

TEST_F(TransferTest, AnExportReplacesAFileOnlyOnRequestAndNeverTheStore) {
  auto source = Store::open(path("a.db"));
  fill(*source);
  { std::ofstream(path("p1.db")) << "an older export"; }
  const Status refused = export_patient(*source, "P-1", path("p1.db"));
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message, HasSubstr("already exists"));
  const WriteOptions force{IfExists::kReplace, {}};
  ASSERT_TRUE(export_patient(*source, "P-1", path("p1.db"), force).ok());
  EXPECT_TRUE(Store::open(path("p1.db"), OpenMode::kReadOnly).ok());
  for (const char* name : {"a.db", "a.db-wal"}) {
    const Status store = export_patient(*source, "P-1", path(name), force);
    ASSERT_FALSE(store.ok()) << name;
    EXPECT_THAT(store.error().message, HasSubstr("which Stance has open"));
  }
  std::filesystem::create_symlink(path("p1.db"), path("link.db"));
  EXPECT_THAT(export_patient(*source, "P-1", path("link.db"), force).error().message,
              HasSubstr("symbolic link"));
  EXPECT_EQ(*source->db().query_text("PRAGMA integrity_check"), "ok");
}

TEST_F(TransferTest, ABundleWhoseRecordingDoesNotDecodeIsRefusedWhole) {
  // Its checksum matches (the bytes are as written) but they are no trial file: once imported,
  // such a recording made the patient's reports and re-analyses abort.
  {
    auto source = Store::open(path("a.db"));
    fill(*source);
    ASSERT_TRUE(export_patient(*source, "P-1", path("p1.db")).ok());
  }
  {
    auto raw = Db::open(path("p1.db").string(), SQLITE_OPEN_READWRITE);
    std::vector<std::uint8_t> junk = trial_bytes(50);
    junk[junk.size() / 2] ^= 0xFF;  // one flipped byte: the trial file's own CRC no longer fits
    auto update = raw->prepare(
        "UPDATE recording SET bytes = ?1, size = ?2, crc32c = ?3 WHERE trial_id = "
        "(SELECT max(trial_id) FROM recording)");
    ASSERT_TRUE(update.ok());
    update->bind_blob(1, junk)
        .bind(2, static_cast<std::int64_t>(junk.size()))
        .bind(3, static_cast<std::int64_t>(crc32c(junk)));
    ASSERT_TRUE(update->run().ok());
  }
  auto target = Store::open(path("b.db"));
  const auto result = import_patients(path("p1.db"), *target);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("nothing was imported"));
  EXPECT_THAT(result.error().message, HasSubstr("the recording of trial"));
  EXPECT_TRUE(target->patients()->empty());
  EXPECT_EQ(*target->db().query_integer("SELECT count(*) FROM trial"), 0);
}

TEST_F(TransferTest, ABundleWithFiguresOrDatesNoMeasurementGivesIsRefusedWhole) {
  // SQLite keeps 'abc' in a REAL column and any text as a date: such a bundle once put them into
  // the store, and the history and reports showed them as measured.
  {
    auto source = Store::open(path("a.db"));
    fill(*source);
    ASSERT_TRUE(export_patient(*source, "P-1", path("p1.db")).ok());
  }
  struct Case {
    const char* sql;
    const char* says;
  };
  const Case cases[] = {
      {"UPDATE metric SET value = 'abc'", "which no measurement gives"},
      {"UPDATE metric SET value = 1e308", "which no measurement gives"},
      {"UPDATE session SET started_utc = 'garbage\"<>'", "started_utc 'garbage\"<>', not a date"},
      {"UPDATE trial SET analysed_utc = '2026-13-45T99:00:00Z'", "analysed_utc"},
      {"UPDATE patient SET created_utc = ''", "created_utc"},
  };
  for (const Case& c : cases) {
    std::filesystem::copy_file(path("p1.db"), path("bad.db"),
                               std::filesystem::copy_options::overwrite_existing);
    {
      auto raw = Db::open(path("bad.db").string(), SQLITE_OPEN_READWRITE);
      ASSERT_TRUE(raw->exec(c.sql).ok()) << c.sql;
    }
    auto target = Store::open(path("b.db"));
    const auto result = import_patients(path("bad.db"), *target);
    ASSERT_FALSE(result.ok()) << c.sql;
    EXPECT_THAT(result.error().message, HasSubstr("nothing was imported")) << c.sql;
    EXPECT_THAT(result.error().message, HasSubstr(c.says)) << c.sql;
    EXPECT_TRUE(target->patients()->empty()) << c.sql;
  }
  // The bundle as exported imports.
  auto target = Store::open(path("b.db"));
  EXPECT_TRUE(import_patients(path("p1.db"), *target).ok());
}

TEST_F(TransferTest, ExportFromANewerStanceIsRefusedAndLeftUntouched) {
  {
    auto source = Store::open(path("a.db"));
    fill(*source);
    ASSERT_TRUE(export_patient(*source, "P-1", path("p1.db")).ok());
  }
  {
    auto raw = Db::open(path("p1.db").string(), SQLITE_OPEN_READWRITE);
    ASSERT_TRUE(raw->exec("PRAGMA user_version = 1000").ok());
  }
  const auto before = file_bytes(path("p1.db"));
  auto target = Store::open(path("b.db"));
  const auto result = import_patients(path("p1.db"), *target);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("newer Stance"));
  EXPECT_EQ(file_bytes(path("p1.db")), before);
  EXPECT_TRUE(target->patients()->empty());
}

}  // namespace
}  // namespace stance::store
