// Hand-worked case timelines. Conventions (docs/deadlines.md): day 1 = the first sick day;
// "N weeks after the first sick day" = first day + 7N days (same weekday); "within the first 5
// weeks" ends on day 35 = first day + 34; the employer period ends on day 30 = first day + 29;
// "before the end of week 8" = day 56 = first day + 55. A date on a weekend or holiday keeps its
// legal value and gets the last working day before it as a suggestion.
#include "naervaer/timeline.hpp"

#include "rules_fixture.hpp"

#include <doctest/doctest.h>

using namespace naervaer;
using naervaer::test::shipped_rule_sets;

namespace {
Date d(int y, int m, int day) {
    return *Date::from_ymd(y, m, day);
}

AbsenceSpell ongoing(Date first, std::string id = "s1") {
    AbsenceSpell s;
    s.id = std::move(id);
    s.employee_id = "e1";
    s.first_day = first;
    return s;
}

AbsenceSpell closed(Date first, Date last, std::string id) {
    AbsenceSpell s = ongoing(first, std::move(id));
    s.last_day = last;
    return s;
}

CaseTimeline timeline(const CaseInput& in) {
    auto t = compute_case_timeline(shipped_rule_sets(), in);
    REQUIRE(t.has_value());
    return *t;
}

CaseInput case_of(AbsenceSpell spell, Date today) {
    CaseInput in;
    in.spell = std::move(spell);
    in.today = today;
    return in;
}

const TimelineEntry& entry(const CaseTimeline& t, std::string_view id) {
    const TimelineEntry* e = t.find(id);
    REQUIRE_MESSAGE(e != nullptr, "no entry " << id);
    return *e;
}
} // namespace

TEST_CASE("timeline: a case over the year end counts calendar days into January") {
    // First sick day Mon 16-12-2024 (rule set dk-2023-01-01, in force on that day).
    // Employer period: day 30 = 16-12 + 29 = Tue 14-01-2025.
    // Conversation: 4 weeks = 16-12 + 28 = Mon 13-01-2025 (a working day, no flag).
    // NemRefusion (wages): 5 weeks = 16-12 + 35 = Mon 20-01-2025.
    AbsenceSpell s = ongoing(d(2024, 12, 16));
    s.not_expected_back_within_8_weeks = true;
    const auto t = timeline(case_of(s, d(2024, 12, 20)));
    CHECK(t.rule_set_id == "dk-2023-01-01");
    CHECK(t.employer_period_end == d(2025, 1, 14));
    CHECK(entry(t, "employer_period_end").due == d(2025, 1, 14));
    CHECK(entry(t, "absence_conversation").due == d(2025, 1, 13));
    CHECK_FALSE(entry(t, "absence_conversation").due_on_non_working_day);
    CHECK(entry(t, "nemrefusion_report_wages").due == d(2025, 1, 20));
    // Fast-track window: day 35 = 16-12 + 34 = Sun 19-01-2025 -> suggest Fri 17-01-2025.
    const auto& ft = entry(t, "fast_track_window");
    CHECK(ft.due == d(2025, 1, 19));
    CHECK(ft.due_on_non_working_day);
    CHECK(ft.non_working_day_da == "søndag");
    CHECK(ft.suggested_date == d(2025, 1, 17));
    // Municipality, end of week 8: day 56 = 16-12 + 55 = Sun 09-02-2025 -> Fri 07-02-2025.
    CHECK(entry(t, "municipality_first_follow_up").due == d(2025, 2, 9));
    CHECK(entry(t, "municipality_first_follow_up").suggested_date == d(2025, 2, 7));
}

TEST_CASE("timeline: a deadline on 2. juledag suggests Christmas Eve, which is a working day") {
    // First sick day Thu 28-11-2024. Conversation: 28-11 + 28 = Thu 26-12-2024 (2. juledag).
    // Back from it: Wed 25-12 Juledag, Tue 24-12 is a working day -> suggest Tue 24-12-2024.
    const auto t = timeline(case_of(ongoing(d(2024, 11, 28)), d(2024, 12, 2)));
    const auto& conv = entry(t, "absence_conversation");
    CHECK(conv.due == d(2024, 12, 26));
    CHECK(conv.due_on_non_working_day);
    CHECK(conv.non_working_day_da == "2. juledag");
    CHECK(conv.non_working_day_en == "Boxing Day");
    CHECK(conv.suggested_date == d(2024, 12, 24));
}

