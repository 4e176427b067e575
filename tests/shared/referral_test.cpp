// Fast-track referrals and contact requests: eligibility on days 34/35/36 of an absence (SDL § 7 c:
// "within the first 5 weeks" ends on day 35), with and without the 8-week expectation; what else
// fits; routing by municipality; the service standards in Danish working days across Easter and
// Christmas (seed 001); the status model; the NemRefusion text; the two templates and their
// prefill. Dates in comments are dd-mm-yyyy; day 1 is the first sick day.
#include "naervaer/conversation_record.hpp"
#include "naervaer/diagnosis_guard.hpp"
#include "naervaer/referral.hpp"
#include "naervaer/service_catalogue.hpp"

#include "assets_fixture.hpp"
#include "rules_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace naervaer;
using naervaer::test::load_template;
using naervaer::test::read_asset;
using naervaer::test::shipped_rule_sets;
using nlohmann::json;

namespace {

Date d(int y, int m, int day) {
    return *Date::from_ymd(y, m, day);
}

// First sick day Mon 03-03-2025 (rule set dk-2025-01-01). Day 34 = 03-03 + 33 = Sat 05-04-2025,
// day 35 = Sun 06-04-2025 (the window's last day), day 36 = Mon 07-04-2025.
const Date first_day = d(2025, 3, 3);
const Date day34 = d(2025, 4, 5);
const Date day35 = d(2025, 4, 6);
const Date day36 = d(2025, 4, 7);

AbsenceSpell long_absence() {
    AbsenceSpell s;
    s.id = "sp-1";
    s.employee_id = "emp-1";
    s.first_day = first_day;
    s.not_expected_back_within_8_weeks = true;
    return s;
}

// Expected back on day 41 (first day + 40): within 8 weeks.
AbsenceSpell back_within_8_weeks() {
    AbsenceSpell s = long_absence();
    s.not_expected_back_within_8_weeks = false;
    s.expected_return = first_day.plus_days(40);
    return s;
}

std::vector<std::string> blocks(const FastTrackEligibility& e) {
    std::vector<std::string> out;
    for (auto b : e.blocks)
        out.push_back(std::string(to_string(b)));
    return out;
}

std::vector<std::string> alternatives(const FastTrackEligibility& e) {
    std::vector<std::string> out;
    for (const auto& a : e.alternatives)
        out.push_back(std::string(to_string(a.id)));
    return out;
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

const Municipalities& shipped_municipalities() {
    static const Municipalities all = [] {
        auto parsed = parse_municipalities(read_asset("jobcenter/municipalities.json"));
        REQUIRE(parsed.ok());
        return *parsed.municipalities;
    }();
    return all;
}

const ServiceStandards& shipped_standards() {
    static const ServiceStandards all = [] {
        auto parsed = parse_service_standards(read_asset("jobcenter/service_standards.json"));
        REQUIRE(parsed.ok());
        return *parsed.standards;
    }();
    return all;
}

// The indicators of `dates` with the shipped service standards.
std::vector<ServiceIndicator> indicators(const ReferralDates& dates, Date today, const RuleSet* rules = nullptr) {
    return service_indicators(dates, today, shipped_standards(), rules);
}

std::vector<std::string> ids(const std::vector<ServiceIndicator>& all) {
    std::vector<std::string> out;
    for (const auto& i : all)
        out.push_back(i.id);
    return out;
}

const ServiceIndicator& indicator(const std::vector<ServiceIndicator>& all, std::string_view id) {
    auto it = std::find_if(all.begin(), all.end(), [&](const auto& i) { return i.id == id; });
    REQUIRE_MESSAGE(it != all.end(), "no indicator " << id);
    return *it;
}

} // namespace

// ---- eligibility ---------------------------------------------------------------------------------

TEST_CASE("fast track: days 34 and 35 are inside the first 5 weeks, day 36 is not") {
    const auto sets = shipped_rule_sets();
    const auto on34 = fast_track_eligibility(sets, long_absence(), day34);
    CHECK(on34.eligible);
    CHECK(on34.blocks.empty());
    CHECK(on34.absence_day == 34);
    CHECK(on34.last_day == day35);
    CHECK(on34.days_left == 1);
    CHECK(on34.rule_set_id == "dk-2025-01-01");
    CHECK(contains(on34.source, "§ 7 c"));
    CHECK(on34.reason_da ==
          "Du kan anmode om fast track til og med 06-04-2025 (dag 35 af fraværet). 05-04-2025 er dag 34: 1 dag tilbage.");
    CHECK(on34.reason_en == "You can ask for fast track up to and including 06-04-2025 (day 35 of the absence). "
                            "05-04-2025 is day 34: 1 day left.");

    const auto on35 = fast_track_eligibility(sets, long_absence(), day35);
    CHECK(on35.eligible);
    CHECK(on35.absence_day == 35);
    CHECK(on35.days_left == 0);
    CHECK(contains(on35.reason_da, "06-04-2025 er sidste dag."));

    const auto on36 = fast_track_eligibility(sets, long_absence(), day36);
    CHECK_FALSE(on36.eligible);
    CHECK(blocks(on36) == std::vector<std::string>{"window_closed"});
    CHECK(on36.absence_day == 36);
    CHECK(on36.days_left == -1);
    CHECK(on36.reason_da == "Fristen var 06-04-2025 (dag 35): anmodningen skal ske inden for de første 5 uger af "
                            "fraværet, og 07-04-2025 er dag 36.");
    CHECK(contains(on36.reason_en, "within the first 5 weeks of absence, and 07-04-2025 is day 36."));

    // Day 1 itself: 34 days left.
    CHECK(fast_track_eligibility(sets, long_absence(), first_day).days_left == 34);
}

TEST_CASE("fast track: an employee expected back within 8 weeks gives no fast track on any day") {
    const auto sets = shipped_rule_sets();
    const auto on34 = fast_track_eligibility(sets, back_within_8_weeks(), day34);
    CHECK_FALSE(on34.eligible);
    CHECK(blocks(on34) == std::vector<std::string>{"expected_back"});
    CHECK(on34.days_left == 1); // the window itself is still open
    CHECK(on34.reason_da == "Medarbejderen forventes tilbage inden for 8 uger; fast track kræver, at fraværet "
                            "forventes at vare længere.");
    CHECK(blocks(fast_track_eligibility(sets, back_within_8_weeks(), day35)) == std::vector<std::string>{"expected_back"});
    CHECK(blocks(fast_track_eligibility(sets, back_within_8_weeks(), day36)) ==
          std::vector<std::string>{"expected_back", "window_closed"});

    // The 8-week boundary is the timeline's (validate(AbsenceSpell)): an expected return on first
    // day + 56 = Mon 28-04-2025 is not "back within 8 weeks", one day earlier is.
    AbsenceSpell s = back_within_8_weeks();
    s.expected_return = d(2025, 4, 28);
    CHECK(fast_track_eligibility(sets, s, day34).eligible);
    s.expected_return = d(2025, 4, 27);
    CHECK(blocks(fast_track_eligibility(sets, s, day34)) == std::vector<std::string>{"expected_back"});
}

TEST_CASE("fast track: an ongoing case that does not say whether the employee is back within 8 weeks") {
    // Neither the flag nor an expected return: the case has not answered the rule's condition, so
    // the answer asks for it instead of saying the employee is expected back.
    const auto sets = shipped_rule_sets();
    AbsenceSpell unknown = long_absence();
    unknown.not_expected_back_within_8_weeks = false;
    const auto on34 = fast_track_eligibility(sets, unknown, day34);
    CHECK_FALSE(on34.eligible);
    CHECK(blocks(on34) == std::vector<std::string>{"expectation_unknown"});
    CHECK(on34.reason_da == "Det er ikke oplyst, om medarbejderen forventes tilbage inden for 8 uger. Svar på det "
                            "på sagen: fast track kræver, at fraværet forventes at vare længere.");
    CHECK(on34.reason_en == "It is not recorded whether the employee is expected back within 8 weeks. Answer "
                            "that on the case: fast track needs an absence expected to last longer.");
    CHECK_FALSE(contains(on34.reason_da, "forventes tilbage inden for 8 uger;"));
    CHECK(to_string(FastTrackBlock::expectation_unknown) == "expectation_unknown");
    // In the place of expected_back, before the closed window.
    CHECK(blocks(fast_track_eligibility(sets, unknown, day36)) ==
          std::vector<std::string>{"expectation_unknown", "window_closed"});
    // Not known to be away 8 weeks: no retention plan offered either, the contact request always.
    CHECK(alternatives(on34) == std::vector<std::string>{"contact_request"});

    // Answering the question decides: an expected return on day 57 (first day + 56, Mon
    // 28-04-2025) makes it possible, one on day 41 gives expected_back.
    unknown.expected_return = d(2025, 4, 28);
    CHECK(fast_track_eligibility(sets, unknown, day34).eligible);
    unknown.expected_return = first_day.plus_days(40);
    CHECK(blocks(fast_track_eligibility(sets, unknown, day34)) == std::vector<std::string>{"expected_back"});
    // A closed spell answers it with the actual return: back on day 31 is within 8 weeks.
    AbsenceSpell closed = long_absence();
    closed.not_expected_back_within_8_weeks = false;
    closed.last_day = d(2025, 4, 1);
    CHECK(blocks(fast_track_eligibility(sets, closed, day34)) ==
          std::vector<std::string>{"absence_ended", "expected_back"});
}

TEST_CASE("fast track: the closed window's sentence gives the rule's length, in weeks only when whole weeks") {
    // A rule whose window were the first 31 days (offset 30): first day Mon 03-03-2025, last day
    // 03-03 + 30 = Wed 02-04-2025 (day 31); on day 36 (Mon 07-04-2025) it closed. 31 days are not
    // whole weeks: the sentence says "31 dage", not the 4 weeks that (30 + 1) / 7 would give.
    std::vector<RuleSet> sets = shipped_rule_sets();
    for (auto& set : sets)
        for (auto& r : set.rules)
            if (r.id == "fast_track_window") r.offset_days = 30;
    const auto closed = fast_track_eligibility(sets, long_absence(), day36);
    CHECK(blocks(closed) == std::vector<std::string>{"window_closed"});
    CHECK(closed.reason_da == "Fristen var 02-04-2025 (dag 31): anmodningen skal ske inden for de første 31 dage af "
                              "fraværet, og 07-04-2025 er dag 36.");
    CHECK(closed.reason_en == "The deadline was 02-04-2025 (day 31): the request must be made within the first 31 "
                              "days of absence, and 07-04-2025 is day 36.");
    // Whole weeks stay weeks: 6 weeks (offset 41, last day Sun 13-04-2025) on day 43 (Mon 14-04).
    for (auto& set : sets)
        for (auto& r : set.rules)
            if (r.id == "fast_track_window") r.offset_days = 41;
    CHECK(contains(fast_track_eligibility(sets, long_absence(), d(2025, 4, 14)).reason_da,
                   "(dag 42): anmodningen skal ske inden for de første 6 uger af fraværet, og 14-04-2025 er dag 43."));
}

TEST_CASE("fast track: what else fits, and the other reasons in their order") {
    const auto sets = shipped_rule_sets();
    // Possible: the retention plan fits too (§ 7 b, same 8-week condition), and a contact request.
    const auto ok = fast_track_eligibility(sets, long_absence(), day34);
    CHECK(alternatives(ok) == std::vector<std::string>{"retention_plan", "contact_request"});
    CHECK(contains(ok.alternatives[0].source, "§ 7 b"));
    CHECK(ok.alternatives[1].title_da == "Henvendelse til jobcentret");
    // Too late: both still fit (a retention plan has no deadline).
    CHECK(alternatives(fast_track_eligibility(sets, long_absence(), day36)) ==
          std::vector<std::string>{"retention_plan", "contact_request"});
    // Expected back within 8 weeks: no retention plan either, only the contact request.
    CHECK(alternatives(fast_track_eligibility(sets, back_within_8_weeks(), day34)) ==
          std::vector<std::string>{"contact_request"});

    // Already requested on day 20 (Fri 21-03-2025).
    const auto again = fast_track_eligibility(sets, long_absence(), day34, d(2025, 3, 21));
    CHECK(blocks(again) == std::vector<std::string>{"already_requested"});
    CHECK(again.reason_da == "Der er anmodet om fast track 21-03-2025.");

    // Back on day 31 (last day Tue 01-04-2025 = day 30), asked on day 34: the absence ended, and
    // the actual return 02-04 = first day + 30 < 56 is within 8 weeks.
    AbsenceSpell closed = long_absence();
    closed.last_day = d(2025, 4, 1);
    const auto after = fast_track_eligibility(sets, closed, day34);
    CHECK(blocks(after) == std::vector<std::string>{"absence_ended", "expected_back"});
    CHECK(contains(after.reason_da, "Fraværet sluttede 01-04-2025"));
    CHECK(alternatives(after) == std::vector<std::string>{"contact_request"});

    // Before the first sick day.
    CHECK(blocks(fast_track_eligibility(sets, long_absence(), first_day.plus_days(-1))) ==
          std::vector<std::string>{"before_absence"});

    // Pregnancy-related absence is under barselloven, not the Sickness Benefit Act.
    AbsenceSpell pregnancy = long_absence();
    pregnancy.kind = AbsenceKind::pregnancy_related;
    const auto p = fast_track_eligibility(sets, pregnancy, day34);
    CHECK(blocks(p) == std::vector<std::string>{"not_covered"});
    CHECK(alternatives(p) == std::vector<std::string>{"contact_request"});

    // A first sick day before every rule set (01-01-2023): no guessed rules.
    AbsenceSpell old = long_absence();
    old.first_day = d(2022, 12, 1);
    const auto o = fast_track_eligibility(sets, old, d(2022, 12, 20));
    CHECK(blocks(o) == std::vector<std::string>{"no_rule_set"});
    CHECK_FALSE(o.last_day.has_value());
}

TEST_CASE("fast track: the window comes from the rule set in force on the first sick day") {
    // First sick day Mon 02-01-2023 (dk-2023-01-01): day 35 = 02-01 + 34 = Sun 05-02-2023
    // (02-01 + 29 = 31-01, + 5 = 05-02); Mon 06-02 is day 36.
    AbsenceSpell s = long_absence();
    s.first_day = d(2023, 1, 2);
    const auto e = fast_track_eligibility(shipped_rule_sets(), s, d(2023, 2, 5));
    CHECK(e.eligible);
    CHECK(e.days_left == 0);
    CHECK(e.rule_set_id == "dk-2023-01-01");
    CHECK(e.last_day == d(2023, 2, 5));
    CHECK(blocks(fast_track_eligibility(shipped_rule_sets(), s, d(2023, 2, 6))) ==
          std::vector<std::string>{"window_closed"});
    // A set whose window were 6 weeks would move the last day: the data, not the code, decides.
    std::vector<RuleSet> sets = shipped_rule_sets();
    for (auto& set : sets)
        for (auto& r : set.rules)
            if (r.id == "fast_track_window") r.offset_days = 41;
    CHECK(fast_track_eligibility(sets, long_absence(), day36).eligible);
    CHECK(fast_track_eligibility(sets, long_absence(), day36).last_day == d(2025, 4, 13));
}

// ---- routing and status ----------------------------------------------------------------------------

TEST_CASE("referrals go to the jobcentre of the employee's home municipality") {
    const auto hjoerring = route_referral(shipped_municipalities(), "860");
    REQUIRE(hjoerring.ok());
    CHECK(hjoerring.municipality->jobcenter == "Jobcenter Hjørring");
    CHECK(route_referral(shipped_municipalities(), "173").municipality->jobcenter == "Jobcenter Lyngby-Taarbæk");
    CHECK(route_referral(shipped_municipalities(), "825").municipality->name == "Læsø");
    CHECK_FALSE(route_referral(shipped_municipalities(), "999").ok());
    CHECK_FALSE(route_referral(shipped_municipalities(), "").ok());
}

TEST_CASE("referral status: the employer sends a draft, the jobcentre moves it forward, the employer may only withdraw it") {
    using S = ReferralStatus;
    const auto jc = ReferralActor::jobcenter;
    const auto emp = ReferralActor::employer;
    CHECK(can_change_status(S::sent, S::received, jc));
    CHECK_FALSE(can_change_status(S::sent, S::meeting_booked, jc)); // acknowledge first
    CHECK_FALSE(can_change_status(S::sent, S::answered, jc));
    CHECK(can_change_status(S::sent, S::closed, jc));
    CHECK(can_change_status(S::received, S::meeting_booked, jc));
    CHECK(can_change_status(S::received, S::answered, jc));
    CHECK_FALSE(can_change_status(S::received, S::sent, jc));
    CHECK(can_change_status(S::meeting_booked, S::answered, jc));
    CHECK_FALSE(can_change_status(S::meeting_booked, S::meeting_booked, jc)); // a moved meeting is no status change
    CHECK(can_change_status(S::answered, S::meeting_booked, jc));
    CHECK(can_change_status(S::answered, S::closed, jc));
    for (S to : {S::draft, S::sent, S::received, S::meeting_booked, S::answered, S::closed}) {
        CHECK_FALSE(can_change_status(S::closed, to, jc));
        CHECK_FALSE(can_change_status(S::closed, to, emp));
    }
    CHECK(can_change_status(S::sent, S::closed, emp));
    CHECK(can_change_status(S::meeting_booked, S::closed, emp));
    CHECK_FALSE(can_change_status(S::sent, S::received, emp)); // only the jobcentre acknowledges
    CHECK_FALSE(can_change_status(S::received, S::meeting_booked, emp));
    // A draft is the employer's alone: sent, or deleted (never closed); nobody goes back to draft,
    // and the jobcentre never touches one.
    CHECK(can_change_status(S::draft, S::sent, emp));
    for (S to : {S::draft, S::received, S::meeting_booked, S::answered, S::closed})
        CHECK_FALSE(can_change_status(S::draft, to, emp));
    for (S to : {S::draft, S::sent, S::received, S::meeting_booked, S::answered, S::closed})
        CHECK_FALSE(can_change_status(S::draft, to, jc));
    for (S from : {S::sent, S::received, S::meeting_booked, S::answered, S::closed}) {
        CHECK_FALSE(can_change_status(from, S::draft, emp));
        CHECK_FALSE(can_change_status(from, S::draft, jc));
    }

    CHECK(next_statuses(S::received, jc) == std::vector<S>{S::meeting_booked, S::answered, S::closed});
    CHECK(next_statuses(S::sent, jc) == std::vector<S>{S::received, S::closed});
    CHECK(next_statuses(S::answered, emp) == std::vector<S>{S::closed});
    CHECK(next_statuses(S::closed, jc).empty());
    CHECK(next_statuses(S::draft, emp) == std::vector<S>{S::sent});
    CHECK(next_statuses(S::draft, jc).empty());
    CHECK(next_statuses(S::sent, emp) == std::vector<S>{S::closed});

    for (S s : {S::draft, S::sent, S::received, S::meeting_booked, S::answered, S::closed})
        CHECK(referral_status_from_string(to_string(s)) == s);
    CHECK(to_string(S::draft) == "draft");
    CHECK(status_label_da(S::draft) == "Kladde");
    CHECK(status_label_en(S::draft) == "Draft");
    CHECK(status_label_da(S::sent) == "Sendt");
    CHECK(to_string(S::meeting_booked) == "meeting_booked");
    CHECK(status_label_da(S::meeting_booked) == "Møde aftalt");
    CHECK(status_label_en(S::closed) == "Closed");
    CHECK_FALSE(referral_status_from_string("booked").has_value());
    CHECK(referral_kind_from_string("contact_request") == ReferralKind::contact_request);
    CHECK_FALSE(referral_kind_from_string("fasttrack").has_value());
}

// ---- service standards --------------------------------------------------------------------------

TEST_CASE("service standards: counted in Danish working days across Easter 2025") {
    // A referral to Jobcenter Herning (657), one of the 8 West Jutland jobcentres of seed 001.
    // Easter 2025: Skærtorsdag Thu 17-04, Langfredag Fri 18-04, Easter Monday 21-04 are holidays.
    // Sent Wed 16-04-2025: acknowledge the same day; the meeting's 5 working days are Tue 22,
    // Wed 23, Thu 24, Fri 25, Mon 28-04-2025; the first conversation 16-04 + 14 = Wed 30-04-2025.
    ReferralDates dates;
    dates.kind = ReferralKind::fast_track;
    dates.municipality_code = "657";
    dates.sent_on = d(2025, 4, 16);

    auto on_17th = indicators(dates, d(2025, 4, 17));
    REQUIRE(on_17th.size() == 3);
    const auto& ack = indicator(on_17th, "acknowledged_same_working_day");
    CHECK(ack.due == d(2025, 4, 16));
    CHECK(ack.status == IndicatorStatus::overdue);
    CHECK(ack.days_left == -1);
    // 17-04 is a holiday: no working day has passed since the due day, but it has passed, so the
    // count is -1, not 0 (0 is "due today").
    CHECK(ack.working_days_left == -1);
    CHECK(ack.source.find("Servicestandard 1") != std::string::npos);
    const auto& meeting = indicator(on_17th, "meeting_within_5_working_days");
    CHECK(meeting.due == d(2025, 4, 28));
    CHECK(meeting.status == IndicatorStatus::open);
    CHECK(meeting.days_left == 11);
    CHECK(meeting.working_days_left == 5);
    const auto& first = indicator(on_17th, "first_conversation_within_2_weeks");
    CHECK(first.due == d(2025, 4, 30));
    CHECK(first.status == IndicatorStatus::open);
    CHECK(contains(first.source, "§ 13 b"));

    // Acknowledged the same day: met; on Tue 22-04: late.
    dates.acknowledged_on = d(2025, 4, 16);
    CHECK(indicator(indicators(dates, d(2025, 4, 17)), "acknowledged_same_working_day").status ==
          IndicatorStatus::met);
    dates.acknowledged_on = d(2025, 4, 22);
    CHECK(indicator(indicators(dates, d(2025, 4, 22)), "acknowledged_same_working_day").status ==
          IndicatorStatus::late);

    // Overdue across the Easter holidays: (16-04, 19-04] holds no working day (Skærtorsdag,
    // Langfredag, Saturday): still -1; (16-04, 22-04] holds Tue 22-04: -1; Wed 23-04: -2.
    CHECK(indicator(indicators(dates, d(2025, 4, 19)), "acknowledged_same_working_day").working_days_left == -1);
    CHECK(indicator(indicators(dates, d(2025, 4, 22)), "acknowledged_same_working_day").working_days_left == -1);
    CHECK(indicator(indicators(dates, d(2025, 4, 23)), "acknowledged_same_working_day").working_days_left == -2);
    // The due day itself: 0; the day before (Tue 15-04): 1.
    CHECK(indicator(indicators(dates, d(2025, 4, 16)), "acknowledged_same_working_day").working_days_left == 0);
    CHECK(indicator(indicators(dates, d(2025, 4, 15)), "acknowledged_same_working_day").working_days_left == 1);

    // No meeting by Tue 29-04: overdue by one working day. A meeting booked for Mon 28-04 is met
    // (also while it is still ahead), one on Tue 29-04 late.
    const auto& late_meeting = indicator(indicators(dates, d(2025, 4, 29)), "meeting_within_5_working_days");
    CHECK(late_meeting.status == IndicatorStatus::overdue);
    CHECK(late_meeting.working_days_left == -1);
    dates.meeting_on = d(2025, 4, 28);
    CHECK(indicator(indicators(dates, d(2025, 4, 23)), "meeting_within_5_working_days").status ==
          IndicatorStatus::met);
    dates.meeting_on = d(2025, 4, 29);
    CHECK(indicator(indicators(dates, d(2025, 4, 23)), "meeting_within_5_working_days").status ==
          IndicatorStatus::late);

    // The first conversation held Wed 30-04: met; nothing by Thu 01-05: overdue.
    dates.first_conversation_on = d(2025, 4, 30);
    CHECK(indicator(indicators(dates, d(2025, 5, 1)), "first_conversation_within_2_weeks").status ==
          IndicatorStatus::met);
    dates.first_conversation_on.reset();
    CHECK(indicator(indicators(dates, d(2025, 5, 1)), "first_conversation_within_2_weeks").status ==
          IndicatorStatus::overdue);
}

TEST_CASE("service standards: something sent on a holiday or weekend is received the next working day") {
    // Sent on Skærtorsdag Thu 17-04-2025 or Saturday 19-04: received Tue 22-04-2025 (Langfredag,
    // the weekend and Easter Monday in between); the meeting's 5 working days after it: Wed 23,
    // Thu 24, Fri 25, Mon 28, Tue 29-04-2025.
    for (Date sent : {d(2025, 4, 17), d(2025, 4, 19)}) {
        ReferralDates dates;
        dates.kind = ReferralKind::contact_request;
        dates.municipality_code = "661"; // Holstebro, West Jutland
        dates.sent_on = sent;
        const auto all = indicators(dates, d(2025, 4, 22));
        CHECK(all.size() == 2); // no legal conversation for a contact request
        CHECK(indicator(all, "acknowledged_same_working_day").due == d(2025, 4, 22));
        CHECK(indicator(all, "acknowledged_same_working_day").status == IndicatorStatus::open);
        CHECK(indicator(all, "meeting_within_5_working_days").due == d(2025, 4, 29));
    }
    // Christmas 2024: sent Mon 23-12; 24-12 (Christmas Eve) and 31-12 are working days, 25-12,
    // 26-12 and 01-01 holidays: 24-12 (1), 27-12 (2), 30-12 (3), 31-12 (4), Thu 02-01-2025 (5).
    ReferralDates christmas;
    christmas.kind = ReferralKind::contact_request;
    christmas.municipality_code = "791"; // Viborg, West Jutland
    christmas.sent_on = d(2024, 12, 23);
    CHECK(indicator(indicators(christmas, d(2024, 12, 23)), "meeting_within_5_working_days").due ==
          d(2025, 1, 2));
    // Store bededag was a holiday in 2023 (Fri 05-05-2023) and is not from 2024: sent Thu
    // 04-05-2023 -> Mon 08 (1) .. Thu 11-05-2023 (4), Fri 12-05 (5); sent Thu 25-04-2024 -> Fri 26
    // (1), Mon 29, Tue 30, Wed 01-05, Thu 02-05-2024 (5).
    christmas.sent_on = d(2023, 5, 4);
    CHECK(indicator(indicators(christmas, d(2023, 5, 4)), "meeting_within_5_working_days").due ==
          d(2023, 5, 12));
    christmas.sent_on = d(2024, 4, 25);
    CHECK(indicator(indicators(christmas, d(2024, 4, 25)), "meeting_within_5_working_days").due ==
          d(2024, 5, 2));
}

TEST_CASE("service standards: Copenhagen has the portal's targets, the legal first conversation applies everywhere") {
    // Jobcenter København (101) signed no service standards (seed 001 is West Jutland's): a fast
    // track referral sent Wed 16-04-2025 is measured against the portal's default targets (the same
    // days: acknowledged Wed 16-04, a meeting by the 5th working day after Easter, Mon 28-04) and
    // the municipality's legal conversation, due 16-04 + 14 = Wed 30-04-2025 (SDL § 13 b stk. 2);
    // a contact request has the targets only.
    ReferralDates dates;
    dates.kind = ReferralKind::fast_track;
    dates.municipality_code = "101";
    dates.sent_on = d(2025, 4, 16);
    const auto copenhagen = indicators(dates, d(2025, 4, 29));
    CHECK(ids(copenhagen) == std::vector<std::string>{"acknowledged_same_working_day", "meeting_within_5_working_days",
                                                     "first_conversation_within_2_weeks"});
    CHECK(copenhagen[0].due == d(2025, 4, 16));
    CHECK(copenhagen[0].status == IndicatorStatus::overdue);
    CHECK(copenhagen[0].title_da.find("standardmål") != std::string::npos);
    CHECK(copenhagen[1].due == d(2025, 4, 28));
    CHECK(copenhagen[2].due == d(2025, 4, 30));
    CHECK(copenhagen[2].status == IndicatorStatus::open);
    CHECK(copenhagen[2].source.find("§ 13 b") != std::string::npos);
    dates.kind = ReferralKind::contact_request;
    CHECK(ids(indicators(dates, d(2025, 4, 29))) ==
          std::vector<std::string>{"acknowledged_same_working_day", "meeting_within_5_working_days"});

    // The same referral to Jobcenter Lemvig (665, West Jutland): the two promises, then the law.
    dates.kind = ReferralKind::fast_track;
    dates.municipality_code = "665";
    const auto lemvig = indicators(dates, d(2025, 4, 29));
    CHECK(ids(lemvig) == std::vector<std::string>{"acknowledged_same_working_day", "meeting_within_5_working_days",
                                                  "first_conversation_within_2_weeks"});
    CHECK(lemvig[0].title_da.find("standardmål") == std::string::npos); // their own promise
    // No municipality given: no jobcentre to measure, only the law.
    dates.municipality_code = "";
    CHECK(ids(indicators(dates, d(2025, 4, 29))) == std::vector<std::string>{"first_conversation_within_2_weeks"});

    // The standards are data: an agreement with other days is computed from it. Sent Wed
    // 16-04-2025 to a jobcentre promising a meeting within 2 working days: Tue 22 (1), Wed 23-04 (2).
    auto parsed = parse_service_standards(R"({"schema": 1, "source": "s", "agreements": [{"id": "kbh",
        "title_da": "K", "title_en": "C", "source": "s", "municipality_codes": ["101"], "standards": [
        {"id": "meeting_within_2_working_days", "measures": "meeting", "working_days": 2, "title_da": "Møde",
         "title_en": "Meeting", "source": "s"}]}]})");
    REQUIRE(parsed.ok());
    dates.municipality_code = "101";
    const auto other = service_indicators(dates, d(2025, 4, 22), *parsed.standards);
    CHECK(ids(other) == std::vector<std::string>{"meeting_within_2_working_days", "first_conversation_within_2_weeks"});
    CHECK(other[0].due == d(2025, 4, 23));
    CHECK(other[0].working_days_left == 1);
}

