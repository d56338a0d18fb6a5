// A reply by email is posted exactly as the person would post it in the browser: through forum's service, so the
// thread's rules and the personal-data guard apply. What cannot be posted gets an email back saying why; what a
// machine wrote (auto-replies, bounces) is dropped without an answer, so that two robots never write to each other.
#include "app/mail_commands.hpp"

#include "app/command_line.hpp"
#include "app/server.hpp"
#include "core/sizes.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "db/migrations.hpp"
#include "mail/incoming.hpp"
#include "mail/reply_text.hpp"
#include "meetings/reminders.hpp"
#include "notifications/digests.hpp"
#include "notifications/mail_settings.hpp"
#include "notifications/replies.hpp"
#include "notifications/sender.hpp"

#include <spdlog/spdlog.h>

#include <iostream>
#include <iterator>
#include <regex>

namespace pswnet {
namespace {

constexpr int exit_temporary_failure = 75; // EX_TEMPFAIL: the MTA keeps the message and tries again
constexpr std::size_t max_incoming_bytes = 25 * mib;

// reply+<32 lower-case hex>@<reply domain> among the addresses the message was delivered to.
std::optional<std::string> reply_token(const mail::incoming_message& in)
{
    const auto& domain = notifications::current_mail_settings().reply_domain;
    static const std::regex address(R"(^reply\+([0-9a-f]{32})@(.+)$)");
    for (const auto& recipient : in.recipients) {
        std::smatch match;
        if (std::regex_match(recipient, match, address) && (!domain || match[2].str() == *domain))
            return match[1].str();
    }
    return std::nullopt;
}

std::string reasons_of(const api_error& e)
{
    std::string text = e.detail();
    for (const auto& f : e.errors())
        text += "\n- " + (f.field == "body" ? std::string("Your text") : f.field) + " " + f.message;
    return text;
}

awaitable<int> receive(application& app, std::string raw)
{
    auto in = mail::parse_incoming(raw);
    if (in.automatic) {
        spdlog::info("mail receive: ignored an automatic message (auto-reply, bounce or list)");
        co_return 0;
    }
    auto token = reply_token(in);
    if (!token) {
        spdlog::warn("mail receive: the message is not addressed to a reply address");
        co_return 0;
    }
    notifications::reply_store replies(app.database);
    auto target = co_await replies.find(*token);
    if (!target) {
        spdlog::warn("mail receive: the reply address is unknown or has expired");
        co_return 0;
    }
    auto refuse = [&](const std::string& reason) -> awaitable<int> {
        co_await replies.refuse(*target, in.subject, reason,
                                in.message_id.empty() ? std::nullopt : std::optional(in.message_id));
        spdlog::info("mail receive: a reply to thread {} was not posted; its sender is told why", target->thread_id);
        co_return 0;
    };
    if (in.from_address != target->email)
        co_return co_await refuse("It came from another address than the one we wrote to. Reply from the address "
                                  "that received our email, or answer on PSW Network.");
    auto text = mail::new_text_of_reply(in.text);
    if (text::blank(text))
        co_return co_await refuse("We found no text of yours in it, above the message you replied to.");
    auto who = co_await app.identity.acting_as(target->user_id);
    if (!who) {
        spdlog::warn("mail receive: the account of a reply to thread {} is disabled", target->thread_id);
        co_return 0;
    }
    std::string refused;
    try {
        auto posted =
            co_await app.discussions.reply(*who, target->thread_id, text, false, {target->user_id, "email", "email"});
        spdlog::info("mail receive: posted a reply by email as post {} in thread {}", posted.post.id,
                     target->thread_id);
    } catch (const api_error& e) {
        if (e.code() == errc::unavailable)
            throw;
        refused = reasons_of(e);
    }
    if (!refused.empty())
        co_return co_await refuse(refused);
    co_return 0;
}

int receive_command(application& app)
{
    std::string raw;
    char buffer[65536];
    while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
        raw.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
        if (raw.size() > max_incoming_bytes) {
            spdlog::warn("mail receive: ignored a message larger than 25 MiB");
            return 0;
        }
    }
    try {
        return run_to_completion(receive(app, std::move(raw)));
    } catch (const std::invalid_argument& e) {
        spdlog::warn("mail receive: {}", e.what());
        return 0;
    } catch (const api_error& e) {
        if (e.code() != errc::unavailable)
            throw;
        spdlog::error("mail receive: the database is unavailable; the mail server will try again");
        return exit_temporary_failure;
    } catch (const pqxx::broken_connection& e) {
        spdlog::error("mail receive: the database is unavailable; the mail server will try again");
        return exit_temporary_failure;
    }
}

int send_command(application& app)
{
    notifications::sender sender([&app] { return app.database.connect(); }, mail_transport(app.config),
                                 {app.config.mail_retry, app.config.mail_attempts});
    auto connection = app.database.connect();
    int handled = 0;
    while (sender.send_one(*connection))
        ++handled;
    std::cout << "handled " << handled << " email(s) through " << sender.transport().description() << std::endl;
    return 0;
}

// "NAME run [--at TIME]": the time given, if any; a usage_error when the arguments are not that.
std::optional<std::string> read_run_at(const std::vector<std::string>& args)
{
    if (args.size() == 4 && args[1] == "run" && args[2] == "--at") {
        if (!time::parse_rfc3339(args[3]))
            throw usage_error("--at must be an RFC 3339 time, like 2026-12-07T08:00:00Z");
        return args[3];
    }
    if (args.size() == 2 && args[1] == "run")
        return std::nullopt;
    throw usage_error("usage: pswnet " + args[0] + " run [--at TIME]");
}

} // namespace

int digests_command(application& app, const std::vector<std::string>& args)
{
    auto at = read_run_at(args);
    auto connection = app.database.connect();
    db::migrate(*connection, db::bundled_migrations());
    notifications::digests digests(app.database);
    auto run = run_to_completion(digests.run_due(at));
    std::cout << "put " << run.sent << " digest(s) in the outbox; " << run.considered << " fell due" << std::endl;
    return 0;
}

int reminders_command(application& app, const std::vector<std::string>& args)
{
    auto at = read_run_at(args);
    auto connection = app.database.connect();
    db::migrate(*connection, db::bundled_migrations());
    meetings::reminders reminders(app.database);
    auto run = run_to_completion(reminders.send_due(at));
    std::cout << "sent reminders of " << run.meetings << " meeting(s) and " << run.actions << " action(s)" << std::endl;
    return 0;
}

int mail_command(application& app, const std::vector<std::string>& args)
{
    if (args.size() == 2 && args[1] == "receive")
        return receive_command(app);
    if (args.size() == 2 && args[1] == "send")
        return send_command(app);
    throw usage_error("usage: pswnet mail send, or pswnet mail receive < MESSAGE");
}

} // namespace pswnet
