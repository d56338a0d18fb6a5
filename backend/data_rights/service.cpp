#include "data_rights/service.hpp"

#include "benchmarking/person_data.hpp"
#include "consultations/person_data.hpp"
#include "data_rights/archive.hpp"
#include "db/audit.hpp"
#include "db/statement.hpp"
#include "forum/person_data.hpp"
#include "identity/person_data.hpp"
#include "library/person_data.hpp"
#include "notifications/person_data.hpp"

namespace pswnet::data_rights {
namespace {

const db::statement today_sql{"data_rights.today", "SELECT rfc3339(now()), to_char(now(), 'YYYY-MM-DD')"};

const char* const about_text =
    "Everything PSW Network holds about you, as of exported_at. Files you uploaded to the library are in the files "
    "folder of this archive; any beyond 100 MB are listed under library.files with a link to download them. Times "
    "are UTC. The audit log keeps what you did (account_history) for the number of days the service states, then "
    "removes it.";

// The files they uploaded: put in the archive while the total allows, linked otherwise.
nlohmann::json archive_files(pqxx::transaction_base& tx, std::int64_t user_id, archive& zip)
{
    auto listed = nlohmann::json::array();
    std::int64_t archived_bytes = 0;
    for (const auto& f : library::person_data::files_uploaded(tx, user_id)) {
        nlohmann::json item{
            {"resource_id", f.resource_id},
            {"version", f.version},
            {"filename", f.filename},
            {"size", f.size},
            {"uploaded_at", f.uploaded_at},
            {"download", "/api/v1/resources/" + std::to_string(f.resource_id) + "/files/" + std::to_string(f.version)},
            {"in_archive", nullptr}};
        if (archived_bytes + f.size <= max_archived_file_bytes) {
            std::string path =
                "files/" + std::to_string(f.resource_id) + "-v" + std::to_string(f.version) + "-" + f.filename;
            zip.add_file(path, library::person_data::content_of(tx, f));
            archived_bytes += f.size;
            item["in_archive"] = path;
        }
        listed.push_back(std::move(item));
    }
    return listed;
}

} // namespace

service::service(db::pool& database, identity::account_service& accounts, identity::service& identity)
    : database_(database), accounts_(accounts), identity_(identity)
{
}

awaitable<data_export> service::export_for(const principal& who, audit_context audit)
{
    co_await export_slots_.async_send(boost::system::error_code{}, boost::asio::use_awaitable);
    struct slot_release {
        decltype(export_slots_)& slots;
        ~slot_release()
        {
            slots.try_receive([](boost::system::error_code) {});
        }
    } release{export_slots_};
    auto user_id = who.user_id;
    co_return co_await database_.write([user_id, audit = std::move(audit)](pqxx::work& tx) {
        auto today = db::exec(tx, today_sql).at(0);
        archive zip;
        auto data = identity::person_data::held_about(tx, user_id);
        data["exported_at"] = today[0].as<std::string>();
        data["about"] = about_text;
        data["account_history"] = db::actions_of(tx, user_id);
        data["discussions"] = forum::person_data::held_about(tx, user_id);
        data["library"] = library::person_data::held_about(tx, user_id);
        data["library"]["files"] = archive_files(tx, user_id, zip);
        data["consultations"] = consultations::person_data::held_about(tx, user_id);
        data["benchmarking"] = benchmarking::person_data::held_about(tx, user_id);
        data["notifications"] = notifications::person_data::held_about(tx, user_id);
        zip.add_text("my-data.json", data.dump(2));
        db::audit(tx, audit, {"user.data_exported", "user", user_id});
        return data_export{"psw-network-data-" + today[1].as<std::string>() + ".zip", zip.write()};
    });
}

awaitable<void> service::erase(const principal& who, std::string current_password, audit_context audit)
{
    co_await accounts_.check_current_password(who, std::move(current_password), audit.client_address);
    auto user_id = who.user_id;
    bool network_admin = who.has(role::network_admin);
    co_await database_.write([user_id, network_admin, audit = std::move(audit)](pqxx::work& tx) {
        if (network_admin && identity::person_data::only_network_admin(tx, user_id))
            throw api_error(errc::conflict, "You are the only network administrator. Give the role to someone else "
                                            "before you delete your account.");
        notifications::person_data::forget(tx, user_id);
        forum::person_data::forget(tx, user_id);
        identity::person_data::forget(tx, user_id);
        db::audit(tx, audit, {"user.erased", "user", user_id});
    });
    identity_.sessions_ended(user_id, std::nullopt);
}

} // namespace pswnet::data_rights
