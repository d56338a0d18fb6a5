// The event log: every write that others should see appends an event in its own transaction, and tells the
// listeners of every instance with NOTIFY. Events are rows, so a reconnecting client loses nothing.
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pswnet::realtime {

inline constexpr const char* notify_channel = "pswnet_events";

// Channels of the server's own: every instance acts on their events (a session revoked everywhere), and no client
// may subscribe to them or have them replayed (channel_policy knows no "system" kind).
inline constexpr std::string_view system_channel_prefix = "system:";
inline constexpr std::string_view sessions_channel = "system:sessions";
inline constexpr std::string_view access_channel = "system:access";

// How listeners learn of new events:
// - batched (the default): after a transaction with events commits, one notifier connection sends NOTIFY; pokes
//   that arrive while it is sending fold into the next one. Writers never take PostgreSQL's NOTIFY lock.
// - transaction: pg_notify inside every writing transaction (PostgreSQL serialises such commits).
// - poll: no NOTIFY; listeners look for new events once a second.
// docs/benchmarks.md compares them.
enum class notify_mode { batched, transaction, poll };
void set_notify_mode(notify_mode mode);

// In batched mode: whether this thread appended events since the last call (and forget it).
bool take_pending_events();

// payload_json must be a JSON object's text. Returns the event id.
std::int64_t append_event(pqxx::dbtransaction& tx, std::string_view channel, std::string_view type,
                          const std::string& payload_json);

// Events of any types and channels in one statement, in order (a reply's on its thread's channel and its lists',
// and a notification to each of many people).
struct typed_event {
    std::string channel;
    std::string type;
    nlohmann::json payload; // an object
};
void append_events(pqxx::dbtransaction& tx, const std::vector<typed_event>& events);

// The same events for a statement of the caller's own, which appends them with append_events(batch), published by
// realtime, together with its write; then announce_appended() tells the listeners, as the mode says.
std::string batch_of(const std::vector<typed_event>& events);
void announce_appended(pqxx::dbtransaction& tx);

// Rewrites what earlier events of `channel` say about one subject, so that a client replaying with "since" never
// reads what the live pages no longer show (an edited or hidden post's old text). In every event whose payload
// holds an object under `subject` with that `id`, the fields of `fields_json` (a JSON object's text) replace the
// object's own. The only way anything edits events after they are written.
void rewrite_subject(pqxx::dbtransaction& tx, std::string_view channel, std::string_view subject, std::int64_t id,
                     const std::string& fields_json);

// Someone may read less than before (removed from a group; a group or resource made narrower): every instance asks
// the channel rules again of that person's connections (of everyone's, without a person) and unsubscribes them from
// what they may no longer read. Until it is done, an event or two may still reach them.
void access_narrowed(pqxx::dbtransaction& tx, std::optional<std::int64_t> user_id);

// Events are kept this long: enough for any client to resume, few enough for replay to stay fast.
inline constexpr int event_retention_days = 7;

// Deletes every event of a channel: a person's own (user:{id}) when they delete their account.
void forget_channel(pqxx::dbtransaction& tx, std::string_view channel);

// Deletes the events older than event_retention_days; returns how many.
std::int64_t forget_old_events(pqxx::dbtransaction& tx);

} // namespace pswnet::realtime
