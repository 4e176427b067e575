// Conversation records (record type "conversation_record") on the server: drafts, sign-off stamped
// with the session's user, amendments of signed records, the shipped templates, references, scoping,
// deletion (drafts only, with the deletion log), cases with records, audit and the demo's records.
#include "conversation_helpers.hpp"
#include "naervaer/diagnosis_guard.hpp"

#include <fstream>
#include <sstream>

using namespace naervaer::testing;
using nlohmann::json;
using naervaer::ConversationRecord;

namespace {

// Demo employees (helpers.hpp): 03 Jens Ærenlund in Produktion (the team leader's), 20 Maja Grønbæk
// in Kundeservice (not the team leader's), 02 Mette Bøgh Frederiksen in Produktion.
constexpr const char* produktion_name = "Jens Ærenlund";
// Demo employee 06, Birthe Lønborg, also in Produktion and without an ongoing case.
constexpr const char* other_in_produktion = "demo-emp-06";

// A case of demo-emp-03 and a draft contact note of it, written by `session`.
json draft_contact_note(const Session& session, const std::string& spell_id, const std::string& record_id,
                        const std::string& status_text, const std::string& employee_id = employee_in_produktion) {
    record_case(session, spell_id, employee_id);
    const json data = conversation_data("contact_note", employee_id, spell_id, danish_day(-1),
                                        contact_note_answers(danish_day(-1), status_text));
    const Reply pushed = session.push(json::array({conversation_change(record_id, data)}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
    return read_record(session, "conversation_record", record_id);
}

// As above, then signed by the employee today.
json signed_contact_note(const Session& session, const std::string& spell_id, const std::string& record_id,
                         const std::string& status_text, const std::string& employee_id = employee_in_produktion,
                         const std::string& employee_name = produktion_name) {
    const json draft = draft_contact_note(session, spell_id, record_id, status_text, employee_id);
    const Reply signed_reply = session.push(json::array(
        {conversation_change(record_id, signed_data(draft["data"], employee_name, danish_day(0)), draft["rev"])}));
    REQUIRE_MESSAGE(signed_reply.status == 200, signed_reply.raw);
    return read_record(session, "conversation_record", record_id);
}

long long cursor_of(const Session& session) { return session.get("/api/v1/sync?since=0").body["cursor"]; }

} // namespace

TEST_CASE("templates: the server embeds every shipped template, each under its file's id and version") {
    const naervaer::server::ShippedTemplates shipped = naervaer::server::embedded_templates();
    const auto files = naervaer::shipped_template_files();
    REQUIRE(shipped.forms.size() == files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        const naervaer::FormTemplate& form = shipped.forms[i];
        CHECK(std::string(files[i]) == "templates/" + form.id + ".v" + std::to_string(form.version) + ".json");
        CHECK(shipped.find(form.id, form.version) == &form);
    }
    CHECK(shipped.find("round_table", 2) == nullptr);
    CHECK(shipped.find("no_such_template", 1) == nullptr);
}

TEST_CASE("conversation records: a team leader writes a draft for a case in their department and updates it") {
    TestServer server;
    REQUIRE(server.started());
    Session leader = demo_leader(server);
    record_case(leader, "cr-case", employee_in_produktion);
    // A draft may be incomplete: the status and the next contact are not written yet.
    json data = conversation_data("contact_note", employee_in_produktion, "cr-case", danish_day(-1),
                                  {{"contact_date", danish_day(-1)}, {"contact_form", "phone"}});
    const Reply created = leader.push(json::array({conversation_change("cr-1", data)}));
    REQUIRE_MESSAGE(created.status == 200, created.raw);
    REQUIRE(created.body["accepted"].size() == 1);
    CHECK(created.body["accepted"][0]["type"] == "conversation_record");

    const json stored = read_record(leader, "conversation_record", "cr-1");
    CHECK(stored["updated_by"] == "u_demo_leder");
    CHECK(stored["data"]["status"] == "draft");
    CHECK(stored["data"]["sign_off"].is_null());
    CHECK(stored["data"]["held_on"] == danish_day(-1));
    CHECK(stored["data"]["answers"] == data["answers"]);
    CHECK(stored["data"]["template_snapshot"] == naervaer::template_snapshot(shipped_template("contact_note")));

    data["answers"]["status"] = "Taler om at starte på nedsat tid";
    const Reply updated = leader.push(json::array({conversation_change("cr-1", data, stored["rev"])}));
    REQUIRE_MESSAGE(updated.status == 200, updated.raw);
    const json after = read_record(leader, "conversation_record", "cr-1");
    CHECK(after["rev"].get<long long>() > stored["rev"].get<long long>());
    CHECK(after["data"]["answers"]["status"] == "Taler om at starte på nedsat tid");
    CHECK(after["data"]["status"] == "draft");
}

TEST_CASE("conversation records: signing demands a complete form and stamps who recorded it from the session") {
    TestServer server;
    REQUIRE(server.started());
    Session leader = demo_leader(server);
    record_case(leader, "cr-case", employee_in_produktion);
    const json incomplete = conversation_data("contact_note", employee_in_produktion, "cr-case", danish_day(-1),
                                              {{"contact_date", danish_day(-1)}, {"contact_form", "phone"}});
    REQUIRE(leader.push(json::array({conversation_change("cr-1", incomplete)})).status == 200);
    const json draft = read_record(leader, "conversation_record", "cr-1");

    // The template requires the status and the next contact once signed.
    const Reply refused = leader.push(json::array(
        {conversation_change("cr-1", signed_data(incomplete, produktion_name, danish_day(0)), draft["rev"])}));
    CHECK(refused.status == 422);
    CHECK(refused_field(refused, "status")["code"] == "required");
    CHECK(refused_field(refused, "next_contact")["code"] == "required");
    CHECK(read_record(leader, "conversation_record", "cr-1")["data"]["status"] == "draft");

    json complete = incomplete;
    complete["answers"] = contact_note_answers(danish_day(-1), "Går fremad");
    const Reply signed_reply = leader.push(json::array(
        {conversation_change("cr-1", signed_data(complete, produktion_name, danish_day(0)), draft["rev"])}));
    REQUIRE_MESSAGE(signed_reply.status == 200, signed_reply.raw);
    const json stored = read_record(leader, "conversation_record", "cr-1");
    CHECK(stored["data"]["status"] == "signed");
    // The client named the admin; the leader recorded it.
    CHECK(stored["data"]["sign_off"]["recorded_by"] == "u_demo_leder");
    CHECK(stored["data"]["sign_off"]["recorded_by_name"] == "Bent Kristiansen");
    CHECK(stored["data"]["sign_off"]["employee_name"] == produktion_name);
    CHECK(stored["data"]["sign_off"]["date"] == danish_day(0));

    // A record signed at once by HR carries HR's name.
    Session hr = demo_hr(server);
    record_case(hr, "cr-case-2", other_in_produktion);
    const json direct = signed_data(conversation_data("contact_note", other_in_produktion, "cr-case-2", danish_day(0),
                                                      contact_note_answers(danish_day(0), "Ringede")),
                                    "Birthe Lønborg", danish_day(0));
    REQUIRE(hr.push(json::array({conversation_change("cr-2", direct)})).status == 200);
    const json by_hr = read_record(hr, "conversation_record", "cr-2");
    CHECK(by_hr["data"]["sign_off"]["recorded_by"] == "u_demo_hr");
    CHECK(by_hr["data"]["sign_off"]["recorded_by_name"] == "Henriette Bach");
}

TEST_CASE("conversation records: a signed record changes only by an amendment that tells the truth, stamped by "
          "the server") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    Session leader = demo_leader(server);
    const json signed_record = signed_contact_note(hr, "cr-case", "cr-1", "Første version");
    const ConversationRecord before = decoded(signed_record);
    const long long rev = signed_record["rev"];

    SUBCASE("new answers without an amendment are refused") {
        json data = signed_record["data"];
        data["answers"]["status"] = "Ændret uden begrundelse";
        const Reply refused = leader.push(json::array({conversation_change("cr-1", data, rev)}));
        CHECK(refused.status == 422);
        CHECK(refused_field(refused, "answers")["code"] == "amendment_required");
    }
    SUBCASE("an amendment that lists another field than the one changed is refused") {
        json answers = before.answers;
        answers["status"] = "Anden tekst";
        ConversationRecord after = naervaer::make_amendment(before, answers, "Rettet", "u_x", "X", "2026-01-01T00:00:00Z");
        after.amendments.back().changed = {"next_contact"};
        after.amendments.back().answers_before = {{"next_contact", before.answers["next_contact"]}};
        const Reply refused = leader.push(json::array({conversation_change("cr-1", to_json(after), rev)}));
        CHECK(refused.status == 422);
        CHECK(refused_field(refused, "amendments[0].changed")["code"] == "amendment_mismatch");
    }
    SUBCASE("an amendment that misstates what the field held before is refused") {
        json answers = before.answers;
        answers["status"] = "Anden tekst";
        ConversationRecord after = naervaer::make_amendment(before, answers, "Rettet", "u_x", "X", "2026-01-01T00:00:00Z");
        after.amendments.back().answers_before["status"] = "Noget andet end før";
        const Reply refused = leader.push(json::array({conversation_change("cr-1", to_json(after), rev)}));
        CHECK(refused.status == 422);
        CHECK(refused_field(refused, "amendments[0].answers_before")["code"] == "amendment_mismatch");
    }
    SUBCASE("the sign-off and the meeting day stay as signed") {
        json data = signed_record["data"];
        data["sign_off"]["agreed"] = false;
        data["held_on"] = danish_day(-2);
        const Reply refused = leader.push(json::array({conversation_change("cr-1", data, rev)}));
        CHECK(refused.status == 422);
        CHECK(refused_field(refused, "sign_off")["code"] == "locked");
        CHECK(refused_field(refused, "held_on")["code"] == "locked");
    }
    // Nothing of the refused versions was written.
    CHECK(read_record(hr, "conversation_record", "cr-1")["rev"] == rev);
    CHECK(read_record(hr, "conversation_record", "cr-1")["data"] == signed_record["data"]);
}

TEST_CASE("conversation records: an accepted amendment is stamped with the session's user and the server's time, "
          "and earlier amendments never change") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    Session leader = demo_leader(server);
    const json signed_record = signed_contact_note(hr, "cr-case", "cr-1", "Første version");
    const ConversationRecord before = decoded(signed_record);

