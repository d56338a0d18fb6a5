// Library rules. A resource another organisation may not see answers 404, exactly like one that does not exist.
#include "library/service.hpp"

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/snippet.hpp"
#include "core/text.hpp"
#include "core/utf8.hpp"
#include "core/validation.hpp"
#include "library/file_checks.hpp"
#include "library/policy.hpp"
#include "library/text_extraction.hpp"
#include "markdown/markdown.hpp"
#include "personal_data/guard.hpp"

#include <algorithm>
#include <array>
#include <regex>

namespace pswnet::library {
namespace {

constexpr validation::choices types{
    "policy",    "procedure",      "practice_guidance", "template",         "assessment_tool", "risk_tool", "training",
    "induction", "asye_programme", "supervision",       "research_summary", "presentation",    "other"};
constexpr validation::choices licences{"OGL-UK-3.0", "CC-BY-4.0", "ask-the-owner"};
constexpr validation::choices visibilities{"network", "region", "organisation", "group"};
constexpr validation::choices sorts{"newest", "most_adopted", "most_downloaded"};

bool is_web_link(const std::string& url)
{
    if (url.size() > 2000 || !(url.starts_with("http://") || url.starts_with("https://")))
        return false;
    auto host = url.substr(url.find("://") + 3);
    return !host.empty() && host[0] != '/' &&
           std::none_of(url.begin(), url.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7F; });
}

// The complete resource after applying the changes, checked; personal data refused or confirmed.
new_resource checked(const resource& current, resource_fields f)
{
    // The request's names, or the current values when a field is not given; none when a name is not known.
    const auto chosen_sector = f.sector ? parse_sector(*f.sector) : current.sector;
    const auto visibility = f.visibility ? parse_resource_visibility(*f.visibility) : current.visibility;
    new_resource r{f.title.value_or(current.title),
                   f.summary.value_or(current.summary),
                   "",
                   f.type.value_or(current.type),
                   chosen_sector.value_or(current.sector),
                   f.licence.value_or(current.licence),
                   visibility.value_or(current.visibility),
                   {},
                   {},
                   f.link_url.value_or(current.link_url)};
    if (r.visibility == resource_visibility::group)
        r.group_id = f.group_id ? f.group_id : current.group_id;
    field_errors errors;
    validation::check_text(errors, "title", r.title, 200);
    validation::check_text(errors, "summary", r.summary, 50'000);
    validation::check_choice(errors, "type", r.type, types);
    if (!chosen_sector)
        errors.add("sector", "must be " + validation::in_words(validation::sectors));
    validation::check_choice(errors, "licence", r.licence, licences);
    if (!visibility)
        errors.add("visibility", "must be " + validation::in_words(visibilities));
    if (visibility == resource_visibility::group && !r.group_id)
        errors.add("group_id", "is required: the group to share it with");
    if (visibility != resource_visibility::group && f.group_id)
        errors.add("group_id", "is only for a resource shared with a group (visibility group)");
    if (r.link_url && !is_web_link(*r.link_url))
        errors.add("link_url", "must be a web address starting with http:// or https://");
    r.tags = validation::checked_tags(errors, f.tags ? *f.tags : current.tags, 5);
    errors.throw_if_any();
    std::vector<personal_data::field_text> fields{{"title", r.title}, {"summary", r.summary}};
    for (std::size_t i = 0; i < r.tags.size(); ++i)
        fields.push_back({"tags[" + std::to_string(i) + "]", r.tags[i]});
    personal_data::enforce(personal_data::scan_fields(fields), f.confirm_personal_data);
    r.summary_html = markdown::to_html(r.summary);
    return r;
}

} // namespace

awaitable<viewer> service::viewer_of(const principal& who)
{
    co_return viewer{who.user_id, who.organisation_id, co_await store_.region_of(who.organisation_id),
                     policy::sees_everything(who)};
}

awaitable<bool> service::sees(const principal& who, const resource& r)
{
    const bool reads_group = r.group_id && co_await groups_.may_read_content(who, *r.group_id);
    co_return policy::may_see(co_await viewer_of(who), r, reads_group);
}

awaitable<new_resource> service::shared_by(const principal& who, new_resource r)
{
    if (r.group_id)
        co_await groups_.postable(who, *r.group_id, "group_id", "share resources with it");
    co_return r;
}

awaitable<resource> service::visible(const principal& who, std::int64_t id)
{
    auto found = co_await store_.find(id, who.organisation_id);
    if (!found || !co_await sees(who, *found))
        throw api_error(errc::not_found, "There is no resource " + std::to_string(id) + ".");
    found->may_edit = policy::may_edit(who, *found);
    co_return std::move(*found);
}

awaitable<resource> service::editable(const principal& who, std::int64_t id)
{
    auto r = co_await visible(who, id);
    if (!r.may_edit)
        throw api_error(errc::forbidden,
                        "Only the author, their organisation's administrators or a moderator change a resource.");
    co_return r;
}

awaitable<resource_page> service::list(const principal& who, resource_filter filter)
{
    field_errors errors;
    if (filter.q && (text::blank(*filter.q) || filter.q->size() > 200))
        errors.add("q", "must be 1 to 200 characters");
    if (filter.sector)
        validation::check_choice(errors, "sector", *filter.sector, validation::sectors);
    if (filter.type && !validation::one_of(*filter.type, types))
        errors.add("type", "is not a resource type");
    if (filter.region && !std::regex_match(*filter.region, std::regex("^E1200000[1-9]$")))
        errors.add("region", "must be one of the nine England region codes, E12000001 to E12000009");
    if (filter.licence)
        validation::check_choice(errors, "licence", *filter.licence, licences);
    validation::check_choice(errors, "sort", filter.sort, sorts);
    if (filter.tag) {
        auto tag = text::normalise_tag(*filter.tag);
        if (!tag)
            errors.add("tag", "must be 1 to 30 letters, digits, spaces or hyphens");
        else
            filter.tag = tag;
    }
    if (filter.after_key && filter.sort != "newest" &&
        !std::all_of(filter.after_key->begin(), filter.after_key->end(), [](char c) { return c >= '0' && c <= '9'; }))
        errors.add("cursor", "is not a cursor of this list");
    errors.throw_if_any("Some query parameters are not valid");
    co_return co_await store_.list(std::move(filter), co_await viewer_of(who));
}

awaitable<resource> service::get(const principal& who, std::int64_t id)
{
    auto r = co_await visible(who, id);
    for (auto thread_id : co_await adoption_.thread_ids(id)) {
        if (!co_await discussions_.may_read_thread(who, thread_id))
            continue;
        auto t = co_await discussions_.get(who, thread_id);
        r.threads.push_back({t.summary.id, t.summary.title, t.summary.reply_count, t.summary.last_activity_at});
    }
    co_return r;
}

awaitable<resource> service::create(const principal& who, resource_fields fields, audit_context audit)
{
    field_errors missing;
    validation::check_required(missing, {{"title", fields.title.has_value()},
                                         {"summary", fields.summary.has_value()},
                                         {"type", fields.type.has_value()},
                                         {"sector", fields.sector.has_value()},
                                         {"licence", fields.licence.has_value()},
                                         {"visibility", fields.visibility.has_value()}});
    missing.throw_if_any();
    auto r = co_await shared_by(who, checked(resource{}, std::move(fields)));
    auto id = co_await store_.create(std::move(r), who.organisation_id, std::move(audit));
    co_return co_await get(who, id);
}

awaitable<resource> service::update(const principal& who, std::int64_t id, resource_fields fields, audit_context audit)
{
    auto current = co_await editable(who, id);
    auto changed = checked(current, std::move(fields));
    if (changed.group_id != current.group_id)
        changed = co_await shared_by(who, std::move(changed));
    auto now_reads = current;
    now_reads.visibility = changed.visibility;
    now_reads.group_id = changed.group_id;
    if (now_reads.group_id != current.group_id)
        now_reads.group_name =
            now_reads.group_id ? std::optional((co_await groups_.get(who, *now_reads.group_id)).name) : std::nullopt;
    // Any change of who sees it but to the whole network's may leave out someone watching it.
    const bool narrowed = now_reads.visibility != resource_visibility::network &&
                          (now_reads.visibility != current.visibility || now_reads.group_id != current.group_id);
    co_await store_.update(id, std::move(changed), policy::discussion_readers(now_reads), narrowed, std::move(audit));
    co_return co_await get(who, id);
}

awaitable<void> service::remove(const principal& who, std::int64_t id, audit_context audit)
{
    co_await editable(who, id);
    co_await store_.soft_delete(id, std::move(audit));
}

awaitable<void> service::check_upload(const principal& who, std::int64_t id)
{
    co_await editable(who, id);
}

awaitable<resource> service::add_file(const principal& who, std::int64_t id, upload file, audit_context audit)
{
    co_await editable(who, id);
    field_errors errors;
    if (file.content.empty())
        errors.add("body", "is empty: send the file as the request body");
    auto original = display_filename(file.filename.value_or(""));
    if (original.empty())
        errors.add("X-Filename", "is required: the file's name, percent-encoded");
    else if (!is_valid_utf8(original))
        errors.add("X-Filename", "must be UTF-8, percent-encoded");
    errors.throw_if_any("The file cannot be stored");
    auto type = detect_type(file.content, original);
    if (!type)
        throw api_error(
            errc::unsupported_media_type,
            "This kind of file cannot be shared: upload a PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), "
            "OpenDocument (ODT, ODS), CSV, plain text, Markdown, PNG or JPEG file.");
    // Hashing and reading the words inside are CPU (and child process) work: off the I/O threads.
    auto checked_upload = co_await offload(cpu_, [&file, &original, &type] {
        auto text = extract_text(file.content, *type);
        return checked_file{crypto::sha256_hex(file.content),
                            *type,
                            safe_filename(original),
                            original,
                            std::move(text.text),
                            text.extracted};
    });
    co_await store_.add_file(id, std::move(checked_upload), file.content, std::move(audit));
    co_return co_await get(who, id);
}

awaitable<std::pair<file_version, std::string>> service::download(const principal& who, std::int64_t id, int version)
{
    co_await visible(who, id);
    auto found = co_await store_.download(id, version);
    if (!found)
        throw api_error(errc::not_found,
                        "Resource " + std::to_string(id) + " has no file version " + std::to_string(version) + ".");
    co_return std::move(*found);
}

awaitable<endorsement_change> service::endorse(const principal& who, std::int64_t id, bool on, audit_context audit)
{
    auto r = co_await visible(who, id);
    if (r.organisation.id == who.organisation_id)
        throw api_error(errc::conflict,
                        "Your organisation shares this resource: only other organisations mark that they use it.");
    co_return co_await adoption_.endorse(id, on, std::move(audit), who.organisation_id);
}

awaitable<std::int64_t> service::start_thread(const principal& who, std::int64_t id, forum::new_thread thread,
                                              audit_context audit)
{
    auto r = co_await visible(who, id);
    if (!thread.sector)
        thread.sector = r.sector;
    // Only those who may see the resource are asked: its organisation, or the organisations of its region (the
    // owner's region, not the poster's).
    if (r.visibility == resource_visibility::organisation) {
        thread.audience = "organisations";
        thread.audience_organisation_ids = {r.organisation.id};
    } else if (r.visibility == resource_visibility::region) {
        thread.audience = "organisations";
        thread.audience_organisation_ids = r.region_code ? co_await store_.organisations_in_region(*r.region_code)
                                                         : std::vector<std::int64_t>{r.organisation.id};
    }
    thread.readers = policy::discussion_readers(r);
    auto created = co_await discussions_.create(who, std::move(thread), std::move(audit));
    co_await adoption_.link_thread(id, created.summary.id, created.summary.title, who.user_id);
    co_return created.summary.id;
}

awaitable<search_results> service::search(const principal& who, std::string q, int limit)
{
    auto found = co_await store_.search(std::move(q), co_await viewer_of(who), limit);
    for (auto& hit : found.hits)
        hit.snippet_html = snippet_html(hit.snippet_html);
    co_return found;
}

awaitable<bool> service::may_watch(const principal& who, std::int64_t id)
{
    auto found = co_await store_.find(id, who.organisation_id);
    co_return found&& co_await sees(who, *found);
}

} // namespace pswnet::library
