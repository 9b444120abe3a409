#include "recording/load_recording.hpp"

#include <array>
#include <fstream>

#include "core/recording_samples.hpp"
#include "recording/import_any.hpp"
#include "recording/trial_file.hpp"

namespace stance {
namespace {

bool starts_like_trial_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::array<char, 16> head{};
  in.read(head.data(), head.size());
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(head.data());  // NOLINT: byte view
  return looks_like_trial_file({bytes, static_cast<std::size_t>(in.gcount())});
}

}  // namespace

Result<LoadedRecording> load_recording(const std::filesystem::path& path,
                                       const ImportOptions& options) {
  if (starts_like_trial_file(path)) {
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