    json answers = before.answers;
    answers["status"] = "Anden version";
    // The client claims someone else and another time; the server overwrites both.
    const ConversationRecord amended =
        naervaer::make_amendment(before, answers, "Forkert gengivet", "u_demo_admin", "Annette", "2001-01-01T00:00:00Z");
    const std::string earliest = naervaer::server::iso_timestamp(server.clock().now());
    const Reply accepted =
        leader.push(json::array({conversation_change("cr-1", to_json(amended), signed_record["rev"])}));
    REQUIRE_MESSAGE(accepted.status == 200, accepted.raw);
    const std::string latest = naervaer::server::iso_timestamp(server.clock().now());

    const json stored = read_record(hr, "conversation_record", "cr-1");
    REQUIRE(stored["data"]["amendments"].size() == 1);
    const json amendment = stored["data"]["amendments"][0];
    CHECK(amendment["by"] == "u_demo_leder");
    CHECK(amendment["by_name"] == "Bent Kristiansen");
    CHECK(amendment["at"].get<std::string>() >= earliest); // ISO UTC timestamps sort as text
    CHECK(amendment["at"].get<std::string>() <= latest);
    CHECK(amendment["reason"] == "Forkert gengivet");
    CHECK(amendment["changed"] == json::array({"status"}));
    CHECK(amendment["answers_before"] == json{{"status", "Første version"}});
    CHECK(stored["data"]["answers"]["status"] == "Anden version");
    // The sign-off is untouched by the amendment (still HR's recording).
    CHECK(stored["data"]["sign_off"]["recorded_by"] == "u_demo_hr");

