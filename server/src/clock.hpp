#pragma once
// The server's notion of now. Config::clock lets tests move time (session expiry, rate-limit
// windows) without sleeping.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace naervaer::server {

using Clock = std::function<std::chrono::system_clock::time_point()>;

// The given clock, or the system clock when it is empty.
Clock effective_clock(Clock clock);

// "2024-05-17T08:30:00Z" (UTC, whole seconds).
std::string iso_timestamp(std::chrono::system_clock::time_point t);
int64_t unix_seconds(std::chrono::system_clock::time_point t);

} // namespace naervaer::server
