// The line above every signed-in screen: product and organisation, and the main sections.
#include "views/views.hpp"
#include "views/test_anchors.hpp"
#include "views/widgets.hpp"

#include <string>

namespace naervaer::client {

namespace {
bool nav_button(const char* label, bool current) {
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const bool pressed = ImGui::Button(label);
    if (current) ImGui::PopStyleColor();
    return pressed;
}
} // namespace

void top_bar_view(const ViewContext& ctx, Screen screen, const TodoCounts& todos, Actions& out) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::color::accent);
    ImGui::TextUnformatted(ctx.tr("app.name"));
    ImGui::PopStyleColor();
    if (!ctx.user.organisation_name.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", ctx.user.organisation_name.c_str());
    }
    ImGui::SameLine(0, ImGui::GetStyle().ItemSpacing.x * 4);

    // A jobcentre's consultant has the inbox only: no employees, no to-dos (docs/referrals.md).
    if (ctx.user.is_consultant()) {
        if (nav_button(ctx.tr("nav.inbox"), screen == Screen::jobcenter_inbox || screen == Screen::jobcenter_referral))
            out.push_back(action::Jobcenter{action::Jobcenter::Op::show_inbox, {}});
        ui::test_anchor("nav.inbox");
        ImGui::Separator();
        ui::vertical_space(0.5f);
        return;
    }

    // "Opgaver (3)": what is overdue or due this week; the home screen shows the rest.
    const int urgent = todos.overdue + todos.this_week;
    const std::string home_label =
        (urgent > 0 ? ctx.i18n.format("nav.home_count", std::to_string(urgent)) : std::string(ctx.tr("nav.home"))) +
        "###home";
    if (nav_button(home_label.c_str(), screen == Screen::home || screen == Screen::mark_todo))
        out.push_back(action::ShowHome{});
    ui::test_anchor("nav.home");
    ImGui::SameLine();

    const bool in_employees = screen == Screen::employees || screen == Screen::employee ||
                              screen == Screen::spell_editor || screen == Screen::close_spell ||
                              screen == Screen::employee_editor;
    if (nav_button(ctx.tr("nav.employees"), in_employees)) out.push_back(action::ShowEmployees{});
    ui::test_anchor("nav.employees");
    ImGui::SameLine();
    // "Jobcentret": requests to jobcentres and the service catalogue (views/service_catalogue_view.cpp).
    if (nav_button(ctx.tr("nav.jobcenter"), screen == Screen::service_catalogue || screen == Screen::referral)) {
        action::Referral show;
        show.op = action::ReferralOp::show_catalogue;
        out.push_back(show);
    }
    ui::test_anchor("nav.jobcenter");

    const std::size_t problems = ctx.sync.conflicts + ctx.sync.rejected;
    if (problems > 0) {
        ImGui::SameLine();
        const std::string label =
            ctx.i18n.format("nav.conflicts_count", std::to_string(problems)) + "###conflicts";
        ImGui::PushStyleColor(ImGuiCol_Text, ui::color::danger);
        if (nav_button(label.c_str(), screen == Screen::conflicts)) out.push_back(action::ShowConflicts{});
        ui::test_anchor("nav.conflicts");
        ImGui::PopStyleColor();
    }
    // "Sygefraværspolitik": admins write it, everyone reads the approved version.
    ImGui::SameLine();
    if (nav_button(ctx.tr("nav.policy"), screen == Screen::policy))
        out.push_back(action::Policy{action::PolicyOp::show, {}, {}});
    ui::test_anchor("nav.policy");
    if (ctx.user.is_admin()) {
        ImGui::SameLine();
        if (nav_button(ctx.tr("nav.admin"), screen == Screen::admin)) out.push_back(action::ShowAdmin{});
        ui::test_anchor("nav.admin");
    }
    ImGui::Separator();
    ui::vertical_space(0.5f);
}

} // namespace naervaer::client
