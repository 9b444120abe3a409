#include "core/key_value_options.hpp"

#include <gtest/gtest.h>

namespace stance {
namespace {

TEST(KeyValueOptions, ParsesTypedValuesWithFallbacks) {
  const auto o = KeyValueOptions::parse("seed=3,mass=72.5,task=squat");
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(*o->integer("seed", 0), 3);
  EXPECT_DOUBLE_EQ(*o->number("mass", 70), 72.5);
  EXPECT_DOUBLE_EQ(*o->number("depth", 0.2), 0.2);
  EXPECT_EQ(o->text("task", "stance"), "squat");
}

TEST(KeyValueOptions, ErrorsNameTheOption) {
  EXPECT_FALSE(KeyValueOptions::parse("seed").ok());
  const auto o = *KeyValueOptions::parse("mass=heavy,colour=red");
  const auto mass = o.number("mass", 70);
  ASSERT_FALSE(mass.ok());
  EXPECT_NE(mass.error().message.find("mass=heavy"), std::string::npos);
  const Status known = o.check_known("sim", {"mass", "seed"});
  ASSERT_FALSE(known.ok());
  EXPECT_NE(known.error().message.find("colour"), std::string::npos);
}

}  // namespace
}  // namespace stance
