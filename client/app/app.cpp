#include "app/app_impl.hpp"

#include "app/style.hpp"
#include "views/views.hpp"

#include <imgui.h>

namespace naervaer::client {

namespace {
constexpr double toast_ms = 4'000;
constexpr const char* language_key = "preferences/language";
} // namespace

std::string_view to_string(Screen screen) {
    switch (screen) {
    case Screen::starting:
        return "starting";
    case Screen::login:
        return "login";
    case Screen::change_password:
        return "change_password";
    case Screen::home:
        return "home";
    case Screen::mark_todo:
        return "mark_todo";
    case Screen::employees:
        return "employees";
    case Screen::employee:
        return "employee";
    case Screen::spell_editor:
        return "spell_editor";
    case Screen::close_spell:
        return "close_spell";
    case Screen::employee_editor:
        return "employee_editor";
    case Screen::conflicts:
        return "conflicts";
    case Screen::admin:
        return "admin";
    case Screen::conversation:
        return "conversation";
    case Screen::jobcenter_inbox:
        return "jobcenter_inbox";
    case Screen::jobcenter_referral:
        return "jobcenter_referral";
    case Screen::referral:
        return "referral";
    case Screen::service_catalogue:
        return "service_catalogue";
    case Screen::policy:
        return "policy";
    }
    return "starting";
}

// ---- App ----------------------------------------------------------------------------------

App::App(Platform& platform) : impl_(std::make_unique<Impl>(platform)) {}
App::~App() = default;
void App::frame() {
    impl_->frame();
}
std::string App::state_json() const {
    return impl_->state_json();
}
std::string App::measure_todos(int runs) {
    return impl_->measure_todos(runs).dump();
}
void App::dispatch(const Action& action) {
    impl_->dispatch(action);
    impl_->platform.request_frame();
}

App::Impl::Impl(Platform& p)
    : platform(p), rules(load_embedded_rules()), templates(load_embedded_templates()), api(p), sync(p, api) {
    set_language(platform.preferred_language());
    sync.on_session_lost = [this](const ApiError& error) { on_session_lost(error); };
    if (ImGui::GetCurrentContext()) {
        apply_style();
        // Arrow keys, Space and Enter reach buttons and rows, not only text fields.
        ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    }
    platform.storage_load(
        [this](std::map<std::string, std::string> pairs) { on_storage_loaded(std::move(pairs)); });
}

Date App::Impl::today() const {
    return Date::parse_iso(platform.today_iso()).value_or(Date());
}

void App::Impl::show_toast(std::string key, std::string arg) {
    state.toast = Toast{std::move(key), std::move(arg), platform.now_ms() + toast_ms};
    platform.request_frame_in(toast_ms);
}

void App::Impl::set_language(const std::string& language) {
    if (!i18n.set_language(language)) return;
    sync.set_language(language);
}

// ---- frame --------------------------------------------------------------------------------

void App::Impl::frame() {
    referral_before_sync();
    sync.tick();
    if (sync.revision() != directory_revision) {
        directory.rebuild(sync.replica());
        directory_revision = sync.revision();
    }
    if (!state.toast.key.empty() && platform.now_ms() >= state.toast.until_ms) state.toast = {};
    referral_tick();
    refresh_case();
    refresh_todos();
    conversation_tick();
    policy_tick();
    jobcenter_tick();

    actions.clear();
    draw();
    platform.end_frame();

    // Applied after drawing, so every view of this frame saw the same state.
    if (!actions.empty()) {
        Actions taken;
        taken.swap(actions);
        for (const auto& a : taken)
            dispatch(a);
        platform.request_frame();
    }
}

void App::Impl::draw() {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Naervaer", nullptr, flags);

    SyncStatus status = sync.status();
    // A consultant never syncs: the connection shown is the inbox's own.
    if (state.user.is_consultant()) status.online = !state.jobcenter.offline;
    const ViewContext ctx{i18n,       directory, sync.replica(),    status,
                          state.user, today(),   platform.now_ms(), platform};

    switch (state.screen) {
    case Screen::starting:
        ImGui::TextDisabled("%s", i18n.tr("common.loading"));
        break;
    case Screen::login:
        login_view(ctx, state.login, state.session_notice_key, actions);
        break;
    case Screen::change_password:
        password_change_view(ctx, state.password, actions);
        break;
    default: {
        top_bar_view(ctx, state.screen, state.todos.counts, actions);
        // The screen scrolls on its own; the status line stays at the bottom.
        ImGui::BeginChild("screen", ImVec2(0, -status_bar_height()), false);
        // A conversation opens at its top, not where the case page was scrolled to.
        if (scroll_to_top) {
            ImGui::SetScrollY(0);
            scroll_to_top = false;
            platform.request_frame(); // applied when the screen begins in the next frame
        }
        switch (state.screen) {
        case Screen::home:
            home_view(ctx, state.todos, actions);
            break;
        case Screen::mark_todo:
            mark_todo_view(ctx, state.mark, actions);
            break;
        case Screen::employees:
            employee_list_view(ctx, state.employee_list, actions);
            break;
        case Screen::employee:
            employee_view(ctx, state.selected_employee_id, state.selected_case, rules, templates, actions);
            break;
        case Screen::spell_editor:
            spell_editor_view(ctx, state.spell, actions);
            break;
        case Screen::close_spell:
            close_spell_view(ctx, state.close_spell, actions);
            break;
        case Screen::employee_editor:
            employee_editor_view(ctx, state.employee_form, actions);
            break;
        case Screen::conflicts:
            conflicts_view(ctx, actions);
            break;
        case Screen::admin:
            admin_view(ctx, state.admin, rules, state.policy.in_force, actions);
            break;
        case Screen::conversation:
            conversation_view(ctx, state.conversation, templates, actions);
            break;
        case Screen::policy:
            policy_view(ctx, state.policy, policy_resources(), actions);
            break;
        case Screen::jobcenter_inbox:
            jobcenter_inbox_view(ctx, state.jobcenter, actions);
            break;
        case Screen::jobcenter_referral:
            jobcenter_referral_view(ctx, state.jobcenter, actions);
            break;
        case Screen::referral:
            referral_view(ctx, state.referral, rules, templates, actions);
            break;
        case Screen::service_catalogue:
            service_catalogue_view(ctx, state.referral, actions);
            break;
        default:
            break;
        }
        ImGui::EndChild();
        status_bar_view(ctx, state.confirm_logout, state.toast, state.todos.counts, actions);
    }
    }
    ImGui::End();
}

// ---- actions ------------------------------------------------------------------------------

namespace {
// Actions of the conversation screen itself; any other action may leave it, so a changed draft is
// saved first (autosave "when leaving the screen").
bool stays_on_conversation(const Action& action) {
    return std::holds_alternative<action::ConversationEdited>(action) ||
           std::holds_alternative<action::StartSignOff>(action) ||
           std::holds_alternative<action::CancelSignOff>(action) ||
           std::holds_alternative<action::SignConversation>(action) ||
           std::holds_alternative<action::StartAmendment>(action) ||
           std::holds_alternative<action::CancelAmendment>(action) ||
           std::holds_alternative<action::SaveAmendment>(action) ||
           std::holds_alternative<action::DeleteDraft>(action) ||
           std::holds_alternative<action::DownloadConversationPdf>(action) ||
           std::holds_alternative<action::PrintConversation>(action) ||
           std::holds_alternative<action::SetLanguage>(action) || std::holds_alternative<action::SyncNow>(action) ||
           std::holds_alternative<action::CancelLogout>(action);
}
} // namespace

void App::Impl::dispatch(const Action& action) {
    // Screens that need a signed-in user are not reachable without one, whatever asks.
    const bool signed_in_screen = state.signed_in && !state.user.must_change_password;
    if (state.screen == Screen::conversation && !stays_on_conversation(action)) flush_conversation();
    if (state.screen == Screen::policy && !std::holds_alternative<action::Policy>(action)) flush_policy();
    referral_before_action(action);
    if (signed_in_screen && state.user.is_consultant() && !consultant_may(action)) return;
    std::visit(
        [&](const auto& a) {
            using T = std::decay_t<decltype(a)>;
            if constexpr (std::is_same_v<T, action::SubmitLogin>)
                submit_login();
            else if constexpr (std::is_same_v<T, action::SubmitPasswordChange>)
                submit_password_change();
            else if constexpr (std::is_same_v<T, action::Logout>)
                logout(a.confirmed);
            else if constexpr (std::is_same_v<T, action::CancelLogout>)
                state.confirm_logout = false;
            else if constexpr (std::is_same_v<T, action::SetLanguage>) {
                set_language(a.language);
                // The platform's preference is read before storage has loaded (so the very first
                // frame is in the right language); the stored copy covers platforms that keep none.
                platform.set_preferred_language(i18n.language());
                platform.storage_put(language_key, i18n.language());
            } else if constexpr (std::is_same_v<T, action::SyncNow>)
                sync.sync_now();
            else if (!signed_in_screen)
                return;
            else if constexpr (std::is_same_v<T, action::Jobcenter>)
                jobcenter(a);
            else if constexpr (std::is_same_v<T, action::Referral>)
                referral(a);
            else if constexpr (std::is_same_v<T, action::Policy>)
                policy(a);
            else if constexpr (std::is_same_v<T, action::ShowHome>)
                state.screen = Screen::home;
            else if constexpr (std::is_same_v<T, action::StartMarkTodo>)
                start_mark_todo(a);
            else if constexpr (std::is_same_v<T, action::SaveMarkTodo>)
                save_mark_todo();
            else if constexpr (std::is_same_v<T, action::UnmarkTodo>)
                unmark_todo(a.todo_key);
            else if constexpr (std::is_same_v<T, action::ExportCalendar>)
                export_calendar();
            else if constexpr (std::is_same_v<T, action::EditAlertSettings>)
                edit_alert_settings();
            else if constexpr (std::is_same_v<T, action::SaveAlertSettings>)
                save_alert_settings(false);
            else if constexpr (std::is_same_v<T, action::ResetAlertSettings>)
                save_alert_settings(true);
            else if constexpr (std::is_same_v<T, action::CancelAlertSettings>)
                state.admin.alerts = AlertSettingsForm{};
            else if constexpr (std::is_same_v<T, action::NewConversation>)
                new_conversation(a);
            else if constexpr (std::is_same_v<T, action::OpenConversation>)
                open_conversation(a.record_id);
            else if constexpr (std::is_same_v<T, action::ConversationEdited>)
                conversation_edited();
            else if constexpr (std::is_same_v<T, action::CloseConversation>)
                state.screen = Screen::employee; // the draft was saved above
            else if constexpr (std::is_same_v<T, action::StartSignOff>)
                start_sign_off();
            else if constexpr (std::is_same_v<T, action::CancelSignOff>) {
                state.conversation.signing = false;
                state.conversation.sign_errors = {};
            } else if constexpr (std::is_same_v<T, action::SignConversation>)
                sign_conversation();
            else if constexpr (std::is_same_v<T, action::StartAmendment>)
                start_amendment();
            else if constexpr (std::is_same_v<T, action::CancelAmendment>)
                cancel_amendment();
            else if constexpr (std::is_same_v<T, action::SaveAmendment>)
                save_amendment();
            else if constexpr (std::is_same_v<T, action::DeleteDraft>)
                delete_draft();
            else if constexpr (std::is_same_v<T, action::DownloadConversationPdf>)
                download_conversation_pdf();
            else if constexpr (std::is_same_v<T, action::PrintConversation>)
                print_conversation();
            else if constexpr (std::is_same_v<T, action::ShowEmployees>) {
                state.screen = Screen::employees;
                state.employee_list.focus_search = true;
            } else if constexpr (std::is_same_v<T, action::ShowEmployee>) {
                // Another employee starts on their own default case, not the previous pick.
                if (a.employee_id != state.selected_employee_id) state.selected_case.chosen_spell_id.clear();
                state.selected_employee_id = a.employee_id;
                state.screen = Screen::employee;
            } else if constexpr (std::is_same_v<T, action::SelectSpell>)
                select_spell(a.spell_id);
            else if constexpr (std::is_same_v<T, action::NewSpell>)
                new_spell(a.employee_id);
            else if constexpr (std::is_same_v<T, action::EditSpell>)
                edit_spell(a.spell_id);
            else if constexpr (std::is_same_v<T, action::SaveSpell>)
                save_spell();
            else if constexpr (std::is_same_v<T, action::StartCloseSpell>)
                start_close_spell(a.spell_id);
            else if constexpr (std::is_same_v<T, action::SaveCloseSpell>)
                save_close_spell();
            else if constexpr (std::is_same_v<T, action::NewEmployee>)
                new_employee();
            else if constexpr (std::is_same_v<T, action::EditEmployee>)
                edit_employee(a.employee_id);
            else if constexpr (std::is_same_v<T, action::SaveEmployee>)
                save_employee();
            else if constexpr (std::is_same_v<T, action::CancelEdit>)
                state.screen = state.return_screen;
            else if constexpr (std::is_same_v<T, action::ShowConflicts>)
                state.screen = Screen::conflicts;
            else if constexpr (std::is_same_v<T, action::ResolveConflict>)
                resolve_conflict(a);
            else if constexpr (std::is_same_v<T, action::ResolveRejected>)
                resolve_rejected(a);
            else if constexpr (std::is_same_v<T, action::ShowAdmin>) {
                if (!state.user.is_admin()) return;
                state.screen = Screen::admin;
                load_users();
                load_deletions();
            } else if constexpr (std::is_same_v<T, action::CreateDepartment>)
                create_department();
            else if constexpr (std::is_same_v<T, action::RenameDepartment>)
                rename_department();
            else if constexpr (std::is_same_v<T, action::CreateUser>)
                create_user();
            else if constexpr (std::is_same_v<T, action::ResetPassword>)
                reset_password(a.user_id);
            else if constexpr (std::is_same_v<T, action::SetUserActive>)
                set_user_active(a.user_id, a.active);
            else if constexpr (std::is_same_v<T, action::EditOrganisation>)
                edit_organisation();
            else if constexpr (std::is_same_v<T, action::SaveOrganisation>)
                save_organisation();
            else if constexpr (std::is_same_v<T, action::CancelOrganisation>)
                state.admin.organisation = OrganisationForm{};
            else if constexpr (std::is_same_v<T, action::DismissOneTimePassword>) {
                state.admin.one_time_password.clear();
                state.admin.one_time_password_email.clear();
            }
        },
        action);
}

} // namespace naervaer::client
