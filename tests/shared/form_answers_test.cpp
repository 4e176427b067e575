// Answers to forms: each field type's valid values and each of its errors with a field path and
// messages in both languages, conditions, date defaults, "enter once" prefill across templates of
// a case, agreements that become to-dos and the round table's staircase comparison.
#include "naervaer/form_template.hpp"

#include "assets_fixture.hpp"

#include <doctest/doctest.h>

using namespace naervaer;
using naervaer::test::load_template;
using nlohmann::json;

namespace {

Date d(int y, int m, int day) {
    return *Date::from_ymd(y, m, day);
}

const Date today = d(2025, 3, 10);

// One template holding a field of every type; answers are checked one field at a time.
const FormTemplate& all_types() {
    static const FormTemplate t = [] {
        auto p = parse_form_template(R"({"schema":1,"id":"all","version":1,"title_da":"A","title_en":"A","purpose_da":"P","purpose_en":"P",
          "staircase":[{"id":"s1","label_da":"1","label_en":"1","description_da":"x","description_en":"x"},
                       {"id":"s2","label_da":"2","label_en":"2","description_da":"x","description_en":"x"},
                       {"id":"s3","label_da":"3","label_en":"3","description_da":"x","description_en":"x"}],
          "sections":[{"id":"s","title_da":"S","title_en":"S","fields":[
            {"id":"intro","type":"info","label_da":"I","label_en":"I"},
            {"id":"name","type":"text","label_da":"N","label_en":"N","required":true,"max_length":10},
            {"id":"note","type":"long_text","label_da":"N","label_en":"N"},
            {"id":"day","type":"date","label_da":"D","label_en":"D"},
            {"id":"form","type":"choice","label_da":"F","label_en":"F","options":[{"id":"phone","label_da":"T","label_en":"P"}]},
            {"id":"many","type":"multi_choice","label_da":"M","label_en":"M","options":[{"id":"a","label_da":"A","label_en":"A"},{"id":"b","label_da":"B","label_en":"B"}]},
            {"id":"ok","type":"yes_no","label_da":"O","label_en":"O"},
            {"id":"why","type":"text","label_da":"W","label_en":"W","required":true,"show_if":{"field":"ok","equals":false}},
            {"id":"mood","type":"scale","label_da":"M","label_en":"M","scale":{"min":1,"max":5}},
            {"id":"tasks","type":"task_list","label_da":"T","label_en":"T","max_rows":2,"columns":[{"id":"can","label_da":"K","label_en":"C"},{"id":"cannot","label_da":"I","label_en":"N"}]},
            {"id":"deals","type":"task_list","label_da":"A","label_en":"A","agreement":true},
            {"id":"hours","type":"hours_schedule","label_da":"H","label_en":"H","max_weeks":10,"max_hours":40,"non_decreasing":true},
            {"id":"me","type":"staircase","label_da":"M","label_en":"M","compare_with":"boss"},
            {"id":"boss","type":"staircase","label_da":"B","label_en":"B"},
            {"id":"sign","type":"signature","label_da":"S","label_en":"S"}]}]})");
        for (const auto& e : p.errors) MESSAGE(e);
        REQUIRE(p.ok());
        return *p.form;
    }();
    return t;
}

// Valid answers; each test changes one field.
json valid() {
    return {{"name", "Mette"},
            {"note", "Linje 1\nLinje 2"},
            {"day", "2025-03-03"},
            {"form", "phone"},
            {"many", {"a", "b"}},
            {"ok", true},
            {"mood", 4},
            {"tasks", {{{"text", "Kasse"}, {"column", "can"}}, {{"text", "Lager"}, {"column", "cannot"}}}},
            {"deals", {{{"text", "Ring til jobcentret"}, {"owner", "Leder"}, {"due", "2025-03-14"}}}},
            {"hours", {{"normal_hours", 37}, {"weeks", {{{"week", 1}, {"hours", 10}}, {{"week", 3}, {"hours", 20.5}}}}}},
            {"me", "s1"},
            {"boss", "s3"},
            {"sign", {{"name", "Mette Hansen"}, {"date", "2025-03-10"}, {"agreed", true}}}};
}

ValidationResult check_with(const char* field, json value) {
    json a = valid();
    a[field] = std::move(value);
    return validate_answers(all_types(), a, today);
}

} // namespace

TEST_CASE("form answers: valid answers of every type pass") {
    const auto r = validate_answers(all_types(), valid(), today);
    for (const auto& e : r.errors()) MESSAGE(e.field << ": " << e.code);
    CHECK(r.ok());
    CHECK(validate_answers(all_types(), {{"name", "x"}, {"ok", true}}, today).ok()); // optional fields may be missing
}

