#pragma once
// A strict check that a text is one JSON value (RFC 8259 grammar: objects, arrays, strings with
// escapes, numbers, true/false/null), for the exports' tests: Debian's setup has no JSON library
// or python3 to ask. Returns "" when valid, else where it broke.
#include <cctype>
#include <string>

namespace stance::report::test_support {

class JsonCheck {
 public:
  explicit JsonCheck(const std::string& text) : s_(text) {}

  std::string error() {
    skip();
    if (!value()) return "invalid JSON at byte " + std::to_string(i_);
    skip();
    return i_ == s_.size() ? "" : "text after the JSON value at byte " + std::to_string(i_);
  }

 private:
  void skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool eat(char c) {
    skip();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool word(const char* w) {
    const std::string x(w);
    if (s_.compare(i_, x.size(), x) != 0) return false;
    i_ += x.size();
    return true;
  }
  bool string() {
    if (!eat('"')) return false;
    while (i_ < s_.size() && s_[i_] != '"') {
      if (static_cast<unsigned char>(s_[i_]) < 0x20) return false;
      if (s_[i_] == '\\') {
        ++i_;
        if (i_ >= s_.size() || std::string("\"\\/bfnrtu").find(s_[i_]) == std::string::npos) {
          return false;
        }
      }
      ++i_;
    }
    return eat('"');
  }
  bool number() {
    const std::size_t start = i_;
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    while (i_ < s_.size() && std::string("0123456789.eE+-").find(s_[i_]) != std::string::npos) ++i_;
    return i_ > start && std::isdigit(static_cast<unsigned char>(s_[i_ - 1]));
  }
  template <typename Element>
  bool sequence(char close, Element element) {
    if (eat(close)) return true;
    do {
      if (!element()) return false;
    } while (eat(','));
    return eat(close);
  }
  bool value() {
    skip();
    if (i_ >= s_.size()) return false;
    const char c = s_[i_];
    if (c == '{') {
      ++i_;
      return sequence('}', [&] { return string() && eat(':') && value(); });
    }
    if (c == '[') {
      ++i_;
      return sequence(']', [&] { return value(); });
    }
    if (c == '"') return string();
    if (c == 't') return word("true");
    if (c == 'f') return word("false");
    if (c == 'n') return word("null");
    return number();
  }

  const std::string& s_;
  std::size_t i_ = 0;
};

}  // namespace stance::report::test_support