TEST_CASE("timeline: a fast-track window closing on Nytårsdag suggests New Year's Eve") {
    // First sick day Thu 28-11-2024, not expected back within 8 weeks.
    // Window: 28-11 + 34 = Wed 01-01-2025 (Nytårsdag) -> suggest Tue 31-12-2024.
    AbsenceSpell s = ongoing(d(2024, 11, 28));
    s.not_expected_back_within_8_weeks = true;
    const auto t = timeline(case_of(s, d(2024, 12, 2)));
    const auto& ft = entry(t, "fast_track_window");
    CHECK(ft.due == d(2025, 1, 1));
    CHECK(ft.non_working_day_da == "Nytårsdag");
    CHECK(ft.suggested_date == d(2024, 12, 31));
    // The case started in 2024: the set in force then, although the window closes in 2025.
    CHECK(t.rule_set_id == "dk-2023-01-01");
}

TEST_CASE("timeline: a conversation due on Langfredag 2025 suggests the Wednesday before Easter") {
    // Easter Sunday 20-04-2025: Skærtorsdag Thu 17-04, Langfredag Fri 18-04.
    // First sick day Fri 21-03-2025. Conversation: 21-03 + 28 = Fri 18-04-2025 (Langfredag).
    // Last working day before: Thu 17-04 is Skærtorsdag, so Wed 16-04-2025.
    // Employer period: 21-03 + 29 = Sat 19-04-2025 -> also suggested Wed 16-04-2025.
    const auto t = timeline(case_of(ongoing(d(2025, 3, 21)), d(2025, 3, 24)));
    CHECK(t.rule_set_id == "dk-2025-01-01");
    const auto& conv = entry(t, "absence_conversation");
    CHECK(conv.due == d(2025, 4, 18));
    CHECK(conv.non_working_day_da == "Langfredag");
    CHECK(conv.suggested_date == d(2025, 4, 16));
    CHECK(entry(t, "employer_period_end").due == d(2025, 4, 19));
    CHECK(entry(t, "employer_period_end").non_working_day_da == "lørdag");
    CHECK(entry(t, "employer_period_end").suggested_date == d(2025, 4, 16));
}

TEST_CASE("timeline: a NemRefusion report due on 2. påskedag 2024 suggests the Wednesday before") {
    // Easter Sunday 31-03-2024. First sick day Mon 26-02-2024.
    // NemRefusion (wages): 26-02 + 35 = Mon 01-04-2024 (2. påskedag). Back: Sun 31-03, Sat 30-03,
    // Fri 29-03 Langfredag, Thu 28-03 Skærtorsdag -> Wed 27-03-2024.
    // Employer period: 26-02 + 29 = Tue 26-03-2024 (2024 is a leap year: Feb has 29 days).
    const auto t = timeline(case_of(ongoing(d(2024, 2, 26)), d(2024, 3, 1)));
    const auto& nem = entry(t, "nemrefusion_report_wages");
    CHECK(nem.due == d(2024, 4, 1));
    CHECK(nem.non_working_day_en == "Easter Monday");
    CHECK(nem.suggested_date == d(2024, 3, 27));
    CHECK(t.employer_period_end == d(2024, 3, 26));
}

