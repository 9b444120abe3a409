// The JSON writer's output is JSON any parser accepts, read back with a real one (Debian's
// nlohmann-json): text that is not UTF-8 (an imported file's take name once went into `--json`
// as is), control characters, and numbers that must read back as exactly the same double
// (%.10g did not).
#include "support/json_writer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

namespace stance {
namespace {

nlohmann::json written(const std::function<void(JsonWriter&)>& write) {
  std::ostringstream out;
  JsonWriter json(out);
  json.begin_object();
  write(json);
  json.end_object();
  return nlohmann::json::parse(out.str());  // throws on anything that is not JSON
}

TEST(JsonWriter, TextThatIsNotUtf8BecomesReplacementCharactersAndTheOutputParses) {
  const std::string texts[] = {
      std::string("take \xff\xfe name"),       // bytes no UTF-8 has
      std::string("cut \xe2\x82"),             // a sequence cut short
      std::string("overlong \xc0\xaf slash"),  // an overlong '/'
      std::string("surrogate \xed\xa0\x80"),   // UTF-16 surrogates are not UTF-8
      std::string("above \xf4\x90\x80\x80"),   // beyond U+10FFFF
      std::string("quote \" back\\slash \x01\x1f tab\t"),
  };
  for (const std::string& text : texts) {
    nlohmann::json parsed;
    ASSERT_NO_THROW(parsed = written([&](JsonWriter& j) { j.field("name", text); })) << text;
    EXPECT_TRUE(parsed["name"].is_string());
  }
  EXPECT_EQ(written([](JsonWriter& j) {
              j.field("n", std::string("a\xff"
                                       "b"));
            })["n"],
            "a\xef\xbf\xbd"
            "b");
  // Well-formed UTF-8 is kept as it is: mm², Ünal, 踵, 🦶.
  const std::string kept = "mm\xc2\xb2 \xc3\x9cnal \xe8\xb8\xb5 \xf0\x9f\xa6\xb6";
  EXPECT_EQ(written([&](JsonWriter& j) { j.field("k", kept); })["k"], kept);
  EXPECT_EQ(written([](JsonWriter& j) { j.field("q", "\"\\\x01"); })["q"], "\"\\\x01");
}

TEST(JsonWriter, EveryFiniteNumberReadsBackAsExactlyTheSameDouble) {
  std::vector<double> values = {0.1,
                                1.0 / 3.0,
                                0.1 + 0.2,
                                -0.0,
                                123456789.123456789,
                                1e-300,
                                1e300,
                                std::numeric_limits<double>::min(),
                                std::numeric_limits<double>::denorm_min(),
                                std::numeric_limits<double>::max(),
                                -std::numeric_limits<double>::max()};
  std::mt19937_64 random(13);
  std::uniform_int_distribution<std::uint64_t> bits;
  while (values.size() < 2000) {
    const std::uint64_t b = bits(random);
    double v = 0;
    std::memcpy(&v, &b, sizeof v);
    if (std::isfinite(v)) values.push_back(v);
  }
  const nlohmann::json parsed = written([&](JsonWriter& j) {
    j.begin_array("v");
    for (const double v : values) j.field("", v);
    j.end_array();
  });
  ASSERT_EQ(parsed["v"].size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(parsed["v"][i].get<double>(), values[i]) << i;
  }
  // Not numbers in JSON: written as null.
  const nlohmann::json none = written([](JsonWriter& j) {
    j.field("nan", std::nan("")).field("inf", std::numeric_limits<double>::infinity());
  });
  EXPECT_TRUE(none["nan"].is_null());
  EXPECT_TRUE(none["inf"].is_null());
}

}  // namespace
}  // namespace stance
