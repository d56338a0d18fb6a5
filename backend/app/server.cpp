// The server's life: bind, announce the address, run the I/O threads, and on a signal stop accepting, let
// in-flight requests finish within the grace period, close WebSockets with 1001, and exit.
#include "app/server.hpp"

#include "db/audit.hpp"
#include "db/migrations.hpp"
#include "meetings/reminders.hpp"
#include "net/listener.hpp"
#include "net/server_state.hpp"
#include "notifications/digests.hpp"
#include "notifications/mail_settings.hpp"
#include "notifications/outbox.hpp"
#include "notifications/sender.hpp"
#include "notifications/unread_counts.hpp"
#include "realtime/event_log.hpp"
#include "realtime/listener.hpp"
#include "realtime/notifier.hpp"

#include <spdlog/spdlog.h>

#include <functional>
#include <iostream>
#include <optional>
#include <thread>

namespace pswnet {
namespace {

// Unread counts are their counters plus the changes since the last fold: folded each second, a read adds only a few
// (replies from 16 people ran 10-16 % faster than with folds every 5 seconds; docs/benchmarks.md).
constexpr auto unread_fold_interval = std::chrono::seconds(1);

// Audit entries older than the retention, a batch per transaction.
awaitable<void> forget_old_audit(db::pool& database, std::chrono::days retention)
{
    constexpr int batch = 10'000;
    int removed = 0;
    for (int gone = batch; gone == batch;) {
        auto forgetting = database.write([=](pqxx::work& tx) { return db::forget_old_audit(tx, retention, batch); });
        gone = co_await std::move(forgetting);
        removed += gone;
    }
    if (removed)
        spdlog::info("removed {} audit entries older than {} days", removed, retention.count());
}

// Hourly housekeeping: events older than realtime keeps them, expired links of emails, the file content of
// resources deleted more than --deleted-file-retention-days ago, and audit entries older than --audit-retention-days.
awaitable<void> keep_house(db::pool& database, library::service& library, net::steady_timer& timer,
                           const server_state& state)
{
    while (!state.stopping()) {
        try {
            auto cleanup = database.write([](pqxx::work& tx) { return realtime::forget_old_events(tx); });
            if (auto removed = co_await std::move(cleanup))
                spdlog::info("forgot {} events older than {} days", removed, realtime::event_retention_days);
            co_await database.write([](pqxx::work& tx) { notifications::forget_expired_mail_tokens(tx); });
            if (auto purged = co_await library.purge_deleted_files(state.config().deleted_file_retention))
                spdlog::info("purged the content of {} file(s) of deleted resources", purged);
            co_await forget_old_audit(database, state.config().audit_retention);
        } catch (const std::exception& e) {
            spdlog::warn("housekeeping failed: {}", e.what());
        }
        if (state.stopping())
            co_return; // the signal came while the DELETE ran: do not wait another hour
        timer.expires_after(std::chrono::hours(1));
        auto [ec] = co_await timer.async_wait(net::as_tuple(net::use_awaitable));
        if (ec)
            co_return;
    }
}

// Work every instance does now and then (email digests, reminders, folding unread counts), after each interval until
// the server stops; what it does is claimed in the database, so each is done once. A failed round is logged and tried
// next time.
awaitable<void> every(net::steady_timer& timer, std::chrono::seconds interval, const server_state& state,
                      std::string_view what, std::function<awaitable<void>()> round)
{
    while (!state.stopping()) {
        timer.expires_after(interval);
        auto [ec] = co_await timer.async_wait(net::as_tuple(net::use_awaitable));
        if (ec || state.stopping())
            co_return;
        try {
            co_await round();
        } catch (const std::exception& e) {
            spdlog::warn("could not {}: {}", what, e.what());
        }
    }
}

// "Closes in 3 days" notices: every instance looks; the store makes sure each consultation's go out once.
awaitable<void> send_closing_notices(consultations::service& consultations, net::steady_timer& timer,
                                     std::chrono::seconds every, const server_state& state)
{
    while (!state.stopping()) {
        try {
            if (auto sent = co_await consultations.send_closing_notices())
                spdlog::info("sent closing notices for {} consultation(s)", sent);
        } catch (const std::exception& e) {
            spdlog::warn("could not send closing notices: {}", e.what());
        }
        if (state.stopping())
            co_return;
        timer.expires_after(every);
        auto [ec] = co_await timer.async_wait(net::as_tuple(net::use_awaitable));
        if (ec)
            co_return;
    }
}

// How fresh the read replica is, measured while the server runs; while it cannot be measured it goes stale, and
// lag-tolerant reads go to the primary.
awaitable<void> measure_replica(db::lag_tolerant_reads& reads, net::steady_timer& timer, const server_state& state)
{
    bool failing = false;
    while (!state.stopping()) {
        try {
            co_await reads.measure();
            if (failing)
                spdlog::info("the read replica can be measured again");
            failing = false;
        } catch (const std::exception& e) {
            if (!failing)
                spdlog::warn("cannot measure the read replica, so reads go to the primary: {}", e.what());
            failing = true;
        }
        timer.expires_after(reads.measure_interval());
        auto [ec] = co_await timer.async_wait(net::as_tuple(net::use_awaitable));
        if (ec)
            co_return;
    }
}

std::string printable(const tcp::endpoint& endpoint)
{
    auto host = endpoint.address().to_string();
    return (endpoint.address().is_v6() ? "[" + host + "]" : host) + ":" + std::to_string(endpoint.port());
}

} // namespace

// With no SMTP server configured, each email becomes an .eml file (the run command's default).
std::unique_ptr<mail::transport> mail_transport(const config& cfg)
{
    if (cfg.smtp_url.empty())
        return mail::file_transport(cfg.mail_dir);
    return mail::smtp_transport(cfg.smtp_url, std::chrono::seconds(60));
}

int serve(application& app)
{
    const auto& cfg = app.config;
    {
        auto connection = app.database.connect();
        int applied = db::migrate(*connection, db::bundled_migrations());
        spdlog::info("database at migration {} ({} applied now)", db::bundled_migrations().size(), applied);
    }

    std::unique_ptr<static_files> statics;
    if (!cfg.static_dir.empty()) {
        statics = std::make_unique<static_files>(cfg.static_dir);
        spdlog::info("serving {} static files from {}", statics->file_count(), cfg.static_dir);
    }

    server_hooks hooks;
    hooks.authenticate = [&app](std::string token) { return app.identity.authenticate(std::move(token)); };
    hooks.still_signed_in = [&app](std::string token) { return app.identity.still_signed_in(std::move(token)); };
    app.realtime.install(hooks);
    server_state state(cfg, app.router, statics.get(), std::move(hooks), app.metrics, &app.hot_reads);

    std::size_t threads = cfg.io_threads ? cfg.io_threads : std::max(1u, std::thread::hardware_concurrency());
    net::io_context io(static_cast<int>(threads));
    // Two lanes a thread: a fan-out is shared among the threads and the lanes' queues stay short.
    realtime::hub::delivery delivery(app.hub, io.get_executor(), 2 * threads);

    realtime::set_notify_mode(cfg.event_notify == "transaction" ? realtime::notify_mode::transaction
                              : cfg.event_notify == "poll"      ? realtime::notify_mode::poll
                                                                : realtime::notify_mode::batched);
    realtime::notifier notify([&app] { return app.database.connect(); });
    notify.start();
    app.database.after_commit([&notify] {
        if (realtime::take_pending_events())
            notify.poke();
    });
    realtime::listener events([&app] { return app.database.connect(); }, app.hub);
    events.start();

    notifications::sender mail_sender([&app] { return app.database.connect(); }, mail_transport(cfg),
                                      {cfg.mail_retry, cfg.mail_attempts});
    mail_sender.start();
    std::cout << "mail: " << mail_sender.transport().description() << std::endl;

    auto address = net::ip::make_address(cfg.listen_host);
    auto server = std::make_shared<listener>(io, tcp::endpoint(address, cfg.listen_port), state);
    server->start();

    // /metrics on a listener of its own, for the monitoring network only.
    std::optional<server_state> metrics_state;
    std::shared_ptr<listener> metrics_server;
    if (!cfg.metrics_listen_host.empty()) {
        metrics_state.emplace(cfg, app.metrics_router, nullptr, server_hooks{}, app.metrics);
        metrics_server = std::make_shared<listener>(
            io, tcp::endpoint(net::ip::make_address(cfg.metrics_listen_host), cfg.metrics_listen_port), *metrics_state);
        metrics_server->start();
        std::cout << "metrics on http://" << printable(metrics_server->local_endpoint()) << "/metrics" << std::endl;
    }

    net::steady_timer grace(io);
    net::steady_timer retention(io);
    net::steady_timer closing_notices(io);
    net::steady_timer digest_timer(io);
    notifications::digests digests(app.database);
    if (cfg.digest_check.count() > 0)
        net::co_spawn(io,
                      every(digest_timer, cfg.digest_check, state, "send digests",
                            [&digests]() -> awaitable<void> {
                                if (auto run = co_await digests.run_due(std::nullopt); run.sent)
                                    spdlog::info("put {} email digest(s) in the outbox", run.sent);
                            }),
                      net::detached);
    net::steady_timer reminder_timer(io);
    meetings::reminders reminders(app.database);
    if (cfg.reminder_check.count() > 0)
        net::co_spawn(io,
                      every(reminder_timer, cfg.reminder_check, state, "send reminders",
                            [&reminders]() -> awaitable<void> {
                                auto run = co_await reminders.send_due(std::nullopt);
                                if (run.meetings || run.actions)
                                    spdlog::info("sent reminders of {} meeting(s) and {} action(s)", run.meetings,
                                                 run.actions);
                            }),
                      net::detached);
    net::steady_timer fold_timer(io);
    net::co_spawn(io,
                  every(fold_timer, unread_fold_interval, state, "fold unread counts",
                        [&app]() -> awaitable<void> { co_await notifications::fold_unread_changes(app.database); }),
                  net::detached);
    net::steady_timer replica_timer(io);
    if (app.lag_tolerant_reads.has_replica())
        net::co_spawn(io, measure_replica(app.lag_tolerant_reads, replica_timer, state), net::detached);
    net::co_spawn(io, keep_house(app.database, app.library, retention, state), net::detached);
    net::co_spawn(io, send_closing_notices(app.consultations, closing_notices, cfg.consultation_check, state),
                  net::detached);
    net::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int signal) {
        if (ec)
            return;
        spdlog::info("signal {}: stopping; in-flight requests have {} s", signal, cfg.shutdown_grace.count());
        server->stop();
        if (metrics_server) {
            metrics_server->stop();
            metrics_state->begin_shutdown([] {});
        }
        retention.cancel();
        closing_notices.cancel();
        digest_timer.cancel();
        reminder_timer.cancel();
        replica_timer.cancel();
        grace.expires_after(cfg.shutdown_grace);
        grace.async_wait([&io](const boost::system::error_code& wait_ec) {
            if (!wait_ec) {
                spdlog::warn("grace period over: closing the remaining connections");
                io.stop();
            }
        });
        state.begin_shutdown([&io, &grace] { net::post(io, [&grace] { grace.cancel(); }); });
    });

    auto endpoint = server->local_endpoint();
    if (cfg.public_origin.empty()) {
        // Links in emails point at the port actually bound (--listen may ask for any free one).
        auto mail = notifications::current_mail_settings();
        mail.origin = "http://localhost:" + std::to_string(endpoint.port());
        notifications::configure_mail(std::move(mail));
    }
    std::cout << "listening on http://" << printable(endpoint) << std::endl;
    spdlog::info("listening on http://{} with {} I/O threads and {} database connections", printable(endpoint), threads,
                 cfg.db_pool_size);

    std::vector<std::thread> workers;
    for (std::size_t i = 1; i < threads; ++i)
        workers.emplace_back([&io] { io.run(); });
    io.run();
    for (auto& worker : workers)
        worker.join();
    events.stop();
    mail_sender.stop();
    app.database.stop(); // before the notifier: the pool's threads call it after their commits
    notify.stop();
    spdlog::info("stopped");
    return 0;
}

} // namespace pswnet
