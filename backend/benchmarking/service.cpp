// Benchmarking rules. Every figure read here is official or shared; drafts are read only through
// period_figures_of, which asks the policy.
#include "benchmarking/service.hpp"

#include "benchmarking/comparison.hpp"
#include "benchmarking/import_file.hpp"
#include "benchmarking/model_json.hpp"
#include "benchmarking/period.hpp"
#include "benchmarking/policy.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/validation.hpp"

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>

namespace pswnet::benchmarking {
namespace {

constexpr double max_figure = 10'000'000;

constexpr validation::choices units{"count", "fte", "percent", "cases_per_fte", "days"};
constexpr validation::choices submission_statuses{"draft", "shared"};

// The sector whose groups a measure is compared in: adults' measures never with the DfE's children's model.
std::string_view sector_of(const metric& m)
{
    return m.sector == "adults" ? "adults" : "children";
}

// The DfE's neighbours' median belongs to its children's measures alone.
std::optional<neighbours_median> dfe_neighbours_median(const metric& m, const std::vector<neighbour_link>& neighbours,
                                                       const figure_table& figures, const std::string& period)
{
    if (m.sector != "children")
        return std::nullopt;
    return statistical_neighbours_median(neighbours, figures, period);
}

} // namespace

awaitable<std::vector<metric>> service::metrics(const principal& /*who*/)
{
    co_return co_await store_.metrics();
}

awaitable<metric> service::add_metric(const principal& who, new_metric m, audit_context audit)
{
    if (!policy::may_add_metric(who))
        throw api_error(errc::forbidden, "Only network administrators add metrics.");
    field_errors errors;
    static const std::regex key_pattern("^[a-z][a-z0-9_]{1,62}$");
    if (!std::regex_match(m.key, key_pattern))
        errors.add("key", "must be 2 to 63 lower-case letters, digits or underscores, starting with a letter");
    validation::check_text(errors, "name", m.name, 120);
    validation::check_choice(errors, "unit", m.unit, units);
    validation::check_choice(errors, "sector", m.sector, validation::sectors);
    if (!parse_polarity(m.polarity))
        errors.add("polarity", "must be lower_is_better, higher_is_better or neutral");
    validation::check_text(errors, "definition", m.definition, 1000);
    if (m.source.empty())
        m.source = "Local definition";
    if (m.source.size() > 200)
        errors.add("source", "must be at most 200 characters");
    errors.throw_if_any();
    for (const auto& existing : co_await store_.metrics())
        if (existing.key == m.key || existing.name == m.name)
            throw api_error(errc::conflict, "A metric with this " +
                                                std::string(existing.key == m.key ? "key" : "name") +
                                                " already exists.");
    co_return co_await store_.add_metric(std::move(m), std::move(audit));
}

awaitable<std::vector<period_summary>> service::periods(const principal& /*who*/)
{
    co_return co_await store_.periods();
}

awaitable<metric> service::find_metric(const std::optional<std::string>& key, field_errors& errors)
{
    if (!key || key->empty()) {
        errors.add("metric", "is required: a metric key such as caseload_fte");
        co_return metric{};
    }
    for (auto& m : co_await store_.metrics())
        if (m.key == *key)
            co_return std::move(m);
    errors.add("metric", "is not a metric; GET /api/v1/benchmarking/metrics lists them");
    co_return metric{};
}

awaitable<std::string> service::period_or_newest(const std::optional<std::string>& period, const metric& m)
{
    if (period)
        co_return *period;
    auto newest = co_await store_.newest_period_for_metric(m.key);
    if (!newest)
        throw api_error(errc::not_found, "There are no figures for " + m.name + " yet.");
    co_return std::move(*newest);
}

awaitable<organisation_ref> service::organisation_of(std::int64_t organisation_id)
{
    auto found = co_await store_.organisation(organisation_id);
    if (!found)
        throw api_error(errc::not_found, "There is no organisation " + std::to_string(organisation_id) + ".");
    co_return std::move(*found);
}

awaitable<service::subject_context> service::subject_of(const principal& who, const view_query& q,
                                                        std::string_view sector, field_errors& errors)
{
    subject_context context;
    const bool adults = sector == "adults";
    const auto fallback = adults ? group_kind::region : group_kind::statistical;
    auto group = q.group ? parse_group(*q.group) : std::optional(fallback);
    std::optional<directory::comparator_group> saved;
    if (q.group_id) {
        group = group_kind::saved;
        if (q.group && *q.group != "saved")
            errors.add("group", "must be saved, or left out, with a group_id");
        else if (saved = co_await groups_.usable_by(who, *q.group_id); !saved)
            errors.add("group_id", "is not one of your organisation's saved groups");
    } else if (!group) {
        errors.add("group", "must be statistical, region or england, or give the group_id of a saved group");
    }
    const auto kind = group.value_or(fallback);
    const auto id = q.organisation_id.value_or(who.organisation_id);
    context.all = co_await store_.authorities();
    auto found = std::find_if(context.all.begin(), context.all.end(),
                              [&](const authority& a) { return a.organisation.id == id; });
    if (found == context.all.end()) {
        auto organisation = co_await organisation_of(id); // 404 when there is no such organisation
        errors.add("organisation_id", q.organisation_id ? organisation.name + " is not a local authority, so it has "
                                                                              "no workforce figures"
                                                        : "is required: your organisation is not a local authority");
        co_return context;
    }
    context.subject = *found;
    if (kind == group_kind::statistical && adults)
        errors.add("group", "The DfE's statistical-neighbour model is for children's services: compare adults' figures "
                            "with the region or England");
    else if (kind == group_kind::statistical && !context.subject.in_sn_model)
        errors.add("group", context.subject.organisation.name +
                                " is not in the DfE statistical-neighbour model; compare with its region or England");
    // Every children's page also shows the DfE's neighbours' median, whatever the group.
    if (context.subject.in_sn_model && !adults)
        context.neighbours = co_await store_.statistical_neighbours(id);
    if (saved) {
        std::vector<std::int64_t> members;
        for (const auto& m : saved->members)
            members.push_back(m.id);
        context.group = saved_group_for(context.subject, saved->name, members, context.all);
        context.group_id = saved->id;
    } else {
        context.group = group_for(context.subject, kind, context.all, context.neighbours);
    }
    co_return context;
}

awaitable<comparison> service::compare(const principal& who, view_query q)
{
    field_errors errors;
    auto m = co_await find_metric(q.metric, errors);
    check_period(q.period, errors);
    auto context = co_await subject_of(who, q, sector_of(m), errors);
    errors.throw_if_any("Some query parameters are not valid");
    auto period = co_await period_or_newest(q.period, m);

    auto figures = co_await store_.figures(m.key, {period});
    auto references = co_await store_.reference_figures(m.key, {period});
    const auto& group = context.group;
    auto ranked = rank_group(group, figures[m.key], period, m.polarity);
    auto refs = references_for(context.subject, references[m.key], period);
    auto neighbours_median = dfe_neighbours_median(m, context.neighbours, figures[m.key], period);

    comparison c;
    c.organisation = context.subject.organisation;
    c.metric = std::move(m);
    c.period = period;
    c.group = group.kind;
    c.group_id = context.group_id;
    c.group_name = group.name;
    c.subject = ranked.subject;
    c.rank = ranked.rank;
    c.ranked_count = ranked.ranked_count;
    c.quartile_band = ranked.quartile_band;
    c.statistics = ranked.statistics;
    c.members = std::move(ranked.members);
    c.england = refs.england;
    c.region = refs.region;
    c.london_subregion = refs.london_subregion;
    c.statistical_neighbours_median = neighbours_median;
    co_return c;
}

awaitable<trend> service::trend_of(const principal& who, view_query q)
{
    field_errors errors;
    auto m = co_await find_metric(q.metric, errors);
    auto context = co_await subject_of(who, q, sector_of(m), errors);
    errors.throw_if_any("Some query parameters are not valid");

    auto figures = co_await store_.figures(m.key, {});
    auto references = co_await store_.reference_figures(m.key, {});
    const auto& table = figures[m.key];
    std::set<std::string> periods;
    for (const auto& [organisation, by_period] : table)
        for (const auto& [period, f] : by_period)
            periods.insert(period);
    for (const auto& [area, by_period] : references[m.key])
        for (const auto& [period, f] : by_period)
            periods.insert(period);

    const auto& group = context.group;
    trend t;
    t.organisation = context.subject.organisation;
    t.group = group.kind;
    t.group_id = context.group_id;
    t.group_name = group.name;
    for (const auto& period : periods) {
        auto ranked = rank_group(group, table, period, m.polarity);
        auto refs = references_for(context.subject, references[m.key], period);
        t.points.push_back({period, ranked.subject.figure, ranked.rank, ranked.ranked_count, ranked.quartile_band,
                            ranked.statistics, refs.england, refs.region,
                            dfe_neighbours_median(m, context.neighbours, table, period)});
    }
    t.metric = std::move(m);
    co_return t;
}

awaitable<dashboard> service::dashboard(const principal& who, view_query q)
{
    field_errors errors;
    check_period(q.period, errors);
    const std::string sector = q.sector.value_or(who.sector == pswnet::sector::adults ? "adults" : "children");
    if (sector != "children" && sector != "adults")
        errors.add("sector", "must be children or adults");
    auto context = co_await subject_of(who, q, sector, errors);
    errors.throw_if_any("Some query parameters are not valid");
    auto newest = q.period ? q.period : co_await store_.newest_period_for_sector(sector);
    if (!newest)
        throw api_error(errc::not_found, "There are no " + std::string(sector == "adults" ? "adults'" : "children's") +
                                             " workforce figures yet.");
    const auto period = *newest;
    const auto before = previous_period(period);

    auto figures = co_await store_.figures(std::nullopt, {period, before});
    const auto& group = context.group;
    benchmarking::dashboard d;
    d.organisation = context.subject.organisation;
    d.sector = sector;
    d.period = period;
    if (co_await store_.has_figures(before, sector))
        d.previous_period = before;
    d.group = group.kind;
    d.group_id = context.group_id;
    d.group_name = group.name;
    for (auto& m : co_await store_.metrics()) {
        if (m.sector != sector && m.sector != "both")
            continue;
        const auto& table = figures[m.key];
        auto ranked = rank_group(group, table, period, m.polarity);
        dashboard_item item;
        item.figure = ranked.subject.figure;
        item.statistics = ranked.statistics;
        item.statistical_neighbours_median = dfe_neighbours_median(m, context.neighbours, table, period);
        item.rank = ranked.rank;
        item.ranked_count = ranked.ranked_count;
        item.quartile_band = ranked.quartile_band;
        if (d.previous_period) {
            item.previous = figure_in(table, context.subject.organisation.id, before);
            if (item.figure.value && item.previous->value) {
                double change = *item.figure.value - *item.previous->value;
                item.change = change;
                const bool same = std::abs(change) < 1e-9;
                item.direction = same ? "same" : change > 0 ? "up" : "down";
                if (m.polarity != polarity::neutral) {
                    const bool lower_is_better = m.polarity == polarity::lower_is_better;
                    item.assessment = same ? "same" : (change < 0) == lower_is_better ? "better" : "worse";
                }
            }
        }
        item.metric = std::move(m);
        d.items.push_back(std::move(item));
    }
    co_return d;
}

awaitable<import_report> service::import(const std::optional<principal>& who, import_request request,
                                         audit_context audit)
{
    if (who && !policy::may_import(*who))
        throw api_error(errc::forbidden, "Only network administrators import figures.");
    std::optional<import_format> format;
    if (request.format) {
        format = parse_import_format(*request.format);
        if (!format)
            throw api_error(errc::validation_failed, "Some query parameters are not valid",
                            {{"format", "must be dfe_csww or long"}});
    }
    if (request.filename && request.filename->size() > 255)
        request.filename->resize(255);
    auto directory = co_await store_.import_directory();
    // Reading a large file is CPU work: keep it off the I/O threads.
    auto [file, digest] = co_await offload(cpu_, [&request, &directory, format] {
        return std::pair(read_import_file(request.body, format, directory), crypto::sha256_hex(request.body));
    });
    co_return co_await store_.save_import(std::move(file),
                                          {std::move(request.filename), std::move(digest), std::move(audit)});
}

awaitable<std::vector<import_report>> service::imports(const principal& who)
{
    if (!policy::may_import(who))
        throw api_error(errc::forbidden, "Only network administrators see imports.");
    co_return co_await store_.imports(100);
}

awaitable<period_figures> service::period_figures_of(const principal& who, std::int64_t organisation_id,
                                                     std::string period)
{
    auto organisation = co_await organisation_of(organisation_id);
    field_errors errors;
    check_period(period, errors);
    errors.throw_if_any("Some path parameters are not valid");
    period_figures result;
    result.organisation = std::move(organisation);
    result.period = period;
    result.official = co_await store_.official_figures(organisation_id, period);
    auto submission = co_await submissions_.find_submission(organisation_id, period);
    const bool insider = policy::may_see_draft(who, organisation_id);
    if (submission && (submission->status == "shared" || insider))
        result.submission = std::move(submission);
    if (insider)
        result.history = co_await submissions_.submission_history(organisation_id, period);
    result.may_edit = policy::may_edit_submission(who, organisation_id);
    co_return result;
}

awaitable<period_figures> service::save_submission(const principal& who, std::int64_t organisation_id,
                                                   std::string period, submission_change change, audit_context audit)
{
    auto organisation = co_await organisation_of(organisation_id);
    if (!policy::may_edit_submission(who, organisation_id))
        throw api_error(errc::forbidden,
                        "Only " + organisation.name +
                            "'s organisation administrators (or a network administrator) enter its figures.");
    field_errors errors;
    check_period(period, errors);
    validation::check_choice(errors, "status", change.status, submission_statuses);
    auto metrics = co_await store_.metrics();
    for (const auto& [key, value] : change.values) {
        auto m = std::find_if(metrics.begin(), metrics.end(), [&](const metric& x) { return x.key == key; });
        const auto field = "values." + key;
        if (m == metrics.end())
            errors.add(field, "is not a metric");
        else if (!value)
            continue;
        else if (!std::isfinite(*value) || *value < 0)
            errors.add(field, "must be a number of 0 or more");
        else if (m->unit == "percent" && *value > 100)
            errors.add(field, "is a percentage: it must be from 0 to 100");
        else if (*value > max_figure)
            errors.add(field, "must be at most 10,000,000");
    }
    errors.throw_if_any();
    co_await submissions_.save_submission(organisation_id, period, std::move(change), std::move(audit));
    co_return co_await period_figures_of(who, organisation_id, std::move(period));
}

} // namespace pswnet::benchmarking
