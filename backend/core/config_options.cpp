// The options: one table of every flag, its help and how its value is read into config. It drives the
// configuration file, the environment and the command line alike, and --help.
#include "core/config_options.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <tuple>

namespace pswnet {
namespace {

template <class Integer> Integer parse_integer(const std::string& text, std::string_view flag, Integer min, Integer max)
{
    Integer value{};
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end || value < min || value > max)
        throw config_error("--" + std::string(flag) + " must be a whole number from " + std::to_string(min) + " to " +
                           std::to_string(max) + ", not '" + text + "'");
    return value;
}

// HOST:PORT, [IPV6]:PORT or :PORT (all addresses).
std::pair<std::string, unsigned short> parse_host_port(const std::string& value, std::string_view flag)
{
    auto colon = value.rfind(':');
    if (colon == std::string::npos)
        throw config_error("--" + std::string(flag) + " must be HOST:PORT, not '" + value + "'");
    auto host = value.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    return {host.empty() ? "0.0.0.0" : host, parse_integer<unsigned short>(value.substr(colon + 1), flag, 0, 65535)};
}

void parse_listen(config& c, const std::string& value)
{
    std::tie(c.listen_host, c.listen_port) = parse_host_port(value, "listen");
}

std::vector<std::string> parse_list(const std::string& value)
{
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= value.size()) {
        auto comma = value.find(',', start);
        auto item = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (!item.empty())
            items.push_back(item);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return items;
}

bool parse_bool(const std::string& value, std::string_view flag)
{
    if (value == "1" || value == "true" || value == "yes")
        return true;
    if (value == "0" || value == "false" || value == "no")
        return false;
    throw config_error("--" + std::string(flag) + " must be true or false, not '" + value + "'");
}

} // namespace

