// Runs CPU-heavy work (password hashing) on a separate pool so it never stalls an I/O thread.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <type_traits>

namespace pswnet {

template <class Fn>
auto offload(boost::asio::thread_pool& pool, Fn fn) -> boost::asio::awaitable<std::invoke_result_t<Fn&>>
{
    using result = std::invoke_result_t<Fn&>;
    return boost::asio::co_spawn(
        pool, [fn = std::move(fn)]() mutable -> boost::asio::awaitable<result> { co_return fn(); },
        boost::asio::use_awaitable);
}

} // namespace pswnet
