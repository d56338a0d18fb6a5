#include "app/command_line.hpp"

#include <iostream>

namespace pswnet {

const std::string* command_flags::next()
{
    flag_ = next_ < args_.size() ? &args_[next_++] : nullptr;
    return flag_;
}

const std::string& command_flags::value()
{
    if (next_ >= args_.size())
        throw usage_error(*flag_ + " needs a value");
    return args_[next_++];
}

void command_flags::unknown(std::string_view command) const
{
    throw usage_error(std::string(command) + " does not know " + *flag_);
}

int refused(const api_error& e)
{
    std::cerr << "pswnet: " << e.detail() << "\n";
    for (const auto& f : e.errors())
        std::cerr << "  " << f.field << " " << f.message << "\n";
    return 1;
}

} // namespace pswnet
