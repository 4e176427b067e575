#pragma once
// Builders for conversation records (record type "conversation_record") as a client sends them,
// from the templates the server embeds (the same files the client ships).
#include "helpers.hpp"
#include "naervaer/conversation_record.hpp"
#include "services/shipped_templates.hpp"

#include <string>
#include <string_view>

namespace naervaer::testing {

inline const FormTemplate& shipped_template(std::string_view id) {
    static const server::ShippedTemplates templates = server::embedded_templates();
    const FormTemplate* form = templates.find(id, 1);
    REQUIRE_MESSAGE(form != nullptr, std::string(id));
    return *form;
}

// A contact note's answers: everything its template requires (contact date and form, status, next
// contact), the status being `status_text`.
inline nlohmann::json contact_note_answers(const std::string& on, const std::string& status_text) {
    return {{"contact_date", on}, {"contact_form", "phone"}, {"status", status_text}, {"next_contact", on}};
}

// The data of a draft of `template_id` for the case `spell_id` of `employee_id`, held on `held_on`.
inline nlohmann::json conversation_data(std::string_view template_id, const std::string& employee_id,
                                        const std::string& spell_id, const std::string& held_on,
                                        nlohmann::json answers) {
    ConversationRecord record = new_conversation_record(shipped_template(template_id), "unused", employee_id,
                                                        spell_id, *Date::parse_iso(held_on));
    record.answers = std::move(answers);
    return to_json(record);
}

// `data` signed by the employee on `date`. Who recorded it is someone the server must overwrite.
inline nlohmann::json signed_data(nlohmann::json data, const std::string& employee_name, const std::string& date) {
    data["status"] = "signed";
    data["sign_off"] = {{"employee_name", employee_name}, {"date", date},
                        {"agreed", true},                 {"comment", ""},
                        {"recorded_by", "u_demo_admin"},  {"recorded_by_name", "Annette Vestergaard"}};
    return data;
}

inline nlohmann::json conversation_change(const std::string& id, nlohmann::json data, long long base_rev = 0) {
    return {{"type", "conversation_record"}, {"id", id}, {"base_rev", base_rev}, {"data", std::move(data)}};
}

// The stored record decoded, as the client would hold it.
inline ConversationRecord decoded(const nlohmann::json& record) {
    ValidationResult errors;
    ConversationRecord r = decode_conversation_record(record["data"], record["id"].get<std::string>(), errors);
    REQUIRE_MESSAGE(errors.ok(), record.dump());
    return r;
}

// A new ongoing case (first day 10 days ago) written by `session`.
inline void record_case(const Session& session, const std::string& spell_id, const std::string& employee_id) {
    const Reply pushed = session.push(nlohmann::json::array({spell_change(spell_id, employee_id, day(-10), std::nullopt)}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
}

// The field error of the first refused change of a push.
inline nlohmann::json refused_field(const Reply& reply, const std::string& field) {
    if (!reply.body.is_object() || !reply.body.contains("error") || !reply.body["error"].contains("changes") ||
        reply.body["error"]["changes"].empty())
        return nullptr;
    const nlohmann::json& fields = reply.body["error"]["changes"][0]["fields"];
    return fields.contains(field) ? fields[field] : nlohmann::json(nullptr);
}

} // namespace naervaer::testing
