#include "naervaer/records.hpp"

#include "json_reader.hpp"
#include "naervaer/identifiers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace naervaer {

using nlohmann::json;
using detail::JsonReader;

// ---- enums ---------------------------------------------------------------------------------

std::string_view to_string(Role r) {
    switch (r) {
    case Role::admin: return "admin";
    case Role::hr: return "hr";
    case Role::team_leader: return "team_leader";
    case Role::consultant: return "consultant";
    }
    return "team_leader";
}

std::optional<Role> role_from_string(std::string_view s) {
    for (Role r : {Role::admin, Role::hr, Role::team_leader, Role::consultant})
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

std::string_view to_string(NemRefusionPayer p) {
    switch (p) {
    case NemRefusionPayer::wages: return "wages";
    case NemRefusionPayer::benefit: return "benefit";
    case NemRefusionPayer::none: return "none";
    }
    return "wages";
}

std::optional<NemRefusionPayer> nemrefusion_payer_from_string(std::string_view s) {
    for (auto p : {NemRefusionPayer::wages, NemRefusionPayer::benefit, NemRefusionPayer::none})
        if (to_string(p) == s) return p;
    return std::nullopt;
}

bool is_sync_type(std::string_view type) {
    return type == record_type::department || type == record_type::employee || type == record_type::absence_spell ||
           type == record_type::todo_done || type == record_type::alert_settings ||
           type == record_type::conversation_record || type == record_type::referral ||
           type == record_type::policy_version;
}

// ---- record ids ----------------------------------------------------------------------------

namespace {

// FNV-1a with 128 bits (offset basis 0x6c62272e07bb014262b821756295c58d, prime 2^88 + 0x13b),
// in two 64-bit halves: the wasm build has a 32-bit size_t and no portable 128-bit integer, and
// the id must come out the same in the browser and on the server.
struct Hash128 {
    uint64_t hi = 0x6c62272e07bb0142ULL;
    uint64_t lo = 0x62b821756295c58dULL;

    void add(unsigned char byte) {
        lo ^= byte;
        // (hi·2^64 + lo) × (2^24·2^64 + 0x13b) mod 2^128 = lo·0x13b + (hi·0x13b + lo·2^24)·2^64:
        // hi·2^24·2^128 falls off. lo·0x13b needs its high 64 bits, taken in 32-bit halves.
        constexpr uint64_t p_lo = 0x13b;
        const uint64_t lo_times_p_high = ((lo >> 32) * p_lo + (((lo & 0xffffffffULL) * p_lo) >> 32)) >> 32;
        hi = hi * p_lo + (lo << 24) + lo_times_p_high;
        lo = lo * p_lo;
    }
};

void append_hex(std::string& out, uint64_t value) {
    static constexpr char digits[] = "0123456789abcdef";
    for (int shift = 60; shift >= 0; shift -= 4) out += digits[(value >> shift) & 0xf];
}

} // namespace

std::string todo_done_record_id(std::string_view todo_key) {
    Hash128 h;
    for (char c : todo_key) h.add(static_cast<unsigned char>(c));
    std::string id = "d-";
    append_hex(id, h.hi);
    append_hex(id, h.lo);
    return id;
}

std::string alert_settings_record_id(std::string_view organisation_id) {
    // Organisation ids are "org_" + 22 URL-safe base64 characters (server/src/auth/tokens.cpp) or
    // the demo's "org_demo", so the result stays within the 64-character id rule.
    return "alerts-" + std::string(organisation_id);
}

bool AbsenceSpell::overlaps(const AbsenceSpell& other) const {
    // Inclusive day ranges; an ongoing spell runs to the end of time.
    const bool this_ends_before = last_day && *last_day < other.first_day;
    const bool other_ends_before = other.last_day && *other.last_day < first_day;
    return !this_ends_before && !other_ends_before;
}

// ---- to_json -------------------------------------------------------------------------------

json to_json(const Organisation& o) {
    return {{"id", o.id},
            {"name", o.name},
            {"cvr", o.cvr},
            {"municipality", o.municipality},
            {"record_retention_years", o.record_retention_years}};
}

json to_json(const Department& d) { return {{"name", d.name}}; }

json to_json(const User& u) {
    json j = {{"id", u.id},
            {"email", u.email},
            {"name", u.name},
            {"role", to_string(u.role)},
            {"department_ids", u.department_ids},
            {"must_change_password", u.must_change_password}};
    if (!u.municipality_code.empty()) j["municipality_code"] = u.municipality_code;
    return j;
}

json to_json(const Employee& e) {
    json j = {{"name", e.name},
              {"employee_number", e.employee_number},
              {"department_id", e.department_id},
              {"employment_start", e.employment_start.iso()},
              {"weekly_hours", e.weekly_hours}};
    if (!e.cpr.empty()) j["cpr"] = e.cpr;
    j["nemrefusion_payer"] = to_string(e.nemrefusion_payer);
    if (!e.home_municipality.empty()) j["home_municipality"] = e.home_municipality;
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

json to_json(const TodoDone& t) {
    return {{"employee_id", t.employee_id}, {"todo_key", t.todo_key}, {"done_on", t.done_on.iso()},
            {"note", t.note}, {"done_by", t.done_by}, {"done_by_name", t.done_by_name}};
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
    // Absent means wages: employees written before the field existed keep the usual case.
    const std::string payer = r.string("nemrefusion_payer", false, 16);
    if (auto p = nemrefusion_payer_from_string(payer)) e.nemrefusion_payer = *p;
    else if (r.has("nemrefusion_payer") && !errors.find("nemrefusion_payer"))
        errors.add("nemrefusion_payer", "unknown_value", payer);
    e.home_municipality = r.string("home_municipality", false, 3);
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

namespace {
constexpr std::size_t todo_key_length = 160;
constexpr std::size_t todo_note_length = 1000;
} // namespace

TodoDone decode_todo_done(const json& data, std::string id, ValidationResult& errors) {
    JsonReader r(data, errors);
    TodoDone t;
    t.id = std::move(id);
    t.employee_id = r.string("employee_id", true, limits::id_length);
    t.todo_key = r.string("todo_key", true, todo_key_length);
    if (auto d = r.date("done_on", true)) t.done_on = *d;
    t.note = r.string("note", false, todo_note_length, true);
    // Read so a record round-trips; the server overwrites both from the session.
    t.done_by = r.string("done_by", false, limits::id_length);
    t.done_by_name = r.string("done_by_name", false, limits::name_length);
    return t;
}

// ---- validate ------------------------------------------------------------------------------

ValidationResult validate(const Organisation& o) {
    ValidationResult v;
    if (o.name.empty()) v.add("name", "required");
    else if (o.name.size() > limits::name_length) v.add("name", "too_long", std::to_string(limits::name_length));
    if (!is_valid_cvr(o.cvr)) v.add("cvr", "invalid_cvr");
    if (o.municipality.empty()) v.add("municipality", "required");
    if (o.record_retention_years < retention_limits::min_years || o.record_retention_years > retention_limits::max_years)
        v.add("record_retention_years", "range",
              std::to_string(retention_limits::min_years) + "-" + std::to_string(retention_limits::max_years));
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
    if (!e.home_municipality.empty() &&
        (e.home_municipality.size() != 3 ||
         e.home_municipality.find_first_not_of("0123456789") != std::string::npos))
        v.add("home_municipality", "unknown_municipality");
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

ValidationResult validate(const TodoDone& t, Date today) {
    ValidationResult v;
    // The id is derived from the key, so two people marking the same to-do meet as a conflict.
    const std::string expected_id = todo_done_record_id(t.todo_key);
    if (t.id != expected_id) v.add("id", "id_mismatch", expected_id);
    if (!is_valid_id(t.employee_id)) v.add("employee_id", "required");
    if (!is_clean_text(t.todo_key, false)) v.add("todo_key", "invalid_text");
    else if (t.todo_key.empty()) v.add("todo_key", "required");
    else if (t.todo_key.size() > todo_key_length) v.add("todo_key", "too_long", std::to_string(todo_key_length));
    if (!is_clean_text(t.note, true)) v.add("note", "invalid_text");
    else if (t.note.size() > todo_note_length) v.add("note", "too_long", std::to_string(todo_note_length));
    if (t.done_on > today) v.add("done_on", "done_in_future", today.danish());
    return v;
}

void check_mark_within_case(const TodoDone& mark, const AbsenceSpell& spell, ValidationResult& errors) {
    if (mark.done_on < spell.first_day) errors.add("done_on", "done_before_case", spell.first_day.danish());
}

bool is_reserved_id(std::string_view type, std::string_view id) {
    const auto lower_hex = [](std::string_view s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
    };
    const bool mark_shape = id.size() == 34 && id.substr(0, 2) == "d-" && lower_hex(id.substr(2));
    const bool settings_shape = id.substr(0, 7) == "alerts-";
    return (mark_shape && type != record_type::todo_done) || (settings_shape && type != record_type::alert_settings);
}

} // namespace naervaer