    // A second amendment that also rewrites the first one's reason is refused.
    ConversationRecord current = decoded(stored);
    json third = current.answers;
    third["status"] = "Tredje version";
    ConversationRecord rewritten = naervaer::make_amendment(current, third, "Igen", "u", "U", "2026-01-01T00:00:00Z");
    rewritten.amendments[0].reason = "Skjult ændring";
    const Reply refused = leader.push(json::array({conversation_change("cr-1", to_json(rewritten), stored["rev"])}));
    CHECK(refused.status == 422);
    CHECK(refused_field(refused, "amendments")["code"] == "amendments_append_only");
    // Dropping the first amendment is refused the same way.
    ConversationRecord dropped = current;
    dropped.amendments.clear();
    dropped.answers = before.answers;
    const Reply dropped_reply = leader.push(json::array({conversation_change("cr-1", to_json(dropped), stored["rev"])}));
    CHECK(dropped_reply.status == 422);
    CHECK(refused_field(dropped_reply, "amendments")["code"] == "amendments_append_only");
    CHECK(read_record(hr, "conversation_record", "cr-1")["rev"] == stored["rev"]);
}

TEST_CASE("conversation records: a new record uses a shipped template exactly as shipped, and an update keeps it") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    record_case(hr, "cr-case", employee_in_produktion);
    const json data = conversation_data("contact_note", employee_in_produktion, "cr-case", danish_day(-1),
                                        contact_note_answers(danish_day(-1), "Status"));

    json unknown = data;
    unknown["template_id"] = "interrogation";
    unknown["template_snapshot"]["id"] = "interrogation";
    Reply refused = hr.push(json::array({conversation_change("cr-x", unknown)}));
    CHECK(refused.status == 422);
    CHECK(refused_field(refused, "template_id")["code"] == "unknown_value");

    // A shipped form that is not a conversation (the policy questionnaire) is no conversation record.
    json policy = data;
    policy["template_id"] = "policy_questionnaire";
    policy["template_snapshot"]["id"] = "policy_questionnaire";
    refused = hr.push(json::array({conversation_change("cr-x", policy)}));
    CHECK(refused.status == 422);
    CHECK(refused_field(refused, "template_id")["code"] == "unknown_value");

    json newer = data;
    newer["template_version"] = 2;
    newer["template_snapshot"]["version"] = 2;
    refused = hr.push(json::array({conversation_change("cr-x", newer)}));
    CHECK(refused.status == 422);
    CHECK(refused_field(refused, "template_id")["code"] == "unknown_value");
    CHECK(refused_field(refused, "template_id")["message_en"] == "Unknown value: contact_note v2");

    // The questions asked must be the template's own: a changed label would put words in its mouth.
    json tampered = data;
    tampered["template_snapshot"]["sections"][1]["fields"][0]["label_da"] = "Hvilken diagnose har du?";
    refused = hr.push(json::array({conversation_change("cr-x", tampered)}));
    CHECK(refused.status == 422);
    CHECK(refused_field(refused, "template_snapshot")["code"] == "mismatch");
    CHECK(hr.get("/api/v1/records/conversation_record/cr-x").status == 404);

    // Once stored, even a draft keeps its template.
    REQUIRE(hr.push(json::array({conversation_change("cr-1", data)})).status == 200);
    const long long rev = read_record(hr, "conversation_record", "cr-1")["rev"];
    refused = hr.push(json::array({conversation_change("cr-1", tampered, rev)}));
    CHECK(refused.status == 422);
    CHECK(refused_field(refused, "template_snapshot")["code"] == "locked");
    json other = conversation_data("care_conversation", employee_in_produktion, "cr-case", danish_day(-1), json::object());
    refused = hr.push(json::array({conversation_change("cr-1", other, rev)}));
    CHECK(refused.status == 422);
    CHECK(refused_field(refused, "template_id")["code"] == "locked");
    CHECK(read_record(hr, "conversation_record", "cr-1")["rev"] == rev);
}

