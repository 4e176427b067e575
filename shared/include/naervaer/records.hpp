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

// admin, hr and team_leader belong to an employer; consultant is a jobcentre's retention consultant,
// scoped to one municipality (User::municipality_code) and never part of an employer's sync.
enum class Role { admin, hr, team_leader, consultant };
std::string_view to_string(Role r);
std::optional<Role> role_from_string(std::string_view s);

// How many years conversation records are kept after their case closed (docs/retention.md): an
// organisation's choice; 5 is law.md's "common advice (the limitation period), not an official rule".
namespace retention_limits {
inline constexpr int min_years = 1;
inline constexpr int max_years = 20;
inline constexpr int default_years = 5;
} // namespace retention_limits

struct Organisation {
    std::string id;
    std::string name;
    std::string cvr;
    std::string municipality; // municipality name, e.g. "Hjørring"
    int record_retention_years = retention_limits::default_years;
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
    std::string municipality_code; // a consultant's municipality (3 digits); "" for other roles
};

// Who pays the employee during the employer period; a per-employee setting that decides which
// NemRefusion deadline applies (SDL § 40, law.md). Wire values "wages", "benefit", "none".
enum class NemRefusionPayer { wages, benefit, none };
std::string_view to_string(NemRefusionPayer p);
std::optional<NemRefusionPayer> nemrefusion_payer_from_string(std::string_view s);

struct Employee {
    std::string id;
    std::string name;
    std::string employee_number;
    std::string department_id;
    Date employment_start;
    double weekly_hours = 37.0;
    std::string cpr; // optional; "" when not given. Stored normalized DDMMYY-SSSS.
    // Optional on the wire ("nemrefusion_payer"); absent = wages, so records written before the
    // field existed keep their meaning.
    NemRefusionPayer nemrefusion_payer = NemRefusionPayer::wages;
    // The employee's home municipality (3-digit code, wire "home_municipality"; "" when not given):
    // where a fast-track referral goes (docs/referrals.md).
    std::string home_municipality;
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

// A to-do marked done (record type "todo_done"): who marked it and on which day it was done (the
// conversation held, fast track requested). Deleting the record un-marks it. Its record id is
// todo_done_record_id(todo_key), so two people marking the same to-do meet as a conflict instead
// of making two marks. `done_by` and `done_by_name` are set by the server from the session; what a
// client sends there is ignored. The record envelope's updated_at says when it was marked.
struct TodoDone {
    std::string id;
    std::string employee_id; // decides who may see it (team-leader scoping), as for spells
    std::string todo_key;    // Todo::key (todos.hpp), 1-160 characters
    Date done_on;
    std::string note; // optional, at most 1000 characters
    std::string done_by;
    std::string done_by_name;
};
// "d-" + 32 hex digits of a 128-bit hash of the key: deterministic, within the 64-character id
// limit, and unique in practice because keys contain the spell's random id.
std::string todo_done_record_id(std::string_view todo_key);

// Record types that travel through sync, as they appear in `Record::type`.
namespace record_type {
inline constexpr std::string_view department = "department";
inline constexpr std::string_view employee = "employee";
inline constexpr std::string_view absence_spell = "absence_spell";
inline constexpr std::string_view todo_done = "todo_done";
// The organisation's alert choices (alerts.hpp AlertChoices): one record per organisation with
// id alert_settings_record_id(org id); written by admins, read by everyone in the organisation.
inline constexpr std::string_view alert_settings = "alert_settings";
inline constexpr std::string_view conversation_record = "conversation_record"; // conversation_record.hpp
inline constexpr std::string_view referral = "referral";             // referral_record.hpp
inline constexpr std::string_view policy_version = "policy_version"; // policy.hpp PolicyVersion
} // namespace record_type
std::string alert_settings_record_id(std::string_view organisation_id); // "alerts-" + org id
bool is_sync_type(std::string_view type);

// ---- JSON ----------------------------------------------------------------------------------
nlohmann::json to_json(const Organisation&);
nlohmann::json to_json(const Department&);
nlohmann::json to_json(const User&);
nlohmann::json to_json(const Employee&);
nlohmann::json to_json(const AbsenceSpell&);
nlohmann::json to_json(const TodoDone&);

// Each decode checks presence and JSON types field by field; wrong or missing fields land in
// `errors` (code "type" or "required") and the returned value holds what could be read.
// The record id is not part of `data`; it travels in the envelope and is passed in.
Department decode_department(const nlohmann::json& data, std::string id, ValidationResult& errors);
Employee decode_employee(const nlohmann::json& data, std::string id, ValidationResult& errors);
AbsenceSpell decode_absence_spell(const nlohmann::json& data, std::string id, ValidationResult& errors);
TodoDone decode_todo_done(const nlohmann::json& data, std::string id, ValidationResult& errors);

// ---- Validation (domain rules, after decoding) -----------------------------------------------
ValidationResult validate(const Organisation&);
ValidationResult validate(const Department&);
ValidationResult validate(const Employee&);
// `employee` is the spell's employee when known (checks partial hours against weekly hours);
// `other_spells` are the employee's other spells (checks overlaps; the spell itself is skipped
// by id).
ValidationResult validate(const AbsenceSpell&, const Employee* employee,
                          std::span<const AbsenceSpell> other_spells);
// Key and note lengths, done_on not in the future beyond `today` (a step is marked when done),
// and the record id matching todo_done_record_id(todo_key).
ValidationResult validate(const TodoDone&, Date today);
// A step of a case is done on or after the case's first sick day (`spell` is the case the key
// names); adds "done_on" "done_before_case" otherwise.
void check_mark_within_case(const TodoDone& mark, const AbsenceSpell& spell, ValidationResult& errors);

// Ids derived from something else (todo_done_record_id, alert_settings_record_id) are reserved for
// their own type: a record of another type under such an id would make the derived record
// impossible to write, since ids are global and a type mismatch answers 404.
bool is_reserved_id(std::string_view type, std::string_view id);

} // namespace naervaer
