#pragma once
// How the store commands find the store: `--db FILE` (after the command or before it), else
// $XDG_DATA_HOME/stance/stance.db.
#include <filesystem>

#include "cli/command.hpp"
#include "store/store.hpp"

namespace stance::cli {

OptionSpec db_option();
std::filesystem::path store_path(const ParsedArgs& args, const Context& context);
// For commands that write: creates the store (and its folder) when missing.
Result<store::Store> open_store(const ParsedArgs& args, const Context& context);
// For commands that only read: never creates a store (a missing file is most likely a mistyped
// --db), and opens it read-only when it cannot be written (read-only media, another's store).
Result<store::Store> open_store_to_read(const ParsedArgs& args, const Context& context);

}  // namespace stance::cli

namespace stance::cli {

// A command table entry in one expression (the store commands have many).
Command store_command(const std::string& name, const std::string& summary, const std::string& usage,
                      std::vector<std::string> positionals, std::vector<OptionSpec> options,
                      int (*run)(const ParsedArgs&, Context&), const std::string& details = "");

}  // namespace stance::cli