TEST_CASE("conversation records: the case must be a live absence spell of the record's employee") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    record_case(hr, "case-of-06", other_in_produktion);
    record_case(hr, "case-of-03", employee_in_produktion);
    const auto push = [&](const std::string& employee, const std::string& spell) {
        return hr.push(json::array({conversation_change(
            "cr-x", conversation_data("contact_note", employee, spell, danish_day(-1),
                                      contact_note_answers(danish_day(-1), "Status")))}));
    };
    Reply refused = push(employee_in_produktion, "case-of-06"); // another employee's case
    CHECK(refused.status == 422);
    CHECK(refused_field(refused, "spell_id")["code"] == "unknown_reference");
    refused = push(employee_in_produktion, "no-such-case");
    CHECK(refused.status == 422);
    CHECK(refused_field(refused, "spell_id")["code"] == "unknown_reference");
    refused = push("nobody", "case-of-03");
    CHECK(refused.status == 422);
    CHECK(refused_field(refused, "employee_id")["code"] == "unknown_reference");
    // A deleted case is no case.
    const json spell = read_record(hr, "absence_spell", "case-of-03");
    REQUIRE(hr.push(json::array({delete_change("absence_spell", "case-of-03", spell["rev"])})).status == 200);
    refused = push(employee_in_produktion, "case-of-03");
    CHECK(refused.status == 422);
    CHECK(refused_field(refused, "spell_id")["code"] == "unknown_reference");
    CHECK(hr.get("/api/v1/records/conversation_record/cr-x").status == 404);
}

