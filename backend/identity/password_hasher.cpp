#include "identity/password_hasher.hpp"

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/offload.hpp"

namespace pswnet::identity {
namespace {

constexpr int max_jobs = 16;

} // namespace

password_hasher::password_hasher(boost::asio::thread_pool& cpu)
    : cpu_(cpu), dummy_hash_(crypto::hash_password(crypto::random_token()))
{
}

template <class Fn> auto password_hasher::run(Fn work) -> awaitable<std::invoke_result_t<Fn&>>
{
    if (jobs_.fetch_add(1) >= max_jobs) {
        jobs_.fetch_sub(1);
        api_error busy(errc::unavailable, "Too many people are signing in at once. Try again in a moment.");
        busy.retry_after_seconds = 1;
        throw busy;
    }
    struct release {
        std::atomic<int>& count;
        ~release() { count.fetch_sub(1); }
    } done{jobs_};
    auto job = offload(cpu_, std::move(work));
    co_return co_await std::move(job);
}

awaitable<std::string> password_hasher::hash(std::string password)
{
    // GCC 12 destroys lambda temporaries inside a co_await expression twice: build the awaitable first.
    auto job = run([password = std::move(password)] { return crypto::hash_password(password); });
    co_return co_await std::move(job);
}

awaitable<bool> password_hasher::verify(std::optional<std::string> stored_hash, std::string password)
{
    bool known = stored_hash.has_value();
    auto job = run([hash = stored_hash.value_or(dummy_hash_), password = std::move(password)] {
        return crypto::verify_password(hash, password);
    });
    bool matches = co_await std::move(job);
    co_return known&& matches;
}

} // namespace pswnet::identity
