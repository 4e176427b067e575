#pragma once
// The reassessment limit: the municipality must reassess a case when more than 22 weeks of
// sickness benefit have been paid within 9 months, the employer period not counted (law.md,
// "reassessment", cabiweb.dk). The employer sees it coming as a warning on the case.
#include "naervaer/date.hpp"
#include "naervaer/records.hpp"

#include <optional>
#include <span>

namespace naervaer {

struct ReassessmentLimits {
    int employer_period_days = 30; // the first 30 days of each spell are the employer's
    int limit_weeks = 22;          // "more than 22 weeks"
    int period_months = 9;         // "within 9 months"
};

// Benefit days of one spell that fall in [from, to]: the days after its employer period, up to its
// last day, or, while ongoing, up to the day before the expected return (open-ended when none).
// Partial spells count as whole days: the law reduces the benefit, but the product does not
// know how the municipality counts partial weeks, so it warns early rather than late.
int benefit_days_in(const AbsenceSpell& spell, Date from, Date to, int employer_period_days);

// Whether the spell is sickness under the Sickness Benefit Act at all (law.md: pregnancy-related
// absence is under barselloven § 6 stk. 2; a child's first sick day is not the employee's sickness).
bool counts_as_sickness_benefit(const AbsenceSpell& spell);

// The first day on which the benefit days in the `period_months` ending that day exceed
// limit_weeks * 7, assuming ongoing spells last until their expected return (or indefinitely).
// Nothing when the spells as known never reach it.
std::optional<Date> reassessment_limit_date(std::span<const AbsenceSpell> spells,
                                            const ReassessmentLimits& limits);

} // namespace naervaer
