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

// A reader of files that exist only in the test.
config_file_reader files(std::map<std::string, std::string> texts)
{
    return [texts = std::move(texts)](const std::string& path) -> std::optional<std::string> {
        auto it = texts.find(path);
        return it == texts.end() ? std::nullopt : std::optional(it->second);
    };
}

TEST(ConfigFile, TheDefaultFileSetsKeysThatTheEnvironmentAndFlagsOverride)
{
    auto etc = files({{"/etc/pswnet/pswnet.conf", "# PSW Network\n"
                                                  "listen = 127.0.0.1:8081\n"
                                                  "  db-pool-size=12  \n"
                                                  "\n"
                                                  "mail-from = \"PSW Network <no-reply@pswnet.example>\"\n"
                                                  "log-format = json\n"}});
    auto from_file = parse_command_line({"serve"}, environment({}), etc).config;
    EXPECT_EQ(from_file.listen_port, 8081);
    EXPECT_EQ(from_file.db_pool_size, 12u);
    EXPECT_EQ(from_file.mail_from, "PSW Network <no-reply@pswnet.example>");
    EXPECT_EQ(from_file.log_format, log_format::json);

    auto overridden =
        parse_command_line({"serve", "--listen", "127.0.0.1:9000"}, environment({{"PSWNET_DB_POOL_SIZE", "3"}}), etc)
            .config;
    EXPECT_EQ(overridden.listen_port, 9000);
    EXPECT_EQ(overridden.db_pool_size, 3u);
    EXPECT_EQ(overridden.log_format, log_format::json);
}

TEST(ConfigFile, AMissingDefaultFileIsNoErrorButAMissingChosenFileIs)
{
    EXPECT_EQ(parse_command_line({"serve"}, environment({}), files({})).config.listen_port, 8080);
    EXPECT_THROW(parse_command_line({"serve", "--config", "/nowhere.conf"}, environment({}), files({})), config_error);
    EXPECT_THROW(parse_command_line({"serve"}, environment({{"PSWNET_CONFIG", "/nowhere.conf"}}), files({})),
                 config_error);
}

TEST(ConfigFile, ChosenByFlagOrEnvironmentOrNotAtAll)
{
    auto both = files({{"/etc/pswnet/pswnet.conf", "db-pool-size = 2\n"}, {"/srv/a.conf", "db-pool-size = 5\n"}});
    auto by_flag = parse_command_line({"--config=/srv/a.conf", "serve"}, environment({}), both);
    EXPECT_EQ(by_flag.config.db_pool_size, 5u);
    EXPECT_EQ(by_flag.arguments, std::vector<std::string>{"serve"});
    auto by_flag_apart = parse_command_line({"serve", "--config", "/srv/a.conf"}, environment({}), both);
    EXPECT_EQ(by_flag_apart.config.db_pool_size, 5u);
    EXPECT_EQ(by_flag_apart.arguments, std::vector<std::string>{"serve"});
    EXPECT_EQ(parse_command_line({}, environment({{"PSWNET_CONFIG", "/srv/a.conf"}}), both).config.db_pool_size, 5u);
    EXPECT_EQ(parse_command_line({}, environment({{"PSWNET_CONFIG", ""}}), both).config.db_pool_size, 8u);
}

TEST(ConfigFile, ErrorsNameTheFileAndLine)
{
    auto message = [](const std::string& text) {
        try {
            parse_command_line({}, environment({}), files({{"/etc/pswnet/pswnet.conf", text}}));
        } catch (const config_error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(message("listen = :8080\nno equals sign\n"),
              "/etc/pswnet/pswnet.conf:2: each line must be key = value, where key is a flag without its dashes");
    EXPECT_EQ(message("\n--listen = :8080\n").substr(0, 26), "/etc/pswnet/pswnet.conf:2:");
    EXPECT_EQ(message("colour = blue\n"),
              "/etc/pswnet/pswnet.conf:1: unknown key 'colour' (the keys are the flags of pswnet --help)");
    EXPECT_EQ(message("db-pool-size = lots\n"),
              "/etc/pswnet/pswnet.conf:1: --db-pool-size must be a whole number from 1 to 256, not 'lots'");
}

} // namespace
} // namespace pswnet
