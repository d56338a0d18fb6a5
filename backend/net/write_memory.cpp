// Each thread's kept blocks, freed when the thread ends.
#include "net/write_memory.hpp"

#include <new>
#include <vector>

namespace pswnet {
namespace {

struct kept_blocks {
    std::vector<void*> blocks;

    kept_blocks() { blocks.reserve(write_memory::blocks_kept); }
    ~kept_blocks()
    {
        for (void* block : blocks)
            ::operator delete(block);
    }
    kept_blocks(const kept_blocks&) = delete;
    kept_blocks& operator=(const kept_blocks&) = delete;
};

thread_local kept_blocks kept;

} // namespace

void* write_memory::allocate(std::size_t size)
{
    if (size > block_size)
        return ::operator new(size);
    if (kept.blocks.empty())
        return ::operator new(block_size);
    void* block = kept.blocks.back();
    kept.blocks.pop_back();
    return block;
}

void write_memory::deallocate(void* pointer, std::size_t size) noexcept
{
    if (size <= block_size && kept.blocks.size() < blocks_kept)
        kept.blocks.push_back(pointer); // within the capacity reserved: does not allocate
    else
        ::operator delete(pointer);
}

std::size_t write_memory::kept_on_this_thread() noexcept
{
    return kept.blocks.size();
}

} // namespace pswnet
