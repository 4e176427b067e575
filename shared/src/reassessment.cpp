#include "naervaer/reassessment.hpp"

#include "naervaer/month_arithmetic.hpp"

#include <algorithm>
#include <vector>

namespace naervaer {

namespace {

// [first, last] benefit days of a spell; last is empty for an open end.
struct BenefitInterval {
    Date first;
    std::optional<Date> last;
};

std::optional<BenefitInterval> benefit_interval(const AbsenceSpell& s, int employer_period_days) {
    if (!counts_as_sickness_benefit(s)) return std::nullopt;
    const Date first = s.first_day.plus_days(employer_period_days);
    std::optional<Date> last = s.last_day;
    if (!last && s.expected_return) last = s.expected_return->plus_days(-1);
    if (last && *last < first) return std::nullopt;
    return BenefitInterval{first, last};
}

// Benefit days of an interval within [from, to].
int days_between(const BenefitInterval& i, Date from, Date to) {
    const Date start = std::max(from, i.first);
    const Date end = i.last ? std::min(to, *i.last) : to;
    return end < start ? 0 : (end - start) + 1;
}

} // namespace

bool counts_as_sickness_benefit(const AbsenceSpell& s) {
    return s.kind != AbsenceKind::pregnancy_related && s.kind != AbsenceKind::child_first_sick_day;
}

int benefit_days_in(const AbsenceSpell& spell, Date from, Date to, int employer_period_days) {
    const auto interval = benefit_interval(spell, employer_period_days);
    return interval ? days_between(*interval, from, to) : 0;
}

std::optional<Date> reassessment_limit_date(std::span<const AbsenceSpell> spells,
                                            const ReassessmentLimits& limits) {
    const int limit_days = limits.limit_weeks * 7;
    // The count only rises on a benefit day, so only benefit days can be the first day over the
    // limit. The search ends at the last known benefit day, or for an open spell when it alone
    // would have passed the limit.
    std::vector<BenefitInterval> intervals;
    bool open_ended = false;
    long all_days = 0;
    for (const auto& s : spells) {
        const auto i = benefit_interval(s, limits.employer_period_days);
        if (!i) continue;
        intervals.push_back(*i);
        if (i->last)
            all_days += (*i->last - i->first) + 1;
        else
            open_ended = true;
    }
    // Most employees never get near the limit, whatever the period: no day-by-day search.
    if (!open_ended && all_days <= limit_days) return std::nullopt;
    std::sort(intervals.begin(), intervals.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });

    for (const auto& interval : intervals) {
        const Date stop = interval.last ? *interval.last : interval.first.plus_days(limit_days);
        for (Date day = interval.first; day <= stop; day = day.plus_days(1)) {
            const Date from = period_start(day, limits.period_months);
            int total = 0;
            for (const auto& other : intervals) {
                if (other.first > day) break; // sorted: the rest start later
                total += days_between(other, from, day);
            }
            if (total > limit_days) return day;
        }
    }
    return std::nullopt;
}

} // namespace naervaer
