// SQL of consultation papers: which library resources a consultation has attached, in order.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"

#include <cstdint>
#include <vector>

namespace pswnet::consultations {

class paper_store {
public:
    explicit paper_store(db::pool& pool) : pool_(pool) {}

    awaitable<std::vector<std::int64_t>> resource_ids(std::int64_t consultation_id);
    awaitable<void> replace(std::int64_t consultation_id, std::vector<std::int64_t> resource_ids, audit_context audit);

private:
    db::pool& pool_;
};

} // namespace pswnet::consultations
