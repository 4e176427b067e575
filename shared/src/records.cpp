#include "naervaer/records.hpp"

#include "json_reader.hpp"
#include "naervaer/identifiers.hpp"

#include <cmath>

namespace naervaer {

using nlohmann::json;
using detail::JsonReader;

// ---- enums ---------------------------------------------------------------------------------

std::string_view to_string(Role r) {
    switch (r) {
    case Role::admin: return "admin";
    case Role::hr: return "hr";
    case Role::team_leader: return "team_leader";
    }
    return "team_leader";
}

std::optional<Role> role_from_string(std::string_view s) {
    for (Role r : {Role::admin, Role::hr, Role::team_leader})
        if (to_string(r) == s) return r;
    return std::nullopt;
}

std::string_view to_string(AbsenceKind k) {
    switch (k) {
    case AbsenceKind::sickness: return "sickness";
    case AbsenceKind::work_injury: return "work_injury";
    case AbsenceKind::pregnancy_related: return "pregnancy_related";
    case AbsenceKind::section_56: return "section_56";
    case AbsenceKind::child_first_sick_day: return "child_first_sick_day";
    }
    return "sickness";
}

std::optional<AbsenceKind> absence_kind_from_string(std::string_view s) {
    for (AbsenceKind k : {AbsenceKind::sickness, AbsenceKind::work_injury, AbsenceKind::pregnancy_related,
                          AbsenceKind::section_56, AbsenceKind::child_first_sick_day})
        if (to_string(k) == s) return k;
    return std::nullopt;
}

bool is_sync_type(std::string_view type) {
    return type == record_type::department || type == record_type::employee || type == record_type::absence_spell;
}

bool AbsenceSpell::overlaps(const AbsenceSpell& other) const {
    // Inclusive day ranges; an ongoing spell runs to the end of time.
    const bool this_ends_before = last_day && *last_day < other.first_day;
    const bool other_ends_before = other.last_day && *other.last_day < first_day;
    return !this_ends_before && !other_ends_before;
}

// ---- to_json -------------------------------------------------------------------------------

json to_json(const Organisation& o) {
    return {{"id", o.id}, {"name", o.name}, {"cvr", o.cvr}, {"municipality", o.municipality}};
}

json to_json(const Department& d) { return {{"name", d.name}}; }

json to_json(const User& u) {
    return {{"id", u.id},
            {"email", u.email},
            {"name", u.name},
            {"role", to_string(u.role)},
            {"department_ids", u.department_ids},
            {"must_change_password", u.must_change_password}};
}

json to_json(const Employee& e) {
    json j = {{"name", e.name},
              {"employee_number", e.employee_number},
              {"department_id", e.department_id},
              {"employment_start", e.employment_start.iso()},
              {"weekly_hours", e.weekly_hours}};
    if (!e.cpr.empty()) j["cpr"] = e.cpr;
    return j;
}

json to_json(const AbsenceSpell& s) {
    json j = {{"employee_id", s.employee_id},
              {"first_day", s.first_day.iso()},
              {"last_day", s.last_day ? json(s.last_day->iso()) : json(nullptr)},
              {"partial", s.partial},
              {"not_expected_back_within_8_weeks", s.not_expected_back_within_8_weeks},
              {"kind", to_string(s.kind)},
              {"note", s.note}};
    if (s.partial) j["hours_worked_per_week"] = s.hours_worked_per_week;
    j["expected_return"] = s.expected_return ? json(s.expected_return->iso()) : json(nullptr);
    return j;
}

// ---- decode --------------------------------------------------------------------------------

Department decode_department(const json& data, std::string id, ValidationResult& errors) {
    JsonReader r(data, errors);
    Department d;
    d.id = std::move(id);
    d.name = r.string("name", true, limits::name_length);
    return d;
}

Employee decode_employee(const json& data, std::string id, ValidationResult& errors) {
    JsonReader r(data, errors);
    Employee e;
    e.id = std::move(id);
    e.name = r.string("name", true, limits::name_length);
    e.employee_number = r.string("employee_number", false, 32);
    e.department_id = r.string("department_id", true, limits::id_length);
    if (auto d = r.date("employment_start", true)) e.employment_start = *d;
    e.weekly_hours = r.number("weekly_hours", true, 37.0);
    const std::string cpr = r.string("cpr", false, 16);
    if (!cpr.empty()) {
        e.cpr = normalize_cpr(cpr);
        if (e.cpr.empty()) errors.add("cpr", "invalid_cpr");
    }
    return e;
}

AbsenceSpell decode_absence_spell(const json& data, std::string id, ValidationResult& errors) {
    JsonReader r(data, errors);
    AbsenceSpell s;
    s.id = std::move(id);
    s.employee_id = r.string("employee_id", true, limits::id_length);
    if (auto d = r.date("first_day", true)) s.first_day = *d;
    s.last_day = r.date("last_day", false);
    s.partial = r.boolean("partial", false);
    s.hours_worked_per_week = r.number("hours_worked_per_week", s.partial, 0.0);
    s.expected_return = r.date("expected_return", false);
    s.not_expected_back_within_8_weeks = r.boolean("not_expected_back_within_8_weeks", false);
    const std::string kind = r.string("kind", true, 32);
    if (auto k = absence_kind_from_string(kind)) s.kind = *k;
    else if (!kind.empty()) errors.add("kind", "unknown_value", kind);
    s.note = r.string("note", false, limits::note_length, true);
    return s;
}

// ---- validate ------------------------------------------------------------------------------

ValidationResult validate(const Organisation& o) {
    ValidationResult v;
    if (o.name.empty()) v.add("name", "required");
    else if (o.name.size() > limits::name_length) v.add("name", "too_long", std::to_string(limits::name_length));
    if (!is_valid_cvr(o.cvr)) v.add("cvr", "invalid_cvr");
    if (o.municipality.empty()) v.add("municipality", "required");
    return v;
}

ValidationResult validate(const Department& d) {
    ValidationResult v;
    if (!is_valid_id(d.id)) v.add("id", "invalid_id");
    if (d.name.find_first_not_of(" \t") == std::string::npos) v.add("name", "required");
    return v;
}

ValidationResult validate(const Employee& e) {
    ValidationResult v;
    if (!is_valid_id(e.id)) v.add("id", "invalid_id");
    if (e.name.find_first_not_of(" \t") == std::string::npos) v.add("name", "required");
    if (!is_valid_id(e.department_id)) v.add("department_id", "required");
    if (!std::isfinite(e.weekly_hours) || e.weekly_hours <= 0 || e.weekly_hours > limits::max_weekly_hours)
        v.add("weekly_hours", "weekly_hours_range", "80");
    return v;
}

namespace {
std::string format_hours(double h) {
    // 37 → "37", 18.5 → "18,5" (Danish decimal comma).
    std::string s = std::to_string(std::round(h * 10) / 10);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    for (char& c : s)
        if (c == '.') c = ',';
    return s;
}
} // namespace

ValidationResult validate(const AbsenceSpell& s, const Employee* employee, std::span<const AbsenceSpell> others) {
    ValidationResult v;
    if (!is_valid_id(s.id)) v.add("id", "invalid_id");
    if (!is_valid_id(s.employee_id)) v.add("employee_id", "required");
    if (s.last_day && *s.last_day < s.first_day) v.add("last_day", "date_order");
    if (s.expected_return && *s.expected_return < s.first_day) v.add("expected_return", "expected_return_order");
    // "Not expected back within 8 weeks" (the fast-track criterion, SDL § 7c) contradicts an
    // expected return inside those 8 weeks.
    if (s.not_expected_back_within_8_weeks && s.expected_return &&
        *s.expected_return - s.first_day < 8 * 7)
        v.add("expected_return", "expected_return_within_8_weeks", s.expected_return->danish());
    if (s.partial) {
        if (!std::isfinite(s.hours_worked_per_week) || s.hours_worked_per_week < 0)
            v.add("hours_worked_per_week", "negative");
        else if (employee) {
            // SDL § 4: a partial absence must be at least 4 hours a week.
            const double max_worked = employee->weekly_hours - 4;
            if (s.hours_worked_per_week > max_worked)
                v.add("hours_worked_per_week", "partial_hours", format_hours(std::max(0.0, max_worked)));
        } else if (s.hours_worked_per_week > limits::max_weekly_hours)
            v.add("hours_worked_per_week", "hours_range", "80");
    }
    if (employee && s.first_day < employee->employment_start)
        v.add("first_day", "before_employment", employee->employment_start.danish());
    for (const auto& other : others) {
        if (other.id == s.id || other.employee_id != s.employee_id) continue;
        if (s.overlaps(other)) {
            const std::string range = other.first_day.danish() + " – " +
                                      (other.last_day ? other.last_day->danish() : std::string("…"));
            v.add("first_day", "overlap", range);
            break;
        }
    }
    return v;
}

} // namespace naervaer
