// Who asked for a change and through which request: written to the audit log with every write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace pswnet {

struct audit_context {
    std::optional<std::int64_t> actor_user_id;
    std::string request_id;
    std::string client_address;
};

} // namespace pswnet
