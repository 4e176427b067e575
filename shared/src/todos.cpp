#include "naervaer/todos.hpp"

#include "naervaer/calendar.hpp"
#include "naervaer/reassessment.hpp"

#include <algorithm>
#include <deque>
#include <numeric>

namespace naervaer {

std::string deadline_todo_key(std::string_view spell_id, std::string_view rule_id) {
    std::string key;
    key.reserve(spell_id.size() + 1 + rule_id.size());
    key.append(spell_id).append("/").append(rule_id);
    return key;
}

std::string alert_todo_key(std::string_view spell_id, std::string_view alert_rule_id) {
    std::string key;
    key.reserve(spell_id.size() + 7 + alert_rule_id.size());
    key.append(spell_id).append("/alert/").append(alert_rule_id);
    return key;
}

std::string_view to_string(TodoSource s) {
    switch (s) {
    case TodoSource::deadline:
        return "deadline";
    case TodoSource::alert:
        return "alert";
    case TodoSource::agreement:
        return "agreement";
    }
    return "deadline";
}

std::string_view to_string(TodoBucket b) {
    switch (b) {
    case TodoBucket::overdue:
        return "overdue";
    case TodoBucket::this_week:
        return "this_week";
    case TodoBucket::upcoming:
        return "upcoming";
    }
    return "upcoming";
}

namespace {

// The rule id of a timeline key "<spell id>/<rule id>" of this spell; empty for other spells' keys
// and for alert keys ("<spell id>/alert/<id>"). Ids never contain '/' (is_valid_id), so the prefix
// is unambiguous.
std::string_view rule_id_of_key(std::string_view key, std::string_view spell_id) {
    if (key.size() <= spell_id.size() + 1 || key.substr(0, spell_id.size()) != spell_id ||
        key[spell_id.size()] != '/')
        return {};
    const std::string_view rest = key.substr(spell_id.size() + 1);
    return rest.find('/') == std::string_view::npos ? rest : std::string_view{};
}

// Completed steps and the fast-track request of `in.spell` from the marks. Walks only the keys
// that start with the spell id (the map is ordered), so it costs nothing for unmarked cases.
void apply_marks(CaseInput& in, const DoneMarks& marks) {
    in.completed.clear();
    in.fast_track_requested_on.reset();
    const std::string_view spell_id = in.spell.id;
    for (auto it = marks.lower_bound(spell_id);
         it != marks.end() && std::string_view(it->first).substr(0, spell_id.size()) == spell_id; ++it) {
        const std::string_view rule_id = rule_id_of_key(it->first, spell_id);
        if (rule_id.empty()) continue;
        in.completed.push_back({std::string(rule_id), it->second.done_on});
        // Marking the window done means the request was made that day (SDL § 7 c): the timeline
        // then drops the week-8 follow-up and dates the one 2 weeks after the request.
        if (rule_id == "fast_track_window") in.fast_track_requested_on = it->second.done_on;
    }
}

// Parsed template snapshots of one call, by (template id, version). The server accepts a record
// only when its snapshot equals the shipped template of that id and version, and a changed
// template is a new version with a new file (docs/forms.md), so all records of one id and version
// carry the same snapshot: the first one's parse serves them all. A snapshot that does not parse
// is remembered as such (its records then give nothing, as met_rule and agreement_todos would).
class SnapshotCache {
  public:
    explicit SnapshotCache(TodoStats* stats) : stats_(stats) {}

    const FormTemplate* form_of(const ConversationRecord& record) {
        // A handful of templates: a linear search beats a map.
        for (const Entry& e : entries_)
            if (e.version == record.template_version && e.id == record.template_id) return e.form ? &*e.form : nullptr;
        Entry& e = entries_.emplace_back();
        e.id = record.template_id;
        e.version = record.template_version;
        e.form = parse_form_template_json(record.template_snapshot).form;
        if (stats_) ++stats_->snapshots_parsed;
        return e.form ? &*e.form : nullptr;
    }