const std::vector<config_option>& options()
{
    static const std::vector<config_option> table{
        {"listen", "HOST:PORT to listen on (port 0 picks a free port) [127.0.0.1:8080]", parse_listen},
        {"metrics-listen", "HOST:PORT of a listener that serves only /metrics, /healthz and /readyz [none]",
         [](config& c, const std::string& v) {
             std::tie(c.metrics_listen_host, c.metrics_listen_port) = parse_host_port(v, "metrics-listen");
         }},
        {"metrics-allow", "client addresses, comma-separated, that may read /metrics on the main listener [none]",
         [](config& c, const std::string& v) { c.metrics_allow = parse_list(v); }},
        {"max-connections", "open connections an instance accepts; more are closed at once [10000]",
         [](config& c, const std::string& v) {
             c.max_connections = parse_integer<std::size_t>(v, "max-connections", 1, 1'000'000);
         }},
        {"max-connections-per-address", "open connections from one client address [256]",
         [](config& c, const std::string& v) {
             c.max_connections_per_address = parse_integer<std::size_t>(v, "max-connections-per-address", 1, 1'000'000);
         }},
        {"deleted-file-retention-days", "days before the file content of a deleted resource is purged [30]",
         [](config& c, const std::string& v) {
             c.deleted_file_retention =
                 std::chrono::hours(24 * parse_integer<int>(v, "deleted-file-retention-days", 0, 3650));
         }},
        {"audit-retention-days", "days the audit log keeps an entry (who did what, from where) [730]",
         [](config& c, const std::string& v) {
             c.audit_retention = std::chrono::days(parse_integer<int>(v, "audit-retention-days", 1, 3650));
         }},
        {"two-factor-grace-days",
         "days a person has to set up two-factor once their role or organisation requires it; 0 for none [14]",
         [](config& c, const std::string& v) {
             c.two_factor_grace = std::chrono::days(parse_integer<int>(v, "two-factor-grace-days", 0, 365));
         }},
        {"single-sign-on-lapse-days",
         "days without a council sign-in after which a member is shown to their administrators as a possible "
         "leaver [30]",
         [](config& c, const std::string& v) {
             c.single_sign_on_lapse = std::chrono::days(parse_integer<int>(v, "single-sign-on-lapse-days", 1, 3650));
         }},
        {"write-limits", "per-person write limits, e.g. post=30/600,thread=10/3600 (writes/seconds) [built in]",
         [](config& c, const std::string& v) {
             for (const auto& item : parse_list(v)) {
                 auto equals = item.find('=');
                 auto slash = item.find('/', equals == std::string::npos ? 0 : equals);
                 if (equals == std::string::npos || equals == 0 || slash == std::string::npos)
                     throw config_error("--write-limits takes ACTION=WRITES/SECONDS items, not '" + item + "'");
                 c.write_limits[item.substr(0, equals)] = {
                     parse_integer<int>(item.substr(equals + 1, slash - equals - 1), "write-limits", 1, 1'000'000),
                     std::chrono::seconds(parse_integer<int>(item.substr(slash + 1), "write-limits", 1, 86'400 * 7))};
             }
         }},
        {"database-url", "PostgreSQL connection string; empty uses libpq's PG* variables",
         [](config& c, const std::string& v) { c.database_url = v; }},
        {"read-database-url",
         "a streaming replica of the database, for reads that tolerate lag (the directory, search) [none]",
         [](config& c, const std::string& v) { c.read_database_url = v; }},
        {"read-max-staleness-ms",
         "the most, in milliseconds, that a read sent to the replica may lag the primary; beyond it reads go to "
         "the primary [1000]",
         [](config& c, const std::string& v) {
             c.read_max_staleness =
                 std::chrono::milliseconds(parse_integer<int>(v, "read-max-staleness-ms", 10, 600'000));
         }},
        {"static-dir", "folder of the built webclient to serve",
         [](config& c, const std::string& v) { c.static_dir = v; }},
        {"public-origin", "the service's own origin, e.g. https://pswnet.example (Origin checks, links)",
         [](config& c, const std::string& v) {
             if (!v.empty() && v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0)
                 throw config_error("--public-origin must start with http:// or https://");
             c.public_origin = v;
             while (!c.public_origin.empty() && c.public_origin.back() == '/')
                 c.public_origin.pop_back();
         }},
        {"trust-proxy", "believe X-Forwarded-For and X-Forwarded-Proto from a reverse proxy [false]",
         [](config& c, const std::string& v) { c.trust_proxy = parse_bool(v, "trust-proxy"); }},
        {"io-threads", "network threads; 0 means one per core [0]",
         [](config& c, const std::string& v) { c.io_threads = parse_integer<std::size_t>(v, "io-threads", 0, 256); }},
        {"db-pool-size", "database connections (and threads) [8]",
         [](config& c, const std::string& v) {
             c.db_pool_size = parse_integer<std::size_t>(v, "db-pool-size", 1, 256);
         }},
        {"reply-batches",
         "batches of replies written at once; replies that arrive meanwhile wait to go together in the next "
         "[a quarter of --db-pool-size, at least 1]",
         [](config& c, const std::string& v) {
             c.reply_batches = parse_integer<std::size_t>(v, "reply-batches", 1, 256);
         }},
        {"statement-timeout-ms", "PostgreSQL statement_timeout in milliseconds [5000]",
         [](config& c, const std::string& v) {
             c.statement_timeout = std::chrono::milliseconds(parse_integer<int>(v, "statement-timeout-ms", 10, 600000));
         }},
        {"request-timeout", "seconds a client has to send a whole request [15]",
         [](config& c, const std::string& v) {
             c.request_timeout = std::chrono::seconds(parse_integer<int>(v, "request-timeout", 1, 3600));
         }},
        {"keep-alive-timeout", "seconds an idle keep-alive connection stays open [60]",
         [](config& c, const std::string& v) {
             c.keep_alive_timeout = std::chrono::seconds(parse_integer<int>(v, "keep-alive-timeout", 1, 3600));
         }},
        {"shutdown-grace", "seconds to finish in-flight requests on SIGTERM [10]",
         [](config& c, const std::string& v) {
             c.shutdown_grace = std::chrono::seconds(parse_integer<int>(v, "shutdown-grace", 0, 600));
         }},
        {"session-idle-minutes", "minutes of inactivity after which a session ends [120]",
         [](config& c, const std::string& v) {
             c.session_idle = std::chrono::minutes(parse_integer<int>(v, "session-idle-minutes", 1, 60 * 24 * 30));
         }},
        {"event-notify", "how instances learn of new events: batched, transaction or poll [batched]",
         [](config& c, const std::string& v) {
             if (v != "batched" && v != "transaction" && v != "poll")
                 throw config_error("--event-notify must be batched, transaction or poll, not '" + v + "'");
             c.event_notify = v;
         }},
        {"session-recheck-seconds", "seconds between an open WebSocket's checks that its session is still valid [60]",
         [](config& c, const std::string& v) {
             c.session_recheck = std::chrono::seconds(parse_integer<int>(v, "session-recheck-seconds", 1, 3600));
         }},
        {"session-cache-ms",
         "milliseconds an instance trusts a session it has checked (revocations reach every "
         "instance at once); 0 checks every request [30000]",
         [](config& c, const std::string& v) {
             c.session_cache = std::chrono::milliseconds(parse_integer<int>(v, "session-cache-ms", 0, 60000));
         }},
        {"hot-read-max-age-ms",
         "milliseconds an instance may answer hot reads (thread lists and pages, the directory, comparisons) from "
         "memory; writes drop what they change at once, on every instance through the event log; 0 reads the "
         "database every time [1000]",
         [](config& c, const std::string& v) {
             c.hot_read_max_age = std::chrono::milliseconds(parse_integer<int>(v, "hot-read-max-age-ms", 0, 60000));
         }},
        {"consultation-check-seconds", "seconds between looks for consultations closing within 3 days [60]",
         [](config& c, const std::string& v) {
             c.consultation_check = std::chrono::seconds(parse_integer<int>(v, "consultation-check-seconds", 1, 3600));
         }},
        {"reminder-check-seconds",
         "seconds between looks for meeting and action reminders that are due; 0 leaves them to "
         "'pswnet reminders run' [300]",
         [](config& c, const std::string& v) {
             c.reminder_check = std::chrono::seconds(parse_integer<int>(v, "reminder-check-seconds", 0, 86'400));
         }},
        {"smtp-url", "smtp://[user:password@]host[:port] (STARTTLS) or smtps://...; none: .eml files in --mail-dir",
         [](config& c, const std::string& v) {
             if (!v.empty() && v.rfind("smtp://", 0) != 0 && v.rfind("smtps://", 0) != 0)
                 throw config_error("--smtp-url must start with smtp:// or smtps://");
             c.smtp_url = v;
         }},
        {"mail-from", "the From of every email, e.g. 'PSW Network <no-reply@pswnet.example>'",
         [](config& c, const std::string& v) {
             if (v.find('@') == std::string::npos || v.find_first_of("\r\n") != std::string::npos)
                 throw config_error("--mail-from must be an email address, optionally with a name: Name <address>");
             c.mail_from = v;
         }},
        {"reply-domain", "the domain of reply+TOKEN@DOMAIN addresses that deliver replies by email [none]",
         [](config& c, const std::string& v) {
             if (v.find_first_of("@ <>\r\n") != std::string::npos)
                 throw config_error("--reply-domain must be a domain name, e.g. reply.pswnet.example");
             c.reply_domain = v;
         }},
        {"mail-dir", "with no --smtp-url, the folder each email is written to as an .eml file [.state/mail]",
         [](config& c, const std::string& v) { c.mail_dir = v; }},
        {"mail-retry-seconds", "seconds before the first retry of an email a server refused for now; doubles [30]",
         [](config& c, const std::string& v) {
             c.mail_retry = std::chrono::seconds(parse_integer<int>(v, "mail-retry-seconds", 1, 86'400));
         }},
        {"mail-attempts", "tries of an email before it is recorded as failed [8]",
         [](config& c, const std::string& v) { c.mail_attempts = parse_integer<int>(v, "mail-attempts", 1, 50); }},
        {"digest-check-seconds",
         "seconds between looks for email digests that are due; 0 leaves them to "
         "'pswnet digests run' [300]",
         [](config& c, const std::string& v) {
             c.digest_check = std::chrono::seconds(parse_integer<int>(v, "digest-check-seconds", 0, 86'400));
         }},
        {"log-format", "text or json [text]",
         [](config& c, const std::string& v) {
             if (v == "text")
                 c.log_format = log_format::text;
             else if (v == "json")
                 c.log_format = log_format::json;
             else
                 throw config_error("--log-format must be text or json, not '" + v + "'");
         }},
        {"log-level", "trace, debug, info, warn or error [info]",
         [](config& c, const std::string& v) {
             static constexpr std::string_view levels[]{"trace", "debug", "info", "warn", "error"};
             if (std::find(std::begin(levels), std::end(levels), v) == std::end(levels))
                 throw config_error("--log-level must be one of trace, debug, info, warn, error");
             c.log_level = v;
         }},
    };
    return table;
}

std::string environment_name(std::string_view flag)
{
    std::string name = "PSWNET_";
    for (char ch : flag)
        name.push_back(ch == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
    return name;
}

const config_option* find_option(std::string_view flag)
{
    const auto& table = options();
    auto it = std::find_if(table.begin(), table.end(), [&](const config_option& o) { return o.flag == flag; });
    return it == table.end() ? nullptr : &*it;
}

} // namespace pswnet
