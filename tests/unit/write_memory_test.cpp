// write_memory: blocks given back are kept for the thread's next writes, up to a limit, anything larger allocated as
// by default; and a Beast WebSocket write over a real loopback connection takes a kept block and gives it back.
#include "core/net.hpp"
#include "net/write_memory.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace pswnet {
namespace {

TEST(WriteMemory, ABlockGivenBackServesTheNextWriteOnTheThread)
{
    void* first = write_memory::allocate(1000);
    const auto kept = write_memory::kept_on_this_thread();
    write_memory::deallocate(first, 1000);
    EXPECT_EQ(write_memory::kept_on_this_thread(), kept + 1);
    void* second = write_memory::allocate(write_memory::block_size);
    EXPECT_EQ(second, first);
    EXPECT_EQ(write_memory::kept_on_this_thread(), kept);
    write_memory::deallocate(second, write_memory::block_size);
}

TEST(WriteMemory, KeepsNoLargerAllocationAndNoMoreThanItsLimit)
{
    const auto kept = write_memory::kept_on_this_thread();
    void* large = write_memory::allocate(write_memory::block_size + 1);
    write_memory::deallocate(large, write_memory::block_size + 1);
    EXPECT_EQ(write_memory::kept_on_this_thread(), kept);

    std::vector<void*> many;
    for (std::size_t i = 0; i < write_memory::blocks_kept + 10; ++i)
        many.push_back(write_memory::allocate(64));
    for (void* block : many)
        write_memory::deallocate(block, 64);
    EXPECT_EQ(write_memory::kept_on_this_thread(), write_memory::blocks_kept);
}

TEST(WriteMemory, AWebSocketWriteTakesTheBlockUntilItCompletes)
{
    net::io_context io;
    tcp::acceptor acceptor(io, {net::ip::make_address("127.0.0.1"), 0});
    const auto port = acceptor.local_endpoint().port();
    std::string received;
    std::thread client([port, &received] {
        net::io_context client_io;
        websocket::stream<tcp::socket> ws(client_io);
        ws.next_layer().connect({net::ip::make_address("127.0.0.1"), port});
        ws.handshake("127.0.0.1", "/");
        beast::flat_buffer buffer;
        ws.read(buffer);
        received = beast::buffers_to_string(buffer.data());
    });
    websocket::stream<beast::tcp_stream> ws(acceptor.accept());
    ws.accept();

    write_memory::deallocate(write_memory::allocate(8), 8); // at least one block kept
    const auto kept = write_memory::kept_on_this_thread();
    const std::string message = R"({"type":"event","id":1})";
    bool written = false;
    ws.async_write(net::buffer(message),
                   net::bind_allocator(write_allocator<void>(), [&written](beast::error_code ec, std::size_t) {
                       EXPECT_FALSE(ec) << ec.message();
                       written = true;
                   }));
    EXPECT_EQ(write_memory::kept_on_this_thread(), kept - 1)
        << "the write's operation took a kept block (it fits in block_size)";
    io.run();
    client.join();
    EXPECT_TRUE(written);
    EXPECT_EQ(received, message);
    EXPECT_EQ(write_memory::kept_on_this_thread(), kept) << "the completed write gave the block back";
}

} // namespace
} // namespace pswnet