  private:
    struct Entry {
        std::string id;
        int version = 0;
        std::optional<FormTemplate> form;
    };
    std::deque<Entry> entries_; // a deque: pointers handed out stay valid as it grows
    TodoStats* stats_;
};

// Whether a record is the case's: filed under its spell and naming its employee. The records map
// is the caller's, so a mismatch must never put one employee's record on another's case; steps
// (apply_records) and agreements (add_agreements) apply this same test.
bool is_case_record(const ConversationRecord& record, std::string_view spell_id, std::string_view employee_id) {
    return record.spell_id == spell_id && record.employee_id == employee_id;
}

// The steps the case's signed conversation records meet (met_rule): each completes its rule on the
// meeting day; when a mark or another record already completed the rule, the earlier day counts.
// A record meeting the fast-track window dates the request like a mark does. Records of other
// spells or employees are ignored. Call after apply_marks. No records: nothing to do.
void apply_records(CaseInput& in, std::span<const ConversationRecord> records, std::string_view employee_id,
                   SnapshotCache& snapshots) {
    for (const ConversationRecord& record : records) {
        // Cheap tests before the snapshot is looked up.
        if (!record.is_signed() || !is_case_record(record, in.spell.id, employee_id)) continue;
        const FormTemplate* form = snapshots.form_of(record);
        if (!form) continue;
        std::optional<RuleMet> met = met_rule(record, *form);
        if (!met) continue;
        const bool fast_track = met->rule_id == "fast_track_window";
        auto same = std::find_if(in.completed.begin(), in.completed.end(),
                                 [&](const CompletedStep& c) { return c.rule_id == met->rule_id; });
        if (same == in.completed.end())
            in.completed.push_back({std::move(met->rule_id), met->on});
        else if (met->on < same->on)
            same->on = met->on;
        if (fast_track && (!in.fast_track_requested_on || met->on < *in.fast_track_requested_on))
            in.fast_track_requested_on = met->on;
    }
}

TodoBucket bucket_of(Date due, Date today) {
    if (due < today) return TodoBucket::overdue;
    // Danish weeks start on Monday: weekday() is 0 (Monday) .. 6 (Sunday).
    const Date sunday = today.plus_days(6 - today.weekday());
    return due <= sunday ? TodoBucket::this_week : TodoBucket::upcoming;
}

// Still to be done, with a date (which kinds are steps at all is is_case_step's call).
bool is_open(const TimelineEntry& e) {
    if (!e.due) return false;
    return e.status == EntryStatus::upcoming || e.status == EntryStatus::due_soon ||
           e.status == EntryStatus::overdue;
}

// The reassessment limit is one date per employee, so every case of the employee shows it. The
// to-do belongs to the case whose spell contains the date (benefit days only accrue inside a
// spell, and spells do not overlap), so it appears once.
bool warning_belongs_to(const TimelineEntry& e, const AbsenceSpell& spell) {
    return e.due && *e.due >= spell.first_day && (spell.ongoing() || *e.due <= *spell.last_day);
}

struct Collector {
    const TodoInput& input;
    const DoneMarks& marks;
    std::vector<Todo>& out;
    std::vector<const Employee*>& owners; // parallel to `out`, for sorting by name
    SnapshotCache& snapshots;
    // The completed steps (spell id, rule id) of the current employee's cases, kept only when an
    // alert rule is done with a case step (AlertRule::done_with).
    bool track_steps = false;
    std::vector<std::pair<std::string, std::string>> done_steps;

    bool marked(const std::string& key) const { return marks.find(key) != marks.end(); }

    bool step_done(std::string_view spell_id, std::string_view rule_id) const {
        return std::any_of(done_steps.begin(), done_steps.end(),
                           [&](const auto& d) { return d.first == spell_id && d.second == rule_id; });
    }

    void add(Todo&& t, const Employee& employee) {
        t.employee_id = employee.id;
        t.department_id = employee.department_id;
        t.days_left = t.due - input.today;
        t.bucket = bucket_of(t.due, input.today);
        out.push_back(std::move(t));
        owners.push_back(&employee);
    }

