// A file compiled into the binary (migrations, the OpenAPI document).
#pragma once

#include <string>
#include <vector>

namespace pswnet {

struct embedded_file {
    std::string name;
    std::string content;
};

} // namespace pswnet
