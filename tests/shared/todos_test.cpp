// To-do derivation and spell alerts: hand-worked cases. Conventions (docs/deadlines.md): day 1 is
// the first sick day; conversation = first day + 28; employer period ends on first day + 29;
// fast-track window closes on first day + 34; NemRefusion (wages) = first day + 35, (benefit) =
// first day + 29 + 7, (none) = first day + 14. Weeks start on Monday; "this week" ends on Sunday.
// Dates in comments are dd-mm-yyyy.
#include "naervaer/todos.hpp"

#include "assets_fixture.hpp"
#include "rules_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace naervaer;
using naervaer::test::default_alerts;
using naervaer::test::shipped_rule_sets;

namespace {
Date d(int y, int m, int day) {
    return *Date::from_ymd(y, m, day);
}

AbsenceSpell spell(std::string id, Date first, std::optional<Date> last = std::nullopt) {
    AbsenceSpell s;
    s.id = std::move(id);
    s.first_day = first;
    s.last_day = last;
    return s;
}

// An ongoing spell with an expected return within 8 weeks whose benefit days stay far below the
// reassessment limit, so the case's to-dos are only the deadlines under test.
AbsenceSpell back_soon(std::string id, Date first) {
    AbsenceSpell s = spell(std::move(id), first);
    s.expected_return = first.plus_days(40);
    return s;
}

TodoDone mark(const std::string& key, Date done_on) {
    TodoDone m;
    m.id = todo_done_record_id(key);
    m.todo_key = key;
    m.done_on = done_on;
    return m;
}

// One organisation's records, as the client holds them.
struct World {
    std::vector<Employee> employees;
    std::map<std::string, std::vector<AbsenceSpell>> spells;
    DoneMarks marks;
    RecordsBySpell records;
    std::optional<AlertSettings> alerts;

    Employee& add_employee(std::string id, std::string name,
                           NemRefusionPayer payer = NemRefusionPayer::wages) {
        Employee e;
        e.id = std::move(id);
        e.name = std::move(name);
        e.department_id = "dept-1";
        e.nemrefusion_payer = payer;
        employees.push_back(e);
        return employees.back();
    }
    void add_spell(const std::string& employee_id, AbsenceSpell s) {
        s.employee_id = employee_id;
        spells[employee_id].push_back(std::move(s));
    }
    void add_mark(const std::string& key, Date done_on) { marks[key] = mark(key, done_on); }
    void add_record(ConversationRecord r) { records[r.spell_id].push_back(std::move(r)); }

    std::vector<Todo> todos(Date today, int horizon_days = 90) const {
        TodoInput in;
        in.rule_sets = shipped_rule_sets();
        in.alerts = alerts ? &*alerts : nullptr;
        in.employees = employees;
        in.spells_by_employee = &spells;
        in.marks = &marks;
        in.records = &records;
        in.today = today;
        in.horizon_days = horizon_days;
        return compute_todos(in);
    }
};

// Anna (e1) and Bent (e2), one spell each, paid wages.
World anna_and_bent(AbsenceSpell anna, AbsenceSpell bent) {
    World w;
    w.add_employee("e1", "Anna");
    w.add_employee("e2", "Bent");
    w.add_spell("e1", std::move(anna));
    w.add_spell("e2", std::move(bent));
    return w;
}

// Four employees whose conversations (first day + 28) fall around Sun 16-03-2025: a on Sun
// 16-03, b on Mon 17-03, c on Tue 11-03, t on Wed 12-03.
World around_a_sunday() {
    World w;
    for (const char* id : {"a", "b", "c", "t"})
        w.add_employee(std::string("e-") + id, std::string("Person ") + id);
    w.add_spell("e-a", back_soon("a", d(2025, 2, 16)));
    w.add_spell("e-b", back_soon("b", d(2025, 2, 17)));
    w.add_spell("e-c", back_soon("c", d(2025, 2, 11)));
    w.add_spell("e-t", back_soon("t", d(2025, 2, 12)));
    return w;
}

const Todo* find(const std::vector<Todo>& todos, std::string_view key) {
    auto it = std::find_if(todos.begin(), todos.end(), [&](const Todo& t) { return t.key == key; });
    return it == todos.end() ? nullptr : &*it;
}

const Todo& get(const std::vector<Todo>& todos, std::string_view key) {
    const Todo* t = find(todos, key);
    REQUIRE_MESSAGE(t != nullptr, "no to-do " << key);
    return *t;
}

std::vector<std::string> keys(const std::vector<Todo>& todos) {
    std::vector<std::string> out;
    for (const auto& t : todos)
        out.push_back(t.key);
    return out;
}

CaseTimeline timeline_of(const CaseInput& in) {
    auto t = compute_case_timeline(shipped_rule_sets(), in);
    REQUIRE(t.has_value());
    return *t;
}

const TimelineEntry& entry(const CaseTimeline& t, std::string_view id) {
    const TimelineEntry* e = t.find(id);
    REQUIRE_MESSAGE(e != nullptr, "no entry " << id);
    return *e;
}

// A signed absence conversation (assets/templates/absence_conversation.v1.json) of `spell_id`,
// held and signed on `held_on`, with the given agreement rows ({text, owner, due}).
ConversationRecord absence_conversation(std::string id, std::string employee_id, std::string spell_id,
                                        Date held_on, nlohmann::json agreements = nlohmann::json::array()) {
    static const FormTemplate form = naervaer::test::load_template("absence_conversation.v1.json");
    ConversationRecord r = new_conversation_record(form, std::move(id), std::move(employee_id),
                                                   std::move(spell_id), held_on);
    r.answers = {{"meeting_date", held_on.iso()},
                 {"form", "in_person"},
                 {"return_how_when", "Tilbage på nedsat tid, når lægen siger god for det."},
                 {"next_contact", held_on.plus_days(14).iso()},
                 {"agreements", std::move(agreements)}};
    r.status = ConversationStatus::signed_off;
    r.sign_off = SignOff{"Anna Jensen", held_on, true, "", "u-bo", "Bo Hansen"};
    return r;
}

ConversationRecord as_draft(ConversationRecord r) {
    r.status = ConversationStatus::draft;
    r.sign_off.reset();
    return r;
}

nlohmann::json agreement_row(const char* text, const char* owner, Date due) {
    return {{"text", text}, {"owner", owner}, {"due", due.iso()}};
}

std::vector<std::string> fired(const std::vector<SpellAlert>& alerts) {
    std::vector<std::string> out;
    for (const auto& a : alerts)
        out.push_back(a.spell_id + " " + a.alert.rule_id + " " + a.on.danish());
    return out;
}
} // namespace

TEST_CASE("todos: keys name the spell and the rule, alert keys have an alert part") {
    CHECK(deadline_todo_key("s1", "absence_conversation") == "s1/absence_conversation");
    CHECK(deadline_todo_key("demo-spell-7-2", "fast_track_window") == "demo-spell-7-2/fast_track_window");
    CHECK(alert_todo_key("s1", "frequent_spells") == "s1/alert/frequent_spells");
    CHECK(to_string(TodoSource::deadline) == "deadline");
    CHECK(to_string(TodoSource::alert) == "alert");
    CHECK(to_string(TodoBucket::overdue) == "overdue");
    CHECK(to_string(TodoBucket::this_week) == "this_week");
    CHECK(to_string(TodoBucket::upcoming) == "upcoming");
}

TEST_CASE("todos: buckets split at the Sunday that ends today's week") {
    // Today Wed 12-03-2025; its week ends Sun 16-03-2025.
    //   a: first day Sun 16-02-2025 -> conversation 16-02 + 28 = Sun 16-03-2025: this week, 4 left
    //      (a Sunday: suggested Fri 14-03-2025)
    //   b: first day Mon 17-02-2025 -> conversation Mon 17-03-2025: next week = upcoming, 5 left
    //   c: first day Tue 11-02-2025 -> conversation Tue 11-03-2025 (yesterday): overdue, -1
    //   t: first day Wed 12-02-2025 -> conversation Wed 12-03-2025 (today): this week, 0 left
    const auto todos = around_a_sunday().todos(d(2025, 3, 12));

    const Todo& a = get(todos, "a/absence_conversation");
    CHECK(a.due == d(2025, 3, 16));
    CHECK(a.bucket == TodoBucket::this_week);
    CHECK(a.days_left == 4);
    CHECK(a.suggested_date == d(2025, 3, 14));
    CHECK(a.source == TodoSource::deadline);
    CHECK(a.kind == RuleKind::deadline);
    CHECK(a.employee_id == "e-a");
    CHECK(a.department_id == "dept-1");
    CHECK(a.spell_id == "a");
    CHECK(a.rule_set_id == "dk-2025-01-01");
    CHECK(a.title_da == "Sygefraværssamtale");
    CHECK(a.reference.find("§ 7 a") != std::string::npos);

    const Todo& b = get(todos, "b/absence_conversation");
    CHECK(b.due == d(2025, 3, 17));
    CHECK(b.bucket == TodoBucket::upcoming);
    CHECK(b.days_left == 5);
    CHECK_FALSE(b.suggested_date.has_value()); // a Monday is a working day

    const Todo& c = get(todos, "c/absence_conversation");
    CHECK(c.due == d(2025, 3, 11));
    CHECK(c.bucket == TodoBucket::overdue);
    CHECK(c.days_left == -1);

    const Todo& t = get(todos, "t/absence_conversation");
    CHECK(t.bucket == TodoBucket::this_week);
    CHECK(t.days_left == 0);
}