TEST_CASE("service standards: the legal first conversation follows the rule set and the request date") {
    // The request was made in NemRefusion on Mon 10-03-2025, the referral sent the next day:
    // the municipality's conversation is due 10-03 + 14 = Mon 24-03-2025 (the timeline's date).
    ReferralDates dates;
    dates.sent_on = d(2025, 3, 11);
    dates.fast_track_requested_on = d(2025, 3, 10);
    const RuleSet& set = shipped_rule_sets().back();
    CHECK(indicator(indicators(dates, d(2025, 3, 11), &set), "first_conversation_within_2_weeks").due ==
          d(2025, 3, 24));
    RuleSet three_weeks = set;
    for (auto& r : three_weeks.rules)
        if (r.id == "municipality_follow_up_after_fast_track") r.offset_days = 21;
    CHECK(indicator(indicators(dates, d(2025, 3, 11), &three_weeks), "first_conversation_within_2_weeks")
              .due == d(2025, 3, 31));
}

// ---- the templates ------------------------------------------------------------------------------

namespace {

json referral_answers() {
    return json::parse(R"({
      "employee_name": "Anna Jensen",
      "job_title": "Lagermedarbejder",
      "contact_name": "Bo Hansen",
      "contact_role": "HR-chef",
      "contact_phone": "12 34 56 78",
      "contact_email": "bo@firma.dk",
      "first_sick_day": "2025-03-03",
      "partial": false,
      "expected_duration": "weeks_13_26",
      "expected_return": "2025-06-02",
      "tasks": [{"text": "Kundeservice i telefon", "column": "can"},
                {"text": "Tunge løft på lageret", "column": "cannot"}],
      "limitations": "Kan ikke løfte over 10 kg og kan højst stå op i en time ad gangen. Kan arbejde ved skærm med pauser hver time.",
      "work_adapted": true,
      "adjustments_tried": [{"text": "Hæve-sænkebord"}],
      "workplace_offers": ["partial_return", "other_tasks"],
      "adjustments": [{"text": "Kortere vagter på 4 timer"}],
      "employee_informed_on": "2025-03-31",
      "employee_informed_how": "phone",
      "employee_view": "Jeg vil gerne tilbage så hurtigt som muligt."
    })");
}