TEST_CASE("timeline: leap day 29-02-2028 is a due date and shortens the employer period by a date") {
    // First sick day Tue 01-02-2028. Conversation: 01-02 + 28 = Tue 29-02-2028 (leap day).
    // Employer period: 01-02 + 29 = Wed 01-03-2028 (February 2028 has 29 days).
    const auto t = timeline(case_of(ongoing(d(2028, 2, 1)), d(2028, 2, 2)));
    CHECK(t.rule_set_id == "dk-2025-01-01");
    CHECK(entry(t, "absence_conversation").due == d(2028, 2, 29));
    CHECK_FALSE(entry(t, "absence_conversation").due_on_non_working_day);
    CHECK(t.employer_period_end == d(2028, 3, 1));
    // Same first date in 2027 (no leap day): 01-02-2027 + 29 = Tue 02-03-2027 and the
    // conversation 01-02 + 28 = Mon 01-03-2027.
    const auto t27 = timeline(case_of(ongoing(d(2027, 2, 1)), d(2027, 2, 2)));
    CHECK(t27.employer_period_end == d(2027, 3, 2));
    CHECK(entry(t27, "absence_conversation").due == d(2027, 3, 1));
}

TEST_CASE("timeline: Store bededag 2023 is a holiday on a due date, its 2024 date is not") {
    // 2023: Easter 09-04, Store bededag = Fri 05-05-2023. First sick day Fri 07-04-2023;
    // conversation 07-04 + 28 = Fri 05-05-2023 -> flagged, suggest Thu 04-05-2023.
    const auto t23 = timeline(case_of(ongoing(d(2023, 4, 7)), d(2023, 4, 11)));
    CHECK(t23.rule_set_id == "dk-2023-01-01");
    const auto& c23 = entry(t23, "absence_conversation");
    CHECK(c23.due == d(2023, 5, 5));
    CHECK(c23.due_on_non_working_day);
    CHECK(c23.non_working_day_da == "Store bededag");
    CHECK(c23.suggested_date == d(2023, 5, 4));
    // 2024: Easter 31-03; the abolished day would be Fri 26-04-2024. First sick day Fri 29-03-2024;
    // conversation 29-03 + 28 = Fri 26-04-2024, an ordinary working day.
    const auto t24 = timeline(case_of(ongoing(d(2024, 3, 29)), d(2024, 4, 2)));
    const auto& c24 = entry(t24, "absence_conversation");
    CHECK(c24.due == d(2024, 4, 26));
    CHECK_FALSE(c24.due_on_non_working_day);
    CHECK_FALSE(c24.suggested_date.has_value());
}

TEST_CASE("timeline: a partial spell has the same deadlines as a full one") {
    // Partial absence counts as absence days (law.md: the benefit is reduced, the spell runs).
    // First sick day Wed 08-01-2025, working 20 of 37 hours. Conversation 08-01 + 28 =
    // Wed 05-02-2025; employer period 08-01 + 29 = Thu 06-02-2025; NemRefusion 08-01 + 35 =
    // Wed 12-02-2025.
    AbsenceSpell s = ongoing(d(2025, 1, 8));
    s.partial = true;
    s.hours_worked_per_week = 20;
    const auto t = timeline(case_of(s, d(2025, 1, 9)));
    CHECK(entry(t, "absence_conversation").due == d(2025, 2, 5));
    CHECK(entry(t, "absence_conversation").status == EntryStatus::upcoming);
    CHECK(t.employer_period_end == d(2025, 2, 6));
    CHECK(entry(t, "nemrefusion_report_wages").due == d(2025, 2, 12));
    CHECK(entry(t, "nemrefusion_report_wages").status == EntryStatus::upcoming);
}

TEST_CASE("timeline: a spell closed after 12 days drops its later duties, the next spell starts afresh") {
    // Spell A: Mon 06-01-2025 .. Fri 17-01-2025. Conversation would be 06-01 + 28 = 03-02-2025,
    // employer period end 06-01 + 29 = 04-02-2025: the employee was back before both, and the
    // absence ended within the employer period, so NemRefusion (wages) does not apply either.
    const auto a = timeline(case_of(closed(d(2025, 1, 6), d(2025, 1, 17), "a"), d(2025, 1, 20)));
    CHECK(entry(a, "absence_conversation").status == EntryStatus::not_applicable);
    CHECK(entry(a, "absence_conversation").due == d(2025, 2, 3));
    CHECK(entry(a, "employer_period_end").status == EntryStatus::not_applicable);
    CHECK(entry(a, "nemrefusion_report_wages").status == EntryStatus::not_applicable);
    CHECK(entry(a, "nemrefusion_report_wages").reason_en == "The absence ended within the employer period.");
    // Spell B from Mon 27-01-2025 is its own case (law.md has no relapse rule): conversation
    // 27-01 + 28 = Mon 24-02-2025; employer period 27-01 + 29 = Tue 25-02-2025.
    const auto b = timeline(case_of(ongoing(d(2025, 1, 27), "b"), d(2025, 1, 28)));
    CHECK(entry(b, "absence_conversation").due == d(2025, 2, 24));
    CHECK(b.employer_period_end == d(2025, 2, 25));
    CHECK(entry(b, "absence_conversation").status == EntryStatus::upcoming);
}

