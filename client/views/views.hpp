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
void admin_view(const ViewContext& ctx, AdminState& admin, const LoadedRules& rules, Actions& out);
// The admin screen's section on the organisation's alert rules.
void alert_settings_section(const ViewContext& ctx, AlertSettingsForm& form, const LoadedRules& rules,
                            Actions& out);
void status_bar_view(const ViewContext& ctx, bool confirm_logout, const Toast& toast, const TodoCounts& todos,
                     Actions& out);

// Height the status bar needs at the bottom of the window.
float status_bar_height();

} // namespace naervaer::client
