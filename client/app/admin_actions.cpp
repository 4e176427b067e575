// Users are server-side only (they are not records and do not sync): the admin screen reads and
// changes them through the admin API while online.
#include "app/app_impl.hpp"

#include "sync/json_fields.hpp"

#include <charconv>

namespace naervaer::client {

using nlohmann::json;

namespace {

AdminUser admin_user_from(const json& j) {
    AdminUser u;
    u.id = string_field(j, "id");
    u.email = string_field(j, "email");
    u.name = string_field(j, "name");
    u.role = role_from_string(string_field(j, "role")).value_or(Role::team_leader);
    if (auto it = j.find("department_ids"); it != j.end() && it->is_array())
        for (const auto& d : *it)
            if (d.is_string()) u.department_ids.push_back(d.get<std::string>());
    u.active = bool_field(j, "active", true);
    u.must_change_password = bool_field(j, "must_change_password", false);
    return u;
}

} // namespace

bool App::Impl::admin_reply_ok(const ApiResult& r) {
    AdminState& admin = state.admin;
    platform.request_frame();
    if (handle_auth_failure(r)) return false;
    if (!r.ok()) {
        admin.error_da = r.error->message_da;
        admin.error_en = r.error->message_en;
        return false;
    }
    admin.error_da.clear();
    admin.error_en.clear();
    return true;
}

void App::Impl::load_users() {
    state.admin.loading = true;
    api.get("/api/v1/admin/users", [this](ApiResult r) {
        AdminState& admin = state.admin;
        admin.loading = false;
        if (!admin_reply_ok(r)) return;
        admin.users.clear();
        if (auto it = r.body.find("users"); it != r.body.end() && it->is_array())
            for (const auto& u : *it)
                if (u.is_object()) admin.users.push_back(admin_user_from(u));
    });
}

void App::Impl::create_user() {
    AdminState& admin = state.admin;
    if (admin.loading) return;
    json department_ids = json::array();
    if (admin.new_role == Role::team_leader)
        for (const auto& id : admin.new_department_ids)
            department_ids.push_back(id);
    const json body = {{"email", admin.new_email},
                       {"name", admin.new_name},
                       {"role", to_string(admin.new_role)},
                       {"department_ids", department_ids}};
    admin.loading = true;
    admin.new_user_field_errors = json::object();
    api.post("/api/v1/admin/users", body, [this](ApiResult r) {
        AdminState& a = state.admin;
        a.loading = false;
        if (!admin_reply_ok(r)) {
            if (r.error) a.new_user_field_errors = r.error->fields;
            return;
        }
        a.one_time_password = string_field(r.body, "one_time_password");
        a.one_time_password_email = a.new_email;
        a.new_email.clear();
        a.new_name.clear();
        a.new_department_ids.clear();
        a.new_role = Role::team_leader;
        load_users();
    });
}

void App::Impl::reset_password(const std::string& user_id) {
    std::string email;
    for (const auto& u : state.admin.users)
        if (u.id == user_id) email = u.email;
    api.post("/api/v1/admin/users/" + user_id + "/reset-password", json::object(),
             [this, email](ApiResult r) {
                 if (!admin_reply_ok(r)) return;
                 AdminState& a = state.admin;
                 a.one_time_password = string_field(r.body, "one_time_password");
                 a.one_time_password_email = email;
                 load_users();
             });
}

void App::Impl::set_user_active(const std::string& user_id, bool active) {
    api.patch("/api/v1/admin/users/" + user_id, {{"active", active}}, [this, active](ApiResult r) {
        if (!admin_reply_ok(r)) return;
        show_toast(active ? "toast.user_activated" : "toast.user_deactivated");
        load_users();
    });
}

void App::Impl::load_deletions() {
    api.get("/api/v1/admin/deletions?limit=100", [this](ApiResult r) {
        platform.request_frame();
        if (handle_auth_failure(r)) return;
        AdminState& admin = state.admin;
        if (!r.ok()) {
            admin.deletions_error_da = r.error->message_da;
            admin.deletions_error_en = r.error->message_en;
            return;
        }
        admin.deletions_error_da.clear();
        admin.deletions_error_en.clear();
        admin.deletions.clear();
        admin.deletions_loaded = true;
        if (auto it = r.body.find("deletions"); it != r.body.end() && it->is_array())
            for (const auto& d : *it)
                if (d.is_object())
                    admin.deletions.push_back({string_field(d, "at"), string_field(d, "by_name"),
                                               string_field(d, "type"), string_field(d, "record_id"),
                                               string_field(d, "employee_id"), string_field(d, "reason")});
    });
}

} // namespace naervaer::client

namespace naervaer::client {

void App::Impl::edit_organisation() {
    OrganisationForm& f = state.admin.organisation;
    f = OrganisationForm{};
    f.editing = true;
    f.name = state.user.organisation_name;
    f.cvr = state.user.organisation_cvr;
    f.municipality = state.user.organisation_municipality;
    f.retention_years = std::to_string(state.user.organisation_retention_years);
}

void App::Impl::save_organisation() {
    OrganisationForm& f = state.admin.organisation;
    if (f.saving) return;
    // CVR numbers are often written in pairs ("38 17 29 48"): the digits are what counts.
    std::string cvr;
    for (char c : f.cvr)
        if (c != ' ') cvr += c;
    Organisation organisation{"", f.name, cvr, f.municipality};
    // Whole years; anything else is out of range (0 is).
    int years = 0;
    const std::string typed = [&] {
        std::string digits;
        for (char c : f.retention_years)
            if (c != ' ') digits += c;
        return digits;
    }();
    const auto [end, ec] = std::from_chars(typed.data(), typed.data() + typed.size(), years);
    organisation.record_retention_years = ec == std::errc() && end == typed.data() + typed.size() ? years : 0;
    // The same rules the server applies; the person sees them before anything is sent.
    if (const ValidationResult checked = validate(organisation); !checked.ok()) {
        f.field_errors = checked.to_json();
        return;
    }
    f.field_errors = json::object();
    f.saving = true;
    const json body = {{"name", organisation.name},
                       {"cvr", organisation.cvr},
                       {"municipality", organisation.municipality},
                       {"record_retention_years", organisation.record_retention_years}};
    api.patch("/api/v1/admin/organisation", body, [this](ApiResult r) {
        OrganisationForm& form = state.admin.organisation;
        form.saving = false;
        if (!admin_reply_ok(r)) {
            if (r.error) form.field_errors = r.error->fields;
            return;
        }
        const json saved = r.body.contains("organisation") ? r.body["organisation"] : json::object();
        state.user.organisation_name = string_field(saved, "name");
        state.user.organisation_cvr = string_field(saved, "cvr");
        state.user.organisation_municipality = string_field(saved, "municipality");
        if (auto it = saved.find("record_retention_years"); it != saved.end() && it->is_number_integer())
            state.user.organisation_retention_years = it->get<int>();
        remember_profile();
        form = OrganisationForm{};
        show_toast("toast.organisation_saved");
    });
}

} // namespace naervaer::client
