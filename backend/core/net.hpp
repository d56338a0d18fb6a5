// Namespace aliases for Asio and Beast, used by the transport and the routes (never by services).
#pragma once

#include <boost/asio.hpp>
#include <boost/beast.hpp>

namespace pswnet {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

template <class T> using awaitable = net::awaitable<T>;

} // namespace pswnet