// A signed absence conversation of case sp-1, held Mon 24-03-2025 (day 22).
ConversationRecord signed_absence_conversation() {
    const FormTemplate form = load_template("absence_conversation.v1.json");
    ConversationRecord r = new_conversation_record(form, "cr-1", "emp-1", "sp-1", d(2025, 3, 24));
    r.answers = json::parse(R"({
      "meeting_date": "2025-03-24", "form": "in_person",
      "return_how_when": "Delvis tilbagevenden, når det er muligt.",
      "limitations": "Kan ikke løfte over 10 kg.",
      "adjustments": [{"text": "Hæve-sænkebord"}, {"text": "Pauser hver time"}],
      "tasks": [{"text": "Kundeservice i telefon", "column": "can"},
                {"text": "Tunge løft på lageret", "column": "cannot"}],
      "next_contact": "2025-04-07"
    })");
    r.status = ConversationStatus::signed_off;
    r.sign_off = SignOff{"Anna Jensen", d(2025, 3, 24), true, "", "u-bo", "Bo Hansen"};
    return r;
}

bool names_a_diagnosis_or_cpr(const Field& f) {
    for (const std::string* s : {&f.id, &f.label_da, &f.label_en}) {
        const std::string folded = fold_case(*s);
        if (contains(folded, "diagnos") || contains(folded, "cpr")) return true;
    }
    return false;
}

} // namespace

