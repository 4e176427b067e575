#include "auth/rate_limiter.hpp"

#include <algorithm>

namespace naervaer::server {

RateLimiter::RateLimiter(int max_failures, std::chrono::seconds window)
    : max_failures_(std::max(1, max_failures)), window_(window) {}

std::optional<std::chrono::seconds> RateLimiter::blocked_for(const std::string& key, time_point now) {
    std::lock_guard lock(mutex_);
    const auto it = windows_.find(key);
    if (it == windows_.end()) return std::nullopt;
    const time_point end = it->second.start + window_;
    if (now >= end) {
        windows_.erase(it);
        return std::nullopt;
    }
    if (it->second.failures < max_failures_) return std::nullopt;
    // Round up: Retry-After in whole seconds must not invite a retry that is still too early.
    const auto wait = std::chrono::ceil<std::chrono::seconds>(end - now);
    return std::max(wait, std::chrono::seconds(1));
}

void RateLimiter::record_failure(const std::string& key, time_point now) {
    std::lock_guard lock(mutex_);
    if (windows_.size() >= sweep_threshold) sweep(now);
    auto [it, inserted] = windows_.try_emplace(key, Window{now, 0});
    if (!inserted && now >= it->second.start + window_) it->second = Window{now, 0};
    ++it->second.failures;
}

void RateLimiter::forget(const std::string& key) {
    std::lock_guard lock(mutex_);
    windows_.erase(key);
}

void RateLimiter::sweep(time_point now) {
    std::erase_if(windows_, [&](const auto& entry) { return now >= entry.second.start + window_; });
}

} // namespace naervaer::server