TEST_CASE("conversation records: a team leader writing for another department's employee gets 404 and nothing is "
          "written, while HR and admin write for every department") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    Session admin = demo_admin(server);
    Session leader = demo_leader(server);
    record_case(hr, "ks-case", employee_in_kundeservice);
    const long long cursor = cursor_of(hr);
    const json data = conversation_data("contact_note", employee_in_kundeservice, "ks-case", danish_day(-1),
                                        contact_note_answers(danish_day(-1), "Status"));

    const Reply refused = leader.push(json::array({conversation_change("cr-ks", data)}));
    CHECK(refused.status == 404);
    CHECK(refused.error_code() == "not_found");
    CHECK(hr.get("/api/v1/records/conversation_record/cr-ks").status == 404);
    const Reply after = hr.get("/api/v1/sync?since=" + std::to_string(cursor));
    CHECK(after.body["changes"].empty());
    CHECK(after.body["cursor"] == cursor);

    const Reply by_hr = hr.push(json::array({conversation_change("cr-ks", data)}));
    CHECK_MESSAGE(by_hr.status == 200, by_hr.raw);
    // The team leader cannot change HR's record either.
    json changed = data;
    changed["answers"]["status"] = "Overskrevet";
    const long long rev = read_record(hr, "conversation_record", "cr-ks")["rev"];
    CHECK(leader.push(json::array({conversation_change("cr-ks", changed, rev)})).status == 404);
    const Reply by_admin = admin.push(json::array({conversation_change("cr-ks", changed, rev)}));
    CHECK_MESSAGE(by_admin.status == 200, by_admin.raw);
    CHECK(read_record(hr, "conversation_record", "cr-ks")["data"]["answers"]["status"] == "Overskrevet");
}

TEST_CASE("conversation records: wrong JSON types are 400 with the field's path, missing values 422") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    record_case(hr, "cr-case", employee_in_produktion);
    const json data = signed_data(conversation_data("contact_note", employee_in_produktion, "cr-case", danish_day(-1),
                                                    contact_note_answers(danish_day(-1), "Status")),
                                  produktion_name, danish_day(0));
    const auto refused_with = [&](const std::string& field, const json& value) {
        json broken = data;
        json::json_pointer pointer("/" + field);
        broken[pointer] = value;
        return hr.push(json::array({conversation_change("cr-x", broken)}));
    };
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"answers", "answers"}, {"held_on", "held_on"}, {"template_version", "template_version"},
        {"sign_off/agreed", "sign_off.agreed"}, {"amendments", "amendments"}};
    for (const auto& [pointer, path] : cases) {
        const Reply refused = refused_with(pointer, pointer == "held_on" ? json(20260101) : json("wrong"));
        CHECK_MESSAGE(refused.status == 400, pointer);
        CHECK_MESSAGE(refused.error_code() == "bad_request", pointer);
        CHECK_MESSAGE(refused_field(refused, path)["code"] == "type", pointer);
    }
    // Inside the answers the template decides what fits: a rule error on the answer's path.
    json wrong_answer = data;
    wrong_answer["answers"]["contact_form"] = 5;
    const Reply answer_refused = hr.push(json::array({conversation_change("cr-x", wrong_answer)}));
    CHECK(answer_refused.status == 422);
    CHECK(refused_field(answer_refused, "contact_form")["code"] == "type");

    json missing = data;
    missing.erase("held_on");
    const Reply refused = hr.push(json::array({conversation_change("cr-x", missing)}));
    CHECK(refused.status == 422);
    CHECK(refused_field(refused, "held_on")["code"] == "required");
    CHECK(hr.get("/api/v1/records/conversation_record/cr-x").status == 404);
}

