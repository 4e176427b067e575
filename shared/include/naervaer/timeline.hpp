#pragma once
// The timeline of one case (= one absence spell): every rule of the rule set in force on the first
// sick day, turned into a dated entry with a status relative to today. Counting conventions are in
// docs/deadlines.md: day 1 is the first sick day, "N weeks after the first sick day" is
// first_day + 7N (the same weekday), "within the first N weeks" ends on day 7N.
#include "naervaer/date.hpp"
#include "naervaer/records.hpp"
#include "naervaer/rule_set.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace naervaer {

enum class EntryStatus {
    upcoming,       // dated, more than due_soon_days away
    due_soon,       // dated, within due_soon_days (a warning: within its lead time)
    overdue,        // a deadline whose date has passed without being marked done
    met,            // marked done (or, for fast track, requested)
    passed,         // an event or window whose date is behind us (nothing left to do)
    available,      // an option with no date that may be used now (retention plan)
    not_applicable, // its conditions do not hold for this case; `reason_*` says why
};
std::string_view to_string(EntryStatus s);

// A step the employer has marked done, e.g. the absence conversation held on a date.
struct CompletedStep {
    std::string rule_id;
    Date on;
};

struct CaseInput {
    AbsenceSpell spell;
    // The employee's per-employee NemRefusion setting (who pays during the employer period).
    NemRefusionPayer payer = NemRefusionPayer::wages;
    std::optional<Date> fast_track_requested_on;
    // All of the employee's spells, for the reassessment warning; the case spell is added when
    // no spell with its id is in the list.
    std::vector<AbsenceSpell> employee_spells;
    std::vector<CompletedStep> completed;
    Date today;
    // false: entries carry ids, dates and statuses but no titles, explanations or sources, which
    // the caller takes from the rule set for the few entries it shows (the to-do list of a large
    // organisation computes tens of thousands of timelines; copying every text was most of it).
    bool texts = true;
};

struct TimelineEntry {
    std::string rule_id;
    RuleKind kind = RuleKind::deadline;
    std::optional<Date> due;       // the legal date (last day to act / day it happens)
    std::optional<Date> warn_from; // warning only: when the warning starts
    EntryStatus status = EntryStatus::upcoming;
    std::optional<int> days_left; // due - today while not met/not applicable; 0 = today, < 0 = past
    std::optional<Date> done_on;
    // Set when `due` is a Saturday, Sunday or public holiday: the law does not move the date, so
    // the product suggests acting on the last working day before it.
    bool due_on_non_working_day = false;
    std::string non_working_day_da, non_working_day_en; // "lørdag"/"Saturday", "Langfredag"/"Good Friday"
    std::optional<Date> suggested_date;
    std::string reason_da, reason_en; // why not applicable, when it is not
    std::string title_da, title_en;
    std::string explanation_da, explanation_en;
    std::string source;
};

struct CaseTimeline {
    std::string rule_set_id; // shown on the case: which law applied
    std::string rule_set_title_da, rule_set_title_en;
    Date first_sick_day;
    Date employer_period_end; // day 30
    bool not_expected_back_within_8_weeks = false;
    // Empty when the spell is under the Sickness Benefit Act; otherwise why it has no timeline.
    std::string not_covered_da, not_covered_en;
    std::vector<TimelineEntry> entries;

    const TimelineEntry* find(std::string_view rule_id) const;
};

// Whether the employee is not expected back within `weeks` weeks of the first sick day: the
// explicit flag, or an expected (or actual, for a closed spell) return on day 7*weeks + 1 or later.
// The same boundary as validate(AbsenceSpell): expected_return - first_day >= 56 for 8 weeks.
bool not_expected_back_within(const AbsenceSpell& spell, int weeks);

// The timeline under one given rule set.
CaseTimeline compute_timeline(const RuleSet& rules, const CaseInput& input);

// The timeline under the set in force on the spell's first sick day; nothing when no set covers it.
std::optional<CaseTimeline> compute_case_timeline(std::span<const RuleSet> sets, const CaseInput& input);

} // namespace naervaer
