#pragma once
// The shipped policy questionnaire, clause library and alert defaults, and two organisations'
// answers worked through by hand in the policy tests (docs/policy.md).
#include "naervaer/policy.hpp"

#include "assets_fixture.hpp"

#include <doctest/doctest.h>

namespace naervaer::test {

using nlohmann::json;

inline const Date policy_today = *Date::from_ymd(2026, 1, 5);

inline const FormTemplate& questionnaire() {
    static const FormTemplate t = load_template("policy_questionnaire.v1.json");
    return t;
}

inline const ClauseLibrary& library() {
    static const ClauseLibrary lib = [] {
        auto parsed = parse_clause_library(read_asset("policy/clauses.json"));
        for (const auto& e : parsed.errors)
            MESSAGE("clauses.json: " << e);
        REQUIRE(parsed.ok());
        return *parsed.library;
    }();
    return lib;
}

inline const AlertSettings& alert_defaults() {
    static const AlertSettings s = [] {
        auto parsed = parse_alert_settings(read_asset("rules/alerts-default.json"));
        REQUIRE(parsed.ok());
        return *parsed.settings;
    }();
    return s;
}

// A small private company without a collective agreement, asking for the least: no documentation,
// no care conversations, the law's 4-week conversation, no fast track, no child's sick day.
inline json small_company() {
    return {{"organisation_name", "Bageriet Ærø ApS"},
            {"company_size", "under_10"},
            {"sector", "private"},
            {"collective_agreement", false},
            {"union_rep", false},
            {"notify_whom", "leader"},
            {"notify_how", "phone"},
            {"notify_by", "by_0800"},
            {"report_fit", "day_before"},
            {"contact_after_days", "7"},
            {"contact_frequency", "weekly"},
            {"sworn_statement", false},
            {"doctor_certificate", false},
            {"duration_certificate", false},
            {"opportunity_statement", false},
            {"absence_conversation_weeks", "4"},
            {"frequent_absence_conversation", false},
            {"many_days_conversation", false},
            {"partial_return", false},
            {"retention_plan_offer", false},
            {"fast_track", false},
            {"section_56", false},
            {"round_table", false},
            {"child_first_sick_day", false},
            {"apv_absence", false},
            {"absence_statistics", false},
            {"retention_years", "5"},
            {"effective_date", "2026-02-01"},
            {"review", "yearly"}};
}

// A municipality-like large public employer that says yes to everything.
inline json large_public_employer() {
    return {{"organisation_name", "Nordby Kommune"},
            {"company_size", "250_plus"},
            {"sector", "public"},
            {"collective_agreement", true},
            {"collective_agreement_name", "Overenskomst for kontorpersonale"},
            {"union_rep", true},
            {"notify_whom", "leader_or_deputy"},
            {"notify_how", "phone_or_sms"},
            {"notify_by", "before_start"},
            {"report_fit", "on_return"},
            {"contact_after_days", "5"},
            {"contact_frequency", "every_14_days"},
            {"sworn_statement", true},
            {"sworn_statement_from_day", "2"},
            {"doctor_certificate", true},
            {"duration_certificate", true},
            {"opportunity_statement", true},
            {"absence_conversation_weeks", "2"},
            {"frequent_absence_conversation", true},
            {"frequent_spells", 3},
            {"frequent_months", "6"},
            {"many_days_conversation", true},
            {"many_days", "15"},
            {"partial_return", true},
            {"retention_plan_offer", true},
            {"jobcenter_name", "Jobcenter Nordby"},
            {"fast_track", true},
            {"section_56", true},
            {"round_table", true},
            {"child_first_sick_day", true},
            {"child_sick_days", "first"},
            {"apv_absence", true},
            {"absence_statistics", true},
            {"prevention_measures", "Trivselsmåling hvert andet år."},
            {"retention_years", "3"},
            {"effective_date", "2026-03-01"},
            {"review", "every_2_years"},
            {"discussed_with", "MED-udvalget"}};
}

} // namespace naervaer::test
