// What the harnesses share: a property that does not hold prints what was expected and aborts, so libFuzzer
// keeps the input as a crash file; and the fuzzer's bytes as text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace pswnet::fuzz {

[[noreturn]] inline void fail(std::string_view what)
{
    std::fprintf(stderr, "\nfuzz property failed: %.*s\n", static_cast<int>(what.size()), what.data());
    std::abort();
}

inline void expect(bool holds, std::string_view what)
{
    if (!holds)
        fail(what);
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size)
{
    return size == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(data), size);
}

} // namespace pswnet::fuzz
