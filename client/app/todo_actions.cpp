// The home screen's to-dos (docs/deadlines.md, "To-dos"): computed from the records in shared/,
// cached until the records or today change; marking one done, un-marking it, exporting them as an
// iCalendar file, and the organisation's alert settings that decide which alerts become to-dos.
#include "app/app_impl.hpp"

#include "app/forms.hpp"

#include <naervaer/ics.hpp>

#include <algorithm>
#include <ctime>

namespace naervaer::client {

using nlohmann::json;

namespace {

const std::string todo_done_type(record_type::todo_done);
const std::string alert_settings_type(record_type::alert_settings);

// How the calendar names an employee: by name only when the user asked for it.
std::string calendar_person(const I18n& i18n, const Employee* employee, bool names) {
    if (!employee) return {};
    if (names) return employee->name;
    return i18n.format("calendar.employee_number", employee->employee_number);
}

} // namespace

const AlertSettings* App::Impl::effective_alerts() {
    if (!rules.alerts) return nullptr;
    if (alerts_revision != directory_revision || !alerts_cache) {
        alerts_revision = directory_revision;
        alerts_cache = directory.alert_choices() ? apply_choices(*rules.alerts, *directory.alert_choices())
                                                 : *rules.alerts;
    }
    return &*alerts_cache;
}

void App::Impl::refresh_todos() {
    TodoList& list = state.todos;
    const Date day = today();
    if (list.computed && list.today == day && list.records_revision == directory_revision) return;
    // While a sync round is under way (the pages of a first sync, a push), wait for its end: each
    // page bumps the revision, and a large organisation's list costs ~160 ms to compute.
    if (list.computed && list.today == day && sync.status().syncing) return;
    recompute_todos(day);
}

void App::Impl::recompute_todos(Date day) {
    TodoList& list = state.todos;
    const double started = platform.now_ms();
    TodoInput input;
    input.rule_sets = rules.rule_sets;
    input.alerts = effective_alerts();
    input.employees = directory.employees();
    input.spells_by_employee = &directory.spells_by_employee();
    input.marks = &directory.marks();
    input.records = &directory.conversations_by_spell();
    input.today = day;
    list.items = compute_todos(input);
    list.counts = count_todos(list.items);
    list.today = day;
    list.records_revision = directory_revision;
    list.computed = true;
    list.compute_ms = platform.now_ms() - started;
}

void App::Impl::start_mark_todo(const action::StartMarkTodo& a) {
    if (!directory.employee(a.target.employee_id) || directory.mark(a.target.todo_key)) return;
    MarkTodoForm form;
    form.target = a.target;
    form.done_on = today().danish();
    state.mark = std::move(form);
    // Back to where the user came from: the home screen or the case.
    state.return_screen = state.screen == Screen::employee ? Screen::employee : Screen::home;
    state.screen = Screen::mark_todo;
}

void App::Impl::save_mark_todo() {
    MarkTodoForm& form = state.mark;
    if (form.target.todo_key.empty()) return;
    // Someone else's mark may have arrived while the form was open: theirs stands (a new mark
    // must meet an existing one as a conflict, never overwrite it).
    if (const TodoDone* existing = directory.mark(form.target.todo_key)) {
        show_toast("toast.todo_already_done", existing->done_by_name);
        state.screen = state.return_screen;
        state.mark = MarkTodoForm{};
        return;
    }
    MarkDraft draft = read_mark_form(form, state.user, today());
    if (const AbsenceSpell* spell = directory.spell(form.target.spell_id))
        check_mark_within_case(draft.mark, *spell, draft.errors);
    if (!draft.errors.ok()) {
        form.submitted = true;
        return;
    }
    sync.put(todo_done_type, draft.mark.id, to_json(draft.mark));
    show_toast("toast.todo_done");
    state.selected_employee_id = form.target.employee_id;
    state.screen = state.return_screen;
    state.mark = MarkTodoForm{};
}

void App::Impl::unmark_todo(const std::string& todo_key) {
    const TodoDone* mark = directory.mark(todo_key);
    if (!mark) return;
    sync.remove(todo_done_type, mark->id);
    show_toast("toast.todo_reopened");
}

std::string App::Impl::calendar_text() const {
    const TodoList& list = state.todos;
    std::vector<CalendarEvent> events;
    events.reserve(list.items.size());
    for (const Todo& todo : list.items) {
        if (!list.department_id.empty() && todo.department_id != list.department_id) continue;
        const Employee* employee = directory.employee(todo.employee_id);
        CalendarEvent event;
        event.uid = todo.key + "@naervaer";
        event.date = todo.due;
        event.summary = i18n.pick(todo.title_da, todo.title_en);
        if (const std::string who = calendar_person(i18n, employee, list.names_in_calendar); !who.empty())
            event.summary += " – " + who;
        event.description = i18n.pick(todo.detail_da, todo.detail_en);
        if (todo.suggested_date)
            event.description += "\n" + i18n.format("calendar.suggested", todo.suggested_date->danish());
        event.description += "\n" + std::string(i18n.tr("calendar.open_portal"));
        // 09:00 the working day before is what a leader can still act on; the day before will do.
        event.alarm_minutes_before = 15 * 60;
        events.push_back(std::move(event));
    }
    CalendarHeader header;
    header.name = i18n.tr("calendar.name");
    const std::time_t now = platform.unix_time();
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    header.timestamp = stamp;
    // Minutes since 2020: a later export supersedes an earlier one when imported again (the
    // calendars update events by UID and SEQUENCE).
    header.sequence = static_cast<int>((now - 1'577'836'800) / 60);
    return to_icalendar(header, events);
}

void App::Impl::export_calendar() {
    platform.download_file("naervaer-frister-" + today().iso() + ".ics", "text/calendar;charset=utf-8",
                           calendar_text());
    show_toast("toast.calendar_exported");
}

// ---- alert settings (admin) -------------------------------------------------------------------

void App::Impl::edit_alert_settings() {
    if (!state.user.is_admin() || !rules.alerts) return;
    state.admin.alerts.editing = true;
    state.admin.alerts.choices = choices_of(*effective_alerts());
}

void App::Impl::save_alert_settings(bool defaults) {
    AlertSettingsForm& form = state.admin.alerts;
    if (!state.user.is_admin() || !rules.alerts || state.user.organisation_id.empty()) return;
    AlertChoices choices = defaults ? choices_of(*rules.alerts) : form.choices;
    // The rules the approved policy speaks about keep what it says, whatever the form held: a
    // reset to the defaults, or an approval that arrived while the form was open.
    if (const json& policy = state.policy.in_force.answers; !policy.is_null())
        choices = alert_choices_from_policy(policy, *rules.alerts, choices);
    if (!validate(choices, *rules.alerts).ok()) return; // the view shows the errors
    sync.put(alert_settings_type, alert_settings_record_id(state.user.organisation_id), to_json(choices));
    form = AlertSettingsForm{};
    show_toast("toast.alerts_saved");
}

json App::Impl::todos_json() const {
    const TodoList& list = state.todos;
    json items = json::array();
    for (const Todo& todo : list.items) {
        json item = {{"key", todo.key},
                     {"source", to_string(todo.source)},
                     {"rule_id", todo.rule_id},
                     {"employee_id", todo.employee_id},
                     {"due", todo.due.iso()},
                     {"bucket", to_string(todo.bucket)}};
        // An agreement's text and owner are on the home screen; they are the to-do.
        if (todo.source == TodoSource::agreement) {
            item["record_id"] = todo.record_id;
            item["text"] = todo.title_da;
            item["owner"] = todo.owner;
        }
        items.push_back(std::move(item));
    }
    json marks = json::array();
    for (const auto& [key, mark] : directory.marks())
        marks.push_back({{"key", key}, {"done_on", mark.done_on.iso()}, {"done_by", mark.done_by_name}});
    return {{"overdue", list.counts.overdue},
            {"this_week", list.counts.this_week},
            {"upcoming", list.counts.upcoming},
            {"compute_ms", list.compute_ms},
            {"items", std::move(items)},
            {"marks", std::move(marks)}};
}

// ---- benchmark ----------------------------------------------------------------------------------

json App::Impl::measure_todos(int runs) {
    runs = std::clamp(runs, 1, 50);
    const Date day = today();
    const AlertSettings* alerts = effective_alerts();
    std::vector<double> all_ms, todos_ms;
    std::size_t spells = 0, timelines = 0, entries = 0, triggered = 0;
    for (int run = 0; run < runs; ++run) {
        spells = timelines = entries = triggered = 0;
        // Every case of every employee, whatever its age, and the alerts as of today.
        double started = platform.now_ms();
        for (const Employee& employee : directory.employees()) {
            const auto& own = directory.spells_of(employee.id);
            for (const AbsenceSpell& spell : own) {
                ++spells;
                const auto timeline = compute_case_timeline(
                    rules.rule_sets,
                    case_input(spell, &employee, own, directory.marks(), day, directory.conversations_of(spell.id)));
                if (!timeline) continue;
                ++timelines;
                entries += timeline->entries.size();
            }
            if (alerts) triggered += evaluate_alerts(*alerts, own, day).size();
        }
        all_ms.push_back(platform.now_ms() - started);
        // What the app redoes after a change: the to-do list.
        started = platform.now_ms();
        recompute_todos(day);
        todos_ms.push_back(platform.now_ms() - started);
    }
    const auto median = [](std::vector<double> xs) {
        std::sort(xs.begin(), xs.end());
        return xs[xs.size() / 2];
    };
    return {{"runs", runs},
            {"employees", directory.employees().size()},
            {"spells", spells},
            {"timelines", timelines},
            {"timeline_entries", entries},
            {"alerts_triggered", triggered},
            {"todos", state.todos.items.size()},
            {"all_timelines_and_alerts_ms", median(all_ms)},
            {"todo_list_ms", median(todos_ms)}};
}

} // namespace naervaer::client