TEST_CASE("conversation records: deleting a draft writes a deletion-log row without content and takes its "
          "agreement marks along") {
    TestServer server;
    REQUIRE(server.started());
    Session leader = demo_leader(server);
    Session admin = demo_admin(server);
    const json draft = draft_contact_note(leader, "cr-case", "cr-1", "Hemmelig statustekst");
    const std::string mark_key = "cr-case/agreement/cr-1/0";
    const std::string other_key = "cr-case/agreement/cr-10/0"; // another record's agreement: kept
    for (const std::string& key : {mark_key, other_key})
        REQUIRE(leader.push(json::array({todo_done_change(key, employee_in_produktion, danish_day(0))})).status == 200);

    const Reply deleted = leader.push(json::array({delete_change("conversation_record", "cr-1", draft["rev"])}));
    REQUIRE_MESSAGE(deleted.status == 200, deleted.raw);
    CHECK(leader.get("/api/v1/records/conversation_record/cr-1").status == 404);
    CHECK(leader.get("/api/v1/records/todo_done/" + naervaer::todo_done_record_id(mark_key)).status == 404);
    CHECK(leader.get("/api/v1/records/todo_done/" + naervaer::todo_done_record_id(other_key)).status == 200);

    const Reply log = admin.get("/api/v1/admin/deletions");
    REQUIRE_MESSAGE(log.status == 200, log.raw);
    const json& rows = log.body["deletions"];
    REQUIRE(rows.size() == 2);
    // Newest first: the record, then its mark (written in that order, within the same second at most).
    std::map<std::string, json> by_type;
    for (const json& row : rows) by_type[row["type"]] = row;
    const json record_row = by_type.at("conversation_record");
    CHECK(record_row["record_id"] == "cr-1");
    CHECK(record_row["by"] == "u_demo_leder");
    CHECK(record_row["by_name"] == "Bent Kristiansen");
    CHECK(record_row["employee_id"] == employee_in_produktion);
    CHECK(record_row["reason"] == "deleted");
    CHECK(naervaer::Date::parse_iso(record_row["at"].get<std::string>().substr(0, 10)).has_value());
    CHECK(by_type.at("todo_done")["record_id"] == naervaer::todo_done_record_id(mark_key));
    CHECK(log.raw.find("Hemmelig") == std::string::npos);
    CHECK(rows[0]["type"] == "todo_done"); // newest first
    CHECK(admin.get("/api/v1/admin/deletions?limit=1").body["deletions"].size() == 1);
    CHECK(admin.get("/api/v1/admin/deletions?limit=x").status == 400);
    CHECK(leader.get("/api/v1/admin/deletions").status == 403);
    CHECK(demo_hr(server).get("/api/v1/admin/deletions").status == 403);
}

TEST_CASE("conversation records: a signed record cannot be deleted by a user") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    const json signed_record = signed_contact_note(admin, "cr-case", "cr-1", "Status");
    const Reply refused =
        admin.push(json::array({delete_change("conversation_record", "cr-1", signed_record["rev"])}));
    CHECK(refused.status == 422);
    CHECK(refused_field(refused, "status")["code"] == "signed_locked");
    CHECK(refused_field(refused, "status")["message"] == "Et underskrevet referat kan ikke slettes");
    CHECK(read_record(admin, "conversation_record", "cr-1")["rev"] == signed_record["rev"]);
    CHECK(admin.get("/api/v1/admin/deletions").body["deletions"].empty());
}

TEST_CASE("conversation records: a case with records is not deleted or given to another employee, but without them "
          "it is") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    const json draft = draft_contact_note(hr, "cr-case", "cr-1", "Status");
    const json spell = read_record(hr, "absence_spell", "cr-case");

    const Reply refused = hr.push(json::array({delete_change("absence_spell", "cr-case", spell["rev"])}));
    CHECK(refused.status == 422);
    CHECK(refused_field(refused, "id")["code"] == "has_conversation_records");
    CHECK(refused_field(refused, "id")["message_en"].get<std::string>().find("conversation records (1)") !=
          std::string::npos);
    CHECK(read_record(hr, "absence_spell", "cr-case")["rev"] == spell["rev"]);
    CHECK(read_record(hr, "conversation_record", "cr-1")["rev"] == draft["rev"]);

    json moved = spell_change("cr-case", other_in_produktion, day(-10), std::nullopt, spell["rev"]);
    const Reply moved_reply = hr.push(json::array({moved}));
    CHECK(moved_reply.status == 422);
    CHECK(refused_field(moved_reply, "employee_id")["code"] == "has_conversation_records");

    // The draft deleted first, the case goes (in one push, in that order).
    const Reply both = hr.push(json::array({delete_change("conversation_record", "cr-1", draft["rev"]),
                                            delete_change("absence_spell", "cr-case", spell["rev"])}));
    CHECK_MESSAGE(both.status == 200, both.raw);
    CHECK(hr.get("/api/v1/records/absence_spell/cr-case").status == 404);
}