TEST_CASE("templates: the fast-track referral asks what the issue lists and no diagnosis") {
    const FormTemplate form = load_template("fast_track_referral.v1.json");
    CHECK(form.id == "fast_track_referral");
    CHECK(form.version == 1);
    CHECK(form.printable);
    CHECK(form.meets_rule.empty()); // the request date comes from the referral, not from a form
    for (const char* id : {"employee_name", "contact_name", "contact_phone", "first_sick_day", "expected_duration",
                           "tasks", "limitations", "affected_since", "work_adapted", "adjustments_tried",
                           "workplace_offers", "adjustments", "other_tasks", "employee_informed_on",
                           "employee_informed_how", "employee_view"})
        CHECK_MESSAGE(form.find(id) != nullptr, "missing field " << id);
    // The three questions of bek. 1710/2024 § 3, numbered in the labels.
    CHECK(form.find("tasks")->label_da.starts_with("1. Hvilke arbejdsfunktioner er påvirket af sygdommen?"));
    CHECK(form.find("affected_since")->label_da == "2. Hvor længe har sygdommen påvirket arbejdet?");
    CHECK(form.find("work_adapted")->label_da == "3. Er arbejdet blevet tilpasset medarbejderens tilstand?");
    // They are optional; when and how the employee was told are not.
    CHECK_FALSE(form.find("tasks")->required);
    CHECK_FALSE(form.find("affected_since")->required);
    CHECK(form.find("employee_informed_on")->required);
    CHECK(form.find("employee_informed_how")->required);
    for (const Field* f : form.fields())
        CHECK_MESSAGE(!names_a_diagnosis_or_cpr(*f), "field " << f->id << " asks for a diagnosis or CPR");

    // A complete referral validates; without when the employee was told it does not.
    json answers = referral_answers();
    CHECK(validate_answers(form, answers, d(2025, 4, 1)).ok());
    answers.erase("employee_informed_on");
    CHECK(validate_answers(form, answers, d(2025, 4, 1)).has("employee_informed_on", "required"));
    // The diagnosis guard covers its free text (the employee's view included).
    answers = referral_answers();
    answers["employee_view"] = "Jeg er sygemeldt med stress.";
    const auto hits = check_answers_for_diagnoses(form, answers, naervaer::test::shipped_terms());
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].field == "employee_view");
}

