// WebSocket protocol handling common to every capability: accept, ping/pong, limits, queueing, closing.
#include "net/websocket_session.hpp"

#include "net/write_memory.hpp"

#include <spdlog/spdlog.h>

namespace pswnet {
namespace {

constexpr auto tuple_awaitable = net::as_tuple(net::use_awaitable);

http_json::json error_message(std::string_view title, std::string_view detail)
{
    return {{"type", "error"}, {"title", title}, {"detail", detail}};
}

} // namespace

websocket_session::websocket_session(beast::tcp_stream stream, server_state& state, pswnet::principal who,
                                     std::string token, connection_slot slot)
    : ws_(std::move(stream)), state_(state), slot_(std::move(slot)), principal_(std::move(who)),
      token_(std::move(token)), recheck_timer_(ws_.get_executor())
{
}

void websocket_session::start(request upgrade_request, beast::flat_buffer already_read)
{
    read_buffer_ = std::move(already_read);
    state_.track(shared_from_this());
    net::co_spawn(
        ws_.get_executor(),
        [self = shared_from_this(), req = std::move(upgrade_request)]() mutable { return self->run(std::move(req)); },
        [self = shared_from_this()](std::exception_ptr failure) {
            if (failure) {
                try {
                    std::rethrow_exception(failure);
                } catch (const std::exception& e) {
                    spdlog::warn("websocket of user {} failed: {}", self->principal_.user_id, e.what());
                }
            }
            if (self->open_) {
                self->state_.metrics().websocket_closed();
                if (self->state_.hooks().websocket_closed)
                    self->state_.hooks().websocket_closed(*self);
            }
            self->state_.untrack(self.get());
        });
}

awaitable<void> websocket_session::run(request upgrade_request)
{
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(http::field::server, "pswnet"); }));
    ws_.read_message_max(max_message_bytes);
    auto [accept_ec] = co_await ws_.async_accept(upgrade_request, tuple_awaitable);
    if (accept_ec)
        co_return;
    open_ = true;
    state_.metrics().websocket_opened();
    if (state_.stopping()) {
        close_soon({websocket::close_code::going_away, "The server is restarting"});
    }
    if (state_.hooks().websocket_opened)
        state_.hooks().websocket_opened(shared_from_this());
    if (state_.hooks().still_signed_in)
        net::co_spawn(
            ws_.get_executor(), [self = shared_from_this()] { return self->recheck_session(); }, net::detached);

    for (;;) {
        auto [ec, n] = co_await ws_.async_read(read_buffer_, tuple_awaitable);
        if (ec == websocket::error::message_too_big) {
            close_soon({websocket::close_code::too_big, "Messages are limited to 64 KiB"});
            break;
        }
        if (ec)
            break;
        if (!ws_.got_text()) {
            close_soon({websocket::close_code::unknown_data, "Send JSON text messages"});
            break;
        }
        handle_message(beast::buffers_to_string(read_buffer_.data()));
        read_buffer_.consume(read_buffer_.size());
    }
    // The reader is done: nothing more will be sent.
    if (!close_reason_)
        close_reason_ = websocket::close_reason{websocket::close_code::normal};
    recheck_timer_.cancel();
    queue_.clear();
    queued_bytes_ = 0;
}

// Idle and absolute expiry happen with no request to notice them: look now and then. The first look is at once: the
// upgrade may have been let in on a cached session that ended, on another instance, before this socket joined the
// hub, whose revocation then found nothing here to close. A revocation committed after that look reaches the hub
// with the socket in it. A database outage is not an expiry, so the socket stays open and the next look decides.
awaitable<void> websocket_session::recheck_session()
{
    while (!close_reason_) {
        bool valid = true;
        try {
            valid = co_await state_.hooks().still_signed_in(token_);
        } catch (const std::exception& e) {
            spdlog::debug("could not re-check the session of a websocket of user {}: {}", principal_.user_id, e.what());
        }
        if (close_reason_)
            co_return; // closed while the database answered: no timer to cancel held it
        if (!valid) {
            close_soon({websocket::close_code::policy_error, "Your session has ended. Sign in again."});
            co_return;
        }
        recheck_timer_.expires_after(state_.config().session_recheck);
        auto [ec] = co_await recheck_timer_.async_wait(tuple_awaitable);
        if (ec)
            co_return;
    }
}

