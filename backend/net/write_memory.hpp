// Memory for a connection's one write in flight. Asio allocates each write's operation through the completion
// handler's allocator; a WebSocket session never has two writes at once, so one block, taken on its first write and
// kept until the session goes, serves every message, where the default allocator costs a malloc and a free per
// message (an operation of Beast's over a TCP stream is too large for the thread caches of Asio and of glibc).
//
// Not thread-safe by itself, and need not be: an operation's memory is freed before its handler runs, and the next
// write starts only from that handler, so uses of one block follow each other through Asio's own synchronisation.
#pragma once

#include <cstddef>
#include <memory>
#include <new>

namespace pswnet {

class write_memory {
public:
    // A Beast WebSocket write over a TCP stream allocates one operation of 1,256 bytes (Boost 1.81); a larger one
    // would be allocated as by default.
    static constexpr std::size_t block_size = 1536;

    void* allocate(std::size_t size)
    {
        if (in_use_ || size > block_size)
            return ::operator new(size);
        if (!block_)
            block_ = std::make_unique<std::byte[]>(block_size);
        in_use_ = true;
        return block_.get();
    }

    void deallocate(void* pointer) noexcept
    {
        if (pointer == block_.get())
            in_use_ = false;
        else
            ::operator delete(pointer);
    }

private:
    std::unique_ptr<std::byte[]> block_;
    bool in_use_ = false;
};

// The allocator to bind to a write's handler (net::bind_allocator).
template <class T> class write_allocator {
public:
    using value_type = T;

    explicit write_allocator(write_memory& memory) noexcept : memory_(&memory) {}
    template <class U> write_allocator(const write_allocator<U>& other) noexcept : memory_(other.memory()) {}

    T* allocate(std::size_t n) { return static_cast<T*>(memory_->allocate(n * sizeof(T))); }
    void deallocate(T* pointer, std::size_t) noexcept { memory_->deallocate(pointer); }

    write_memory* memory() const noexcept { return memory_; }
    template <class U> bool operator==(const write_allocator<U>& other) const noexcept
    {
        return memory_ == other.memory();
    }

private:
    write_memory* memory_;
};

} // namespace pswnet
