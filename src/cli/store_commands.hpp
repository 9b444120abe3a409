#pragma once
// The commands on the clinic's history (src/store), one file each; store_commands() in
// command.hpp puts them all in the table.
#include <vector>

#include "cli/command.hpp"

namespace stance::cli {

std::vector<Command> patient_commands();   // cmd_patient.cpp
std::vector<Command> session_commands();   // cmd_session.cpp: list, show
Command visit_list_command();              // cmd_visit.cpp
std::vector<Command> protocol_commands();  // cmd_protocol.cpp: list, add
Command session_record_command();          // cmd_session_record.cpp
Command history_command();                 // cmd_history.cpp
Command reanalyze_command();               // cmd_reanalyze.cpp
Command export_command();                  // cmd_transfer.cpp
Command import_command();                  // cmd_transfer.cpp
Command backup_command();                  // cmd_backup.cpp
Command report_command();                  // cmd_report.cpp
Command table_command();                   // cmd_table.cpp: the patient's trials across visits

}  // namespace stance::cli
