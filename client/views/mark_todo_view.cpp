// "Marker som udført": the day a to-do was done (today by default; the day the conversation was
// held or fast track was requested) and an optional note. Who marked it is recorded by the server.
#include "views/views.hpp"
#include "views/test_anchors.hpp"
#include "views/widgets.hpp"

#include "app/forms.hpp"

namespace naervaer::client {

void mark_todo_view(const ViewContext& ctx, MarkTodoForm& form, Actions& out) {
    const Employee* employee = ctx.directory.employee(form.target.employee_id);
    const MarkDraft draft = read_mark_form(form, ctx.user, ctx.today);
    const bool fast_track = form.target.rule_id == "fast_track_window";

    const float width = ui::begin_column(560);
    ui::heading(fast_track ? ctx.tr("mark.title_fast_track") : ctx.tr("mark.title"));
    ImGui::TextUnformatted(ctx.i18n.pick(form.target.title_da, form.target.title_en).c_str());
    if (employee) ui::muted_text(employee->name.c_str());
    if (form.target.due) ui::muted_text(ctx.i18n.format("mark.due", form.target.due->danish()).c_str());
    ui::vertical_space();

    if (form.focus) {
        ImGui::SetKeyboardFocusHere();
        form.focus = false;
    }
    const std::string error = ui::field_error(ctx.i18n, draft.errors, "done_on", true);
    bool submit = ui::text_field(fast_track ? ctx.tr("mark.requested_on") : ctx.tr("mark.done_on"), "##done_on",
                                 form.done_on, error, 200, 0, ctx.tr("date.hint"), "mark.done_on");
    if (ImGui::SmallButton(ctx.tr("close.today"))) form.done_on = ctx.today.danish();
    ui::vertical_space(0.5f);
    submit |= ui::text_field(ctx.tr("mark.note"), "##note", form.note,
                             ui::field_error(ctx.i18n, draft.errors, "note", true), width, 0,
                             ctx.tr("mark.note_hint"), "mark.note");
    ui::muted_text(ctx.tr("mark.explanation"));
    ui::vertical_space();

    submit |= ui::primary_button(ctx.tr("mark.save"));
    ui::test_anchor("mark.save");
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("common.cancel"))) out.push_back(action::CancelEdit{});
    ui::test_anchor("mark.cancel");
    if (submit) out.push_back(action::SaveMarkTodo{});
    ui::end_column();
}

} // namespace naervaer::client
