#include "cli/store_commands.hpp"

namespace stance::cli {

std::vector<Command> store_commands() {
  std::vector<Command> out = patient_commands();
  for (Command& c : session_commands()) out.push_back(std::move(c));
  for (Command& c : protocol_commands()) out.push_back(std::move(c));
  for (Command c :
       {visit_list_command(), session_record_command(), history_command(), reanalyze_command(),
        export_command(), import_command(), backup_command(), report_command(), table_command()}) {
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace stance::cli
