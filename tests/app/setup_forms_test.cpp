// The set-up view's patients and protocols without a window, on a real store through the store
// worker: the search (code or name, case and accents ignored), a patient's record edited and
// saved (and an impossible mass refused in the store's words), a new patient added, a clinic
// protocol added (and refused) and chosen at once, and Begin session with no patient chosen.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "app/actions.hpp"
#include "app/clinic_model.hpp"
#include "app/patient_search.hpp"
#include "app/session_model.hpp"
#include "services/drivers.hpp"
#include "stored_sessions.hpp"
#include "temp_dir.hpp"
#include "worker_pump.hpp"

namespace stance::app {
namespace {

using namespace std::chrono_literals;

PatientRow row(const std::string& code, const std::string& name) {
  PatientRow r;
  r.patient.code = code;
  r.patient.name = name;
  return r;
}

std::vector<std::string> codes(const std::vector<PatientRow>& rows, const std::string& query) {
  std::vector<std::string> out;
  for (const PatientRow* r : search_patients(rows, query)) out.push_back(r->patient.code);
  return out;
}

TEST(PatientSearch, FindsCodeOrNameIgnoringCaseAndAccentsAsTyped) {
  const std::vector<PatientRow> rows = {row("PFP-007", "Anna Berg"), row("PFP-011", ""),
                                        row("KNE-2", "Łucja Ősz"), row("KNE-3", "Şebnem Çelik")};
  using V = std::vector<std::string>;
  EXPECT_EQ(codes(rows, ""), (V{"PFP-007", "PFP-011", "KNE-2", "KNE-3"}));
  EXPECT_EQ(codes(rows, "pfp-0"), (V{"PFP-007", "PFP-011"}));  // part of a code, any case
  EXPECT_EQ(codes(rows, "011"), (V{"PFP-011"}));
  EXPECT_EQ(codes(rows, "BERG"), (V{"PFP-007"}));  // part of a name
  EXPECT_EQ(codes(rows, "Łucja"), (V{"KNE-2"}));   // accents as typed
  EXPECT_EQ(codes(rows, "łucja ősz"), (V{"KNE-2"}));
  EXPECT_EQ(codes(rows, "ŐSZ"), (V{"KNE-2"}));
  EXPECT_EQ(codes(rows, "şebnem çel"), (V{"KNE-3"}));
  EXPECT_TRUE(codes(rows, "lucja").empty());  // Ł is not L: the name as it is spelt
  EXPECT_TRUE(codes(rows, "PFP-012").empty());
  EXPECT_EQ(fold_case("ĄĆĘŁŃÓŚŹŻ ÀÉÎÕÜ ŐŰ İ Ÿ"), "ąćęłńóśźż àéîõü őű i ÿ");
  EXPECT_EQ(fold_case("\xff\xfe"), "\xff\xfe");  // not UTF-8: kept as it is
}

class SetupFormsTest : public ::testing::Test {
 protected:
  SetupFormsTest() {
    register_all_drivers(drivers_);
    test_support::StoredSessions stored(db_);
    stored.add_patient("PFP-007", "Anna Berg", 1990, Limb::kLeft);
  }

  store::Store reopen() {
    auto s = store::Store::open(db_);
    EXPECT_TRUE(s) << s.error().message;
    return std::move(*s);
  }