TEST_CASE("form answers: required, unknown fields and non-object answers") {
    json a = valid();
    a.erase("name");
    CHECK(validate_answers(all_types(), a, today).has("name", "required"));
    CHECK(check_with("name", "   ").has("name", "required"));
    CHECK(check_with("name", nullptr).has("name", "required"));
    CHECK(check_with("colour", "red").has("colour", "unknown_field"));
    CHECK(check_with("intro", "text").has("intro", "unknown_field"));
    CHECK(validate_answers(all_types(), json::array(), today).has("answers", "type"));
    const ValidationResult missing = validate_answers(all_types(), {{"ok", true}}, today);
    const FieldError* e = missing.find("name");
    REQUIRE(e);
    CHECK(e->message_da == "Skal udfyldes");
    CHECK(e->message_en == "Required");
}

TEST_CASE("form answers: text and long text") {
    CHECK(check_with("name", 5).has("name", "type"));
    CHECK(check_with("name", "abcdefghijk").has("name", "too_long"));
    CHECK(check_with("name", "a\nb").has("name", "invalid_text"));
    CHECK(check_with("note", "a\nb").ok());
    CHECK(check_with("note", std::string(10001, 'x')).has("note", "too_long"));
    CHECK(check_with("note", "bad \x01").has("note", "invalid_text"));
}

TEST_CASE("form answers: date, choice, multi-choice, yes/no, scale, staircase") {
    CHECK(check_with("day", "2025-02-30").has("day", "invalid_date"));
    CHECK(check_with("day", 20250303).has("day", "type"));
    CHECK(check_with("form", "fax").has("form", "unknown_value"));
    CHECK(check_with("form", json::array({"phone"})).has("form", "type"));
    CHECK(check_with("many", json::array({"a", "c"})).has("many[1]", "unknown_value"));
    CHECK(check_with("many", json::array({"a", "a"})).has("many[1]", "duplicate_value"));
    CHECK(check_with("many", "a").has("many", "type"));
    CHECK(check_with("ok", "yes").has("ok", "type"));
    CHECK(check_with("mood", 6).has("mood", "range"));
    const ValidationResult low = check_with("mood", 0);
    REQUIRE(low.find("mood"));
    CHECK(low.find("mood")->message_en == "Outside the allowed range (1-5)");
    CHECK(check_with("mood", 2.5).has("mood", "type"));
    CHECK(check_with("mood", 1).ok());
    CHECK(check_with("me", "s9").has("me", "unknown_value"));
    CHECK(check_with("me", 1).has("me", "type"));
}

TEST_CASE("form answers: task lists with columns and agreements") {
    CHECK(check_with("tasks", json::array({{{"text", "Kasse"}}})).has("tasks[0].column", "required"));
    CHECK(check_with("tasks", json::array({{{"text", "Kasse"}, {"column", "maybe"}}})).has("tasks[0].column", "unknown_value"));
    CHECK(check_with("tasks", json::array({{{"text", ""}, {"column", "can"}}})).has("tasks[0].text", "required"));
    CHECK(check_with("tasks", json::array({{{"text", "a"}, {"column", "can"}, {"owner", "x"}}})).has("tasks[0].owner", "unknown_field"));
    CHECK(check_with("tasks", json::array({{{"text", "a"}, {"column", "can"}}, {{"text", "b"}, {"column", "can"}}, {{"text", "c"}, {"column", "can"}}}))
              .has("tasks", "too_many"));
    CHECK(check_with("tasks", json::array({"Kasse"})).has("tasks[0]", "type"));
    CHECK(check_with("tasks", "Kasse").has("tasks", "type"));
    CHECK(check_with("deals", json::array({{{"text", "Ring"}}})).has("deals[0].owner", "required"));
    CHECK(check_with("deals", json::array({{{"text", "Ring"}}})).has("deals[0].due", "required"));
    CHECK(check_with("deals", json::array({{{"text", "Ring"}, {"owner", "Leder"}, {"due", "14-03-2025"}}})).has("deals[0].due", "invalid_date"));
}

