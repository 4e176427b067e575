// Conversation records: JSON round trip and decoding errors, draft and signed validation, the
// locking rules of a signed record (check_change, make_amendment), agreement to-dos, prefill across
// a case's records and the rule a record meets. Templates are the shipped files.
#include "naervaer/conversation_record.hpp"
#include "naervaer/records.hpp"

#include "assets_fixture.hpp"
#include "conversation_fixture.hpp"

#include <doctest/doctest.h>

using namespace naervaer;
using naervaer::test::anna_signs;
using naervaer::test::load_template;
using naervaer::test::round_table_answers;
using nlohmann::json;

namespace {

Date day(int y, int m, int d) {
    return *Date::from_ymd(y, m, d);
}

const Date today = day(2026, 3, 20);
const Date meeting = day(2026, 3, 10);

ConversationRecord signed_round_table() {
    return naervaer::test::signed_round_table(load_template("round_table.v1.json"));
}

ConversationRecord draft_round_table() {
    ConversationRecord r = signed_round_table();
    r.status = ConversationStatus::draft;
    r.sign_off.reset();
    return r;
}

} // namespace

TEST_CASE("conversation_record is a sync type") {
    CHECK(record_type::conversation_record == "conversation_record");
    CHECK(is_sync_type("conversation_record"));
    CHECK_FALSE(is_sync_type("conversation"));
}

TEST_CASE("a conversation record round-trips through JSON") {
    ConversationRecord r = make_amendment(
        signed_round_table(),
        [] {
            json a = round_table_answers();
            a["plan"] = "Anna starter på 12 timer om ugen.";
            return a;
        }(),
        "Forkert timetal", "u-bo", "Bo Hansen", "2026-03-13T09:30:00Z");
    r.sign_off->comment = "Jeg vil gerne starte tidligere.";

    const json j = to_json(r);
    CHECK(j["status"] == "signed");
    CHECK(j["held_on"] == "2026-03-10");
    CHECK(j["template_id"] == "round_table");
    CHECK(j["template_version"] == 1);
    CHECK(j["sign_off"]["date"] == "2026-03-12");
    CHECK(j["amendments"][0]["changed"] == json::array({"plan"}));
    CHECK(j["amendments"][0]["answers_before"]["plan"] == "Anna starter på 10 timer om ugen og trapper op.");
    CHECK_FALSE(j.contains("id")); // the id travels in the envelope

    ValidationResult errors;
    const ConversationRecord back = decode_conversation_record(j, "cr-1", errors);
    CHECK(errors.ok());
    CHECK(back.id == "cr-1");
    CHECK(back.employee_id == "emp-7");
    CHECK(back.spell_id == "sp-19");
    CHECK(back.held_on == meeting);
    CHECK(back.is_signed());
    REQUIRE(back.sign_off);
    CHECK(*back.sign_off == *r.sign_off);
    CHECK(back.amendments == r.amendments);
    CHECK(back.answers == r.answers);
    CHECK(back.template_snapshot == r.template_snapshot);
    CHECK(to_json(back) == j);
    CHECK(validate(back, today).ok());

    // A draft has sign_off null and no amendments.
    const json d = to_json(draft_round_table());
    CHECK(d["status"] == "draft");
    CHECK(d["sign_off"].is_null());
    CHECK(d["amendments"] == json::array());
}

