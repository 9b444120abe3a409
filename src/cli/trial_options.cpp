#include "cli/trial_options.hpp"

namespace stance::cli {

std::vector<OptionSpec> trial_metadata_options() {
  return {
      {"patient", "CODE", "pseudonymous patient code (never a name)"},
      {"limb", "SIDE", "left or right: the leg the patient stands on", one_of({"left", "right"})},
      {"task", "TASK", "stance (single-leg stance) or squat (single-leg squats)",
       one_of({"stance", "squat"})},
      {"eyes", "EYES", "open or closed", one_of({"open", "closed"})},
      {"attempt", "N", "trial number within the session (0 to 1000)", whole_number_in(0, 1000)},
      {"notes", "TEXT", "free text kept with the trial"},
  };
}

Result<TrialMetadata> trial_metadata_from(const ParsedArgs& args) {
  TrialMetadata m;
  m.patient_code = args.value_or("patient", "");
  m.notes = args.value_or("notes", "");
  if (const auto limb = args.value("limb"); limb && !parse_limb(*limb, m.limb)) {
    return Error{"--limb must be left or right, not '" + *limb + "'"};
  }
  if (const auto task = args.value("task"); task && !parse_task(*task, m.task)) {
    return Error{"--task must be stance or squat, not '" + *task + "'"};
  }
  if (const auto eyes = args.value("eyes"); eyes && !parse_eyes(*eyes, m.eyes)) {
    return Error{"--eyes must be open or closed, not '" + *eyes + "'"};
  }
  const auto attempt = args.whole_number("attempt", 0);
  if (!attempt) return attempt.error();
  m.attempt = static_cast<int>(*attempt);
  return m;
}

}  // namespace stance::cli
