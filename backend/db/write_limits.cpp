// One statement counts and decides: the row is the user's counter for the action, restarted when its window ends.
#include "db/write_limits.hpp"

#include "core/error.hpp"
#include "db/statement.hpp"

#include <tuple>

namespace pswnet::db {
namespace {

const statement take_sql{"write_limits.take", R"sql(
INSERT INTO write_limits AS w (key, window_start, count) VALUES ($1, now(), 1)
ON CONFLICT (key) DO UPDATE SET
    window_start = CASE WHEN w.window_start <= now() - make_interval(secs => $2) THEN now() ELSE w.window_start END,
    count = CASE WHEN w.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE w.count + 1 END
RETURNING count, greatest(1, ceil(extract(epoch FROM w.window_start + make_interval(secs => $2) - now())))::int)sql"};

} // namespace

awaitable<void> write_limits::take(std::int64_t user_id, const write_limit& given)
{
    auto rule = given;
    if (auto changed = overrides_.find(rule.action); changed != overrides_.end())
        std::tie(rule.limit, rule.window) = changed->second;
    auto key = std::string(rule.action) + ":" + std::to_string(user_id);
    auto window = static_cast<double>(rule.window.count());
    auto counted = database_.write([key = std::move(key), window](pqxx::work& tx) {
        auto row = exec(tx, take_sql, key, window).at(0);
        return std::pair{row[0].as<int>(), row[1].as<int>()};
    });
    auto [count, seconds_left] = co_await std::move(counted);
    if (count <= rule.limit)
        co_return;
    auto span = rule.window.count() % 60 == 0 ? std::to_string(rule.window.count() / 60) + " minutes"
                                              : std::to_string(rule.window.count()) + " seconds";
    api_error e(errc::rate_limited, "You can send at most " + std::to_string(rule.limit) + " " +
                                        std::string(rule.what) + " in " + span + ". Try again in " +
                                        std::to_string(seconds_left) + " seconds.");
    e.retry_after_seconds = seconds_left;
    throw e;
}

} // namespace pswnet::db
