#include "support/json_writer.hpp"

#include <cmath>
#include <cstdio>

#include "support/format.hpp"

namespace stance {

namespace {

// The length of the well-formed UTF-8 sequence at text[at] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when the byte there starts none.
std::size_t utf8_sequence_length(const std::string& text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(at + i) < 0x80 || byte(at + i) > 0xBF) return 0;
  }
  return length;
}

}  // namespace

// Text from outside (an imported file's take name, a note) may hold bytes that are not UTF-8:
// each is written as U+FFFD, so the output is always JSON a parser accepts.
std::string JsonWriter::quote(const std::string& text) {
  std::string out = "\"";
  for (std::size_t at = 0; at < text.size();) {
    const char c = text[at];
    const std::size_t length = utf8_sequence_length(text, at);
    if (length == 0) {
      out += "\\ufffd";
      ++at;
      continue;
    }
    if (length > 1) {
      out.append(text, at, length);
      at += length;
      continue;
    }
    ++at;
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
    out_ << round_trip_text(value);  // %.10g did not read back as the same number
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
