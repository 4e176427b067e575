// Conversation records in the client, by clicks against the real server (docs/forms.md, "In the
// app"): a template opened from a case and prefilled from the case's earlier records, the draft's
// autosave (once after a pause, never per frame, and when the screen is left, offline too), the
// diagnosis guard, a sign-off refused while required fields are missing and then locking the
// record, the 4-week deadline met by it, its agreement as a to-do marked done, an amendment with
// its reason and history, the audited read, and the PDF downloaded and opened for printing.
// Dates are worked out from today, as the demo organisation is.
#include "client_harness.hpp"
#include "shared/pdftotext.hpp"

#include "app/templates.hpp"

#include <naervaer/conversation_record.hpp>
#include <naervaer/date.hpp>
#include <naervaer/records.hpp>
#include <naervaer/todos.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <thread>

using namespace naervaer;
using namespace naervaer::client;
using namespace naervaer::testing;
using nlohmann::json;

namespace {

Date today() {
    return *Date::parse_iso(local_today_iso());
}

const LoadedTemplates& templates() {
    static const LoadedTemplates loaded = load_embedded_templates();
    return loaded;
}

const FormTemplate& shipped(std::string_view id) {
    const FormTemplate* form = templates().find(id);
    REQUIRE(form != nullptr);
    return *form;
}

struct Case {
    std::string employee_id;
    std::string employee_name;
    std::string employee_number;
    std::string spell_id;
};

// A new ongoing sickness case from `days_ago` days ago, written through the API as another device
// would, for an employee of the demo who was employed then and has no spell from that day on.
Case new_case(const TestServer& server, const std::string& spell_id, int days_ago) {
    Session hr(server);
    REQUIRE(hr.login(hr_email, hr_password).status == 200);
    const Date first = today().plus_days(-days_ago);
    const Reply pulled = hr.get("/api/v1/sync?since=0&limit=2000");
    REQUIRE(pulled.status == 200);
    std::set<std::string> busy;
    for (const auto& r : pulled.body["changes"]) {
        if (r["type"] != "absence_spell" || r["deleted"] == true) continue;
        const json& d = r["data"];
        if (d["last_day"].is_null() || d["last_day"].get<std::string>() >= first.iso() ||
            d["first_day"].get<std::string>() >= first.iso())
            busy.insert(d["employee_id"].get<std::string>());
    }
    // Employees with conversation records of their own (the demo's) are left to the demo.
    for (const auto& r : pulled.body["changes"])
        if (r["type"] == "conversation_record" && r["deleted"] == false)
            busy.insert(r["data"]["employee_id"].get<std::string>());
    Case c;
    for (const auto& r : pulled.body["changes"]) {
        if (r["type"] != "employee" || r["deleted"] == true || busy.count(r["id"].get<std::string>())) continue;
        if (r["data"]["employment_start"].get<std::string>() > first.iso()) continue;
        c.employee_id = r["id"];
        c.employee_name = r["data"]["name"];
        c.employee_number = r["data"]["employee_number"];
        break;
    }
    REQUIRE_FALSE(c.employee_id.empty());
    AbsenceSpell spell;
    spell.id = spell_id;
    spell.employee_id = c.employee_id;
    spell.first_day = first;
    const Reply pushed = hr.push(json::array(
        {{{"type", "absence_spell"}, {"id", spell.id}, {"base_rev", 0}, {"deleted", false}, {"data", to_json(spell)}}}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
    REQUIRE(pushed.body["accepted"].size() == 1);
    c.spell_id = spell.id;
    return c;
}

// A conversation record of `template_id` for the case, written through the API by HR: signed on
// its meeting day when `sign` (the server stamps who recorded it), else a draft.
void push_record(const TestServer& server, const Case& c, const std::string& id, std::string_view template_id,
                 Date held_on, json answers, bool sign) {
    Session hr(server);
    REQUIRE(hr.login(hr_email, hr_password).status == 200);
    ConversationRecord record = new_conversation_record(shipped(template_id), id, c.employee_id, c.spell_id, held_on);
    record.answers = std::move(answers);
    if (sign) {
        record.status = ConversationStatus::signed_off;
        SignOff s;
        s.employee_name = c.employee_name;
        s.date = held_on;
        s.agreed = true;
        s.recorded_by = "u-pushed";
        s.recorded_by_name = "Pushed";
        record.sign_off = s;
    }
    REQUIRE_MESSAGE(validate(record, today()).ok(), to_json(record).dump());
    const Reply pushed = hr.push(json::array({{{"type", "conversation_record"},
                                              {"id", id},
                                              {"base_rev", 0},
                                              {"deleted", false},
                                              {"data", to_json(record)}}}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
    REQUIRE(pushed.body["accepted"].size() == 1);
}

// The stored record on the server, as admin reads it (null when absent or deleted).
json server_record(const TestServer& server, const std::string& id) {
    Session admin(server);
    REQUIRE(admin.login(admin_email, admin_password).status == 200);
    const Reply reply = admin.get("/api/v1/records/conversation_record/" + id);
    return reply.status == 200 ? reply.body : json(nullptr);
}

json todo(const json& state, const std::string& key) {
    for (const auto& t : state["todos"]["items"])
        if (t["key"] == key) return t;
    return nullptr;
}

json entry(const json& timeline, const std::string& id) {
    for (const auto& e : timeline["entries"])
        if (e["id"] == id) return e;
    return nullptr;
}

bool contains(const json& list, const std::string& value) {
    return std::find(list.begin(), list.end(), json(value)) != list.end();
}

// Opens the employee page on the case.
void open_case(ClientHarness& c, const Case& k) {
    c.dispatch(action::ShowEmployee{k.employee_id});
    c.dispatch(action::SelectSpell{k.spell_id});
    REQUIRE(c.state()["timeline"]["spell_id"] == k.spell_id);
}

// The absence conversation's answers a signed record needs (validate_answers, required fields).
json absence_answers(Date held_on) {
    return {{"meeting_date", held_on.iso()},
            {"form", "phone"},
            {"return_how_when", "Gradvist fra næste uge, først 4 timer om dagen."},
            {"limitations", "Kan ikke løfte over 5 kg."},
            {"adjustments", json::array({{{"text", "Hæve-sænkebord"}}})},
            {"tasks", json::array({{{"text", "Pakke ordrer"}, {"column", "with_adjustment"}},
                                   {{"text", "Truckkørsel"}, {"column", "cannot"}}})},
            {"next_contact", held_on.plus_days(7).iso()}};
}

} // namespace

TEST_CASE("conversations: a round table opened from the case is prefilled from the case's earlier records") {
    TestServer server;
    REQUIRE(server.started());
    const Case k = new_case(server, "s-conv-prefill", 20);
    // Two days ago a signed absence conversation (tasks, adjustments), yesterday a care
    // conversation's draft with other adjustments: newest first, drafts count (forms.md).
    push_record(server, k, "c-prefill-absence", "absence_conversation", today().plus_days(-2),
                absence_answers(today().plus_days(-2)), true);
    push_record(server, k, "c-prefill-care", "care_conversation", today().plus_days(-1),
                {{"meeting_date", today().plus_days(-1).iso()},
                 {"adjustments", json::array({{{"text", "Kortere arbejdsdage"}}})}},
                false);

    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);
    open_case(c, k);
    json s = c.state();
    // The case lists both records.
    CHECK(c.shows("case.conversation.open.c-prefill-absence"));
    CHECK(c.shows("case.conversation.open.c-prefill-care"));

    REQUIRE(c.click("case.conversations.new"));
    REQUIRE(c.click("case.conversations.new.round_table"));
    s = c.state();
    REQUIRE(s["screen"] == "conversation");
    const json conv = s["conversation"];
    CHECK(conv["template_id"] == "round_table");
    CHECK(conv["status"] == "draft");
    CHECK(conv["held_on"] == today().danish());
    const json& answers = conv["answers"];
    CHECK(answers["meeting_date"] == today().iso());
    // Seed 003 (Helsingør): the follow-up four weeks after the meeting.
    CHECK(answers["follow_up_date"] == today().plus_days(28).iso());
    // Tasks from the absence conversation (the care conversation has none), with their columns.
    CHECK(answers["tasks"] == json::array({{{"text", "Pakke ordrer"}, {"column", "with_adjustment"}},
                                           {{"text", "Truckkørsel"}, {"column", "cannot"}}}));
    // Adjustments from the newer care conversation.
    CHECK(answers["adjustments"] == json::array({{{"text", "Kortere arbejdsdage"}}}));
    // What belongs to one meeting is never copied.
    CHECK_FALSE(answers.contains("plan"));
    CHECK_FALSE(answers.contains("agreements"));
    CHECK(conv["prefilled"]["tasks"] == "Udfyldt fra Sygefraværssamtale " + today().plus_days(-2).danish());
    CHECK(conv["prefilled"]["adjustments"] == "Udfyldt fra Omsorgssamtale " + today().plus_days(-1).danish());
    CHECK(conv["prefilled"].size() == 2);
    // Opening is not a change: nothing is written until the user types.
    c.wait_ms(3000);
    s = c.state();
    CHECK(s["conversation"]["autosave"]["saves"] == 0);
    CHECK(server_record(server, s["conversation"]["record_id"]).is_null());
}

TEST_CASE("conversations: a draft is saved once after a pause, never per frame, and when the screen is left") {
    TestServer server;
    REQUIRE(server.started());
    const Case k = new_case(server, "s-conv-autosave", 20);
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);
    open_case(c, k);

    // "Hold samtale" on the 4-week step opens a new absence conversation.
    REQUIRE(c.click("timeline.conversation.absence_conversation"));
    json s = c.state();
    REQUIRE(s["screen"] == "conversation");
    REQUIRE(s["conversation"]["template_id"] == "absence_conversation");
    const std::string id = s["conversation"]["record_id"];

    const std::string text = "Tilbage om to uger, først halve dage.";
    c.type_into_long_text("absence_conversation", "return_how_when", text);
    const std::size_t sent = c.platform().requests_sent();
    for (int i = 0; i < 30; ++i)
        c.frame();
    s = c.state();
    CHECK(s["conversation"]["answers"]["return_how_when"] == text);
    CHECK(s["conversation"]["autosave"]["state"] == "unsaved");
    CHECK(s["conversation"]["autosave"]["saves"] == 0);
    CHECK(c.platform().requests_sent() == sent);
    c.wait_ms(1000);
    CHECK(c.state()["conversation"]["autosave"]["saves"] == 0);
    CHECK(server_record(server, id).is_null());

    c.wait_ms(600); // 1.6 s after the last change
    s = c.state();
    CHECK(s["conversation"]["autosave"]["saves"] == 1);
    CHECK(s["conversation"]["autosave"]["state"] == "synced");
    CHECK(s["conversation"]["autosave"]["saved_at"].get<std::string>().size() == 5); // hh:mm
    json stored = server_record(server, id);
    REQUIRE(stored.is_object());
    CHECK(stored["data"]["status"] == "draft");
    CHECK(stored["data"]["answers"]["return_how_when"] == text);
    CHECK(stored["data"]["spell_id"] == k.spell_id);

    // Idle: nothing more is written.
    for (int i = 0; i < 30; ++i)
        c.frame();
    c.wait_ms(5000);
    CHECK(c.state()["conversation"]["autosave"]["saves"] == 1);

    // The diagnosis guard warns on a diagnosis word, with the rule of Helbredsoplysningsloven § 2.
    const std::string limitation = "Har fået konstateret en depression og kan ikke koncentrere sig længe.";
    c.type_into_long_text("absence_conversation", "limitations", limitation);
    CHECK(c.shows("form.limitations.guard"));
    s = c.state();
    bool warned = false, rule = false;
    for (const auto& n : s["conversation"]["notices"]) {
        warned |= n.get<std::string>().find("\u201Cdepression\u201D") != std::string::npos;
        rule |= n.get<std::string>().find("§ 2") != std::string::npos;
    }
    CHECK(warned);
    CHECK(rule);

    // Leaving at once (no pause): the change is written on the way out.
    REQUIRE(c.click("conversation.back"));
    c.wait_ms(100);
    s = c.state();
    CHECK(s["screen"] == "employee");
    CHECK(c.shows("case.conversation.open." + id));
    stored = server_record(server, id);
    REQUIRE(stored.is_object());
    CHECK(stored["data"]["answers"]["limitations"] == limitation);
}

TEST_CASE("conversations: signing is refused while required fields are missing, then locks the record and meets "
          "the deadline") {
    TestServer server;
    REQUIRE(server.started());
    // Day 21: the absence conversation is due first + 28 = today + 8 (SDL § 7 a).
    const Case k = new_case(server, "s-conv-sign", 20);
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);
    open_case(c, k);
    const std::string conversation_key = k.spell_id + "/absence_conversation";
    CHECK(entry(c.state()["timeline"], "absence_conversation")["due"] == today().plus_days(8).iso());
    CHECK(todo(c.state(), conversation_key).is_object());

    REQUIRE(c.click("timeline.conversation.absence_conversation"));
    const std::string id = c.state()["conversation"]["record_id"];
    REQUIRE(c.click("conversation.sign"));
    json s = c.state();
    REQUIRE(s["conversation"]["signing"] == true);
    CHECK(s["conversation"]["sign"]["name"] == k.employee_name); // prefilled
    CHECK(s["conversation"]["sign"]["date"] == today().danish()); // the meeting date

    // Nothing filled in, no answer chosen: refused, and every missing field is named.
    REQUIRE(c.click("conversation.sign.confirm"));
    s = c.state();
    CHECK(s["conversation"]["status"] == "draft");
    const json sign_errors = s["conversation"]["sign_errors"];
    CHECK(contains(sign_errors, "sign_off.agreed"));
    CHECK(contains(sign_errors, "form"));
    CHECK(contains(sign_errors, "return_how_when"));
    CHECK(contains(sign_errors, "next_contact"));
    CHECK_FALSE(contains(sign_errors, "meeting_date")); // filled with the meeting day
    CHECK(contains(s["conversation"]["errors"], "return_how_when")); // also under the field
    CHECK_FALSE(s["errors"].empty());
    CHECK(server_record(server, id).is_null());

    // Disagreeing needs a comment.
    REQUIRE(c.click("conversation.sign.agreed.no"));
    REQUIRE(c.click("conversation.sign.confirm"));
    CHECK(contains(c.state()["conversation"]["sign_errors"], "sign_off.comment"));

    // Fill in what the law asks (how and when), the form of the meeting, an agreement and the next contact.
    REQUIRE(c.click("form.form.option.phone"));
    c.type_into_long_text("absence_conversation", "return_how_when", "Tilbage på nedsat tid om en uge.");
    // Still incomplete, the draft is saved meanwhile: only signing demands every required field.
    c.wait_ms(1600);
    s = c.state();
    CHECK(s["conversation"]["autosave"]["saves"] == 1);
    CHECK(s["conversation"]["autosave"]["state"] == "synced");
    CHECK(contains(s["conversation"]["errors"], "next_contact")); // still shown as missing
    c.type_date("form.next_contact", today().plus_days(14));
    REQUIRE(c.click("form.agreements.add"));
    c.type_text("form.agreements.0.text", "Sende forslag til nye opgaver");
    c.type_text("form.agreements.0.owner", "Bo Hansen");
    c.type_date("form.agreements.0.due", today().plus_days(3));
    REQUIRE(c.click("conversation.sign.agreed.yes"));
    REQUIRE(c.click("conversation.sign.confirm"));
    c.wait_ms(1000);
    s = c.state();
    REQUIRE_MESSAGE(s["conversation"]["status"] == "signed", s["conversation"].dump());
    CHECK(s["conversation"]["read_only"] == true);
    CHECK(s["conversation"]["sign_off"]["employee_name"] == k.employee_name);
    CHECK(s["conversation"]["sign_off"]["agreed"] == true);
    CHECK(s["conversation"]["sign_off"]["date"] == today().iso());

    // The server has it signed, stamped with the signed-in user.
    Session hr(server);
    REQUIRE(hr.login(hr_email, hr_password).status == 200);
    const json me = hr.get("/api/v1/auth/me").body["user"];
    const json stored = server_record(server, id);
    REQUIRE(stored.is_object());
    CHECK(stored["data"]["status"] == "signed");
    CHECK(stored["data"]["sign_off"]["recorded_by"] == me["id"]);
    CHECK(stored["data"]["sign_off"]["recorded_by_name"] == me["name"]);
    CHECK(stored["data"]["answers"]["agreements"] ==
          json::array({{{"text", "Sende forslag til nye opgaver"},
                        {"owner", "Bo Hansen"},
                        {"due", today().plus_days(3).iso()}}}));

    // Read-only: a click changes nothing, and no textarea is placed over the long texts.
    REQUIRE(c.click("form.form.option.video"));
    CHECK(c.state()["conversation"]["answers"]["form"] == "phone");
    CHECK(c.platform().visible_overlays().count("form-absence_conversation-return_how_when") == 0);
    CHECK_FALSE(c.shows("conversation.sign"));
    CHECK_FALSE(c.shows("conversation.delete"));

    // The case: the 4-week step is met on the meeting day by the record, and no longer a to-do.
    REQUIRE(c.click("conversation.back"));
    s = c.state();
    CHECK(entry(s["timeline"], "absence_conversation")["status"] == "met");
    CHECK(c.shows("timeline.record.absence_conversation"));
    CHECK_FALSE(c.shows("timeline.conversation.absence_conversation"));
    CHECK(todo(s, conversation_key).is_null());

    // Its agreement is a to-do on the home screen, due on the agreed day.
    const std::string agreement_key = agreement_todo_key(k.spell_id, id, 0);
    const json agreement = todo(s, agreement_key);
    REQUIRE(agreement.is_object());
    CHECK(agreement["source"] == "agreement");
    CHECK(agreement["due"] == today().plus_days(3).iso());
    CHECK(agreement["text"] == "Sende forslag til nye opgaver");
    CHECK(agreement["owner"] == "Bo Hansen");
    CHECK(agreement["record_id"] == id);
    REQUIRE(c.click("nav.home"));
    REQUIRE(c.click("home.todo.record." + agreement_key));
    CHECK(c.state()["screen"] == "conversation");
    CHECK(c.state()["conversation"]["record_id"] == id);
    REQUIRE(c.click("nav.home"));
    REQUIRE(c.click("home.todo.done." + agreement_key));
    REQUIRE(c.state()["screen"] == "mark_todo");
    REQUIRE(c.click("mark.save"));
    c.wait_ms(1000);
    s = c.state();
    CHECK(s["screen"] == "home");
    CHECK(todo(s, agreement_key).is_null());
    Session admin(server);
    REQUIRE(admin.login(admin_email, admin_password).status == 200);
    const Reply mark = admin.get("/api/v1/records/todo_done/" + todo_done_record_id(agreement_key));
    REQUIRE(mark.status == 200);
    CHECK(mark.body["data"]["todo_key"] == agreement_key);
    CHECK(mark.body["data"]["done_on"] == today().iso());
}

TEST_CASE("conversations: an amendment needs a reason and keeps the answer before, Cancel restores, opening is "
          "audited") {
    TestServer server;
    REQUIRE(server.started());
    const Case k = new_case(server, "s-conv-amend", 20);
    push_record(server, k, "c-amend", "absence_conversation", today().plus_days(-1),
                absence_answers(today().plus_days(-1)), true);
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);
    open_case(c, k);
    REQUIRE(c.click("case.conversation.open.c-amend"));
    json s = c.state();
    REQUIRE(s["screen"] == "conversation");
    CHECK(s["conversation"]["status"] == "signed");
    CHECK(s["conversation"]["read_only"] == true);
    CHECK(s["conversation"]["audited"] == true);

