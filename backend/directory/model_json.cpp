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

} // namespace pswnet::directory
