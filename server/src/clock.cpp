#include "clock.hpp"

#include <ctime>

namespace naervaer::server {

Clock effective_clock(Clock clock) {
    if (clock) return clock;
    return [] { return std::chrono::system_clock::now(); };
}

std::string iso_timestamp(std::chrono::system_clock::time_point t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

int64_t unix_seconds(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

} // namespace naervaer::server