TEST_CASE(
    "timeline: NemRefusion (wages) applies when the absence lasts into day 31, not when it ends on day 30") {
    // First sick day Mon 06-01-2025; day 30 = Tue 04-02-2025; due 06-01 + 35 = Mon 10-02-2025.
    const auto on_30 = timeline(case_of(closed(d(2025, 1, 6), d(2025, 2, 4), "a"), d(2025, 2, 5)));
    CHECK(entry(on_30, "nemrefusion_report_wages").status == EntryStatus::not_applicable);
    const auto on_31 = timeline(case_of(closed(d(2025, 1, 6), d(2025, 2, 5), "a"), d(2025, 2, 6)));
    const auto& nem = entry(on_31, "nemrefusion_report_wages");
    CHECK(nem.status == EntryStatus::due_soon); // 10-02 - 06-02 = 4 days <= 7
    CHECK(nem.days_left == 4);
    CHECK(nem.due == d(2025, 2, 10));
}

TEST_CASE("timeline: the conversation is upcoming, due soon, overdue or met depending on today") {
    // First sick day Mon 06-01-2025; conversation 06-01 + 28 = Mon 03-02-2025; due soon = 7 days.
    CaseInput in = case_of(ongoing(d(2025, 1, 6)), d(2025, 1, 26)); // 8 days left
    CHECK(entry(timeline(in), "absence_conversation").status == EntryStatus::upcoming);
    CHECK(entry(timeline(in), "absence_conversation").days_left == 8);
    in.today = d(2025, 1, 27); // 7 days left
    CHECK(entry(timeline(in), "absence_conversation").status == EntryStatus::due_soon);
    in.today = d(2025, 2, 3); // the day itself: 0 days left, still due
    CHECK(entry(timeline(in), "absence_conversation").status == EntryStatus::due_soon);
    CHECK(entry(timeline(in), "absence_conversation").days_left == 0);
    in.today = d(2025, 2, 4); // one day late
    CHECK(entry(timeline(in), "absence_conversation").status == EntryStatus::overdue);
    CHECK(entry(timeline(in), "absence_conversation").days_left == -1);
    in.completed.push_back({"absence_conversation", d(2025, 1, 30)});
    const auto with_done = timeline(in);
    const auto& met = entry(with_done, "absence_conversation");
    CHECK(met.status == EntryStatus::met);
    CHECK(met.done_on == d(2025, 1, 30));
    // The employer period end is an event: after it, "passed", never "overdue".
    CHECK(entry(timeline(in), "employer_period_end").status == EntryStatus::due_soon); // 04-02 is day 30
    in.today = d(2025, 2, 12);
    CHECK(entry(timeline(in), "employer_period_end").status == EntryStatus::passed);
}

