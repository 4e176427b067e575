#include "naervaer/calendar.hpp"

#include <algorithm>
#include <mutex>
#include <unordered_map>

namespace naervaer {

Date easter_sunday(int year) {
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    const int a = year % 19, b = year / 100, c = year % 100;
    const int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4, k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return *Date::from_ymd(year, month, day);
}

std::vector<PublicHoliday> public_holidays(int year) {
    const Date easter = easter_sunday(year);
    std::vector<PublicHoliday> days = {
        {*Date::from_ymd(year, 1, 1), "Nytårsdag", "New Year's Day"},
        {easter.plus_days(-3), "Skærtorsdag", "Maundy Thursday"},
        {easter.plus_days(-2), "Langfredag", "Good Friday"},
        {easter, "Påskedag", "Easter Sunday"},
        {easter.plus_days(1), "2. påskedag", "Easter Monday"},
    };
    // Store bededag: the 4th Friday after Easter, a public holiday until it was abolished with
    // effect from 2024 (lov nr. 16 af 28. februar 2023).
    if (year <= 2023) days.push_back({easter.plus_days(26), "Store bededag", "General Prayer Day"});
    days.push_back({easter.plus_days(39), "Kristi himmelfartsdag", "Ascension Day"});
    days.push_back({easter.plus_days(49), "Pinsedag", "Whit Sunday"});
    days.push_back({easter.plus_days(50), "2. pinsedag", "Whit Monday"});
    days.push_back({*Date::from_ymd(year, 12, 25), "Juledag", "Christmas Day"});
    days.push_back({*Date::from_ymd(year, 12, 26), "2. juledag", "Boxing Day"});
    std::sort(days.begin(), days.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
    return days;
}

namespace {

// Working-day loops ask about the same few years over and over: cache each year's holiday
// serials. The cache is tiny (a handful of years) and guarded for the server's worker threads.
bool holiday_lookup(Date d) {
    static std::mutex mutex;
    static std::unordered_map<int, std::vector<int32_t>> by_year;
    const int year = d.year();
    std::lock_guard lock(mutex);
    auto it = by_year.find(year);
    if (it == by_year.end()) {
        std::vector<int32_t> serials;
        for (const auto& h : public_holidays(year)) serials.push_back(h.date.serial());
        it = by_year.emplace(year, std::move(serials)).first;
    }
    return std::binary_search(it->second.begin(), it->second.end(), d.serial());
}

} // namespace

bool is_public_holiday(Date d) { return holiday_lookup(d); }

bool is_working_day(Date d) { return !d.is_weekend() && !is_public_holiday(d); }

Date add_working_days(Date from, int n) {
    Date d = from;
    if (n == 0) {
        while (!is_working_day(d)) d = d.plus_days(1);
        return d;
    }
    const int step = n > 0 ? 1 : -1;
    for (int left = n > 0 ? n : -n; left > 0;) {
        d = d.plus_days(step);
        if (is_working_day(d)) --left;
    }
    return d;
}

int working_days_between(Date from, Date to) {
    int count = 0;
    for (Date d = from.plus_days(1); d <= to; d = d.plus_days(1))
        if (is_working_day(d)) ++count;
    return count;
}

Date working_day_on_or_before(Date d) {
    while (!is_working_day(d)) d = d.plus_days(-1);
    return d;
}

} // namespace naervaer
