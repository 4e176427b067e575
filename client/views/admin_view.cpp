// Administration (admin only): the organisation (also how long conversation records are kept),
// departments, which are records and travel through sync like any other, users, which live on the
// server only and go through the admin API, and the log of deleted records.
#include "views/views.hpp"
#include "views/test_anchors.hpp"
#include "views/widgets.hpp"

#include "sync/json_fields.hpp"

#include <array>
#include <string>

namespace naervaer::client {

namespace {

// Name, CVR and municipality: shown, or edited with the same rules the server checks.
void organisation_section(const ViewContext& ctx, OrganisationForm& form, Actions& out) {
    ui::subheading(ctx.tr("admin.organisation"));
    if (!form.editing) {
        if (ui::begin_details_table("organisation")) {
            ui::detail_row(ctx.tr("admin.organisation_name"), ctx.user.organisation_name);
            ui::detail_row(ctx.tr("admin.cvr"), ctx.user.organisation_cvr);
            ui::detail_row(ctx.tr("admin.municipality"), ctx.user.organisation_municipality);
            ui::detail_row(ctx.tr("admin.retention_years"), std::to_string(ctx.user.organisation_retention_years));
            ImGui::EndTable();
        }
        if (ui::button(ctx.tr("admin.edit_organisation"))) out.push_back(action::EditOrganisation{});
        ui::test_anchor("admin.organisation.edit");
        return;
    }
    auto error = [&](const char* field) -> std::string {
        auto it = form.field_errors.find(field);
        if (it == form.field_errors.end() || !it->is_object()) return {};
        return ctx.i18n.pick(string_field(*it, "message"), string_field(*it, "message_en"));
    };
    const float width = 360;
    bool submit = false;
    submit |= ui::text_field(ctx.tr("admin.organisation_name"), "##org_name", form.name, error("name"), width, 0,
                             nullptr, "admin.organisation.name");
    submit |= ui::text_field(ctx.tr("admin.cvr"), "##org_cvr", form.cvr, error("cvr"), width,
                             ImGuiInputTextFlags_CharsDecimal, nullptr, "admin.organisation.cvr");
    submit |= ui::text_field(ctx.tr("admin.municipality"), "##org_municipality", form.municipality,
                             error("municipality"), width, 0, nullptr, "admin.organisation.municipality");
    submit |= ui::text_field(ctx.tr("admin.retention_years"), "##org_retention", form.retention_years,
                             error("record_retention_years"), 120, ImGuiInputTextFlags_CharsDecimal, nullptr,
                             "admin.organisation.retention_years");
    ui::muted_text(ctx.tr("admin.retention_help"));
    submit |= ui::button(ctx.tr("common.save"), !form.saving);
    ui::test_anchor("admin.organisation.save");
    if (submit) out.push_back(action::SaveOrganisation{});
    ImGui::SameLine();
    if (ui::button(ctx.tr("common.cancel"))) out.push_back(action::CancelOrganisation{});
}

void departments_section(const ViewContext& ctx, AdminState& admin, Actions& out) {
    ui::subheading(ctx.tr("admin.departments"));
    if (ui::begin_list_table("departments", {{ctx.tr("admin.department_name"), 3}, {"##actions", 2}}, 0, ImVec2(0, 0),
                             false)) {
        for (const auto& d : ctx.directory.departments()) {
            ImGui::PushID(d.id.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const bool renaming = admin.renaming_department_id == d.id;
            if (renaming) {
                ImGui::SetNextItemWidth(-FLT_MIN);
                if (ui::input_text("##rename", admin.renaming_name, ImGuiInputTextFlags_EnterReturnsTrue))
                    out.push_back(action::RenameDepartment{});
            } else {
                ImGui::TextUnformatted(d.name.c_str());
            }
            ImGui::TableNextColumn();
            if (renaming) {
                if (ImGui::SmallButton(ctx.tr("common.save"))) out.push_back(action::RenameDepartment{});
                ImGui::SameLine();
                if (ImGui::SmallButton(ctx.tr("common.cancel"))) admin.renaming_department_id.clear();
            } else if (ImGui::SmallButton(ctx.tr("admin.rename"))) {
                admin.renaming_department_id = d.id;
                admin.renaming_name = d.name;
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ui::vertical_space(0.5f);
    ImGui::SetNextItemWidth(280);
    bool create = ui::input_text("##new_department", admin.new_department_name,
                                 ImGuiInputTextFlags_EnterReturnsTrue, ctx.tr("admin.new_department_hint"));
    ImGui::SameLine();
    create |= ui::button(ctx.tr("admin.create_department"), !admin.new_department_name.empty());
    if (create && !admin.new_department_name.empty()) out.push_back(action::CreateDepartment{});
}

std::string department_names(const ViewContext& ctx, const std::vector<std::string>& ids) {
    std::string names;
    for (const auto& id : ids) {
        if (!names.empty()) names += ", ";
        names += ctx.directory.department_name(id);
    }
    return names.empty() ? "–" : names;
}

void users_table(const ViewContext& ctx, const AdminState& admin, Actions& out) {
    if (!ui::begin_list_table("users", {{ctx.tr("admin.email"), 3},
                                        {ctx.tr("admin.name"), 2},
                                        {ctx.tr("admin.role"), 1.5f},
                                        {ctx.tr("admin.user_departments"), 2},
                                        {ctx.tr("admin.status"), 1.5f},
                                        {"##actions", 3}}))
        return;
    for (const auto& u : admin.users) {
        ImGui::PushID(u.id.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(u.email.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(u.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ui::role_label(ctx.i18n, u.role));
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", department_names(ctx, u.department_ids).c_str());
        ImGui::TableNextColumn();
        if (!u.active)
            ui::muted_text(ctx.tr("admin.inactive"));
        else if (u.must_change_password)
            ui::colored_text(ui::color::warning, ctx.tr("admin.awaiting_first_login"));
        else
            ImGui::TextUnformatted(ctx.tr("admin.active"));
        ImGui::TableNextColumn();
        if (ImGui::SmallButton(ctx.tr("admin.reset_password"))) out.push_back(action::ResetPassword{u.id});
        ui::test_anchor("admin.user.reset", u.id);
        // An admin cannot lock themselves out.
        if (u.id != ctx.user.id) {
            ImGui::SameLine();
            if (ImGui::SmallButton(u.active ? ctx.tr("admin.deactivate") : ctx.tr("admin.activate")))
                out.push_back(action::SetUserActive{u.id, !u.active});
            ui::test_anchor("admin.user.active", u.id);
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void one_time_password_notice(const ViewContext& ctx, const AdminState& admin, Actions& out) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ui::color::highlight);
    const float height = ImGui::GetTextLineHeightWithSpacing() * 4.5f;
    if (ImGui::BeginChild("otp", ImVec2(0, height), true)) {
        ImGui::TextUnformatted(
            ctx.i18n.format("admin.one_time_password_for", admin.one_time_password_email).c_str());
        ImGui::TextUnformatted(admin.one_time_password.c_str());
        ui::muted_text(ctx.tr("admin.one_time_password_once"));
        if (ImGui::SmallButton(ctx.tr("common.copy")))
            ctx.platform.set_clipboard_text(admin.one_time_password);
        ui::test_anchor("admin.one_time_password.copy");
        ImGui::SameLine();
        if (ImGui::SmallButton(ctx.tr("common.close"))) out.push_back(action::DismissOneTimePassword{});
        ui::test_anchor("admin.one_time_password.close");
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void new_user_form(const ViewContext& ctx, AdminState& admin, Actions& out) {
    ui::subheading(ctx.tr("admin.new_user"));
    auto error = [&](const char* field) -> std::string {
        auto it = admin.new_user_field_errors.find(field);
        if (it == admin.new_user_field_errors.end() || !it->is_object()) return {};
        const auto da = string_field(*it, "message");
        const auto en = string_field(*it, "message_en");
        return ctx.i18n.pick(da, en);
    };
    const float width = 360;
    bool submit = false;
    submit |= ui::text_field(ctx.tr("admin.email"), "##new_email", admin.new_email, error("email"), width, 0, nullptr,
                             "admin.new_user.email");
    submit |= ui::text_field(ctx.tr("admin.name"), "##new_name", admin.new_name, error("name"), width, 0, nullptr,
                             "admin.new_user.name");

    ImGui::TextUnformatted(ctx.tr("admin.role"));
    for (Role role : {Role::team_leader, Role::hr, Role::admin}) {
        if (ImGui::RadioButton(ui::role_label(ctx.i18n, role), admin.new_role == role)) admin.new_role = role;
        ui::test_anchor("admin.new_user.role", to_string(role));
        ImGui::SameLine();
    }
    ImGui::NewLine();
    ui::vertical_space(0.5f);

    // A team leader sees only their departments' employees, so they need at least one.
    if (admin.new_role == Role::team_leader) {
        ImGui::TextUnformatted(ctx.tr("admin.user_departments"));
        for (const auto& d : ctx.directory.departments()) {
            bool selected = admin.new_department_ids.count(d.id) > 0;
            const bool toggled = ImGui::Checkbox(d.name.c_str(), &selected);
            ui::test_anchor("admin.new_user.department", d.id);
            if (toggled) {
                if (selected)
                    admin.new_department_ids.insert(d.id);
                else
                    admin.new_department_ids.erase(d.id);
            }
        }
        if (const std::string e = error("department_ids"); !e.empty()) ui::error_text(e);
        ui::vertical_space(0.5f);
    }
    const bool ready = !admin.new_email.empty() && !admin.new_name.empty() && !admin.loading;
    submit |= ui::button(ctx.tr("admin.create_user"), ready);
    ui::test_anchor("admin.new_user.submit");
    if (submit && ready) out.push_back(action::CreateUser{});
}

// The deletion log: which records were deleted, when, by whom and why (a user deleting a draft,
// or the retention period having run out). It never holds what the records said.
void deletions_section(const ViewContext& ctx, const AdminState& admin) {
    ui::subheading(ctx.tr("admin.deletions"));
    ui::muted_text(ctx.tr("admin.deletions_help"));
    if (const std::string& e = ctx.i18n.pick(admin.deletions_error_da, admin.deletions_error_en); !e.empty()) {
        ui::error_text(e);
        return;
    }
    if (!admin.deletions_loaded) {
        ui::muted_text(ctx.tr("common.loading"));
        return;
    }
    if (admin.deletions.empty()) {
        ui::muted_text(ctx.tr("admin.deletions_none"));
        return;
    }
    if (!ui::begin_list_table("deletions", {{ctx.tr("admin.deletions.at"), 2},
                                            {ctx.tr("admin.deletions.by"), 2},
                                            {ctx.tr("admin.deletions.type"), 2},
                                            {ctx.tr("admin.deletions.employee"), 2},
                                            {ctx.tr("admin.deletions.reason"), 2.5f}}))
        return;
    for (const DeletionLogEntry& d : admin.deletions) {
        ImGui::PushID(d.record_id.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        // "2026-03-13T09:30:00Z" -> "13-03-2026 09:30" (UTC, as logged).
        const auto day = d.at.size() >= 10 ? Date::parse_iso(d.at.substr(0, 10)) : std::nullopt;
        ImGui::TextUnformatted(day ? (day->danish() + (d.at.size() >= 16 ? " " + d.at.substr(11, 5) : "")).c_str()
                                   : d.at.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(d.by_name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(d.type == record_type::conversation_record ? ctx.tr("admin.deletions.conversation")
                                                                            : d.type.c_str());
        ui::muted_text(d.record_id.c_str());
        ImGui::TableNextColumn();
        const Employee* employee = ctx.directory.employee(d.employee_id);
        ImGui::TextUnformatted(employee ? employee->name.c_str() : (d.employee_id.empty() ? "\u2013" : d.employee_id.c_str()));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(d.reason == "retention" ? ctx.tr("admin.deletions.retention")
                               : d.reason == "deleted" ? ctx.tr("admin.deletions.deleted")
                                                       : d.reason.c_str());
        ui::test_anchor("admin.deletion", d.record_id);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

} // namespace

void admin_view(const ViewContext& ctx, AdminState& admin, const LoadedRules& rules, const PolicyInForce& policy,
                Actions& out) {
    ui::heading(ctx.tr("admin.title"));
    if (const std::string& e = ctx.i18n.pick(admin.error_da, admin.error_en); !e.empty()) ui::error_text(e);
    if (!admin.one_time_password.empty()) one_time_password_notice(ctx, admin, out);

    organisation_section(ctx, admin.organisation, out);
    departments_section(ctx, admin, out);
    alert_settings_section(ctx, admin.alerts, rules, policy, out);

    ui::subheading(ctx.tr("admin.users"));
    if (admin.loading && admin.users.empty()) ui::muted_text(ctx.tr("common.loading"));
    users_table(ctx, admin, out);
    new_user_form(ctx, admin, out);
    deletions_section(ctx, admin);
}

} // namespace naervaer::client
