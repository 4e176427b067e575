// Login: e-mail and password, the server's error under the form, Enter submits from either field.
#include "views/views.hpp"
#include "views/test_anchors.hpp"
#include "views/widgets.hpp"

namespace naervaer::client {

namespace {
void language_switch(const ViewContext& ctx, Actions& out) {
    const bool danish = ctx.i18n.language() == "da";
    if (ImGui::RadioButton("Dansk", danish) && !danish) out.push_back(action::SetLanguage{"da"});
    ui::test_anchor("login.lang.da");
    ImGui::SameLine();
    if (ImGui::RadioButton("English", !danish) && danish) out.push_back(action::SetLanguage{"en"});
    ui::test_anchor("login.lang.en");
}
} // namespace

void login_view(const ViewContext& ctx, LoginForm& form, const std::string& notice_key, Actions& out) {
    ImGui::Dummy(ImVec2(0, ImGui::GetContentRegionAvail().y * 0.15f));
    const float width = ui::begin_column(380);

    ui::heading(ctx.tr("app.name"));
    ui::muted_text(ctx.tr("login.subtitle"));
    ui::vertical_space();
    if (!notice_key.empty()) {
        ui::colored_text(ui::color::warning, ctx.tr(notice_key));
        ui::vertical_space(0.5f);
    }

    bool submit = false;
    if (form.focus) {
        ImGui::SetKeyboardFocusHere();
        form.focus = false;
    }
    submit |= ui::text_field(ctx.tr("login.email"), "##email", form.email, {}, width, 0, nullptr, "login.email");
    submit |= ui::text_field(ctx.tr("login.password"), "##password", form.password, {}, width,
                             ImGuiInputTextFlags_Password, nullptr, "login.password");

    const std::string& error = ctx.i18n.pick(form.error_da, form.error_en);
    if (!error.empty()) {
        ui::error_text(error);
        ui::vertical_space(0.5f);
    }

    ImGui::BeginDisabled(form.busy);
    submit |= ui::primary_button(form.busy ? ctx.tr("login.busy") : ctx.tr("login.submit"));
    ui::test_anchor("login.submit");
    ImGui::EndDisabled();
    if (submit && !form.busy) out.push_back(action::SubmitLogin{});

    ui::vertical_space(2);
    language_switch(ctx, out);
    ui::end_column();
}

} // namespace naervaer::client
