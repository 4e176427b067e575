#include "naervaer/date.hpp"

#include <doctest/doctest.h>

using naervaer::Date;

namespace {
Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }
} // namespace

TEST_CASE("dates: a day number round-trips through year, month and day") {
    for (int serial = -30000; serial < 80000; serial += 37) {
        const Date x = Date::from_serial(serial);
        if (x.year() < 1900 || x.year() > 2200) continue;
        CHECK(Date::from_ymd(x.year(), x.month(), x.day())->serial() == serial);
    }
    CHECK(d(1970, 1, 1).serial() == 0);
    CHECK(d(2000, 3, 1) - d(2000, 2, 28) == 2); // 2000 is a leap year (divisible by 400)
    CHECK(d(2100, 3, 1) - d(2100, 2, 28) == 1); // 2100 is not
}

TEST_CASE("dates: impossible dates are refused") {
    CHECK_FALSE(Date::from_ymd(2023, 2, 29));
    CHECK(Date::from_ymd(2028, 2, 29)); // leap day 2028
    CHECK_FALSE(Date::from_ymd(2024, 4, 31));
    CHECK_FALSE(Date::from_ymd(2024, 13, 1));
    CHECK_FALSE(Date::from_ymd(2024, 0, 10));
    CHECK_FALSE(Date::from_ymd(1850, 1, 1));
}

TEST_CASE("dates: weekdays start on Monday") {
    CHECK(d(2024, 1, 1).weekday() == 0); // Monday
    CHECK(d(2023, 5, 5).weekday() == 4); // Friday (Store bededag 2023)
    CHECK(d(2028, 2, 29).weekday() == 1); // Tuesday
    CHECK(d(2026, 11, 22).is_weekend());  // Sunday
    CHECK(d(1969, 12, 31).weekday() == 2); // Wednesday, before the epoch
}

TEST_CASE("dates: the UI writes dd-mm-åååå and the wire yyyy-mm-dd") {
    CHECK(d(2024, 5, 7).danish() == "07-05-2024");
    CHECK(d(2024, 5, 7).iso() == "2024-05-07");
    CHECK(Date::parse_iso("2028-02-29") == d(2028, 2, 29));
    CHECK_FALSE(Date::parse_iso("2023-02-29"));
    CHECK_FALSE(Date::parse_iso("2024-5-07"));
    CHECK_FALSE(Date::parse_iso("07-05-2024"));
}

TEST_CASE("dates: Danish input accepts dashes, dots and slashes and one-digit day and month") {
    CHECK(Date::parse_danish("07-05-2024") == d(2024, 5, 7));
    CHECK(Date::parse_danish("7.5.2024") == d(2024, 5, 7));
    CHECK(Date::parse_danish(" 31/12/2025 ") == d(2025, 12, 31));
    CHECK_FALSE(Date::parse_danish("31-04-2024"));   // April has 30 days
    CHECK_FALSE(Date::parse_danish("07-05-24"));     // two-digit years are ambiguous
    CHECK_FALSE(Date::parse_danish("07-05.2024"));   // mixed separators
    CHECK_FALSE(Date::parse_danish("2024-05-07"));   // ISO is not the UI format
    CHECK_FALSE(Date::parse_danish("07-05-2024x"));
    CHECK_FALSE(Date::parse_danish(""));
}