    // The read by id is in the audit log, with who read it.
    Session admin(server);
    REQUIRE(admin.login(admin_email, admin_password).status == 200);
    Session hr(server);
    REQUIRE(hr.login(hr_email, hr_password).status == 200);
    const json me = hr.get("/api/v1/auth/me").body["user"];
    // The server writes audit rows in batches: give it real time.
    bool read_logged = false;
    for (int attempt = 0; attempt < 100 && !read_logged; ++attempt) {
        const Reply audit = admin.get("/api/v1/admin/audit?record_id=c-amend");
        for (const auto& e : audit.body["entries"])
            read_logged |= e["action"] == "read" && e["user_id"] == me["id"] && e["record_type"] == "conversation_record";
        if (!read_logged) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(read_logged);

    // No reason: refused.
    REQUIRE(c.click("conversation.amend"));
    REQUIRE(c.state()["conversation"]["amending"] == true);
    REQUIRE(c.click("form.form.option.video"));
    CHECK(c.state()["conversation"]["answers"]["form"] == "video");
    REQUIRE(c.click("conversation.amend.save"));
    s = c.state();
    CHECK(contains(s["conversation"]["amend_errors"], "amendment.reason"));
    CHECK(s["conversation"]["amendments"] == 0);

    c.type_text("conversation.amend.reason", "Samtalen blev holdt på video, ikke telefon");
    REQUIRE(c.click("conversation.amend.save"));
    c.wait_ms(1000);
    s = c.state();
    CHECK(s["conversation"]["amending"] == false);
    CHECK(s["conversation"]["read_only"] == true);
    CHECK(s["conversation"]["amendments"] == 1);
    CHECK(c.shows("conversation.history.0"));
    const json stored = server_record(server, "c-amend");
    REQUIRE(stored.is_object());
    const json amendments = stored["data"]["amendments"];
    REQUIRE(amendments.size() == 1);
    CHECK(amendments[0]["changed"] == json::array({"form"}));
    CHECK(amendments[0]["answers_before"] == json{{"form", "phone"}});
    CHECK(amendments[0]["reason"] == "Samtalen blev holdt på video, ikke telefon");
    CHECK(amendments[0]["by"] == me["id"]);
    CHECK(stored["data"]["answers"]["form"] == "video");
    CHECK(stored["data"]["status"] == "signed");

    // Cancel puts the answers back.
    REQUIRE(c.click("conversation.amend"));
    REQUIRE(c.click("form.form.option.in_person"));
    CHECK(c.state()["conversation"]["answers"]["form"] == "in_person");
    REQUIRE(c.click("conversation.amend.cancel"));
    s = c.state();
    CHECK(s["conversation"]["answers"]["form"] == "video");
    CHECK(s["conversation"]["amending"] == false);

    // Nothing changed: nothing saved, and the user is told.
    REQUIRE(c.click("conversation.amend"));
    c.type_text("conversation.amend.reason", "Ingen ændring");
    REQUIRE(c.click("conversation.amend.save"));
    s = c.state();
    CHECK(s["conversation"]["amend_notice"] == "conversation.amend_nothing");
    CHECK(s["conversation"]["amendments"] == 1);
    CHECK(s["pending"] == 0);
}

TEST_CASE("conversations: the round table's PDF downloads with its Danish text, and Udskriv opens it in a tab") {
    TestServer server;
    REQUIRE(server.started());
    const Case k = new_case(server, "s-conv-pdf", 20);
    const Date held = today().plus_days(-1);
    // The employee sees themself as partly able in their own job (step 2), the employer as
    // temporarily unable (step 4): two steps apart.
    push_record(server, k, "c-pdf", "round_table", held,
                {{"meeting_date", held.iso()},
                 {"placement_employee", "partly_fit"},
                 {"placement_employer", "temporarily_unable"},
                 {"plan", "Starter med 15 timer om ugen på lageret."},
                 {"agreements", json::array({{{"text", "Aftale møde med jobcentret"},
                                              {"owner", "Fastholdelseskonsulent"},
                                              {"due", today().plus_days(10).iso()}}})},
                 {"follow_up_date", held.plus_days(28).iso()}},
                true);
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);
    open_case(c, k);
    REQUIRE(c.click("case.conversation.open.c-pdf"));
    json s = c.state();
    bool mismatch_shown = false;
    for (const auto& n : s["conversation"]["notices"])
        mismatch_shown |= n == "Placeringerne er 2 trin fra hinanden – tal om forskellen.";
    CHECK(mismatch_shown);

