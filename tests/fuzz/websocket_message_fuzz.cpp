// Fuzzes WebSocket client messages: the session's checks (valid JSON, an object with a string "type", ping) and
// then realtime::protocol::message (subscribe and unsubscribe, channel names, "since", the per-connection queue of
// subscribes) with the service's real channel rules. The application is built without a database: rules and
// replays that need one fail as they do when PostgreSQL is down ("Could not subscribe").
// Input: up to 16 messages, one per line, sent in order on one connection of user 7.
// Beyond "no crash": protocol::message never throws for a message the session passes on (an exception would end
// the connection); every subscribe it starts finishes; a connection never holds more than the hub's channel limit;
// and closing it leaves nothing behind in the hub.
#include "app/application.hpp"
#include "fuzz_support.hpp"
#include "net/server_state.hpp"
#include "net/websocket_session.hpp"

#include <spdlog/spdlog.h>

#include <memory>
#include <string>

namespace {

using pswnet::fuzz::expect;
namespace http_json = pswnet::http_json;

struct fixture {
    pswnet::config config = [] {
        pswnet::config c;
        c.database_url = "host=/nonexistent/pswnet-fuzz dbname=none connect_timeout=1";
        c.db_pool_size = 1;
        return c;
    }();
    pswnet::application app{config};
    pswnet::net::io_context io;
    pswnet::realtime::hub::delivery delivery{app.hub, io.get_executor(), 1};
    pswnet::server_state state{config, app.router, nullptr, {}, app.metrics};
    pswnet::principal who{.user_id = 7,
                          .organisation_id = 3,
                          .session_id = 11,
                          .sector = pswnet::sector::children,
                          .roles = {pswnet::role::member},
                          .credential = pswnet::credential_kind::cookie};
};

fixture& world()
{
    static fixture* f = [] {
        spdlog::set_level(spdlog::level::off); // failed database connections would log on every input
        return new fixture;                    // never destroyed: its threads outlive the last input
    }();
    return *f;
}

// What websocket_session::handle_message does before handing a message to the protocol.
std::optional<http_json::json> passed_on(std::string_view text)
{
    http_json::json message;
    try {
        message = http_json::parse(text);
    } catch (const pswnet::api_error&) {
        return std::nullopt;
    }
    if (!message.is_object() || !message.contains("type") || !message["type"].is_string() || message["type"] == "ping")
        return std::nullopt;
    return message;
}

void run_until_idle(pswnet::net::io_context& io)
{
    io.restart();
    io.run();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    auto& w = world();
    auto text = pswnet::fuzz::as_text(data, size);
    auto slot = w.state.take_slot("192.0.2.7");
    expect(slot.has_value(), "closed connections give their slots back");
    auto session = std::make_shared<pswnet::websocket_session>(pswnet::beast::tcp_stream(w.io), w.state, w.who,
                                                               "fuzz-session-token", std::move(*slot));
    w.app.realtime.opened(session);
    for (int count = 0; count < 16 && !text.empty(); ++count) {
        const auto newline = text.find('\n');
        const auto line = text.substr(0, newline);
        text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
        auto message = passed_on(line);
        if (!message)
            continue;
        try {
            w.app.realtime.message(session, *message);
        } catch (const std::exception& e) {
            pswnet::fuzz::fail(std::string("protocol::message threw: ") + e.what());
        }
    }
    run_until_idle(w.io); // every subscribe started, including replays that wait for the database pool
    expect(w.app.hub.channel_count(*session) <= pswnet::realtime::hub::max_channels_per_session,
           "a connection holds at most the hub's channel limit");
    w.app.realtime.closed(*session);
    run_until_idle(w.io);
    expect(w.app.hub.channel_count(*session) == 0, "a closed connection leaves no channels behind");
    expect(session.use_count() == 1, "nothing holds on to a closed connection");
    return 0;
}
