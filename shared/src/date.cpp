#include "naervaer/date.hpp"

#include <cstdio>

namespace naervaer {
namespace {

// Days from civil and back: Howard Hinnant's algorithms for the proleptic Gregorian calendar
// (public domain description, "chrono-Compatible Low-Level Date Algorithms").
int32_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Ymd {
    int y, m, d;
};

Ymd civil_from_days(int32_t z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {y + (m <= 2), m, d};
}

// Reads exactly `n` ASCII digits.
bool read_digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

} // namespace

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return m == 2 && is_leap_year(y) ? 29 : days[m - 1];
}

std::optional<Date> Date::from_ymd(int y, int m, int d) {
    // The portal deals with employment: years outside 1900-2200 are typing errors.
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
    return from_serial(days_from_civil(y, m, d));
}

std::optional<Date> Date::parse_iso(std::string_view s) {
    int y, m, d;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    if (!read_digits(s, 0, 4, y) || !read_digits(s, 5, 2, m) || !read_digits(s, 8, 2, d)) return std::nullopt;
    return from_ymd(y, m, d);
}

std::optional<Date> Date::parse_danish(std::string_view s) {
    s = trim(s);
    // d-m-yyyy with one or two digit day and month; separators '-', '.' or '/' (all used in
    // Danish writing), the same separator twice.
    std::size_t pos = 0;
    auto number = [&](int max_digits, int& out) {
        std::size_t start = pos;
        int v = 0;
        while (pos < s.size() && pos - start < static_cast<std::size_t>(max_digits) && s[pos] >= '0' &&
               s[pos] <= '9')
            v = v * 10 + (s[pos++] - '0');
        out = v;
        return pos > start;
    };
    int d, m, y;
    if (!number(2, d) || pos >= s.size()) return std::nullopt;
    const char sep = s[pos];
    if (sep != '-' && sep != '.' && sep != '/') return std::nullopt;
    ++pos;
    if (!number(2, m) || pos >= s.size() || s[pos] != sep) return std::nullopt;
    ++pos;
    const std::size_t year_start = pos;
    if (!number(4, y) || pos != s.size() || pos - year_start != 4) return std::nullopt;
    return from_ymd(y, m, d);
}

int Date::year() const { return civil_from_days(days_).y; }
int Date::month() const { return civil_from_days(days_).m; }
int Date::day() const { return civil_from_days(days_).d; }

int Date::weekday() const {
    // 1970-01-01 was a Thursday (index 3 with Monday = 0).
    const int w = (days_ + 3) % 7;
    return w < 0 ? w + 7 : w;
}

std::string Date::iso() const {
    const Ymd c = civil_from_days(days_);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
    return buf;
}

std::string Date::danish() const {
    const Ymd c = civil_from_days(days_);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", c.d, c.m, c.y);
    return buf;
}

} // namespace naervaer