TEST_CASE("todos: a mark removes exactly its own to-do") {
    // Two employees, each with a spell from Mon 03-03-2025, today Wed 05-03-2025.
    // Open per case: conversation 03-03 + 28 = Mon 31-03-2025 and NemRefusion (wages)
    // 03-03 + 35 = Mon 07-04-2025. 2 cases x 2 = 4 to-dos.
    World w = anna_and_bent(back_soon("s1", d(2025, 3, 3)), back_soon("s2", d(2025, 3, 3)));
    const Date today = d(2025, 3, 5);
    CHECK(keys(w.todos(today)) == std::vector<std::string>{"s1/absence_conversation", "s2/absence_conversation",
                                                           "s1/nemrefusion_report_wages",
                                                           "s2/nemrefusion_report_wages"});
    // Reported to NemRefusion for s1 only: that one to-do goes, s2's same rule and s1's
    // conversation stay.
    w.add_mark("s1/nemrefusion_report_wages", d(2025, 3, 5));
    CHECK(keys(w.todos(today)) == std::vector<std::string>{"s1/absence_conversation", "s2/absence_conversation",
                                                           "s2/nemrefusion_report_wages"});
    // A mark of a key no case has (another spell, an unknown rule) removes nothing.
    w.add_mark("s9/absence_conversation", d(2025, 3, 5));
    w.add_mark("s2/no_such_rule", d(2025, 3, 5));
    CHECK(w.todos(today).size() == 3);
}

TEST_CASE("todos: the absence conversation marked held is met on the case and leaves the list") {
    // First day Mon 03-03-2025; conversation due Mon 31-03-2025, held Thu 27-03-2025.
    // Today Fri 28-03-2025.
    World w;
    w.add_employee("e1", "Anna");
    w.add_spell("e1", back_soon("s1", d(2025, 3, 3)));
    const Date today = d(2025, 3, 28);
    CHECK(find(w.todos(today), "s1/absence_conversation") != nullptr);

    w.add_mark("s1/absence_conversation", d(2025, 3, 27));
    CHECK(find(w.todos(today), "s1/absence_conversation") == nullptr);
    // NemRefusion (wages) 03-03 + 35 = Mon 07-04-2025 is still open.
    CHECK(get(w.todos(today), "s1/nemrefusion_report_wages").due == d(2025, 4, 7));

    const CaseInput in = case_input(w.spells["e1"][0], &w.employees[0], w.spells["e1"], w.marks, today);
    REQUIRE(in.completed.size() == 1);
    CHECK(in.completed[0].rule_id == "absence_conversation");
    CHECK(in.completed[0].on == d(2025, 3, 27));
    CHECK_FALSE(in.fast_track_requested_on.has_value());
    const auto t = timeline_of(in);
    CHECK(entry(t, "absence_conversation").status == EntryStatus::met);
    CHECK(entry(t, "absence_conversation").done_on == d(2025, 3, 27));
}

TEST_CASE("todos: marking fast track requested closes the window and dates the municipality's talk") {
    // First day Mon 17-02-2025, not expected back within 8 weeks, ongoing, no expected return.
    // Today Wed 12-03-2025. Window: 17-02 + 34 = Sun 23-03-2025 (after this week's Sunday 16-03:
    // upcoming, 11 days left, suggested Fri 21-03-2025).
    World w;
    w.add_employee("e1", "Anna");
    AbsenceSpell s = spell("s1", d(2025, 2, 17));
    s.not_expected_back_within_8_weeks = true;
    w.add_spell("e1", s);
    const Date today = d(2025, 3, 12);
    const auto before = w.todos(today);
    const Todo& window = get(before, "s1/fast_track_window");
    CHECK(window.kind == RuleKind::window);
    CHECK(window.due == d(2025, 3, 23));
    CHECK(window.days_left == 11);
    CHECK(window.bucket == TodoBucket::upcoming);
    CHECK(window.suggested_date == d(2025, 3, 21));

    // Requested Mon 10-03-2025.
    w.add_mark("s1/fast_track_window", d(2025, 3, 10));
    const CaseInput in = case_input(s, &w.employees[0], w.spells["e1"], w.marks, today);
    CHECK(in.fast_track_requested_on == d(2025, 3, 10));
    const auto t = timeline_of(in);
    CHECK(entry(t, "fast_track_window").status == EntryStatus::met);
    // The municipality's talk after the request: 10-03 + 14 = Mon 24-03-2025; the week-8 one
    // is replaced by it.
    const auto& after = entry(t, "municipality_follow_up_after_fast_track");
    CHECK(after.due == d(2025, 3, 24));
    CHECK(after.status == EntryStatus::upcoming); // 12 days left > due_soon_days 7
    CHECK(entry(t, "municipality_first_follow_up").status == EntryStatus::not_applicable);

    // The list: no window, and no municipality entries (events are the municipality's to do).
    // Left: conversation 17-02 + 28 = Mon 17-03-2025, NemRefusion (wages) 17-02 + 35 =
    // Mon 24-03-2025, and the reassessment: benefit from day 31 = 17-02 + 30 = Wed 19-03-2025,
    // open-ended; more than 154 days on the 155th benefit day = 19-03 + 154 = Wed 20-08-2025
    // (19-03 -> 31-03 is 12, -> 30-04 42, -> 31-05 73, -> 30-06 103, -> 31-07 134, -> 20-08 154);
    // its 9 months start 21-11-2024, before any of it. Warn from 20-08 - 28 = 23-07: upcoming.
    const auto todos = w.todos(today);
    CHECK(keys(todos) == std::vector<std::string>{"s1/absence_conversation", "s1/nemrefusion_report_wages",
                                                  "s1/reassessment_warning"});
    const Todo& warning = get(todos, "s1/reassessment_warning");
    CHECK(warning.due == d(2025, 8, 20));
    CHECK(warning.kind == RuleKind::warning);
    CHECK(warning.bucket == TodoBucket::upcoming);
}

TEST_CASE("todos: the employee's payer picks the NemRefusion deadline") {
    // First day Mon 03-03-2025 for three employees, today Wed 05-03-2025.
    //   wages:   03-03 + 35 = Mon 07-04-2025 (nemrefusion_report_wages)
    //   benefit: employer period end 03-03 + 29 = Tue 01-04, + 7 = Tue 08-04-2025
    //   none:    03-03 + 14 = Mon 17-03-2025
    World w;
    w.add_employee("w", "Wages", NemRefusionPayer::wages);
    w.add_employee("b", "Benefit", NemRefusionPayer::benefit);
    w.add_employee("n", "None", NemRefusionPayer::none);
    w.add_spell("w", back_soon("sw", d(2025, 3, 3)));
    w.add_spell("b", back_soon("sb", d(2025, 3, 3)));
    w.add_spell("n", back_soon("sn", d(2025, 3, 3)));
    const auto todos = w.todos(d(2025, 3, 5));
    auto nemrefusion_of = [&](std::string_view spell_id) {
        std::vector<std::string> out;
        for (const auto& t : todos)
            if (t.spell_id == spell_id && t.rule_id.starts_with("nemrefusion")) out.push_back(t.rule_id);
        return out;
    };
    CHECK(nemrefusion_of("sw") == std::vector<std::string>{"nemrefusion_report_wages"});
    CHECK(nemrefusion_of("sb") == std::vector<std::string>{"nemrefusion_report_benefit"});
    CHECK(nemrefusion_of("sn") == std::vector<std::string>{"nemrefusion_report_none"});
    CHECK(get(todos, "sw/nemrefusion_report_wages").due == d(2025, 4, 7));
    CHECK(get(todos, "sb/nemrefusion_report_benefit").due == d(2025, 4, 8));
    CHECK(get(todos, "sn/nemrefusion_report_none").due == d(2025, 3, 17));

    // case_input: the employee's setting, or wages without an employee.
    const AbsenceSpell& sb = w.spells["b"][0];
    CHECK(case_input(sb, &w.employees[1], w.spells["b"], w.marks, d(2025, 3, 5)).payer ==
          NemRefusionPayer::benefit);
    CHECK(case_input(sb, nullptr, w.spells["b"], w.marks, d(2025, 3, 5)).payer == NemRefusionPayer::wages);
}