TEST_CASE("decoding a conversation record reports wrong types and missing fields by path, never throwing") {
    json j = to_json(signed_round_table());
    j["employee_id"] = 5;
    j["template_snapshot"] = "round_table";
    j["answers"] = json::array();
    j["held_on"] = 20260310;
    j["status"] = "finished";
    j["sign_off"]["agreed"] = "ja";
    j["sign_off"]["date"] = "12-03-2026";
    j["amendments"] = json::array({json{{"at", "2026-03-13T09:30:00Z"},
                                        {"by", "u-bo"},
                                        {"by_name", "Bo"},
                                        {"reason", 7},
                                        {"changed", "plan"},
                                        {"answers_before", json::array()}}});
    j.erase("spell_id");

    ValidationResult errors;
    (void)decode_conversation_record(j, "cr-1", errors);
    CHECK(errors.has("employee_id", "type"));
    CHECK(errors.has("spell_id", "required"));
    CHECK(errors.has("template_snapshot", "type"));
    CHECK(errors.has("answers", "type"));
    CHECK(errors.has("held_on", "type"));
    CHECK(errors.has("status", "unknown_value"));
    CHECK(errors.has("sign_off.agreed", "type"));
    CHECK(errors.has("sign_off.date", "invalid_date"));
    CHECK(errors.has("amendments[0].reason", "type"));
    CHECK(errors.has("amendments[0].changed", "type"));
    CHECK(errors.has("amendments[0].answers_before", "type"));
    CHECK_FALSE(errors.find("template_id"));

    ValidationResult more;
    json k = to_json(signed_round_table());
    k["sign_off"] = "Anna";
    k["amendments"] = json::object();
    (void)decode_conversation_record(k, "cr-1", more);
    CHECK(more.has("sign_off", "type"));
    CHECK(more.has("amendments", "type"));

    ValidationResult not_object;
    (void)decode_conversation_record(json::array(), "cr-1", not_object);
    CHECK(not_object.has("data", "type"));
}

TEST_CASE("a draft may be incomplete, signing needs every required answer") {
    ConversationRecord draft =
        new_conversation_record(load_template("round_table.v1.json"), "cr-1", "emp-7", "sp-19", meeting);
    draft.answers = {{"meeting_date", "2026-03-10"}};
    CHECK(validate(draft, today).ok());

    // Shape errors count for drafts too.
    draft.answers["tasks"] = json::array({json{{"text", "Lager"}, {"column", "sometimes"}}});
    CHECK(validate(draft, today).has("tasks[0].column", "unknown_value"));
    draft.answers.erase("tasks");

    ConversationRecord signing = draft;
    signing.status = ConversationStatus::signed_off;
    signing.sign_off = anna_signs();
    const ValidationResult v = validate(signing, today);
    CHECK(v.has("plan", "required"));
    CHECK(v.has("agreements", "required"));
    CHECK(v.has("placement_employee", "required"));
    CHECK_FALSE(v.find("meeting_date"));

    CHECK(validate(signed_round_table(), today).ok());
}

