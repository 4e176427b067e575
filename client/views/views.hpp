#pragma once
// One function per screen (one file each), drawn inside the app's full-screen window.
#include "app/rules.hpp"
#include "app/templates.hpp"
#include "views/view_context.hpp"

namespace naervaer::client {

void login_view(const ViewContext& ctx, LoginForm& form, const std::string& notice_key, Actions& out);
void password_change_view(const ViewContext& ctx, PasswordForm& form, Actions& out);
void top_bar_view(const ViewContext& ctx, Screen screen, const TodoCounts& todos, Actions& out);
// The user's to-dos (computed by the app, app/todo_actions.cpp); `list` holds the view's filter.
void home_view(const ViewContext& ctx, TodoList& list, Actions& out);
void mark_todo_view(const ViewContext& ctx, MarkTodoForm& form, Actions& out);
void employee_list_view(const ViewContext& ctx, EmployeeListForm& form, Actions& out);
// `selected_case`: the spell whose timeline is shown, computed by the app (app/case_timeline.cpp).
// The case's conversation records and "Ny samtale" offer the templates of `templates`.
void employee_view(const ViewContext& ctx, const std::string& employee_id, const SelectedCase& selected_case,
                   const LoadedRules& rules, const LoadedTemplates& templates, Actions& out);
// One conversation record: filled in (autosaved by the app), signed off, amended, printed.
void conversation_view(const ViewContext& ctx, ConversationForm& form, const LoadedTemplates& templates,
                       Actions& out);
void spell_editor_view(const ViewContext& ctx, SpellForm& form, Actions& out);
void close_spell_view(const ViewContext& ctx, CloseSpellForm& form, Actions& out);
void employee_editor_view(const ViewContext& ctx, EmployeeForm& form, Actions& out);
void conflicts_view(const ViewContext& ctx, Actions& out);
void admin_view(const ViewContext& ctx, AdminState& admin, const LoadedRules& rules, const PolicyInForce& policy,
                Actions& out);
// The admin screen's section on the organisation's alert rules.
// Rules the approved policy sets are shown as such and not edited here.
void alert_settings_section(const ViewContext& ctx, AlertSettingsForm& form, const LoadedRules& rules,
                            const PolicyInForce& policy, Actions& out);
// A consultant's jobcentre inbox and one referral of it (app/jobcenter_state.hpp).
void jobcenter_inbox_view(const ViewContext& ctx, JobcenterState& jobcenter, Actions& out);
void jobcenter_referral_view(const ViewContext& ctx, JobcenterState& jobcenter, Actions& out);
// The employer's jobcentre screens (views/referral_view.cpp, views/service_catalogue_view.cpp):
// one fast-track request or contact request (eligibility, the form, send, status, outputs), and
// "Jobcentret" (the organisation's requests and the service catalogue).
void referral_view(const ViewContext& ctx, ReferralState& state, const LoadedRules& rules,
                   const LoadedTemplates& templates, Actions& out);
void service_catalogue_view(const ViewContext& ctx, ReferralState& state, Actions& out);
// The employee page's "Henvendelser til jobcentret": the employee's requests and the buttons that
// start one (`spell`: the selected case, or nullptr).
void case_referrals_section(const ViewContext& ctx, const Employee& employee, const AbsenceSpell* spell,
                            const SelectedCase& selected, Actions& out);
// "Bopælskommune" as a searchable combo over the 98 municipalities; true when `code` changed.
bool municipality_combo(const ViewContext& ctx, const char* id, std::string& code, std::string& search,
                        float width);

// "Sygefraværspolitik": admins answer the questionnaire, edit, compare, approve and download;
// HR and team leaders read the approved version and download it (views/policy_view.cpp).
void policy_view(const ViewContext& ctx, PolicyForm& form, const PolicyResources& resources, Actions& out);

void status_bar_view(const ViewContext& ctx, bool confirm_logout, const Toast& toast, const TodoCounts& todos,
                     Actions& out);

// Height the status bar needs at the bottom of the window.
float status_bar_height();

} // namespace naervaer::client
