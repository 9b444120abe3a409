#include "serial_plate/plate_file.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "recording/plate_adjustment_file.hpp"
#include "support/key_value_text.hpp"

namespace stance::serial {
namespace {

std::string number_text(double v) {
  char text[40];
  std::snprintf(text, sizeof text, "%.10g", v);
  return text;
}

Result<std::vector<double>> numbers(const std::map<std::string, std::string>& values,
                                    const std::string& key, std::size_t count) {
  const auto it = values.find(key);
  if (it == values.end()) return Error{"the plate file has no '" + key + "'"};
  std::vector<double> out;
  std::istringstream in(it->second);
  std::string word;
  while (in >> word) {
    char* end = nullptr;
    const double v = std::strtod(word.c_str(), &end);
    if (end != word.c_str() + word.size() || !std::isfinite(v)) break;
    out.push_back(v);
  }
  if (out.size() != count) {
    return Error{"'" + key + "' in the plate file must be " + std::to_string(count) +
                 (count == 1 ? " number" : " numbers separated by spaces") + ", not '" +
                 it->second + "'"};
  }
  return out;
}

std::string cell_key(int i, const char* what) {
  return "cell" + std::to_string(i + 1) + what;
}

}  // namespace

std::filesystem::path plate_file_path(const std::filesystem::path& dir, const std::string& serial) {
  return stance::plate_file_path(dir, serial, ".plate");
}

std::string format_plate_file(const PlateFile& f) {
  std::string out =
      std::string("# A serial plate's cells, entered once (docs/serial-plate.md).\n") +
      "# Positions in mm: x to the patient's right, y forward, from the centre.\n" +
      "format = " + kPlateFileFormat + "\nserial = " + f.serial +
      "\nwidth_mm = " + number_text(f.width_m * 1000) +
      "\nlength_mm = " + number_text(f.length_m * 1000) +
      "\ncapacity_n = " + number_text(f.capacity_n) + "\n";
  for (int i = 0; i < 4; ++i) {
    out += cell_key(i, "_mm") + " = " + number_text(f.cells[i].x_m * 1000) + " " +
           number_text(f.cells[i].y_m * 1000) + "\n";
  }
  for (int i = 0; i < 4; ++i) {
    out += cell_key(i, "_newtons_per_count") + " = " + number_text(f.newtons_per_count[i]) + "\n";
  }
  return out;
}

Result<PlateFile> parse_plate_file(const std::string& text) {
  auto values = parse_key_value_text(text);
  if (!values) return values.error();
  if ((*values)["format"] != kPlateFileFormat) {
    return Error{std::string("not a serial plate file (its first setting must be 'format = ") +
                 kPlateFileFormat + "')"};
  }
  PlateFile f;
  f.serial = (*values)["serial"];
  if (f.serial.empty()) return Error{"the plate file has no 'serial'"};
  for (const char* key : {"width_mm", "length_mm"}) {
    auto v = numbers(*values, key, 1);
    if (!v) return v.error();
    if (!((*v)[0] > 0.0 && (*v)[0] < 5000.0))
      return Error{std::string(key) + " must be 0..5000 mm"};
    (std::string(key) == "width_mm" ? f.width_m : f.length_m) = (*v)[0] / 1000.0;
  }
  if (values->count("capacity_n") != 0) {
    auto v = numbers(*values, "capacity_n", 1);
    if (!v) return v.error();
    if (!((*v)[0] > 0.0)) return Error{"capacity_n must be more than 0"};
    f.capacity_n = (*v)[0];
  }
  // One gain for all cells, or one per cell (a cell wired the other way round has a negative one).
  std::vector<double> common;
  if (values->count("newtons_per_count") != 0) {
    auto v = numbers(*values, "newtons_per_count", 1);
    if (!v) return v.error();
    common = *v;
  }
  double min_x = 1e9, max_x = -1e9, min_y = 1e9, max_y = -1e9;
  for (int i = 0; i < 4; ++i) {
    auto at = numbers(*values, cell_key(i, "_mm"), 2);
    if (!at) return at.error();
    f.cells[i] = {(*at)[0] / 1000.0, (*at)[1] / 1000.0};
    if (std::abs(f.cells[i].x_m) > f.width_m / 2 + 1e-9 ||
        std::abs(f.cells[i].y_m) > f.length_m / 2 + 1e-9) {
      return Error{cell_key(i, "_mm") + " lies outside the plate (width_mm × length_mm, centred)"};
    }
    min_x = std::min(min_x, f.cells[i].x_m), max_x = std::max(max_x, f.cells[i].x_m);
    min_y = std::min(min_y, f.cells[i].y_m), max_y = std::max(max_y, f.cells[i].y_m);
    const std::string gain_key = cell_key(i, "_newtons_per_count");
    if (values->count(gain_key) != 0) {
      auto g = numbers(*values, gain_key, 1);
      if (!g) return g.error();
      f.newtons_per_count[i] = (*g)[0];
    } else if (!common.empty()) {
      f.newtons_per_count[i] = common[0];
    } else {
      return Error{"the plate file has neither 'newtons_per_count' nor '" + gain_key + "'"};
    }
    if (f.newtons_per_count[i] == 0.0) return Error{gain_key + " must not be 0"};
  }
  // The COP needs cells that span both directions.
  if (max_x - min_x < 0.05 || max_y - min_y < 0.05) {
    return Error{
        "the cells must be at least 50 mm apart in both directions (corners of the plate)"};
  }
  return f;
}

Result<PlateFile> load_plate_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    return Error{"no plate file " + path.string() +
                 ": write it once with the cells' positions "
                 "(`stance devices` shows the plate's serial; the format is in "
                 "docs/serial-plate.md)"};
  }
  std::stringstream text;
  text << in.rdbuf();
  auto file = parse_plate_file(text.str());
  if (!file) return Error{path.string() + ": " + file.error().message};
  return file;
}

}  // namespace stance::serial
