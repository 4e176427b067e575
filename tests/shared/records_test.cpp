#include "naervaer/records.hpp"

#include <doctest/doctest.h>

using namespace naervaer;
using nlohmann::json;

namespace {
Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

Employee employee(double weekly_hours = 37) {
    Employee e;
    e.id = "emp-1";
    e.name = "Søren Østergård";
    e.department_id = "dep-1";
    e.employment_start = d(2020, 8, 1);
    e.weekly_hours = weekly_hours;
    return e;
}

AbsenceSpell spell(std::string id, Date first, std::optional<Date> last) {
    AbsenceSpell s;
    s.id = std::move(id);
    s.employee_id = "emp-1";
    s.first_day = first;
    s.last_day = last;
    return s;
}
} // namespace

TEST_CASE("records: an absence spell survives a JSON round trip") {
    AbsenceSpell s = spell("sp-1", d(2024, 3, 4), d(2024, 3, 8));
    s.partial = true;
    s.hours_worked_per_week = 18.5;
    s.kind = AbsenceKind::work_injury;
    s.note = "Aftalt delvis raskmelding – æøå €";
    s.expected_return = d(2024, 3, 11);
    ValidationResult errors;
    const AbsenceSpell back = decode_absence_spell(to_json(s), "sp-1", errors);
    CHECK(errors.ok());
    CHECK(back.first_day == s.first_day);
    CHECK(back.last_day == s.last_day);
    CHECK(back.partial);
    CHECK(back.hours_worked_per_week == doctest::Approx(18.5));
    CHECK(back.kind == AbsenceKind::work_injury);
    CHECK(back.note == s.note);
    CHECK(back.expected_return == s.expected_return);
}

TEST_CASE("records: wrong JSON types become field errors, not exceptions") {
    ValidationResult errors;
    decode_absence_spell(json{{"employee_id", 7}, {"first_day", "04-03-2024"}, {"partial", "yes"}, {"kind", "flu"}},
                         "sp-1", errors);
    CHECK(errors.has("employee_id", "type"));
    CHECK(errors.has("first_day", "invalid_date"));
    CHECK(errors.has("partial", "type"));
    CHECK(errors.has("kind", "unknown_value"));

    ValidationResult not_object;
    decode_employee(json::array(), "e", not_object);
    CHECK_FALSE(not_object.ok());
}

TEST_CASE("records: a missing first sick day is required") {
    ValidationResult errors;
    decode_absence_spell(json{{"employee_id", "emp-1"}, {"kind", "sickness"}}, "sp-1", errors);
    CHECK(errors.has("first_day", "required"));
}

TEST_CASE("records: control characters and invalid UTF-8 are refused in text") {
    ValidationResult errors;
    decode_absence_spell(json{{"employee_id", "emp-1"}, {"first_day", "2024-03-04"}, {"kind", "sickness"},
                              {"note", std::string("ok\xff")}},
                         "sp-1", errors);
    CHECK(errors.has("note", "invalid_text"));
    CHECK(is_clean_text("Linje 1\nLinje 2 – æøå €", true));
    CHECK_FALSE(is_clean_text("Linje 1\nLinje 2", false));
    CHECK_FALSE(is_clean_text("\xc3\x28", true));         // broken 2-byte sequence
    CHECK_FALSE(is_clean_text("\xc0\xaf", true));         // overlong '/'
    CHECK_FALSE(is_clean_text("\xed\xa0\x80", true));     // UTF-16 surrogate
    CHECK_FALSE(is_clean_text(std::string("a\0b", 3), true));
}

TEST_CASE("validation: the last day may not come before the first") {
    const Employee e = employee();
    auto v = validate(spell("sp-1", d(2024, 3, 8), d(2024, 3, 4)), &e, {});
    REQUIRE(v.has("last_day", "date_order"));
    CHECK(v.find("last_day")->message_da == "Sidste sygedag ligger før første sygedag");
    CHECK(v.find("last_day")->message_en == "The last day is before the first sick day");
    CHECK(validate(spell("sp-1", d(2024, 3, 4), d(2024, 3, 4)), &e, {}).ok()); // one-day spell
}

