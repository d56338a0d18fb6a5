// Serving a cached route's GET: from memory when its answer is kept and still good, otherwise from its handler,
// keeping the answer. Either way with an entity tag, and 304 when If-None-Match already has it.
#pragma once

#include "hot_reads/response_cache.hpp"
#include "net/hot_read_fills.hpp"
#include "net/router.hpp"

namespace pswnet {

awaitable<response> answer_from_memory(hot_reads::response_cache& cache, hot_read_fills& fills, request_context& ctx,
                                       const route& r);

} // namespace pswnet