TEST_CASE(
    "timeline: moving the expected return past 8 weeks opens the fast-track window and the retention plan") {
    // First sick day Mon 03-03-2025. 8 weeks = 56 days; back on 03-03 + 56 = Mon 28-04-2025 or
    // later means "not back within 8 weeks" (the same boundary as validate(AbsenceSpell)).
    AbsenceSpell s = ongoing(d(2025, 3, 3));
    s.expected_return = d(2025, 4, 21); // 03-03 + 49: back within 7 weeks
    CaseInput in = case_of(s, d(2025, 3, 24));
    auto t = timeline(in);
    CHECK(entry(t, "fast_track_window").status == EntryStatus::not_applicable);
    CHECK(entry(t, "retention_plan").status == EntryStatus::not_applicable);

    in.spell.expected_return = d(2025, 5, 5); // 03-03 + 63: the employer changed the expectation
    t = timeline(in);
    // Window: day 35 = 03-03 + 34 = Sun 06-04-2025 -> suggest Fri 04-04-2025; 13 days left on 24-03.
    const auto& ft = entry(t, "fast_track_window");
    CHECK(ft.status == EntryStatus::upcoming);
    CHECK(ft.due == d(2025, 4, 6));
    CHECK(ft.days_left == 13);
    CHECK(ft.suggested_date == d(2025, 4, 4));
    CHECK(entry(t, "retention_plan").status == EntryStatus::available);

    in.spell.expected_return = d(2025, 4, 28); // exactly 03-03 + 56: absent all 8 weeks
    CHECK(entry(timeline(in), "fast_track_window").status == EntryStatus::upcoming);
    in.spell.expected_return = d(2025, 4, 27); // 03-03 + 55: back on the last day of week 8
    CHECK(entry(timeline(in), "fast_track_window").status == EntryStatus::not_applicable);
    in.today = d(2025, 4, 7); // after 06-04 the window has closed (not "overdue": it was optional)
    in.spell.expected_return = d(2025, 5, 5);
    CHECK(entry(timeline(in), "fast_track_window").status == EntryStatus::passed);
}

TEST_CASE("timeline: a fast-track request moves the municipality's first follow-up to request + 14 days") {
    // First sick day Mon 03-03-2025, not expected back within 8 weeks.
    // Without a request: end of week 8 = 03-03 + 55 = Sun 27-04-2025 -> suggest Fri 25-04-2025.
    AbsenceSpell s = ongoing(d(2025, 3, 3));
    s.not_expected_back_within_8_weeks = true;
    CaseInput in = case_of(s, d(2025, 3, 18));
    auto t = timeline(in);
    CHECK(entry(t, "municipality_first_follow_up").due == d(2025, 4, 27));
    CHECK(entry(t, "municipality_first_follow_up").suggested_date == d(2025, 4, 25));
    CHECK(entry(t, "municipality_follow_up_after_fast_track").status == EntryStatus::not_applicable);
    // Request on Mon 17-03-2025: follow-up within 2 weeks = 17-03 + 14 = Mon 31-03-2025.
    in.fast_track_requested_on = d(2025, 3, 17);
    t = timeline(in);
    CHECK(entry(t, "municipality_follow_up_after_fast_track").due == d(2025, 3, 31));
    CHECK(entry(t, "municipality_follow_up_after_fast_track").days_left == 13);
    CHECK(entry(t, "municipality_first_follow_up").status == EntryStatus::not_applicable);
    CHECK(entry(t, "fast_track_window").status == EntryStatus::met);
    CHECK(entry(t, "fast_track_window").done_on == d(2025, 3, 17));
}

TEST_CASE("timeline: the NemRefusion deadline follows the employee's payer setting") {
    // First sick day Mon 06-01-2025, ongoing; employer period ends 06-01 + 29 = Tue 04-02-2025.
    CaseInput in = case_of(ongoing(d(2025, 1, 6)), d(2025, 1, 7));
    // wages: 5 weeks after the first day = 06-01 + 35 = Mon 10-02-2025.
    in.payer = NemRefusionPayer::wages;
    auto t = timeline(in);
    CHECK(entry(t, "nemrefusion_report_wages").due == d(2025, 2, 10));
    CHECK(entry(t, "nemrefusion_report_benefit").status == EntryStatus::not_applicable);
    CHECK(entry(t, "nemrefusion_report_none").status == EntryStatus::not_applicable);
    // benefit: 1 week after the employer's own payment stops (day 30) = 04-02 + 7 = Tue 11-02-2025.
    in.payer = NemRefusionPayer::benefit;
    t = timeline(in);
    CHECK(entry(t, "nemrefusion_report_benefit").due == d(2025, 2, 11));
    CHECK(entry(t, "nemrefusion_report_benefit").status == EntryStatus::upcoming);
    CHECK(entry(t, "nemrefusion_report_wages").status == EntryStatus::not_applicable);
    // neither: within 14 days, counted from the first absence day = 06-01 + 14 = Mon 20-01-2025.
    in.payer = NemRefusionPayer::none;
    t = timeline(in);
    CHECK(entry(t, "nemrefusion_report_none").due == d(2025, 1, 20));
    CHECK(entry(t, "nemrefusion_report_none").days_left == 13);
    CHECK(entry(t, "nemrefusion_report_wages").status == EntryStatus::not_applicable);
}

