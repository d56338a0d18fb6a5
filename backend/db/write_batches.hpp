// Writes that arrive while others are being written go to the database together, as a batch the caller writes in one
// transaction of a few statements for all of them. PostgreSQL's fixed cost of a statement (its executor, its locks,
// its plan's checks) is then paid once a batch, not once a write.
//
// No write waits for a batch to fill. A write is written at once, as a batch of its own, while fewer than
// `at_once` batches are under way; otherwise it waits, and the writer of the batch that ends next hands the lead to
// the first write waiting, which takes those behind it (up to `most` in all) into its batch. So batches grow only
// when the database is the bottleneck, and each caller writes at most one batch: its own.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <utility>
#include <vector>

namespace pswnet::db {

// How a set of batches goes, for /metrics.
struct write_batch_counts {
    std::atomic<std::uint64_t> batches{0};   // batches of two writes or more
    std::atomic<std::uint64_t> batched{0};   // writes in them
    std::atomic<std::uint64_t> not_whole{0}; // such batches the writer could not write whole, and wrote otherwise
    std::atomic<std::int64_t> waiting{0};    // writes waiting for a batch, now
};

template <class Item, class Outcome> class write_batches {
public:
    // What became of one write: its outcome, or what it threw.
    struct result {
        Outcome value{};
        std::exception_ptr failure;
    };
    // Writes a batch and returns a result per item, in order. What it throws fails every write of the batch.
    using writer = std::function<boost::asio::awaitable<std::vector<result>>(std::vector<Item>)>;

    write_batches(std::size_t at_once, std::size_t most, writer write, write_batch_counts& counts)
        : at_once_(at_once), most_(most), write_(std::move(write)), counts_(counts)
    {
        if (at_once_ == 0 || most_ == 0)
            throw std::invalid_argument("write_batches: at least one batch of at least one write");
    }

    boost::asio::awaitable<Outcome> write(Item item)
    {
        auto me = std::make_shared<waiting>(co_await boost::asio::this_coro::executor, std::move(item));
        bool leads = false;
        {
            std::scoped_lock lock(mutex_);
            leads = under_way_ < at_once_;
            if (leads) {
                ++under_way_;
            } else {
                queue_.push_back(me);
                counts_.waiting.fetch_add(1, std::memory_order_relaxed);
            }
        }
        if (!leads) {
            auto said = co_await me->told.async_receive(boost::asio::use_awaitable);
            if (!said.leads)
                co_return take(std::move(said.outcome));
        }
        co_return take(co_await lead(std::move(me)));
    }

private:
    struct message {
        bool leads = false; // the lead is handed on: write the next batch
        result outcome;
    };
    struct waiting {
        waiting(const boost::asio::any_io_executor& executor, Item it) : told(executor, 1), item(std::move(it)) {}
        boost::asio::experimental::concurrent_channel<void(boost::system::error_code, message)> told;
        Item item;
    };

    static Outcome take(result r)
    {
        if (r.failure)
            std::rethrow_exception(r.failure);
        return std::move(r.value);
    }

    // Writes the batch `me` heads, tells the others how theirs went, and hands the lead on; returns me's result.
    boost::asio::awaitable<result> lead(std::shared_ptr<waiting> me)
    {
        std::vector<std::shared_ptr<waiting>> batch{std::move(me)};
        std::vector<result> results;
        try { // whatever fails, each write of the batch is told, and the lead handed on
            {
                std::scoped_lock lock(mutex_);
                while (batch.size() < most_ && !queue_.empty()) {
                    batch.push_back(queue_.front());
                    queue_.pop_front();
                    counts_.waiting.fetch_sub(1, std::memory_order_relaxed);
                }
            }
            if (batch.size() > 1) {
                counts_.batches.fetch_add(1, std::memory_order_relaxed);
                counts_.batched.fetch_add(batch.size(), std::memory_order_relaxed);
            }
            std::vector<Item> items;
            items.reserve(batch.size());
            for (auto& w : batch)
                items.push_back(std::move(w->item));
            results = co_await write_(std::move(items));
            if (results.size() != batch.size())
                throw std::logic_error("write_batches: a result for each write");
        } catch (...) {
            results.assign(batch.size(), result{{}, std::current_exception()});
        }
        for (std::size_t i = 1; i < batch.size(); ++i)
            batch[i]->told.try_send(boost::system::error_code{}, message{false, std::move(results[i])});
        hand_on();
        co_return std::move(results[0]);
    }

    void hand_on()
    {
        std::shared_ptr<waiting> next;
        {
            std::scoped_lock lock(mutex_);
            if (queue_.empty()) {
                --under_way_;
                return;
            }
            next = std::move(queue_.front());
            queue_.pop_front();
            counts_.waiting.fetch_sub(1, std::memory_order_relaxed);
        }
        next->told.try_send(boost::system::error_code{}, message{true, {}});
    }

    const std::size_t at_once_;
    const std::size_t most_;
    const writer write_;
    write_batch_counts& counts_;
    std::mutex mutex_;
    std::size_t under_way_ = 0;
    std::deque<std::shared_ptr<waiting>> queue_;
};

} // namespace pswnet::db
