// The status line at the bottom of every signed-in screen: connection, what is not yet synced,
// conflicts, the signed-in user, the language and logout.
#include "views/views.hpp"
#include "views/test_anchors.hpp"
#include "views/widgets.hpp"

#include <algorithm>
#include <string>

namespace naervaer::client {

namespace {

void dot(const ImVec4& color) {
    const float r = ImGui::GetTextLineHeight() * 0.25f;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + ImGui::GetTextLineHeight() * 0.5f), r,
                                                ImGui::GetColorU32(color));
    ImGui::Dummy(ImVec2(r * 2, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
}

std::string last_sync_text(const ViewContext& ctx) {
    if (ctx.sync.last_sync_ms < 0) return ctx.tr("status.never_synced");
    const int minutes = static_cast<int>((ctx.now_ms - ctx.sync.last_sync_ms) / 60'000);
    if (minutes < 1) return ctx.tr("status.synced_just_now");
    return ctx.i18n.format("status.synced_minutes_ago", std::to_string(minutes));
}

void logout_confirmation(const ViewContext& ctx, Actions& out) {
    ui::colored_text(ui::color::warning,
                     ctx.i18n.format("status.logout_unsynced", std::to_string(ctx.sync.unsynced())).c_str());
    if (ImGui::Button(ctx.tr("status.logout_anyway"))) out.push_back(action::Logout{true});
    ui::test_anchor("status.logout_anyway");
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("common.cancel"))) out.push_back(action::CancelLogout{});
    ui::test_anchor("status.logout_cancel");
}

} // namespace

float status_bar_height() {
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImGui::GetFrameHeight() * 2 + style.ItemSpacing.y * 3 + style.WindowPadding.y;
}

void status_bar_view(const ViewContext& ctx, bool confirm_logout, const Toast& toast, const TodoCounts& todos,
                     Actions& out) {
    ImGui::Separator();
    if (confirm_logout) {
        logout_confirmation(ctx, out);
        return;
    }
    // A toast replaces the left half for a few seconds.
    if (!toast.key.empty())
        ui::colored_text(ui::color::success, ctx.i18n.format(toast.key, toast.arg).c_str());
    else
        ImGui::NewLine();

    dot(ctx.sync.online ? ui::color::success : ui::color::danger);
    ImGui::TextUnformatted(ctx.sync.online ? ctx.tr("status.online") : ctx.tr("status.offline"));
    ui::test_anchor("status.online");
    ImGui::SameLine(0, 24);
    if (ctx.user.is_consultant()) {
        // Online only: nothing is kept or synced on this device.
        ui::muted_text(ctx.tr("status.online_only"));
    } else {
    if (ctx.sync.pending > 0)
        ui::colored_text(ui::color::warning,
                         ctx.i18n.format("status.pending", std::to_string(ctx.sync.pending)).c_str());
    else
        ui::muted_text(ctx.tr("status.all_synced"));
    ImGui::SameLine(0, 24);
    if (ctx.sync.conflicts + ctx.sync.rejected > 0) {
        const std::string label =
            ctx.i18n.format("status.conflicts", std::to_string(ctx.sync.conflicts + ctx.sync.rejected)) +
            "###status_conflicts";
        ImGui::PushStyleColor(ImGuiCol_Text, ui::color::danger);
        if (ImGui::SmallButton(label.c_str())) out.push_back(action::ShowConflicts{});
        ui::test_anchor("status.conflicts");
        ImGui::PopStyleColor();
        ImGui::SameLine(0, 24);
    }
    // The to-dos that need attention; a click opens the home screen.
    if (todos.overdue > 0 || todos.this_week > 0) {
        const std::string label =
            (todos.overdue > 0 ? ctx.i18n.format("status.todos_overdue", std::to_string(todos.overdue),
                                                 std::to_string(todos.this_week))
                               : ctx.i18n.format("status.todos_this_week", std::to_string(todos.this_week))) +
            "###status_todos";
        ImGui::PushStyleColor(ImGuiCol_Text, todos.overdue > 0 ? ui::color::danger : ui::color::warning);
        if (ImGui::SmallButton(label.c_str())) out.push_back(action::ShowHome{});
        ui::test_anchor("status.todos");
        ImGui::PopStyleColor();
        ImGui::SameLine(0, 24);
    }
    ui::muted_text(last_sync_text(ctx).c_str());
    if (!ctx.sync.last_error_code.empty() && ctx.sync.online) {
        ImGui::SameLine(0, 24);
        ui::colored_text(ui::color::danger,
                         ctx.i18n.pick(ctx.sync.last_error_da, ctx.sync.last_error_en).c_str());
    }
    } // not a consultant

    // Right side: user, language, logout, measured so it ends at the window's edge.
    const std::string user = ctx.user.email + " (" + ui::role_label(ctx.i18n, ctx.user.role) + ")";
    const ImGuiStyle& style = ImGui::GetStyle();
    const float right_width = ImGui::CalcTextSize(user.c_str()).x + ImGui::CalcTextSize("DA").x +
                              ImGui::CalcTextSize("EN").x + ImGui::CalcTextSize(ctx.tr("status.logout")).x +
                              style.FramePadding.x * 6 + style.ItemSpacing.x * 4 + 24;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetContentRegionMax().x - right_width));
    ImGui::TextUnformatted(user.c_str());
    ImGui::SameLine(0, 24);
    const bool danish = ctx.i18n.language() == "da";
    if (ImGui::SmallButton(danish ? "[DA]###lang_da" : "DA###lang_da") && !danish)
        out.push_back(action::SetLanguage{"da"});
    ui::test_anchor("status.lang.da");
    ImGui::SameLine();
    if (ImGui::SmallButton(danish ? "EN###lang_en" : "[EN]###lang_en") && danish)
        out.push_back(action::SetLanguage{"en"});
    ui::test_anchor("status.lang.en");
    ImGui::SameLine();
    if (ImGui::SmallButton(ctx.tr("status.logout"))) out.push_back(action::Logout{false});
    ui::test_anchor("status.logout");
}

} // namespace naervaer::client
