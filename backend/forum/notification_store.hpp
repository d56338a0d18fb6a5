// SQL of a user's notifications.
#pragma once

#include "core/audit_context.hpp"
#include "core/net.hpp"
#include "db/pool.hpp"
#include "forum/model.hpp"

namespace pswnet::forum {

class notification_store {
public:
    explicit notification_store(db::pool& pool) : pool_(pool) {}

    awaitable<notification_page> list(std::int64_t user_id, bool unread_only, int limit,
                                      std::optional<std::int64_t> after_id);
    // ids empty: all of them.
    awaitable<void> mark_read(std::int64_t user_id, std::vector<std::int64_t> ids, audit_context audit);

private:
    db::pool& pool_;
};

} // namespace pswnet::forum