TEST_CASE("form answers: hours schedule sanity") {
    auto hours = [](json normal, json weeks) { return json{{"normal_hours", normal}, {"weeks", weeks}}; };
    auto w = [](json week, json h) { return json{{"week", week}, {"hours", h}}; };
    CHECK(check_with("hours", hours(37, {w(1, 10), w(2, 37)})).ok());
    CHECK(check_with("hours", hours(37, json::array())).has("hours.weeks", "required"));
    CHECK(check_with("hours", hours(0, {w(1, 0)})).has("hours.normal_hours", "weekly_hours_range"));
    CHECK(check_with("hours", hours(45, {w(1, 10)})).has("hours.normal_hours", "weekly_hours_range"));
    CHECK(check_with("hours", hours(37, {w(1, -1)})).has("hours.weeks[0].hours", "hours_range"));
    CHECK(check_with("hours", hours(20, {w(1, 25)})).has("hours.weeks[0].hours", "hours_above_normal"));
    const ValidationResult above = check_with("hours", hours(20, {w(1, 25)}));
    REQUIRE(above.find("hours.weeks[0].hours"));
    CHECK(above.find("hours.weeks[0].hours")->message_da == "Højst den normale ugentlige arbejdstid (20 timer)");
    CHECK(check_with("hours", hours(37, {w(2, 10), w(2, 12)})).has("hours.weeks[1].week", "week_order"));
    CHECK(check_with("hours", hours(37, {w(11, 10)})).has("hours.weeks[0].week", "range"));
    CHECK(check_with("hours", hours(37, {w(1, 20), w(2, 15)})).has("hours.weeks[1].hours", "hours_decrease"));
    CHECK(check_with("hours", hours(37, {w("1", 20)})).has("hours.weeks[0].week", "type"));
    CHECK(check_with("hours", json{{"weeks", {w(1, 1)}}}).has("hours.normal_hours", "required"));
}

TEST_CASE("form answers: signature") {
    CHECK(check_with("sign", {{"name", "M"}, {"date", "2025-03-10"}, {"agreed", false}, {"comment", "Uenig i punkt 2"}}).ok());
    CHECK(check_with("sign", {{"date", "2025-03-10"}, {"agreed", true}}).has("sign.name", "required"));
    CHECK(check_with("sign", {{"name", "M"}, {"agreed", true}}).has("sign.date", "required"));
    CHECK(check_with("sign", {{"name", "M"}, {"date", "2025-03-11"}, {"agreed", true}}).has("sign.date", "future_date"));
    CHECK(check_with("sign", {{"name", "M"}, {"date", "2025-03-10"}}).has("sign.agreed", "required"));
    CHECK(check_with("sign", {{"name", "M"}, {"date", "2025-03-10"}, {"agreed", "ja"}}).has("sign.agreed", "type"));
    CHECK(check_with("sign", {{"name", "M"}, {"date", "2025-03-10"}, {"agreed", true}, {"stamp", 1}}).has("sign.stamp", "unknown_field"));
    CHECK(check_with("sign", "Mette").has("sign", "type"));
}

TEST_CASE("form answers: a hidden field is not required, the retention plan's refusal branch") {
    // "why" is required only when "ok" is no.
    CHECK(validate_answers(all_types(), {{"name", "x"}, {"ok", false}}, today).has("why", "required"));
    CHECK(validate_answers(all_types(), {{"name", "x"}, {"ok", true}}, today).ok());

    const FormTemplate plan = load_template("retention_plan.v1.json");
    const json refused = {{"plan_date", "2025-03-03"}, {"employer_refuses", true}, {"refusal_reason", "Ingen andre opgaver"}};
    CHECK(validate_answers(plan, refused, today).ok());
    json no_reason = refused;
    no_reason.erase("refusal_reason");
    CHECK(validate_answers(plan, no_reason, today).has("refusal_reason", "required"));
    const json made = {{"plan_date", "2025-03-03"}, {"employer_refuses", false}};
    const auto r = validate_answers(plan, made, today);
    CHECK(r.has("tasks", "required"));
    CHECK(r.has("review_date", "required"));
    CHECK_FALSE(r.has("refusal_reason", "required"));
    CHECK_FALSE(is_visible(*plan.find("refusal_reason"), made));
    CHECK(is_visible(*plan.find("tasks"), made));
}

TEST_CASE("form answers: the round table's follow-up defaults to 28 days after the meeting") {
    const FormTemplate t = load_template("round_table.v1.json");
    CHECK(apply_defaults(t, {{"meeting_date", "2025-03-05"}}, today)["follow_up_date"] == "2025-04-02");
    CHECK(apply_defaults(t, json::object(), today)["follow_up_date"] == "2025-04-07"); // no meeting date yet: today
    CHECK(apply_defaults(t, {{"meeting_date", "2025-03-05"}, {"follow_up_date", "2025-03-20"}}, today)["follow_up_date"] == "2025-03-20");
}

