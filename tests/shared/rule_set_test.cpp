// Rule sets as data: the shipped files parse, selection by the first sick day, a future set needs
// no code, and broken files give clear errors instead of a crash.
#include "naervaer/rule_set.hpp"
#include "naervaer/timeline.hpp"

#include "rules_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace naervaer;
using naervaer::test::load_rule_set;
using naervaer::test::read_rules_file;
using naervaer::test::shipped_rule_sets;

namespace {
Date d(int y, int m, int day) {
    return *Date::from_ymd(y, m, day);
}

bool has_error(const RuleSetParse& p, std::string_view text) {
    return std::any_of(p.errors.begin(), p.errors.end(),
                       [&](const auto& e) { return e.find(text) != std::string::npos; });
}

// A minimal valid set; tests break one thing at a time.
std::string minimal(std::string_view rule_body) {
    return std::string(
               R"({"schema":1,"id":"t","effective_from":"2026-07-01","title_da":"T","title_en":"T","rules":[)") +
           std::string(rule_body) + "]}";
}
constexpr std::string_view texts =
    R"("title_da":"a","title_en":"a","explanation_da":"a","explanation_en":"a","source":"SDL")";
} // namespace

TEST_CASE("rule sets: both shipped sets parse and hold the issue's deadlines") {
    for (const char* name : {"dk-2023-01-01.json", "dk-2025-01-01.json"}) {
        INFO(name);
        const RuleSet set = load_rule_set(name);
        for (const char* id :
             {"employer_period_end", "absence_conversation", "fast_track_window", "nemrefusion_report_wages",
              "nemrefusion_report_benefit", "nemrefusion_report_none", "municipality_first_follow_up",
              "municipality_follow_up_after_fast_track", "retention_plan", "reassessment_warning"})
            CHECK_MESSAGE(set.find(id) != nullptr, id);
        // 4 weeks = 28 days, first 5 weeks end on day 35 = +34, end of week 8 = day 56 = +55.
        CHECK(set.find("absence_conversation")->offset_days == 28);
        CHECK(set.find("fast_track_window")->offset_days == 34);
        CHECK(set.find("municipality_first_follow_up")->offset_days == 55);
        CHECK(set.find("reassessment_warning")->limit_weeks == 22);
        CHECK(set.find("reassessment_warning")->period_months == 9);
        CHECK(set.find("reassessment_warning")->lead_weeks == 4);
        CHECK(set.employer_period_days == 30);
    }
}

TEST_CASE("rule sets: the set in force is the latest effective_from on or before the day") {
    const auto& sets = shipped_rule_sets();
    CHECK(rule_set_in_force(sets, d(2022, 12, 31)) == nullptr);
    CHECK(rule_set_in_force(sets, d(2023, 1, 1))->id == "dk-2023-01-01");
    CHECK(rule_set_in_force(sets, d(2024, 12, 31))->id == "dk-2023-01-01");
    CHECK(rule_set_in_force(sets, d(2025, 1, 1))->id == "dk-2025-01-01");
    CHECK(rule_set_in_force(sets, d(2030, 6, 1))->id == "dk-2025-01-01");
}

TEST_CASE("rule sets: a future law change is one more JSON file, applied only to cases from its date") {
    // A made-up change from 01-07-2026: the conversation within 3 weeks (21 days).
    std::string future = read_rules_file("dk-2025-01-01.json");
    const auto replace = [&](std::string_view from, std::string_view to) {
        const auto pos = future.find(from);
        REQUIRE(pos != std::string::npos);
        future.replace(pos, from.size(), to);
    };
    replace(R"("id": "dk-2025-01-01")", R"("id": "dk-2026-07-01")");
    replace(R"("effective_from": "2025-01-01")", R"("effective_from": "2026-07-01")");
    replace(R"("weeks": 4)", R"("weeks": 3)");
    auto parsed = parse_rule_set(future);
    REQUIRE(parsed.ok());
    std::vector<RuleSet> sets = shipped_rule_sets();
    sets.push_back(*parsed.rule_set);

    CaseInput before;
    before.spell.id = "a";
    before.spell.first_day = d(2026, 6, 30); // Tue: old rules, 30-06 + 28 = Tue 28-07-2026
    before.today = d(2026, 7, 1);
    CaseInput after = before;
    after.spell.first_day = d(2026, 7, 1); // Wed: new rules, 01-07 + 21 = Wed 22-07-2026
    const auto t_before = compute_case_timeline(sets, before);
    const auto t_after = compute_case_timeline(sets, after);
    REQUIRE(t_before);
    REQUIRE(t_after);
    CHECK(t_before->rule_set_id == "dk-2025-01-01");
    CHECK(t_before->find("absence_conversation")->due == d(2026, 7, 28));
    CHECK(t_after->rule_set_id == "dk-2026-07-01");
    CHECK(t_after->find("absence_conversation")->due == d(2026, 7, 22));
}

