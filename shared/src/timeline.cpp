#include "naervaer/timeline.hpp"

#include "naervaer/calendar.hpp"
#include "naervaer/reassessment.hpp"

#include <algorithm>
#include <array>

namespace naervaer {

std::string_view to_string(EntryStatus s) {
    switch (s) {
    case EntryStatus::upcoming:
        return "upcoming";
    case EntryStatus::due_soon:
        return "due_soon";
    case EntryStatus::overdue:
        return "overdue";
    case EntryStatus::met:
        return "met";
    case EntryStatus::passed:
        return "passed";
    case EntryStatus::available:
        return "available";
    case EntryStatus::not_applicable:
        return "not_applicable";
    }
    return "upcoming";
}

const TimelineEntry* CaseTimeline::find(std::string_view rule_id) const {
    for (const auto& e : entries)
        if (e.rule_id == rule_id) return &e;
    return nullptr;
}

bool not_expected_back_within(const AbsenceSpell& spell, int weeks) {
    const int limit = weeks * 7;
    // A closed spell answers the question with the actual return, the day after the last sick day.
    if (spell.last_day) return spell.last_day->plus_days(1) - spell.first_day >= limit;
    if (spell.not_expected_back_within_8_weeks) return true;
    return spell.expected_return && *spell.expected_return - spell.first_day >= limit;
}

namespace {

void mark_not_applicable(TimelineEntry& e, std::string da, std::string en) {
    e.status = EntryStatus::not_applicable;
    e.days_left.reset();
    e.reason_da = std::move(da);
    e.reason_en = std::move(en);
}

// Saturday/Sunday or the holiday's name, for the "falls on a non-working day" note.
void flag_non_working_day(TimelineEntry& e) {
    if (!e.due || is_working_day(*e.due)) return;
    e.due_on_non_working_day = true;
    e.suggested_date = working_day_on_or_before(*e.due);
    if (is_public_holiday(*e.due)) {
        for (const auto& h : public_holidays(e.due->year()))
            if (h.date == *e.due) {
                e.non_working_day_da = h.name_da;
                e.non_working_day_en = h.name_en;
            }
    } else {
        const bool saturday = e.due->weekday() == 5;
        e.non_working_day_da = saturday ? "lørdag" : "søndag";
        e.non_working_day_en = saturday ? "Saturday" : "Sunday";
    }
}

// Checks the rule's conditions in a fixed order and records the first that fails.
bool conditions_hold(const RuleSet& set, const Rule& rule, const CaseInput& in, const CaseTimeline& t,
                     TimelineEntry& e) {
    const auto& c = rule.conditions;
    const auto& spell = in.spell;
    if (!c.payers.empty() && std::find(c.payers.begin(), c.payers.end(), in.payer) == c.payers.end()) {
        mark_not_applicable(e, "Gælder ikke for medarbejderens lønforhold under sygdom.",
                            "Does not apply to how this employee is paid during sickness.");
        return false;
    }
    if (c.not_expected_back_within_8_weeks &&
        *c.not_expected_back_within_8_weeks != t.not_expected_back_within_8_weeks) {
        const std::string w = std::to_string(set.expected_absence_weeks);
        // An open spell without an expected return or the "not back" answer says nothing either way:
        // the timeline must not state an expectation nobody recorded.
        const bool unanswered = !spell.last_day && !spell.expected_return && !spell.not_expected_back_within_8_weeks;
        if (unanswered)
            mark_not_applicable(e, "Det er ikke oplyst, om medarbejderen forventes tilbage inden for " + w + " uger.",
                                "It has not been recorded whether the employee is expected back within " + w +
                                    " weeks.");
        else
            mark_not_applicable(e, "Medarbejderen forventes tilbage inden for " + w + " uger.",
                                "The employee is expected back within " + w + " weeks.");
        return false;
    }
    if (c.fast_track_requested && *c.fast_track_requested != in.fast_track_requested_on.has_value()) {
        if (*c.fast_track_requested)
            mark_not_applicable(e, "Der er ikke anmodet om fast track.",
                                "No fast-track request has been made.");
        else
            mark_not_applicable(e, "Erstattet af fristen efter anmodningen om fast track.",
                                "Replaced by the deadline after the fast-track request.");
        return false;
    }
    if (c.absence_beyond_employer_period && spell.last_day && *spell.last_day <= t.employer_period_end) {
        mark_not_applicable(e, "Fraværet sluttede inden for arbejdsgiverperioden.",
                            "The absence ended within the employer period.");
        return false;
    }
    if (c.absent_on_due_date && spell.last_day && e.due && *spell.last_day < *e.due) {
        mark_not_applicable(e, "Medarbejderen var tilbage før fristen.",
                            "The employee was back before the deadline.");
        return false;
    }
    return true;
}

std::optional<Date> anchor_date(const Rule& rule, const CaseInput& in, const CaseTimeline& t) {
    switch (rule.anchor) {
    case RuleAnchor::first_sick_day:
        return in.spell.first_day;
    case RuleAnchor::employer_period_end:
        return t.employer_period_end;
    case RuleAnchor::fast_track_request:
        return in.fast_track_requested_on;
    }
    return std::nullopt;
}

// upcoming -> due_soon -> (overdue for a deadline, passed otherwise), measured against `due`.
EntryStatus dated_status(RuleKind kind, Date due, Date today, int due_soon_days) {
    if (today > due) return kind == RuleKind::deadline ? EntryStatus::overdue : EntryStatus::passed;
    if (due - today <= due_soon_days) return EntryStatus::due_soon;
    return EntryStatus::upcoming;
}

void fill_reassessment(const Rule& rule, const RuleSet& set, const CaseInput& in, TimelineEntry& e) {
    std::vector<AbsenceSpell> spells = in.employee_spells;
    const bool listed =
        std::any_of(spells.begin(), spells.end(), [&](const auto& s) { return s.id == in.spell.id; });
    if (!listed) spells.push_back(in.spell);
    const auto limit = reassessment_limit_date(
        spells, ReassessmentLimits{set.employer_period_days, rule.limit_weeks, rule.period_months});
    if (!limit) {
        mark_not_applicable(e, "Sygeforløbene når ikke grænsen med den forventede raskmelding.",
                            "The spells do not reach the limit with the expected return.");
        return;
    }
    e.due = limit;
    e.warn_from = limit->plus_days(-7 * rule.lead_weeks);
    e.days_left = *limit - in.today;
    if (in.today >= *limit)
        e.status = EntryStatus::passed;
    else if (in.today >= *e.warn_from)
        e.status = EntryStatus::due_soon;
    else
        e.status = EntryStatus::upcoming;
}

} // namespace

CaseTimeline compute_timeline(const RuleSet& set, const CaseInput& in) {
    CaseTimeline t;
    t.rule_set_id = set.id;
    t.rule_set_title_da = set.title_da;
    t.rule_set_title_en = set.title_en;
    t.first_sick_day = in.spell.first_day;
    // Day 1 is the first sick day, so the 30th calendar day is first_day + 29.
    t.employer_period_end = in.spell.first_day.plus_days(set.employer_period_days - 1);
    t.not_expected_back_within_8_weeks = not_expected_back_within(in.spell, set.expected_absence_weeks);

    if (!counts_as_sickness_benefit(in.spell)) {
        // law.md: pregnancy-related absence is under barselloven § 6 stk. 2, not SDL; a child's
        // first sick day is not the employee's own sickness. No SDL deadlines follow from them.
        t.not_covered_da = "Fraværet er ikke omfattet af sygedagpengeloven, så der er ingen frister her.";
        t.not_covered_en =
            "The absence is not under the Sickness Benefit Act, so there are no deadlines here.";
        return t;
    }

    t.entries.reserve(set.rules.size());
    for (const auto& rule : set.rules) {
        TimelineEntry e;
        e.rule_id = rule.id;
        e.kind = rule.kind;
        if (in.texts) {
            e.title_da = rule.title_da;
            e.title_en = rule.title_en;
            e.explanation_da = rule.explanation_da;
            e.explanation_en = rule.explanation_en;
            e.source = rule.source;
        }

        const bool dated =
            rule.kind == RuleKind::event || rule.kind == RuleKind::deadline || rule.kind == RuleKind::window;
        if (dated)
            if (auto anchor = anchor_date(rule, in, t)) e.due = anchor->plus_days(rule.offset_days);

        if (!conditions_hold(set, rule, in, t, e)) {
            flag_non_working_day(e);
            t.entries.push_back(std::move(e));
            continue;
        }

        for (const auto& done : in.completed)
            if (done.rule_id == rule.id) e.done_on = done.on;
        // Fast track is "done" by making the request (SDL § 7 c), which the case records itself.
        if (rule.kind == RuleKind::window && in.fast_track_requested_on)
            e.done_on = in.fast_track_requested_on;

        if (rule.kind == RuleKind::warning) {
            fill_reassessment(rule, set, in, e);
        } else if (rule.kind == RuleKind::availability) {
            e.status = EntryStatus::available;
        } else if (e.done_on) {
            e.status = EntryStatus::met;
        } else if (e.due) {
            e.status = dated_status(rule.kind, *e.due, in.today, set.due_soon_days);
            e.days_left = *e.due - in.today;
        }
        flag_non_working_day(e);
        t.entries.push_back(std::move(e));
    }
    return t;
}

std::optional<CaseTimeline> compute_case_timeline(std::span<const RuleSet> sets, const CaseInput& input) {
    const RuleSet* set = rule_set_in_force(sets, input.spell.first_day);
    if (!set) return std::nullopt;
    return compute_timeline(*set, input);
}

} // namespace naervaer
