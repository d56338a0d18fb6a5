#include "groups/model_json.hpp"

#include "groups/policy.hpp"

namespace pswnet::groups {

nlohmann::json to_json(const group& g, const principal& who)
{
    return {
        {"id", g.id},
        {"name", g.name},
        {"description", g.description},
        {"kind", g.kind},
        {"privacy", g.privacy},
        {"sector", to_string(g.sector)},
        {"region", g.region ? nlohmann::json{{"code", g.region->code}, {"name", g.region->name}} : nullptr},
        {"member_count", g.member_count},
        {"owner_count", g.owner_count},
        {"created_at", g.created_at},
        {"my_role", g.my_role ? nlohmann::json(*g.my_role) : nullptr},
        {"requested", g.requested},
        {"can_read", policy::may_read_content(who, g)},
        {"can_post", policy::may_post(who, g)},
        {"can_manage", policy::may_manage(who, g)},
    };
}

nlohmann::json to_json(const member& m)
{
    return {{"id", m.id},
            {"display_name", m.display_name},
            {"organisation", pswnet::to_json(m.organisation)},
            {"role", m.role},
            {"joined_at", m.joined_at}};
}

nlohmann::json to_json(const join_request& r)
{
    return {{"id", r.id},
            {"person", {{"id", r.person_id}, {"display_name", r.display_name}}},
            {"organisation", pswnet::to_json(r.organisation)},
            {"message", r.message},
            {"requested_at", r.requested_at}};
}

} // namespace pswnet::groups
