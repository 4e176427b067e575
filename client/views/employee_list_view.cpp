// Employees: search by name or number, filter by department, see who is absent today.
#include "views/views.hpp"
#include "views/test_anchors.hpp"
#include "views/widgets.hpp"

#include <string>

namespace naervaer::client {

namespace {
// "Sygemeldt siden 02-05-2024" / "Delvis sygemeldt siden ..." / "".
std::string absence_status(const ViewContext& ctx, const Employee& employee) {
    const AbsenceSpell* spell = ctx.directory.absence_on(employee.id, ctx.today);
    if (!spell) return {};
    return ctx.i18n.format(spell->partial ? "employees.partial_since" : "employees.absent_since",
                           spell->first_day.danish());
}
} // namespace

void employee_list_view(const ViewContext& ctx, EmployeeListForm& form, Actions& out) {
    ui::heading(ctx.tr("employees.title"));
    if (ctx.user.can_edit_employees()) {
        ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::CalcTextSize(ctx.tr("employees.new")).x -
                        ImGui::GetStyle().FramePadding.x * 2);
        if (ImGui::Button(ctx.tr("employees.new"))) out.push_back(action::NewEmployee{});
    }

    // Filters on one line: search takes what the department filter leaves.
    const float department_width = 240;
    if (form.focus_search) {
        ImGui::SetKeyboardFocusHere();
        form.focus_search = false;
    }
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - department_width -
                            ImGui::GetStyle().ItemSpacing.x);
    ui::input_text("##search", form.search, 0, ctx.tr("employees.search_hint"));
    ui::test_anchor("list.search");
    ImGui::SameLine();
    ui::department_combo("##department", form.department_id, ctx.directory.departments(),
                         ctx.tr("employees.all_departments"), department_width);
    ui::vertical_space(0.5f);

    const auto employees = ctx.directory.employees_matching(form.search, form.department_id);
    const float footer = ImGui::GetTextLineHeightWithSpacing() * 1.5f;
    if (ui::begin_list_table("employees",
                             {{ctx.tr("employee.name"), 3},
                              {ctx.tr("employee.number"), 1},
                              {ctx.tr("employee.department"), 2},
                              {ctx.tr("employees.status"), 3}},
                             ImGuiTableFlags_ScrollY, ImVec2(0, -footer))) {

        // Only the visible rows are drawn: an organisation can have tens of thousands.
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(employees.size()));
        while (clipper.Step()) {
            for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
                const Employee& e = *employees[static_cast<std::size_t>(row)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::PushID(e.id.c_str());
                if (ImGui::Selectable(e.name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
                    out.push_back(action::ShowEmployee{e.id});
                ui::test_anchor("list.row", e.id);
                ImGui::PopID();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(e.employee_number.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(ctx.directory.department_name(e.department_id).c_str());
                ImGui::TableNextColumn();
                if (const std::string status = absence_status(ctx, e); !status.empty())
                    ui::colored_text(ui::color::warning, status.c_str());
            }
        }
        ImGui::EndTable();
    }

    if (employees.empty())
        ui::muted_text(ctx.tr("employees.none"));
    else
        ui::muted_text(ctx.i18n.format("employees.count", std::to_string(employees.size())).c_str());
}

} // namespace naervaer::client
