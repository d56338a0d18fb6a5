// Configuration from the configuration file, PSWNET_* environment variables and command-line flags, each
// overriding the one before.
#pragma once

#include "core/config_file.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace pswnet {

enum class log_format { text, json };

struct config {
    std::string listen_host = "127.0.0.1";
    unsigned short listen_port = 8080;
    std::string metrics_listen_host; // empty: no listener of its own for /metrics
    unsigned short metrics_listen_port = 0;
    std::vector<std::string> metrics_allow;             // client addresses that may read /metrics on the main listener
    std::size_t max_connections = 10'000;               // open connections (HTTP and WebSocket) per instance
    std::size_t max_connections_per_address = 256;      // from one client address (the proxy's own when trusted)
    std::string database_url;                           // empty: libpq's defaults (PGHOST, PGDATABASE, ...)
    std::string read_database_url;                      // a streaming replica for lag-tolerant reads; empty: none
    std::chrono::milliseconds read_max_staleness{1000}; // the most a read sent to the replica may lag the primary
    std::string static_dir;                             // the built webclient; empty: no static files
    std::string public_origin;                          // e.g. https://pswnet.example; empty: http://<Host>
    bool trust_proxy = false;                           // believe X-Forwarded-For and X-Forwarded-Proto
    std::size_t io_threads = 0;                         // 0: one per core
    std::size_t db_pool_size = 8;
    std::size_t reply_batches = 0; // batches of replies under way at once; 0: a quarter of db_pool_size, at least 1
    std::chrono::milliseconds statement_timeout{5000};
    std::chrono::seconds request_timeout{15};
    std::chrono::seconds keep_alive_timeout{60};
    std::chrono::seconds shutdown_grace{10};
    std::chrono::minutes session_idle{120};
    std::chrono::hours session_lifetime{24 * 14};
    std::chrono::milliseconds session_cache{30'000};  // how long an instance trusts a session it has checked
    std::chrono::milliseconds hot_read_max_age{1000}; // the longest a kept answer is served; 0: none is kept
    std::chrono::seconds session_recheck{60};    // how often an open WebSocket checks that its session is still valid
    std::chrono::seconds consultation_check{60}; // how often an instance looks for consultations closing soon
    std::chrono::seconds reminder_check{300};    // how often an instance looks for reminders due; 0: never
    std::chrono::hours deleted_file_retention{24 * 30}; // file content of deleted resources is purged after this
    std::chrono::days audit_retention{730};             // audit entries are removed after this
    std::chrono::days two_factor_grace{14};             // to set up two-factor once a role or organisation requires it
    // A member who has not signed in with their council's identity provider for this long is shown to their
    // organisation's administrators as someone who may have left.
    std::chrono::days single_sign_on_lapse{30};
    // Per-person write limits that replace the built-in ones: action -> (writes, window).
    std::map<std::string, std::pair<int, std::chrono::seconds>, std::less<>> write_limits;
    std::string smtp_url; // smtp:// or smtps://; empty: .eml files in mail_dir
    std::string mail_from = "PSW Network <no-reply@localhost>";
    std::string reply_domain;               // empty: emails cannot be answered by email
    std::string mail_dir = ".state/mail";   // with no SMTP server: one .eml file per message
    std::chrono::seconds mail_retry{30};    // the first retry's delay; each next one doubles
    int mail_attempts = 8;                  // a temporary failure is tried this often in all
    std::chrono::seconds digest_check{300}; // how often an instance looks for digests due; 0: never
    std::string event_notify = "batched";   // batched, transaction or poll: how listeners learn of new events
    pswnet::log_format log_format = log_format::text;
    std::string log_level = "info";
};

class config_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct parsed_command_line {
    pswnet::config config;
    std::vector<std::string> arguments; // the command and its own arguments, in order
    bool help = false;
};

using environment_lookup = std::function<std::optional<std::string>(const std::string&)>;

// Throws config_error naming the flag, variable or file line at fault.
parsed_command_line parse_command_line(const std::vector<std::string>& args, const environment_lookup& env,
                                       const config_file_reader& read_file = read_config_file);

environment_lookup process_environment();

std::string usage_text();

} // namespace pswnet
