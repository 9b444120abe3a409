// Video keeping in a real store: the clinic's switch, the patient's consent, the files beside the
// store (owner-only, never replaced), and what deleting a patient, withdrawing consent and
// exporting do with them (docs/store.md, "Videos").
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "recording/trial_file.hpp"
#include "store/store.hpp"
#include "store/transfer.hpp"
#include "temp_store_dir.hpp"

namespace stance::store {
namespace {

using ::testing::HasSubstr;

class VideoKeepingTest : public TempStoreDir {
 protected:
  // A patient with one session of one trial; returns {patient id, trial id}.
  std::pair<std::int64_t, std::int64_t> patient_with_a_trial(Store& s, const std::string& code) {
    Patient p;
    p.code = code;
    const std::int64_t pid = *s.add_patient(p);
    Session session;
    session.patient_id = pid;
    const std::int64_t sid = *s.add_session(session);
    Trial t;
    t.session_id = sid;
    t.limb = Limb::kLeft;
    t.task = Task::kSingleLegSquat;
    t.attempt = 1;
    t.results.software_version = "test";
    Recording r;
    r.rate_hz = 100.0;
    r.frames.resize(10);
    const auto tid = s.add_trial(t, encode_trial(r));
    EXPECT_TRUE(tid.ok()) << tid.error().message;
    return {pid, tid ? *tid : 0};
  }

  // A file standing for a trial's video, made where the store says and registered.
  std::filesystem::path keep_video(Store& s, std::int64_t trial_id) {
    const auto where = s.new_video_path(trial_id);
    EXPECT_TRUE(where.ok()) << where.error().message;
    if (!where) return {};
    std::ofstream(*where) << "a video";
    EXPECT_TRUE(s.add_trial_video({trial_id, where->filename().string(), 30, 1.0}).ok());
    return *where;
  }

  static unsigned mode_of(const std::filesystem::path& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
    return st.st_mode & 0777;
  }
};

TEST_F(VideoKeepingTest, OffUnlessTheClinicSwitchesItOnAndThenOnlyWithConsent) {
  auto s_opened = Store::open(path("c.db"));
  ASSERT_TRUE(s_opened.ok());
  Store& s = *s_opened;
  const auto [pid, tid] = patient_with_a_trial(s, "P-1");
  EXPECT_FALSE(*s.video_keeping());
  ASSERT_TRUE(s.record_video_consent(pid, "K. Ngata").ok());
  EXPECT_FALSE(*s.keeps_video_of(pid));  // consent alone: the clinic keeps none
  ASSERT_TRUE(s.set_video_keeping(true).ok());
  EXPECT_TRUE(*s.keeps_video_of(pid));
  const auto consent = *s.video_consent(pid);
  ASSERT_TRUE(consent);
  EXPECT_EQ(consent->size(), 20u) << *consent;  // 2026-12-07T19:00:00Z
  const auto [other, other_trial] = patient_with_a_trial(s, "P-2");
  EXPECT_FALSE(*s.keeps_video_of(other));  // no consent recorded
  ASSERT_TRUE(s.set_video_keeping(false).ok());
  EXPECT_FALSE(*s.keeps_video_of(pid));
  // The switch is the store's, so every station on it sees it.
  auto again_opened = Store::open(path("c.db"));
  ASSERT_TRUE(again_opened.ok());
  Store& again = *again_opened;
  EXPECT_FALSE(*again.video_keeping());
}

TEST_F(VideoKeepingTest, VideosAreOwnerOnlyBesideTheStoreAndNeverReplaced) {
  auto s_opened = Store::open(path("c.db"));
  ASSERT_TRUE(s_opened.ok());
  Store& s = *s_opened;
  ASSERT_TRUE(s.set_video_keeping(true).ok());
  const auto [pid, tid] = patient_with_a_trial(s, "P-1");
  const std::filesystem::path file = keep_video(s, tid);
  EXPECT_EQ(file.parent_path(), path("c.db.videos"));
  EXPECT_EQ(mode_of(path("c.db.videos")), 0700u);
  const auto kept = *s.videos(pid);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].trial_id, tid);
  EXPECT_EQ(kept[0].frames, 30);
  const auto again = s.new_video_path(tid);
  ASSERT_FALSE(again.ok());
  EXPECT_THAT(again.error().message, HasSubstr("not replaced"));
  // A folder left readable by others is made owner-only again.
  ASSERT_EQ(::chmod(path("c.db.videos").c_str(), 0755), 0);
  const auto [pid2, tid2] = patient_with_a_trial(s, "P-2");
  ASSERT_TRUE(s.new_video_path(tid2).ok());
  EXPECT_EQ(mode_of(path("c.db.videos")), 0700u);
}

