#include "app/patient_search.hpp"

namespace stance::app {
namespace {

// The lower-case letter of a code point in the scripts a European clinic's names use.
char32_t lower(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c + 32;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3AB && c != 0x3A2) ||
      (c >= 0x410 && c <= 0x42F)) {
    return c + 32;  // Latin-1 À–Þ (not ×), Greek Α–Ϋ, Cyrillic А–Я
  }
  if (c >= 0x400 && c <= 0x40F) return c + 80;  // Cyrillic Ѐ–Џ
  if (c == 0x130) return U'i';                  // İ
  if (c == 0x178) return 0xFF;                  // Ÿ
  // Latin Extended-A pairs its letters upper then lower; between Ĺ and Ň, and between Ź and Ž,
  // the upper one is odd.
  const bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
  if (c >= 0x100 && c <= 0x17F && c != 0x138 && c != 0x149 && c != 0x17F) {
    if (odd_upper ? (c % 2 == 1) : (c % 2 == 0)) return c + 1;
  }
  return c;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

std::string fold_case(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    // Only two-byte sequences hold letters that change; everything else is copied.
    if (b >= 0xC2 && b <= 0xDF && i + 1 < text.size() &&
        (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
      const char32_t c =
          (char32_t{b & 0x1Fu} << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
      append_utf8(out, lower(c));
      i += 2;
      continue;
    }
    out += b < 0x80 ? static_cast<char>(lower(b)) : text[i];
    ++i;
  }
  return out;
}

bool patient_matches(const store::Patient& patient, const std::string& query) {
  if (query.empty()) return true;
  const std::string q = fold_case(query);
  return fold_case(patient.code).find(q) != std::string::npos ||
         fold_case(patient.name).find(q) != std::string::npos;
}

std::vector<const PatientRow*> search_patients(const std::vector<PatientRow>& rows,
                                               const std::string& query) {
  std::vector<const PatientRow*> out;
  for (const PatientRow& row : rows) {
    if (patient_matches(row.patient, query)) out.push_back(&row);
  }
  return out;
}

}  // namespace stance::app
