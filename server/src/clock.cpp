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

namespace {

Date utc_day(int64_t seconds) {
    // Floor division: days before 1970 round down, not toward zero.
    const int64_t day = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    return Date::from_serial(static_cast<int32_t>(day));
}

// Unix seconds of 01:00 UTC on the last Sunday of `month` in `year`, when summer time starts
// (March) or ends (October).
int64_t summer_time_switch(int year, int month) {
    const Date last = *Date::from_ymd(year, month, days_in_month(year, month));
    const Date sunday = last.plus_days(-((last.weekday() + 1) % 7)); // weekday: 0 = Monday, 6 = Sunday
    return int64_t{sunday.serial()} * 86400 + 3600;
}

} // namespace

Date danish_today(std::chrono::system_clock::time_point t) {
    const int64_t utc = unix_seconds(t);
    const int year = utc_day(utc).year();
    const bool summer = utc >= summer_time_switch(year, 3) && utc < summer_time_switch(year, 10);
    return utc_day(utc + (summer ? 2 : 1) * 3600);
}

} // namespace naervaer::server
