#pragma once
// The to-do list: every case deadline and employer alert that a leader still has to act on,
// derived from the records (never stored) and bucketed for the home screen. Which user sees which
// to-dos follows from which records they may see: a team leader's replica holds the employees of
// their departments, HR and admins hold everyone (docs/deadlines.md, "To-dos").
#include "naervaer/alerts.hpp"
#include "naervaer/conversation_record.hpp"
#include "naervaer/date.hpp"
#include "naervaer/records.hpp"
#include "naervaer/rule_set.hpp"
#include "naervaer/timeline.hpp"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace naervaer {

// Keys name a to-do across devices and days: "<spell id>/<rule id>" for a case deadline,
// "<spell id>/alert/<alert rule id>" for an alert, "<spell id>/agreement/<record id>/<row>" for an
// agreement of a signed conversation record (agreement_todo_key, conversation_record.hpp).
std::string deadline_todo_key(std::string_view spell_id, std::string_view rule_id);
std::string alert_todo_key(std::string_view spell_id, std::string_view alert_rule_id);

// The marks of one organisation (or of what one user sees), by todo_key.
using DoneMarks = std::map<std::string, TodoDone, std::less<>>;

// Conversation records by spell id (the case they belong to), any order.
using RecordsBySpell = std::map<std::string, std::vector<ConversationRecord>, std::less<>>;

// The timeline input of one case with the case's marks applied: every mark "<spell id>/<rule id>"
// becomes a CompletedStep{rule id, done_on} (alert marks are not steps), and the mark of
// "<spell>/fast_track_window" is also the fast-track request date, so the window is met, the
// week-8 follow-up lapses and the follow-up 2 weeks after the request is dated. The payer is the
// employee's (wages without an employee). `employee_spells` are all of the employee's spells (for
// the reassessment). `case_records` are the case's conversation records: each signed record whose
// template meets a rule (met_rule) completes that rule's step on its meeting day; with both a mark
// and a record for one rule, the earlier day counts. A record counts only when it names the case's
// spell and employee (the employee's id, or the spell's employee_id without an employee): the same
// test as for agreements in compute_todos. Each distinct template (id, version) among the records
// is parsed once (see compute_todos).
CaseInput case_input(const AbsenceSpell& spell, const Employee* employee,
                     std::span<const AbsenceSpell> employee_spells, const DoneMarks& marks, Date today,
                     std::span<const ConversationRecord> case_records = {});

// Whether a timeline entry of this case is one of the case's to-dos when open: a deadline, the
// fast-track window or the reassessment warning; the warning (one date per employee, shown on
// each of their cases) only on the case whose spell contains its date, so it is one to-do.
// Events happen by themselves and the retention plan has no date.
bool is_case_step(const TimelineEntry& entry, const AbsenceSpell& spell);

enum class TodoSource { deadline, alert, agreement };
std::string_view to_string(TodoSource s);

enum class TodoBucket {
    overdue,   // due before today and not done (deadlines and alerts; windows close instead)
    this_week, // due today or later, up to and including Sunday of today's (Monday-first) week
    upcoming,  // after this week
};
std::string_view to_string(TodoBucket b);

struct Todo {
    std::string key;
    TodoSource source = TodoSource::deadline;
    std::string rule_id; // a rule-set rule id, an alert rule id, or (agreements) the template id
    std::string employee_id;
    std::string department_id;
    std::string spell_id;
    Date due;                           // legal date, or the day an alert fired
    std::optional<Date> suggested_date; // the working day before, when `due` is not a working day
    int days_left = 0;                  // due - today
    TodoBucket bucket = TodoBucket::upcoming;
    RuleKind kind = RuleKind::deadline; // for alerts: deadline
    std::string title_da, title_en;
    std::string detail_da, detail_en; // the explanation, or the alert's message
    std::string reference;            // legal source or the policy's wording (a rule's `source`)
    std::string rule_set_id;          // which rule set the case uses ("" for alerts)
    // Agreements: the record it was agreed in and who carries it out (free text from the form).
    // The title is the agreement's text; the detail names the template and the meeting day.
    std::string record_id;
    std::string owner;
};

// What compute_todos did, for tests and benchmarks.
struct TodoStats {
    // Template snapshots parsed: one per distinct (template id, version) among the signed records
    // of the cases looked at, however many records share it.
    std::size_t snapshots_parsed = 0;
};

struct TodoInput {
    std::span<const RuleSet> rule_sets;
    const AlertSettings* alerts = nullptr; // nothing = no alerts
    std::span<const Employee> employees;
    // Spells by employee id; employees without spells may be missing.
    const std::map<std::string, std::vector<AbsenceSpell>>* spells_by_employee = nullptr;
    const DoneMarks* marks = nullptr;
    // Conversation records by spell: signed records meet their rule (case_input) and their
    // agreements become to-dos. Nothing = no records.
    const RecordsBySpell* records = nullptr;
    Date today;
    // Cases that ended more than this many days ago, alerts that fired longer ago and agreements
    // due longer ago give no to-dos: an old case with a missed step is history, not work.
    int horizon_days = 90;
    TodoStats* stats = nullptr; // filled when given
};

// Open to-dos: timeline entries of kind deadline, window and warning whose status is upcoming,
// due_soon or overdue (windows and warnings are never overdue: once passed they are gone), plus
// spell alerts, minus every key with a mark. Only cases that are ongoing or ended on or after
// today - horizon_days get a timeline; cases outside the Sickness Benefit Act or older than every
// rule set give none. The reassessment date is one per employee, so its warning is listed once,
// on the case whose spell contains the date. Alerts are evaluate_spell_alerts(..., today,
// horizon_days), due the day they fired (overdue from the next day until marked), without a
// suggested date. Agreements (agreement_todos) of signed records due on or after
// today - horizon_days, whatever the kind of absence and however long ago the case ended (an
// agreement of an old case may fall due long after it; the record must name the case's spell and
// employee), due on their agreed day (overdue from the next day until marked), with the working
// day before as the suggestion when that day is not a working day. Sorted by due date, then
// employee name, then key.
//
// Template snapshots are parsed once per call for each distinct (template id, version): the
// server accepts a conversation record only when its snapshot equals the shipped template of that
// id and version, and a changed template is a new version (docs/forms.md), so records that share
// id and version share the snapshot. A snapshot that does not parse gives its records nothing.
std::vector<Todo> compute_todos(const TodoInput& input);

struct TodoCounts {
    int overdue = 0;
    int this_week = 0;
    int upcoming = 0;
};
TodoCounts count_todos(std::span<const Todo> todos);

} // namespace naervaer