TEST_CASE("validation: spells of one employee may not overlap, an ongoing one runs on") {
    const Employee e = employee();
    const std::vector<AbsenceSpell> others = {spell("a", d(2024, 1, 8), d(2024, 1, 12)),
                                              spell("b", d(2024, 2, 1), std::nullopt)};
    CHECK(validate(spell("x", d(2024, 1, 12), d(2024, 1, 15)), &e, others).has("first_day", "overlap"));
    CHECK(validate(spell("x", d(2024, 1, 13), d(2024, 1, 20)), &e, others).ok());
    CHECK(validate(spell("x", d(2024, 5, 1), d(2024, 5, 2)), &e, others).has("first_day", "overlap"));
    CHECK(validate(spell("x", d(2024, 1, 20), std::nullopt), &e, others).has("first_day", "overlap"));
    // Editing a spell does not overlap with itself.
    CHECK(validate(spell("a", d(2024, 1, 8), d(2024, 1, 13)), &e, others).ok());
    auto v = validate(spell("x", d(2024, 1, 10), d(2024, 1, 10)), &e, others);
    CHECK(v.find("first_day")->message_da.find("08-01-2024 – 12-01-2024") != std::string::npos);
}

TEST_CASE("validation: a partial spell leaves at least 4 hours' absence a week") {
    const Employee e = employee(37);
    AbsenceSpell s = spell("x", d(2024, 3, 4), std::nullopt);
    s.partial = true;
    s.hours_worked_per_week = 33;
    CHECK(validate(s, &e, {}).ok());
    s.hours_worked_per_week = 33.5;
    auto v = validate(s, &e, {});
    CHECK(v.has("hours_worked_per_week", "partial_hours"));
    CHECK(v.find("hours_worked_per_week")->message_da.find("højst 33 timers") != std::string::npos);
    const Employee part_time = employee(22.5);
    s.hours_worked_per_week = 19;
    CHECK(validate(s, &part_time, {}).find("hours_worked_per_week")->message_da.find("18,5") != std::string::npos);
    s.hours_worked_per_week = -1;
    CHECK(validate(s, &e, {}).has("hours_worked_per_week", "negative"));
}

TEST_CASE("validation: 'not back within 8 weeks' contradicts an earlier expected return") {
    const Employee e = employee();
    AbsenceSpell s = spell("x", d(2024, 3, 4), std::nullopt);
    s.not_expected_back_within_8_weeks = true;
    s.expected_return = d(2024, 4, 28); // 55 days later
    CHECK(validate(s, &e, {}).has("expected_return", "expected_return_within_8_weeks"));
    s.expected_return = d(2024, 4, 29); // 56 days: exactly 8 weeks
    CHECK(validate(s, &e, {}).ok());
    s.expected_return = d(2024, 3, 1);
    CHECK(validate(s, &e, {}).has("expected_return", "expected_return_order"));
}

TEST_CASE("validation: an absence cannot start before the employment") {
    const Employee e = employee();
    CHECK(validate(spell("x", d(2020, 7, 31), std::nullopt), &e, {}).has("first_day", "before_employment"));
}

TEST_CASE("validation: employees need a name, a department and plausible weekly hours") {
    Employee e = employee();
    CHECK(validate(e).ok());
    e.name = "  ";
    e.weekly_hours = 0;
    e.id = "bad id!";
    auto v = validate(e);
    CHECK(v.has("name", "required"));
    CHECK(v.has("weekly_hours", "weekly_hours_range"));
    CHECK(v.has("id", "invalid_id"));
    ValidationResult errors;
    decode_employee(json{{"name", "A"}, {"department_id", "d"}, {"employment_start", "2020-01-01"},
                         {"weekly_hours", 37}, {"cpr", "320190-1234"}},
                    "e", errors);
    CHECK(errors.has("cpr", "invalid_cpr"));
}

TEST_CASE("validation: organisations need a valid CVR") {
    Organisation o{"org", "Nordlys ApS", "24256790", "Hjørring"};
    CHECK(validate(o).ok());
    o.cvr = "24256791";
    CHECK(validate(o).has("cvr", "invalid_cvr"));
}

TEST_CASE("validation: field errors serialize once per field with both languages") {
    ValidationResult v;
    v.add("first_day", "required");
    v.add("first_day", "invalid_date");
    const json j = v.to_json();
    CHECK(j.size() == 1);
    CHECK(j["first_day"]["code"] == "required");
    CHECK(j["first_day"]["message"] == "Skal udfyldes");
    CHECK(j["first_day"]["message_en"] == "Required");
}
