// The administrators' commands' flags: switches, names with values, and what a wrong command line is told.
#include "app/command_line.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace pswnet {
namespace {

std::string usage_of(const std::function<void()>& run)
{
    try {
        run();
    } catch (const usage_error& e) {
        return e.what();
    }
    return "no usage error";
}

TEST(CommandFlags, ReadsSwitchesAndValuesInOrderAfterTheCommandsWords)
{
    const std::vector<std::string> args{"user", "add", "--email", "a@example.org", "--password-stdin", "--role", "x"};
    command_flags flags(args, 2);
    std::vector<std::string> read;
    while (const auto* flag = flags.next()) {
        read.push_back(*flag);
        if (*flag != "--password-stdin")
            read.push_back(flags.value());
    }
    EXPECT_EQ(read, std::vector<std::string>(args.begin() + 2, args.end()));
    EXPECT_EQ(flags.next(), nullptr);
}

TEST(CommandFlags, AValueTakesTheNextArgumentEvenWhenItLooksLikeAFlag)
{
    const std::vector<std::string> args{"organisation", "add", "--name", "--code"};
    command_flags flags(args, 2);
    ASSERT_NE(flags.next(), nullptr);
    EXPECT_EQ(flags.value(), "--code");
    EXPECT_EQ(flags.next(), nullptr);
}

TEST(CommandFlags, AFlagWithoutItsValueIsAUsageError)
{
    const std::vector<std::string> args{"idp", "add", "--name"};
    command_flags flags(args, 2);
    ASSERT_NE(flags.next(), nullptr);
    EXPECT_EQ(usage_of([&] { flags.value(); }), "--name needs a value");
}

TEST(CommandFlags, AnUnknownFlagIsNamedWithItsCommand)
{
    const std::vector<std::string> args{"idp", "add", "--colour", "blue"};
    command_flags flags(args, 2);
    ASSERT_NE(flags.next(), nullptr);
    EXPECT_EQ(usage_of([&] { flags.unknown("idp add"); }), "idp add does not know --colour");
}

TEST(CommandFlags, NoFlagsAfterTheCommandsWords)
{
    const std::vector<std::string> args{"organisation", "add"};
    command_flags flags(args, 2);
    EXPECT_EQ(flags.next(), nullptr);
}

} // namespace
} // namespace pswnet
