#include "data_rights/service.hpp"

#include "core/offload.hpp"
#include "data_rights/archive.hpp"

#include <boost/asio/use_awaitable.hpp>

namespace pswnet::data_rights {

service::service(store& rights, identity::account_service& accounts, identity::service& identity,
                 db::write_limits& limits, boost::asio::thread_pool& cpu)
    : store_(rights), accounts_(accounts), identity_(identity), limits_(limits), cpu_(cpu)
{
}

awaitable<data_export> service::export_for(const principal& who, audit_context audit)
{
    co_await limits_.take(who.user_id, exports);
    co_await export_slots_.async_send(boost::system::error_code{}, boost::asio::use_awaitable);
    struct slot_release {
        decltype(export_slots_)& slots;
        ~slot_release()
        {
            slots.try_receive([](boost::system::error_code) {});
        }
    } release{export_slots_};
    auto held = co_await store_.collect(who.user_id, std::move(audit));
    co_return co_await offload(cpu_, [held = std::move(held)]() mutable {
        archive zip;
        zip.add_text("my-data.json", held.data.dump(2));
        held.data = nullptr;
        for (auto& f : held.files)
            zip.add_file(std::move(f.path), std::move(f.content));
        held.files.clear();
        return data_export{"psw-network-data-" + held.date + ".zip", std::move(zip).write()};
    });
}

awaitable<void> service::erase(const principal& who, std::string current_password, audit_context audit)
{
    co_await accounts_.check_current_password(who, std::move(current_password), audit.client_address);
    co_await store_.erase(who.user_id, std::move(audit));
    identity_.sessions_ended(who.user_id, std::nullopt);
}

} // namespace pswnet::data_rights
