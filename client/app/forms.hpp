#pragma once
// Forms as typed -> domain records, with every error a field can have. Parsing what the user
// typed (dd-mm-åååå, decimal commas) is the client's job; every rule about the values is the
// shared validation's (naervaer::validate), so the browser and the server never disagree.
// A parse error of a field comes first, so it is the one shown when a rule trips over the same
// unreadable value.
#include "app/state.hpp"

#include <naervaer/records.hpp>

#include <optional>
#include <span>
#include <string>

namespace naervaer::client {

// "18,5" or "18.5" -> 18.5 (Danish users type a comma); nothing for anything else.
std::optional<double> parse_decimal(std::string_view text);
// 18.5 -> "18,5", 37 -> "37".
std::string format_decimal(double value);

struct SpellDraft {
    AbsenceSpell spell;
    ValidationResult errors;
};
SpellForm new_spell_form(const std::string& spell_id, const std::string& employee_id, Date today);
SpellForm spell_form_from(const AbsenceSpell& spell);
SpellDraft read_spell_form(const SpellForm& form, const Employee* employee,
                           std::span<const AbsenceSpell> employee_spells);

// The last sick day defaults to yesterday (the employee is back today), but never before the
// first sick day: a spell that began today ends today.
CloseSpellForm close_spell_form_for(const AbsenceSpell& spell, Date today);
SpellDraft read_close_spell_form(const CloseSpellForm& form, const AbsenceSpell& spell,
                                 const Employee* employee, std::span<const AbsenceSpell> employee_spells);

struct EmployeeDraft {
    Employee employee;
    ValidationResult errors;
};
EmployeeForm new_employee_form(const std::string& employee_id, const std::string& department_id);
EmployeeForm employee_form_from(const Employee& employee);
EmployeeDraft read_employee_form(const EmployeeForm& form);

struct MarkDraft {
    TodoDone mark;
    ValidationResult errors;
};
// `user` is who marks it (the server stamps its own copy); `today` bounds the date done.
MarkDraft read_mark_form(const MarkTodoForm& form, const SignedInUser& user, Date today);

} // namespace naervaer::client
