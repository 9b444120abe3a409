#include "app/clinic_model.hpp"

#include <algorithm>

#include "recording/trial_file.hpp"
#include "store/trial_metrics.hpp"

namespace stance::app {

int Visit::valid_trials() const {
  return static_cast<int>(std::count_if(trials.begin(), trials.end(),
                                        [](const store::Trial& t) { return t.results.valid; }));
}

std::string Visit::protocols() const {
  std::string out;
  std::vector<std::string> named;
  for (const store::Session& s : sessions) {
    if (std::find(named.begin(), named.end(), s.protocol) != named.end()) continue;
    named.push_back(s.protocol);
    out += (out.empty() ? "" : ", ") + s.protocol;
  }
  return out;
}

std::vector<std::pair<Task, Eyes>> Visit::conditions() const {
  std::vector<std::pair<Task, Eyes>> out;
  for (const store::Trial& t : trials) {
    const std::pair<Task, Eyes> c{t.task, t.eyes};
    if (t.results.valid && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return out;
}

Result<PatientHistory> load_patient_history(const store::Store& store, const std::string& code) {
  auto patient = store.patient(code);
  if (!patient) return patient.error();
  PatientHistory h;
  h.patient = *patient;
  auto visits = store.visits(patient->id);
  if (!visits) return visits.error();
  for (const store::Visit& stored : *visits) {
    Visit v;
    v.visit = stored;
    auto sessions = store.visit_sessions(stored.id);
    if (!sessions) return sessions.error();
    v.sessions = std::move(*sessions);
    for (const store::Session& s : v.sessions) {
      auto trials = store.trials(s.id);
      if (!trials) return trials.error();
      for (store::Trial& t : *trials) {
        auto metrics = store.metrics(t.id);
        if (!metrics) return metrics.error();
        t.results.metrics = std::move(*metrics);
        v.trials.push_back(std::move(t));
      }
    }
    h.visits.push_back(std::move(v));
  }
  auto rows = store.history(patient->id);
  if (!rows) return rows.error();
  h.progress = store::compute_progress(*rows, patient->involved_side);
  return h;
}

const store::VisitPoint* last_visit_point(const PatientHistory& h, Task task, Eyes eyes,
                                          const std::string& key_figure, Limb limb,
                                          std::int64_t this_visit) {
  // The count of repetitions is not stored (acceptable ones are): no point for it.
  const std::string key = store::stored_metric_key(key_figure);
  for (const store::MetricProgress& p : h.progress) {
    if (p.task != task || p.eyes != eyes || p.key != key) continue;
    for (const store::LimbSeries& s : p.limbs) {
      if (s.limb != limb) continue;
      for (auto it = s.points.rbegin(); it != s.points.rend(); ++it) {
        if (it->visit_id != this_visit) return &*it;
      }
    }
  }
  return nullptr;
}

std::string ClinicModel::store_path() const {
  return worker_ != nullptr ? worker_->path().string() : std::string();
}

void ClinicModel::post(StoreWorker::Job job) {
  if (worker_ == nullptr) return;
  ++pending_;
  worker_->post([this, job = std::move(job)](store::Store& s) -> StoreWorker::UiStep {
    StoreWorker::UiStep then = job(s);
    return [this, then = std::move(then)] {
      --pending_;
      if (then) then();
    };
  });
}

void ClinicModel::refresh(std::function<void(std::vector<store::Protocol>)> on_protocols) {
  post([this, on_protocols](store::Store& s) -> StoreWorker::UiStep {
    std::vector<PatientRow> rows;
    auto patients = s.patients();
    std::string error = patients ? "" : patients.error().message;
    for (const store::Patient& p : patients ? *patients : std::vector<store::Patient>{}) {
      PatientRow row{p, 0, "", std::nullopt};
      if (auto visits = s.visits(p.id); visits && !visits->empty()) {
        row.visits = static_cast<int>(visits->size());
        row.last_visit_utc = visits->back().started_utc;
      }
      if (auto consent = s.video_consent(p.id)) row.video_consent_utc = *consent;
      rows.push_back(std::move(row));
    }
    auto protocols = s.protocols();
    const auto keeping = s.video_keeping();
    const auto interval = s.mass_check_interval_days();
    if (!interval && error.empty()) error = interval.error().message;
    return [this, rows = std::move(rows), error, on_protocols, keeping = keeping && *keeping,
            interval = interval ? *interval : kDefaultMassCheckIntervalDays,
            protocols = protocols ? *protocols : std::vector<store::Protocol>{}]() mutable {
      patients_ = std::move(rows);
      video_keeping_ = keeping;
      mass_check_interval_days_ = interval;
      error_ = error;
      if (on_protocols && !protocols.empty()) on_protocols(std::move(protocols));
    };
  });
}

// GCC 12 warns falsely (-Wmaybe-uninitialized) on a Result moved into a lambda.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
void ClinicModel::save_patient(store::Patient patient,
                               std::function<void(Result<store::Patient>)> then) {
  post([this, patient, then = std::move(then)](store::Store& s) -> StoreWorker::UiStep {
    Result<store::Patient> saved = Error{""};
    if (patient.id == 0) {
      const auto id = s.add_patient(patient);
      saved = id ? s.patient_by_id(*id) : Result<store::Patient>(id.error());
    } else {
      const Status updated = s.update_patient(patient);
      saved = updated ? s.patient_by_id(patient.id) : Result<store::Patient>(updated.error());
    }
    return [this, then, saved = std::move(saved)]() mutable {
      refresh();  // the list shows the record as stored
      then(std::move(saved));
    };
  });
}

void ClinicModel::add_protocol(store::Protocol protocol,
                               std::function<void(Result<std::vector<store::Protocol>>)> then) {
  post([protocol, then = std::move(then)](store::Store& s) -> StoreWorker::UiStep {
    const auto id = s.add_protocol(protocol);
    Result<std::vector<store::Protocol>> all =
        id ? s.protocols() : Result<std::vector<store::Protocol>>(id.error());
    return [then, all = std::move(all)]() mutable { then(std::move(all)); };
  });
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

void ClinicModel::set_video_keeping(bool on) {
  video_keeping_ = on;  // shown at once; the store's word comes with the refresh
  run(
      [on](store::Store& s) -> Result<std::string> {
        if (Status st = s.set_video_keeping(on); !st) return st.error();
        return std::string(on ? "The clinic keeps the videos of patients who consent."
                              : "The clinic keeps no videos.");
      },
      [this](Result<std::string> done) {
        notice = done ? *done : "NOT CHANGED: " + done.error().message;
        refresh();
      });
}

const PatientRow* ClinicModel::find_patient(const std::string& code) const {
  for (const PatientRow& row : patients_) {
    if (row.patient.code == code) return &row;
  }
  return nullptr;
}

void ClinicModel::open_patient(const std::string& code) {
  if (code != open_code_) notice.clear();  // another patient: the last outcome was not theirs
  open_code_ = code;
  compared.clear();
  post([this, code](store::Store& s) -> StoreWorker::UiStep {
    auto loaded = load_patient_history(s, code);
    return [this, code, loaded = std::move(loaded)]() mutable {
      if (code != open_code_) return;  // another patient was asked for meanwhile
      if (loaded) {
        history_ = std::move(*loaded);
        error_.clear();
      } else {
        history_.reset();
        error_ = loaded.error().message;
      }
    };
  });
}

void ClinicModel::load_recording(std::int64_t trial_id,
                                 std::function<void(Result<Recording>)> then) {
  post([trial_id, then = std::move(then)](store::Store& s) -> StoreWorker::UiStep {
    auto bytes = s.recording(trial_id);
    Result<Recording> r = bytes ? decode_trial(*bytes, "stored trial " + std::to_string(trial_id))
                                : Result<Recording>(bytes.error());
    return [then, r = std::move(r)]() mutable { then(std::move(r)); };
  });
}

void ClinicModel::run(std::function<Result<std::string>(store::Store&)> job,
                      std::function<void(Result<std::string>)> then) {
  post([job = std::move(job), then = std::move(then)](store::Store& s) -> StoreWorker::UiStep {
    auto r = job(s);
    return [then, r = std::move(r)]() mutable { then(std::move(r)); };
  });
}

void ClinicModel::toggle_compared(std::int64_t visit_id) {
  const auto it = std::find(compared.begin(), compared.end(), visit_id);
  if (it != compared.end()) {
    compared.erase(it);
    return;
  }
  compared.push_back(visit_id);
  if (compared.size() > 2) compared.erase(compared.begin());  // keep the latest two choices
}

}  // namespace stance::app
