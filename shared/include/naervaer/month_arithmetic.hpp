#pragma once
// Calendar-month arithmetic. Periods such as "22 weeks within 9 months" (reassessment) and the
// employers' "3 spells within 3 months" are counted in months, which have no fixed length.
#include "naervaer/date.hpp"

namespace naervaer {

// The same day of the month `months` later (negative: earlier). A day that does not exist in the
// target month becomes its last day: 31-05-2025 - 3 months = 28-02-2025 (ordinary Danish usage,
// cf. the end-of-month rule in Danish deadline computation).
Date add_months(Date d, int months);

// First day of the period of `months` months that ends on `last` (inclusive):
// 31-03-2025 with 3 months -> 01-01-2025 (add_months(last, -months) + 1 day).
Date period_start(Date last, int months);

} // namespace naervaer
