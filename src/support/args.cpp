#include "support/args.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

#include "support/format.hpp"

namespace stance {
namespace {

const OptionSpec* find_option(const CommandSpec& spec, const std::string& name) {
  for (const auto& o : spec.options) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

std::string see_help(const CommandSpec& spec) {
  return "; see `stance " + spec.name + " --help`";
}

// A range's end as a person writes it: 1000000, not 1e+06.
std::string range_text(double v) {
  if (std::abs(v) < 1e15 && std::floor(v) == v) return std::to_string(static_cast<long long>(v));
  return round_trip_text(v);
}

std::optional<double> parse_finite(const std::string& v) {
  double out = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || end != v.data() + v.size() || !std::isfinite(out)) return std::nullopt;
  return out;
}

std::optional<long> parse_whole(const std::string& v) {
  long out = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || end != v.data() + v.size()) return std::nullopt;
  return out;
}

std::string words_text(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += words[i];
  }
  return out;
}

Status check_value(const OptionSpec& option, const std::string& v) {
  const ValueRule& rule = option.accepts;
  const std::string name = "--" + option.name;
  switch (rule.kind) {
    case ValueRule::Kind::kAnyText:
      return {};
    case ValueRule::Kind::kNumber: {
      const auto n = parse_finite(v);
      if (n && *n >= rule.min && *n <= rule.max) return {};
      return Error{name + " must be a number from " + range_text(rule.min) + " to " +
                   range_text(rule.max) + ", not '" + v + "'"};
    }
    case ValueRule::Kind::kWholeNumber: {
      const auto n = parse_whole(v);
      if (n && static_cast<double>(*n) >= rule.min && static_cast<double>(*n) <= rule.max) {
        return {};
      }
      return Error{name + " must be a whole number from " + range_text(rule.min) + " to " +
                   range_text(rule.max) + ", not '" + v + "'"};
    }
    case ValueRule::Kind::kWord:
      for (const auto& w : rule.words) {
        if (w == v) return {};
      }
      return Error{name + " must be " + words_text(rule.words) + ", not '" + v + "'"};
  }
  return {};
}

}  // namespace

ValueRule number_in(double min, double max) {
  ValueRule r;
  r.kind = ValueRule::Kind::kNumber;
  r.min = min;
  r.max = max;
  return r;
}

ValueRule whole_number_in(long min, long max) {
  ValueRule r;
  r.kind = ValueRule::Kind::kWholeNumber;
  r.min = static_cast<double>(min);
  r.max = static_cast<double>(max);
  return r;
}

ValueRule one_of(std::vector<std::string> words) {
  ValueRule r;
  r.kind = ValueRule::Kind::kWord;
  r.words = std::move(words);
  return r;
}

std::optional<std::string> ParsedArgs::value(const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string ParsedArgs::value_or(const std::string& name, const std::string& fallback) const {
  return value(name).value_or(fallback);
}

Result<double> ParsedArgs::number(const std::string& name, double fallback) const {
  const auto v = value(name);
  if (!v) return fallback;
  const auto out = parse_finite(*v);
  if (!out) return Error{"--" + name + " expects a finite number, got '" + *v + "'"};
  return *out;
}

Result<long> ParsedArgs::whole_number(const std::string& name, long fallback) const {
  const auto v = value(name);
  if (!v) return fallback;
  const auto out = parse_whole(*v);
  if (!out) return Error{"--" + name + " expects a whole number, got '" + *v + "'"};
  return *out;
}

Result<ParsedArgs> parse_args(const CommandSpec& spec, const std::vector<std::string>& args) {
  ParsedArgs out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      out.help = true;
      return out;
    }
    if (arg.rfind("--", 0) != 0 || arg.size() == 2) {
      out.positionals.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> inline_value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const OptionSpec* option = find_option(spec, name);
    if (option == nullptr) {
      return Error{"unknown option --" + name + " for `stance " + spec.name + "`" + see_help(spec)};
    }
    if (option->value_name.empty()) {
      if (inline_value) return Error{"--" + name + " takes no value" + see_help(spec)};
      out.set(name, "");
      continue;
    }
    if (!inline_value && i + 1 >= args.size()) {
      return Error{"--" + name + " needs a value (" + option->value_name + ")" + see_help(spec)};
    }
    const std::string v = inline_value ? *inline_value : args[++i];
    if (Status s = check_value(*option, v); !s) return s.error();
    out.set(name, v);
  }
  if (out.positionals.size() < spec.positionals.size()) {
    return Error{"missing " + spec.positionals[out.positionals.size()] + "; usage: " + spec.usage};
  }
  if (const std::size_t most = spec.positionals.size() + spec.optional_positionals.size();
      out.positionals.size() > most) {
    return Error{"unexpected argument '" + out.positionals[most] + "'; usage: " + spec.usage};
  }
  return out;
}

std::string help_text(const CommandSpec& spec) {
  std::ostringstream out;
  out << spec.summary << "\n\nUsage: " << spec.usage << "\n";
  if (!spec.options.empty()) {
    out << "\nOptions:\n";
    for (const auto& o : spec.options) {
      std::string left = "--" + o.name + (o.value_name.empty() ? "" : " " + o.value_name);
      out << "  " << left;
      out << std::string(left.size() < 26 ? 26 - left.size() : 1, ' ') << o.description << "\n";
    }
    out << "  --help                    this text\n";
  }
  if (!spec.details.empty()) out << "\n" << spec.details << "\n";
  return out.str();
}

}  // namespace stance
