#include "recording/csv_table.hpp"

#include <charconv>
#include <cmath>
#include <limits>

namespace stance {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

std::string quoted(std::string_view s) {
  constexpr std::size_t kMaxShown = 40;  // a garbage cell must not make a page-long message
  if (s.size() > kMaxShown) return "'" + std::string(s.substr(0, kMaxShown)) + "...'";
  return "'" + std::string(s) + "'";
}

}  // namespace

CsvText::CsvText(std::string source_name, std::string text)
    : source_(std::move(source_name)), text_(std::move(text)) {
  std::size_t begin = text_.starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0;
  while (begin < text_.size()) {
    const std::size_t newline = text_.find('\n', begin);
    const std::size_t end = newline == std::string::npos ? text_.size() : newline;
    std::size_t length = end - begin;
    if (length > 0 && text_[begin + length - 1] == '\r') --length;
    lines_.push_back({begin, length});
    ends_with_newline_ = newline != std::string::npos;
    begin = end + 1;
  }
  for (std::size_t n = 1; n <= lines_.size(); ++n) {
    const std::string_view l = trim(line(n));
    if (!l.starts_with('#')) continue;
    const std::string_view body = l.substr(1);
    const std::size_t eq = body.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string key(trim(body.substr(0, eq)));
    if (key.empty()) continue;
    comments_[key] = std::string(trim(body.substr(eq + 1)));
    comment_lines_[key] = n;
  }
}

std::string_view CsvText::line(std::size_t number) const {
  if (number == 0 || number > lines_.size()) return {};
  const Span& s = lines_[number - 1];
  return std::string_view(text_).substr(s.begin, s.length);
}

std::size_t CsvText::comment_line(const std::string& key) const {
  const auto it = comment_lines_.find(key);
  return it == comment_lines_.end() ? 0 : it->second;
}

Error CsvText::error(std::string_view what) const {
  return Error{source_ + ": " + std::string(what)};
}

Error CsvText::error_at(std::size_t line_number, std::string_view what) const {
  return error("line " + std::to_string(line_number) + ": " + std::string(what));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_blank(std::string_view line) {
  return trim(line).empty();
}

bool is_comment(std::string_view line) {
  return trim(line).starts_with('#');
}

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = line.find(',', begin);
    if (comma == std::string_view::npos) {
      fields.push_back(trim(line.substr(begin)));
      return fields;
    }
    fields.push_back(trim(line.substr(begin, comma - begin)));
    begin = comma + 1;
  }
}

std::string lower_case(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

NumberStatus parse_number(std::string_view field, double& out) {
  field = trim(field);
  if (field.empty()) return NumberStatus::kEmpty;
  std::string_view digits = field;
  if (digits.starts_with('+')) digits.remove_prefix(1);
  // from_chars would read "nan" and "inf": refuse them, and a sign after '+', explicitly.
  if (digits.empty() || !(digits.front() == '-' || digits.front() == '.' ||
                          (digits.front() >= '0' && digits.front() <= '9'))) {
    return NumberStatus::kNotANumber;
  }
  double value = 0.0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec == std::errc::result_out_of_range && end == digits.data() + digits.size()) {
    return NumberStatus::kOutOfRange;
  }
  if (ec != std::errc() || end != digits.data() + digits.size() || !std::isfinite(value)) {
    return NumberStatus::kNotANumber;
  }
  if (std::abs(value) > kMaxCsvMagnitude) return NumberStatus::kOutOfRange;
  out = value;
  return NumberStatus::kOk;
}

std::optional<std::size_t> find_column(const std::vector<std::string_view>& header,
                                       std::string_view name) {
  const std::string wanted = lower_case(name);
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (lower_case(header[i]) == wanted) return i;
  }
  return std::nullopt;
}

Result<NumericTable> read_numeric_rows(const CsvText& text, std::size_t header_line,
                                       const std::vector<std::string>& wanted_columns) {
  std::vector<std::string_view> header = split_fields(text.line(header_line));
  while (header.size() > 1 && header.back().empty()) header.pop_back();
  std::vector<std::size_t> index;
  for (const std::string& name : wanted_columns) {
    const auto i = find_column(header, name);
    if (!i) return text.error_at(header_line, "the header has no column " + name);
    index.push_back(*i);
  }

  std::vector<std::size_t> data_lines;
  for (std::size_t n = header_line + 1; n <= text.line_count(); ++n) {
    if (!is_blank(text.line(n)) && !is_comment(text.line(n))) data_lines.push_back(n);
  }
  NumericTable table;
  table.values.resize(static_cast<Eigen::Index>(data_lines.size()),
                      static_cast<Eigen::Index>(index.size()));
  table.line_numbers = data_lines;
  for (std::size_t r = 0; r < data_lines.size(); ++r) {
    const std::size_t n = data_lines[r];
    std::vector<std::string_view> fields = split_fields(text.line(n));
    while (fields.size() > header.size() && fields.back().empty()) fields.pop_back();
    if (fields.size() != header.size()) {
      const bool cut_short =
          n == text.line_count() && !text.ends_with_newline() && fields.size() < header.size();
      const std::string counts = std::to_string(fields.size()) + " fields where the header has " +
                                 std::to_string(header.size());
      return text.error_at(n, cut_short ? "truncated last line (" + counts + ")"
                                        : "wrong number of columns: " + counts);
    }
    for (std::size_t c = 0; c < index.size(); ++c) {
      const std::string_view cell = fields[index[c]];
      double value = std::numeric_limits<double>::quiet_NaN();
      const NumberStatus status = parse_number(cell, value);
      if (status == NumberStatus::kNotANumber || status == NumberStatus::kOutOfRange) {
        const std::string problem =
            status == NumberStatus::kNotANumber ? "is not a number" : "is out of range";
        return text.error_at(n, quoted(cell) + " in column " + wanted_columns[c] + " " + problem);
      }
      table.values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = value;
    }
  }
  return table;
}

}  // namespace stance
