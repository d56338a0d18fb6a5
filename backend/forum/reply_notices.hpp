// Whom a new post tells besides its thread's readers: those it mentions, and for a reply the thread's followers,
// each notified once. Shared by a reply written alone and one written in a batch.
#pragma once

#include "forum/model.hpp"
#include "realtime/event_log.hpp"

#include <pqxx/pqxx>

#include <cstdint>
#include <string>
#include <vector>

namespace pswnet::forum {

// Those the text mentions who can read the thread; no round trip for a text with no @ in it.
std::vector<std::int64_t> mentioned_in(pqxx::dbtransaction& tx, const std::string& text, std::int64_t thread_id);

// Notifies the reply's followers ("3,17,42": who followed the thread before it and can read it, as insert_reply
// reads them) and those it mentions, the replier never; returns their notifications' live events, for the reply to
// append before its own.
std::vector<realtime::typed_event> notify_of_reply(pqxx::dbtransaction& tx, std::int64_t replier,
                                                   const thread_summary& thread, const post& reply,
                                                   const std::string& followers, const std::string& body);

} // namespace pswnet::forum