TEST_CASE("form answers: enter once - the absence conversation prefills the retention plan") {
    const FormTemplate conversation = load_template("absence_conversation.v1.json");
    const FormTemplate round_table = load_template("round_table.v1.json");
    const FormTemplate plan = load_template("retention_plan.v1.json");
    const json first = {{"meeting_date", "2025-02-03"},
                        {"limitations", "Kan ikke løfte over 10 kg"},
                        {"adjustments", {{{"text", "Hæve-sænkebord"}}}},
                        {"tasks", {{{"text", "Kasse"}, {"column", "can"}}, {{"text", "Lager"}, {"column", "cannot"}}}}};
    const json second = {{"meeting_date", "2025-02-20"},
                         {"adjustments", {{{"text", "Kortere vagter"}}, {{"text", "Hæve-sænkebord"}}}},
                         {"tasks", {{{"text", "Kasse"}, {"column", "with_adjustment"}}}}};
    const std::vector<FilledForm> earlier = {{template_snapshot(round_table), second},  // newest first
                                             {template_snapshot(conversation), first}};
    const json prefilled = prefill_answers(plan, earlier, {{"plan_date", "2025-03-03"}});
    CHECK(prefilled["plan_date"] == "2025-03-03");
    CHECK(prefilled["adjustments"] == json::array({{{"text", "Kortere vagter"}}, {{"text", "Hæve-sænkebord"}}}));
    CHECK(prefilled["tasks"] == json::array({{{"text", "Kasse"}, {"column", "with_adjustment"}}}));
    CHECK_FALSE(prefilled.contains("limitations")); // the plan has no limitations field
    CHECK_FALSE(prefilled.contains("agreements"));  // agreements are not carried over

    // The opportunity statement takes the limitations from the older conversation.
    const FormTemplate statement = load_template("opportunity_statement_part1.v1.json");
    const json s = prefill_answers(statement, earlier);
    CHECK(s["limitations"] == "Kan ikke løfte over 10 kg");
    CHECK(s["adjustments"] == json::array({{{"text", "Kortere vagter"}}, {{"text", "Hæve-sænkebord"}}}));
    // What the user already wrote is kept; a broken snapshot is skipped.
    CHECK(prefill_answers(statement, earlier, {{"limitations", "Egen tekst"}})["limitations"] == "Egen tekst");
    const std::vector<FilledForm> broken = {{json{{"id", "x"}}, first}, {template_snapshot(conversation), first}};
    CHECK(prefill_answers(statement, broken)["limitations"] == "Kan ikke løfte over 10 kg");
}

TEST_CASE("form answers: agreements become to-dos with owner and due date") {
    const FormTemplate t = load_template("round_table.v1.json");
    const json answers = {{"agreements",
                           {{{"text", "Book møde med ergoterapeut"}, {"owner", "Fastholdelseskonsulent"}, {"due", "2025-03-14"}},
                            {{"text", "Uden frist"}, {"owner", "Leder"}},
                            {{"text", "Tilpas skema"}, {"owner", "Leder"}, {"due", "2025-03-17"}}}}};
    const auto agreements = extract_agreements(t, answers);
    REQUIRE(agreements.size() == 2);
    CHECK(agreements[0].field_id == "agreements");
    CHECK(agreements[0].text == "Book møde med ergoterapeut");
    CHECK(agreements[0].owner == "Fastholdelseskonsulent");
    CHECK(agreements[0].due == d(2025, 3, 14));
    CHECK(agreements[1].text == "Tilpas skema");
    CHECK(agreements[1].due == d(2025, 3, 17));
    // A refused retention plan has no agreements even if old rows linger.
    const FormTemplate plan = load_template("retention_plan.v1.json");
    json refused = {{"employer_refuses", true}, {"agreements", answers["agreements"]}};
    CHECK(extract_agreements(plan, refused).empty());
    refused["employer_refuses"] = false;
    CHECK(extract_agreements(plan, refused).size() == 2);
}

TEST_CASE("form answers: staircase placements are compared and a mismatch is measured in steps") {
    const FormTemplate t = load_template("round_table.v1.json");
    auto cmp = compare_staircases(t, {{"placement_employee", "partly_fit"}, {"placement_employer", "temporarily_unable"}});
    REQUIRE(cmp.size() == 1);
    CHECK(cmp[0].field_a == "placement_employee");
    CHECK(cmp[0].field_b == "placement_employer");
    CHECK(cmp[0].step_a == "partly_fit");
    CHECK(cmp[0].step_b == "temporarily_unable");
    CHECK(cmp[0].steps_apart == 2);
    CHECK(cmp[0].mismatch());
    auto same = compare_staircases(t, {{"placement_employee", "other_tasks"}, {"placement_employer", "other_tasks"}});
    REQUIRE(same.size() == 1);
    CHECK_FALSE(same[0].mismatch());
    CHECK(compare_staircases(t, {{"placement_employee", "other_tasks"}}).empty());
    CHECK(compare_staircases(t, {{"placement_employee", "x"}, {"placement_employer", "other_tasks"}}).empty());
}

TEST_CASE("form answers: every form message code exists in Danish and English") {
    for (const char* code : {"unknown_field", "duplicate_value", "too_many", "week_order", "hours_decrease",
                             "hours_above_normal", "future_date"}) {
        INFO(code);
        ValidationResult r;
        r.add("f", code, "7");
        CHECK(r.errors()[0].message_da != "Ugyldig værdi");
        CHECK(r.errors()[0].message_en != "Invalid value");
        CHECK(r.errors()[0].message_en != r.errors()[0].message_da);
    }
}
