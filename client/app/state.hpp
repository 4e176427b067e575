#pragma once
// The app's state: which screen is shown, who is signed in, and the forms' text as typed.
// Records themselves live in the sync engine's Replica; forms hold text (dates as dd-mm-åååå)
// until they are saved, so a half-typed date is never a record.
#include "app/actions.hpp"

#include <naervaer/alerts.hpp>
#include <naervaer/records.hpp>
#include <naervaer/timeline.hpp>
#include <naervaer/todos.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace naervaer::client {

enum class Screen {
    starting, // waiting for storage and /auth/me
    login,
    change_password, // a one-time password must be replaced first
    home,            // the user's to-dos: overdue, due this week, upcoming
    mark_todo,       // marking one to-do done (date, note)
    employees,
    employee,
    spell_editor,
    close_spell,
    employee_editor,
    conflicts,
    admin,
};
std::string_view to_string(Screen screen);

struct SignedInUser {
    std::string id;
    std::string email;
    std::string name;
    Role role = Role::team_leader;
    std::vector<std::string> department_ids;
    bool must_change_password = false;
    std::string organisation_id;
    std::string organisation_name;
    std::string organisation_cvr;
    std::string organisation_municipality;

    bool can_edit_employees() const { return role == Role::admin || role == Role::hr; }
    bool is_admin() const { return role == Role::admin; }
};

struct LoginForm {
    std::string email;
    std::string password;
    std::string error_da, error_en; // from the server, shown in the current language
    bool busy = false;
    bool focus = true; // put the cursor in the first empty field on the next frame
};

struct PasswordForm {
    std::string current;
    std::string next;
    std::string repeat;
    std::string error_da, error_en;
    bool busy = false;
    bool focus = true;
};

struct EmployeeListForm {
    std::string search;        // name or employee number, case-insensitive
    std::string department_id; // "" = all departments
    bool focus_search = true;
};

struct SpellForm {
    std::string spell_id;
    std::string employee_id;
    bool is_new = true;
    std::string first_day; // dd-mm-åååå as typed
    std::string last_day;
    AbsenceKind kind = AbsenceKind::sickness;
    bool partial = false;
    std::string hours_worked; // "18,5"
    std::string expected_return;
    bool not_expected_back_within_8_weeks = false;
    std::string note;
    bool submitted = false; // show every error, also for untouched fields
    bool focus = true;
};

struct CloseSpellForm {
    std::string spell_id;
    std::string last_day;
    bool submitted = false;
    bool focus = true;
};

struct EmployeeForm {
    std::string employee_id;
    bool is_new = true;
    std::string name;
    std::string employee_number;
    std::string department_id;
    std::string employment_start;
    std::string weekly_hours = "37";
    std::string cpr;
    NemRefusionPayer payer = NemRefusionPayer::wages;
    bool submitted = false;
    bool focus = true;
};

struct AdminUser {
    std::string id;
    std::string email;
    std::string name;
    Role role = Role::team_leader;
    std::vector<std::string> department_ids;
    bool active = true;
    bool must_change_password = false;
};

// The organisation's name, CVR and municipality as the admin edits them.
struct OrganisationForm {
    bool editing = false;
    bool saving = false;
    std::string name;
    std::string cvr;
    std::string municipality;
    nlohmann::json field_errors = nlohmann::json::object(); // from the server
};

// The organisation's alert rules as the admin edits them (numbers as ImGui ints, on/off).
struct AlertSettingsForm {
    bool editing = false;
    AlertChoices choices;
};

struct AdminState {
    OrganisationForm organisation;
    AlertSettingsForm alerts;
    std::vector<AdminUser> users;
    bool loading = false;
    std::string error_da, error_en;
    // New user
    std::string new_email;
    std::string new_name;
    Role new_role = Role::team_leader;
    std::set<std::string> new_department_ids;
    nlohmann::json new_user_field_errors = nlohmann::json::object();
    // Shown once after creating a user or resetting a password.
    std::string one_time_password;
    std::string one_time_password_email;
    // Departments
    std::string new_department_name;
    std::string renaming_department_id;
    std::string renaming_name;
};

// The home screen's to-dos, cached: App::Impl::refresh_todos() recomputes them only when the
// records or today change (docs/deadlines.md, "To-dos").
struct TodoList {
    std::vector<Todo> items; // open to-dos, by due date
    TodoCounts counts;
    Date today;
    uint64_t records_revision = 0;
    bool computed = false;
    double compute_ms = 0; // how long the last full computation took (benchmark read-out)
    // The view's filter: "" = every department the user sees.
    std::string department_id;
    // The calendar export names employees only when asked: a calendar is often shared or synced
    // to a phone, and "sygefraværssamtale" next to a name is health data.
    bool names_in_calendar = false;
};

// Marking one to-do done: the day it was done (default today) and an optional note.
struct MarkTodoForm {
    TodoTarget target;
    std::string done_on; // dd-mm-åååå as typed
    std::string note;
    bool submitted = false;
    bool focus = true;
};

// The case (one absence spell) whose timeline the employee page shows, with that timeline cached:
// App::Impl::refresh_case() recomputes it only when the employee, the spell, the records or today
// change, so a frame only draws it.
struct SelectedCase {
    std::string chosen_spell_id; // the user's pick; "" (or a spell that is gone) = the default
    // What `timeline` was computed for.
    std::string employee_id;
    std::string spell_id; // "" = the employee has no spells (or no employee is shown)
    Date today;
    uint64_t records_revision = 0;
    // Nothing when no rule set covers the first sick day (or the rule sets failed to load).
    std::optional<CaseTimeline> timeline;
};

// A short message at the bottom ("Fraværet er gemt"), by i18n key so a language switch applies.
struct Toast {
    std::string key;
    std::string arg;
    double until_ms = 0;
};

struct AppState {
    Screen screen = Screen::starting;
    bool storage_loaded = false;
    bool signed_in = false; // a valid session (or, offline, the cached user of the last one)
    SignedInUser user;
    std::string session_notice_key; // why the login screen is shown (e.g. session expired)

    LoginForm login;
    PasswordForm password;
    EmployeeListForm employee_list;
    std::string selected_employee_id;
    SelectedCase selected_case;
    TodoList todos;
    MarkTodoForm mark;
    SpellForm spell;
    CloseSpellForm close_spell;
    EmployeeForm employee_form;
    AdminState admin;
    Screen return_screen = Screen::home; // where an editor's Cancel/Save goes back to
    bool confirm_logout = false;
    Toast toast;
};

} // namespace naervaer::client
