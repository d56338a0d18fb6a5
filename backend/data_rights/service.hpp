// A person's rights over their data (UK GDPR): a copy of everything the service holds about them, and deleting their
// account. Each capability says what it holds and what it forgets (its person_data); the store asks them all, in
// one transaction. What the person wrote or shared stays as the network's record, by "a former member of" their
// organisation.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "core/principal.hpp"
#include "data_rights/store.hpp"
#include "db/write_limits.hpp"
#include "identity/account_service.hpp"

#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/system_executor.hpp>
#include <boost/asio/thread_pool.hpp>

#include <chrono>
#include <string>

namespace pswnet::data_rights {

// Exports prepared at once by an instance, each holding its files in memory; more wait their turn.
inline constexpr int max_exports_at_once = 2;
// Each person may download their data a few times an hour: enough to try again, not enough to hold the slots.
inline constexpr db::write_limit exports{"data_export", 3, std::chrono::hours(1), "downloads of your data"};

struct data_export {
    std::string filename; // psw-network-data-2026-12-02.zip
    std::string zip;      // my-data.json and files/
};

class service {
public:
    service(store& rights, identity::account_service& accounts, identity::service& identity, db::write_limits& limits,
            boost::asio::thread_pool& cpu);

    awaitable<data_export> export_for(const principal& who, audit_context audit);

    // Needs the current password. Refused (409) for the network's last network administrator.
    awaitable<void> erase(const principal& who, std::string current_password, audit_context audit);

private:
    store& store_;
    identity::account_service& accounts_;
    identity::service& identity_;
    db::write_limits& limits_;
    boost::asio::thread_pool& cpu_;
    // A slot is a value in the channel: sending takes one (waiting while all are taken), receiving frees one.
    boost::asio::experimental::concurrent_channel<void(boost::system::error_code)> export_slots_{
        boost::asio::system_executor(), max_exports_at_once};
};

} // namespace pswnet::data_rights
