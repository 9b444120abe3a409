#include "cli/store_access.hpp"

#include "services/data_dirs.hpp"

namespace stance::cli {

OptionSpec db_option() {
  return {"db", "FILE", "the store (default: $XDG_DATA_HOME/stance/stance.db)"};
}

std::filesystem::path store_path(const ParsedArgs& args, const Context& context) {
  if (const auto db = args.value("db")) return *db;
  if (!context.db_path.empty()) return context.db_path;
  return default_data_dir() / "stance.db";
}

Result<store::Store> open_store(const ParsedArgs& args, const Context& context) {
  return store::Store::open(store_path(args, context));
}

}  // namespace stance::cli

namespace stance::cli {

Command store_command(const std::string& name, const std::string& summary, const std::string& usage,
                      std::vector<std::string> positionals, std::vector<OptionSpec> options,
                      int (*run)(const ParsedArgs&, Context&), const std::string& details) {
  CommandSpec spec;
  spec.name = name;
  spec.summary = summary;
  spec.usage = usage;
  spec.positionals = std::move(positionals);
  spec.options = std::move(options);
  spec.details = details;
  return {spec, run};
}

}  // namespace stance::cli
