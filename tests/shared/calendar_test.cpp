#include "naervaer/calendar.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace naervaer;

namespace {
Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

bool has_holiday(int year, const std::string& name, Date date) {
    const auto all = public_holidays(year);
    return std::any_of(all.begin(), all.end(), [&](const auto& h) { return h.name_da == name && h.date == date; });
}
} // namespace

TEST_CASE("holidays: Easter Sunday falls in March or April as the computus says") {
    // Published Easter dates.
    CHECK(easter_sunday(2008) == d(2008, 3, 23)); // early, in March
    CHECK(easter_sunday(2016) == d(2016, 3, 27));
    CHECK(easter_sunday(2023) == d(2023, 4, 9));
    CHECK(easter_sunday(2024) == d(2024, 3, 31)); // March
    CHECK(easter_sunday(2025) == d(2025, 4, 20)); // April
    CHECK(easter_sunday(2038) == d(2038, 4, 25)); // the latest possible date
}

TEST_CASE("holidays: 2023 still has Store bededag, 2024 no longer") {
    // Easter 2023 was 9 April: Store bededag = 26 days later, Friday 5 May 2023.
    CHECK(has_holiday(2023, "Store bededag", d(2023, 5, 5)));
    CHECK(is_public_holiday(d(2023, 5, 5)));
    CHECK(public_holidays(2023).size() == 11);
    // Easter 2024 was 31 March: the old Store bededag would have been Friday 26 April 2024.
    CHECK_FALSE(is_public_holiday(d(2024, 4, 26)));
    CHECK(is_working_day(d(2024, 4, 26)));
    CHECK(public_holidays(2024).size() == 10);
}

TEST_CASE("holidays: the movable feasts of 2024 follow Easter on 31 March") {
    CHECK(has_holiday(2024, "Skærtorsdag", d(2024, 3, 28)));
    CHECK(has_holiday(2024, "Langfredag", d(2024, 3, 29)));
    CHECK(has_holiday(2024, "2. påskedag", d(2024, 4, 1)));
    CHECK(has_holiday(2024, "Kristi himmelfartsdag", d(2024, 5, 9)));
    CHECK(has_holiday(2024, "Pinsedag", d(2024, 5, 19)));
    CHECK(has_holiday(2024, "2. pinsedag", d(2024, 5, 20)));
    CHECK(has_holiday(2024, "Juledag", d(2024, 12, 25)));
    CHECK(has_holiday(2024, "2. juledag", d(2024, 12, 26)));
    CHECK(has_holiday(2024, "Nytårsdag", d(2024, 1, 1)));
}

TEST_CASE("holidays: Christmas Eve, New Year's Eve and Grundlovsdag are not public holidays") {
    CHECK(is_working_day(d(2025, 12, 24))); // Wednesday
    CHECK(is_working_day(d(2025, 12, 31))); // Wednesday
    CHECK(is_working_day(d(2025, 6, 5)));   // Thursday
}

TEST_CASE("working days: Store bededag 2023 is skipped, 26 April 2024 is not") {
    // Wednesday 3 May 2023 + 2 working days: Thursday 4 May, (Friday 5 May is Store bededag),
    // Monday 8 May.
    CHECK(add_working_days(d(2023, 5, 3), 2) == d(2023, 5, 8));
    // Wednesday 24 April 2024 + 2: Thursday 25, Friday 26 April.
    CHECK(add_working_days(d(2024, 4, 24), 2) == d(2024, 4, 26));
}

TEST_CASE("working days: Easter 2024 in March takes four working days out") {
    // Wednesday 27 March 2024 + 2: 28 and 29 March and 1 April are holidays, so Tuesday 2 April
    // is the first and Wednesday 3 April the second.
    CHECK(add_working_days(d(2024, 3, 27), 2) == d(2024, 4, 3));
    CHECK(working_days_between(d(2024, 3, 27), d(2024, 4, 3)) == 2);
}

TEST_CASE("working days: across Christmas and the new year") {
    // Tuesday 23 December 2025 + 3: Wednesday 24 (a working day), 25 and 26 are holidays, then
    // the weekend, Monday 29, Tuesday 30.
    CHECK(add_working_days(d(2025, 12, 23), 3) == d(2025, 12, 30));
    // Friday 20 December 2024 to Friday 3 January 2025: 23, 24, 27, 30, 31 December and 2, 3
    // January (1 January is Nytårsdag).
    CHECK(working_days_between(d(2024, 12, 20), d(2025, 1, 3)) == 7);
    CHECK(working_days_between(d(2025, 1, 3), d(2024, 12, 20)) == 0);
}

TEST_CASE("working days: zero and negative steps") {
    CHECK(add_working_days(d(2024, 3, 29), 0) == d(2024, 4, 2)); // Langfredag → next working day
    CHECK(add_working_days(d(2024, 4, 2), 0) == d(2024, 4, 2));
    CHECK(add_working_days(d(2024, 4, 2), -1) == d(2024, 3, 27)); // back over Easter
    CHECK(working_day_on_or_before(d(2024, 4, 1)) == d(2024, 3, 27));
    CHECK(working_day_on_or_before(d(2026, 11, 22)) == d(2026, 11, 20)); // Sunday → Friday
}
