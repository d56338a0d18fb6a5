#include "notifications/replies.hpp"

#include "core/crypto.hpp"
#include "db/statement.hpp"
#include "notifications/email_content.hpp"
#include "notifications/mail_settings.hpp"
#include "notifications/outbox.hpp"

namespace pswnet::notifications {
namespace {

const db::statement find_sql{"notifications.reply_target", R"sql(
SELECT t.user_id, t.subject_id, lower(m.email), m.display_name
FROM mail_tokens t JOIN mailboxes m ON m.id = t.user_id AND m.active
WHERE t.token_hash = $1 AND t.purpose = 'reply' AND t.expires_at > now())sql"};

} // namespace

awaitable<std::optional<reply_target>> reply_store::find(std::string token)
{
    return pool_.read([token = std::move(token)](pqxx::read_transaction& tx) -> std::optional<reply_target> {
        auto rows = db::exec(tx, find_sql, crypto::token_hash(token));
        if (rows.empty())
            return std::nullopt;
        return reply_target{rows[0][0].as<std::int64_t>(), rows[0][1].as<std::int64_t>(), rows[0][2].as<std::string>(),
                            rows[0][3].as<std::string>()};
    });
}

awaitable<void> reply_store::refuse(reply_target to, std::string original_subject, std::string reason,
                                    std::optional<std::string> in_reply_to)
{
    return pool_.write([to = std::move(to), original_subject = std::move(original_subject), reason = std::move(reason),
                        in_reply_to = std::move(in_reply_to)](pqxx::work& tx) {
        const auto& settings = current_mail_settings();
        queued_email email;
        email.user_id = to.user_id;
        email.recipient = to.email;
        email.recipient_name = to.name;
        email.kind = "reply_refused";
        email.in_reply_to = in_reply_to;
        email.content = refused_reply_email(to.name, original_subject, reason,
                                            settings.origin + "/discussions/" + std::to_string(to.thread_id));
        enqueue(tx, email);
    });
}

} // namespace pswnet::notifications