TEST_CASE("todos: a case closed longer ago than the horizon gives nothing") {
    // Today Wed 12-03-2025. Spell Fri 01-11-2024 .. Mon 02-12-2024, which is 100 days before
    // today (12-03 -> 28-02 is 12, -> 31-01 40, -> 31-12 71, -> 02-12 100).
    // Its conversation 01-11 + 28 = 29-11-2024 (still absent) and NemRefusion (wages)
    // 01-11 + 35 = 06-12-2024 (absent beyond day 30 = 30-11) were never marked.
    World w;
    w.add_employee("e1", "Anna");
    w.add_spell("e1", spell("old", d(2024, 11, 1), d(2024, 12, 2)));
    const Date today = d(2025, 3, 12);
    CHECK(w.todos(today, 90).empty());
    CHECK(w.todos(today, 99).empty());
    // With a horizon of 100 days the last day 02-12-2024 = today - 100 is just inside.
    const auto todos = w.todos(today, 100);
    CHECK(keys(todos) == std::vector<std::string>{"old/absence_conversation", "old/nemrefusion_report_wages"});
    CHECK(get(todos, "old/absence_conversation").bucket == TodoBucket::overdue);
    // 12-03-2025 - 29-11-2024 = 1 + 31 + 31 + 28 + 12 = 103 days late.
    CHECK(get(todos, "old/absence_conversation").days_left == -103);
    CHECK(get(todos, "old/absence_conversation").rule_set_id == "dk-2023-01-01");
}

TEST_CASE("todos: a case closed 10 days ago keeps its open deadline") {
    // Today Wed 12-03-2025. Spell Mon 27-01-2025 .. Sun 02-03-2025 (10 days ago).
    // Employer period ends 27-01 + 29 = Tue 25-02 < 02-03, so the NemRefusion report (wages)
    // 27-01 + 35 = Mon 03-03-2025 applies, unmarked: overdue by 9 days.
    // Conversation 27-01 + 28 = Mon 24-02-2025 (still absent), marked held on 21-02-2025.
    World w;
    w.add_employee("e1", "Anna");
    w.add_spell("e1", spell("s1", d(2025, 1, 27), d(2025, 3, 2)));
    w.add_mark("s1/absence_conversation", d(2025, 2, 21));
    const auto todos = w.todos(d(2025, 3, 12));
    CHECK(keys(todos) == std::vector<std::string>{"s1/nemrefusion_report_wages"});
    CHECK(todos[0].due == d(2025, 3, 3));
    CHECK(todos[0].days_left == -9);
    CHECK(todos[0].bucket == TodoBucket::overdue);
}

TEST_CASE("todos: a partial spell has the deadlines of a full one") {
    // Partial sickness (20 of 37 hours worked) from Mon 03-03-2025, today Wed 05-03-2025:
    // conversation Mon 31-03-2025 and NemRefusion (wages) Mon 07-04-2025, as for a full spell.
    World w;
    w.add_employee("e1", "Anna");
    AbsenceSpell s = back_soon("p", d(2025, 3, 3));
    s.partial = true;
    s.hours_worked_per_week = 20;
    w.add_spell("e1", s);
    const auto todos = w.todos(d(2025, 3, 5));
    CHECK(keys(todos) == std::vector<std::string>{"p/absence_conversation", "p/nemrefusion_report_wages"});
    CHECK(todos[0].due == d(2025, 3, 31));
    CHECK(todos[1].due == d(2025, 4, 7));
}

TEST_CASE("todos: a due date on a weekend or holiday suggests the working day before") {
    // Today Mon 24-03-2025.
    //   sat: first day Sat 01-03-2025 -> conversation Sat 29-03-2025 -> suggested Fri 28-03-2025.
    //   fri: first day Fri 21-03-2025 -> conversation Fri 18-04-2025 = Langfredag (Easter Sunday
    //        20-04-2025); Thu 17-04 is Skærtorsdag -> suggested Wed 16-04-2025. Its NemRefusion
    //        (wages) 21-03 + 35 = Fri 25-04-2025 is a working day: no suggestion.
    const auto todos = anna_and_bent(back_soon("sat", d(2025, 3, 1)), back_soon("fri", d(2025, 3, 21)))
                           .todos(d(2025, 3, 24));
    const Todo& sat = get(todos, "sat/absence_conversation");
    CHECK(sat.due == d(2025, 3, 29));
    CHECK(sat.suggested_date == d(2025, 3, 28));
    CHECK(sat.bucket == TodoBucket::this_week); // Sunday of this week is 30-03
    const Todo& fri = get(todos, "fri/absence_conversation");
    CHECK(fri.due == d(2025, 4, 18));
    CHECK(fri.suggested_date == d(2025, 4, 16));
    const Todo& fri_nem = get(todos, "fri/nemrefusion_report_wages");
    CHECK(fri_nem.due == d(2025, 4, 25));
    CHECK_FALSE(fri_nem.suggested_date.has_value());
}

TEST_CASE("todos: passed windows are not to-dos, the reassessment warning shows once per employee") {
    // Today Fri 20-06-2025.
    // Spell a: Wed 01-01-2025 .. Mon 31-03-2025 (81 days ago, inside the 90-day horizon); back on
    // 01-04 = first day + 90 >= 56, so not back within 8 weeks.
    //   conversation 01-01 + 28 = Wed 29-01-2025: overdue
    //   NemRefusion (wages) 01-01 + 35 = Wed 05-02-2025: overdue
    //   fast-track window 01-01 + 34 = Tue 04-02-2025: passed, not a to-do
    // Spell b: ongoing from Mon 07-04-2025, no expected return.
    //   conversation 07-04 + 28 = Mon 05-05-2025, NemRefusion 07-04 + 35 = Mon 12-05-2025: overdue
    // Reassessment (benefit days from day 31): a has 31-01 .. 31-03 = 1 + 28 + 31 = 60 days;
    // b from 07-04 + 30 = 07-05-2025. The 155th day is b's 95th = 07-05 + 94 = Sat 09-08-2025
    // (07-05 -> 31-05 is 24, -> 30-06 54, -> 31-07 85, -> 09-08 94); its 9 months start
    // 10-11-2024, so all of a counts. Warn from 09-08 - 28 = 12-07: upcoming, 50 days left
    // (20-06 -> 30-06 is 10, -> 31-07 41, -> 09-08 50), suggested Fri 08-08-2025.
    // Both cases' timelines show that date; the to-do belongs to b, whose days reach it.
    World w;
    w.add_employee("e1", "Anna");
    w.add_spell("e1", spell("a", d(2025, 1, 1), d(2025, 3, 31)));
    w.add_spell("e1", spell("b", d(2025, 4, 7)));
    const Date today = d(2025, 6, 20);
    const auto ta = timeline_of(case_input(w.spells["e1"][0], &w.employees[0], w.spells["e1"], w.marks, today));
    CHECK(entry(ta, "fast_track_window").status == EntryStatus::passed);
    CHECK(entry(ta, "reassessment_warning").due == d(2025, 8, 9));
    CHECK(entry(ta, "reassessment_warning").status == EntryStatus::upcoming);

    const auto todos = w.todos(today);
    CHECK(keys(todos) == std::vector<std::string>{"a/absence_conversation", "a/nemrefusion_report_wages",
                                                  "b/absence_conversation", "b/nemrefusion_report_wages",
                                                  "b/reassessment_warning"});
    const Todo& warning = get(todos, "b/reassessment_warning");
    CHECK(warning.due == d(2025, 8, 9));
    CHECK(warning.days_left == 50);
    CHECK(warning.suggested_date == d(2025, 8, 8));
    CHECK(warning.bucket == TodoBucket::upcoming);
}

