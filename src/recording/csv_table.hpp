#pragma once
// A small, strict CSV reader for the importers: syntax only, no meaning. Comma-separated fields
// with optional spaces around them, an optional UTF-8 byte-order mark, LF or CRLF line ends,
// '#' comment lines that may hold `key=value` metadata, numbers read with std::from_chars.
// Every error names the source, the line and the problem, e.g.
// "walk.csv: line 812: 'abc' in column fz_n is not a number".
#include <Eigen/Core>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/result.hpp"

namespace stance {

// Magnitudes above this are refused as "out of range": no plate measures 1e12 N, and the bound
// keeps every sum and product of the importers finite.
inline constexpr double kMaxCsvMagnitude = 1.0e12;

// The text of one file split into lines (1-based line numbers, line ends and BOM removed).
class CsvText {
 public:
  CsvText(std::string source_name, std::string text);

  const std::string& source() const { return source_; }
  std::size_t line_count() const { return lines_.size(); }
  // Line `number` (1-based) without its line end; empty for numbers out of range.
  std::string_view line(std::size_t number) const;
  // False when the text does not end with a line end (the last line may have been cut short).
  bool ends_with_newline() const { return ends_with_newline_; }

  // `# key=value` comment lines anywhere in the text (keys and values trimmed); the line of each.
  const std::map<std::string, std::string>& comment_metadata() const { return comments_; }
  std::size_t comment_line(const std::string& key) const;

  Error error(std::string_view what) const;                              // "<source>: <what>"
  Error error_at(std::size_t line_number, std::string_view what) const;  // "<source>: line N: ..."

 private:
  struct Span {
    std::size_t begin = 0;
    std::size_t length = 0;
  };
  std::string source_;
  std::string text_;
  std::vector<Span> lines_;
  bool ends_with_newline_ = true;
  std::map<std::string, std::string> comments_;
  std::map<std::string, std::size_t> comment_lines_;
};

std::string_view trim(std::string_view s);
bool is_blank(std::string_view line);
bool is_comment(std::string_view line);  // first non-space character is '#'
// Fields of one line, each trimmed of spaces and tabs. No quoting: recordings are numeric.
std::vector<std::string_view> split_fields(std::string_view line);
std::string lower_case(std::string_view s);

enum class NumberStatus { kOk, kEmpty, kNotANumber, kOutOfRange };
// The whole field must be a finite decimal number (an optional leading '+' is accepted).
NumberStatus parse_number(std::string_view field, double& out);

// The numeric body of a table: the rows after a header line, with the wanted columns converted.
struct NumericTable {
  Eigen::ArrayXXd values;                 // rows x wanted columns; NaN marks an empty cell
  std::vector<std::size_t> line_numbers;  // line of each row, for errors
};

// Index of `name` (case-insensitive) among header fields, if present.
std::optional<std::size_t> find_column(const std::vector<std::string_view>& header,
                                       std::string_view name);

// Reads every line after `header_line` as a row with as many fields as the header (trailing empty
// fields beyond it are tolerated). Blank and comment lines are skipped. Errors: a row with the
// wrong number of fields (a cut-off last line says so), a wanted cell that is not a number.
Result<NumericTable> read_numeric_rows(const CsvText& text, std::size_t header_line,
                                       const std::vector<std::string>& wanted_columns);

}  // namespace stance