  test::TempDir dir_{"stance-setup-forms"};
  std::filesystem::path db_ = dir_.root() / "clinic.db";
  DriverRegistry drivers_;
};

TEST_F(SetupFormsTest, EditsAPatientThroughTheStoreWorkerAndShowsTheStoresRefusal) {
  auto opened = store::Store::open(db_);
  ASSERT_TRUE(opened);
  StoreWorker w(std::move(*opened));
  ClinicModel clinic(&w);
  LiveSource source(drivers_, "sim:realtime=0");
  TrialFileSink files(dir_.root() / "files");
  SessionModel session(source, files);
  clinic.refresh();
  pump(w);
  const PatientRow* anna = clinic.find_patient("PFP-007");
  ASSERT_NE(anna, nullptr);
  choose_patient(session, clinic, *anna);
  EXPECT_EQ(clinic.patient_form.patient.name, "Anna Berg");

  PatientForm& form = clinic.patient_form;
  for (const auto& [field, value] :
       std::vector<std::pair<std::string, std::string>>{{"mass", "62.5"},
                                                        {"height", "171"},
                                                        {"sex", "female"},
                                                        {"birth_year", "1991"},
                                                        {"name", "Anna Łucja Berg"},
                                                        {"involved", "right"},
                                                        {"notes", "ran a marathon"}}) {
    ASSERT_TRUE(form.set(field, value)) << field;
  }
  EXPECT_FALSE(form.set("mass", "heavy"));
  EXPECT_FALSE(form.set("shoe", "42"));
  EXPECT_FALSE(form.set("code", "PFP-008"));  // a stored patient keeps its code
  save_patient_form(session, clinic);
  EXPECT_TRUE(form.saving);
  pump(w);
  EXPECT_FALSE(form.saving);
  EXPECT_FALSE(form.failed) << form.outcome;
  EXPECT_EQ(form.outcome, "Saved patient PFP-007.");
  EXPECT_EQ(session.patient_code, "PFP-007");
  EXPECT_EQ(session.involved, Limb::kRight);
  {
    const auto stored = reopen().patient("PFP-007");
    ASSERT_TRUE(stored);
    EXPECT_DOUBLE_EQ(stored->mass_kg.value_or(0), 62.5);
    EXPECT_DOUBLE_EQ(stored->height_cm.value_or(0), 171);
    EXPECT_EQ(stored->sex, store::Sex::kFemale);
    EXPECT_EQ(stored->birth_year.value_or(0), 1991);
    EXPECT_EQ(stored->name, "Anna Łucja Berg");
    EXPECT_EQ(stored->involved_side, Limb::kRight);
    EXPECT_EQ(stored->notes, "ran a marathon");
  }
  // The list was reloaded with the record as stored.
  ASSERT_NE(clinic.find_patient("PFP-007"), nullptr);
  EXPECT_EQ(clinic.find_patient("PFP-007")->patient.name, "Anna Łucja Berg");

  // An impossible mass: the store refuses it, the form says so in the store's words and stays.
  ASSERT_TRUE(form.set("mass", "500"));
  save_patient_form(session, clinic);
  pump(w);
  EXPECT_TRUE(form.failed);
  EXPECT_TRUE(form.editing);
  EXPECT_EQ(form.outcome, "NOT SAVED: mass 500 kg is impossible (10 to 350 kg)");
  EXPECT_DOUBLE_EQ(reopen().patient("PFP-007")->mass_kg.value_or(0), 62.5);
}

TEST_F(SetupFormsTest, AddsANewPatientOnlyByTheExplicitActionWithTheStoresChecks) {
  auto opened = store::Store::open(db_);
  ASSERT_TRUE(opened);
  StoreWorker w(std::move(*opened));
  ClinicModel clinic(&w);
  LiveSource source(drivers_, "sim:realtime=0");
  TrialFileSink files(dir_.root() / "files");
  SessionModel session(source, files);
  EXPECT_TRUE(session.patient_code.empty());  // never pre-filled

  // A name searched for is not taken as a code; a code is.
  start_new_patient(clinic, "Łucja Ősz");
  EXPECT_TRUE(clinic.patient_form.patient.code.empty());
  EXPECT_TRUE(clinic.patient_form.is_new());
  start_new_patient(clinic, "KNE-2");
  PatientForm& form = clinic.patient_form;
  EXPECT_EQ(form.patient.code, "KNE-2");
  ASSERT_TRUE(form.set("name", "Łucja Ősz"));
  ASSERT_TRUE(form.set("mass", "58"));
  ASSERT_TRUE(form.set("involved", "left"));
  save_patient_form(session, clinic);
  pump(w);
  EXPECT_FALSE(form.failed) << form.outcome;
  EXPECT_EQ(form.outcome, "Added patient KNE-2.");
  EXPECT_EQ(session.patient_code, "KNE-2");
  const auto stored = reopen().patient("KNE-2");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->name, "Łucja Ősz");
  EXPECT_DOUBLE_EQ(stored->mass_kg.value_or(0), 58);
  EXPECT_EQ(search_patients(clinic.patients(), "ősz").size(), 1u);

