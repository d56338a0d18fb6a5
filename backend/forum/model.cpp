// Behaviour of the discussion types that is not JSON.
#include "forum/model.hpp"

namespace pswnet::forum {

std::string_view to_string(thread_kind value) noexcept
{
    switch (value) {
    case thread_kind::question:
        return "question";
    case thread_kind::discussion:
        return "discussion";
    case thread_kind::announcement:
        break;
    }
    return "announcement";
}

std::optional<thread_kind> parse_thread_kind(std::string_view text) noexcept
{
    for (auto kind : {thread_kind::question, thread_kind::discussion, thread_kind::announcement})
        if (text == to_string(kind))
            return kind;
    return std::nullopt;
}

std::string thread_summary::status() const
{
    if (kind != thread_kind::question)
        return "open";
    return accepted_post_id ? "answered" : "unanswered";
}

} // namespace pswnet::forum
