// SQL of the library: resources (visibility applied in every query), file versions with content stored once per
// SHA-256, and search. What other organisations do with a resource is in adoption_store.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/lag_tolerant_reads.hpp"
#include "db/pool.hpp"
#include "forum/model.hpp"
#include "library/model.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace pswnet::library {

struct new_resource {
    std::string title, summary, summary_html, type;
    pswnet::sector sector = sector::both;
    std::string licence;
    resource_visibility visibility = resource_visibility::organisation;
    std::optional<std::int64_t> group_id;
    std::vector<std::string> tags;
    std::optional<std::string> link_url;
};

class store {
public:
    store(db::pool& pool, db::lag_tolerant_reads& lag_tolerant) : pool_(pool), lag_tolerant_(lag_tolerant) {}

    awaitable<resource_page> list(resource_filter filter, viewer v);
    // Not deleted; visibility is the service's check (so it can tell 404 from 403 where it wants to).
    awaitable<std::optional<resource>> find(std::int64_t id, std::int64_t viewer_organisation_id);
    awaitable<std::optional<std::string>> region_of(std::int64_t organisation_id);

    awaitable<std::int64_t> create(new_resource r, std::int64_t organisation_id, audit_context audit);
    // Also gives the resource's discussions their new readers, in the same transaction.
    // narrowed: fewer people see it than before, so connections watching it are asked the channel rules again.
    awaitable<void> update(std::int64_t id, new_resource r, forum::thread_readers readers, bool narrowed,
                           audit_context audit);
    awaitable<void> soft_delete(std::int64_t id, audit_context audit);
    // Removes the content of files that only resources deleted longer than `retention` ago refer to; returns how many
    // distinct contents were purged.
    awaitable<int> purge_deleted_files(std::chrono::hours retention);

    // Stores the content unless a blob with its SHA-256 exists, then adds the next version. Returns it.
    awaitable<int> add_file(std::int64_t resource_id, checked_file file, std::string_view content, audit_context audit);
    // The version and its content; counts the download.
    awaitable<std::optional<std::pair<file_version, std::string>>> download(std::int64_t resource_id, int version);

    awaitable<std::vector<std::int64_t>> organisations_in_region(std::string region_code);

    // Tolerates lag: may be read from a replica.
    awaitable<search_results> search(std::string q, viewer v, int limit);

private:
    db::pool& pool_;
    db::lag_tolerant_reads& lag_tolerant_;
};

} // namespace pswnet::library