TEST_CASE(
    "timeline: the reassessment warning counts benefit days after each employer period within 9 months") {
    // Earlier spell Tue 01-10-2024 .. Tue 31-12-2024 (92 days): benefit from day 31 = 31-10-2024 to
    // 31-12-2024 = 1 + 30 + 31 = 62 days.
    // Current spell Mon 13-01-2025, ongoing: benefit from day 31 = 13-01 + 30 = Wed 12-02-2025.
    // More than 22 weeks = 155 days: 155 - 62 = 93 new days -> 12-02 + 92 = Thu 15-05-2025.
    // 9 months back from 15-05-2025: period 16-08-2024 .. 15-05-2025, holding all 62 old days.
    // Warning 4 weeks before: 15-05 - 28 = Thu 17-04-2025.
    AbsenceSpell current = ongoing(d(2025, 1, 13), "now");
    CaseInput in = case_of(current, d(2025, 4, 16));
    in.employee_spells = {closed(d(2024, 10, 1), d(2024, 12, 31), "before"), current};
    auto t = timeline(in);
    const auto& w = entry(t, "reassessment_warning");
    CHECK(w.due == d(2025, 5, 15));
    CHECK(w.warn_from == d(2025, 4, 17));
    CHECK(w.status == EntryStatus::upcoming); // 16-04 is the day before the warning starts
    in.today = d(2025, 4, 17);
    CHECK(entry(timeline(in), "reassessment_warning").status == EntryStatus::due_soon);
    CHECK(entry(timeline(in), "reassessment_warning").days_left == 28);
    // Alone, the current spell reaches it at 12-02 + 154 = Wed 16-07-2025.
    in.employee_spells = {current};
    CHECK(entry(timeline(in), "reassessment_warning").due == d(2025, 7, 16));
    // Expected back on Mon 02-06-2025: last benefit day 01-06 = 110 days, never over 154.
    in.spell.expected_return = d(2025, 6, 2);
    in.employee_spells = {};
    CHECK(entry(timeline(in), "reassessment_warning").status == EntryStatus::not_applicable);
}

TEST_CASE("timeline: a partial earlier spell counts its benefit days in full towards the reassessment") {
    // Earlier partial spell Mon 07-10-2024 .. Tue 31-12-2024: benefit from 07-10 + 30 =
    // Wed 06-11-2024 to 31-12-2024 = 25 + 31 = 56 days (whole days, partial or not).
    // Current spell Mon 13-01-2025: benefit from 12-02-2025; 155 - 56 = 99 -> 12-02 + 98 = Wed 21-05-2025.
    AbsenceSpell before = closed(d(2024, 10, 7), d(2024, 12, 31), "before");
    before.partial = true;
    before.hours_worked_per_week = 18.5;
    AbsenceSpell current = ongoing(d(2025, 1, 13), "now");
    CaseInput in = case_of(current, d(2025, 2, 1));
    in.employee_spells = {before}; // the case spell is added by the engine
    CHECK(entry(timeline(in), "reassessment_warning").due == d(2025, 5, 21));
}