    REQUIRE(c.click("conversation.pdf"));
    const auto& downloads = c.platform().downloads();
    REQUIRE(downloads.size() == 1);
    CHECK(downloads[0].filename == "round_table-" + k.employee_number + "-" + held.danish() + ".pdf");
    CHECK(downloads[0].filename.find(k.employee_name) == std::string::npos);
    CHECK(downloads[0].mime_type == "application/pdf");
    CHECK(downloads[0].bytes.rfind("%PDF-", 0) == 0);
    CHECK(c.state()["conversation"]["downloads"] == 1);
    const std::string text = naervaer::test::pdftotext(downloads[0].bytes, "");
    CHECK(text.find("Rundbordssamtale") != std::string::npos);
    CHECK(text.find(k.employee_name) != std::string::npos);
    CHECK(text.find("Delvist arbejdsdygtig i eget job") != std::string::npos);
    CHECK(text.find("Midlertidigt uarbejdsdygtig") != std::string::npos);
    CHECK(text.find("Placeringerne er forskellige: 2 trin fra hinanden.") != std::string::npos);
    CHECK(text.find("Aftale møde med jobcentret") != std::string::npos);
    CHECK(text.find(held.danish()) != std::string::npos);
    CHECK(text.find("Side 1 af") != std::string::npos);
    CHECK(text.find("Underskrift") != std::string::npos);

