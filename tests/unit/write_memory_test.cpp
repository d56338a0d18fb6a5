// write_memory: one block reused by a connection's writes, anything else allocated as by default; and a Beast
// WebSocket write over a real loopback connection takes the block, so that a session's messages cost no malloc.
#include "core/net.hpp"
#include "net/write_memory.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace pswnet {
namespace {

TEST(WriteMemory, OneBlockServesEachWriteInTurn)
{
    write_memory memory;
    void* first = memory.allocate(1000);
    memory.deallocate(first);
    void* second = memory.allocate(write_memory::block_size);
    EXPECT_EQ(second, first);
    memory.deallocate(second);
}

TEST(WriteMemory, WhileTheBlockIsTakenOrTooSmallMemoryComesFromTheHeap)
{
    write_memory memory;
    void* block = memory.allocate(64);
    void* meanwhile = memory.allocate(64);
    EXPECT_NE(meanwhile, block);
    memory.deallocate(meanwhile);
    memory.deallocate(block);
    void* large = memory.allocate(write_memory::block_size + 1);
    EXPECT_NE(large, block);
    memory.deallocate(large);
    EXPECT_EQ(memory.allocate(64), block) << "the block is free again";
    memory.deallocate(block);
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

    write_memory memory;
    void* block = memory.allocate(8);
    memory.deallocate(block);
    const std::string message = R"({"type":"event","id":1})";
    bool written = false;
    ws.async_write(net::buffer(message),
                   net::bind_allocator(write_allocator<void>(memory), [&written](beast::error_code ec, std::size_t) {
                       EXPECT_FALSE(ec) << ec.message();
                       written = true;
                   }));
    void* meanwhile = memory.allocate(8);
    EXPECT_NE(meanwhile, block) << "the write's operation holds the block (it fits in block_size)";
    memory.deallocate(meanwhile);
    io.run();
    client.join();
    EXPECT_TRUE(written);
    EXPECT_EQ(received, message);
    void* after = memory.allocate(8);
    EXPECT_EQ(after, block) << "the completed write gave the block back";
    memory.deallocate(after);
}

} // namespace
} // namespace pswnet
