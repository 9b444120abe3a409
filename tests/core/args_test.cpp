// The one argument parser checks every value against its option's declared rule, so no command
// can forget a check: nan, 1.5 for a count, 1e-9 s, "b5" for a paper are refused before the
// command runs, with the range or the words accepted.
#include "support/args.hpp"

#include <gtest/gtest.h>

namespace stance {
namespace {

CommandSpec spec() {
  CommandSpec s;
  s.name = "try";
  s.usage = "stance try";
  s.options = {{"seconds", "S", "time", number_in(0.1, 3600)},
               {"plate", "N", "plate", whole_number_in(1, 64)},
               {"paper", "SIZE", "paper", one_of({"a4", "letter"})},
               {"note", "TEXT", "any text"}};
  return s;
}

std::string refusal(const std::vector<std::string>& args) {
  const auto parsed = parse_args(spec(), args);
  return parsed ? std::string() : parsed.error().message;
}

TEST(Args, ValuesOutsideTheirRuleAreRefusedWithWhatIsAccepted) {
  for (const char* v : {"nan", "inf", "-inf", "1e-9", "0", "3601", "1e308", "abc", "", "5s"}) {
    EXPECT_EQ(refusal({"--seconds", v}),
              "--seconds must be a number from 0.1 to 3600, not '" + std::string(v) + "'")
        << v;
  }
  for (const char* v : {"nan", "1.5", "0", "65", "-1", "2147483648", "99999999999999999999"}) {
    EXPECT_EQ(refusal({"--plate", v}),
              "--plate must be a whole number from 1 to 64, not '" + std::string(v) + "'")
        << v;
  }
  EXPECT_EQ(refusal({"--paper=b5"}), "--paper must be a4 or letter, not 'b5'");
  EXPECT_EQ(refusal({"--paper", "A4"}), "--paper must be a4 or letter, not 'A4'");
}

TEST(Args, ValuesWithinTheirRuleAreTakenAsGiven) {
  const auto parsed =
      parse_args(spec(), {"--seconds", "0.1", "--plate=64", "--paper", "letter", "--note", "nan"});
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(*parsed->number("seconds", 0), 0.1);
  EXPECT_EQ(*parsed->whole_number("plate", 1), 64);
  EXPECT_EQ(parsed->value_or("paper", ""), "letter");
  EXPECT_EQ(parsed->value_or("note", ""), "nan");  // free text has no rule
  const auto defaults = parse_args(spec(), {});
  ASSERT_TRUE(defaults);
  EXPECT_EQ(*defaults->number("seconds", 30), 30);
  EXPECT_EQ(*defaults->whole_number("plate", 1), 1);
}

}  // namespace
}  // namespace stance
