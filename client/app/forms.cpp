#include "app/forms.hpp"

#include <naervaer/identifiers.hpp>

#include <cmath>
#include <cstdlib>

namespace naervaer::client {

namespace {

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

// An optional date field: empty is "not given", anything else must be dd-mm-åååå.
std::optional<Date> read_optional_date(const std::string& text, const char* field, ValidationResult& errors) {
    const std::string t = trimmed(text);
    if (t.empty()) return std::nullopt;
    auto date = Date::parse_danish(t);
    if (!date) errors.add(field, "invalid_date");
    return date;
}

Date read_required_date(const std::string& text, const char* field, ValidationResult& errors) {
    const std::string t = trimmed(text);
    if (t.empty()) {
        errors.add(field, "required");
        return {};
    }
    auto date = Date::parse_danish(t);
    if (!date) errors.add(field, "invalid_date");
    return date.value_or(Date());
}

} // namespace

std::optional<double> parse_decimal(std::string_view text) {
    std::string t = trimmed(text);
    for (char& c : t)
        if (c == ',') c = '.';
    if (t.empty()) return std::nullopt;
    // strtod, not from_chars: Emscripten's libc++ has no floating-point from_chars. Only digits
    // and one point get here, so the locale (always "C" here) cannot change the meaning.
    if (t.find_first_not_of("0123456789.") != std::string::npos) return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(t.c_str(), &end);
    if (end != t.c_str() + t.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::string format_decimal(double value) {
    const long tenths = std::lround(value * 10);
    std::string out = std::to_string(tenths / 10);
    if (tenths % 10 != 0) out += "," + std::to_string(std::labs(tenths % 10));
    return out;
}

// ---- absence spells ---------------------------------------------------------------------------

SpellForm new_spell_form(const std::string& spell_id, const std::string& employee_id, Date today) {
    SpellForm form;
    form.spell_id = spell_id;
    form.employee_id = employee_id;
    form.is_new = true;
    form.first_day = today.danish();
    return form;
}

SpellForm spell_form_from(const AbsenceSpell& spell) {
    SpellForm form;
    form.spell_id = spell.id;
    form.employee_id = spell.employee_id;
    form.is_new = false;
    form.first_day = spell.first_day.danish();
    form.last_day = spell.last_day ? spell.last_day->danish() : std::string();
    form.kind = spell.kind;
    form.partial = spell.partial;
    form.hours_worked = spell.partial ? format_decimal(spell.hours_worked_per_week) : std::string();
    form.expected_return = spell.expected_return ? spell.expected_return->danish() : std::string();
    form.not_expected_back_within_8_weeks = spell.not_expected_back_within_8_weeks;
    form.note = spell.note;
    return form;
}

SpellDraft read_spell_form(const SpellForm& form, const Employee* employee,
                           std::span<const AbsenceSpell> employee_spells) {
    SpellDraft draft;
    AbsenceSpell& s = draft.spell;
    s.id = form.spell_id;
    s.employee_id = form.employee_id;
    s.first_day = read_required_date(form.first_day, "first_day", draft.errors);
    s.last_day = read_optional_date(form.last_day, "last_day", draft.errors);
    s.kind = form.kind;
    s.partial = form.partial;
    if (form.partial) {
        if (trimmed(form.hours_worked).empty()) {
            draft.errors.add("hours_worked_per_week", "required");
        } else if (auto hours = parse_decimal(form.hours_worked)) {
            s.hours_worked_per_week = *hours;
        } else {
            draft.errors.add("hours_worked_per_week", "hours_range", "80");
        }
    }
    // "Not expected back within 8 weeks" replaces an expected return date in the form.
    s.not_expected_back_within_8_weeks = form.not_expected_back_within_8_weeks;
    if (!form.not_expected_back_within_8_weeks)
        s.expected_return = read_optional_date(form.expected_return, "expected_return", draft.errors);
    s.note = form.note;
    if (s.note.size() > limits::note_length)
        draft.errors.add("note", "too_long", std::to_string(limits::note_length));
    else if (!is_clean_text(s.note, true))
        draft.errors.add("note", "invalid_text");

    draft.errors.merge(validate(s, employee, employee_spells));
    return draft;
}

CloseSpellForm close_spell_form_for(const AbsenceSpell& spell, Date today) {
    CloseSpellForm form;
    form.spell_id = spell.id;
    Date last = today.plus_days(-1);
    if (last < spell.first_day) last = spell.first_day;
    form.last_day = last.danish();
    return form;
}

SpellDraft read_close_spell_form(const CloseSpellForm& form, const AbsenceSpell& spell,
                                 const Employee* employee, std::span<const AbsenceSpell> employee_spells) {
    SpellDraft draft;
    draft.spell = spell;
    draft.spell.last_day = read_required_date(form.last_day, "last_day", draft.errors);
    draft.errors.merge(validate(draft.spell, employee, employee_spells));
    return draft;
}

// ---- employees --------------------------------------------------------------------------------

EmployeeForm new_employee_form(const std::string& employee_id, const std::string& department_id) {
    EmployeeForm form;
    form.employee_id = employee_id;
    form.department_id = department_id;
    form.is_new = true;
    return form;
}

EmployeeForm employee_form_from(const Employee& e) {
    EmployeeForm form;
    form.employee_id = e.id;
    form.is_new = false;
    form.name = e.name;
    form.employee_number = e.employee_number;
    form.home_municipality = e.home_municipality;
    form.department_id = e.department_id;
    form.employment_start = e.employment_start.danish();
    form.weekly_hours = format_decimal(e.weekly_hours);
    form.cpr = e.cpr;
    form.payer = e.nemrefusion_payer;
    return form;
}

EmployeeDraft read_employee_form(const EmployeeForm& form) {
    EmployeeDraft draft;
    Employee& e = draft.employee;
    e.id = form.employee_id;
    e.name = trimmed(form.name);
    e.employee_number = trimmed(form.employee_number);
    e.department_id = form.department_id;
    e.employment_start = read_required_date(form.employment_start, "employment_start", draft.errors);
    if (auto hours = parse_decimal(form.weekly_hours))
        e.weekly_hours = *hours;
    else
        draft.errors.add("weekly_hours", "weekly_hours_range", "80");
    if (const std::string cpr = trimmed(form.cpr); !cpr.empty()) {
        e.cpr = normalize_cpr(cpr);
        if (e.cpr.empty()) draft.errors.add("cpr", "invalid_cpr");
    }
    e.nemrefusion_payer = form.payer;
    e.home_municipality = form.home_municipality;
    if (e.name.size() > limits::name_length)
        draft.errors.add("name", "too_long", std::to_string(limits::name_length));
    draft.errors.merge(validate(e));
    return draft;
}

// ---- to-dos -----------------------------------------------------------------------------------

MarkDraft read_mark_form(const MarkTodoForm& form, const SignedInUser& user, Date today) {
    MarkDraft draft;
    TodoDone& mark = draft.mark;
    mark.id = todo_done_record_id(form.target.todo_key);
    mark.employee_id = form.target.employee_id;
    mark.todo_key = form.target.todo_key;
    mark.done_on = read_required_date(form.done_on, "done_on", draft.errors);
    mark.note = trimmed(form.note);
    mark.done_by = user.id;
    mark.done_by_name = user.name; // shown until the server's stamp arrives with the next pull
    draft.errors.merge(validate(mark, today));
    return draft;
}

} // namespace naervaer::client
