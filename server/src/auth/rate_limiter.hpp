#pragma once
// Counts failed logins per key (an account's e-mail, a client address) in a fixed window. Kept in
// memory: a restart forgets the counts, which only helps an attacker by one window per restart.
// Several server instances behind a balancer would need it in the store.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace naervaer::server {

class RateLimiter {
public:
    using time_point = std::chrono::system_clock::time_point;

    RateLimiter(int max_failures, std::chrono::seconds window);

    // How long the key must wait before the next attempt, or nothing when it may try now.
    std::optional<std::chrono::seconds> blocked_for(const std::string& key, time_point now);
    void record_failure(const std::string& key, time_point now);
    void forget(const std::string& key);

private:
    struct Window {
        time_point start;
        int failures = 0;
    };
    // Beyond this many tracked keys, expired windows are swept, so a flood of distinct e-mails
    // cannot grow the map without end.
    static constexpr std::size_t sweep_threshold = 10000;

    int max_failures_;
    std::chrono::seconds window_;
    std::mutex mutex_;
    std::unordered_map<std::string, Window> windows_;

    void sweep(time_point now);
};

} // namespace naervaer::server
