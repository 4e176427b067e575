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

TEST_CASE("validation: an organisation keeps conversation records 5 years by default, 1 to 20 allowed") {
    Organisation o{"org", "Nordlys ApS", "24256790", "Hjørring"};
    CHECK(o.record_retention_years == 5);
    CHECK(to_json(o)["record_retention_years"] == 5);
    for (int years : {1, 3, 20}) {
        o.record_retention_years = years;
        CHECK(validate(o).ok());
        CHECK(to_json(o)["record_retention_years"] == years);
    }
    for (int years : {0, 21, -5}) {
        o.record_retention_years = years;
        const ValidationResult v = validate(o);
        REQUIRE(v.has("record_retention_years", "range"));
        CHECK(v.find("record_retention_years")->message_da == "Uden for det tilladte interval (1-20)");
        CHECK(v.find("record_retention_years")->message_en == "Outside the allowed range (1-20)");
    }
}

TEST_CASE("messages: the server's codes for conversation records have Danish and English texts") {
    ValidationResult v;
    v.add("id", "has_conversation_records", "2");
    v.add("status", "signed_locked");
    v.add("template_snapshot", "mismatch", "round_table v1");
    const json j = v.to_json();
    CHECK(j["id"]["message"].get<std::string>().find("samtalereferater (2)") != std::string::npos);
    CHECK(j["id"]["message_en"].get<std::string>().find("conversation records (2)") != std::string::npos);
    CHECK(j["status"]["message"] == "Et underskrevet referat kan ikke slettes");
    CHECK(j["status"]["message_en"] == "A signed record cannot be deleted");
    CHECK(j["template_snapshot"]["message"] == "Spørgsmålene passer ikke med den udgivne skabelon (round_table v1)");
    CHECK(j["template_snapshot"]["message_en"] == "The questions do not match the published template (round_table v1)");
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

// ---- the NemRefusion payer on the employee -------------------------------------------------

TEST_CASE("records: the employee's NemRefusion payer round-trips and is always written") {
    Employee e = employee();
    CHECK(to_json(e)["nemrefusion_payer"] == "wages"); // the default is written too
    for (const auto payer : {NemRefusionPayer::wages, NemRefusionPayer::benefit, NemRefusionPayer::none}) {
        e.nemrefusion_payer = payer;
        ValidationResult errors;
        const Employee back = decode_employee(to_json(e), e.id, errors);
        CHECK(errors.ok());
        CHECK(back.nemrefusion_payer == payer);
    }
    e.nemrefusion_payer = NemRefusionPayer::benefit;
    CHECK(to_json(e)["nemrefusion_payer"] == "benefit");
    e.nemrefusion_payer = NemRefusionPayer::none;
    CHECK(to_json(e)["nemrefusion_payer"] == "none");
}

TEST_CASE("records: an employee without a payer (written before the field) decodes as wages") {
    json data = to_json(employee());
    data.erase("nemrefusion_payer");
    ValidationResult errors;
    const Employee back = decode_employee(data, "emp-1", errors);
    CHECK(errors.ok());
    CHECK(back.nemrefusion_payer == NemRefusionPayer::wages);

    data["nemrefusion_payer"] = nullptr; // null reads as absent, like every optional field
    ValidationResult null_errors;
    CHECK(decode_employee(data, "emp-1", null_errors).nemrefusion_payer == NemRefusionPayer::wages);
    CHECK(null_errors.ok());
}

TEST_CASE("records: a payer of the wrong type is a type error, an unknown one a field error") {
    json data = to_json(employee());
    data["nemrefusion_payer"] = 1;
    ValidationResult typed;
    decode_employee(data, "emp-1", typed);
    CHECK(typed.has("nemrefusion_payer", "type"));
    CHECK(typed.errors().size() == 1);

    data["nemrefusion_payer"] = "employer";
    ValidationResult unknown;
    decode_employee(data, "emp-1", unknown);
    REQUIRE(unknown.has("nemrefusion_payer", "unknown_value"));
    CHECK(unknown.find("nemrefusion_payer")->message_da == "Ukendt værdi: employer");
    CHECK(unknown.find("nemrefusion_payer")->message_en == "Unknown value: employer");
    CHECK(unknown.errors().size() == 1);

    CHECK(nemrefusion_payer_from_string("benefit") == NemRefusionPayer::benefit);
    CHECK_FALSE(nemrefusion_payer_from_string("Wages").has_value());
}

// ---- to-do marks -----------------------------------------------------------------------------

namespace {
// Hand-checked against FNV-1a 128 computed with Python's big integers: for b in key: h ^= b;
// h = h * (2**88 + 0x13b) % 2**128, starting from 0x6c62272e07bb014262b821756295c58d.
constexpr const char* key_conversation = "spell-1/absence_conversation";
constexpr const char* id_conversation = "d-b8b8454257a1586cd61cbb86beca3c67";

TodoDone mark() {
    TodoDone t;
    t.id = id_conversation;
    t.employee_id = "emp-1";
    t.todo_key = key_conversation;
    t.done_on = d(2025, 3, 10);
    t.note = "Samtalen holdt telefonisk.\nAftalt opfølgning om 14 dage.";
    t.done_by = "u_hr";
    t.done_by_name = "Henriette Bach";
    return t;
}
} // namespace

TEST_CASE("records: the to-do mark id is FNV-1a 128 of the key as 32 lowercase hex digits") {
    // The published FNV-1a 128 test vectors for "" and "a".
    CHECK(todo_done_record_id("") == "d-6c62272e07bb014262b821756295c58d");
    CHECK(todo_done_record_id("a") == "d-d228cb696f1a8caf78912b704e4a8964");
    CHECK(todo_done_record_id(key_conversation) == id_conversation);
    CHECK(todo_done_record_id("spell-1/fast_track_window") == "d-cfedf9141419b49ef1bdef8577e9ac17");
    CHECK(todo_done_record_id("spell-2/absence_conversation") == "d-b4e1d4c907b3024d7560ee047a173464");
    CHECK(todo_done_record_id("spell-1/alert/continuous_week") == "d-029ba70fd8b124be4cf111d1640ff065");
    // Bytes above 0x7f are hashed as unsigned (UTF-8 of "æøå").
    CHECK(todo_done_record_id("æøå") == "d-c60cd78f793c64bf6cea3f08e48ac763");
    // A valid record id, and 34 characters whatever the key's length.
    const std::string long_key(160, 'k');
    CHECK(todo_done_record_id(long_key).size() == 34);
    CHECK(is_valid_id(todo_done_record_id(long_key)));
}

TEST_CASE("records: the alert settings id is the organisation's id with a prefix") {
    CHECK(alert_settings_record_id("org_demo") == "alerts-org_demo");
    // A provisioned organisation: "org_" + 22 URL-safe base64 characters.
    const std::string provisioned = alert_settings_record_id("org_AbCdEfGhIjKlMnOpQrSt-_");
    CHECK(provisioned == "alerts-org_AbCdEfGhIjKlMnOpQrSt-_");
    CHECK(is_valid_id(provisioned));
}

TEST_CASE("records: the new record types travel through sync") {
    CHECK(is_sync_type("todo_done"));
    CHECK(is_sync_type("alert_settings"));
    CHECK(is_sync_type("absence_spell"));
    CHECK_FALSE(is_sync_type("todo"));
    CHECK_FALSE(is_sync_type("user"));
}

TEST_CASE("records: a to-do mark survives a JSON round trip with every field") {
    const TodoDone t = mark();
    const json j = to_json(t);
    CHECK(j == json{{"employee_id", "emp-1"},
                    {"todo_key", key_conversation},
                    {"done_on", "2025-03-10"},
                    {"note", "Samtalen holdt telefonisk.\nAftalt opfølgning om 14 dage."},
                    {"done_by", "u_hr"},
                    {"done_by_name", "Henriette Bach"}});
    ValidationResult errors;
    const TodoDone back = decode_todo_done(j, id_conversation, errors);
    CHECK(errors.ok());
    CHECK(back.id == id_conversation);
    CHECK(back.employee_id == "emp-1");
    CHECK(back.todo_key == key_conversation);
    CHECK(back.done_on == d(2025, 3, 10));
    CHECK(back.note == t.note);
    CHECK(back.done_by == "u_hr");
    CHECK(back.done_by_name == "Henriette Bach");
}

TEST_CASE("records: a to-do mark needs employee, key and day, note and who are optional") {
    ValidationResult minimal;
    const TodoDone t = decode_todo_done(
        json{{"employee_id", "emp-1"}, {"todo_key", key_conversation}, {"done_on", "2025-03-10"}}, id_conversation,
        minimal);
    CHECK(minimal.ok());
    CHECK(t.note.empty());
    CHECK(t.done_by.empty());
    CHECK(t.done_by_name.empty());

    ValidationResult missing;
    decode_todo_done(json::object(), "x", missing);
    CHECK(missing.has("employee_id", "required"));
    CHECK(missing.has("todo_key", "required"));
    CHECK(missing.has("done_on", "required"));
    CHECK(missing.errors().size() == 3);

    ValidationResult typed;
    decode_todo_done(json{{"employee_id", "emp-1"}, {"todo_key", 5}, {"done_on", "10-03-2025"}, {"note", false}},
                     "x", typed);
    CHECK(typed.has("todo_key", "type"));
    CHECK(typed.has("done_on", "invalid_date"));
    CHECK(typed.has("note", "type"));

    ValidationResult not_object;
    decode_todo_done(json::array(), "x", not_object);
    CHECK(not_object.has("data", "type"));
}

TEST_CASE("validation: a to-do mark with its own id, a clean key and a past day is valid") {
    const Date today = d(2025, 3, 12);
    CHECK(validate(mark(), today).ok());
    TodoDone same_day = mark();
    same_day.done_on = today;
    CHECK(validate(same_day, today).ok());
}

TEST_CASE("validation: a to-do is marked once done, so a day after today is refused") {
    TodoDone t = mark();
    t.done_on = d(2025, 3, 13);
    const ValidationResult v = validate(t, d(2025, 3, 12));
    REQUIRE(v.has("done_on", "done_in_future"));
    CHECK(v.errors().size() == 1);
    CHECK(v.find("done_on")->message_da ==
          "Et trin markeres som udført, når det er gjort: datoen må ikke ligge efter i dag (12-03-2025)");
    CHECK(v.find("done_on")->message_en ==
          "A step is marked done once it was done: the date must not be after today (12-03-2025)");
}

TEST_CASE("validation: a to-do mark's id must be the one its key gives") {
    TodoDone t = mark();
    t.id = todo_done_record_id("spell-1/fast_track_window");
    const ValidationResult v = validate(t, d(2025, 3, 12));
    REQUIRE(v.has("id", "id_mismatch"));
    CHECK(v.errors().size() == 1);
    CHECK(v.find("id")->message_en == std::string("Wrong id (expected ") + id_conversation + ")");
}

TEST_CASE("validation: a to-do key is 1-160 characters of clean text, a note at most 1000") {
    const Date today = d(2025, 3, 12);
    const auto with_key = [](std::string key) {
        TodoDone t = mark();
        t.todo_key = std::move(key);
        t.id = todo_done_record_id(t.todo_key);
        return t;
    };
    CHECK(validate(with_key(std::string(160, 'k')), today).ok());
    CHECK(validate(with_key(std::string(161, 'k')), today).has("todo_key", "too_long"));
    CHECK(validate(with_key(""), today).has("todo_key", "required"));
    CHECK(validate(with_key("spell-1/\nabsence"), today).has("todo_key", "invalid_text"));

    TodoDone t = mark();
    t.note = std::string(1000, 'n');
    CHECK(validate(t, today).ok());
    t.note = std::string(1001, 'n');
    const ValidationResult v = validate(t, today);
    REQUIRE(v.has("note", "too_long"));
    CHECK(v.find("note")->message_en == "At most 1000 characters");
    t.note = std::string("bad\x01");
    CHECK(validate(t, today).has("note", "invalid_text"));
    t = mark();
    t.employee_id = "";
    CHECK(validate(t, today).has("employee_id", "required"));

    // decode applies the same lengths to what comes off the wire.
    ValidationResult long_key;
    decode_todo_done(json{{"employee_id", "emp-1"}, {"todo_key", std::string(161, 'k')}, {"done_on", "2025-03-10"}},
                     "x", long_key);
    CHECK(long_key.has("todo_key", "too_long"));
}