TEST_CASE("templates: the contact request has no CPR and offers the catalogue's services") {
    const FormTemplate form = load_template("contact_request.v1.json");
    CHECK(form.id == "contact_request");
    for (const Field* f : form.fields())
        CHECK_MESSAGE(!names_a_diagnosis_or_cpr(*f), "field " << f->id << " asks for a diagnosis or CPR");
    // Its services are the catalogue's, id for id and in order, with the same titles.
    auto parsed = parse_service_catalogue(read_asset("jobcenter/services.json"));
    REQUIRE(parsed.ok());
    const Field* services = form.find("services");
    REQUIRE(services != nullptr);
    REQUIRE(services->options.size() == parsed.catalogue->services.size());
    for (std::size_t i = 0; i < services->options.size(); ++i) {
        CHECK(services->options[i].id == parsed.catalogue->services[i].id);
        CHECK(services->options[i].label_da == parsed.catalogue->services[i].title_da);
    }
    // Asking for a service: subject "service" shows the list; the situation is required.
    json answers = {{"contact_name", "Bo Hansen"}, {"contact_phone", "12 34 56 78"}, {"subject", "service"},
                    {"services", json::array({"partial_return", "mentor"})},
                    {"situation", "En medarbejder på lageret kan ikke løfte; vi vil gerne høre om delvis raskmelding."}};
    CHECK(validate_answers(form, answers, d(2025, 4, 1)).ok());
    answers["services"] = json::array({"gold_service"});
    CHECK(validate_answers(form, answers, d(2025, 4, 1)).has("services[0]", "unknown_value"));
    answers.erase("services");
    answers.erase("situation");
    CHECK(validate_answers(form, answers, d(2025, 4, 1)).has("situation", "required"));
}