TEST_CASE("todos: sorted by due date, then employee name, then key") {
    // Spells from Mon 03-03-2025, today Wed 05-03-2025: every conversation is due Mon 31-03 and
    // every NemRefusion report Mon 07-04. Employees listed Bent, Anna, Anna (two called Anna).
    World w;
    w.add_employee("e-b", "Bent");
    w.add_employee("e-a2", "Anna");
    w.add_employee("e-a1", "Anna");
    w.add_spell("e-b", back_soon("s-b", d(2025, 3, 3)));
    w.add_spell("e-a2", back_soon("s-y", d(2025, 3, 3)));
    w.add_spell("e-a1", back_soon("s-z", d(2025, 3, 3)));
    CHECK(keys(w.todos(d(2025, 3, 5))) ==
          std::vector<std::string>{"s-y/absence_conversation", "s-z/absence_conversation",
                                   "s-b/absence_conversation", "s-y/nemrefusion_report_wages",
                                   "s-z/nemrefusion_report_wages", "s-b/nemrefusion_report_wages"});
}

TEST_CASE("todos: no deadlines outside the Sickness Benefit Act or before every rule set") {
    // Pregnancy-related absence (barselloven) and a child's first sick day have no SDL timeline;
    // a case from 2022 is older than the earliest rule set (01-01-2023).
    World w;
    w.add_employee("e1", "Anna");
    AbsenceSpell pregnancy = back_soon("preg", d(2025, 3, 3));
    pregnancy.kind = AbsenceKind::pregnancy_related;
    w.add_spell("e1", pregnancy);
    w.add_employee("e2", "Bent");
    AbsenceSpell child = spell("child", d(2025, 3, 3), d(2025, 3, 3));
    child.kind = AbsenceKind::child_first_sick_day;
    w.add_spell("e2", child);
    w.add_employee("e3", "Carl");
    w.add_spell("e3", spell("old", d(2022, 12, 1)));
    CHECK(w.todos(d(2025, 3, 5)).empty());
}

TEST_CASE("spell alerts: a week of continuous sickness fires on day 7 and stays until done") {
    // First day Mon 02-11-2026, ongoing. Day 7 = 02-11 + 6 = Sun 08-11-2026.
    const AlertSettings settings = default_alerts();
    const std::vector<AbsenceSpell> spells = {spell("s", d(2026, 11, 2))};
    CHECK(evaluate_spell_alerts(settings, spells, d(2026, 11, 7), 90).empty());
    const auto alerts = evaluate_spell_alerts(settings, spells, d(2026, 11, 8), 90);
    CHECK(fired(alerts) == std::vector<std::string>{"s continuous_week 08-11-2026"});
    CHECK(alerts[0].alert.value == 7);
    CHECK(alerts[0].alert.message_da.find("syg i 7 dage i træk") != std::string::npos);
    // A spell that ended on day 6 (Sat 07-11) never reaches it.
    const std::vector<AbsenceSpell> short_one = {spell("s", d(2026, 11, 2), d(2026, 11, 7))};
    CHECK(evaluate_spell_alerts(settings, short_one, d(2026, 11, 20), 90).empty());

    // As a to-do: due the day it fired; on that Sunday it is this week's, the next day overdue.
    World w;
    w.alerts = settings;
    w.add_employee("e1", "Anna");
    w.add_spell("e1", spell("s", d(2026, 11, 2)));
    const auto sunday = w.todos(d(2026, 11, 8));
    const Todo& on_day = get(sunday, "s/alert/continuous_week");
    CHECK(on_day.source == TodoSource::alert);
    CHECK(on_day.kind == RuleKind::deadline);
    CHECK(on_day.rule_id == "continuous_week");
    CHECK(on_day.due == d(2026, 11, 8));
    CHECK(on_day.days_left == 0);
    CHECK(on_day.bucket == TodoBucket::this_week);
    CHECK(on_day.title_en == "Sick for a week");
    CHECK(on_day.rule_set_id.empty());
    CHECK_FALSE(on_day.suggested_date.has_value());
    const auto monday = w.todos(d(2026, 11, 9));
    const Todo& next_day = get(monday, "s/alert/continuous_week");
    CHECK(next_day.bucket == TodoBucket::overdue);
    CHECK(next_day.days_left == -1);
    // Marked done: gone.
    w.add_mark("s/alert/continuous_week", d(2026, 11, 9));
    CHECK(find(w.todos(d(2026, 11, 9)), "s/alert/continuous_week") == nullptr);
}

TEST_CASE("spell alerts: 3 spells in 3 months fire on the third spell and stay after the window moves") {
    // Spells Mon 05-01-2026 .. Tue 06-01, Mon 02-02 .. Tue 03-02, Mon 02-03 .. Wed 04-03-2026.
    // As of 02-03-2026 the 3 months are 03-12-2025 .. 02-03-2026 (02-12-2025 + 1 day): 3 spells.
    // As of 02-02 only 2 spells, as of 05-01 one.
    const AlertSettings settings = default_alerts();
    const std::vector<AbsenceSpell> spells = {spell("a", d(2026, 1, 5), d(2026, 1, 6)),
                                              spell("b", d(2026, 2, 2), d(2026, 2, 3)),
                                              spell("c", d(2026, 3, 2), d(2026, 3, 4))};
    const auto on_the_day = evaluate_spell_alerts(settings, spells, d(2026, 3, 2), 90);
    CHECK(fired(on_the_day) == std::vector<std::string>{"c frequent_spells 02-03-2026"});
    CHECK(on_the_day[0].alert.value == 3);

    // Seven weeks later, Mon 20-04-2026, the live 3 months are 21-01 .. 20-04-2026: only b and c.
    const Date later = d(2026, 4, 20);
    const auto live = evaluate_alerts(settings, spells, later);
    CHECK(std::none_of(live.begin(), live.end(), [](const auto& a) { return a.rule_id == "frequent_spells"; }));
    // The spell alert stays: c started 02-03, inside the lookback 20-04 - 90 = 20-01-2026.
    CHECK(fired(evaluate_spell_alerts(settings, spells, later, 90)) ==
          std::vector<std::string>{"c frequent_spells 02-03-2026"});

    // As a to-do: overdue by 02-03 -> 02-04 (31) -> 20-04 (18) = 49 days. The short spells give
    // no deadlines (back before the conversation, within the employer period).
    World w;
    w.alerts = settings;
    w.add_employee("e1", "Anna");
    for (const auto& s : spells)
        w.add_spell("e1", s);
    const auto todos = w.todos(later);
    CHECK(keys(todos) == std::vector<std::string>{"c/alert/frequent_spells"});
    CHECK(todos[0].days_left == -49);
    CHECK(todos[0].bucket == TodoBucket::overdue);
    CHECK(todos[0].detail_en ==
          "The employee has had 3 spells of sickness within 3 months. Consider a care conversation.");
}

TEST_CASE("spell alerts: a pregnancy-related spell neither counts nor sets an alert off") {
    // As above, but the third spell (02-03-2026) is pregnancy-related: as of its first day the
    // count is 2 (a, b); and as the first of the three it is not counted for c either.
    const AlertSettings settings = default_alerts();
    std::vector<AbsenceSpell> spells = {spell("a", d(2026, 1, 5), d(2026, 1, 6)),
                                        spell("b", d(2026, 2, 2), d(2026, 2, 3)),
                                        spell("c", d(2026, 3, 2), d(2026, 3, 4))};
    spells[2].kind = AbsenceKind::pregnancy_related;
    CHECK(evaluate_spell_alerts(settings, spells, d(2026, 3, 10), 90).empty());
    spells[2].kind = AbsenceKind::sickness;
    spells[0].kind = AbsenceKind::pregnancy_related;
    CHECK(evaluate_spell_alerts(settings, spells, d(2026, 3, 10), 90).empty());
    // A pregnancy-related spell of 10 days is no "week of sickness" either.
    const std::vector<AbsenceSpell> long_one = {[] {
        AbsenceSpell s = spell("p", d(2026, 3, 2), d(2026, 3, 11));
        s.kind = AbsenceKind::pregnancy_related;
        return s;
    }()};
    CHECK(evaluate_spell_alerts(settings, long_one, d(2026, 3, 12), 90).empty());
}

