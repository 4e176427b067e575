#pragma once
// The server's notion of now. Config::clock lets tests move time (session expiry, rate-limit
// windows) without sleeping.
#include "naervaer/date.hpp"

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

// The calendar day in Denmark at `t`: CET (UTC+1), or CEST (UTC+2) from 01:00 UTC on the last
// Sunday of March to 01:00 UTC on the last Sunday of October (the EU rule, in force since 1996).
// Users' "today" is Danish whatever the machine's zone: a step marked done at 00:30 in
// Copenhagen is done that day, although UTC still says yesterday.
Date danish_today(std::chrono::system_clock::time_point t);

} // namespace naervaer::server