TEST_CASE("templates: a signed absence conversation prefills the referral's keyed fields") {
    const FormTemplate referral = load_template("fast_track_referral.v1.json");
    const std::vector<ConversationRecord> records = {signed_absence_conversation()};
    const json filled = prefill_from_records(referral, records, json{{"employee_name", "Anna Jensen"}});
    CHECK(filled["employee_name"] == "Anna Jensen");
    CHECK(filled["limitations"] == "Kan ikke løfte over 10 kg.");
    CHECK(filled["tasks"] == json::parse(R"([{"text": "Kundeservice i telefon", "column": "can"},
                                               {"text": "Tunge løft på lageret", "column": "cannot"}])"));
    CHECK(filled["adjustments"] == json::parse(R"([{"text": "Hæve-sænkebord"}, {"text": "Pauser hver time"}])"));
    // Fields without a key, and keys the conversation does not have, stay empty.
    CHECK_FALSE(filled.contains("affected_since"));
    CHECK_FALSE(filled.contains("adjustments_tried"));
    CHECK_FALSE(filled.contains("employee_view"));
    // What the user already wrote is kept.
    const json kept = prefill_from_records(referral, records, json{{"limitations", "Kan ikke stå op."}});
    CHECK(kept["limitations"] == "Kan ikke stå op.");

    // A retention plan on the case (newest first) adds the adjustments tried.
    const FormTemplate plan_form = load_template("retention_plan.v1.json");
    ConversationRecord plan = new_conversation_record(plan_form, "rp-1", "emp-1", "sp-1", d(2025, 3, 28));
    plan.answers = {{"plan_date", "2025-03-28"}, {"employer_refuses", false},
                    {"adjustments_tried", json::array({{{"text", "Hæve-sænkebord"}}})}};
    const std::vector<ConversationRecord> both = {plan, signed_absence_conversation()};
    const json from_both = prefill_from_records(referral, both);
    CHECK(from_both["adjustments_tried"] == json::parse(R"([{"text": "Hæve-sænkebord"}])"));
    CHECK(from_both["limitations"] == "Kan ikke løfte over 10 kg.");

    // The contact request takes the limitations too.
    const json contact = prefill_from_records(load_template("contact_request.v1.json"), records);
    CHECK(contact["limitations"] == "Kan ikke løfte over 10 kg.");
}