TEST_CASE("conversation record rules: dates, sign-off, ids, snapshot, amendments") {
    SUBCASE("held_on not in the future") {
        ConversationRecord r = draft_round_table();
        r.held_on = today.plus_days(1);
        CHECK(validate(r, today).has("held_on", "future_date"));
        r.held_on = today;
        CHECK(validate(r, today).ok());
    }
    SUBCASE("sign-off date between the meeting and today") {
        ConversationRecord r = signed_round_table();
        r.sign_off->date = meeting.plus_days(-1);
        CHECK(validate(r, today).has("sign_off.date", "before_meeting"));
        r.sign_off->date = today.plus_days(1);
        CHECK(validate(r, today).has("sign_off.date", "future_date"));
        r.sign_off->date = meeting;
        CHECK(validate(r, today).ok());
    }
    SUBCASE("signed exactly when there is a sign-off") {
        ConversationRecord r = signed_round_table();
        r.sign_off.reset();
        CHECK(validate(r, today).has("sign_off", "required"));
        ConversationRecord d = draft_round_table();
        d.sign_off = anna_signs();
        CHECK(validate(d, today).has("sign_off", "sign_off_on_draft"));
    }
    SUBCASE("an employee who disagrees says why") {
        ConversationRecord r = signed_round_table();
        r.sign_off->agreed = false;
        r.sign_off->comment = "  ";
        CHECK(validate(r, today).has("sign_off.comment", "required"));
        r.sign_off->comment = "Jeg kan ikke løfte kasser endnu.";
        CHECK(validate(r, today).ok());
        r.sign_off->agreed = true;
        r.sign_off->comment = "";
        CHECK(validate(r, today).ok()); // agreeing needs no comment
    }
    SUBCASE("sign-off names the employee and who recorded it") {
        ConversationRecord r = signed_round_table();
        r.sign_off->employee_name = " ";
        r.sign_off->recorded_by = "u bo";
        CHECK(validate(r, today).has("sign_off.employee_name", "required"));
        CHECK(validate(r, today).has("sign_off.recorded_by", "invalid_id"));
    }
    SUBCASE("ids") {
        ConversationRecord r = draft_round_table();
        r.id = "cr/1";
        r.spell_id = "";
        CHECK(validate(r, today).has("id", "invalid_id"));
        CHECK(validate(r, today).has("spell_id", "invalid_id"));
    }
    SUBCASE("the snapshot parses and is the template named") {
        ConversationRecord r = draft_round_table();
        r.template_version = 2;
        CHECK(validate(r, today).has("template_version", "template_mismatch"));
        r.template_version = 1;
        r.template_snapshot["sections"][0]["fields"][0]["type"] = "riddle";
        CHECK(validate(r, today).has("template_snapshot", "invalid_template"));
    }
    SUBCASE("answers are checked against the snapshot") {
        ConversationRecord r = draft_round_table();
        r.answers["placement_employee"] = "halfway";
        r.answers["mood"] = 3;
        CHECK(validate(r, today).has("placement_employee", "unknown_value"));
        CHECK(validate(r, today).has("mood", "unknown_field"));
    }
    SUBCASE("amendments are well-formed and only on signed records") {
        ConversationRecord r = signed_round_table();
        r.amendments.push_back(
            {"13-03-2026 09:30", "u-bo", "Bo Hansen", " ", {"plan", "mood", "plan"}, json{{"plan", "x"}}});
        const ValidationResult v = validate(r, today);
        CHECK(v.has("amendments[0].at", "invalid_timestamp"));
        CHECK(v.has("amendments[0].reason", "required"));
        CHECK(v.has("amendments[0].changed[1]", "unknown_field"));
        CHECK(v.has("amendments[0].changed[2]", "duplicate_value"));
        CHECK(v.has("amendments[0].answers_before", "amendment_mismatch"));

        r.amendments[0] = {"2026-03-13T10:30:00+01:00", "u-bo", "Bo Hansen", "Rettet", {"plan"},
                           json{{"plan", "x"}}};
        CHECK(validate(r, today).ok());
        r.amendments[0].at = "2026-03-13T25:30:00Z";
        CHECK(validate(r, today).has("amendments[0].at", "invalid_timestamp"));

        ConversationRecord d = draft_round_table();
        d.amendments.push_back(
            {"2026-03-13T09:30:00Z", "u-bo", "Bo Hansen", "Rettet", {"plan"}, json{{"plan", "x"}}});
        CHECK(validate(d, today).has("amendments", "amendment_on_draft"));
    }
}

TEST_CASE("a draft changes freely and is signed with a complete form") {
    const ConversationRecord before = draft_round_table();
    ConversationRecord after = before;
    after.answers["plan"] = "Noget helt andet.";
    after.held_on = meeting.plus_days(1);
    after.answers.erase("participants");
    CHECK(check_change(before, after, today).ok());

    ConversationRecord signing = before;
    signing.status = ConversationStatus::signed_off;
    signing.sign_off = anna_signs();
    CHECK(check_change(before, signing, today).ok());

    signing.answers.erase("agreements");
    CHECK(check_change(before, signing, today).has("agreements", "required"));

    ConversationRecord no_sign_off = before;
    no_sign_off.status = ConversationStatus::signed_off;
    CHECK(check_change(before, no_sign_off, today).has("sign_off", "required"));
}

