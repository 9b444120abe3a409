#include "cli/export_file.hpp"

#include "support/atomic_file.hpp"

namespace stance::cli {

Status write_text_export(const ParsedArgs& args, const std::string& text,
                         std::vector<std::filesystem::path> keep) {
  const std::string out = args.value_or("out", "");
  WriteOptions write{args.flag("force") ? IfExists::kReplace : IfExists::kRefuse, std::move(keep)};
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  return write_file_atomically(out, {bytes, text.size()}, write);
}

std::string written_path(const std::string& out) {
  std::error_code error;
  const auto where = std::filesystem::absolute(out, error);
  return error ? out : where.string();
}

}  // namespace stance::cli
