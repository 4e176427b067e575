// Saving what the forms hold: absence spells, employees, departments, and the user's choices
// about conflicts and rejected changes. Every save re-validates with the shared rules; the view
// showed the same errors already, this is what makes an invalid record impossible.
#include "app/app_impl.hpp"

#include "app/forms.hpp"
#include "app/record_ids.hpp"

namespace naervaer::client {

namespace {
const std::string spell_type(record_type::absence_spell);
const std::string employee_type(record_type::employee);
const std::string department_type(record_type::department);
} // namespace

// ---- absence spells ---------------------------------------------------------------------------

void App::Impl::new_spell(const std::string& employee_id) {
    if (!directory.employee(employee_id)) return;
    state.spell = new_spell_form(make_record_id("s"), employee_id, today());
    state.selected_employee_id = employee_id;
    state.return_screen = Screen::employee;
    state.screen = Screen::spell_editor;
}

void App::Impl::edit_spell(const std::string& spell_id) {
    const AbsenceSpell* spell = directory.spell(spell_id);
    if (!spell) return;
    state.return_screen = state.screen == Screen::conflicts ? Screen::conflicts : Screen::employee;
    state.spell = spell_form_from(*spell);
    state.selected_employee_id = spell->employee_id;
    state.screen = Screen::spell_editor;
}

void App::Impl::save_spell() {
    SpellForm& form = state.spell;
    const SpellDraft draft =
        read_spell_form(form, directory.employee(form.employee_id), directory.spells_of(form.employee_id));
    if (!draft.errors.ok()) {
        form.submitted = true;
        return;
    }
    sync.put(spell_type, draft.spell.id, to_json(draft.spell));
    show_toast(form.is_new ? "toast.spell_created" : "toast.spell_saved");
    state.selected_employee_id = draft.spell.employee_id;
    state.screen = Screen::employee;
}

void App::Impl::start_close_spell(const std::string& spell_id) {
    const AbsenceSpell* spell = directory.spell(spell_id);
    if (!spell) return;
    state.close_spell = close_spell_form_for(*spell, today());
    state.return_screen = state.screen;
    state.screen = Screen::close_spell;
}

void App::Impl::save_close_spell() {
    CloseSpellForm& form = state.close_spell;
    const AbsenceSpell* spell = directory.spell(form.spell_id);
    if (!spell) return;
    const SpellDraft draft = read_close_spell_form(form, *spell, directory.employee(spell->employee_id),
                                                   directory.spells_of(spell->employee_id));
    if (!draft.errors.ok()) {
        form.submitted = true;
        return;
    }
    sync.put(spell_type, draft.spell.id, to_json(draft.spell));
    show_toast("toast.spell_closed", draft.spell.last_day->danish());
    state.selected_employee_id = draft.spell.employee_id;
    state.screen = Screen::employee;
}

// ---- employees --------------------------------------------------------------------------------

void App::Impl::new_employee() {
    if (!state.user.can_edit_employees()) return;
    state.employee_form = new_employee_form(make_record_id("e"), state.employee_list.department_id);
    state.return_screen = Screen::employees;
    state.screen = Screen::employee_editor;
}

void App::Impl::edit_employee(const std::string& employee_id) {
    if (!state.user.can_edit_employees()) return;
    const Employee* employee = directory.employee(employee_id);
    if (!employee) return;
    state.employee_form = employee_form_from(*employee);
    state.return_screen = state.screen;
    state.screen = Screen::employee_editor;
}

void App::Impl::save_employee() {
    EmployeeForm& form = state.employee_form;
    const EmployeeDraft draft = read_employee_form(form);
    if (!draft.errors.ok()) {
        form.submitted = true;
        return;
    }
    sync.put(employee_type, draft.employee.id, to_json(draft.employee));
    show_toast("toast.employee_saved");
    state.selected_employee_id = draft.employee.id;
    state.screen = Screen::employee;
}

// ---- departments ------------------------------------------------------------------------------

void App::Impl::create_department() {
    AdminState& admin = state.admin;
    const Department department{make_record_id("d"), admin.new_department_name};
    if (!state.user.is_admin() || !validate(department).ok()) return;
    sync.put(department_type, department.id, to_json(department));
    admin.new_department_name.clear();
    show_toast("toast.department_saved");
}

void App::Impl::rename_department() {
    AdminState& admin = state.admin;
    const Department department{admin.renaming_department_id, admin.renaming_name};
    if (!state.user.is_admin() || !directory.department(department.id) || !validate(department).ok()) return;
    sync.put(department_type, department.id, to_json(department));
    admin.renaming_department_id.clear();
    admin.renaming_name.clear();
    show_toast("toast.department_saved");
}

// ---- conflicts and rejected changes -----------------------------------------------------------

void App::Impl::resolve_conflict(const action::ResolveConflict& a) {
    if (!sync.replica().conflicts().count({a.type, a.id})) return;
    sync.resolve_conflict({a.type, a.id}, a.keep_mine);
    show_toast(a.keep_mine ? "toast.kept_mine" : "toast.took_theirs");
}

void App::Impl::resolve_rejected(const action::ResolveRejected& a) {
    if (!sync.replica().rejected().count({a.type, a.id})) return;
    sync.resolve_rejected({a.type, a.id}, a.retry);
    show_toast(a.retry ? "toast.sent_again" : "toast.discarded");
}

} // namespace naervaer::client
