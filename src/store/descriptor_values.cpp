#include "store/descriptor_values.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

namespace stance::store {

std::vector<DescriptorValue> descriptor_values(const DescriptorSet& set) {
  std::vector<DescriptorValue> out;
  for (const DescriptorEntry& e : descriptor_entries(set)) {
    DescriptorValue v{std::string(e.name), display_unit(e.quantity, set.unit), std::nullopt};
    if (e.si.defined) v.value = display_value(e, set.unit);
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<DescriptorValue>> read_descriptor_values(std::string_view analysis_json,
                                                            const std::string& name) {
  const auto error = [&](const std::string& why) {
    return Error{name + ": the descriptors of its stored analysis " + why +
                 "; `stance reanalyze` analyses its recording again and rewrites it"};
  };
  using Json = nlohmann::json;
  const Json root =
      Json::parse(analysis_json.begin(), analysis_json.end(), nullptr, /*allow_exceptions=*/false);
  if (!root.is_object()) return error("cannot be read (not a JSON object)");
  const auto list = root.find("descriptors");
  if (list == root.end() || !list->is_array()) return error("are missing");
  std::vector<DescriptorValue> out;
  out.reserve(list->size());
  for (const Json& d : *list) {
    if (!d.is_object()) return error("hold an entry that is not an object");
    const auto n = d.find("name");
    const auto u = d.find("unit");
    const auto v = d.find("value");
    if (n == d.end() || !n->is_string() || u == d.end() || !u->is_string() || v == d.end()) {
      return error("hold an entry without a name, unit or value");
    }
    DescriptorValue out_value{n->get<std::string>(), u->get<std::string>(), std::nullopt};
    if (v->is_number() && std::isfinite(v->get<double>())) {
      out_value.value = v->get<double>();
    } else if (!v->is_null()) {
      return error("give '" + out_value.name + "' a value that is not a number");
    }
    out.push_back(std::move(out_value));
  }
  return out;
}

}  // namespace stance::store
