#pragma once
// Builders for referrals (record type "referral") as the employer's client sends them, with the
// shared functions and the templates the server embeds, and logins of the demo's consultants.
#include "conversation_helpers.hpp"
#include "naervaer/referral_record.hpp"

#include <string>

namespace naervaer::testing {

inline Session demo_consultant_hjoerring(const TestServer& server) {
    return login(server, demo::consultant_hjoerring_email, demo::consultant_password);
}
inline Session demo_consultant_herning(const TestServer& server) {
    return login(server, demo::consultant_herning_email, demo::consultant_password);
}

// Everything the fast-track form requires, and the three questions of bek. 1710/2024.
inline nlohmann::json fast_track_answers(const std::string& employee_name, const std::string& first_day,
                                         const std::string& informed_on) {
    return {{"employee_name", employee_name},
            {"contact_name", "Henriette Bach"},
            {"contact_phone", "98 12 34 56"},
            {"first_sick_day", first_day},
            {"expected_duration", "weeks_13_26"},
            {"tasks", nlohmann::json::array({{{"text", "Pakning"}, {"column", "with_adjustment"}}})},
            {"affected_since", "Siden første sygedag"},
            {"work_adapted", false},
            {"employee_informed_on", informed_on},
            {"employee_informed_how", "phone"}};
}

inline nlohmann::json contact_request_answers(const std::string& situation) {
    return {{"contact_name", "Henriette Bach"},
            {"contact_phone", "98 12 34 56"},
            {"subject", "at_risk"},
            {"situation", situation}};
}

// The data of a fast-track referral for `spell_id` of `employee_id` to `municipality_code`, sent
// when `status` is "sent" (requested in NemRefusion on `requested_on`).
inline nlohmann::json fast_track_data(const std::string& employee_id, const std::string& spell_id,
                                      const std::string& municipality_code, nlohmann::json answers,
                                      const std::string& status, const std::optional<std::string>& requested_on) {
    ReferralRecord referral = new_referral(shipped_template(fast_track_template_id), ReferralKind::fast_track,
                                           "unused", employee_id, spell_id, municipality_code);
    referral.answers = std::move(answers);
    referral.status = *referral_status_from_string(status);
    if (requested_on) referral.fast_track_requested_on = Date::parse_iso(*requested_on);
    return to_json(referral);
}

inline nlohmann::json contact_request_data(const std::string& employee_id, const std::string& municipality_code,
                                           const std::string& situation, const std::string& status) {
    ReferralRecord referral = new_referral(shipped_template(contact_request_template_id),
                                           ReferralKind::contact_request, "unused", employee_id, "",
                                           municipality_code);
    referral.answers = contact_request_answers(situation);
    referral.status = *referral_status_from_string(status);
    return to_json(referral);
}

inline nlohmann::json referral_change(const std::string& id, nlohmann::json data, long long base_rev = 0) {
    return {{"type", "referral"}, {"id", id}, {"base_rev", base_rev}, {"data", std::move(data)}};
}

inline nlohmann::json employee_change(const std::string& id, const std::string& name, const std::string& department,
                                      const std::string& home_municipality) {
    return {{"type", "employee"},
            {"id", id},
            {"base_rev", 0},
            {"data",
             {{"name", name},
              {"department_id", department},
              {"employment_start", "2019-03-01"},
              {"weekly_hours", 37.0},
              {"home_municipality", home_municipality}}}};
}

// A long case (not expected back within 8 weeks) whose first sick day is `first_day`.
inline nlohmann::json long_case_change(const std::string& id, const std::string& employee_id,
                                       const std::string& first_day) {
    nlohmann::json change = spell_change(id, employee_id, first_day, std::nullopt);
    change["data"]["not_expected_back_within_8_weeks"] = true;
    return change;
}

// The ids of an inbox answer's items.
inline std::set<std::string> inbox_ids(const Reply& inbox) {
    std::set<std::string> ids;
    if (!inbox.body.is_object() || !inbox.body.contains("items")) return ids;
    for (const auto& item : inbox.body["items"]) ids.insert(item["id"].get<std::string>());
    return ids;
}

inline std::string action_path(const std::string& id) { return "/api/v1/jobcenter/referrals/" + id + "/actions"; }

// The code of a field error in a jobcentre action's answer ({"error": {"fields": {...}}}), or "".
inline std::string action_field_code(const Reply& r, const std::string& field) {
    if (!r.body.is_object() || !r.body["error"].contains("fields") || !r.body["error"]["fields"].contains(field))
        return "";
    return r.body["error"]["fields"][field]["code"];
}

} // namespace naervaer::testing
