// The read-out for browser tests (App::state_json): what is on screen, in a few fields. It holds
// no more health data than the screen shows (the selected employee's spells).
#include "app/app_impl.hpp"

#include "views/test_anchors.hpp"

namespace naervaer::client {

using nlohmann::json;

std::string App::Impl::state_json() const {
    const SyncStatus status = sync.status();
    json j;
    j["screen"] = to_string(state.screen);
    j["language"] = i18n.language();
    j["user"] = state.signed_in ? json{{"email", state.user.email}, {"role", to_string(state.user.role)}}
                                : json(nullptr);
    j["online"] = status.online;
    j["pending"] = status.pending;
    json conflicts = json::array();
    for (const auto& [key, entry] : sync.replica().conflicts()) {
        json conflict = {{"type", key.type},
                         {"id", key.id},
                         {"fields", differing_fields(entry.mine.data, entry.theirs.data)}};
        // Both versions only while the conflicts screen shows them side by side.
        if (state.screen == Screen::conflicts) {
            conflict["mine"] = entry.mine.deleted ? json(nullptr) : entry.mine.data;
            conflict["theirs"] = entry.theirs.deleted ? json(nullptr) : entry.theirs.data;
        }
        conflicts.push_back(std::move(conflict));
    }
    j["conflicts"] = std::move(conflicts);
    j["rejected"] = status.rejected;
    // Why each was refused (codes and messages only, no record data), for tests and diagnostics.
    json refused = json::array();
    for (const auto& [key, entry] : sync.replica().rejected())
        refused.push_back({{"type", key.type}, {"id", key.id}, {"code", entry.code}, {"message", entry.message}});
    j["rejected_changes"] = std::move(refused);
    j["last_sync"] = status.last_sync_ms < 0 ? json(nullptr) : json(status.last_sync_ms);
    j["search"] = state.employee_list.search; // the employee list's search field, as typed
    j["employees_visible"] =
        directory.employees_matching(state.employee_list.search, state.employee_list.department_id).size();

    j["selected_employee"] = nullptr;
    json spells = json::array();
    if (const Employee* e = directory.employee(state.selected_employee_id)) {
        j["selected_employee"] = {{"id", e->id}, {"name", e->name}};
        for (const auto& s : directory.spells_of(e->id))
            spells.push_back({{"id", s.id},
                              {"first_day", s.first_day.iso()},
                              {"last_day", s.last_day ? json(s.last_day->iso()) : json(nullptr)},
                              {"note", s.note},
                              {"partial", s.partial},
                              {"kind", to_string(s.kind)}});
    }
    j["spells"] = std::move(spells);

    std::string error = i18n.pick(status.last_error_da, status.last_error_en);
    if (state.screen == Screen::login && error.empty())
        error = i18n.pick(state.login.error_da, state.login.error_en);
    j["last_error"] = error;
    j["toast"] = state.toast.key.empty() ? std::string() : i18n.format(state.toast.key, state.toast.arg);

    // What the fields of the open form hold as typed: tests check that typing arrived whole. The
    // password only as a length.
    json form = nullptr;
    if (state.screen == Screen::login)
        form = {{"email", state.login.email}, {"password_length", state.login.password.size()}};
    else if (state.screen == Screen::mark_todo)
        form = {{"todo_key", state.mark.target.todo_key}, {"done_on", state.mark.done_on}, {"note", state.mark.note}};
    else if (state.screen == Screen::spell_editor)
        form = {{"spell_id", state.spell.spell_id},   {"first_day", state.spell.first_day},
                {"last_day", state.spell.last_day},   {"kind", to_string(state.spell.kind)},
                {"partial", state.spell.partial},     {"note", state.spell.note}};
    j["form"] = std::move(form);

    // The last frame's error messages and item rectangles (views/test_anchors.hpp).
    j["errors"] = ui::shown_errors();
    json items = json::object();
    for (const auto& a : ui::test_anchors())
        items[a.name] = {a.x, a.y, a.w, a.h};
    j["items"] = std::move(items);
    j["active_item"] = ui::active_anchor();
    // The selected case's timeline on the employee page (app/case_timeline.cpp), else null.
    j["timeline"] = case_timeline_json();
    // The user's to-dos (keys, dates, buckets; no texts) and the marks, for every screen: the
    // status line counts them everywhere (app/todo_actions.cpp).
    j["todos"] = todos_json();
    // The open conversation record on its screen (app/conversation_actions.cpp), else null.
    j["conversation"] = conversation_json();
    // A consultant's inbox and open referral (app/jobcenter_actions.cpp), else null.
    j["jobcenter"] = jobcenter_json();
    // The employer's open referral or the "Jobcentret" screen (app/referral_actions.cpp), else null.
    j["referral"] = referral_json();
    // The sickness absence policy screen (app/policy_actions.cpp), else null.
    j["policy"] = policy_json();
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace naervaer::client