    REQUIRE(c.click("conversation.print"));
    const auto& opened = c.platform().opened_documents();
    REQUIRE(opened.size() == 1);
    CHECK(opened[0].mime_type == "application/pdf");
    CHECK(opened[0].bytes.rfind("%PDF-", 0) == 0);
    CHECK(c.state()["conversation"]["printed"] == 1);
    CHECK(downloads.size() == 1); // printing is not another download

    // In English, the labels of the printout follow the UI.
    c.dispatch(action::SetLanguage{"en"});
    REQUIRE(c.click("conversation.pdf"));
    REQUIRE(downloads.size() == 2);
    const std::string english = naervaer::test::pdftotext(downloads[1].bytes, "");
    CHECK(english.find("Round-table meeting") != std::string::npos);
    CHECK(english.find("Page 1 of") != std::string::npos);
}

TEST_CASE("conversations: a draft written offline waits in the replica and reaches the server, and Slet kladde asks "
          "first") {
    TestServer server;
    REQUIRE(server.started());
    const Case k = new_case(server, "s-conv-offline", 20);
    TempDir storage;
    ClientHarness c(server, storage.path() / "storage.json");
    c.sign_in(hr_email, hr_password);
    open_case(c, k);
    c.platform().set_offline(true);

    REQUIRE(c.click("timeline.conversation.absence_conversation"));
    const std::string id = c.state()["conversation"]["record_id"];
    c.type_into_long_text("absence_conversation", "return_how_when", "Ringer igen på fredag.");
    c.wait_ms(1600);
    json s = c.state();
    CHECK(s["conversation"]["autosave"]["saves"] == 1);
    CHECK(s["conversation"]["autosave"]["state"] == "not_synced");
    CHECK(server_record(server, id).is_null());
    // In storage (the browser's IndexedDB): a reload would find it.
    bool in_storage = false;
    for (const auto& [key, value] : c.platform().stored())
        in_storage |= value.find(id) != std::string::npos && value.find("Ringer igen på fredag.") != std::string::npos;
    CHECK(in_storage);

    c.platform().set_offline(false);
    c.dispatch(action::SyncNow{});
    c.wait_ms(100);
    CHECK(c.state()["conversation"]["autosave"]["state"] == "synced");
    REQUIRE(server_record(server, id).is_object());

    // Deleting asks first; Cancel keeps it.
    REQUIRE(c.click("conversation.delete"));
    REQUIRE(c.shows("conversation.delete.confirm"));
    REQUIRE(c.click("conversation.delete.cancel"));
    CHECK_FALSE(c.shows("conversation.delete.confirm"));
    CHECK(c.state()["screen"] == "conversation");
    REQUIRE(c.click("conversation.delete"));
    REQUIRE(c.click("conversation.delete.confirm"));
    c.wait_ms(1000);
    s = c.state();
    CHECK(s["screen"] == "employee");
    CHECK_FALSE(c.shows("case.conversation.open." + id));
    CHECK(c.shows("case.conversations.new")); // the section is there, without the record
    CHECK(server_record(server, id).is_null());
}