TEST_F(VideoKeepingTest, DeletingAPatientDeletesTheirVideosAndNobodyElses) {
  auto s_opened = Store::open(path("c.db"));
  ASSERT_TRUE(s_opened.ok());
  Store& s = *s_opened;
  ASSERT_TRUE(s.set_video_keeping(true).ok());
  const auto [pid, tid] = patient_with_a_trial(s, "P-1");
  const auto [other, other_trial] = patient_with_a_trial(s, "P-2");
  const auto mine = keep_video(s, tid);
  const auto theirs = keep_video(s, other_trial);
  ASSERT_TRUE(s.delete_patient(pid).ok());
  EXPECT_FALSE(s.patient("P-1").ok());
  EXPECT_FALSE(s.trial(tid).ok());
  EXPECT_FALSE(s.recording(tid).ok());
  EXPECT_FALSE(std::filesystem::exists(mine));
  EXPECT_TRUE(std::filesystem::exists(theirs));
  EXPECT_EQ(s.videos(other)->size(), 1u);
  EXPECT_FALSE(s.delete_patient(pid).ok());  // gone: said, not silently done again
}

TEST_F(VideoKeepingTest, WithdrawnConsentDeletesTheVideosAndKeepsTheTrials) {
  auto s_opened = Store::open(path("c.db"));
  ASSERT_TRUE(s_opened.ok());
  Store& s = *s_opened;
  ASSERT_TRUE(s.set_video_keeping(true).ok());
  const auto [pid, tid] = patient_with_a_trial(s, "P-1");
  ASSERT_TRUE(s.record_video_consent(pid, "").ok());
  const auto file = keep_video(s, tid);
  ASSERT_TRUE(s.withdraw_video_consent(pid).ok());
  EXPECT_FALSE(std::filesystem::exists(file));
  EXPECT_TRUE(s.videos(pid)->empty());
  EXPECT_FALSE(*s.keeps_video_of(pid));
  EXPECT_TRUE(s.recording(tid).ok());  // the trial itself stays
}

TEST_F(VideoKeepingTest, AnExportHoldsNoPictureAndNoConsent) {
  auto s_opened = Store::open(path("c.db"));
  ASSERT_TRUE(s_opened.ok());
  Store& s = *s_opened;
  ASSERT_TRUE(s.set_video_keeping(true).ok());
  const auto [pid, tid] = patient_with_a_trial(s, "P-1");
  ASSERT_TRUE(s.record_video_consent(pid, "").ok());
  keep_video(s, tid);
  ASSERT_TRUE(export_patient(s, "P-1", path("out.stance")).ok());
  EXPECT_FALSE(std::filesystem::exists(path("out.stance.videos")));
  auto exported_opened = Store::open(path("out.stance"));
  ASSERT_TRUE(exported_opened.ok());
  Store& exported = *exported_opened;
  const auto p = *exported.patient("P-1");
  EXPECT_TRUE(exported.videos(p.id)->empty());
  EXPECT_FALSE(*exported.video_consent(p.id));  // consent was given to this clinic
  EXPECT_FALSE(*exported.video_keeping());
  EXPECT_EQ(exported.trial_ids(p.id)->size(), 1u);
}

}  // namespace
}  // namespace stance::store
