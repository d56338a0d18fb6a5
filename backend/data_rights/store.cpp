#include "data_rights/store.hpp"

#include "benchmarking/person_data.hpp"
#include "consultations/person_data.hpp"
#include "core/error.hpp"
#include "data_rights/file_selection.hpp"
#include "db/audit.hpp"
#include "db/statement.hpp"
#include "forum/person_data.hpp"
#include "groups/person_data.hpp"
#include "identity/person_data.hpp"
#include "library/person_data.hpp"
#include "meetings/person_data.hpp"
#include "notifications/person_data.hpp"
#include "realtime/event_log.hpp"

namespace pswnet::data_rights {
namespace {

const db::statement today_sql{"data_rights.today", "SELECT rfc3339(now()), to_char(now(), 'YYYY-MM-DD')"};

const char* const about_text =
    "Everything PSW Network holds about you, as of exported_at. Files you uploaded to the library are in the files "
    "folder of this archive; any beyond 100 MB are listed under library.files with a path to download them. Times "
    "are UTC. account_history comes from the audit log, which keeps what was done for the number of days the "
    "privacy notice states, then removes it.";

// The files they uploaded, each with where it is in the archive (or null) and its download path.
nlohmann::json files_held(pqxx::transaction_base& tx, std::int64_t user_id, std::vector<archived_file>& archived)
{
    auto listed = nlohmann::json::array();
    auto files = library::person_data::files_uploaded(tx, user_id);
    auto paths = archive_paths(files, max_archived_file_bytes);
    for (std::size_t i = 0; i < files.size(); ++i) {
        const auto& f = files[i];
        nlohmann::json item{
            {"resource_id", f.resource_id},
            {"version", f.version},
            {"filename", f.filename},
            {"size", f.size},
            {"uploaded_at", f.uploaded_at},
            {"download", "/api/v1/resources/" + std::to_string(f.resource_id) + "/files/" + std::to_string(f.version)},
            {"in_archive", nullptr}};
        if (paths[i]) {
            item["in_archive"] = *paths[i];
            archived.push_back({*paths[i], library::person_data::content_of(tx, f)});
        }
        listed.push_back(std::move(item));
    }
    return listed;
}

} // namespace

awaitable<held_data> store::collect(std::int64_t user_id, audit_context audit)
{
    return database_.write([user_id, audit = std::move(audit)](pqxx::work& tx) {
        auto today = db::exec(tx, today_sql).at(0);
        held_data held;
        held.date = today[1].as<std::string>();
        auto& data = held.data;
        data = identity::person_data::held_about(tx, user_id);
        data["exported_at"] = today[0].as<std::string>();
        data["about"] = about_text;
        data["account_history"] = db::history_of(tx, user_id);
        data["discussions"] = forum::person_data::held_about(tx, user_id);
        data["groups"] = groups::person_data::held_about(tx, user_id);
        data["meetings"] = meetings::person_data::held_about(tx, user_id);
        data["library"] = library::person_data::held_about(tx, user_id);
        data["library"]["files"] = files_held(tx, user_id, held.files);
        data["consultations"] = consultations::person_data::held_about(tx, user_id);
        data["benchmarking"] = benchmarking::person_data::held_about(tx, user_id);
        data["notifications"] = notifications::person_data::held_about(tx, user_id);
        db::audit(tx, audit, {"user.data_exported", "user", user_id});
        return held;
    });
}

awaitable<void> store::erase(std::int64_t user_id, audit_context audit)
{
    return database_.write([user_id, audit = std::move(audit)](pqxx::work& tx) {
        if (identity::person_data::only_network_admin(tx, user_id))
            throw api_error(errc::conflict, "You are the only network administrator. Give the role to someone else "
                                            "before you delete your account.");
        notifications::person_data::forget(tx, user_id);
        forum::person_data::forget(tx, user_id);
        groups::person_data::forget(tx, user_id);
        meetings::person_data::forget(tx, user_id);
        realtime::forget_channel(tx, "user:" + std::to_string(user_id));
        if (!identity::person_data::forget(tx, user_id))
            throw api_error(errc::not_found, "There is no such account.");
        db::audit(tx, audit, {"user.erased", "user", user_id});
    });
}

} // namespace pswnet::data_rights