TEST_CASE("conversations: a record signed offline is amended only once the signing has reached the server") {
    TestServer server;
    REQUIRE(server.started());
    const Case k = new_case(server, "s-conv-wait", 20);
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);
    open_case(c, k);
    c.platform().set_offline(true);

    REQUIRE(c.click("timeline.conversation.absence_conversation"));
    const std::string id = c.state()["conversation"]["record_id"];
    REQUIRE(c.click("form.form.option.in_person"));
    c.type_into_long_text("absence_conversation", "return_how_when", "Fuldt tilbage om to uger.");
    c.type_date("form.next_contact", today().plus_days(14));
    REQUIRE(c.click("conversation.sign"));
    REQUIRE(c.click("conversation.sign.agreed.yes"));
    REQUIRE(c.click("conversation.sign.confirm"));
    json s = c.state();
    REQUIRE(s["conversation"]["status"] == "signed");
    CHECK(s["pending"] == 1);

    // The server holds no signed version yet: an amendment could not be checked against it.
    REQUIRE(c.click("conversation.amend"));
    s = c.state();
    CHECK(s["conversation"]["amending"] == false);
    CHECK(s["conversation"]["amend_notice"] == "conversation.amend_wait_sync");
    CHECK(s["conversation"]["read_only"] == true);

    c.platform().set_offline(false);
    c.dispatch(action::SyncNow{});
    c.wait_ms(100);
    REQUIRE(c.state()["pending"] == 0);
    REQUIRE(server_record(server, id)["data"]["status"] == "signed");
    REQUIRE(c.click("conversation.amend"));
    s = c.state();
    CHECK(s["conversation"]["amending"] == true);
    CHECK(s["conversation"]["read_only"] == false);
    CHECK(s["conversation"]["amend_notice"] == "");
}
