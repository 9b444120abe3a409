#pragma once
// A minimal streaming JSON writer: objects, arrays, strings, numbers. Its output is always JSON a
// parser accepts: strings are escaped and bytes that are not UTF-8 become U+FFFD; numbers are
// written in the shortest form that reads back as the same double, and non-finite ones as null.
#include <ostream>
#include <string>
#include <vector>

namespace stance {

class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) {}

  JsonWriter& begin_object(const std::string& key = "");
  JsonWriter& end_object();
  JsonWriter& begin_array(const std::string& key = "");
  JsonWriter& end_array();
  JsonWriter& field(const std::string& key, const std::string& value);
  JsonWriter& field(const std::string& key, const char* value);
  JsonWriter& field(const std::string& key, double value);
  JsonWriter& field(const std::string& key, long long value);
  JsonWriter& field(const std::string& key, bool value);
  JsonWriter& null_field(const std::string& key);
  JsonWriter& element(const std::string& value);

  static std::string quote(const std::string& text);

 private:
  void separator_and_key(const std::string& key);

  std::ostream& out_;
  std::vector<bool> first_in_scope_{true};
  int depth_ = 0;
};

}  // namespace stance
