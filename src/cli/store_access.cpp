#include "cli/store_access.hpp"

#include <unistd.h>

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

Result<store::Store> open_store_to_read(const ParsedArgs& args, const Context& context) {
  const std::filesystem::path path = store_path(args, context);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Error{"there is no store at " + path.string() +
                 " (a mistyped --db?); `stance patient add` makes a new one"};
  }
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
  const bool writable = ::access(path.c_str(), W_OK) == 0 && ::access(folder.c_str(), W_OK) == 0;
  return store::Store::open(path,
                            writable ? store::OpenMode::kReadWrite : store::OpenMode::kReadOnly);
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
