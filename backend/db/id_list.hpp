// A list of ids as one parameter, in the text that `string_to_array($n, ',')::bigint[]` reads back: libpqxx 6 cannot
// pass arrays.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pswnet::db {

inline std::string id_list(const std::vector<std::int64_t>& ids)
{
    std::string text;
    for (auto id : ids)
        text += (text.empty() ? "" : ",") + std::to_string(id);
    return text;
}

} // namespace pswnet::db
