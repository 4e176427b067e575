#include "naervaer/month_arithmetic.hpp"

#include <algorithm>

namespace naervaer {

Date add_months(Date d, int months) {
    // Months since year 0, then back to a year and month; floor division for negative results.
    const int total = d.year() * 12 + (d.month() - 1) + months;
    const int year = total >= 0 ? total / 12 : (total - 11) / 12;
    const int month = total - year * 12 + 1;
    const int day = std::min(d.day(), days_in_month(year, month));
    return *Date::from_ymd(year, month, day);
}

Date period_start(Date last, int months) {
    return add_months(last, -months).plus_days(1);
}

} // namespace naervaer
