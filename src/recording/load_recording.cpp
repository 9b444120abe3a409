#include "recording/load_recording.hpp"

#include "core/recording_samples.hpp"
#include "recording/import_any.hpp"
#include "recording/trial_file.hpp"
#include "support/atomic_file.hpp"

namespace stance {

Result<LoadedRecording> load_recording(const std::filesystem::path& path,
                                       const ImportOptions& options) {
  // Through the reader that refuses what is not a regular file: a FIFO given by mistake once made
  // `stance analyze` wait for ever.
  const auto head = read_file_head(path, 16);
  if (!head) return head.error();
  if (looks_like_trial_file(*head)) {
    auto trial = read_trial_file(path);
    if (!trial) return trial.error();
    LoadedRecording out;
    out.samples = samples_from_recording(*trial, options.min_fz_n);
    out.format = "stance-trial";
    const TrialMetadata& m = trial->metadata;
    out.metadata = {
        {"patient_code", m.patient_code},      {"limb", to_string(m.limb)},
        {"task", to_string(m.task)},           {"eyes", to_string(m.eyes)},
        {"recorded_at", m.recorded_at_utc},    {"device", m.device},
        {"plate_serial", trial->plate.serial}, {"software_version", m.software_version}};
    out.trial = std::move(*trial);
    return out;
  }
  auto imported = import_recording(path, options);
  if (!imported) return imported.error();
  return LoadedRecording{std::move(imported->samples), imported->format,
                         std::move(imported->metadata), std::nullopt};
}

}  // namespace stance
