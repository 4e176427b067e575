#pragma once
// Danish public holidays (helligdage) and working-day arithmetic. Service standards of the
// jobcentres (seed 001) and the fast-track answers (bek. 1710/2024) count working days.
#include "naervaer/date.hpp"

#include <string>
#include <vector>

namespace naervaer {

struct PublicHoliday {
    Date date;
    std::string name_da;
    std::string name_en;
};

// Western Easter Sunday (Gregorian computus).
Date easter_sunday(int year);

// The official public holidays of a year, in date order. Store bededag (4th Friday after Easter)
// was abolished from 2024 (lov nr. 16 af 28/02/2023), so it is listed only up to 2023.
std::vector<PublicHoliday> public_holidays(int year);

bool is_public_holiday(Date d);
// Monday to Friday and not a public holiday.
bool is_working_day(Date d);
// The n-th working day after `from` (n >= 0; n == 0 returns `from` itself when it is a working
// day, otherwise the next working day). Negative n counts backwards.
Date add_working_days(Date from, int n);
// Working days in the half-open interval (from, to]: 0 when to <= from.
int working_days_between(Date from, Date to);
// `d` when it is a working day, otherwise the last working day before it.
Date working_day_on_or_before(Date d);

} // namespace naervaer
