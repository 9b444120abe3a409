#pragma once
// "key=value,key=value" option strings, as in `--device sim:seed=3,task=squat`.
#include <initializer_list>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "support/result.hpp"

namespace stance {

class KeyValueOptions {
 public:
  static Result<KeyValueOptions> parse(const std::string& text);

  bool has(const std::string& key) const { return values_.count(key) != 0; }
  // Typed getters: the fallback when absent; an error naming the key when malformed.
  Result<double> number(const std::string& key, double fallback) const;
  Result<long> integer(const std::string& key, long fallback) const;
  std::string text(const std::string& key, const std::string& fallback) const;
  // Keys not in `known`, for "unknown option" errors.
  Status check_known(const std::string& context, std::span<const char* const> known) const;
  Status check_known(const std::string& context, std::initializer_list<const char*> known) const {
    return check_known(context, std::span<const char* const>(known.begin(), known.size()));
  }

 private:
  std::map<std::string, std::string> values_;
};

// "FIRST,key=value,…": a device's address written first (a port, a board: no '=' in it) and the
// options after it. `first` is empty when the text starts with an option.
struct LeadingValue {
  std::string first;
  std::string rest;
};
LeadingValue split_leading_value(const std::string& text);

}  // namespace stance
