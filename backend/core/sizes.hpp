// Byte sizes as limits are written: 25 * mib, computed in std::size_t rather than int.
#pragma once

#include <cstddef>

namespace pswnet {

inline constexpr std::size_t kib = 1024;
inline constexpr std::size_t mib = 1024 * kib;

} // namespace pswnet
