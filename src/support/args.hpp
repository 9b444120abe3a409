#pragma once
// A small declarative argument parser: every command declares its options, so `--help` and the
// "unknown option" errors come from one place.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "support/result.hpp"

namespace stance {

struct OptionSpec {
  std::string name;         // without the leading "--"
  std::string value_name;   // empty for a flag
  std::string description;  // one line, with the unit and the default
};

struct CommandSpec {
  std::string name;                      // e.g. "analyze"
  std::string summary;                   // one line for `stance --help`
  std::string usage;                     // e.g. "stance analyze FILE [options]"
  std::vector<std::string> positionals;  // names of required positional arguments
  // Names of optional positional arguments, after the required ones.
  std::vector<std::string> optional_positionals;
  std::vector<OptionSpec> options;
  std::string details;  // free text after the options in --help
};

class ParsedArgs {
 public:
  bool help = false;
  std::vector<std::string> positionals;

  bool flag(const std::string& name) const { return values_.count(name) != 0; }
  std::optional<std::string> value(const std::string& name) const;
  std::string value_or(const std::string& name, const std::string& fallback) const;
  // A finite number (nan and inf are refused by name).
  Result<double> number(const std::string& name, double fallback) const;
  // A whole number within [min, max], e.g. a plate index, a year, a count: "1.5", "nan" or one
  // out of range is refused with the range, never truncated or wrapped.
  Result<long> whole_number(const std::string& name, long fallback, long min, long max) const;
  void set(const std::string& name, const std::string& v) { values_[name] = v; }

 private:
  std::map<std::string, std::string> values_;
};

// Parses argv after the command name. Accepts "--name value" and "--name=value".
Result<ParsedArgs> parse_args(const CommandSpec& spec, const std::vector<std::string>& args);
std::string help_text(const CommandSpec& spec);

}  // namespace stance