// ---- NemRefusion text ---------------------------------------------------------------------------

TEST_CASE("NemRefusion text: the referral's answers as plain Danish lines of at most 80 characters") {
    const FormTemplate form = load_template("fast_track_referral.v1.json");
    const std::string text = nemrefusion_text(form, referral_answers(), "Lager A/S");
    // Worked out by hand. "   Begrænsninger: " is 18 characters; with "ad" the line is 76, and
    // " gangen." would make it 84. "Arbejdspladsen kan tilbyde: " is 28; up to "(delvis" 67, with
    // " raskmelding)," 81.
    CHECK(text ==
          "Anmodning om tidlig opfølgning (fast track), sygedagpengeloven § 7 c\n"
          "Arbejdsgiver: Lager A/S\n"
          "Medarbejder: Anna Jensen, Lagermedarbejder\n"
          "Første sygedag: 03-03-2025\n"
          "Forventet varighed: 13-26 uger\n"
          "Forventet tilbage: 02-06-2025\n"
          "\n"
          "Arbejdsgiverens svar (bek. nr. 1710 af 30/12/2024 § 3):\n"
          "1. Påvirkede arbejdsfunktioner:\n"
          "   - Kan: Kundeservice i telefon\n"
          "   - Kan ikke: Tunge løft på lageret\n"
          "   Begrænsninger: Kan ikke løfte over 10 kg og kan højst stå op i en time ad\n"
          "   gangen. Kan arbejde ved skærm med pauser hver time.\n"
          "2. Hvor længe har sygdommen påvirket arbejdet: Ikke besvaret\n"
          "3. Er arbejdet tilpasset medarbejderens tilstand: Ja\n"
          "   - Hæve-sænkebord\n"
          "\n"
          "Arbejdspladsen kan tilbyde: Delvis genoptagelse af arbejdet (delvis\n"
          "   raskmelding), Andre opgaver\n"
          "   - Kortere vagter på 4 timer\n"
          "\n"
          "Medarbejderen er orienteret: 31-03-2025, Telefonisk\n"
          "Kontaktperson: Bo Hansen, HR-chef, tlf. 12 34 56 78, bo@firma.dk\n");
    // The employee's own view is the employee's to give the municipality.
    CHECK_FALSE(contains(text, "hurtigt som muligt"));
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        CHECK(utf8_length(std::string_view(text).substr(start, end - start)) <= 80);
        start = end + 1;
    }
}

