// Behaviour of the consultation types that is not JSON: the names of a consultation's states.
#include "consultations/model.hpp"

namespace pswnet::consultations {

std::string_view to_string(consultation_status value) noexcept
{
    switch (value) {
    case consultation_status::draft:
        return "draft";
    case consultation_status::upcoming:
        return "upcoming";
    case consultation_status::open:
        return "open";
    case consultation_status::closed:
        return "closed";
    case consultation_status::outcome_published:
        break;
    }
    return "outcome_published";
}

std::optional<consultation_status> parse_consultation_status(std::string_view text) noexcept
{
    for (auto status : {consultation_status::draft, consultation_status::upcoming, consultation_status::open,
                        consultation_status::closed, consultation_status::outcome_published})
        if (text == to_string(status))
            return status;
    return std::nullopt;
}

} // namespace pswnet::consultations
