// Memory for WebSocket writes. Asio allocates each write's operation through the completion handler's allocator; a
// Beast WebSocket write over a TCP stream is one operation of 1,256 bytes (Boost 1.81), too large for the thread
// caches of Asio and of glibc, so by default every message sent costs a malloc and a free, and a fan-out to thousands
// grows and trims the heap. Here each thread keeps the blocks its writes gave back, up to blocks_kept, for the next
// ones: a fan-out reuses the same few hundred blocks, and an idle connection holds none.
#pragma once

#include <cstddef>

namespace pswnet {

struct write_memory {
    static constexpr std::size_t block_size = 1536;
    static constexpr std::size_t blocks_kept = 512; // per thread: more than a delivery chunk has in flight

    // A block when size fits in one (from this thread's kept blocks if it has any), otherwise as by default.
    static void* allocate(std::size_t size);
    // Kept for this thread's next writes when it was a block and there is room, otherwise freed.
    static void deallocate(void* pointer, std::size_t size) noexcept;
    static std::size_t kept_on_this_thread() noexcept;
};

// The allocator to bind to a write's handler (net::bind_allocator).
template <class T> struct write_allocator {
    using value_type = T;

    write_allocator() noexcept = default;
    template <class U> write_allocator(const write_allocator<U>&) noexcept {}

    T* allocate(std::size_t n) { return static_cast<T*>(write_memory::allocate(n * sizeof(T))); }
    void deallocate(T* pointer, std::size_t n) noexcept { write_memory::deallocate(pointer, n * sizeof(T)); }

    template <class U> bool operator==(const write_allocator<U>&) const noexcept { return true; }
};

} // namespace pswnet