TEST_CASE("conversation records: when an employee moves department the records follow into the new team leader's "
          "pulls") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    Session leader = demo_leader(server);
    const json record = signed_contact_note(admin, "ks-case", "cr-ks", "Status", employee_in_kundeservice, "Maja Grønbæk");
    const long long cursor = cursor_of(leader);
    CHECK(leader.get("/api/v1/records/conversation_record/cr-ks").status == 404);
    CHECK(pulled_ids(leader).count("cr-ks") == 0);

    move_employee(admin, employee_in_kundeservice, "demo-dept-lager");

    CHECK(pulled_ids(leader, cursor).count("cr-ks") == 1);
    const json moved = read_record(leader, "conversation_record", "cr-ks");
    CHECK(moved["rev"].get<long long>() > record["rev"].get<long long>());
    CHECK(moved["data"] == record["data"]); // moved, not changed: still signed as it was
}

TEST_CASE("conversation records: reads by id and pulls are audited, without the record's content") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    Session leader = demo_leader(server);
    Session admin = demo_admin(server);
    draft_contact_note(hr, "cr-case", "cr-1", "Fortroligt indhold"); // HR writes and reads it
    REQUIRE(leader.get("/api/v1/sync?since=0").status == 200);

    const Reply audit = admin.get("/api/v1/admin/audit?record_id=cr-1");
    REQUIRE(audit.status == 200);
    std::set<std::pair<std::string, std::string>> seen; // (action, user)
    for (const auto& entry : audit.body["entries"]) {
        seen.insert({entry["action"].get<std::string>(), entry["user_id"].is_string() ? entry["user_id"].get<std::string>() : ""});
        if (entry["action"] == "read") {
            CHECK(entry["record_id"] == "cr-1");
            CHECK(entry["record_type"] == "conversation_record");
        }
    }
    CHECK(seen.count({"write", "u_demo_hr"}) == 1);
    CHECK(seen.count({"read", "u_demo_hr"}) == 1);
    CHECK(seen.count({"pull", "u_demo_leder"}) == 1);
    CHECK(audit.raw.find("Fortroligt") == std::string::npos);
}

TEST_CASE("conversation records: a team leader reading another department's record gets 404, no content and no "
          "read entry") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    Session leader = demo_leader(server);
    Session admin = demo_admin(server);
    draft_contact_note(hr, "ks-case", "cr-ks", "Fortroligt indhold", employee_in_kundeservice);
    const Reply read = leader.get("/api/v1/records/conversation_record/cr-ks");
    CHECK(read.status == 404);
    CHECK(read.error_code() == "not_found");
    CHECK(read.raw.find("Fortroligt") == std::string::npos);
    CHECK(read.raw.find(employee_in_kundeservice) == std::string::npos);
    // Another type in the path is no way round it.
    CHECK(leader.get("/api/v1/records/absence_spell/cr-ks").status == 404);

    const Reply audit = admin.get("/api/v1/admin/audit?record_id=cr-ks");
    for (const auto& entry : audit.body["entries"]) CHECK(entry["user_id"] != "u_demo_leder");
}

TEST_CASE("conversation records: pulls carry records to the leaders of the employee's department only") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    Session leader = demo_leader(server);
    draft_contact_note(hr, "p-case", "cr-p", "Status");
    draft_contact_note(hr, "ks-case", "cr-ks", "Status", employee_in_kundeservice);
    const auto leader_sees = pulled_ids(leader);
    CHECK(leader_sees.count("cr-p") == 1);
    CHECK(leader_sees.count("cr-ks") == 0);
    const auto hr_sees = pulled_ids(hr);
    CHECK(hr_sees.count("cr-p") == 1);
    CHECK(hr_sees.count("cr-ks") == 1);
}

