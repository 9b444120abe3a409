#include "cli/export_file.hpp"

#include "support/atomic_file.hpp"

namespace stance::cli {

Status write_text_export(const ParsedArgs& args, const std::string& text,
                         std::vector<std::filesystem::path> keep) {
  return write_text_export_with(
      args, [&](const report::TextSink& sink) { return sink(text); }, std::move(keep));
}

Status write_text_export_with(const ParsedArgs& args,
                              const std::function<Status(const report::TextSink&)>& make,
                              std::vector<std::filesystem::path> keep) {
  const std::string out = args.value_or("out", "");
  WriteOptions write{args.flag("force") ? IfExists::kReplace : IfExists::kRefuse, std::move(keep)};
  return write_file_atomically_with(
      out,
      [&](int fd, const std::filesystem::path&) {
        return make([&](std::string_view piece) {
          const auto* bytes = reinterpret_cast<const std::uint8_t*>(piece.data());
          return detail::write_all(fd, {bytes, piece.size()},
                                   out);  // errors name the file asked for
        });
      },
      write);
}

std::string written_path(const std::string& out) {
  std::error_code error;
  const auto where = std::filesystem::absolute(out, error);
  return error ? out : where.string();
}

}  // namespace stance::cli