TEST_CASE("a signed record is locked: answers change only with a matching amendment") {
    const ConversationRecord before = signed_round_table();
    json new_answers = before.answers;
    new_answers["plan"] = "Anna starter på 12 timer om ugen.";
    new_answers["understanding_note"] = "Enige om tunge løft.";

    CHECK(check_change(before, before, today).ok());

    SUBCASE("without an amendment: refused") {
        ConversationRecord after = before;
        after.answers = new_answers;
        const ChangeCheck c = check_change(before, after, today);
        CHECK(c.has("answers", "amendment_required"));
        CHECK_FALSE(c.ok());
    }
    SUBCASE("with a correct amendment: accepted") {
        const ConversationRecord after = make_amendment(before, new_answers, "Timetal rettet efter aftale",
                                                        "u-bo", "Bo Hansen", "2026-03-13T09:30:00Z");
        REQUIRE(after.amendments.size() == 1);
        const Amendment& a = after.amendments[0];
        CHECK(a.changed == std::vector<std::string>{"plan", "understanding_note"});
        CHECK(a.answers_before == json{{"plan", "Anna starter på 10 timer om ugen og trapper op."},
                                       {"understanding_note", nullptr}});
        CHECK(a.reason == "Timetal rettet efter aftale");
        CHECK(a.by == "u-bo");
        CHECK(a.at == "2026-03-13T09:30:00Z");
        CHECK(after.answers == new_answers);
        CHECK(check_change(before, after, today).ok());

        // A second amendment on top of the first.
        json again = after.answers;
        again.erase("understanding_note");
        const ConversationRecord later =
            make_amendment(after, again, "Fortrudt", "u-hr", "Hanne", "2026-03-14T08:00:00Z");
        CHECK(check_change(after, later, today).ok());
        CHECK(later.amendments[1].answers_before == json{{"understanding_note", "Enige om tunge løft."}});
    }
    SUBCASE("an amendment whose answers_before lie: refused") {
        ConversationRecord after =
            make_amendment(before, new_answers, "Rettet", "u-bo", "Bo Hansen", "2026-03-13T09:30:00Z");
        after.amendments[0].answers_before["plan"] = "Anna starter på 30 timer.";
        CHECK(check_change(before, after, today).has("amendments[0].answers_before", "amendment_mismatch"));
    }
    SUBCASE("an amendment listing other fields than changed: refused") {
        ConversationRecord after =
            make_amendment(before, new_answers, "Rettet", "u-bo", "Bo Hansen", "2026-03-13T09:30:00Z");
        after.amendments[0].changed = {"plan"};
        after.amendments[0].answers_before.erase("understanding_note");
        CHECK(check_change(before, after, today).has("amendments[0].changed", "amendment_mismatch"));
    }
    SUBCASE("an amendment without a change: refused") {
        ConversationRecord after = before;
        after.amendments.push_back({"2026-03-13T09:30:00Z",
                                    "u-bo",
                                    "Bo Hansen",
                                    "Rettet",
                                    {"plan"},
                                    json{{"plan", before.answers["plan"]}}});
        CHECK(check_change(before, after, today).has("amendments[0].changed", "amendment_mismatch"));
        CHECK(make_amendment(before, before.answers, "Intet", "u-bo", "Bo", "2026-03-13T09:30:00Z")
                  .amendments.empty());
    }
    SUBCASE("two amendments in one change: refused") {
        ConversationRecord after =
            make_amendment(before, new_answers, "Rettet", "u-bo", "Bo Hansen", "2026-03-13T09:30:00Z");
        after.amendments.push_back(after.amendments[0]);
        CHECK(check_change(before, after, today).has("amendments", "one_amendment"));
    }
    SUBCASE("the sign-off never changes after signing") {
        ConversationRecord after = before;
        after.sign_off->agreed = false;
        CHECK(check_change(before, after, today).has("sign_off", "locked"));
        ConversationRecord gone = before;
        gone.sign_off.reset();
        CHECK(check_change(before, gone, today).has("sign_off", "locked"));
    }
    SUBCASE("nor the template, employee, case, meeting date or status") {
        ConversationRecord after = before;
        after.template_snapshot["title_da"] = "Rundbord";
        after.employee_id = "emp-8";
        after.spell_id = "sp-20";
        after.held_on = meeting.plus_days(-1);
        const ChangeCheck c = check_change(before, after, today);
        CHECK(c.has("template_snapshot", "locked"));
        CHECK(c.has("employee_id", "locked"));
        CHECK(c.has("spell_id", "locked"));
        CHECK(c.has("held_on", "locked"));

        ConversationRecord unsigned_again = before;
        unsigned_again.status = ConversationStatus::draft;
        unsigned_again.sign_off.reset();
        CHECK(check_change(before, unsigned_again, today).has("status", "locked"));
    }
    SUBCASE("earlier amendments are append-only") {
        const ConversationRecord once =
            make_amendment(before, new_answers, "Rettet", "u-bo", "Bo Hansen", "2026-03-13T09:30:00Z");
        json again = once.answers;
        again["participants"] = "Anna Jensen, Bo Hansen";
        ConversationRecord edited =
            make_amendment(once, again, "Karin deltog ikke", "u-bo", "Bo Hansen", "2026-03-14T09:00:00Z");
        CHECK(check_change(once, edited, today).ok());
        edited.amendments[0].reason = "Skjult grund";
        CHECK(check_change(once, edited, today).has("amendments", "amendments_append_only"));

        ConversationRecord removed = once;
        removed.amendments.clear();
        removed.answers = before.answers;
        CHECK(check_change(once, removed, today).has("amendments", "amendments_append_only"));
    }
}