TEST_CASE("demo: a signed absence conversation and a round table on the long case, a draft contact note on the "
          "Lager case") {
    TestServer server;
    REQUIRE(server.started());
    Session leader = demo_leader(server);
    const Reply pull = leader.get("/api/v1/sync?since=0");
    REQUIRE(pull.status == 200);
    std::map<std::string, json> records, spells, marks;
    for (const auto& record : pull.body["changes"]) {
        if (record["type"] == "conversation_record") records[record["id"]] = record;
        if (record["type"] == "absence_spell") spells[record["id"]] = record["data"];
        if (record["type"] == "todo_done") marks[record["data"]["todo_key"]] = record["data"];
    }
    REQUIRE(records.size() == 3);
    // The demo is dated from the UTC day the server started on (as day() is).
    const naervaer::Date today = *naervaer::Date::parse_iso(day(0));

    // The long case: demo-emp-02, first sick day 45 days ago, not expected back within 8 weeks.
    const ConversationRecord conversation = decoded(records.at("demo-conv-1001"));
    const json& long_case = spells.at(conversation.spell_id);
    CHECK(conversation.employee_id == employee_long_absent);
    CHECK(long_case["first_day"] == day(-45));
    CHECK(conversation.template_id == "absence_conversation");
    CHECK(conversation.is_signed());
    // Held on day 20, within the 4 weeks of SDL § 7 a (due first day + 28).
    const naervaer::Date first_day = *naervaer::Date::parse_iso(long_case["first_day"].get<std::string>());
    CHECK(conversation.held_on == first_day.plus_days(19));
    const auto met = naervaer::met_rule(conversation);
    REQUIRE(met.has_value());
    CHECK(met->rule_id == "absence_conversation");
    // Its agreements fell due 12 and 19 days ago: the kept history marked them done (by HR).
    const auto agreements = naervaer::agreement_todos(conversation);
    REQUIRE(agreements.size() == 2);
    CHECK(agreements[0].agreement.due == today.plus_days(-12));
    for (const auto& todo : agreements) {
        REQUIRE_MESSAGE(marks.count(todo.key) == 1, todo.key);
        CHECK(marks[todo.key]["done_by"] == "u_demo_hr");
    }

    const ConversationRecord round_table = decoded(records.at("demo-conv-1002"));
    CHECK(round_table.spell_id == conversation.spell_id);
    CHECK(round_table.is_signed());
    CHECK(round_table.held_on == today.plus_days(-6));
    const auto comparison = naervaer::compare_staircases(shipped_template("round_table"), round_table.answers);
    REQUIRE(comparison.size() == 1);
    CHECK(comparison[0].mismatch());
    CHECK(comparison[0].steps_apart == 2);
    const auto open = naervaer::agreement_todos(round_table);
    REQUIRE(open.size() == 1);
    CHECK(open[0].agreement.due == today.plus_days(4));
    CHECK(marks.count(open[0].key) == 0);
    CHECK(round_table.answers["follow_up_date"] == today.plus_days(22).iso()); // the meeting + 28 days

    const ConversationRecord note = decoded(records.at("demo-conv-1003"));
    CHECK(note.template_id == "contact_note");
    CHECK_FALSE(note.is_signed());
    CHECK(note.employee_id == "demo-emp-11");
    CHECK(spells.at(note.spell_id)["last_day"].is_null());

    // Every record passes the checks a push would, with the shipped templates' own questions, and
    // its free text names no diagnosis.
    std::ifstream terms_file(std::string(NAERVAER_ASSETS_DIR) + "/guard/diagnosis-terms.json");
    std::stringstream terms_text;
    terms_text << terms_file.rdbuf();
    const auto terms = naervaer::parse_diagnosis_terms(terms_text.str());
    REQUIRE(terms.terms.has_value());
    for (const auto& [id, record] : records) {
        const ConversationRecord r = decoded(record);
        CHECK_MESSAGE(naervaer::validate(r, today).ok(), id);
        CHECK(record["data"]["template_snapshot"] == naervaer::template_snapshot(shipped_template(r.template_id)));
        CHECK(record["updated_by"] == "u_demo_leder");
        CHECK_MESSAGE(naervaer::check_answers_for_diagnoses(shipped_template(r.template_id), r.answers, *terms.terms).empty(),
                      id);
        if (r.is_signed()) CHECK(r.sign_off->recorded_by == "u_demo_leder");
    }
}

TEST_CASE("conversation records: a conversation is not held before its case began") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    record_case(hr, "case-early", employee_in_produktion); // first sick day day(-10)
    const auto push = [&](const std::string& id, const std::string& held_on) {
        return hr.push(json::array({conversation_change(
            id, conversation_data("contact_note", employee_in_produktion, "case-early", held_on,
                                  contact_note_answers(held_on, "Status")))}));
    };
    const Reply before = push("cr-early", day(-11));
    CHECK(before.status == 422);
    const json field = refused_field(before, "held_on");
    CHECK(field["code"] == "done_before_case");
    CHECK(field["message"].get<std::string>().find(naervaer::Date::parse_iso(day(-10))->danish()) != std::string::npos);
    CHECK(hr.get("/api/v1/records/conversation_record/cr-early").status == 404);
    CHECK(push("cr-first-day", day(-10)).status == 200);
}