TEST_CASE("spell alerts: disabled rules give nothing, enabled alternatives are evaluated per spell") {
    // A 10-day spell Mon 02-03 .. Wed 11-03-2026 and the three spells of the test above.
    AlertSettings settings = default_alerts();
    const std::vector<AbsenceSpell> spells = {
        spell("a", d(2026, 1, 5), d(2026, 1, 6)), spell("b", d(2026, 2, 2), d(2026, 2, 3)),
        spell("c", d(2026, 3, 2), d(2026, 3, 11))};
    // Defaults: the week fires on c's day 7 = 02-03 + 6 = Sun 08-03, 3-in-3 on 02-03.
    CHECK(fired(evaluate_spell_alerts(settings, spells, d(2026, 3, 12), 90)) ==
          std::vector<std::string>{"c frequent_spells 02-03-2026", "c continuous_week 08-03-2026"});
    for (auto& r : settings.rules)
        r.enabled = false;
    CHECK(evaluate_spell_alerts(settings, spells, d(2026, 3, 12), 90).empty());
    // Only Albertslund's 15 days in 12 months, lowered to 4 days: as of a (05-01) 1 day; as of b
    // (02-02) a's 2 + b's 1 (b runs to the evaluation day) = 3; as of c (02-03) 2 + 2 + 1 = 5 >= 4.
    settings.find("days_in_year")->enabled = true;
    settings.find("days_in_year")->days = 4;
    const auto alerts = evaluate_spell_alerts(settings, spells, d(2026, 3, 12), 90);
    CHECK(fired(alerts) == std::vector<std::string>{"c days_in_year 02-03-2026"});
    CHECK(alerts[0].alert.value == 5);
}

TEST_CASE("spell alerts: the lookback drops triggers older than it") {
    // The week alert of a spell from Mon 02-11-2026 fired Sun 08-11-2026. 08-11 + 90 = Sat
    // 06-02-2027 (08-11 -> 08-12 is 30, -> 08-01 61, -> 06-02 90): on that day a 90-day lookback
    // still covers it, the next day not.
    const AlertSettings settings = default_alerts();
    const std::vector<AbsenceSpell> spells = {spell("s", d(2026, 11, 2))};
    CHECK(fired(evaluate_spell_alerts(settings, spells, d(2027, 2, 6), 90)) ==
          std::vector<std::string>{"s continuous_week 08-11-2026"});
    CHECK(evaluate_spell_alerts(settings, spells, d(2027, 2, 7), 90).empty());
    // The 3-in-3 alert is dated by the spell's first day: with c from 02-03-2026, 90 days later
    // is 31-05-2026 (02-03 -> 02-04 is 31, -> 02-05 61, -> 31-05 90).
    const std::vector<AbsenceSpell> three = {spell("a", d(2026, 1, 5), d(2026, 1, 6)),
                                             spell("b", d(2026, 2, 2), d(2026, 2, 3)),
                                             spell("c", d(2026, 3, 2), d(2026, 3, 4))};
    CHECK(evaluate_spell_alerts(settings, three, d(2026, 5, 31), 90).size() == 1);
    CHECK(evaluate_spell_alerts(settings, three, d(2026, 6, 1), 90).empty());
}

TEST_CASE("spell alerts: the result does not depend on the order of the spells") {
    const AlertSettings settings = default_alerts();
    std::vector<AbsenceSpell> spells = {spell("a", d(2026, 1, 5), d(2026, 1, 6)),
                                        spell("b", d(2026, 2, 2), d(2026, 2, 3)),
                                        spell("c", d(2026, 3, 2), d(2026, 3, 11)),
                                        spell("d", d(2026, 3, 16), d(2026, 3, 17))};
    // c: 3-in-3 on 02-03 and the week on 08-03; d: 4 spells in 3 months on 16-03 (still >= 3).
    const std::vector<std::string> expected = {"c frequent_spells 02-03-2026", "c continuous_week 08-03-2026",
                                               "d frequent_spells 16-03-2026"};
    CHECK(fired(evaluate_spell_alerts(settings, spells, d(2026, 3, 20), 90)) == expected);
    std::reverse(spells.begin(), spells.end());
    CHECK(fired(evaluate_spell_alerts(settings, spells, d(2026, 3, 20), 90)) == expected);
}

TEST_CASE("todos: count_todos counts each bucket") {
    // From the bucket test: a (this week), b (upcoming), c (overdue), t (this week) conversations,
    // plus their NemRefusion reports (first day + 35): a Sun 23-03, b Mon 24-03, c Tue 18-03,
    // t Wed 19-03, all after Sun 16-03: upcoming. Overdue 1, this week 2, upcoming 1 + 4 = 5.
    const auto todos = around_a_sunday().todos(d(2025, 3, 12));
    const TodoCounts counts = count_todos(todos);
    CHECK(counts.overdue == 1);
    CHECK(counts.this_week == 2);
    CHECK(counts.upcoming == 5);
    CHECK(count_todos({}).overdue == 0);
}

TEST_CASE("todos: no spells map, no marks and no alerts are valid inputs") {
    TodoInput in;
    in.rule_sets = shipped_rule_sets();
    in.today = d(2025, 3, 5);
    CHECK(compute_todos(in).empty());
    const std::vector<Employee> employees = {[] {
        Employee e;
        e.id = "e1";
        e.name = "Anna";
        return e;
    }()};
    std::map<std::string, std::vector<AbsenceSpell>> spells;
    spells["e1"].push_back(back_soon("s1", d(2025, 3, 3)));
    in.employees = employees;
    in.spells_by_employee = &spells;
    CHECK(compute_todos(in).size() == 2); // conversation and NemRefusion, no marks consulted
}

// ---- conversation records: met steps and agreements ---------------------------------------

TEST_CASE("todos: a signed absence conversation on day 20 meets the 4-week deadline, a draft does not") {
    // First day Wed 05-03-2025 (day 1). Day 20 = 05-03 + 19 = Mon 24-03-2025: the conversation is
    // held and signed. Its deadline is 05-03 + 28 = Wed 02-04-2025; NemRefusion (wages)
    // 05-03 + 35 = Wed 09-04-2025. Today Tue 25-03-2025.
    const Date first = d(2025, 3, 5);
    const Date held = first.plus_days(19);
    REQUIRE(held == d(2025, 3, 24));
    const Date today = d(2025, 3, 25);

    World w;
    w.add_employee("e1", "Anna");
    w.add_spell("e1", back_soon("s1", first));
    const ConversationRecord signed_record = absence_conversation("cr-1", "e1", "s1", held);
    {
        const auto check = validate(signed_record, today);
        for (const auto& e : check.errors())
            MESSAGE(e.field << ": " << e.code);
        REQUIRE(check.ok()); // a record the server would accept
    }

    // A draft (written, not signed) does not show the meeting took place.
    w.add_record(as_draft(signed_record));
    auto todos = w.todos(today);
    CHECK(keys(todos) == std::vector<std::string>{"s1/absence_conversation", "s1/nemrefusion_report_wages"});
    CHECK(get(todos, "s1/absence_conversation").due == d(2025, 4, 2));
    {
        const CaseInput in = case_input(w.spells["e1"][0], &w.employees[0], w.spells["e1"], w.marks, today,
                                        w.records["s1"]);
        CHECK(in.completed.empty());
        CHECK(entry(timeline_of(in), "absence_conversation").status == EntryStatus::upcoming);
    }

    // Signed: the step is met on the meeting day and leaves the list; NemRefusion stays.
    w.records["s1"] = {signed_record};
    todos = w.todos(today);
    CHECK(keys(todos) == std::vector<std::string>{"s1/nemrefusion_report_wages"});
    const CaseInput in = case_input(w.spells["e1"][0], &w.employees[0], w.spells["e1"], w.marks, today,
                                    w.records["s1"]);
    REQUIRE(in.completed.size() == 1);
    CHECK(in.completed[0].rule_id == "absence_conversation");
    CHECK(in.completed[0].on == d(2025, 3, 24));
    CHECK_FALSE(in.fast_track_requested_on.has_value());
    const auto t = timeline_of(in);
    CHECK(entry(t, "absence_conversation").status == EntryStatus::met);
    CHECK(entry(t, "absence_conversation").done_on == d(2025, 3, 24));

    // A record of this case does not complete another case's step, even when passed to it.
    const CaseInput other =
        case_input(back_soon("s2", first), &w.employees[0], w.spells["e1"], w.marks, today, w.records["s1"]);
    CHECK(other.completed.empty());
}