void websocket_session::handle_message(const std::string& text)
{
    http_json::json message;
    try {
        message = http_json::parse(text);
    } catch (const api_error& e) {
        send_json(error_message("The message is not valid JSON", e.detail()));
        return;
    }
    if (!message.is_object() || !message.contains("type") || !message["type"].is_string()) {
        send_json(error_message("The message has no type", "Every message is a JSON object with a \"type\"."));
        return;
    }
    const auto& type = message["type"].get_ref<const std::string&>();
    if (type == "ping") {
        send_json({{"type", "pong"}});
        return;
    }
    if (state_.hooks().websocket_message) {
        state_.hooks().websocket_message(shared_from_this(), message);
        return;
    }
    send_json(error_message("Unknown message type", "This server does not understand \"" + type + "\"."));
}

void websocket_session::send_json(const http_json::json& message)
{
    send(std::make_shared<const std::string>(message.dump(-1, ' ', false, http_json::json::error_handler_t::replace)));
}

void websocket_session::send(std::shared_ptr<const std::string> message)
{
    net::dispatch(ws_.get_executor(), [self = shared_from_this(), message = std::move(message)]() mutable {
        if (self->close_reason_)
            return;
        if (self->queue_.size() >= max_queued_messages || self->queued_bytes_ + message->size() > max_queued_bytes) {
            spdlog::warn("closing the websocket of user {}: it reads too slowly", self->principal_.user_id);
            self->close_soon({websocket::close_code::try_again_later,
                              "Too many unsent messages; reconnect and resume from your last event id"});
            return;
        }
        self->queued_bytes_ += message->size();
        self->queue_.push_back(std::move(message));
        self->write_next();
    });
}

void websocket_session::shutdown()
{
    net::dispatch(ws_.get_executor(), [self = shared_from_this()] {
        self->close_soon({websocket::close_code::going_away, "The server is restarting"});
    });
}

void websocket_session::close(websocket::close_code code, std::string reason)
{
    net::dispatch(ws_.get_executor(), [self = shared_from_this(), code, reason = std::move(reason)] {
        self->close_soon({code, reason});
    });
}

void websocket_session::close_soon(websocket::close_reason reason)
{
    if (close_reason_)
        return;
    close_reason_ = std::move(reason);
    queue_.clear();
    queued_bytes_ = 0;
    write_next();
}

void websocket_session::write_next()
{
    if (writing_ || closing_ || !open_)
        return;
    if (close_reason_) {
        closing_ = true;
        if (ws_.is_open())
            ws_.async_close(*close_reason_, [self = shared_from_this()](beast::error_code) {});
        return;
    }
    if (queue_.empty())
        return;
    writing_ = true;
    in_flight_ = std::move(queue_.front());
    queue_.pop_front();
    queued_bytes_ -= in_flight_->size();
    ws_.text(true);
    auto written = [self = shared_from_this()](beast::error_code ec, std::size_t) {
        self->writing_ = false;
        self->in_flight_.reset();
        if (ec) {
            self->close_reason_ = websocket::close_reason{websocket::close_code::abnormal};
            self->closing_ = true;
            self->queue_.clear();
            self->queued_bytes_ = 0;
            beast::get_lowest_layer(self->ws_).cancel();
            return;
        }
        self->write_next();
    };
    ws_.async_write(net::buffer(*in_flight_), net::bind_allocator(write_allocator<void>(), std::move(written)));
}

} // namespace pswnet
