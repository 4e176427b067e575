// Record or edit an absence spell. Dates are typed as dd-mm-åååå; every rule is checked by the
// shared validation while typing, and a field's error shows under it once it has text (all of
// them after a save attempt), so nothing invalid is ever saved.
#include "views/views.hpp"
#include "views/test_anchors.hpp"
#include "views/widgets.hpp"

#include "app/forms.hpp"

#include <array>
#include <string>

namespace naervaer::client {

namespace {

constexpr std::array kinds{AbsenceKind::sickness, AbsenceKind::work_injury, AbsenceKind::pregnancy_related,
                           AbsenceKind::section_56, AbsenceKind::child_first_sick_day};

void kind_combo(const ViewContext& ctx, AbsenceKind& kind, float width) {
    ImGui::TextUnformatted(ctx.tr("spell.kind"));
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo("##kind", ui::absence_kind_label(ctx.i18n, kind))) {
        for (AbsenceKind k : kinds) {
            if (ImGui::Selectable(ui::absence_kind_label(ctx.i18n, k), k == kind)) kind = k;
            ui::test_anchor("spell.kind", to_string(k));
        }
        ImGui::EndCombo();
    } else {
        ui::test_anchor("spell.kind"); // while open, the last item is the popup, not the combo
    }
    ui::vertical_space(0.5f);
}

// The note is an HTML textarea laid over this rectangle in the browser (wrapping, spellcheck,
// IME); ImGui only reserves the space and draws its frame.
void note_field(const ViewContext& ctx, SpellForm& form, const std::string& error, float width) {
    ImGui::TextUnformatted(ctx.tr("spell.note"));
    ui::muted_text(ctx.tr("spell.note_hint"));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size(width, ImGui::GetTextLineHeight() * 7);
    ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y),
                                              ImGui::GetColorU32(ImGuiCol_FrameBg),
                                              ImGui::GetStyle().FrameRounding);
    ImGui::Dummy(size);
    ui::test_anchor("spell.note");
    // Only place the textarea where it is actually visible, or it would float over other items.
    if (ImGui::IsItemVisible())
        ctx.platform.text_overlay("spell-note-" + form.spell_id, Rect{pos.x, pos.y, size.x, size.y},
                                  form.note, limits::note_length, ctx.tr("spell.note_placeholder"));
    const std::string counter =
        std::to_string(form.note.size()) + " / " + std::to_string(limits::note_length);
    ui::muted_text(counter.c_str());
    if (!error.empty()) ui::error_text(error);
    ui::vertical_space(0.5f);
}

} // namespace

void spell_editor_view(const ViewContext& ctx, SpellForm& form, Actions& out) {
    const Employee* employee = ctx.directory.employee(form.employee_id);
    const SpellDraft draft = read_spell_form(form, employee, ctx.directory.spells_of(form.employee_id));
    auto error = [&](std::string_view field, const std::string& text) {
        return ui::field_error(ctx.i18n, draft.errors, field, form.submitted || !text.empty());
    };

    const float width = ui::begin_column(560);
    ui::heading(form.is_new ? ctx.tr("spell.new_title") : ctx.tr("spell.edit_title"));
    if (employee) ui::muted_text(employee->name.c_str());
    ui::vertical_space();

    bool submit = false;
    if (form.focus) {
        ImGui::SetKeyboardFocusHere();
        form.focus = false;
    }
    submit |= ui::text_field(ctx.tr("spell.first_day"), "##first_day", form.first_day,
                             error("first_day", form.first_day), 200, 0, ctx.tr("date.hint"), "spell.first_day");
    submit |= ui::text_field(ctx.tr("spell.last_day"), "##last_day", form.last_day,
                             error("last_day", form.last_day), 200, 0, ctx.tr("date.hint"), "spell.last_day");
    ui::muted_text(ctx.tr("spell.last_day_hint"));
    ui::vertical_space(0.5f);

    kind_combo(ctx, form.kind, width);

    ImGui::TextUnformatted(ctx.tr("spell.extent"));
    if (ImGui::RadioButton(ctx.tr("spell.full"), !form.partial)) form.partial = false;
    ui::test_anchor("spell.full");
    ImGui::SameLine();
    if (ImGui::RadioButton(ctx.tr("spell.partial"), form.partial)) form.partial = true;
    ui::test_anchor("spell.partial");
    ui::vertical_space(0.5f);
    if (form.partial) {
        submit |= ui::text_field(ctx.tr("spell.hours_worked"), "##hours", form.hours_worked,
                                 error("hours_worked_per_week", form.hours_worked), 120, 0, nullptr,
                                 "spell.hours_worked");
        if (employee)
            ui::muted_text(
                ctx.i18n.format("spell.of_weekly_hours", format_decimal(employee->weekly_hours)).c_str());
        ui::vertical_space(0.5f);
    }

    ImGui::BeginDisabled(form.not_expected_back_within_8_weeks);
    submit |= ui::text_field(ctx.tr("spell.expected_return"), "##expected_return", form.expected_return,
                             error("expected_return", form.expected_return), 200, 0, ctx.tr("date.hint"),
                             "spell.expected_return");
    ImGui::EndDisabled();
    ImGui::Checkbox(ctx.tr("spell.not_within_8_weeks"), &form.not_expected_back_within_8_weeks);
    ui::test_anchor("spell.not_within_8_weeks");
    ui::vertical_space();

    note_field(ctx, form, error("note", form.note), width);

    // Errors on fields the form does not show (e.g. a missing employee) still block saving.
    if (form.submitted)
        for (const auto& e : draft.errors.errors())
            if (e.field == "id" || e.field == "employee_id" || e.field == "kind")
                ui::error_text(ctx.i18n.message(e));

    ui::vertical_space();
    submit |= ui::primary_button(ctx.tr("common.save"));
    ui::test_anchor("spell.save");
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("common.cancel"))) out.push_back(action::CancelEdit{});
    ui::test_anchor("spell.cancel");
    if (submit) out.push_back(action::SaveSpell{});
    ui::end_column();
}

} // namespace naervaer::client
