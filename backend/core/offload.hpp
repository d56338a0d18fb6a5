// Runs blocking or CPU-heavy work (database calls, password hashing) on a thread pool and resumes the awaiting
// coroutine on its own executor, so no I/O thread ever blocks.
//
// Deliberately not co_spawn onto the pool: Asio 1.81's co_spawn, started from a thread that is not running the
// target executor, races with the new coroutine on the pool (heap corruption under load; asio issue #552).
#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <optional>
#include <type_traits>

namespace pswnet {
namespace detail {

template <class Result> struct offload_signature {
    using type = void(std::exception_ptr, Result);
};
template <> struct offload_signature<void> {
    using type = void(std::exception_ptr);
};

} // namespace detail

template <class Fn>
auto offload(boost::asio::thread_pool& pool, Fn fn) -> boost::asio::awaitable<std::invoke_result_t<Fn&>>
{
    using result = std::invoke_result_t<Fn&>;
    using signature = typename detail::offload_signature<result>::type;
    return boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, signature>(
        [&pool](auto handler, Fn work) {
            // Keep the caller's executor busy (its io_context must not run out of work) until we hand back.
            auto home = boost::asio::prefer(boost::asio::get_associated_executor(handler),
                                            boost::asio::execution::outstanding_work.tracked);
            boost::asio::post(pool, [work = std::move(work), handler = std::move(handler), home]() mutable {
                std::exception_ptr failure;
                if constexpr (std::is_void_v<result>) {
                    try {
                        work();
                    } catch (...) {
                        failure = std::current_exception();
                    }
                    boost::asio::dispatch(
                        home, [handler = std::move(handler), failure]() mutable { std::move(handler)(failure); });
                } else {
                    std::optional<result> value;
                    try {
                        value.emplace(work());
                    } catch (...) {
                        failure = std::current_exception();
                    }
                    boost::asio::dispatch(home,
                                          [handler = std::move(handler), failure, value = std::move(value)]() mutable {
                                              std::move(handler)(failure, value ? std::move(*value) : result{});
                                          });
                }
            });
        },
        boost::asio::use_awaitable, std::move(fn));
}

} // namespace pswnet