TEST_CASE("todos: with a mark and a signed record for the same step, the earlier day counts") {
    // First day Wed 05-03-2025, conversation due Wed 02-04-2025, today Tue 25-03-2025.
    const Date first = d(2025, 3, 5);
    const Date today = d(2025, 3, 25);
    World w;
    w.add_employee("e1", "Anna");
    w.add_spell("e1", back_soon("s1", first));

    // Marked held Fri 21-03-2025, the record says Mon 24-03-2025: the mark's day.
    w.add_mark("s1/absence_conversation", d(2025, 3, 21));
    w.add_record(absence_conversation("cr-1", "e1", "s1", d(2025, 3, 24)));
    CaseInput in = case_input(w.spells["e1"][0], &w.employees[0], w.spells["e1"], w.marks, today, w.records["s1"]);
    REQUIRE(in.completed.size() == 1);
    CHECK(in.completed[0].on == d(2025, 3, 21));
    CHECK(entry(timeline_of(in), "absence_conversation").done_on == d(2025, 3, 21));

    // Marked Mon 24-03, the record held Thu 20-03-2025: the record's day.
    w.add_mark("s1/absence_conversation", d(2025, 3, 24));
    w.records["s1"] = {absence_conversation("cr-1", "e1", "s1", d(2025, 3, 20))};
    in = case_input(w.spells["e1"][0], &w.employees[0], w.spells["e1"], w.marks, today, w.records["s1"]);
    REQUIRE(in.completed.size() == 1);
    CHECK(in.completed[0].on == d(2025, 3, 20));

    // Two signed records, no mark: one step, on the earlier meeting (Wed 19-03-2025).
    w.marks.clear();
    w.add_record(absence_conversation("cr-2", "e1", "s1", d(2025, 3, 19)));
    in = case_input(w.spells["e1"][0], &w.employees[0], w.spells["e1"], w.marks, today, w.records["s1"]);
    REQUIRE(in.completed.size() == 1);
    CHECK(in.completed[0].rule_id == "absence_conversation");
    CHECK(in.completed[0].on == d(2025, 3, 19));
}

TEST_CASE("todos: agreements of a signed record are due on their day and bucketed around a Sunday") {
    // First day Wed 05-03-2025; the absence conversation held Mon 24-03-2025 agreed:
    //   row 0 "Bestille hæve-sænkebord", Bo Hansen, Sat 29-03-2025 -> suggested Fri 28-03-2025
    //   row 1 "Ringe til medarbejderen", Leder, Mon 31-03-2025 (a working day: no suggestion)
    // The week of Tue 25-03 ends Sun 30-03.
    World w;
    w.add_employee("e1", "Anna");
    w.add_spell("e1", back_soon("s1", d(2025, 3, 5)));
    w.add_record(absence_conversation(
        "cr-1", "e1", "s1", d(2025, 3, 24),
        {agreement_row("Bestille hæve-sænkebord", "Bo Hansen", d(2025, 3, 29)),
         agreement_row("Ringe til medarbejderen", "Leder", d(2025, 3, 31))}));
    REQUIRE(validate(w.records["s1"][0], d(2025, 3, 25)).ok());

    // Tue 25-03: the Saturday row is this week's (4 days left), the Monday row upcoming (6).
    auto todos = w.todos(d(2025, 3, 25));
    const Todo& sat = get(todos, "s1/agreement/cr-1/0");
    CHECK(sat.source == TodoSource::agreement);
    CHECK(to_string(sat.source) == "agreement");
    CHECK(sat.kind == RuleKind::deadline);
    CHECK(sat.due == d(2025, 3, 29));
    CHECK(sat.suggested_date == d(2025, 3, 28));
    CHECK(sat.days_left == 4);
    CHECK(sat.bucket == TodoBucket::this_week);
    CHECK(sat.title_da == "Bestille hæve-sænkebord");
    CHECK(sat.title_en == "Bestille hæve-sænkebord");
    CHECK(sat.detail_da == "Aftalt i Sygefraværssamtale 24-03-2025 · ansvarlig: Bo Hansen");
    CHECK(sat.detail_en == "Agreed in Absence conversation 24-03-2025 · responsible: Bo Hansen");
    CHECK(sat.owner == "Bo Hansen");
    CHECK(sat.record_id == "cr-1");
    CHECK(sat.spell_id == "s1");
    CHECK(sat.employee_id == "e1");
    CHECK(sat.department_id == "dept-1");
    CHECK(sat.rule_id == "absence_conversation"); // the template it was agreed in
    CHECK(sat.rule_set_id.empty());
    const Todo& mon = get(todos, "s1/agreement/cr-1/1");
    CHECK(mon.due == d(2025, 3, 31));
    CHECK_FALSE(mon.suggested_date.has_value());
    CHECK(mon.days_left == 6);
    CHECK(mon.bucket == TodoBucket::upcoming);
    CHECK(mon.owner == "Leder");
    // Sorted by due date among the case's deadlines: 29-03, 31-03, NemRefusion 09-04-2025.
    CHECK(keys(todos) == std::vector<std::string>{"s1/agreement/cr-1/0", "s1/agreement/cr-1/1",
                                                  "s1/nemrefusion_report_wages"});

    // Sat 29-03 (the due day): this week, 0 left.
    todos = w.todos(d(2025, 3, 29));
    CHECK(get(todos, "s1/agreement/cr-1/0").bucket == TodoBucket::this_week);
    CHECK(get(todos, "s1/agreement/cr-1/0").days_left == 0);
    // Sun 30-03: the Saturday row is overdue (-1); the Monday row is next week's.
    todos = w.todos(d(2025, 3, 30));
    CHECK(get(todos, "s1/agreement/cr-1/0").bucket == TodoBucket::overdue);
    CHECK(get(todos, "s1/agreement/cr-1/0").days_left == -1);
    CHECK(get(todos, "s1/agreement/cr-1/1").bucket == TodoBucket::upcoming);
    // Mon 31-03: a new week; the Monday row is due today, the Saturday one still overdue (-2).
    todos = w.todos(d(2025, 3, 31));
    CHECK(get(todos, "s1/agreement/cr-1/1").bucket == TodoBucket::this_week);
    CHECK(get(todos, "s1/agreement/cr-1/1").days_left == 0);
    CHECK(get(todos, "s1/agreement/cr-1/0").days_left == -2);

    // Marked done: that agreement is gone, the other stays.
    w.add_mark("s1/agreement/cr-1/0", d(2025, 3, 28));
    todos = w.todos(d(2025, 3, 31));
    CHECK(find(todos, "s1/agreement/cr-1/0") == nullptr);
    CHECK(find(todos, "s1/agreement/cr-1/1") != nullptr);
    // An agreement mark is not a timeline step.
    CHECK(case_input(w.spells["e1"][0], &w.employees[0], w.spells["e1"], w.marks, d(2025, 3, 31), w.records["s1"])
              .completed.size() == 1); // only the conversation (from the record)
}

TEST_CASE("todos: a draft's agreements and a record filed under another employee give nothing, any absence kind gives them") {
    World w;
    w.add_employee("e1", "Anna");
    w.add_spell("e1", back_soon("s1", d(2025, 3, 5)));
    const ConversationRecord signed_record =
        absence_conversation("cr-1", "e1", "s1", d(2025, 3, 24),
                             {agreement_row("Bestille hæve-sænkebord", "Bo Hansen", d(2025, 3, 29))});
    w.add_record(as_draft(signed_record));
    auto todos = w.todos(d(2025, 3, 25));
    CHECK(find(todos, "s1/agreement/cr-1/0") == nullptr);
    CHECK(std::none_of(todos.begin(), todos.end(), [](const Todo& t) { return t.source == TodoSource::agreement; }));

    // Signed, but naming another employee than the case's: not shown on this case.
    ConversationRecord stray = signed_record;
    stray.employee_id = "e2";
    w.records["s1"] = {stray};
    CHECK(find(w.todos(d(2025, 3, 25)), "s1/agreement/cr-1/0") == nullptr);

    // The same record, signed and the case's own: the agreement appears.
    w.records["s1"] = {signed_record};
    CHECK(find(w.todos(d(2025, 3, 25)), "s1/agreement/cr-1/0") != nullptr);

    // Agreements do not need a Sickness Benefit Act timeline: a pregnancy-related absence has no
    // deadlines, but what was agreed in a conversation about it is still to be done.
    World p;
    p.add_employee("e2", "Bente");
    AbsenceSpell pregnancy = back_soon("p1", d(2025, 3, 5));
    pregnancy.kind = AbsenceKind::pregnancy_related;
    p.add_spell("e2", pregnancy);
    p.add_record(absence_conversation("cr-2", "e2", "p1", d(2025, 3, 24),
                                      {agreement_row("Aftale nedsat tid", "Leder", d(2025, 3, 28))}));
    CHECK(keys(p.todos(d(2025, 3, 25))) == std::vector<std::string>{"p1/agreement/cr-2/0"});
}

