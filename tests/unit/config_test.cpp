// Configuration: flags, environment variables, precedence and errors.
#include "core/config.hpp"

#include <gtest/gtest.h>

#include <map>

namespace pswnet {
namespace {

environment_lookup environment(std::map<std::string, std::string> values)
{
    return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
        auto it = values.find(name);
        return it == values.end() ? std::nullopt : std::optional(it->second);
    };
}

TEST(Config, DefaultsListenOnLocalhost8080)
{
    auto parsed = parse_command_line({"serve"}, environment({}));
    EXPECT_EQ(parsed.config.listen_host, "127.0.0.1");
    EXPECT_EQ(parsed.config.listen_port, 8080);
    EXPECT_EQ(parsed.arguments, std::vector<std::string>{"serve"});
}

TEST(Config, FlagWinsOverEnvironment)
{
    auto parsed =
        parse_command_line({"serve", "--listen", "0.0.0.0:9000"}, environment({{"PSWNET_LISTEN", "127.0.0.1:7000"}}));
    EXPECT_EQ(parsed.config.listen_host, "0.0.0.0");
    EXPECT_EQ(parsed.config.listen_port, 9000);
}

TEST(Config, EnvironmentSetsDatabaseUrl)
{
    auto parsed = parse_command_line({"migrate"}, environment({{"PSWNET_DATABASE_URL", "dbname=x"}}));
    EXPECT_EQ(parsed.config.database_url, "dbname=x");
}

TEST(Config, EqualsFormAndUnknownFlagsAreLeftToTheCommand)
{
    auto parsed = parse_command_line({"user", "add", "--email", "a@b.c", "--db-pool-size=3"}, environment({}));
    EXPECT_EQ(parsed.config.db_pool_size, 3u);
    EXPECT_EQ(parsed.arguments, (std::vector<std::string>{"user", "add", "--email", "a@b.c"}));
}

TEST(Config, BadValuesNameTheFlag)
{
    EXPECT_THROW(parse_command_line({"--listen", "nowhere"}, environment({})), config_error);
    EXPECT_THROW(parse_command_line({"--listen", "h:70000"}, environment({})), config_error);
    EXPECT_THROW(parse_command_line({"--db-pool-size", "0"}, environment({})), config_error);
    EXPECT_THROW(parse_command_line({"--log-format", "xml"}, environment({})), config_error);
    EXPECT_THROW(parse_command_line({"--public-origin", "localhost"}, environment({})), config_error);
    try {
        parse_command_line({"--io-threads", "many"}, environment({}));
        FAIL();
    } catch (const config_error& e) {
        EXPECT_NE(std::string(e.what()).find("--io-threads"), std::string::npos);
    }
}

TEST(Config, EventNotifyModes)
{
    EXPECT_EQ(parse_command_line({}, environment({})).config.event_notify, "batched");
    EXPECT_EQ(parse_command_line({"--event-notify", "poll"}, environment({})).config.event_notify, "poll");
    EXPECT_THROW(parse_command_line({"--event-notify", "sometimes"}, environment({})), config_error);
}

TEST(Config, HelpListsEveryEnvironmentVariable)
{
    auto text = usage_text();
    for (const char* name : {"PSWNET_LISTEN", "PSWNET_DATABASE_URL", "PSWNET_STATIC_DIR", "PSWNET_PUBLIC_ORIGIN"})
        EXPECT_NE(text.find(name), std::string::npos) << name;
}

} // namespace
} // namespace pswnet

namespace pswnet {
namespace {

TEST(Config, ReadsTheMetricsListenerAndAllowedAddresses)
{
    auto parsed = parse_command_line({"serve", "--metrics-listen", "127.0.0.1:9100"},
                                     [](const std::string& name) -> std::optional<std::string> {
                                         if (name == "PSWNET_METRICS_ALLOW")
                                             return "10.0.0.5, ::1,";
                                         return std::nullopt;
                                     });
    EXPECT_EQ(parsed.config.metrics_listen_host, "127.0.0.1");
    EXPECT_EQ(parsed.config.metrics_listen_port, 9100);
    EXPECT_EQ(parsed.config.metrics_allow, (std::vector<std::string>{"10.0.0.5", "::1"}));
    EXPECT_THROW(parse_command_line({"--metrics-listen", "9100"}, [](const std::string&) { return std::nullopt; }),
                 config_error);
}

TEST(Config, CapsConnectionsWithLimitsThatCanBeSet)
{
    auto none = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
    auto defaults = parse_command_line({"serve"}, none).config;
    EXPECT_EQ(defaults.max_connections, 10'000u);
    EXPECT_EQ(defaults.max_connections_per_address, 256u);
    auto set = parse_command_line({"--max-connections", "50", "--max-connections-per-address=4"}, none).config;
    EXPECT_EQ(set.max_connections, 50u);
    EXPECT_EQ(set.max_connections_per_address, 4u);
    EXPECT_THROW(parse_command_line({"--max-connections", "0"}, none), config_error);
}

} // namespace
} // namespace pswnet
