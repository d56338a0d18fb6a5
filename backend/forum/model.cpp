// Behaviour of the discussion types that is not JSON.
#include "forum/model.hpp"

namespace pswnet::forum {

std::string thread_summary::status() const
{
    if (kind != "question")
        return "open";
    return accepted_post_id ? "answered" : "unanswered";
}

} // namespace pswnet::forum