TEST_CASE("todos: an agreement due within the horizon shows although its case ended longer ago") {
    // Today Wed 12-03-2025. Spell Fri 01-11-2024 .. Mon 02-12-2024 = today - 100 (see the horizon
    // test above). The absence conversation was held Wed 20-11-2024 (before its deadline
    // 01-11 + 28 = 29-11-2024) and agreed a call on Wed 15-01-2025, after the case ended.
    // 12-03-2025 - 15-01-2025 = 15-01 -> 15-02 (31) -> 12-03 (25) = 56 days.
    World w;
    w.add_employee("e1", "Anna");
    w.add_spell("e1", spell("old", d(2024, 11, 1), d(2024, 12, 2)));
    w.add_record(absence_conversation("cr-old", "e1", "old", d(2024, 11, 20),
                                      {agreement_row("Opfølgende opkald", "Leder", d(2025, 1, 15))}));
    const Date today = d(2025, 3, 12);
    // Horizon 90: the case's deadlines are history (it ended before 12-03 - 90 = 12-12-2024), the
    // agreement (due 15-01-2025, after that day) is not: overdue by 56 days.
    auto todos = w.todos(today, 90);
    CHECK(keys(todos) == std::vector<std::string>{"old/agreement/cr-old/0"});
    CHECK(get(todos, "old/agreement/cr-old/0").days_left == -56);
    CHECK(get(todos, "old/agreement/cr-old/0").bucket == TodoBucket::overdue);
    // The horizon measures the agreement's own age: due exactly today - 56 is inside a horizon of
    // 56 days, outside one of 55.
    CHECK(keys(w.todos(today, 56)) == std::vector<std::string>{"old/agreement/cr-old/0"});
    CHECK(w.todos(today, 55).empty());
    // With a horizon of 100 days the case is inside too: the conversation is met by the record,
    // so only NemRefusion (01-11 + 35 = 06-12-2024) is left of the deadlines.
    todos = w.todos(today, 100);
    CHECK(keys(todos) == std::vector<std::string>{"old/nemrefusion_report_wages", "old/agreement/cr-old/0"});
    CHECK(get(todos, "old/agreement/cr-old/0").days_left == -56);
    CHECK(get(todos, "old/agreement/cr-old/0").bucket == TodoBucket::overdue);
    CHECK_FALSE(get(todos, "old/agreement/cr-old/0").suggested_date.has_value()); // a Wednesday
}

TEST_CASE("todos: an agreement due before the horizon is history even on an ongoing case") {
    // An ongoing case from Mon 04-11-2024 with the absence conversation held Mon 25-11-2024 (day 22)
    // agreeing two calls: Wed 27-11-2024 and Fri 10-01-2025. Today Wed 12-03-2025, horizon 90:
    // agreements due before 12-12-2024 are history, so only the January call (61 days ago) shows.
    World w;
    w.add_employee("e1", "Anna");
    AbsenceSpell s = spell("long", d(2024, 11, 4));
    s.not_expected_back_within_8_weeks = true;
    w.add_spell("e1", s);
    w.add_record(absence_conversation("cr-1", "e1", "long", d(2024, 11, 25),
                                      {agreement_row("Første opkald", "Leder", d(2024, 11, 27)),
                                       agreement_row("Andet opkald", "Leder", d(2025, 1, 10))}));
    const auto todos = w.todos(d(2025, 3, 12), 90);
    CHECK(find(todos, "long/agreement/cr-1/0") == nullptr);
    // 10-01 -> 10-03 is 31 + 28 = 59 days, + 2 = 61.
    CHECK(get(todos, "long/agreement/cr-1/1").days_left == -61);
}

TEST_CASE("todos: a record filed under the case's spell but naming another employee meets no step") {
    // The same test for steps as for agreements: spell and employee. First day Wed 05-03-2025; a
    // signed absence conversation held Mon 24-03-2025 is filed under s1 (Anna's case) but names
    // Bent (e2). Today Tue 25-03-2025: Anna's conversation (due 05-03 + 28 = Wed 02-04-2025) is
    // still open, and the stray record's agreement is not hers either.
    const Date today = d(2025, 3, 25);
    World w;
    w.add_employee("e1", "Anna");
    w.add_employee("e2", "Bent");
    w.add_spell("e1", back_soon("s1", d(2025, 3, 5)));
    w.add_record(absence_conversation("cr-1", "e2", "s1", d(2025, 3, 24),
                                      {agreement_row("Bestille hæve-sænkebord", "Bo Hansen", d(2025, 3, 28))}));
    auto todos = w.todos(today);
    CHECK(keys(todos) == std::vector<std::string>{"s1/absence_conversation", "s1/nemrefusion_report_wages"});
    CHECK(get(todos, "s1/absence_conversation").due == d(2025, 4, 2));
    // case_input applies the same test: with Anna as the employee, and without an employee (the
    // spell's employee_id, e1).
    CHECK(case_input(w.spells["e1"][0], &w.employees[0], w.spells["e1"], w.marks, today, w.records["s1"])
              .completed.empty());
    CHECK(case_input(w.spells["e1"][0], nullptr, w.spells["e1"], w.marks, today, w.records["s1"]).completed.empty());

    // Filed correctly (Anna's), the same record meets the step and its agreement shows.
    w.records["s1"][0].employee_id = "e1";
    todos = w.todos(today);
    CHECK(keys(todos) == std::vector<std::string>{"s1/agreement/cr-1/0", "s1/nemrefusion_report_wages"});
    const CaseInput in = case_input(w.spells["e1"][0], nullptr, w.spells["e1"], w.marks, today, w.records["s1"]);
    REQUIRE(in.completed.size() == 1);
    CHECK(in.completed[0].rule_id == "absence_conversation");
    CHECK(in.completed[0].on == d(2025, 3, 24));
}

TEST_CASE("todos: each template snapshot is parsed once per call, by template id and version") {
    // 40 employees, each with a case from Wed 05-03-2025 and a signed absence conversation (v1)
    // with one agreement; 10 of them also a signed round table; 5 a draft contact note (a draft is
    // never parsed). Today Tue 25-03-2025.
    const FormTemplate round_table = naervaer::test::load_template("round_table.v1.json");
    const FormTemplate contact_note = naervaer::test::load_template("contact_note.v1.json");
    World w;
    for (int i = 0; i < 40; ++i) {
        const std::string e = "e" + std::to_string(i), sp = "s" + std::to_string(i);
        w.add_employee(e, "Person " + std::to_string(100 + i));
        w.add_spell(e, back_soon(sp, d(2025, 3, 5)));
        w.add_record(absence_conversation("ac-" + sp, e, sp, d(2025, 3, 24),
                                          {agreement_row("Ringe til medarbejderen", "Leder", d(2025, 3, 31))}));
        if (i < 10) {
            ConversationRecord rt = new_conversation_record(round_table, "rt-" + sp, e, sp, d(2025, 3, 24));
            rt.status = ConversationStatus::signed_off;
            rt.sign_off = SignOff{"X", d(2025, 3, 24), true, "", "u-bo", "Bo Hansen"};
            w.add_record(rt);
        }
        if (i < 5) w.add_record(new_conversation_record(contact_note, "cn-" + sp, e, sp, d(2025, 3, 24)));
    }
    TodoInput in;
    in.rule_sets = shipped_rule_sets();
    in.employees = w.employees;
    in.spells_by_employee = &w.spells;
    in.marks = &w.marks;
    in.records = &w.records;
    in.today = d(2025, 3, 25);
    TodoStats stats;
    in.stats = &stats;
    auto todos = compute_todos(in);
    // Two distinct (id, version): absence_conversation v1 and round_table v1, each parsed once
    // though 40 + 10 records carry them and each record is looked at twice (step, agreements).
    CHECK(stats.snapshots_parsed == 2);
    // The work is all there: 40 agreements, each case's conversation met by its record.
    CHECK(std::count_if(todos.begin(), todos.end(), [](const Todo& t) { return t.source == TodoSource::agreement; }) == 40);
    CHECK(std::none_of(todos.begin(), todos.end(), [](const Todo& t) { return t.rule_id == "absence_conversation" && t.source == TodoSource::deadline; }));

    // A new version is another template: its records' snapshot is parsed too, and its own title
    // shows. Version 2 of the absence conversation, retitled, for employee e0's case.
    nlohmann::json v2_doc = naervaer::test::load_template("absence_conversation.v1.json").source;
    v2_doc["version"] = 2;
    v2_doc["title_da"] = "Sygefraværssamtale, ny udgave";
    const auto v2 = parse_form_template_json(v2_doc);
    REQUIRE(v2.ok());
    ConversationRecord newer = new_conversation_record(*v2.form, "ac2-s0", "e0", "s0", d(2025, 3, 24));
    newer.answers = w.records["s0"][0].answers;
    newer.answers["agreements"] = nlohmann::json::array({agreement_row("Sende plan", "Leder", d(2025, 4, 1))});
    newer.status = ConversationStatus::signed_off;
    newer.sign_off = w.records["s0"][0].sign_off;
    w.add_record(newer);
    stats = {};
    todos = compute_todos(in);
    CHECK(stats.snapshots_parsed == 3);
    CHECK(get(todos, "s0/agreement/ac2-s0/0").detail_da ==
          "Aftalt i Sygefraværssamtale, ny udgave 24-03-2025 · ansvarlig: Leder");
    CHECK(get(todos, "s0/agreement/ac-s0/0").detail_da == "Aftalt i Sygefraværssamtale 24-03-2025 · ansvarlig: Leder");
    // Without stats nothing is counted, and the result is the same.
    in.stats = nullptr;
    CHECK(keys(compute_todos(in)) == keys(todos));
}