TEST_CASE("a signed record's agreements become to-dos with stable keys") {
    ConversationRecord r = signed_round_table();
    // Row 0 lacks an owner: not an agreement yet, but it keeps its row number.
    r.answers["agreements"].insert(r.answers["agreements"].begin(),
                                   json{{"text", "Ringe til lægen"}, {"due", "2026-03-17"}});
    const auto todos = agreement_todos(r);
    REQUIRE(todos.size() == 2);
    CHECK(todos[0].key == "sp-19/agreement/cr-1/1");
    CHECK(todos[0].row == 1);
    CHECK(todos[0].agreement.text == "Bestille hæve-sænkebord");
    CHECK(todos[0].agreement.owner == "Bo Hansen");
    CHECK(todos[0].agreement.due == day(2026, 3, 24));
    CHECK(todos[0].spell_id == "sp-19");
    CHECK(todos[0].employee_id == "emp-7");
    CHECK(todos[0].record_id == "cr-1");
    CHECK(todos[1].key == "sp-19/agreement/cr-1/2");
    CHECK(todos[1].agreement.owner == "Fastholdelseskonsulent");
    CHECK(todos[1].agreement.due == day(2026, 4, 7));

    CHECK(agreement_todo_key("sp-1", "cr-9", 12) == "sp-1/agreement/cr-9/12");
    CHECK(agreement_todos(draft_round_table()).empty());
}

