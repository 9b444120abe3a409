#include "support/args.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

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

}  // namespace

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
  double out = 0;
  const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || end != v->data() + v->size()) {
    return Error{"--" + name + " expects a number, got '" + *v + "'"};
  }
  if (!std::isfinite(out)) return Error{"--" + name + " expects a finite number, got '" + *v + "'"};
  return out;
}

Result<long> ParsedArgs::whole_number(const std::string& name, long fallback, long min,
                                      long max) const {
  const auto v = value(name);
  if (!v) return fallback;
  long out = 0;
  const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || end != v->data() + v->size() || out < min || out > max) {
    return Error{"--" + name + " must be a whole number from " + std::to_string(min) + " to " +
                 std::to_string(max) + ", not '" + *v + "'"};
  }
  return out;
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
    } else if (inline_value) {
      out.set(name, *inline_value);
    } else if (i + 1 < args.size()) {
      out.set(name, args[++i]);
    } else {
      return Error{"--" + name + " needs a value (" + option->value_name + ")" + see_help(spec)};
    }
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
