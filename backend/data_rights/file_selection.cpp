#include "data_rights/file_selection.hpp"

namespace pswnet::data_rights {

std::vector<std::optional<std::string>> archive_paths(const std::vector<library::person_data::uploaded_file>& files,
                                                      std::int64_t budget_bytes)
{
    std::vector<std::optional<std::string>> paths;
    std::int64_t used = 0;
    for (const auto& f : files) {
        if (used + f.size > budget_bytes) {
            paths.emplace_back();
            continue;
        }
        used += f.size;
        paths.emplace_back("files/" + std::to_string(f.resource_id) + "-v" + std::to_string(f.version) + "-" +
                           f.filename);
    }
    return paths;
}

} // namespace pswnet::data_rights
