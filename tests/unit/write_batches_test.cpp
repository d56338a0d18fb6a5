// db::write_batches: a write that finds a batch free is written at once, alone; those that arrive while the batches
// are under way go together in the next, in the order they came, at most `most` in one; what a batch's writer throws
// is each of its writes' failure, and the batches go on.
#include "db/write_batches.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/channel.hpp>
#include <boost/asio/io_context.hpp>

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <stdexcept>
#include <vector>

namespace {

namespace net = boost::asio;
using pswnet::db::write_batch_counts;
using batches = pswnet::db::write_batches<int, int>;

// Writes each batch as ten times each item, holding the first batch until release(); a negative item fails its
// batch. Records the batches in the order they were written.
class held_writer {
public:
    explicit held_writer(net::io_context& io) : gate_(io, 1) {}

    batches::writer writer()
    {
        return [this](std::vector<int> items) -> net::awaitable<std::vector<batches::result>> {
            written.push_back(items);
            if (written.size() == 1)
                co_await gate_.async_receive(net::use_awaitable);
            std::vector<batches::result> results;
            for (int item : items) {
                if (item < 0)
                    throw std::runtime_error("a batch with a negative item");
                results.push_back({item * 10, nullptr});
            }
            co_return results;
        };
    }
    void release() { gate_.try_send(boost::system::error_code{}); }

    std::vector<std::vector<int>> written;

private:
    net::experimental::channel<void(boost::system::error_code)> gate_;
};

// What became of each write: its outcome, or nullopt when it threw.
using outcomes = std::map<int, std::optional<int>>;

void start(net::io_context& io, batches& b, int item, outcomes& out)
{
    net::co_spawn(io, b.write(item), [item, &out](const std::exception_ptr& failure, int value) {
        out[item] = failure ? std::nullopt : std::optional<int>(value);
    });
    io.poll(); // up to where it waits: its batch, or its turn
}

TEST(WriteBatches, WritesThatArriveWhileABatchIsUnderWayGoTogetherInTheNextInOrder)
{
    net::io_context io;
    held_writer w(io);
    write_batch_counts counts;
    batches b(1, 3, w.writer(), counts);
    outcomes out;
    for (int item : {1, 2, 3, 4, 5, 6})
        start(io, b, item, out);
    EXPECT_EQ(w.written, (std::vector<std::vector<int>>{{1}}));
    EXPECT_EQ(counts.waiting, 5);

    w.release();
    io.run();
    EXPECT_EQ(w.written, (std::vector<std::vector<int>>{{1}, {2, 3, 4}, {5, 6}}));
    EXPECT_EQ(out, (outcomes{{1, 10}, {2, 20}, {3, 30}, {4, 40}, {5, 50}, {6, 60}}));
    EXPECT_EQ(counts.batches, 2U);
    EXPECT_EQ(counts.batched, 5U);
    EXPECT_EQ(counts.waiting, 0);
}

TEST(WriteBatches, AWriteThatFindsABatchFreeIsWrittenAtOnce)
{
    net::io_context io;
    held_writer w(io);
    write_batch_counts counts;
    batches b(2, 8, w.writer(), counts);
    outcomes out;
    for (int item : {1, 2, 3})
        start(io, b, item, out);
    EXPECT_EQ(w.written, (std::vector<std::vector<int>>{{1}, {2}, {3}}))
        << "while the first batch is held, the second is free for each of the others in turn";
    EXPECT_EQ(out, (outcomes{{2, 20}, {3, 30}}));
    EXPECT_EQ(counts.waiting, 0);

    w.release();
    io.run();
    EXPECT_EQ(out, (outcomes{{1, 10}, {2, 20}, {3, 30}}));
    EXPECT_EQ(counts.batches, 0U);
}

TEST(WriteBatches, WhatTheWriterThrowsFailsEachWriteOfItsBatchAndTheNextBatchesGoOn)
{
    net::io_context io;
    held_writer w(io);
    write_batch_counts counts;
    batches b(1, 8, w.writer(), counts);
    outcomes out;
    for (int item : {1, -2, 3})
        start(io, b, item, out);
    w.release();
    io.run();
    EXPECT_EQ(out, (outcomes{{1, 10}, {-2, std::nullopt}, {3, std::nullopt}}));

    io.restart();
    start(io, b, 4, out);
    io.run();
    EXPECT_EQ(out[4], 40) << "the batch was let go: a write finds it free";
    EXPECT_EQ(counts.waiting, 0);
}

} // namespace