    // `timeline` was computed without texts; they come from `set` for the entries kept.
    void add_case(CaseTimeline&& timeline, const RuleSet& set, const AbsenceSpell& spell, const Employee& employee) {
        for (auto& e : timeline.entries) {
            if (!is_open(e)) continue;
            if (!is_case_step(e, spell)) continue;
            std::string key = deadline_todo_key(spell.id, e.rule_id);
            if (marked(key)) continue;
            Todo t;
            t.key = std::move(key);
            t.source = TodoSource::deadline;
            t.rule_id = std::move(e.rule_id);
            t.spell_id = spell.id;
            t.due = *e.due;
            t.suggested_date = e.suggested_date;
            t.kind = e.kind;
            if (const Rule* rule = set.find(t.rule_id)) {
                t.title_da = rule->title_da;
                t.title_en = rule->title_en;
                t.detail_da = rule->explanation_da;
                t.detail_en = rule->explanation_en;
                t.reference = rule->source;
            }
            t.rule_set_id = timeline.rule_set_id;
            add(std::move(t), employee);
        }
    }

    // The agreements of the case's signed records (agreement_todos skips drafts and hidden
    // agreement fields) due on or after `oldest_due`, due on the agreed day; a weekend or holiday
    // suggests the working day before, as for deadlines.
    void add_agreements(std::span<const ConversationRecord> records, const AbsenceSpell& spell,
                        const Employee& employee, Date oldest_due) {
        for (const ConversationRecord& record : records) {
            if (!record.is_signed() || !is_case_record(record, spell.id, employee.id)) continue;
            const FormTemplate* form = snapshots.form_of(record);
            if (!form) continue;
            std::vector<AgreementTodo> agreed = agreement_todos(record, *form);
            if (agreed.empty()) continue;
            const std::string held_on = record.held_on.danish();
            for (AgreementTodo& a : agreed) {
                if (a.agreement.due < oldest_due || marked(a.key)) continue;
                Todo t;
                t.key = std::move(a.key);
                t.source = TodoSource::agreement;
                t.rule_id = record.template_id;
                t.spell_id = spell.id;
                t.due = a.agreement.due;
                if (!is_working_day(t.due)) t.suggested_date = working_day_on_or_before(t.due);
                t.kind = RuleKind::deadline; // overdue from the day after until marked
                t.title_da = a.agreement.text;
                t.title_en = a.agreement.text; // the form's own words, in the language written
                t.detail_da = "Aftalt i " + form->title_da + " " + held_on + " · ansvarlig: " + a.agreement.owner;
                t.detail_en = "Agreed in " + form->title_en + " " + held_on + " · responsible: " + a.agreement.owner;
                t.record_id = record.id;
                t.owner = std::move(a.agreement.owner);
                add(std::move(t), employee);
            }
        }
    }

