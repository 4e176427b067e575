// "Raskmeld": close an ongoing spell by giving its last sick day (yesterday by default).
#include "views/views.hpp"
#include "views/test_anchors.hpp"
#include "views/widgets.hpp"

#include "app/forms.hpp"

namespace naervaer::client {

void close_spell_view(const ViewContext& ctx, CloseSpellForm& form, Actions& out) {
    const AbsenceSpell* spell = ctx.directory.spell(form.spell_id);
    if (!spell) {
        ui::muted_text(ctx.tr("spell.not_found"));
        if (ImGui::Button(ctx.tr("common.cancel"))) out.push_back(action::CancelEdit{});
        return;
    }
    const Employee* employee = ctx.directory.employee(spell->employee_id);
    const SpellDraft draft =
        read_close_spell_form(form, *spell, employee, ctx.directory.spells_of(spell->employee_id));

    ui::begin_column(560);
    ui::heading(ctx.tr("close.title"));
    if (employee) ImGui::TextUnformatted(employee->name.c_str());
    ui::muted_text(ctx.i18n.format("employees.absent_since", spell->first_day.danish()).c_str());
    ui::vertical_space();

    if (form.focus) {
        ImGui::SetKeyboardFocusHere();
        form.focus = false;
    }
    const std::string error = ui::field_error(ctx.i18n, draft.errors, "last_day", true);
    bool submit = ui::text_field(ctx.tr("close.last_day"), "##last_day", form.last_day, error, 200, 0,
                                 ctx.tr("date.hint"), "close.last_day");
    if (ImGui::SmallButton(ctx.tr("close.yesterday"))) form.last_day = ctx.today.plus_days(-1).danish();
    ImGui::SameLine();
    if (ImGui::SmallButton(ctx.tr("close.today"))) form.last_day = ctx.today.danish();
    ui::muted_text(ctx.tr("close.explanation"));
    ui::vertical_space();

    submit |= ui::primary_button(ctx.tr("spell.close"));
    ui::test_anchor("close.save");
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("common.cancel"))) out.push_back(action::CancelEdit{});
    ui::test_anchor("close.cancel");
    if (submit) out.push_back(action::SaveCloseSpell{});
    ui::end_column();
}

} // namespace naervaer::client