  // A code the store already has, and one that is not a pseudonym: the store's words.
  start_new_patient(clinic, "PFP-007");
  save_patient_form(session, clinic);
  pump(w);
  EXPECT_TRUE(form.failed);
  EXPECT_NE(form.outcome.find("already exists"), std::string::npos) << form.outcome;
  ASSERT_TRUE(form.set("code", "Anna Berg"));
  save_patient_form(session, clinic);
  pump(w);
  EXPECT_NE(form.outcome.find("may hold only letters, digits"), std::string::npos) << form.outcome;
  EXPECT_EQ(session.patient_code, "KNE-2");
}

TEST_F(SetupFormsTest, AddsAClinicProtocolChosenAtOnceAndShowsTheStoresRefusal) {
  auto opened = store::Store::open(db_);
  ASSERT_TRUE(opened);
  StoreWorker w(std::move(*opened));
  ClinicModel clinic(&w);
  LiveSource source(drivers_, "sim:realtime=0");
  TrialFileSink files(dir_.root() / "files");
  SessionModel session(source, files);
  EXPECT_TRUE(is_builtin_protocol("single-leg-squat"));

  ProtocolForm& form = clinic.protocol_form;
  ASSERT_TRUE(form.set("squat-3x4", "squat", 60, 3, "open", 4));
  form.description = "four squats, three trials per side";
  add_protocol_form(session, clinic);
  pump(w);
  EXPECT_FALSE(form.failed) << form.outcome;
  EXPECT_NE(form.outcome.find("Added protocol squat-3x4"), std::string::npos);
  EXPECT_TRUE(form.name.empty());                   // ready for the next one
  EXPECT_EQ(session.protocol().name, "squat-3x4");  // in the choice, and chosen
  EXPECT_EQ(session.protocol().repetitions, 4);
  EXPECT_FALSE(is_builtin_protocol("squat-3x4"));
  const auto stored = reopen().protocol("squat-3x4");
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(stored->task, Task::kSingleLegSquat);
  EXPECT_EQ(stored->trials_per_side, 3);
  EXPECT_EQ(stored->description, "four squats, three trials per side");

  // Refused in the store's words (those of `stance protocol add`); the choice is unchanged.
  ASSERT_TRUE(form.set("stance-long", "stance", 900, 2, "both", 0));
  add_protocol_form(session, clinic);
  pump(w);
  EXPECT_TRUE(form.failed);
  EXPECT_EQ(form.outcome, "NOT ADDED: a protocol's trials last 1 to 600 s");
  EXPECT_EQ(form.name, "stance-long");  // kept for the correction
  ASSERT_TRUE(form.set("squat-3x4", "stance", 20, 2, "both", 0));
  add_protocol_form(session, clinic);
  pump(w);
  EXPECT_TRUE(form.failed);
  EXPECT_NE(form.outcome.find("squat-3x4"), std::string::npos) << form.outcome;
  EXPECT_EQ(session.protocol().name, "squat-3x4");
  EXPECT_FALSE(form.set("x", "jump", 20, 2, "open", 0));
  EXPECT_FALSE(form.set("x", "stance", 20, 2, "shut", 0));
}

TEST_F(SetupFormsTest, BeginningWithNoPatientSaysWhatToDo) {
  LiveSource source(drivers_, "sim:realtime=0");
  TrialFileSink files(dir_.root() / "files");
  SessionModel session(source, files);
  const Status begun = session.request_begin();
  ASSERT_FALSE(begun);
  EXPECT_NE(begun.error().message.find("No patient chosen"), std::string::npos);
  EXPECT_NE(session.message().find("New patient"), std::string::npos);
  EXPECT_FALSE(session.active());
}

}  // namespace
}  // namespace stance::app
