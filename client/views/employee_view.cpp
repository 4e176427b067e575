// One employee: details (CPR masked) and the absence history, ongoing spells first.
#include "views/views.hpp"
#include "views/test_anchors.hpp"
#include "views/widgets.hpp"

#include "app/forms.hpp"

#include <naervaer/identifiers.hpp>

#include <set>
#include <string>

namespace naervaer::client {

namespace {

void details(const ViewContext& ctx, const Employee& e) {
    if (!ImGui::BeginTable("details", 2, ImGuiTableFlags_SizingFixedFit)) return;
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, 200);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    ui::detail_row(ctx.tr("employee.number"), e.employee_number);
    ui::detail_row(ctx.tr("employee.department"), ctx.directory.department_name(e.department_id));
    ui::detail_row(ctx.tr("employee.employment_start"), e.employment_start.danish());
    ui::detail_row(ctx.tr("employee.weekly_hours"), format_decimal(e.weekly_hours));
    // Only the date part of a CPR number is ever shown (it is sensitive; README, glossary).
    ui::detail_row(ctx.tr("employee.cpr"), mask_cpr(e.cpr));
    ImGui::EndTable();
}

// "Ikke synkroniseret", "Konflikt" or "Afvist" next to a spell that is not settled with the server.
void sync_badge(const ViewContext& ctx, const std::string& spell_id,
                const std::set<std::string>& pending_ids) {
    const Replica::Key key{std::string(record_type::absence_spell), spell_id};
    if (ctx.replica.conflicts().count(key))
        ui::colored_text(ui::color::danger, ctx.tr("sync.badge_conflict"));
    else if (ctx.replica.rejected().count(key))
        ui::colored_text(ui::color::danger, ctx.tr("sync.badge_rejected"));
    else if (pending_ids.count(spell_id))
        ui::colored_text(ui::color::warning, ctx.tr("sync.badge_pending"));
}

void history(const ViewContext& ctx, const Employee& e, Actions& out) {
    const auto& spells = ctx.directory.spells_of(e.id);
    if (spells.empty()) {
        ui::muted_text(ctx.tr("spells.none"));
        return;
    }
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("spells", 7, flags)) return;
    std::set<std::string> pending_ids;
    for (const auto& pending : ctx.replica.pending_changes(ctx.replica.pending_count()))
        if (pending.change.type == record_type::absence_spell) pending_ids.insert(pending.change.id);

    ImGui::TableSetupColumn(ctx.tr("spell.first_day"), ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableSetupColumn(ctx.tr("spell.last_day"), ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableSetupColumn(ctx.tr("spell.kind"), ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn(ctx.tr("spell.extent"), ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableSetupColumn(ctx.tr("spell.duration"), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn(ctx.tr("spell.expected_return"), ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableHeadersRow();

    for (const auto& spell : spells) {
        ImGui::PushID(spell.id.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(spell.first_day.danish().c_str());
        ImGui::TableNextColumn();
        if (spell.last_day)
            ImGui::TextUnformatted(spell.last_day->danish().c_str());
        else
            ui::colored_text(ui::color::warning, ctx.tr("spell.ongoing"));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ui::absence_kind_label(ctx.i18n, spell.kind));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ui::extent_label(ctx.i18n, spell).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(
            ctx.i18n.format("spell.days", std::to_string(ui::duration_days(spell, ctx.today))).c_str());
        ImGui::TableNextColumn();
        if (spell.not_expected_back_within_8_weeks)
            ImGui::TextWrapped("%s", ctx.tr("spell.not_within_8_weeks_short"));
        else if (spell.expected_return)
            ImGui::TextUnformatted(spell.expected_return->danish().c_str());
        else
            ImGui::TextUnformatted("–");
        ImGui::TableNextColumn();
        if (ImGui::SmallButton(ctx.tr("common.edit"))) out.push_back(action::EditSpell{spell.id});
        ui::test_anchor("spell.edit", spell.id);
        if (spell.ongoing()) {
            ImGui::SameLine();
            if (ImGui::SmallButton(ctx.tr("spell.close"))) out.push_back(action::StartCloseSpell{spell.id});
            ui::test_anchor("spell.close", spell.id);
        }
        sync_badge(ctx, spell.id, pending_ids);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

} // namespace

void employee_view(const ViewContext& ctx, const std::string& employee_id, Actions& out) {
    if (ImGui::Button(ctx.tr("employee.back"))) out.push_back(action::ShowEmployees{});
    ui::test_anchor("employee.back");
    ui::vertical_space(0.5f);

    const Employee* employee = ctx.directory.employee(employee_id);
    if (!employee) {
        ui::muted_text(ctx.tr("employee.not_found"));
        return;
    }
    ui::heading(employee->name.c_str());
    if (const AbsenceSpell* now = ctx.directory.absence_on(employee->id, ctx.today)) {
        ui::colored_text(ui::color::warning,
                         ctx.i18n
                             .format(now->partial ? "employees.partial_since" : "employees.absent_since",
                                     now->first_day.danish())
                             .c_str());
    }
    ui::vertical_space(0.5f);
    details(ctx, *employee);
    ui::vertical_space();

    if (ui::primary_button(ctx.tr("spell.new"))) out.push_back(action::NewSpell{employee->id});
    ui::test_anchor("employee.new_spell");
    if (ctx.user.can_edit_employees()) {
        ImGui::SameLine();
        if (ImGui::Button(ctx.tr("employee.edit"))) out.push_back(action::EditEmployee{employee->id});
        ui::test_anchor("employee.edit");
    }

    ui::subheading(ctx.tr("spells.title"));
    history(ctx, *employee, out);
}

} // namespace naervaer::client
