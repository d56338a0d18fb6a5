#include "app/doctor.hpp"

#include "app/server.hpp"
#include "db/migrations.hpp"
#include "net/static_files.hpp"

#include <pqxx/pqxx>

#include <chrono>
#include <cmath>
#include <iostream>

namespace pswnet {
namespace {

enum class verdict { ok, warn, fail };

struct finding {
    verdict level = verdict::ok;
    std::string check;
    std::string detail;
};

using clock = std::chrono::system_clock;

// Within a second the clock is fine for sessions and deadlines; past a minute, expiries and digests go wrong.
constexpr double skew_warning_seconds = 1.0;
constexpr double skew_failure_seconds = 60.0;

double unix_seconds(clock::time_point t)
{
    return std::chrono::duration<double>(t.time_since_epoch()).count();
}

std::vector<finding> database_findings(const application& app)
{
    std::vector<finding> found;
    std::unique_ptr<pqxx::connection> connection;
    try {
        connection = app.database.connect();
    } catch (const std::exception& e) {
        std::string reason = e.what();
        reason.erase(reason.find_last_not_of(" \n") + 1); // libpq ends its messages with a newline
        return {{verdict::fail, "database", "cannot connect: " + reason}};
    }
    pqxx::read_transaction tx(*connection);
    auto status = db::status(tx, db::bundled_migrations());
    auto version = tx.exec1("SELECT current_setting('server_version')")[0].as<std::string>();
    std::string detail = "PostgreSQL " + version + ", at migration " + std::to_string(status.applied) + " of " +
                         std::to_string(status.expected);
    if (status.applied < status.expected)
        found.push_back({verdict::fail, "database", detail + ": run `pswnet migrate` (serve does it at start)"});
    else if (status.applied > status.expected)
        found.push_back({verdict::fail, "database", detail + ": the database is newer than this binary"});
    else
        found.push_back({verdict::ok, "database", detail});

    const auto before = clock::now();
    const auto database_now = tx.exec1("SELECT extract(epoch FROM clock_timestamp())::float8")[0].as<double>();
    const auto after = clock::now();
    const double skew = database_now - (unix_seconds(before) + unix_seconds(after)) / 2;
    char words[96];
    std::snprintf(words, sizeof words, "this machine's clock is %.3f s %s the database's", std::fabs(skew),
                  skew > 0 ? "behind" : "ahead of");
    const auto level = std::fabs(skew) >= skew_failure_seconds   ? verdict::fail
                       : std::fabs(skew) >= skew_warning_seconds ? verdict::warn
                                                                 : verdict::ok;
    found.push_back({level, "clock", std::string(words) + (level == verdict::ok ? "" : ": run NTP on both")});
    return found;
}

finding static_finding(const config& cfg)
{
    if (cfg.static_dir.empty())
        return {verdict::warn, "static", "--static-dir is not set: the API is served, the web pages are not"};
    try {
        static_files files(cfg.static_dir);
        return {verdict::ok, "static", std::to_string(files.file_count()) + " files in " + cfg.static_dir};
    } catch (const std::exception& e) {
        return {verdict::fail, "static", e.what()};
    }
}

std::vector<finding> origin_findings(const config& cfg)
{
    std::vector<finding> found;
    const bool loopback = cfg.listen_host == "127.0.0.1" || cfg.listen_host == "::1" || cfg.listen_host == "localhost";
    if (cfg.public_origin.empty())
        found.push_back({verdict::warn, "origin",
                         "--public-origin is not set: links in emails point at http://localhost:" +
                             std::to_string(cfg.listen_port) + ", and pages take their origin from the Host header"});
    else if (cfg.public_origin.rfind("https://", 0) != 0)
        found.push_back(
            {verdict::warn, "origin", cfg.public_origin + " is not https: session cookies are not marked Secure"});
    else
        found.push_back({verdict::ok, "origin", "links and cookies use " + cfg.public_origin});
    if (cfg.trust_proxy && !loopback)
        found.push_back({verdict::warn, "proxy",
                         "--trust-proxy believes X-Forwarded-For from anyone who reaches " + cfg.listen_host +
                             ": listen on loopback or a private address only the proxy reaches"});
    else if (!cfg.trust_proxy && !cfg.public_origin.empty() && loopback)
        found.push_back({verdict::warn, "proxy",
                         "behind a proxy on this machine, --trust-proxy is off: every client looks like the proxy "
                         "to sign-in throttling and connection limits"});
    else
        found.push_back({verdict::ok, "proxy",
                         cfg.trust_proxy ? "X-Forwarded-* are believed from the proxy" : "X-Forwarded-* are ignored"});
    return found;
}

finding mail_finding(const config& cfg)
{
    try {
        auto transport = mail_transport(cfg);
        auto result = transport->probe();
        if (result.outcome != mail::delivery_outcome::delivered)
            return {verdict::fail, "mail", transport->description() + ": " + result.detail};
        return {cfg.smtp_url.empty() ? verdict::warn : verdict::ok, "mail",
                result.detail + (cfg.smtp_url.empty() ? " (no --smtp-url: nothing is sent)" : "")};
    } catch (const std::exception& e) {
        return {verdict::fail, "mail", e.what()};
    }
}

} // namespace

int doctor_command(application& app)
{
    const auto& cfg = app.config;
    auto findings = database_findings(app);
    findings.push_back(static_finding(cfg));
    for (auto& f : origin_findings(cfg))
        findings.push_back(std::move(f));
    findings.push_back(mail_finding(cfg));
    bool failed = false;
    for (const auto& f : findings) {
        const char* label = f.level == verdict::ok ? "ok  " : f.level == verdict::warn ? "warn" : "FAIL";
        std::cout << label << "  " << f.check << std::string(10 - std::min<std::size_t>(f.check.size(), 9), ' ')
                  << f.detail << "\n";
        failed = failed || f.level == verdict::fail;
    }
    std::cout << (failed ? "Some checks failed." : "Nothing is wrong.") << std::endl;
    return failed ? 1 : 0;
}

} // namespace pswnet
