// The service's parts wired together: pools, stores, services and routes. Shared by every command.
#pragma once

#include "benchmarking/caseload_check.hpp"
#include "benchmarking/service.hpp"
#include "benchmarking/store.hpp"
#include "consultations/papers.hpp"
#include "consultations/response_store.hpp"
#include "consultations/service.hpp"
#include "consultations/store.hpp"
#include "core/config.hpp"
#include "data_rights/service.hpp"
#include "db/lag_tolerant_reads.hpp"
#include "db/pool.hpp"
#include "directory/comparator_groups.hpp"
#include "directory/service.hpp"
#include "directory/store.hpp"
#include "forum/moderation_service.hpp"
#include "forum/moderation_store.hpp"
#include "forum/service.hpp"
#include "forum/thread_store.hpp"
#include "groups/service.hpp"
#include "groups/store.hpp"
#include "hot_reads/response_cache.hpp"
#include "identity/account_service.hpp"
#include "identity/service.hpp"
#include "identity/sign_in_policy.hpp"
#include "identity/single_sign_on/administration.hpp"
#include "identity/single_sign_on/sign_in.hpp"
#include "identity/store.hpp"
#include "identity/two_factor_service.hpp"
#include "identity/who_is_who.hpp"
#include "library/service.hpp"
#include "library/store.hpp"
#include "meetings/action_store.hpp"
#include "meetings/actions.hpp"
#include "meetings/calendar_feeds.hpp"
#include "meetings/feed_store.hpp"
#include "meetings/service.hpp"
#include "meetings/store.hpp"
#include "net/request_metrics.hpp"
#include "net/router.hpp"
#include "notifications/service.hpp"
#include "notifications/store.hpp"
#include "realtime/channel_policy.hpp"
#include "realtime/hub.hpp"
#include "realtime/protocol.hpp"

#include <boost/asio/thread_pool.hpp>

#include <memory>

namespace pswnet {

class application {
public:
    explicit application(const pswnet::config& config);

    const pswnet::config& config;
    db::pool database;
    std::unique_ptr<db::pool> replica_database; // --read-database-url; null without one
    db::lag_tolerant_reads lag_tolerant_reads;
    db::write_limits write_limits;
    boost::asio::thread_pool cpu;
    request_metrics metrics;
    hot_reads::response_cache hot_reads;
    pswnet::router router;
    pswnet::router metrics_router; // the --metrics-listen listener's: /metrics, /healthz, /readyz

    directory::store directory_store;
    directory::service directory;
    directory::comparator_group_store comparator_group_store;
    directory::comparator_groups comparator_groups;
    identity::store identity_store;
    identity::invitation_store invitation_store;
    identity::login_throttle login_throttle;
    identity::password_hasher password_hasher;
    identity::two_factor_store two_factor_store;
    identity::two_factor_sign_in two_factor_sign_in;
    identity::service identity;
    identity::account_store account_store;
    identity::account_service accounts;
    identity::two_factor_service two_factor;
    identity::sign_in_policies sign_in_policies;
    boost::asio::thread_pool provider_calls; // HTTPS to identity providers: slow peers must not hold up the CPU pool
    identity::single_sign_on::store single_sign_on_store;
    identity::single_sign_on::provider_documents provider_documents;
    identity::single_sign_on::sign_in council_sign_in;
    identity::single_sign_on::administration single_sign_on;
    identity::people_store people_store;
    identity::who_is_who who_is_who;

    notifications::store notification_store;
    notifications::service notifications;

    groups::store group_store;
    groups::service groups;

    forum::thread_store thread_store;
    forum::moderation_store moderation_store;
    forum::service discussions;
    forum::moderation_service moderation;

    benchmarking::store benchmarking_store;
    benchmarking::submission_store submission_store;
    benchmarking::service benchmarking;
    benchmarking::caseload_store caseload_store;
    benchmarking::caseload_check caseload_check;

    library::store library_store;
    library::adoption_store adoption_store;
    library::service library;
    consultations::store consultation_store;
    consultations::response_store response_store;
    consultations::service consultations;
    consultations::paper_store paper_store;
    consultations::papers consultation_papers;

    meetings::store meeting_store;
    meetings::service meetings;
    meetings::action_store action_store;
    meetings::actions actions;
    meetings::feed_store feed_store;
    meetings::calendar_feeds calendar_feeds;

    data_rights::store data_rights_store;
    data_rights::service data_rights;

    realtime::hub hub;
    realtime::channel_policy channels;
    realtime::protocol realtime;
};

// Runs a coroutine to completion on a private io_context (for commands that are not the server).
template <class T> T run_to_completion(awaitable<T> work)
{
    net::io_context io;
    std::optional<T> result;
    std::exception_ptr failure;
    net::co_spawn(io, std::move(work), [&](std::exception_ptr e, T value) {
        failure = e;
        if (!e)
            result = std::move(value);
    });
    io.run();
    if (failure)
        std::rethrow_exception(failure);
    return std::move(*result);
}

} // namespace pswnet
