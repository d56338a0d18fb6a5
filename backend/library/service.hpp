// The library's rules: validation, visibility and editing rights (through policy), file checks and text
// extraction off the I/O threads, endorsements, discussions about a resource, search.
#pragma once

#include "core/principal.hpp"
#include "forum/service.hpp"
#include "groups/service.hpp"
#include "library/adoption_store.hpp"
#include "library/model.hpp"
#include "library/store.hpp"

#include <boost/asio/thread_pool.hpp>

namespace pswnet::library {

struct upload {
    std::string_view content; // the request body; the caller keeps it alive
    std::optional<std::string> filename;
};

class service {
public:
    service(library::store& store, adoption_store& adoption, forum::service& discussions, groups::service& groups,
            boost::asio::thread_pool& cpu)
        : store_(store), adoption_(adoption), discussions_(discussions), groups_(groups), cpu_(cpu)
    {
    }

    awaitable<resource_page> list(const principal& who, resource_filter filter);
    awaitable<resource> get(const principal& who, std::int64_t id);
    awaitable<resource> create(const principal& who, resource_fields fields, audit_context audit);
    awaitable<resource> update(const principal& who, std::int64_t id, resource_fields fields, audit_context audit);
    awaitable<void> remove(const principal& who, std::int64_t id, audit_context audit);
    // For the server's hourly housekeeping and `pswnet purge-deleted-files`: no caller to authorise.
    awaitable<int> purge_deleted_files(std::chrono::hours retention) { return store_.purge_deleted_files(retention); }

    // Before an upload's body is read: 404 or 403 unless the caller may add a file to the resource.
    awaitable<void> check_upload(const principal& who, std::int64_t id);
    awaitable<resource> add_file(const principal& who, std::int64_t id, upload file, audit_context audit);
    awaitable<std::pair<file_version, std::string>> download(const principal& who, std::int64_t id, int version);

    awaitable<endorsement_change> endorse(const principal& who, std::int64_t id, bool on, audit_context audit);
    awaitable<std::int64_t> start_thread(const principal& who, std::int64_t id, forum::new_thread thread,
                                         audit_context audit);

    awaitable<search_results> search(const principal& who, std::string q, int limit);
    awaitable<bool> may_watch(const principal& who, std::int64_t id);

private:
    awaitable<viewer> viewer_of(const principal& who);
    awaitable<resource> visible(const principal& who, std::int64_t id);
    awaitable<resource> editable(const principal& who, std::int64_t id);
    awaitable<bool> sees(const principal& who, const resource& r);
    // A resource shared with a group: the caller must be able to post in it.
    awaitable<new_resource> shared_by(const principal& who, new_resource r);

    library::store& store_;
    adoption_store& adoption_;
    forum::service& discussions_;
    groups::service& groups_;
    boost::asio::thread_pool& cpu_;
};

} // namespace pswnet::library
