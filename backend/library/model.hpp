// The practice library's types: resources, their file versions, endorsements and search hits. Plain structs;
// their JSON lives in model_json.
#pragma once

#include "core/principal.hpp"
#include "core/references.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pswnet::library {

// Who sees a resource: every signed-in user, the organisations of the owner's region, the owner's own people, or a
// group's readers (everyone for an open group, its members otherwise).
enum class resource_visibility { network, region, organisation, group };

std::string_view to_string(resource_visibility value) noexcept;
std::optional<resource_visibility> parse_resource_visibility(std::string_view text) noexcept;

struct file_version {
    int version = 0;
    std::string filename;          // safe to save under
    std::string original_filename; // as uploaded, for display
    std::string content_type;
    std::int64_t size = 0;
    std::string sha256;
    bool text_extracted = false;
    person_ref uploaded_by;
    std::string uploaded_at;
    int download_count = 0;
};

struct endorsement {
    organisation_ref organisation;
    std::string created_at;
};

struct linked_thread {
    std::int64_t id = 0;
    std::string title;
    int reply_count = 0;
    std::string last_activity_at;
};

struct resource {
    std::int64_t id = 0;
    std::string title;
    std::string summary;
    std::string summary_html;
    std::string type;
    pswnet::sector sector = sector::both;
    std::vector<std::string> tags;
    std::string licence;
    resource_visibility visibility = resource_visibility::organisation;
    std::optional<std::string> link_url;
    organisation_ref organisation;
    std::optional<std::string> region_code;
    std::optional<std::int64_t> group_id; // the group it is shared with (visibility group)
    std::optional<std::string> group_name;
    person_ref author;
    std::string created_at, updated_at;
    int endorsement_count = 0;
    int download_count = 0;
    std::optional<file_version> latest_file;
    // Only on the full view:
    std::vector<file_version> files;
    std::vector<endorsement> endorsements;
    std::vector<linked_thread> threads;
    bool endorsed_by_my_organisation = false;
    bool may_edit = false;
};

// A resource as another capability lists it among its papers (a consultation's, a meeting's): its title, type, link
// and latest file.
struct paper {
    std::int64_t id = 0; // the resource's
    std::string title;
    std::string type;
    std::optional<std::string> link_url;
    std::optional<file_version> file;
};

paper paper_of(const resource& r);

struct resource_fields {
    std::optional<std::string> title, summary, type, sector, licence, visibility;
    std::optional<std::int64_t> group_id; // with visibility group
    std::optional<std::vector<std::string>> tags;
    std::optional<std::optional<std::string>> link_url; // set to null to remove
    bool confirm_personal_data = false;
};

struct viewer {
    std::int64_t user_id = 0;
    std::int64_t organisation_id = 0;
    std::optional<std::string> region_code;
    bool sees_everything = false; // moderators and network administrators
};

struct resource_filter {
    std::optional<std::string> q, sector, type, tag, region, licence;
    std::optional<std::int64_t> organisation_id;
    std::optional<std::int64_t> group_id;
    std::string sort = "newest"; // newest, most_adopted, most_downloaded
    int limit = 20;
    std::optional<std::string> after_key;
    std::optional<std::int64_t> after_id;
};

struct resource_page {
    std::vector<resource> items;
    std::optional<std::string> next_key;
    std::optional<std::int64_t> next_id;
};

struct search_hit {
    std::int64_t resource_id = 0;
    std::string title;
    std::string snippet_html;
    double rank = 0;
};

// The best hits, and how many matched in all.
struct search_results {
    std::vector<search_hit> hits;
    int total = 0;
};

// An upload after checking: what the store keeps.
struct checked_file {
    std::string sha256;
    std::string content_type;
    std::string filename;
    std::string original_filename;
    std::string text;
    bool text_extracted = false;
};

// The endorsements after one was added or taken back.
struct endorsement_change {
    int count = 0;
    std::vector<endorsement> endorsements;
};

} // namespace pswnet::library