TEST_CASE("timeline: a case keeps the rule set in force on its first sick day across 01-01-2025") {
    // Tue 31-12-2024 -> dk-2023-01-01; conversation 31-12 + 28 = Tue 28-01-2025.
    // Wed 01-01-2025 -> dk-2025-01-01; conversation 01-01 + 28 = Wed 29-01-2025.
    const auto old_case = timeline(case_of(ongoing(d(2024, 12, 31)), d(2025, 1, 10)));
    const auto new_case = timeline(case_of(ongoing(d(2025, 1, 1)), d(2025, 1, 10)));
    CHECK(old_case.rule_set_id == "dk-2023-01-01");
    CHECK(new_case.rule_set_id == "dk-2025-01-01");
    CHECK(entry(old_case, "absence_conversation").due == d(2025, 1, 28));
    CHECK(entry(new_case, "absence_conversation").due == d(2025, 1, 29));
    // The documented difference (law.md): bek. 1710 af 30/12/2024 governs fast track from 2025,
    // and the § 13 c staircase is abolished; the old set cites neither.
    CHECK(entry(new_case, "fast_track_window").source.find("1710") != std::string::npos);
    CHECK(entry(old_case, "fast_track_window").source.find("1710") == std::string::npos);
    CHECK(entry(new_case, "municipality_first_follow_up").explanation_da.find("trappemodellen") !=
          std::string::npos);
    CHECK(entry(old_case, "municipality_first_follow_up").explanation_da.find("trappemodellen") ==
          std::string::npos);
}

TEST_CASE("timeline: a case before the earliest rule set gets no timeline rather than guessed rules") {
    // The earliest set is in force from 01-01-2023; Sat 31-12-2022 is before it.
    CHECK_FALSE(compute_case_timeline(shipped_rule_sets(), case_of(ongoing(d(2022, 12, 31)), d(2023, 1, 2))));
    CHECK(compute_case_timeline(shipped_rule_sets(), case_of(ongoing(d(2023, 1, 1)), d(2023, 1, 2))));
}

TEST_CASE("timeline: pregnancy-related absence has no sickness-benefit deadlines") {
    // law.md: pregnancy-related absence is under barselloven § 6 stk. 2, not SDL.
    AbsenceSpell s = ongoing(d(2025, 3, 3));
    s.kind = AbsenceKind::pregnancy_related;
    const auto t = timeline(case_of(s, d(2025, 3, 4)));
    CHECK(t.entries.empty());
    CHECK_FALSE(t.not_covered_en.empty());
}

TEST_CASE("timeline: every entry carries Danish and English text and a legal source") {
    AbsenceSpell s = ongoing(d(2025, 3, 3));
    s.not_expected_back_within_8_weeks = true;
    const auto t = timeline(case_of(s, d(2025, 3, 4)));
    CHECK(t.entries.size() == 10);
    for (const auto& e : t.entries) {
        INFO(e.rule_id);
        CHECK_FALSE(e.title_da.empty());
        CHECK_FALSE(e.title_en.empty());
        CHECK_FALSE(e.explanation_da.empty());
        CHECK_FALSE(e.explanation_en.empty());
        CHECK_FALSE(e.source.empty());
    }
    CHECK(entry(t, "absence_conversation").source.find("§ 7 a") != std::string::npos);
}

TEST_CASE("timeline: the fast-track window of an open case that says nothing about return asks for it") {
    // First sick day Mon 03-03-2025, day 10 (12-03-2025): no expected return, not flagged.
    const CaseTimeline unanswered = timeline(case_of(ongoing(d(2025, 3, 3)), d(2025, 3, 12)));
    const TimelineEntry& window = entry(unanswered, "fast_track_window");
    CHECK(window.status == EntryStatus::not_applicable);
    CHECK(window.reason_da == "Det er ikke oplyst, om medarbejderen forventes tilbage inden for 8 uger.");
    CHECK(window.reason_en == "It has not been recorded whether the employee is expected back within 8 weeks.");

    // An expected return on day 20 is an answer: expected back within 8 weeks.
    AbsenceSpell back = ongoing(d(2025, 3, 3));
    back.expected_return = d(2025, 3, 22);
    const CaseTimeline answered = timeline(case_of(back, d(2025, 3, 12)));
    CHECK(entry(answered, "fast_track_window").reason_da == "Medarbejderen forventes tilbage inden for 8 uger.");
}
