// Wiring. The order of members in application is the order of construction.
#include "app/application.hpp"

#include "benchmarking/routes.hpp"
#include "consultations/routes.hpp"
#include "data_rights/routes.hpp"
#include "directory/routes.hpp"
#include "forum/routes.hpp"
#include "groups/routes.hpp"
#include "identity/routes.hpp"
#include "identity/single_sign_on/routes.hpp"
#include "library/routes.hpp"
#include "meetings/routes.hpp"
#include "notifications/mail_settings.hpp"
#include "notifications/routes.hpp"
#include "operations/routes.hpp"
#include "realtime/event_log.hpp"
#include "search/routes.hpp"

namespace pswnet {
namespace {

// The From address, the origin links point at, and the reply domain, for every email this process writes.
void configure_mail(const pswnet::config& cfg)
{
    notifications::mail_settings mail;
    try {
        mail.from = mail::parse_mailbox(cfg.mail_from);
    } catch (const std::invalid_argument& e) {
        throw config_error(std::string("--mail-from: ") + e.what());
    }
    if (mail.from.name.empty())
        mail.from.name = "PSW Network";
    mail.origin = cfg.public_origin.empty() ? "http://localhost:" + std::to_string(cfg.listen_port) : cfg.public_origin;
    if (!cfg.reply_domain.empty())
        mail.reply_domain = cfg.reply_domain;
    notifications::configure_mail(std::move(mail));
}

} // namespace

application::application(const pswnet::config& cfg)
    : config(cfg), database({cfg.database_url, cfg.db_pool_size, cfg.statement_timeout}),
      replica_database(cfg.read_database_url.empty()
                           ? nullptr
                           : std::make_unique<db::pool>(
                                 db::pool_options{cfg.read_database_url, cfg.db_pool_size, cfg.statement_timeout})),
      lag_tolerant_reads(database, replica_database.get(), cfg.read_max_staleness),
      write_limits(database, cfg.write_limits), cpu(2),
      hot_reads(hot_reads::response_cache::options{.max_age = cfg.hot_read_max_age}),
      directory_store(database, lag_tolerant_reads), directory(directory_store), comparator_group_store(database),
      comparator_groups(comparator_group_store, directory), identity_store(database), invitation_store(database),
      login_throttle(database), password_hasher(cpu), two_factor_store(database),
      two_factor_sign_in(two_factor_store, login_throttle, cfg.two_factor_grace),
      identity(
          identity_store, invitation_store, directory, password_hasher, write_limits, login_throttle,
          two_factor_sign_in,
          identity::settings{.session_idle = cfg.session_idle,
                             .session_lifetime = std::chrono::duration_cast<std::chrono::seconds>(cfg.session_lifetime),
                             .session_cache_age = cfg.session_cache}),
      account_store(database), accounts(account_store, identity, password_hasher, login_throttle),
      two_factor(two_factor_store, two_factor_sign_in, login_throttle, accounts, identity),
      sign_in_policies(database, directory), provider_calls(2), single_sign_on_store(database),
      provider_documents(provider_calls),
      council_sign_in(single_sign_on_store, provider_documents, identity, login_throttle),
      single_sign_on(single_sign_on_store, provider_documents, directory, cfg.single_sign_on_lapse),
      people_store(database), who_is_who(people_store, directory), notification_store(database),
      notifications(notification_store), group_store(database), groups(group_store, directory, write_limits),
      thread_store(database, lag_tolerant_reads,
                   cfg.reply_batches != 0 ? cfg.reply_batches : std::max<std::size_t>(1, cfg.db_pool_size / 4)),
      moderation_store(database), discussions(thread_store, directory, comparator_groups, groups, write_limits),
      moderation(moderation_store, discussions, write_limits), benchmarking_store(database), submission_store(database),
      benchmarking(benchmarking_store, submission_store, comparator_groups, cpu), caseload_store(database),
      caseload_check(caseload_store, benchmarking_store, comparator_groups),
      library_store(database, lag_tolerant_reads), adoption_store(database),
      library(library_store, adoption_store, discussions, groups, cpu), consultation_store(database),
      response_store(database), consultations(consultation_store, response_store, discussions, write_limits),
      paper_store(database), consultation_papers(consultations, paper_store, library), meeting_store(database),
      meetings(meeting_store, groups, library, discussions, write_limits), action_store(database),
      actions(action_store, groups, meetings, write_limits), feed_store(database),
      calendar_feeds(feed_store, write_limits), data_rights_store(database),
      data_rights(data_rights_store, accounts, identity, write_limits, cpu), realtime(hub, channels, database)
{
    configure_mail(cfg);
    operations::measured sources{database, lag_tolerant_reads, metrics, hot_reads, thread_store.reply_batch_counts()};
    operations::add_routes(router, sources, cfg.metrics_allow);
    operations::add_metrics_listener_routes(metrics_router, sources);
    identity::add_routes(router, identity, council_sign_in);
    identity::add_account_routes(router, accounts);
    identity::add_two_factor_routes(router, two_factor);
    identity::add_sign_in_policy_routes(router, sign_in_policies);
    identity::single_sign_on::add_routes(router, council_sign_in, single_sign_on, identity);
    identity::add_who_is_who_routes(router, who_is_who);
    data_rights::add_routes(router, data_rights,
                            {.audit_log_days = static_cast<int>(cfg.audit_retention.count()),
                             .deleted_files_days = static_cast<int>(cfg.deleted_file_retention.count() / 24),
                             .events_days = realtime::event_retention_days});
    directory::add_routes(router, directory);
    directory::add_comparator_group_routes(router, comparator_groups);
    groups::add_routes(router, groups);
    groups::add_channel_rules(channels, groups);
    forum::add_routes(router, discussions);
    notifications::add_routes(router, notifications);
    forum::add_moderation_routes(router, moderation);
    benchmarking::add_routes(router, benchmarking);
    benchmarking::add_caseload_routes(router, caseload_check);
    consultations::add_routes(router, consultations, consultation_papers);
    consultations::add_channel_rules(channels, consultations);
    library::add_routes(router, library);
    library::add_channel_rules(channels, library);
    meetings::add_routes(router, meetings, actions, calendar_feeds);
    search::add_routes(router, discussions, library);
    forum::add_channel_rules(channels, discussions);
    identity.on_revocation([this](std::int64_t user_id, std::optional<std::int64_t> session_id) {
        hub.close_revoked(user_id, session_id);
    });
    // Writes made on any instance drop the answers they changed here (their own instance dropped them already).
    hub.before_delivery(
        [this](const realtime::event& e) { hot_reads.invalidate(hot_reads::changed_by_event(e.channel, e.type)); });
    // Revocations and narrowed access made on any instance reach this one through the event log.
    hub.on_system_event([this](const realtime::event& e) {
        auto data = nlohmann::json::parse(e.payload_json);
        if (e.type == "access.narrowed") {
            realtime.recheck(data.at("user_id").is_null() ? std::nullopt
                                                          : std::optional(data.at("user_id").get<std::int64_t>()));
            return;
        }
        if (e.type != "session.revoked")
            return;
        auto user_id = data.at("user_id").get<std::int64_t>();
        auto session_id = data.at("session_id").is_null()
                              ? std::nullopt
                              : std::optional<std::int64_t>(data.at("session_id").get<std::int64_t>());
        identity.forget_revoked(user_id, session_id);
        hub.close_revoked(user_id, session_id);
    });
}

} // namespace pswnet
