#pragma once
// The app's state: which screen is shown, who is signed in, and the forms' text as typed.
// Records themselves live in the sync engine's Replica; forms hold text (dates as dd-mm-åååå)
// until they are saved, so a half-typed date is never a record.
#include "app/actions.hpp"
#include "app/referral_state.hpp"
#include "views/form_ui_state.hpp"

#include <naervaer/alerts.hpp>
#include <naervaer/conversation_record.hpp>
#include <naervaer/form_template.hpp>
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
    conversation, // one conversation record of a case: filled in, signed off, amended, printed
    referral,          // a fast-track request or contact request to a jobcentre (app/referral_state.hpp)
    service_catalogue, // "Jobcentret": the organisation's requests and the service catalogue
    jobcenter_inbox,    // a consultant's jobcentre inbox (app/jobcenter_state.hpp)
    jobcenter_referral, // one referral of that inbox: read-only form, history, actions
    policy,             // "Sygefraværspolitik" (app/policy_state.hpp)
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
    std::string municipality_code; // a consultant's municipality (3 digits); "" for other roles
    // Years conversation records are kept after their case closed (docs/retention.md).
    int organisation_retention_years = retention_limits::default_years;

    bool can_edit_employees() const { return role == Role::admin || role == Role::hr; }
    bool is_admin() const { return role == Role::admin; }
    bool is_consultant() const { return role == Role::consultant; }
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
    std::string home_municipality; // 3-digit code, "" = not given
    std::string municipality_search; // the combo's filter, as typed
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
    std::string retention_years; // "5" as typed: 1-20 years
    nlohmann::json field_errors = nlohmann::json::object(); // from the server
};

// One row of the deletion log (GET /api/v1/admin/deletions): who deleted which record when, and
// why. Never the content.
struct DeletionLogEntry {
    std::string at;
    std::string by_name;
    std::string type;
    std::string record_id;
    std::string employee_id;
    std::string reason; // "retention" or "deleted"
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
    std::vector<DeletionLogEntry> deletions; // newest first
    bool deletions_loaded = false;
    std::string deletions_error_da, deletions_error_en;
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
    // The employee's requests to the jobcentre (any case), newest first (app/referral_actions.cpp).
    std::vector<ReferralRecord> referrals;
};

// The conversation screen (docs/forms.md, "In the app"): one record of a case as it is being
// filled in. `record` is the working copy; a draft is written to the replica (so to storage and
// the server) about autosave_ms after the last change and when the screen is left, never per
// frame. A signed record is read-only until "Ret efter underskrift" starts an amendment.
struct ConversationForm {
    static constexpr double autosave_ms = 1'500;

    ConversationRecord record;
    std::optional<FormTemplate> form; // the record's own snapshot, parsed once when opened
    FormUiState ui;                   // the renderer's typed text, guard cache, read-only flag, notes
    bool stored = false;              // in the replica (saved before, or opened from it)
    std::string held_on;              // dd-mm-åååå as typed
    // The template's own meeting-date field and the date it and held_on last agreed on: while
    // they agree, changing one changes the other.
    std::string meeting_field;
    std::string synced_meeting;
    uint64_t seen_revision = 0; // the directory revision last compared with the stored record
    ValidationResult errors;          // validate(record): recomputed after each change, not per frame
    bool show_all_errors = false;     // after a refused sign-off or amendment: every error, also untouched
    std::vector<std::string> notices; // the renderer's last warnings and comparisons (read-out)

    // Autosave of a draft.
    bool dirty = false;      // changed since the last save
    double changed_ms = 0;   // Platform::now_ms() of the last change
    int saves = 0;           // drafts written to the replica since the screen was opened
    std::string saved_at;    // "14:05", local wall-clock time of the last save
    bool save_blocked = false; // the last attempt found errors: nothing written until they are fixed

    // Sign-off panel ("Underskriv").
    bool signing = false;
    std::string sign_name;
    std::string sign_date; // dd-mm-åååå as typed; the meeting date by default
    int sign_agreed = -1;  // -1: not chosen yet, 0: disagrees, 1: agrees
    std::string sign_comment;
    ValidationResult sign_errors;

    // An amendment of a signed record ("Ret efter underskrift").
    bool amending = false;
    std::string amend_reason;
    nlohmann::json answers_before_edit; // restored on Cancel
    ValidationResult amend_errors;
    std::string amend_notice_key; // e.g. "conversation.amend_nothing" when nothing changed

    bool confirm_delete = false;
    std::string notice_key;      // a message for the whole screen (signed elsewhere, gone, ...)
    bool audited = false;        // the server answered the audited read of this record
    int downloads = 0;           // PDFs downloaded from this screen
    int printed = 0;             // PDFs opened for printing
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
    ConversationForm conversation;
    ReferralState referral; // the employer's jobcentre screens
    JobcenterState jobcenter; // a consultant's inbox and open referral (online only)
    PolicyForm policy;        // the sickness absence policy screen
    Screen return_screen = Screen::home; // where an editor's Cancel/Save goes back to
    bool confirm_logout = false;
    Toast toast;
};

} // namespace naervaer::client