TEST_CASE("rule sets: malformed JSON gives a clear error and no rule set") {
    const auto p = parse_rule_set(R"({"id": "x", "rules": [ )");
    CHECK_FALSE(p.ok());
    CHECK(has_error(p, "not valid JSON"));
    CHECK_FALSE(parse_rule_set("").ok());
    CHECK(has_error(parse_rule_set("[1,2,3]"), "(root): expected an object"));
}

TEST_CASE("rule sets: wrong types, unknown names and missing fields are reported with their path") {
    // offset as a string instead of an object
    auto p = parse_rule_set(
        minimal(std::string(R"({"id":"c","kind":"deadline","anchor":"first_sick_day","offset":"4 weeks",)") +
                std::string(texts) + "}"));
    CHECK(has_error(p, "rules[0].offset: expected an object"));
    // weeks as a string
    p = parse_rule_set(minimal(
        std::string(R"({"id":"c","kind":"deadline","anchor":"first_sick_day","offset":{"weeks":"4"},)") +
        std::string(texts) + "}"));
    CHECK(has_error(p, "rules[0].offset.weeks: expected an integer"));
    // a misspelt condition must not silently widen the rule
    p = parse_rule_set(minimal(
        std::string(
            R"({"id":"c","kind":"deadline","anchor":"first_sick_day","offset":{"weeks":4},"conditions":{"not_expected_back_within_8_week":true},)") +
        std::string(texts) + "}"));
    CHECK(has_error(p, "rules[0].conditions.not_expected_back_within_8_week: unknown field"));
    // unknown kind, unknown anchor, unknown payer
    p = parse_rule_set(minimal(
        std::string(R"({"id":"c","kind":"reminder","anchor":"first_sick_day","offset":{"weeks":4},)") +
        std::string(texts) + "}"));
    CHECK(has_error(p, "unknown kind \"reminder\""));
    p = parse_rule_set(
        minimal(std::string(R"({"id":"c","kind":"deadline","anchor":"last_sick_day","offset":{"weeks":4},)") +
                std::string(texts) + "}"));
    CHECK(has_error(p, "unknown anchor \"last_sick_day\""));
    p = parse_rule_set(minimal(
        std::string(
            R"({"id":"c","kind":"deadline","anchor":"first_sick_day","offset":{"weeks":4},"conditions":{"payer":["salary"]},)") +
        std::string(texts) + "}"));
    CHECK(has_error(p, "rules[0].conditions.payer: unknown payer"));
    // missing source and a bad effective date
    p = parse_rule_set(
        R"({"schema":1,"id":"t","effective_from":"2026-02-30","title_da":"T","title_en":"T","rules":[{"id":"c","kind":"availability","title_da":"a","title_en":"a","explanation_da":"a","explanation_en":"a"}]})");
    CHECK(has_error(p, "effective_from: expected a date yyyy-mm-dd"));
    CHECK(has_error(p, "rules[0].source: is required"));
    CHECK_FALSE(p.ok());
    // the valid minimal set does parse (so the failures above are about the one broken thing)
    p = parse_rule_set(minimal(
        std::string(R"({"id":"c","kind":"deadline","anchor":"first_sick_day","offset":{"weeks":4},)") +
        std::string(texts) + "}"));
    for (const auto& e : p.errors)
        MESSAGE(e);
    CHECK(p.ok());
}
