// JSON encodings of the library.
#include "library/model_json.hpp"

namespace pswnet::library {
namespace {

using nlohmann::json;

json endorsements_json(const std::vector<endorsement>& endorsements)
{
    auto list = json::array();
    for (const auto& e : endorsements)
        list.push_back({{"organisation", to_json(e.organisation)}, {"created_at", e.created_at}});
    return list;
}

} // namespace

json to_json(const file_version& f, std::int64_t resource_id)
{
    return {
        {"version", f.version},
        {"filename", f.filename},
        {"original_filename", f.original_filename},
        {"content_type", f.content_type},
        {"size", f.size},
        {"sha256", f.sha256},
        {"text_extracted", f.text_extracted},
        {"uploaded_by", to_json(f.uploaded_by)},
        {"uploaded_at", f.uploaded_at},
        {"download_count", f.download_count},
        {"download_url", "/api/v1/resources/" + std::to_string(resource_id) + "/files/" + std::to_string(f.version)}};
}

json to_json(const resource& r, bool full)
{
    json j{{"id", r.id},
           {"title", r.title},
           {"summary", r.summary},
           {"summary_html", r.summary_html},
           {"type", r.type},
           {"sector", to_string(r.sector)},
           {"tags", r.tags},
           {"licence", r.licence},
           {"visibility", to_string(r.visibility)},
           {"group", r.group_id ? json{{"id", *r.group_id}, {"name", r.group_name.value_or("")}} : json(nullptr)},
           {"link_url", r.link_url ? json(*r.link_url) : json(nullptr)},
           {"organisation", to_json(r.organisation)},
           {"author", to_json(r.author)},
           {"created_at", r.created_at},
           {"updated_at", r.updated_at},
           {"endorsement_count", r.endorsement_count},
           {"download_count", r.download_count},
           {"latest_file", r.latest_file ? to_json(*r.latest_file, r.id) : json(nullptr)}};
    if (!full)
        return j;
    auto files = json::array();
    for (const auto& f : r.files)
        files.push_back(to_json(f, r.id));
    auto threads = json::array();
    for (const auto& t : r.threads)
        threads.push_back({{"id", t.id},
                           {"title", t.title},
                           {"reply_count", t.reply_count},
                           {"last_activity_at", t.last_activity_at}});
    j["files"] = std::move(files);
    j["endorsements"] = endorsements_json(r.endorsements);
    j["threads"] = std::move(threads);
    j["endorsed_by_my_organisation"] = r.endorsed_by_my_organisation;
    j["may_edit"] = r.may_edit;
    return j;
}

json to_json(const endorsement_change& e)
{
    return {{"endorsement_count", e.count}, {"endorsements", endorsements_json(e.endorsements)}};
}

json to_json(const search_hit& h)
{
    return {{"type", "resource"}, {"resource_id", h.resource_id},   {"thread_id", nullptr}, {"post_id", nullptr},
            {"title", h.title},   {"snippet_html", h.snippet_html}, {"rank", h.rank}};
}

json to_json(const paper& p)
{
    json file = nullptr;
    if (p.file)
        file = {{"version", p.file->version},
                {"filename", p.file->original_filename},
                {"content_type", p.file->content_type},
                {"size", p.file->size},
                {"url", "/api/v1/resources/" + std::to_string(p.id) + "/files/" + std::to_string(p.file->version)}};
    return {{"resource_id", p.id},
            {"title", p.title},
            {"type", p.type},
            {"link_url", p.link_url ? json(*p.link_url) : json(nullptr)},
            {"file", std::move(file)}};
}

} // namespace pswnet::library
