// Forced password change: a user created with a one-time password replaces it before anything
// else (the server answers 403 password_change_required to every other request until then).
#include "views/views.hpp"
#include "views/widgets.hpp"

namespace naervaer::client {

void password_change_view(const ViewContext& ctx, PasswordForm& form, Actions& out) {
    ImGui::Dummy(ImVec2(0, ImGui::GetContentRegionAvail().y * 0.12f));
    const float width = ui::begin_column(420);

    ui::heading(ctx.tr("password.title"));
    ui::muted_text(ctx.tr("password.explanation"));
    ui::vertical_space();

    if (form.focus) {
        ImGui::SetKeyboardFocusHere();
        form.focus = false;
    }
    bool submit = false;
    submit |= ui::text_field(ctx.tr("password.current"), "##current", form.current, {}, width,
                             ImGuiInputTextFlags_Password);
    submit |=
        ui::text_field(ctx.tr("password.new"), "##new", form.next, {}, width, ImGuiInputTextFlags_Password);
    const bool mismatch = !form.repeat.empty() && form.repeat != form.next;
    submit |= ui::text_field(ctx.tr("password.repeat"), "##repeat", form.repeat,
                             mismatch ? ctx.tr("password.mismatch") : std::string(), width,
                             ImGuiInputTextFlags_Password);

    const std::string& error = ctx.i18n.pick(form.error_da, form.error_en);
    if (!error.empty()) ui::error_text(error);

    const bool ready = !form.busy && !form.current.empty() && !form.next.empty() && form.next == form.repeat;
    ImGui::BeginDisabled(!ready);
    submit |= ui::primary_button(ctx.tr("password.submit"));
    ImGui::EndDisabled();
    if (submit && ready) out.push_back(action::SubmitPasswordChange{});

    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("status.logout"))) out.push_back(action::Logout{true});
    ui::end_column();
}

} // namespace naervaer::client