TEST_CASE("todos: hidden agreement fields give nothing") {
    // A retention plan (SDL § 7 b) the employer refused: its agreements field shows only when
    // employer_refuses is false, so rows it still holds are not agreed. First day Mon 03-03-2025,
    // plan Mon 07-04-2025, today Tue 08-04-2025.
    const FormTemplate form = naervaer::test::load_template("retention_plan.v1.json");
    World w;
    w.add_employee("e1", "Anna");
    AbsenceSpell s = spell("s1", d(2025, 3, 3));
    s.not_expected_back_within_8_weeks = true;
    w.add_spell("e1", s);
    ConversationRecord plan = new_conversation_record(form, "rp-1", "e1", "s1", d(2025, 4, 7));
    plan.answers = {{"plan_date", "2025-04-07"},
                    {"employer_refuses", true},
                    {"refusal_reason", "Der er ingen opgaver, medarbejderen kan varetage i en overgang."},
                    {"agreements", nlohmann::json::array({agreement_row("Indkøbe løftehjælpemiddel", "Bo Hansen",
                                                                        d(2025, 4, 22))})}};
    plan.status = ConversationStatus::signed_off;
    plan.sign_off = SignOff{"Anna Jensen", d(2025, 4, 7), true, "", "u-bo", "Bo Hansen"};
    REQUIRE(validate(plan, d(2025, 4, 8)).ok());
    w.add_record(plan);
    const Date today = d(2025, 4, 8);
    CHECK(find(w.todos(today), "s1/agreement/rp-1/0") == nullptr);

    // Not refused (tasks and review date then required): the same row is an agreement, due Tue
    // 22-04-2025.
    plan.answers["employer_refuses"] = false;
    plan.answers.erase("refusal_reason");
    plan.answers["tasks"] = nlohmann::json::array({{{"text", "Kundeservice i telefon"}, {"column", "can"}}});
    plan.answers["review_date"] = "2025-05-05";
    REQUIRE(validate(plan, today).ok());
    w.records["s1"] = {plan};
    const auto todos = w.todos(today);
    const Todo& t = get(todos, "s1/agreement/rp-1/0");
    CHECK(t.due == d(2025, 4, 22));
    CHECK(t.detail_da == "Aftalt i Fastholdelsesplan 07-04-2025 · ansvarlig: Bo Hansen");
}

// The policy's own rules (alerts-default.json): a policy that holds the absence conversation within
// 2 weeks (day 15, a spell_day step listed ahead) and asks for a sworn statement from day 3 (an
// alert on that day).
namespace {
AlertSettings with_policy_steps(int conversation_day, int documentation_day) {
    AlertSettings s = default_alerts();
    AlertRule* conversation = s.find("policy_conversation");
    AlertRule* documentation = s.find("documentation_day");
    REQUIRE(conversation != nullptr);
    REQUIRE(documentation != nullptr);
    conversation->enabled = true;
    conversation->days = conversation_day;
    documentation->enabled = true;
    documentation->days = documentation_day;
    return s;
}
} // namespace

TEST_CASE("policy steps: the conversation is listed from the first sick day, documentation on its day") {
    // First day Wed 05-03-2025 (day 1). Day 3 = Fri 07-03-2025, day 15 = 05-03 + 14 = Wed
    // 19-03-2025 (2 weeks after the first sick day). The law's conversation: 05-03 + 28 = Wed
    // 02-04-2025. Today is day 1, Wed 05-03-2025: this week ends Sun 09-03.
    const Date first = d(2025, 3, 5);
    World w;
    w.alerts = with_policy_steps(15, 3);
    w.add_employee("e1", "Anna");
    w.add_spell("e1", back_soon("s1", first));

    auto todos = w.todos(first);
    // Documentation is an alert: nothing before day 3, then due that day.
    CHECK(find(todos, "s1/alert/documentation_day") == nullptr);
    CHECK(find(w.todos(d(2025, 3, 6)), "s1/alert/documentation_day") == nullptr);
    const auto on_day_3 = w.todos(d(2025, 3, 7));
    const Todo& documentation = get(on_day_3, "s1/alert/documentation_day");
    CHECK(documentation.due == d(2025, 3, 7));
    CHECK(documentation.days_left == 0);
    CHECK(documentation.bucket == TodoBucket::this_week);
    CHECK(documentation.source == TodoSource::alert);
    CHECK(documentation.detail_da.find("fra 3. sygedag") != std::string::npos);
    const Todo& conversation = get(todos, "s1/alert/policy_conversation");
    CHECK(conversation.due == d(2025, 3, 19));
    CHECK(conversation.days_left == 14);
    CHECK(conversation.bucket == TodoBucket::upcoming);
    CHECK(conversation.detail_da.find("senest på 15. sygedag") != std::string::npos);
    CHECK(get(todos, "s1/absence_conversation").due == d(2025, 4, 2)); // the law's step stays

    // Day 16, Thu 20-03-2025, nothing held: the policy's step is overdue, the law's is not.
    todos = w.todos(d(2025, 3, 20));
    CHECK(get(todos, "s1/alert/policy_conversation").bucket == TodoBucket::overdue);
    CHECK(get(todos, "s1/absence_conversation").bucket == TodoBucket::upcoming);

    // A spell that ended on day 2 (Thu 06-03) never reaches day 3: no documentation step; a spell
    // that ended on day 10 has none of the conversation.
    World short_spells;
    short_spells.alerts = w.alerts;
    short_spells.add_employee("e1", "Anna");
    short_spells.add_spell("e1", spell("s1", first, d(2025, 3, 6)));
    short_spells.add_employee("e2", "Bent");
    short_spells.add_spell("e2", spell("s2", first, first.plus_days(9)));
    todos = short_spells.todos(d(2025, 3, 20));
    CHECK(find(todos, "s1/alert/documentation_day") == nullptr);
    CHECK(find(todos, "s2/alert/policy_conversation") == nullptr);
    CHECK(get(todos, "s2/alert/documentation_day").due == d(2025, 3, 7));

    // Off (as the defaults are): neither step.
    w.alerts = default_alerts();
    todos = w.todos(first);
    CHECK(find(todos, "s1/alert/documentation_day") == nullptr);
    CHECK(find(todos, "s1/alert/policy_conversation") == nullptr);
}

TEST_CASE("policy steps: the absence conversation held meets the policy's step and the law's") {
    // First day Wed 05-03-2025; the conversation is held and signed on day 13, Mon 17-03-2025,
    // before the policy's day 15 (Wed 19-03). Today Tue 18-03-2025.
    const Date first = d(2025, 3, 5);
    const Date held = first.plus_days(12);
    REQUIRE(held == d(2025, 3, 17));
    World w;
    w.alerts = with_policy_steps(15, 3);
    w.add_employee("e1", "Anna");
    w.add_spell("e1", back_soon("s1", first));
    w.add_record(absence_conversation("cr-1", "e1", "s1", held));
    auto todos = w.todos(d(2025, 3, 18));
    CHECK(find(todos, "s1/alert/policy_conversation") == nullptr);
    CHECK(find(todos, "s1/absence_conversation") == nullptr);
    CHECK(find(todos, "s1/alert/documentation_day") != nullptr); // not a conversation

    // Marked held on the case's step instead of a record: the same.
    World marked;
    marked.alerts = w.alerts;
    marked.add_employee("e1", "Anna");
    marked.add_spell("e1", back_soon("s1", first));
    marked.add_mark("s1/absence_conversation", held);
    todos = marked.todos(d(2025, 3, 18));
    CHECK(find(todos, "s1/alert/policy_conversation") == nullptr);
    // A mark on another case of the same employee does not count for this one.
    World other;
    other.alerts = w.alerts;
    other.add_employee("e1", "Anna");
    other.add_spell("e1", spell("s0", d(2025, 1, 6), d(2025, 2, 20)));
    other.add_spell("e1", back_soon("s1", first));
    other.add_mark("s0/absence_conversation", d(2025, 2, 3));
    CHECK(find(other.todos(d(2025, 3, 18)), "s1/alert/policy_conversation") != nullptr);
}
