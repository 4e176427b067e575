// Create or edit an employee (HR and admin). The CPR number is optional and typed hidden: it is
// only needed by some forms and must not be read over a shoulder.
#include "views/views.hpp"
#include "views/test_anchors.hpp"
#include "views/widgets.hpp"

#include "app/forms.hpp"

namespace naervaer::client {

void employee_editor_view(const ViewContext& ctx, EmployeeForm& form, Actions& out) {
    const EmployeeDraft draft = read_employee_form(form);
    auto error = [&](std::string_view field, bool touched) {
        return ui::field_error(ctx.i18n, draft.errors, field, form.submitted || touched);
    };

    const float width = ui::begin_column(560);
    ui::heading(form.is_new ? ctx.tr("employee.new_title") : ctx.tr("employee.edit_title"));
    ui::vertical_space();

    if (form.focus) {
        ImGui::SetKeyboardFocusHere();
        form.focus = false;
    }
    bool submit = false;
    submit |= ui::text_field(ctx.tr("employee.name"), "##name", form.name, error("name", !form.name.empty()),
                             width);
    submit |= ui::text_field(ctx.tr("employee.number"), "##number", form.employee_number,
                             error("employee_number", !form.employee_number.empty()), 200);

    ImGui::TextUnformatted(ctx.tr("employee.department"));
    ui::department_combo("##department", form.department_id, ctx.directory.departments(),
                         ctx.tr("employee.choose_department"), width);
    if (const std::string e = error("department_id", false); !e.empty()) ui::error_text(e);
    ui::vertical_space(0.5f);

    submit |= ui::text_field(ctx.tr("employee.employment_start"), "##start", form.employment_start,
                             error("employment_start", !form.employment_start.empty()), 200, 0,
                             ctx.tr("date.hint"));
    submit |= ui::text_field(ctx.tr("employee.weekly_hours"), "##hours", form.weekly_hours,
                             error("weekly_hours", !form.weekly_hours.empty()), 120);
    submit |=
        ui::text_field(ctx.tr("employee.cpr_optional"), "##cpr", form.cpr, error("cpr", !form.cpr.empty()),
                       200, ImGuiInputTextFlags_Password, "DDMMÅÅ-XXXX");

    // Decides which NemRefusion deadline the employee's cases get (SDL § 40).
    ImGui::TextUnformatted(ctx.tr("employee.payer"));
    for (NemRefusionPayer payer : {NemRefusionPayer::wages, NemRefusionPayer::benefit, NemRefusionPayer::none}) {
        const std::string key = "employee.payer." + std::string(to_string(payer));
        if (ImGui::RadioButton(ctx.tr(key), form.payer == payer)) form.payer = payer;
        ui::test_anchor(key);
    }
    ui::muted_text(ctx.tr("employee.payer_help"));
    ui::vertical_space(0.5f);

    // Where the employee's fast-track requests go: the jobcentre of the home municipality.
    ImGui::TextUnformatted(ctx.tr("employee.home_municipality"));
    municipality_combo(ctx, "##employee.home_municipality", form.home_municipality, form.municipality_search, width);
    if (const std::string e = error("home_municipality", true); !e.empty()) ui::error_text(e);
    ui::muted_text(ctx.tr("employee.home_municipality_help"));
    ui::vertical_space();

    submit |= ui::primary_button(ctx.tr("common.save"));
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("common.cancel"))) out.push_back(action::CancelEdit{});
    if (submit) out.push_back(action::SaveEmployee{});
    ui::end_column();
}

} // namespace naervaer::client