    void add_alerts(std::span<const AbsenceSpell> spells, const Employee& employee) {
        for (auto& a : evaluate_spell_alerts(*input.alerts, spells, input.today, input.horizon_days)) {
            std::string key = alert_todo_key(a.spell_id, a.alert.rule_id);
            if (marked(key)) continue;
            // A policy's step that the case's legal step covers (the conversation held) is done.
            if (const AlertRule* rule = input.alerts->find(a.alert.rule_id);
                rule && !rule->done_with.empty() && step_done(a.spell_id, rule->done_with))
                continue;
            Todo t;
            t.key = std::move(key);
            t.source = TodoSource::alert;
            t.rule_id = std::move(a.alert.rule_id);
            t.spell_id = std::move(a.spell_id);
            t.due = a.on; // the day it fired: before today it is overdue until someone acts
            t.kind = RuleKind::deadline;
            t.title_da = std::move(a.alert.title_da);
            t.title_en = std::move(a.alert.title_en);
            t.detail_da = std::move(a.alert.message_da);
            t.detail_en = std::move(a.alert.message_en);
            t.reference = std::move(a.alert.source);
            add(std::move(t), employee);
        }
    }
};

const DoneMarks& no_marks() {
    static const DoneMarks empty;
    return empty;
}

} // namespace

bool is_case_step(const TimelineEntry& e, const AbsenceSpell& spell) {
    switch (e.kind) {
    case RuleKind::deadline:
    case RuleKind::window:
        return true;
    case RuleKind::warning:
        return warning_belongs_to(e, spell);
    case RuleKind::event:
    case RuleKind::availability:
        return false;
    }
    return false;
}

CaseInput case_input(const AbsenceSpell& spell, const Employee* employee,
                     std::span<const AbsenceSpell> employee_spells, const DoneMarks& marks, Date today,
                     std::span<const ConversationRecord> case_records) {
    CaseInput in;
    in.spell = spell;
    in.payer = employee ? employee->nemrefusion_payer : NemRefusionPayer::wages;
    in.employee_spells.assign(employee_spells.begin(), employee_spells.end());
    in.today = today;
    apply_marks(in, marks);
    SnapshotCache snapshots(nullptr);
    apply_records(in, case_records, employee ? std::string_view(employee->id) : std::string_view(spell.employee_id),
                  snapshots);
    return in;
}

std::vector<Todo> compute_todos(const TodoInput& input) {
    std::vector<Todo> todos;
    std::vector<const Employee*> owners;
    if (!input.spells_by_employee) return todos;
    const DoneMarks& marks = input.marks ? *input.marks : no_marks();
    SnapshotCache snapshots(input.stats);
    Collector collect{input, marks, todos, owners, snapshots, false, {}};
    if (input.alerts)
        for (const AlertRule& r : input.alerts->rules) collect.track_steps |= r.enabled && !r.done_with.empty();
    // Cases that ended before this day, and agreements due before it, are history.
    const Date oldest = input.today.plus_days(-input.horizon_days);
    const bool has_records = input.records && !input.records->empty();

    // One CaseInput reused across an employee's cases: the employee's spells are copied once per
    // employee with a case inside the horizon, not once per case.
    CaseInput in;
    in.today = input.today;
    in.texts = false; // taken from the rule set for the entries that become to-dos
    for (const Employee& employee : input.employees) {
        const auto found = input.spells_by_employee->find(employee.id);
        if (found == input.spells_by_employee->end() || found->second.empty()) continue;
        const std::vector<AbsenceSpell>& spells = found->second;

        bool spells_copied = false;
        collect.done_steps.clear();
        for (const AbsenceSpell& spell : spells) {
            // The case's records, viewed in place (no copy); most cases have none.
            std::span<const ConversationRecord> case_records;
            if (has_records) {
                const auto r = input.records->find(spell.id);
                if (r != input.records->end()) case_records = r->second;
            }
            // Agreements are the leader's whatever the absence is (a care conversation may follow
            // pregnancy-related absence too), so they do not wait for a timeline; and an agreement
            // may fall due long after its case ended, so the age of the agreement counts, not the
            // case's.
            if (!case_records.empty()) collect.add_agreements(case_records, spell, employee, oldest);
            // Old cases are history.
            if (spell.last_day && *spell.last_day < oldest) continue;
            // Cases outside the Sickness Benefit Act have no deadlines.
            if (!counts_as_sickness_benefit(spell)) continue;
            const RuleSet* set = rule_set_in_force(input.rule_sets, spell.first_day);
            if (!set) continue; // older than every rule set: no guessed rules
            if (!spells_copied) {
                in.employee_spells.assign(spells.begin(), spells.end());
                in.payer = employee.nemrefusion_payer;
                spells_copied = true;
            }
            in.spell = spell;
            apply_marks(in, marks);
            apply_records(in, case_records, employee.id, snapshots);
            if (collect.track_steps)
                for (const CompletedStep& c : in.completed) collect.done_steps.emplace_back(spell.id, c.rule_id);
            CaseTimeline timeline = compute_timeline(*set, in);
            if (!timeline.not_covered_en.empty()) continue;
            collect.add_case(std::move(timeline), *set, spell, employee);
        }
        if (input.alerts) collect.add_alerts(spells, employee);
    }

    // Due date, then employee name, then key: sort positions, then move the to-dos into place.
    std::vector<std::size_t> order(todos.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (todos[a].due != todos[b].due) return todos[a].due < todos[b].due;
        const int by_name = owners[a]->name.compare(owners[b]->name);
        if (by_name != 0) return by_name < 0;
        return todos[a].key < todos[b].key;
    });
    std::vector<Todo> sorted;
    sorted.reserve(todos.size());
    for (std::size_t i : order)
        sorted.push_back(std::move(todos[i]));
    return sorted;
}

TodoCounts count_todos(std::span<const Todo> todos) {
    TodoCounts c;
    for (const auto& t : todos) {
        switch (t.bucket) {
        case TodoBucket::overdue:
            ++c.overdue;
            break;
        case TodoBucket::this_week:
            ++c.this_week;
            break;
        case TodoBucket::upcoming:
            ++c.upcoming;
            break;
        }
    }
    return c;
}

} // namespace naervaer
