#pragma once
// The organisation-scoped records the portal keeps and their JSON. Untrusted JSON is decoded with
// `decode_*`, which never throws and reports wrong types as field errors; `to_json` writes the
// wire form (dates as ISO yyyy-mm-dd).
#include "naervaer/date.hpp"
#include "naervaer/validation.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace naervaer {

enum class Role { admin, hr, team_leader };
std::string_view to_string(Role r);
std::optional<Role> role_from_string(std::string_view s);

struct Organisation {
    std::string id;
    std::string name;
    std::string cvr;
    std::string municipality; // municipality name, e.g. "Hjørring"
};

struct Department {
    std::string id;
    std::string name;
};

struct User {
    std::string id;
    std::string email;
    std::string name;
    Role role = Role::team_leader;
    std::vector<std::string> department_ids; // a team leader's departments
    bool must_change_password = false;
};

struct Employee {
    std::string id;
    std::string name;
    std::string employee_number;
    std::string department_id;
    Date employment_start;
    double weekly_hours = 37.0;
    std::string cpr; // optional; "" when not given. Stored normalized DDMMYY-SSSS.
};

enum class AbsenceKind { sickness, work_injury, pregnancy_related, section_56, child_first_sick_day };
std::string_view to_string(AbsenceKind k);
std::optional<AbsenceKind> absence_kind_from_string(std::string_view s);

struct AbsenceSpell {
    std::string id;
    std::string employee_id;
    Date first_day;
    std::optional<Date> last_day; // nothing while ongoing
    bool partial = false;
    double hours_worked_per_week = 0; // only for partial spells
    std::optional<Date> expected_return;
    bool not_expected_back_within_8_weeks = false;
    AbsenceKind kind = AbsenceKind::sickness;
    std::string note;

    bool ongoing() const { return !last_day.has_value(); }
    // Inclusive overlap of [first_day, last_day or open end].
    bool overlaps(const AbsenceSpell& other) const;
};

// Record types that travel through sync, as they appear in `Record::type`.
namespace record_type {
inline constexpr std::string_view department = "department";
inline constexpr std::string_view employee = "employee";
inline constexpr std::string_view absence_spell = "absence_spell";
} // namespace record_type
bool is_sync_type(std::string_view type);

// ---- JSON ----------------------------------------------------------------------------------
nlohmann::json to_json(const Organisation&);
nlohmann::json to_json(const Department&);
nlohmann::json to_json(const User&);
nlohmann::json to_json(const Employee&);
nlohmann::json to_json(const AbsenceSpell&);

// Each decode checks presence and JSON types field by field; wrong or missing fields land in
// `errors` (code "type" or "required") and the returned value holds what could be read.
// The record id is not part of `data`; it travels in the envelope and is passed in.
Department decode_department(const nlohmann::json& data, std::string id, ValidationResult& errors);
Employee decode_employee(const nlohmann::json& data, std::string id, ValidationResult& errors);
AbsenceSpell decode_absence_spell(const nlohmann::json& data, std::string id, ValidationResult& errors);

// ---- Validation (domain rules, after decoding) -----------------------------------------------
ValidationResult validate(const Organisation&);
ValidationResult validate(const Department&);
ValidationResult validate(const Employee&);
// `employee` is the spell's employee when known (checks partial hours against weekly hours);
// `other_spells` are the employee's other spells (checks overlaps; the spell itself is skipped
// by id).
ValidationResult validate(const AbsenceSpell&, const Employee* employee,
                          std::span<const AbsenceSpell> other_spells);

} // namespace naervaer
