#pragma once
// A small declarative argument parser: every command declares its options, so `--help` and the
// "unknown option" errors come from one place.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "support/result.hpp"

namespace stance {

// What an option's value must be. parse_args checks it before the command runs, so every
// command refuses a value that cannot be meant (nan, 1.5 for a count, 1e-9 s, "b5" for a paper)
// with the same sentence, naming what is accepted, and no command can forget a check.
struct ValueRule {
  enum class Kind { kAnyText, kNumber, kWholeNumber, kWord };
  Kind kind = Kind::kAnyText;
  double min = 0;  // kNumber and kWholeNumber: the range, both ends included
  double max = 0;
  std::vector<std::string> words;  // kWord: the values accepted
};
// A finite number in [min, max].
ValueRule number_in(double min, double max);
// A whole number in [min, max]: "1.5", "nan" or one out of range is refused, never truncated.
ValueRule whole_number_in(long min, long max);
// One of these words, exactly.
ValueRule one_of(std::vector<std::string> words);

struct OptionSpec {
  std::string name;         // without the leading "--"
  std::string value_name;   // empty for a flag
  std::string description;  // one line, with the unit and the default
  ValueRule accepts = {};   // checked by parse_args
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
  // A finite number (nan and inf are refused by name); its range is the option's ValueRule.
  Result<double> number(const std::string& name, double fallback) const;
  // A whole number ("1.5" and "nan" are refused); its range is the option's ValueRule.
  Result<long> whole_number(const std::string& name, long fallback) const;
  void set(const std::string& name, const std::string& v) { values_[name] = v; }

 private:
  std::map<std::string, std::string> values_;
};

// Parses argv after the command name. Accepts "--name value" and "--name=value"; every value is
// checked against its option's ValueRule.
Result<ParsedArgs> parse_args(const CommandSpec& spec, const std::vector<std::string>& args);
std::string help_text(const CommandSpec& spec);

}  // namespace stance
