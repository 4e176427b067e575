// The home screen: what the user must do now and by when. Overdue first, then what is due this
// week, then what comes later; each to-do opens its case (an agreement also its conversation) or
// is marked done. The list is computed by the app (app/todo_actions.cpp) from the records the user
// may see, so a team leader sees their departments and HR everyone.
#include "views/views.hpp"
#include "views/test_anchors.hpp"
#include "views/widgets.hpp"

#include <string>

namespace naervaer::client {

namespace {

ImVec4 bucket_color(TodoBucket bucket) {
    switch (bucket) {
    case TodoBucket::overdue:
        return ui::color::danger;
    case TodoBucket::this_week:
        return ui::color::warning;
    case TodoBucket::upcoming:
        break;
    }
    return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

bool shown(const TodoList& list, const Todo& todo) {
    return list.department_id.empty() || todo.department_id == list.department_id;
}

void todo_row(const ViewContext& ctx, const Todo& todo, Actions& out) {
    const Employee* employee = ctx.directory.employee(todo.employee_id);
    ImGui::PushID(todo.key.c_str());
    ImGui::TableNextRow();

    ImGui::TableNextColumn();
    ImGui::TextUnformatted(todo.due.danish().c_str());
    ImGui::TableNextColumn();
    ui::colored_text(bucket_color(todo.bucket), ui::days_phrase(ctx.i18n, todo.days_left).c_str());

    ImGui::TableNextColumn();
    ImGui::TextUnformatted(employee ? employee->name.c_str() : "–");
    if (employee) ui::muted_text(ctx.directory.department_name(employee->department_id).c_str());

    ImGui::TableNextColumn();
    ui::colored_text(ImGui::GetStyleColorVec4(ImGuiCol_Text), ctx.i18n.pick(todo.title_da, todo.title_en));
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 35);
        ImGui::TextUnformatted(ctx.i18n.pick(todo.detail_da, todo.detail_en).c_str());
        if (!todo.reference.empty()) ui::muted_text(todo.reference.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    if (todo.source == TodoSource::alert)
        ui::colored_text(ui::color::text_muted, ctx.i18n.pick(todo.detail_da, todo.detail_en));
    // An agreement of a signed conversation: who carries it out, and where and when it was agreed.
    if (todo.source == TodoSource::agreement) {
        if (!todo.owner.empty()) ui::muted_text(ctx.i18n.format("todo.owner", todo.owner).c_str());
        if (const ConversationRecord* record = ctx.directory.conversation(todo.record_id)) {
            const nlohmann::json& snapshot = record->template_snapshot;
            const char* key = ctx.i18n.language() == "en" ? "title_en" : "title_da";
            const std::string title = snapshot.is_object() && snapshot.contains(key) && snapshot[key].is_string()
                                          ? snapshot[key].get<std::string>()
                                          : record->template_id;
            ui::muted_text(ctx.i18n.format("todo.agreed_in", title, record->held_on.danish()).c_str());
        }
    }
    // The law keeps a date on a weekend or holiday; acting the working day before is safe.
    if (todo.suggested_date)
        ui::colored_text(ui::color::warning, ctx.i18n.format("todo.suggested", todo.suggested_date->danish()));

    ImGui::TableNextColumn();
    const char* mark_label =
        todo.rule_id == "fast_track_window" ? ctx.tr("todo.mark_requested") : ctx.tr("todo.mark_done");
    if (ImGui::SmallButton(mark_label))
        out.push_back(action::StartMarkTodo{
            {todo.key, todo.employee_id, todo.spell_id, todo.rule_id, todo.title_da, todo.title_en, todo.due}});
    ui::test_anchor("home.todo.done", todo.key);
    ImGui::SameLine();
    if (ImGui::SmallButton(ctx.tr("todo.open_case"))) {
        out.push_back(action::ShowEmployee{todo.employee_id});
        out.push_back(action::SelectSpell{todo.spell_id});
    }
    ui::test_anchor("home.todo.open", todo.key);
    if (todo.source == TodoSource::agreement && ctx.directory.conversation(todo.record_id)) {
        ImGui::SameLine();
        if (ImGui::SmallButton(ctx.tr("todo.open_conversation"))) out.push_back(action::OpenConversation{todo.record_id});
        ui::test_anchor("home.todo.record", todo.key);
    }
    ImGui::PopID();
}

void bucket_section(const ViewContext& ctx, const TodoList& list, TodoBucket bucket, const char* title_key,
                    Actions& out) {
    int count = 0;
    for (const Todo& todo : list.items)
        count += todo.bucket == bucket && shown(list, todo) ? 1 : 0;
    const std::string title = ctx.i18n.format(title_key, std::to_string(count));
    ImGui::PushStyleColor(ImGuiCol_Text, count > 0 ? bucket_color(bucket) : ui::color::text_muted);
    ui::subheading(title.c_str());
    ImGui::PopStyleColor();
    if (count == 0) {
        ui::muted_text(ctx.tr("home.none_in_bucket"));
        return;
    }
    if (!ui::begin_list_table(std::string("todos_").append(to_string(bucket)).c_str(),
                              {{ctx.tr("home.column.due"), 1.3f},
                               {ctx.tr("home.column.days_left"), 1.4f},
                               {ctx.tr("home.column.employee"), 2.2f},
                               {ctx.tr("home.column.todo"), 4.5f},
                               {"##actions", 2.4f}}))
        return;
    for (const Todo& todo : list.items)
        if (todo.bucket == bucket && shown(list, todo)) todo_row(ctx, todo, out);
    ImGui::EndTable();
}

} // namespace

void home_view(const ViewContext& ctx, TodoList& list, Actions& out) {
    ui::heading(ctx.tr("home.title"));
    ui::muted_text(ctx.user.role == Role::team_leader ? ctx.tr("home.intro_team_leader") : ctx.tr("home.intro_all"));
    ui::vertical_space(0.5f);

    // A department filter only where there is something to choose between.
    if (ctx.directory.departments().size() > 1 && ctx.user.role != Role::team_leader) {
        ui::department_combo("##home_department", list.department_id, ctx.directory.departments(),
                             ctx.tr("employees.all_departments"), 260);
        ImGui::SameLine();
    }
    if (ImGui::Button(ctx.tr("home.export"))) out.push_back(action::ExportCalendar{});
    ui::test_anchor("home.export");
    ImGui::SameLine();
    ImGui::Checkbox(ctx.tr("home.names_in_calendar"), &list.names_in_calendar);
    ui::test_anchor("home.names_in_calendar");
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
        ImGui::TextUnformatted(ctx.tr("home.names_in_calendar_help"));
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }

    bucket_section(ctx, list, TodoBucket::overdue, "home.overdue", out);
    bucket_section(ctx, list, TodoBucket::this_week, "home.this_week", out);
    bucket_section(ctx, list, TodoBucket::upcoming, "home.upcoming", out);
}

} // namespace naervaer::client
