// Directory JSON encoders.
#include "directory/model_json.hpp"

namespace pswnet::directory {
namespace {

template <class T> nlohmann::json or_null(const std::optional<T>& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

} // namespace

nlohmann::json to_json(const organisation& o)
{
    auto works_for = nlohmann::json::array();
    for (const auto& authority : o.works_for)
        works_for.push_back(to_json(authority));
    return {
        {"id", o.id},
        {"kind", o.kind},
        {"name", o.name},
        {"code", o.code},
        {"dfe_la_code", or_null(o.dfe_la_code)},
        {"la_type", or_null(o.la_type)},
        {"region", o.region ? nlohmann::json{{"code", o.region->code}, {"name", o.region->name}} : nlohmann::json()},
        {"london_subregion", or_null(o.london_subregion)},
        {"in_statistical_neighbour_model", o.in_statistical_neighbour_model},
        {"services", or_null(o.services)},
        {"works_for", works_for},
    };
}

nlohmann::json to_json(const neighbour& n)
{
    return {{"rank", or_null(n.rank)}, {"closeness", or_null(n.closeness)}, {"organisation", to_json(n.organisation)}};
}

nlohmann::json to_json(const region_count& r)
{
    return {{"code", r.region.code}, {"name", r.region.name}, {"organisation_count", r.organisation_count}};
}

nlohmann::json to_json(const comparator_group& g)
{
    auto members = nlohmann::json::array();
    for (const auto& m : g.members)
        members.push_back(to_json(m));
    return {{"id", g.id},
            {"organisation", to_json(g.organisation)},
            {"name", g.name},
            {"members", std::move(members)},
            {"created_by", g.created_by ? to_json(*g.created_by) : nlohmann::json(nullptr)},
            {"created_at", g.created_at},
            {"updated_at", g.updated_at},
            {"can_change", g.can_change}};
}

} // namespace pswnet::directory
