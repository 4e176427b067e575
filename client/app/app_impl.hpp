#pragma once
// App's internals, shared by the files that implement it:
//   app.cpp             construction, the frame loop and screen layout, action dispatch
//   session_flow.cpp    start-up, login, password change, logout, session expiry
//   record_actions.cpp  saving spells, employees and departments; conflicts
//   admin_actions.cpp   the admin API (users)
//   case_timeline.cpp   the selected case's deadline timeline (employee page)
//   todo_actions.cpp    the home screen's to-dos, marks, calendar export, alert settings
//   conversation_actions.cpp  conversation records: open, autosave, sign-off, amendments, PDF
//   jobcenter_actions.cpp  a consultant's inbox and referrals (online only, no sync)
//   referral_actions.cpp   the employer's fast-track requests, contact requests, service catalogue
//   policy_actions.cpp     the sickness absence policy: questionnaire, draft, versions, approval
//   state_json.cpp      the read-out for browser tests
#include "app/actions.hpp"
#include "app/app.hpp"
#include "app/directory.hpp"
#include "app/i18n.hpp"
#include "app/rules.hpp"
#include "app/state.hpp"
#include "app/templates.hpp"
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
    const LoadedTemplates templates; // form templates and the diagnosis terms (templates.hpp)
    ApiClient api;
    SyncEngine sync;
    AppState state;
    Directory directory;
    uint64_t directory_revision = 0;
    // What storage held at start-up, kept in step for replicas we close (see ReplicaStore).
    std::map<std::string, std::string> stored;
    Actions actions;
    bool csrf_refresh_tried = false;
    bool scroll_to_top = false; // the next frame shows the screen from its top

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

    // ---- conversation records (conversation_actions.cpp) ----
    void new_conversation(const action::NewConversation& a);
    void open_conversation(const std::string& record_id);
    // After the view changed the answers or the meeting date: errors again, the autosave timer anew.
    void conversation_edited();
    // Called once a frame: writes a changed draft once it has rested autosave_ms, and follows
    // changes of the open record that arrived from elsewhere.
    void conversation_tick();
    // Writes the working draft to the replica when it is valid; false when errors keep it back.
    bool save_conversation_draft();
    // Leaving the screen (another screen, another record, logout): a changed draft is written now.
    void flush_conversation();
    // Before another record replaces the open one: flushes it; false (and back on its screen)
    // when its changes could not be saved.
    bool leave_conversation();
    void recheck_conversation();
    void start_sign_off();
    void sign_conversation();
    void start_amendment();
    void cancel_amendment();
    void save_amendment();
    void delete_draft();
    // The open record as a PDF (render_pdf of record_pdf) and its file name.
    std::string conversation_pdf() const;
    std::string conversation_pdf_name() const;
    void download_conversation_pdf();
    // Now as "2026-03-13T09:30:00Z" (an amendment's time; the server stamps its own).
    std::string iso_timestamp_now() const;
    // "14:05" in the browser's time zone: when a draft was last saved.
    std::string local_clock_time() const;
    void print_conversation();
    // {"record_id", "template_id", "status", ...} while the conversation screen shows, else null.
    nlohmann::json conversation_json() const;

    // ---- admin (admin_actions.cpp) ----
    void load_users();
    // The deletion log (who deleted which record when; never content), for the admin screen.
    void load_deletions();
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

    // ---- the jobcentre's inbox, for consultants (jobcenter_actions.cpp) ----
    void jobcenter(const action::Jobcenter& a);
    void load_inbox();
    void load_referral(const std::string& id);
    void submit_jobcenter_action(const std::string& action_name);
    // Recomputes the service indicators when the day changed; called once a frame.
    void jobcenter_tick();
    // Only the inbox's own actions, the language and logout reach a consultant's session.
    bool consultant_may(const Action& action) const;
    nlohmann::json jobcenter_json() const;

    // ---- the employer's requests to the jobcentre (referral_actions.cpp) ----
    void referral(const action::Referral& a);
    // Before the sync engine's tick: a send the server refused takes its fast-track mark back
    // before that mark could go out alone.
    void referral_before_sync();
    // Decodes the replica's referrals when it changed and autosaves the open draft; once a frame.
    void referral_tick();
    // Called before any action: leaving the referral screen writes a changed draft first.
    void referral_before_action(const Action& action);
    nlohmann::json referral_json() const;

    // ---- the sickness absence policy (policy_actions.cpp) ----
    void policy(const action::Policy& a);
    // Rebuilds the versions when the replica changed and autosaves the draft; once a frame.
    void policy_tick();
    void note_policy_in_force();
    // Leaving the screen: a changed draft is written now.
    void flush_policy();
    // The clause library (parsed once), the questionnaire and the alert defaults.
    PolicyResources policy_resources();
    std::optional<ClauseLibrary> policy_library;
    bool policy_library_loaded = false;
    nlohmann::json policy_json() const;

    // ---- read-out (state_json.cpp) ----
    std::string state_json() const;
};

} // namespace naervaer::client
