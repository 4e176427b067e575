// Start-up, login, password change, logout and session expiry.
//
// Offline first: the last signed-in user's profile is cached, so a reload without network opens
// their replica straight away; the server decides about the session once it can be reached.
// A lost session never costs the outbox: it stays (in memory and in storage) until the same user
// signs in again and it is pushed.
#include "app/app_impl.hpp"

#include "sync/json_fields.hpp"

namespace naervaer::client {

using nlohmann::json;

namespace {

constexpr const char* cached_user_key = "session/user";
constexpr const char* language_key = "preferences/language";

SignedInUser user_from(const json& user, const json& organisation) {
    SignedInUser u;
    u.id = string_field(user, "id");
    u.email = string_field(user, "email");
    u.name = string_field(user, "name");
    u.role = role_from_string(string_field(user, "role")).value_or(Role::team_leader);
    if (auto it = user.find("department_ids"); it != user.end() && it->is_array())
        for (const auto& d : *it)
            if (d.is_string()) u.department_ids.push_back(d.get<std::string>());
    if (auto it = user.find("must_change_password"); it != user.end() && it->is_boolean())
        u.must_change_password = it->get<bool>();
    u.municipality_code = string_field(user, "municipality_code");
    if (organisation.is_object()) {
        u.organisation_id = string_field(organisation, "id");
        u.organisation_name = string_field(organisation, "name");
        u.organisation_cvr = string_field(organisation, "cvr");
        u.organisation_municipality = string_field(organisation, "municipality");
        if (auto it = organisation.find("record_retention_years"); it != organisation.end() && it->is_number_integer())
            u.organisation_retention_years = it->get<int>();
    }
    return u;
}

json cached_profile(const SignedInUser& u) {
    return {{"user",
             {{"id", u.id},
              {"email", u.email},
              {"name", u.name},
              {"role", to_string(u.role)},
              {"department_ids", u.department_ids}}},
            {"organisation",
             {{"id", u.organisation_id},
              {"name", u.organisation_name},
              {"cvr", u.organisation_cvr},
              {"municipality", u.organisation_municipality},
              {"record_retention_years", u.organisation_retention_years}}}};
}

} // namespace

void App::Impl::on_storage_loaded(std::map<std::string, std::string> pairs) {
    stored = std::move(pairs);
    state.storage_loaded = true;
    if (auto it = stored.find(language_key); it != stored.end()) set_language(it->second);

    if (auto it = stored.find(cached_user_key); it != stored.end()) {
        const json cached = json::parse(it->second, nullptr, false);
        if (cached.is_object() && cached.contains("user") && cached["user"].is_object()) {
            state.user = user_from(cached["user"], cached.value("organisation", json::object()));
            if (!state.user.id.empty()) open_replica_for(state.user.id);
        }
    }
    fetch_me();
}

void App::Impl::fetch_me() {
    api.get("/api/v1/auth/me", [this](ApiResult r) {
        platform.request_frame();
        if (r.ok()) {
            start_session(r.body);
            return;
        }
        if (r.offline() && sync.is_open() && !state.user.id.empty()) {
            // No network: carry on with the cached user and their replica. The sync engine tries
            // again, and a stale session shows up as 401 then.
            state.signed_in = true;
            if (state.screen == Screen::starting) state.screen = Screen::home;
            sync.resume();
            return;
        }
        state.signed_in = false;
        state.screen = Screen::login;
        state.login.focus = true;
        if (r.offline()) state.session_notice_key = "login.offline";
    });
}

void App::Impl::remember_profile() {
    platform.storage_put(cached_user_key,
                         cached_profile(state.user).dump(-1, ' ', false, json::error_handler_t::replace));
}

void App::Impl::start_session(const json& body) {
    const json user = body.value("user", json::object());
    const json organisation = body.value("organisation", json::object());
    state.user = user_from(user, organisation);
    api.set_csrf_token(string_field(body, "csrf_token"));
    state.signed_in = true;
    state.session_notice_key.clear();
    if (state.user.is_consultant()) {
        // A jobcentre's consultant works online only (docs/referrals.md): no replica, no sync,
        // and no cached profile for a start without network.
        sync.pause();
        if (sync.is_open()) sync.close(false, stored);
        platform.storage_remove(cached_user_key);
        stored.erase(cached_user_key);
        if (state.user.must_change_password) {
            state.password = PasswordForm{};
            state.screen = Screen::change_password;
            return;
        }
        if (state.screen != Screen::jobcenter_inbox && state.screen != Screen::jobcenter_referral) {
            state.jobcenter = JobcenterState{}; // nothing of an earlier session's inbox
            state.screen = Screen::jobcenter_inbox;
        }
        load_inbox();
        return;
    }
    remember_profile();

    open_replica_for(state.user.id);
    if (state.user.must_change_password) {
        state.password = PasswordForm{};
        state.screen = Screen::change_password;
        sync.pause();
        return;
    }
    if (state.screen == Screen::starting || state.screen == Screen::login ||
        state.screen == Screen::change_password) {
        state.screen = Screen::home;
    }
    sync.resume();
}

void App::Impl::open_replica_for(const std::string& user_id) {
    if (sync.is_open() && sync.owner() == user_id) return;
    // Another user's replica stays in storage (it may hold unsynced changes), but is closed.
    if (sync.is_open()) sync.close(false, stored);
    sync.open(stored, user_id);
}

void App::Impl::submit_login() {
    LoginForm& form = state.login;
    if (form.busy) return;
    form.busy = true;
    form.error_da.clear();
    form.error_en.clear();
    api.post("/api/v1/auth/login", {{"email", form.email}, {"password", form.password}}, [this](ApiResult r) {
        LoginForm& f = state.login;
        f.busy = false;
        platform.request_frame();
        if (r.ok()) {
            f.password.clear();
            csrf_refresh_tried = false;
            start_session(r.body);
            return;
        }
        f.error_da = r.error->message_da;
        f.error_en = r.error->message_en;
        f.focus = true;
    });
}

void App::Impl::submit_password_change() {
    PasswordForm& form = state.password;
    if (form.busy) return;
    form.busy = true;
    form.error_da.clear();
    form.error_en.clear();
    const json body = {{"current_password", form.current}, {"new_password", form.next}};
    api.post("/api/v1/auth/password", body, [this](ApiResult r) {
        PasswordForm& f = state.password;
        f.busy = false;
        platform.request_frame();
        if (r.ok()) {
            state.password = PasswordForm{};
            state.user.must_change_password = false;
            show_toast("toast.password_changed");
            fetch_me(); // the session's flags changed on the server
            return;
        }
        if (r.status == 401) {
            on_session_lost(*r.error);
            return;
        }
        f.error_da = r.error->message_da;
        f.error_en = r.error->message_en;
        // The server explains per field when the new password is too weak.
        if (auto it = r.error->fields.find("new_password"); it != r.error->fields.end() && it->is_object()) {
            f.error_da = string_field(*it, "message", f.error_da);
            f.error_en = string_field(*it, "message_en", f.error_en);
        }
    });
}

void App::Impl::logout(bool confirmed) {
    const std::size_t unsynced = sync.status().unsynced();
    if (unsynced > 0 && !confirmed) {
        state.confirm_logout = true;
        return;
    }
    state.confirm_logout = false;
    if (state.signed_in) api.post("/api/v1/auth/logout", json::object(), [](ApiResult) {});
    api.set_csrf_token({});

    // Nothing left to send: remove the replica, so health data does not outlive the session on a
    // shared computer. Otherwise keep it for the next sign-in of this user (nothing typed is lost).
    const bool forget = unsynced == 0;
    if (sync.is_open()) sync.close(forget, stored);
    if (forget) {
        platform.storage_remove(cached_user_key);
        stored.erase(cached_user_key);
    }

    const std::string email = state.user.email;
    AppState fresh;
    fresh.storage_loaded = true;
    fresh.screen = Screen::login;
    fresh.login.email = email;
    fresh.login.focus = true;
    state = std::move(fresh);
}

void App::Impl::on_session_lost(const ApiError& error) {
    // A CSRF refusal after an offline start means we never got this session's token: ask /me
    // once for it before sending the user to the login screen.
    if (error.code == "csrf" && !csrf_refresh_tried) {
        csrf_refresh_tried = true;
        fetch_me();
        return;
    }
    sync.pause();
    if (error.code == "password_change_required") {
        state.user.must_change_password = true;
        state.password = PasswordForm{};
        state.screen = Screen::change_password;
        return;
    }
    state.signed_in = false;
    state.screen = Screen::login;
    state.session_notice_key = "login.session_expired";
    state.login.email = state.user.email;
    state.login.password.clear();
    state.login.focus = true;
    platform.request_frame();
}

bool App::Impl::handle_auth_failure(const ApiResult& r) {
    if (!r.error) return false;
    if (r.status == 401 ||
        (r.status == 403 && (r.error->code == "password_change_required" || r.error->code == "csrf"))) {
        on_session_lost(*r.error);
        return true;
    }
    return false;
}

} // namespace naervaer::client
