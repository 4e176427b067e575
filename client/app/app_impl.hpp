#pragma once
// App's internals, shared by the files that implement it:
//   app.cpp             construction, the frame loop and screen layout, action dispatch
//   session_flow.cpp    start-up, login, password change, logout, session expiry
//   record_actions.cpp  saving spells, employees and departments; conflicts
//   admin_actions.cpp   the admin API (users)
//   case_timeline.cpp   the selected case's deadline timeline (employee page)
//   todo_actions.cpp    the home screen's to-dos, marks, calendar export, alert settings
//   state_json.cpp      the read-out for browser tests
#include "app/actions.hpp"
#include "app/app.hpp"
#include "app/directory.hpp"
#include "app/i18n.hpp"
#include "app/rules.hpp"
#include "app/state.hpp"
#include "sync/api_client.hpp"
#include "sync/sync_engine.hpp"

#include <map>
#include <string>

namespace naervaer::client {

struct App::Impl {
    explicit Impl(Platform& platform);

    Platform& platform;
    I18n i18n;
    const LoadedRules rules; // parsed once at start (rules.hpp)
    ApiClient api;
    SyncEngine sync;
    AppState state;
    Directory directory;
    uint64_t directory_revision = 0;
    // What storage held at start-up, kept in step for replicas we close (see ReplicaStore).
    std::map<std::string, std::string> stored;
    Actions actions;
    bool csrf_refresh_tried = false;

    // ---- frame (app.cpp) ----
    void frame();
    void draw();
    void dispatch(const Action& action);
    Date today() const;
    void show_toast(std::string key, std::string arg = {});
    void set_language(const std::string& language);

    // ---- session (session_flow.cpp) ----
    void on_storage_loaded(std::map<std::string, std::string> pairs);
    void fetch_me();
    void submit_login();
    void submit_password_change();
    void logout(bool confirmed);
    // Takes {"user", "organisation", "csrf_token"} from login or /auth/me.
    void start_session(const nlohmann::json& body);
    void open_replica_for(const std::string& user_id);
    void on_session_lost(const ApiError& error);
    // A 401/403 from any authenticated call: true when it was handled as a lost session.
    bool handle_auth_failure(const ApiResult& result);

    // ---- records (record_actions.cpp) ----
    void new_spell(const std::string& employee_id);
    void edit_spell(const std::string& spell_id);
    void save_spell();
    void start_close_spell(const std::string& spell_id);
    void save_close_spell();
    void new_employee();
    void edit_employee(const std::string& employee_id);
    void save_employee();
    void create_department();
    void rename_department();
    void resolve_conflict(const action::ResolveConflict& a);
    void resolve_rejected(const action::ResolveRejected& a);

    // ---- case timeline (case_timeline.cpp) ----
    void select_spell(const std::string& spell_id);
    // Recomputes state.selected_case when what it depends on changed; called once a frame.
    void refresh_case();
    // {"rule_set", "spell_id", "entries": [{"id", "due", "status"}]} or null (state_json).
    nlohmann::json case_timeline_json() const;

    // ---- to-dos (todo_actions.cpp) ----
    // The defaults with the organisation's choices applied; nothing when the defaults failed to
    // load. Cached per directory revision.
    const AlertSettings* effective_alerts();
    std::optional<AlertSettings> alerts_cache;
    uint64_t alerts_revision = 0;
    // Recomputes state.todos when the records or today changed; called once a frame.
    void refresh_todos();
    void recompute_todos(Date day);
    void start_mark_todo(const action::StartMarkTodo& a);
    void save_mark_todo();
    void unmark_todo(const std::string& todo_key);
    std::string calendar_text() const;
    void export_calendar();
    void edit_alert_settings();
    // Stores the form's choices, or the defaults when `defaults`.
    void save_alert_settings(bool defaults);
    nlohmann::json todos_json() const;
    nlohmann::json measure_todos(int runs);

    // ---- admin (admin_actions.cpp) ----
    void load_users();
    // Keeps the signed-in user and organisation for a start without network.
    void remember_profile();
    void edit_organisation();
    void save_organisation();
    // Common handling of an admin API answer: schedules a frame, sends an expired session to
    // login, and shows or clears the admin screen's error. True when the answer is a success.
    bool admin_reply_ok(const ApiResult& result);
    void create_user();
    void reset_password(const std::string& user_id);
    void set_user_active(const std::string& user_id, bool active);

    // ---- read-out (state_json.cpp) ----
    std::string state_json() const;
};

} // namespace naervaer::client