TEST_CASE("NemRefusion text: unanswered optional questions say so, partial sickness is named") {
    const FormTemplate form = load_template("fast_track_referral.v1.json");
    const json answers = {{"employee_name", "Anna Jensen"}, {"first_sick_day", "2025-03-03"}, {"partial", true},
                          {"expected_duration", "unknown"}, {"work_adapted", false},
                          {"employee_informed_on", "2025-03-31"}, {"employee_informed_how", "in_person"}};
    const std::string text = nemrefusion_text(form, answers);
    CHECK(text == "Anmodning om tidlig opfølgning (fast track), sygedagpengeloven § 7 c\n"
                  "Medarbejder: Anna Jensen\n"
                  "Første sygedag: 03-03-2025 (delvist sygemeldt)\n"
                  "Forventet varighed: Ukendt, men over 8 uger\n"
                  "\n"
                  "Arbejdsgiverens svar (bek. nr. 1710 af 30/12/2024 § 3):\n"
                  "1. Påvirkede arbejdsfunktioner: Ikke besvaret\n"
                  "2. Hvor længe har sygdommen påvirket arbejdet: Ikke besvaret\n"
                  "3. Er arbejdet tilpasset medarbejderens tilstand: Nej\n"
                  "\n"
                  "Medarbejderen er orienteret: 31-03-2025, Ved en samtale\n");
}

TEST_CASE("wrap_text: at spaces, counting characters not bytes, breaking words that do not fit") {
    CHECK(wrap_text("aaa bbb ccc", 7) == std::vector<std::string>{"aaa bbb", "ccc"});
    // æ, ø and å are one character each (two bytes): "æøå æøå" is 7 characters.
    CHECK(wrap_text("æøå æøå æøå", 7) == std::vector<std::string>{"æøå æøå", "æøå"});
    CHECK(wrap_text("abcdefghij", 4) == std::vector<std::string>{"abcd", "efgh", "ij"});
    CHECK(wrap_text("ord ordene", 8, "Ab: ", "  ") == std::vector<std::string>{"Ab: ord", "  ordene"});
    // Line breaks are kept; an empty line stays empty; later paragraphs are indented.
    CHECK(wrap_text("a\n\nb", 10, "L: ", "   ") == std::vector<std::string>{"L: a", "", "   b"});
    CHECK(wrap_text("", 10, "L: ") == std::vector<std::string>{"L:"});
    CHECK(utf8_length("Hæve-sænkebord") == 14);
}
