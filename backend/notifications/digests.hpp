// Daily and weekly summaries by email. A person's digest for a period is due from their chosen hour (Europe/London)
// on each day, or on their chosen weekday; a row in `digests` per person and period makes it exactly one across
// instances and repeated runs. A digest holds what the person was told, in that period, of the kinds they chose to
// hear of in it, and the consultations open to their authority with their response's state and the days left;
// with nothing to say, nothing is sent.
#pragma once

#include "core/net.hpp"
#include "db/pool.hpp"

#include <optional>
#include <string>

namespace pswnet::notifications {

struct digest_run {
    int considered = 0; // person-periods that fell due
    int sent = 0;       // digests put in the outbox
};

class digests {
public:
    explicit digests(db::pool& pool) : pool_(pool) {}

    // at: an RFC 3339 time to run as of (for operators and tests); none: now.
    awaitable<digest_run> run_due(std::optional<std::string> at);

private:
    db::pool& pool_;
};

} // namespace pswnet::notifications
