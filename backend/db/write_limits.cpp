// One statement counts and decides: the row is the user's counter for the action, restarted when its window ends.
#include "db/write_limits.hpp"

#include "core/error.hpp"
#include "db/statement.hpp"

#include <optional>
#include <tuple>

namespace pswnet::db {
namespace {

const statement take_sql{"write_limits.take", "SELECT counted, seconds_left FROM count_write($1, $2)"};

} // namespace

counted_write::counted_write(std::int64_t user_id, write_limit rule)
    : key_(std::string(rule.action) + ":" + std::to_string(user_id)), rule_(rule)
{
}

double counted_write::window_seconds() const
{
    return static_cast<double>(rule_.window.count());
}

void counted_write::count(pqxx::work& tx) const
{
    auto row = exec(tx, take_sql, key_, window_seconds()).at(0);
    check(row[0].as<int>(), row[1].as<int>());
}

void counted_write::check(int count, int seconds_left) const
{
    if (count > rule_.limit)
        refuse(seconds_left);
}

void counted_write::refuse(int seconds_left) const
{
    auto span = rule_.window.count() % 60 == 0 ? std::to_string(rule_.window.count() / 60) + " minutes"
                                               : std::to_string(rule_.window.count()) + " seconds";
    api_error e(errc::rate_limited, "You can send at most " + std::to_string(rule_.limit) + " " +
                                        std::string(rule_.what) + " in " + span + ". Try again in " +
                                        std::to_string(seconds_left) + " seconds.");
    e.retry_after_seconds = seconds_left;
    throw e;
}

counted_write write_limits::counter(std::int64_t user_id, const write_limit& given) const
{
    auto rule = given;
    if (auto changed = overrides_.find(rule.action); changed != overrides_.end())
        std::tie(rule.limit, rule.window) = changed->second;
    return {user_id, rule};
}

awaitable<void> write_limits::take(std::int64_t user_id, const write_limit& rule)
{
    // A refused write still counts: the count commits before the refusal is thrown.
    auto counted = counter(user_id, rule);
    auto refused = co_await database_.write([&counted](pqxx::work& tx) -> std::optional<api_error> {
        try {
            counted.count(tx);
            return std::nullopt;
        } catch (const api_error& e) {
            return e;
        }
    });
    if (refused)
        throw *refused;
}

} // namespace pswnet::db
