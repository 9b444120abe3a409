#include "support/json_writer.hpp"

#include <cmath>
#include <cstdio>

namespace stance {

std::string JsonWriter::quote(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

void JsonWriter::separator_and_key(const std::string& key) {
  if (!first_in_scope_.back()) out_ << ",";
  first_in_scope_.back() = false;
  if (depth_ > 0) out_ << "\n" << std::string(static_cast<std::size_t>(2 * depth_), ' ');
  if (!key.empty()) out_ << quote(key) << ": ";
}

JsonWriter& JsonWriter::begin_object(const std::string& key) {
  separator_and_key(key);
  out_ << "{";
  first_in_scope_.push_back(true);
  ++depth_;
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  --depth_;
  const bool empty = first_in_scope_.back();
  first_in_scope_.pop_back();
  if (!empty) out_ << "\n" << std::string(static_cast<std::size_t>(2 * depth_), ' ');
  out_ << "}";
  if (depth_ == 0) out_ << "\n";
  return *this;
}

JsonWriter& JsonWriter::begin_array(const std::string& key) {
  separator_and_key(key);
  out_ << "[";
  first_in_scope_.push_back(true);
  ++depth_;
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  --depth_;
  const bool empty = first_in_scope_.back();
  first_in_scope_.pop_back();
  if (!empty) out_ << "\n" << std::string(static_cast<std::size_t>(2 * depth_), ' ');
  out_ << "]";
  return *this;
}

JsonWriter& JsonWriter::field(const std::string& key, const std::string& value) {
  separator_and_key(key);
  out_ << quote(value);
  return *this;
}

JsonWriter& JsonWriter::field(const std::string& key, const char* value) {
  return field(key, std::string(value));
}

JsonWriter& JsonWriter::field(const std::string& key, double value) {
  separator_and_key(key);
  if (!std::isfinite(value)) {
    out_ << "null";
  } else {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    out_ << buffer;
  }
  return *this;
}

JsonWriter& JsonWriter::field(const std::string& key, long long value) {
  separator_and_key(key);
  out_ << value;
  return *this;
}

JsonWriter& JsonWriter::field(const std::string& key, bool value) {
  separator_and_key(key);
  out_ << (value ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::null_field(const std::string& key) {
  separator_and_key(key);
  out_ << "null";
  return *this;
}

JsonWriter& JsonWriter::element(const std::string& value) {
  separator_and_key("");
  out_ << quote(value);
  return *this;
}

}  // namespace stance