TEST_CASE("prefill takes each keyed answer from the newest record of the case holding it") {
    const FormTemplate absence = load_template("absence_conversation.v1.json");
    ConversationRecord older = new_conversation_record(absence, "cr-1", "emp-7", "sp-19", day(2026, 2, 20));
    older.answers = json::parse(R"({
      "tasks": [{"text": "Kasse", "column": "cannot"}],
      "adjustments": [{"text": "Kortere vagter"}],
      "limitations": "Kan ikke stå op længe.",
      "agreements": [{"text": "Ringe igen", "owner": "Bo", "due": "2026-02-27"}]
    })");
    ConversationRecord newer = signed_round_table(); // held 10-03-2026
    newer.answers.erase("adjustments");

    const std::vector<ConversationRecord> newest_first{newer, older};
    const json filled = prefill_from_records(absence, newest_first, json{{"meeting_date", "2026-03-18"}});
    CHECK(filled["tasks"] == json::parse(R"([{"text": "Kundeservice i telefon", "column": "can"},
                                             {"text": "Tunge løft på lageret", "column": "cannot"}])"));
    CHECK(filled["adjustments"] == json::parse(R"([{"text": "Kortere vagter"}])"));
    CHECK(filled["limitations"] == "Kan ikke stå op længe.");
    CHECK(filled["meeting_date"] == "2026-03-18");
    CHECK_FALSE(filled.contains("agreements"));
    CHECK_FALSE(filled.contains("plan"));
}

TEST_CASE("a signed conversation meets its template's rule on the day it was held") {
    const FormTemplate absence = load_template("absence_conversation.v1.json");
    ConversationRecord r = new_conversation_record(absence, "cr-2", "emp-7", "sp-19", day(2026, 3, 9));
    CHECK_FALSE(met_rule(r).has_value()); // a draft

    r.status = ConversationStatus::signed_off;
    r.sign_off = SignOff{"Anna Jensen", day(2026, 3, 11), false, "Uenig i planen", "u-bo", "Bo Hansen"};
    const auto met = met_rule(r);
    REQUIRE(met.has_value());
    CHECK(met->rule_id == "absence_conversation");
    CHECK(met->on == day(2026, 3, 9));

    CHECK_FALSE(met_rule(signed_round_table()).has_value()); // the round table meets no rule
}

TEST_CASE("met_rule and agreement_todos from an already parsed template parse nothing and agree with the snapshot") {
    // The overloads that take the parsed template (compute_todos keeps one per template id and
    // version): the same answers as parsing the snapshot, for the shipped templates.
    const FormTemplate absence = load_template("absence_conversation.v1.json");
    ConversationRecord r = new_conversation_record(absence, "cr-2", "emp-7", "sp-19", day(2026, 3, 9));
    r.answers = json::parse(R"({"agreements": [{"text": "Ringe igen", "owner": "Bo", "due": "2026-03-16"}]})");
    CHECK_FALSE(met_rule(r, absence).has_value()); // a draft meets nothing
    CHECK(agreement_todos(r, absence).empty());    // and agrees nothing
    r.status = ConversationStatus::signed_off;
    r.sign_off = anna_signs();
    const auto met = met_rule(r, absence);
    REQUIRE(met.has_value());
    CHECK(met->rule_id == "absence_conversation");
    CHECK(met->on == day(2026, 3, 9));
    CHECK(met->rule_id == met_rule(r)->rule_id);
    const auto todos = agreement_todos(r, absence);
    REQUIRE(todos.size() == 1);
    CHECK(todos[0].key == "sp-19/agreement/cr-2/0");
    CHECK(todos[0].agreement.due == day(2026, 3, 16));
    CHECK(agreement_todos(r).size() == 1);
    CHECK(agreement_todos(r)[0].key == todos[0].key);

    const FormTemplate round_table = load_template("round_table.v1.json");
    CHECK(agreement_todos(signed_round_table(), round_table).size() == 2);
    CHECK_FALSE(met_rule(signed_round_table(), round_table).has_value());

    // The template given is the one used: the snapshot is not read again. With the snapshot
    // emptied, the parsing overloads find nothing, the others still answer from `absence`.
    ConversationRecord no_snapshot = r;
    no_snapshot.template_snapshot = json::object();
    CHECK_FALSE(met_rule(no_snapshot).has_value());
    CHECK(agreement_todos(no_snapshot).empty());
    CHECK(met_rule(no_snapshot, absence).has_value());
    CHECK(agreement_todos(no_snapshot, absence).size() == 1);
}
