// Fast-track referrals and contact requests (record type "referral") and the jobcentre's inbox:
// every boundary tried from the wrong side (docs/api.md "Jobcentre", docs/referrals.md).
#include "auth/passwords.hpp"
#include "auth/tokens.hpp"
#include "cli.hpp"
#include "http/api_router.hpp"
#include "referral_helpers.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_db.hpp"

#include <sqlite3.h>

#include <fstream>
#include <iterator>
#include <map>

using namespace naervaer::testing;
using nlohmann::json;
namespace demo_ids = naervaer::server::demo;

namespace {

const std::string fast_track_id(demo_ids::fast_track_referral_id);         // to Hjørring, meeting booked (Lager)
const std::string herning_request_id(demo_ids::herning_contact_request_id); // to Herning, not acknowledged
const std::string closed_request_id(demo_ids::closed_contact_request_id);  // to Hjørring, closed, no scope

// The referral's record in a pull since `since`, or null.
json pulled_referral(const Session& session, const std::string& id, long long since = 0) {
    const Reply pull = session.get("/api/v1/sync?since=" + std::to_string(since));
    REQUIRE_MESSAGE(pull.status == 200, pull.raw);
    for (const auto& record : pull.body["changes"])
        if (record["id"] == id) return record;
    return nullptr;
}

// An employee of Produktion living in `municipality` with a long case starting `first_day`.
void employee_with_case(const Session& hr, const std::string& employee_id, const std::string& spell_id,
                        const std::string& first_day, const std::string& municipality = "860") {
    const Reply pushed = hr.push(json::array({employee_change(employee_id, "Åse Ørum", "demo-dept-produktion", municipality),
                                              long_case_change(spell_id, employee_id, first_day)}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
}

long long accepted_rev(const Reply& reply, const std::string& id) {
    for (const auto& a : reply.body["accepted"])
        if (a["id"] == id) return a["rev"].get<long long>();
    return -1;
}

} // namespace

TEST_CASE("referrals: login and /auth/me tell a consultant's client the municipality and the jobcentre kind") {
    TestServer server;
    REQUIRE(server.started());
    Session consultant(server);
    const Reply login = consultant.login(std::string(demo_ids::consultant_hjoerring_email),
                                         std::string(demo_ids::consultant_password));
    REQUIRE(login.status == 200);
    CHECK(login.body["user"]["role"] == "consultant");
    CHECK(login.body["user"]["municipality_code"] == "860");
    CHECK(login.body["organisation"]["kind"] == "jobcenter");
    CHECK(login.body["organisation"]["name"] == "Jobcenter Hjørring");
    const Reply me = consultant.get("/api/v1/auth/me");
    REQUIRE(me.status == 200);
    CHECK(me.body["user"]["municipality_code"] == "860");
    CHECK(me.body["organisation"]["kind"] == "jobcenter");

    Session hr = demo_hr(server);
    const json hr_me = hr.get("/api/v1/auth/me").body;
    CHECK(hr_me["organisation"]["kind"] == "employer");
    CHECK_FALSE(hr_me["user"].contains("municipality_code"));
}

TEST_CASE("referrals: a consultant cannot sync, read records by id or use admin routes (403)") {
    TestServer server;
    REQUIRE(server.started());
    Session consultant = demo_consultant_hjoerring(server);
    const Reply pull = consultant.get("/api/v1/sync?since=0");
    CHECK(pull.status == 403);
    CHECK(pull.error_code() == "forbidden");
    const Reply push = consultant.push(json::array({referral_change(fast_track_id, json::object(), 1)}));
    CHECK(push.status == 403);
    CHECK(push.error_code() == "forbidden");
    CHECK(consultant.get("/api/v1/records/referral/" + fast_track_id).status == 403);
    CHECK(consultant.get("/api/v1/admin/users").status == 403);
    CHECK(consultant.get("/api/v1/admin/audit").status == 403);
    CHECK(consultant.patch("/api/v1/admin/organisation", {{"name", "Overtaget"}}).status == 403);
}

TEST_CASE("referrals: employer roles get 403 on every jobcentre route") {
    TestServer server;
    REQUIRE(server.started());
    for (Session session : {demo_admin(server), demo_hr(server), demo_leader(server)}) {
        CHECK(session.get("/api/v1/jobcenter/inbox").status == 403);
        CHECK(session.get("/api/v1/jobcenter/referrals/" + fast_track_id).status == 403);
        const Reply act = session.post(action_path(fast_track_id), {{"action", "close"}});
        CHECK(act.status == 403);
        CHECK(act.error_code() == "forbidden");
    }
}

TEST_CASE("referrals: each consultant's inbox holds only their municipality's sent referrals, open first") {
    TestServer server;
    REQUIRE(server.started());
    Session hjoerring = demo_consultant_hjoerring(server);
    const Reply open = hjoerring.get("/api/v1/jobcenter/inbox");
    REQUIRE_MESSAGE(open.status == 200, open.raw);
    CHECK(open.body["municipality"] == json({{"code", "860"}, {"name", "Hjørring"}, {"jobcenter", "Jobcenter Hjørring"}}));
    CHECK(inbox_ids(open) == std::set<std::string>{fast_track_id});
    const json& item = open.body["items"][0];
    CHECK(item["organisation"]["name"] == "Vendsyssel Emballage ApS");
    CHECK(item["organisation"]["cvr"] == "38172948");
    CHECK(item["data"]["status"] == "meeting_booked");
    CHECK(item["data"]["kind"] == "fast_track");
    CHECK(item["rev"].get<long long>() > 0);
    CHECK(inbox_ids(hjoerring.get("/api/v1/jobcenter/inbox?status=closed")) == std::set<std::string>{closed_request_id});
    const Reply all = hjoerring.get("/api/v1/jobcenter/inbox?status=all");
    REQUIRE(all.body["items"].size() == 2);
    CHECK(all.body["items"][0]["id"] == fast_track_id); // open before closed
    CHECK(all.body["items"][1]["id"] == closed_request_id);

    Session herning = demo_consultant_herning(server);
    const Reply herning_inbox = herning.get("/api/v1/jobcenter/inbox?status=all");
    CHECK(inbox_ids(herning_inbox) == std::set<std::string>{herning_request_id});
    CHECK(herning_inbox.body["items"][0]["data"]["status"] == "sent");

    const Reply bad = herning.get("/api/v1/jobcenter/inbox?status=everything");
    CHECK(bad.status == 400);
    CHECK(bad.body["error"]["fields"].contains("status"));
}

TEST_CASE("referrals: another municipality's referral, an employer's other record and a missing id all answer 404") {
    TestServer server;
    REQUIRE(server.started());
    Session herning = demo_consultant_herning(server);
    const Reply read = herning.get("/api/v1/jobcenter/referrals/" + fast_track_id);
    const Reply missing = herning.get("/api/v1/jobcenter/referrals/no-such-referral");
    const Reply employee = herning.get("/api/v1/jobcenter/referrals/demo-emp-02");
    const Reply conversation = herning.get("/api/v1/jobcenter/referrals/demo-conv-1001");
    for (const Reply* reply : {&read, &missing, &employee, &conversation}) {
        CHECK(reply->status == 404);
        CHECK(reply->body == missing.body); // exactly like a missing id
    }
    const Reply act = herning.post(action_path(fast_track_id), {{"action", "close"}, {"note", "Ikke vores"}});
    CHECK(act.status == 404);
    CHECK(act.body == herning.post(action_path("no-such-referral"), {{"action", "close"}}).body);

    // Nothing changed: the right consultant still sees it booked.
    Session hjoerring = demo_consultant_hjoerring(server);
    const Reply own = hjoerring.get("/api/v1/jobcenter/referrals/" + fast_track_id);
    REQUIRE(own.status == 200);
    CHECK(own.body["data"]["status"] == "meeting_booked");
    CHECK(own.body["id"] == fast_track_id);
}

TEST_CASE("referrals: HR of another organisation cannot read, overwrite or delete the demo's referral (404)") {
    TestServer server;
    REQUIRE(server.started());
    const OtherOrganisation other = create_other_organisation(server);
    Session b = login(server, other.admin_email, other.admin_password);
    CHECK(b.get("/api/v1/records/referral/" + fast_track_id).status == 404);
    CHECK_FALSE(pulled_ids(b).count(fast_track_id));
    const Reply overwrite = b.push(json::array({referral_change(
        fast_track_id, contact_request_data("", "860", "Vi vil gerne tale med jobcentret.", "draft"), 0)}));
    CHECK(overwrite.status == 404);
    CHECK(b.push(json::array({delete_change("referral", fast_track_id, 1)})).status == 404);
    Session hr = demo_hr(server);
    CHECK(read_record(hr, "referral", fast_track_id)["data"]["status"] == "meeting_booked");
}

TEST_CASE("referrals: team leaders cannot write referrals and read only those about their departments' employees") {
    TestServer server;
    REQUIRE(server.started());
    Session leader = demo_leader(server);
    const std::set<std::string> seen = pulled_ids(leader);
    CHECK(seen.count(fast_track_id) == 1);      // demo-emp-11, Lager
    CHECK(seen.count(herning_request_id) == 0); // demo-emp-26, Administration
    CHECK(seen.count(closed_request_id) == 0);  // about nobody: admin and HR only
    CHECK(leader.get("/api/v1/records/referral/" + fast_track_id).status == 200);
    CHECK(leader.get("/api/v1/records/referral/" + closed_request_id).status == 404);
    CHECK(leader.get("/api/v1/records/referral/" + herning_request_id).status == 404);

    const Reply draft = leader.push(json::array({referral_change(
        "leader-ref", contact_request_data(employee_in_produktion, "860", "Kan I hjælpe os?", "draft"))}));
    CHECK(draft.status == 403);
    const json stored = read_record(leader, "referral", fast_track_id);
    json withdraw = stored["data"];
    withdraw["status"] = "closed";
    CHECK(leader.push(json::array({referral_change(fast_track_id, withdraw, stored["rev"])})).status == 403);

    // When the Administration employee moves into Lager, their contact request follows.
    Session admin = demo_admin(server);
    const long long cursor = leader.get("/api/v1/sync?since=0").body["cursor"];
    move_employee(admin, "demo-emp-26", "demo-dept-lager");
    CHECK(pulled_ids(leader, cursor).count(herning_request_id) == 1);
    CHECK(leader.get("/api/v1/records/referral/" + herning_request_id).status == 200);
}

TEST_CASE("referrals: a draft is in no inbox and no consultant can read or act on it") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    const Reply pushed = hr.push(json::array({referral_change(
        "draft-ref", contact_request_data(employee_in_produktion, "860", "Udkast, ikke sendt endnu.", "draft"))}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
    Session hjoerring = demo_consultant_hjoerring(server);
    CHECK(inbox_ids(hjoerring.get("/api/v1/jobcenter/inbox?status=all")).count("draft-ref") == 0);
    CHECK(hjoerring.get("/api/v1/jobcenter/referrals/draft-ref").status == 404);
    CHECK(hjoerring.post(action_path("draft-ref"), {{"action", "acknowledge"}}).status == 404);
    const auto file = server.config().data_dir / "naervaer.sqlite3";
    CHECK(count_rows(file, "SELECT COUNT(*) FROM jobcenter_inbox WHERE record_id = 'draft-ref'") == 0);

    // Deleting a draft is allowed and logged without content.
    CHECK(hr.push(json::array({delete_change("referral", "draft-ref", accepted_rev(pushed, "draft-ref"))})).status ==
          200);
    CHECK(count_rows(file, "SELECT COUNT(*) FROM deletion_log WHERE record_id = 'draft-ref' AND reason = 'deleted'") ==
          1);
}

TEST_CASE("referrals: sending stamps the server-owned fields whatever the client sent, and fills the inbox") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    json data = contact_request_data(employee_in_kundeservice, "860", "Medarbejderen har ondt i ryggen ved kassen.",
                                     "sent");
    // Tampered: server-owned fields a client has no business setting.
    data["sent_on"] = "2020-01-01";
    data["acknowledged_on"] = "2020-01-02";
    data["answer"] = "Alt er godkendt";
    data["employer"] = {{"organisation_id", "org_other"}, {"name", "Falsk A/S"}, {"cvr", "12345674"}};
    data["history"] = json::array({{{"status", "closed"},
                                    {"at", "2020-01-01T00:00:00Z"},
                                    {"on", "2020-01-01"},
                                    {"side", "jobcenter"},
                                    {"by_name", "Ingen"},
                                    {"note", ""}}});
    const Reply pushed = hr.push(json::array({referral_change("sent-ref", data)}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
    const json stored = read_record(hr, "referral", "sent-ref")["data"];
    CHECK(stored["status"] == "sent");
    CHECK(stored["sent_on"] == danish_day(0));
    CHECK((!stored.contains("acknowledged_on") || stored["acknowledged_on"].is_null()));
    CHECK(stored.value("answer", "") == "");
    CHECK(stored["employer"]["organisation_id"] == "org_demo");
    CHECK(stored["employer"]["name"] == "Vendsyssel Emballage ApS");
    REQUIRE(stored["history"].size() == 1);
    CHECK(stored["history"][0]["status"] == "sent");
    CHECK(stored["history"][0]["side"] == "employer");
    CHECK(stored["history"][0]["by_name"] == "Henriette Bach");

    Session hjoerring = demo_consultant_hjoerring(server);
    const Reply inbox = hjoerring.get("/api/v1/jobcenter/inbox");
    REQUIRE(inbox_ids(inbox).count("sent-ref") == 1);
    CHECK(inbox.body["items"][0]["id"] == "sent-ref"); // unacknowledged first

    // Once sent it cannot be deleted (422) nor have its form changed, only be withdrawn.
    const long long rev = accepted_rev(pushed, "sent-ref");
    const Reply deleted = hr.push(json::array({delete_change("referral", "sent-ref", rev)}));
    CHECK(deleted.status == 422);
    CHECK(refused_field(deleted, "status")["code"] == "sent_locked");
    json changed = read_record(hr, "referral", "sent-ref")["data"];
    changed["answers"]["situation"] = "Noget andet";
    const Reply locked = hr.push(json::array({referral_change("sent-ref", changed, rev)}));
    CHECK(locked.status == 422);
    CHECK(refused_field(locked, "answers")["code"] == "locked");

    json withdraw = read_record(hr, "referral", "sent-ref")["data"];
    withdraw["status"] = "closed";
    withdraw["withdraw_note"] = "Medarbejderen er rask igen";
    const Reply withdrawn = hr.push(json::array({referral_change("sent-ref", withdraw, rev)}));
    REQUIRE_MESSAGE(withdrawn.status == 200, withdrawn.raw);
    CHECK(inbox_ids(hjoerring.get("/api/v1/jobcenter/inbox")).count("sent-ref") == 0);
    CHECK(inbox_ids(hjoerring.get("/api/v1/jobcenter/inbox?status=closed")).count("sent-ref") == 1);
    const Reply late = hjoerring.post(action_path("sent-ref"), {{"action", "acknowledge"}});
    CHECK(late.status == 422);
    CHECK(late.body["error"]["fields"]["action"]["code"] == "invalid_transition");
}

TEST_CASE("referrals: a fast track sent on day 36 is refused as not eligible, on day 35 it is accepted") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    // First sick day 35 days ago: today is day 36, one day past the window (first day + 34).
    employee_with_case(hr, "ft-late", "ft-late-case", danish_day(-35));
    const Reply late = hr.push(json::array({referral_change(
        "ft-late-ref", fast_track_data("ft-late", "ft-late-case", "860",
                                       fast_track_answers("Åse Ørum", danish_day(-35), danish_day(0)), "sent",
                                       danish_day(0)))}));
    CHECK(late.status == 422);
    CHECK(late.error_code() == "fast_track_not_eligible");
    const json field = refused_field(late, "spell_id");
    REQUIRE(field.is_object());
    CHECK(field["code"] == "fast_track_not_eligible");
    CHECK(field["blocks"] == json::array({"window_closed"}));
    CHECK(field["absence_day"] == 36);
    CHECK(field["last_day"] == danish_day(-1));
    CHECK(hr.get("/api/v1/records/referral/ft-late-ref").status == 404); // nothing written

    // The same case, asked in NemRefusion yesterday (day 35) by a device that only syncs today.
    const Reply offline = hr.push(json::array({referral_change(
        "ft-offline-ref", fast_track_data("ft-late", "ft-late-case", "860",
                                          fast_track_answers("Åse Ørum", danish_day(-35), danish_day(-1)), "sent",
                                          danish_day(-1)))}));
    CHECK_MESSAGE(offline.status == 200, offline.raw);

    // First sick day 34 days ago: today is day 35, the last day of the window.
    employee_with_case(hr, "ft-ok", "ft-ok-case", danish_day(-34));
    const Reply ok = hr.push(json::array({referral_change(
        "ft-ok-ref", fast_track_data("ft-ok", "ft-ok-case", "860",
                                     fast_track_answers("Åse Ørum", danish_day(-34), danish_day(0)), "sent",
                                     danish_day(0)))}));
    REQUIRE_MESSAGE(ok.status == 200, ok.raw);
    CHECK(read_record(hr, "referral", "ft-ok-ref")["data"]["fast_track_requested_on"] == danish_day(0));
    Session hjoerring = demo_consultant_hjoerring(server);
    CHECK(inbox_ids(hjoerring.get("/api/v1/jobcenter/inbox")).count("ft-ok-ref") == 1);

    // A case expected back within 8 weeks is not eligible either, on any day.
    json back_soon = spell_change("ft-soon-case", "ft-ok", danish_day(-60), danish_day(-40));
    REQUIRE(hr.push(json::array({back_soon})).status == 200);
    const Reply ended = hr.push(json::array({referral_change(
        "ft-soon-ref", fast_track_data("ft-ok", "ft-soon-case", "860",
                                       fast_track_answers("Åse Ørum", danish_day(-60), danish_day(0)), "sent",
                                       danish_day(0)))}));
    CHECK(ended.status == 422);
    CHECK(ended.error_code() == "fast_track_not_eligible");

    // A case with a referral is not deleted by accident.
    const json stored_case = read_record(hr, "absence_spell", "ft-ok-case");
    const Reply remove = hr.push(json::array({delete_change("absence_spell", "ft-ok-case", stored_case["rev"])}));
    CHECK(remove.status == 422);
    CHECK(refused_field(remove, "id")["code"] == "has_referrals");
}

TEST_CASE("referrals: the case and the template are checked (another employee's case, a changed template)") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    employee_with_case(hr, "chk-emp", "chk-case", danish_day(-10));
    // demo-emp-11's ongoing case is not chk-emp's.
    const std::string other_case = read_record(hr, "referral", fast_track_id)["data"]["spell_id"].get<std::string>();
    const Reply wrong_case = hr.push(json::array({referral_change(
        "chk-1", fast_track_data("chk-emp", other_case, "860", json::object(), "draft", std::nullopt))}));
    CHECK(wrong_case.status == 422);
    CHECK(refused_field(wrong_case, "spell_id")["code"] == "unknown_reference");
    const Reply no_employee = hr.push(json::array({referral_change(
        "chk-2", fast_track_data("nobody", "chk-case", "860", json::object(), "draft", std::nullopt))}));
    CHECK(no_employee.status == 422);
    CHECK(refused_field(no_employee, "employee_id")["code"] == "unknown_reference");

    json changed = fast_track_data("chk-emp", "chk-case", "860", json::object(), "draft", std::nullopt);
    changed["template_snapshot"]["sections"][0]["fields"][0]["label_da"] = "Diagnose";
    const Reply template_changed = hr.push(json::array({referral_change("chk-3", changed)}));
    CHECK(template_changed.status == 422);
    CHECK(refused_field(template_changed, "template_snapshot")["code"] == "mismatch");

    json wrong_shape = fast_track_data("chk-emp", "chk-case", "860", json::object(), "draft", std::nullopt);
    wrong_shape["answers"] = "alt";
    CHECK(hr.push(json::array({referral_change("chk-4", wrong_shape)})).status == 400);

    const Reply unknown_municipality = hr.push(json::array({referral_change(
        "chk-5", contact_request_data("chk-emp", "999", "Spørgsmål til jobcentret.", "sent"))}));
    CHECK(unknown_municipality.status == 422);
    CHECK(refused_field(unknown_municipality, "municipality_code")["code"] == "unknown_municipality");

    const Reply draft = hr.push(json::array({referral_change(
        "chk-6", fast_track_data("chk-emp", "chk-case", "860", json::object(), "draft", std::nullopt))}));
    CHECK_MESSAGE(draft.status == 200, draft.raw);
}

TEST_CASE("referrals: a consultant's actions reach the employer's next pull with a higher rev, and are audited") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    Session herning = demo_consultant_herning(server);
    const json before = read_record(hr, "referral", herning_request_id);
    const long long cursor = hr.get("/api/v1/sync?since=0").body["cursor"];

    const Reply acknowledged = herning.post(action_path(herning_request_id), {{"action", "acknowledge"}});
    REQUIRE_MESSAGE(acknowledged.status == 200, acknowledged.raw);
    CHECK(acknowledged.body["data"]["status"] == "received");
    CHECK(acknowledged.body["data"]["acknowledged_on"] == danish_day(0));
    CHECK(acknowledged.body["rev"].get<long long>() > before["rev"].get<long long>());

    const json meeting = {{"date", danish_day(3)}, {"time", "10:00"}, {"place", "Jobcenter Herning"},
                          {"participants", "Ole, Henriette Bach, Jesper Lund"}};
    const Reply booked = herning.post(action_path(herning_request_id), {{"action", "book_meeting"}, {"meeting", meeting}});
    REQUIRE_MESSAGE(booked.status == 200, booked.raw);

    const json pulled = pulled_referral(hr, herning_request_id, cursor);
    REQUIRE(pulled.is_object());
    CHECK(pulled["rev"].get<long long>() > cursor);
    CHECK(pulled["rev"] == booked.body["rev"]);
    CHECK(pulled["updated_by"] == "u_demo_konsulent_657");
    CHECK(pulled["data"]["status"] == "meeting_booked");
    CHECK(pulled["data"]["meeting"]["place"] == "Jobcenter Herning");
    const json& history = pulled["data"]["history"];
    REQUIRE(history.size() == 3);
    CHECK(history[1]["status"] == "received");
    CHECK(history[1]["side"] == "jobcenter");
    CHECK(history[1]["by_name"] == "Jesper Lund");
    CHECK(history[2]["status"] == "meeting_booked");

    // A read, an inbox listing and the actions, each audited in the employer's log, without content.
    REQUIRE(herning.get("/api/v1/jobcenter/referrals/" + herning_request_id).status == 200);
    REQUIRE(herning.get("/api/v1/jobcenter/inbox").status == 200);
    Session admin = demo_admin(server);
    const Reply audit = admin.get("/api/v1/admin/audit?record_id=" + herning_request_id);
    REQUIRE_MESSAGE(audit.status == 200, audit.raw);
    std::map<std::string, int> actions;
    for (const auto& entry : audit.body["entries"]) {
        if (entry["user_id"] != "u_demo_konsulent_657") continue;
        ++actions[entry["action"].get<std::string>()];
        const std::string detail = entry["detail"].dump();
        CHECK(detail.find("Ole") == std::string::npos); // no content
        CHECK(detail.find("Jobcenter Herning") == std::string::npos);
    }
    CHECK(actions["read"] == 1);
    CHECK(actions["jobcenter_action"] == 2);
    CHECK(actions["jobcenter_inbox"] == 1);
}

TEST_CASE("referrals: wrong action bodies answer 400 or 422 naming the field, and change nothing") {
    TestServer server;
    REQUIRE(server.started());
    Session herning = demo_consultant_herning(server);
    const std::string path = action_path(herning_request_id);
    const Reply wrong_type = herning.post(path, {{"action", 5}});
    CHECK(wrong_type.status == 400);
    CHECK(action_field_code(wrong_type, "action") == "type");
    const Reply missing = herning.post(path, json::object());
    CHECK(missing.status == 422);
    CHECK(action_field_code(missing, "action") == "required");
    CHECK(herning.post(path, {{"action", "dance"}}).status / 100 == 4);
    const Reply extra = herning.post(path, {{"action", "acknowledge"}, {"text", "hej"}});
    CHECK(extra.status == 422);
    CHECK(action_field_code(extra, "text") == "unknown_key");
    const Reply no_meeting = herning.post(path, {{"action", "book_meeting"}});
    CHECK(no_meeting.status == 422);
    CHECK(action_field_code(no_meeting, "meeting") == "required");
    const Reply bad_meeting = herning.post(
        path, {{"action", "book_meeting"}, {"meeting", {{"date", "30-11-2026"}, {"place", "Her"}, {"participants", "Vi"}}}});
    CHECK(bad_meeting.status / 100 == 4);
    CHECK_FALSE(action_field_code(bad_meeting, "meeting.date").empty());
    const Reply meeting_type = herning.post(path, {{"action", "book_meeting"}, {"meeting", "i morgen"}});
    CHECK(meeting_type.status == 400);
    // Booking before acknowledging is not a transition the jobcentre may make from "sent".
    const Reply early = herning.post(path, {{"action", "book_meeting"},
                                           {"meeting", {{"date", danish_day(2)}, {"place", "Her"}, {"participants", "Vi"}}}});
    CHECK(early.status == 422);
    CHECK(action_field_code(early, "action") == "invalid_transition");
    // A contact request has no legal first conversation.
    const Reply not_fast_track = herning.post(path, {{"action", "first_conversation"}, {"date", danish_day(0)}});
    CHECK(not_fast_track.status == 422);
    CHECK(action_field_code(not_fast_track, "action") == "not_fast_track");
    // No CSRF token: refused before anything is read.
    Session no_csrf = demo_consultant_herning(server);
    no_csrf.send_csrf = false;
    CHECK(no_csrf.post(path, {{"action", "acknowledge"}}).error_code() == "csrf");

    Session hr = demo_hr(server);
    CHECK(read_record(hr, "referral", herning_request_id)["data"]["status"] == "sent");
    // Acknowledging twice is refused the second time.
    REQUIRE(herning.post(path, {{"action", "acknowledge"}}).status == 200);
    const Reply twice = herning.post(path, {{"action", "acknowledge"}});
    CHECK(twice.status == 422);
    CHECK(action_field_code(twice, "action") == "invalid_transition");
}

TEST_CASE("referrals: the demo's referrals were made with the shared rules, and Herning's acknowledgement is overdue") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    const json fast_track = read_record(hr, "referral", fast_track_id)["data"];
    naervaer::ValidationResult errors;
    const naervaer::ReferralRecord referral = naervaer::decode_referral(fast_track, fast_track_id, errors);
    REQUIRE(errors.ok());
    CHECK(referral.kind == naervaer::ReferralKind::fast_track);
    CHECK(referral.status == naervaer::ReferralStatus::meeting_booked);
    CHECK(referral.municipality_code == "860");
    CHECK(referral.employee_id == "demo-emp-11");
    REQUIRE(referral.meeting.has_value());
    CHECK(referral.meeting->date > *referral.sent_on);
    CHECK_FALSE(referral.first_conversation_on.has_value());
    // Asked yesterday, on day 16 of the case (first day 16 days ago), and sent that day.
    REQUIRE(referral.fast_track_requested_on.has_value());
    CHECK(referral.fast_track_requested_on->iso() == day(-1));
    CHECK(referral.sent_on == referral.fast_track_requested_on);
    CHECK(referral.acknowledged_on == referral.sent_on);
    REQUIRE(referral.history.size() == 3); // sent, received, meeting booked
    CHECK(referral.history[0].side == naervaer::ReferralActor::employer);
    CHECK(referral.history[2].by_name == "Karina Thomsen");
    // The case's fast-track to-do is marked done on the request day.
    const std::string key = referral.spell_id + "/fast_track_window";
    const json mark = read_record(hr, "todo_done", naervaer::todo_done_record_id(key));
    CHECK(mark["data"]["done_on"] == day(-1));
    CHECK(read_record(hr, "absence_spell", referral.spell_id)["data"]["employee_id"] == "demo-emp-11");

    // Herning promised to acknowledge the same working day (seed 001); the request from the last
    // working day before today is not acknowledged.
    const json herning = read_record(hr, "referral", herning_request_id)["data"];
    const naervaer::ReferralRecord request = naervaer::decode_referral(herning, herning_request_id, errors);
    REQUIRE(errors.ok());
    CHECK(request.status == naervaer::ReferralStatus::sent);
    CHECK(request.municipality_code == "657");
    const auto dates = naervaer::referral_dates(request);
    REQUIRE(dates.has_value());
    std::ifstream file(std::string(NAERVAER_ASSETS_DIR) + "/jobcenter/service_standards.json");
    const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    const auto standards = naervaer::parse_service_standards(text);
    REQUIRE(standards.ok());
    const naervaer::Date today = *naervaer::Date::parse_iso(danish_day(0));
    bool overdue = false;
    for (const auto& indicator : naervaer::service_indicators(*dates, today, *standards.standards))
        if (indicator.id == "acknowledged_same_working_day") overdue = indicator.status == naervaer::IndicatorStatus::overdue;
    CHECK(overdue);
    // The employees' home municipalities: most in Hjørring, some in Frederikshavn and Herning.
    CHECK(read_record(hr, "employee", "demo-emp-01")["data"]["home_municipality"] == "860");
    CHECK(read_record(hr, "employee", "demo-emp-08")["data"]["home_municipality"] == "813");
    CHECK(read_record(hr, "employee", "demo-emp-26")["data"]["home_municipality"] == "657");
}

TEST_CASE("referrals: an employer's admin cannot create a consultant, provisioning creates a jobcentre") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    const Reply created = admin.post("/api/v1/admin/users",
                                     {{"email", "k@example.dk"}, {"name", "Konsulent"}, {"role", "consultant"}});
    CHECK(created.status == 422);
    CHECK(created.body["error"]["fields"].contains("role"));

    naervaer::server::OrganisationSetup setup;
    setup.kind = "jobcenter";
    setup.municipality_code = "813";
    setup.users.push_back({"konsulent@frederikshavn.example", "Lone Kure", "consultant", "frederikshavn-pw", {}});
    std::string error;
    const auto jobcenter = naervaer::server::create_organisation(server.config(), setup, error);
    REQUIRE_MESSAGE(jobcenter.has_value(), error);
    Session consultant = login(server, "konsulent@frederikshavn.example", "frederikshavn-pw");
    const json me = consultant.get("/api/v1/auth/me").body;
    CHECK(me["organisation"]["kind"] == "jobcenter");
    CHECK(me["organisation"]["name"] == "Jobcenter Frederikshavn");
    CHECK(me["user"]["municipality_code"] == "813");
    const Reply inbox = consultant.get("/api/v1/jobcenter/inbox?status=all");
    REQUIRE(inbox.status == 200);
    CHECK(inbox.body["items"].empty());

    // A consultant in an employer, an admin in a jobcentre, an unknown code: refused.
    naervaer::server::OrganisationSetup wrong = setup;
    wrong.municipality_code = "999";
    wrong.users = {{"a@x.example", "A", "consultant", "long-enough-pw", {}}};
    CHECK_FALSE(naervaer::server::create_organisation(server.config(), wrong, error).has_value());
    wrong.municipality_code = "813";
    wrong.users = {{"b@x.example", "B", "admin", "long-enough-pw", {}}};
    CHECK_FALSE(naervaer::server::create_organisation(server.config(), wrong, error).has_value());
    naervaer::server::OrganisationSetup employer;
    employer.name = "Skagen Is ApS";
    employer.cvr = "38172948";
    employer.municipality = "Frederikshavn";
    employer.users = {{"c@x.example", "C", "consultant", "long-enough-pw", {}}};
    CHECK_FALSE(naervaer::server::create_organisation(server.config(), employer, error).has_value());

    // The command line: --create-jobcenter with its consultants.
    const auto no_env = [](const char*) -> const char* { return nullptr; };
    const auto parsed = naervaer::server::parse_command_line(
        {"--create-jobcenter", "657", "--consultant", "a@herning.example:Anne Lund"}, no_env, error);
    REQUIRE(parsed.has_value());
    CHECK(parsed->create_jobcenter == "657");
    REQUIRE(parsed->consultants.size() == 1);
    CHECK(parsed->consultants[0].email == "a@herning.example");
    CHECK(parsed->consultants[0].name == "Anne Lund");
    CHECK_FALSE(naervaer::server::parse_command_line({"--create-jobcenter", "65"}, no_env, error).has_value());
    CHECK_FALSE(naervaer::server::parse_command_line({"--consultant", "a@b.example:A"}, no_env, error).has_value());
    CHECK_FALSE(naervaer::server::parse_command_line({"--create-jobcenter", "657", "--consultant", "no-colon"}, no_env,
                                                     error)
                    .has_value());
}

TEST_CASE("migration: a version 3 database keeps users, team leaders' departments and sessions in version 4") {
    namespace sq = naervaer::server::sqlite;
    TempDir dir;
    const auto data_dir = dir.path() / "data";
    std::filesystem::create_directories(data_dir);
    const auto file = data_dir / "naervaer.sqlite3";
    const std::string token = "a-session-token-from-before-the-upgrade";
    const naervaer::server::PasswordHasher hasher(naervaer::server::PasswordHashCost::minimal_for_tests);
    // Every record row as text, tombstones included: what "nothing changed" is compared on.
    const auto dump_records = [](sq::Connection& db) {
        std::vector<std::string> rows;
        auto q = db.use("SELECT id, org_id, type, rev, updated_at, updated_by, deleted, data, scope_department,"
                        " employee_id FROM records ORDER BY id");
        while (q->step()) {
            std::string row;
            for (int column = 0; column < 10; ++column)
                row += (q->is_null(column) ? std::string("NULL") : q->text(column)) + "|";
            rows.push_back(row);
        }
        return rows;
    };
    std::vector<std::string> records_before;
    {
        sq::Connection db(file);
        db.exec("PRAGMA foreign_keys = ON");
        sq::migrate(db, sq::embedded_migrations().first(3));
        const long long far_future = 4102444800; // 2100-01-01
        db.exec("INSERT INTO organisations (id, name, cvr, municipality, created_at) VALUES ('org_v3', 'Gammel A/S',"
                " '38172948', 'Hjørring', '2024-01-01T00:00:00Z');"
                "INSERT INTO organisation_revs (org_id, rev) VALUES ('org_v3', 1);"
                "INSERT INTO records VALUES ('dep', 'org_v3', 'department', 1, '2024-01-01T00:00:00Z', 'u', 0,"
                " '{\"name\":\"Lager\"}', NULL, NULL);"
                "INSERT INTO records VALUES ('c-1', 'org_v3', 'conversation_record', 2, 't', 'u', 0, '{}', 'dep',"
                " 'emp');"
                "INSERT INTO records VALUES ('sp-gone', 'org_v3', 'absence_spell', 3, 't', 'u', 1, '{}', 'dep', 'emp');"
                "UPDATE organisation_revs SET rev = 3 WHERE org_id = 'org_v3';");
        records_before = dump_records(db);
        REQUIRE(records_before.size() == 3);
        auto user = db.use("INSERT INTO users (id, org_id, email, name, role, active, must_change_password,"
                           " password_hash, created_at, updated_at) VALUES (?, 'org_v3', ?, ?, ?, 1, 0, ?, 't', 't')");
        const std::string leader_hash = hasher.hash("leader-password");
        user->bind(1, std::string("u_leader"));
        user->bind(2, std::string("leder@gammel.example"));
        user->bind(3, std::string("Lene Leder"));
        user->bind(4, std::string("team_leader"));
        user->bind(5, leader_hash);
        user->run();
        db.exec("INSERT INTO user_departments (user_id, department_id) VALUES ('u_leader', 'dep')");
        auto session = db.use("INSERT INTO sessions (token_hash, user_id, org_id, csrf_token, created_at, expires_at)"
                              " VALUES (?, 'u_leader', 'org_v3', 'csrf-before', 1700000000, ?)");
        session->bind(1, naervaer::server::sha256_hex(token));
        session->bind(2, static_cast<int64_t>(far_future));
        session->run();
        // Version 3 knows no consultants.
        bool refused = false;
        try {
            db.exec("INSERT INTO users (id, org_id, email, name, role, password_hash, created_at, updated_at)"
                    " VALUES ('u_c', 'org_v3', 'c@x.example', 'C', 'consultant', 'h', 't', 't')");
        } catch (const sq::SqliteError&) {
            refused = true;
        }
        CHECK(refused);
    }

    TestServer server([&](naervaer::server::Config& c) {
        c.data_dir = data_dir;
        c.demo = false;
    });
    REQUIRE(server.started()); // applies version 4
    CHECK(count_rows(file, "SELECT MAX(version) FROM schema_migrations") == 4);
    CHECK(count_rows(file, "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('new_users', 'saved_sessions',"
                           " 'saved_user_departments')") == 0);
    CHECK(count_rows(file, "SELECT COUNT(*) FROM organisations WHERE id = 'org_v3' AND kind = 'employer'") == 1);

    // The session made before the upgrade still works, with the leader's department.
    Session before(server);
    before.set_cookie(std::string(naervaer::server::session_cookie_name) + "=" + token);
    const Reply me = before.get("/api/v1/auth/me");
    REQUIRE_MESSAGE(me.status == 200, me.raw);
    CHECK(me.body["user"]["id"] == "u_leader");
    CHECK(me.body["user"]["department_ids"] == json::array({"dep"}));
    CHECK(me.body["csrf_token"] == "csrf-before");
    CHECK(me.body["organisation"]["kind"] == "employer");
    // And the password too.
    Session again = login(server, "leder@gammel.example", "leader-password");
    CHECK(pulled_ids(again).count("dep") == 1);

    // A consultant needs a municipality; no other role has one.
    sq::Connection db(file);
    db.exec("PRAGMA foreign_keys = ON");
    CHECK(dump_records(db) == records_before);
    CHECK(count_rows(file, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records'"
                           " AND name IN ('records_org_rev', 'records_org_employee')") == 2);
    const auto fails = [&](const char* sql) {
        try {
            db.exec(sql);
        } catch (const sq::SqliteError&) {
            return true;
        }
        return false;
    };
    CHECK(fails("INSERT INTO users (id, org_id, email, name, role, password_hash, created_at, updated_at)"
                " VALUES ('u_c1', 'org_v3', 'c1@x.example', 'C', 'consultant', 'h', 't', 't')"));
    CHECK(fails("INSERT INTO users (id, org_id, email, name, role, password_hash, created_at, updated_at,"
                " municipality_code) VALUES ('u_c2', 'org_v3', 'c2@x.example', 'C', 'hr', 'h', 't', 't', '860')"));
    CHECK(fails("INSERT INTO users (id, org_id, email, name, role, password_hash, created_at, updated_at,"
                " municipality_code) VALUES ('u_c3', 'org_v3', 'c3@x.example', 'C', 'consultant', 'h', 't', 't',"
                " '86x')"));
    CHECK(fails("INSERT INTO jobcenter_inbox VALUES ('r', 'org_v3', '860', 'fast_track', 'draft', '2026-01-01', 't')"));
    CHECK_FALSE(fails("INSERT INTO users (id, org_id, email, name, role, password_hash, created_at, updated_at,"
                      " municipality_code) VALUES ('u_c4', 'org_v3', 'c4@x.example', 'C', 'consultant', 'h', 't', 't',"
                      " '860')"));
    CHECK(fails("INSERT INTO records VALUES ('ref', 'org_v3', 'referral', 3, 't', 'u', 0, '{}', NULL, NULL)"));
    CHECK(fails("INSERT INTO records VALUES ('x', 'org_v3', 'note', 9, 't', 'u', 0, '{}', NULL, NULL)"));
    CHECK_FALSE(fails("INSERT INTO records VALUES ('ref', 'org_v3', 'referral', 7, 't', 'u', 0, '{}', NULL, NULL)"));
    CHECK_FALSE(fails("INSERT INTO records VALUES ('pol', 'org_v3', 'policy_version', 8, 't', 'u', 0, '{}', NULL,"
                      " NULL)"));
}

TEST_CASE("referrals: a fast track goes to the employee's home municipality, which must be known") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    // Lives in Hjørring (860), sent to København (101): refused, nothing written.
    employee_with_case(hr, "rt-home", "rt-home-case", danish_day(-10));
    const auto send_to = [&](const std::string& ref, const std::string& employee, const std::string& spell,
                             const std::string& municipality) {
        return hr.push(json::array({referral_change(
            ref, fast_track_data(employee, spell, municipality,
                                 fast_track_answers("Åse Ørum", danish_day(-10), danish_day(0)), "sent",
                                 danish_day(0)))}));
    };
    const Reply elsewhere = send_to("rt-ref-1", "rt-home", "rt-home-case", "101");
    CHECK(elsewhere.status == 422);
    CHECK(refused_field(elsewhere, "municipality_code")["code"] == "not_home_municipality");
    CHECK(hr.get("/api/v1/records/referral/rt-ref-1").status == 404);
    Session copenhagen_nobody = demo_consultant_hjoerring(server);
    CHECK(inbox_ids(copenhagen_nobody.get("/api/v1/jobcenter/inbox?status=all")).count("rt-ref-1") == 0);
    // A draft may name any municipality; sending it elsewhere is what is refused.
    CHECK(hr.push(json::array({referral_change(
                      "rt-draft", fast_track_data("rt-home", "rt-home-case", "101",
                                                  fast_track_answers("Åse Ørum", danish_day(-10), danish_day(0)),
                                                  "draft", std::nullopt))}))
              .status == 200);

    // No home municipality on the employee: the request cannot be routed.
    employee_with_case(hr, "rt-none", "rt-none-case", danish_day(-10), "");
    const Reply unknown = send_to("rt-ref-2", "rt-none", "rt-none-case", "860");
    CHECK(unknown.status == 422);
    CHECK(refused_field(unknown, "municipality_code")["code"] == "home_municipality_unknown");

    // Home: accepted.
    CHECK(send_to("rt-ref-3", "rt-home", "rt-home-case", "860").status == 200);
}

TEST_CASE("referrals: a contact request about an employee goes to their home or the employer's jobcentre") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    // The demo employer is in Hjørring; the employee lives in Frederikshavn (813).
    employee_with_case(hr, "cr-away", "cr-away-case", danish_day(-10), "813");
    const auto send_to = [&](const std::string& ref, const std::string& employee, const std::string& municipality) {
        return hr.push(json::array(
            {referral_change(ref, contact_request_data(employee, municipality, "Ønsker råd om delvis raskmelding.", "sent"))}));
    };
    CHECK(send_to("cr-ref-home", "cr-away", "813").status == 200);
    CHECK(send_to("cr-ref-own", "cr-away", "860").status == 200);
    const Reply other = send_to("cr-ref-other", "cr-away", "101");
    CHECK(other.status == 422);
    CHECK(refused_field(other, "municipality_code")["code"] == "not_home_municipality");
    // About nobody: the employer's question may go to any jobcentre.
    CHECK(send_to("cr-ref-nobody", "", "101").status == 200);
}

TEST_CASE("referrals: a request date more than 7 days back is refused, one open fast track per case") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    employee_with_case(hr, "rd-emp", "rd-case", danish_day(-20));
    const auto send = [&](const std::string& ref, const std::string& requested_on) {
        return hr.push(json::array({referral_change(
            ref, fast_track_data("rd-emp", "rd-case", "860",
                                 fast_track_answers("Åse Ørum", danish_day(-20), danish_day(0)), "sent",
                                 requested_on))}));
    };
    // Day 21 of the case. Asked in NemRefusion 8 days ago (day 13): within the window then, but
    // too far back to start the jobcentre's 2-week clock now.
    const Reply old = send("rd-ref-old", danish_day(-8));
    CHECK(old.status == 422);
    const json field = refused_field(old, "fast_track_requested_on");
    CHECK(field["code"] == "request_date_too_old");
    CHECK(field["message"].get<std::string>().find(naervaer::Date::parse_iso(danish_day(-7))->danish()) !=
          std::string::npos);
    // 7 days back is the limit: accepted.
    REQUIRE(send("rd-ref-1", danish_day(-7)).status == 200);
    // A second request for the same case while the first is open: refused.
    const Reply twice = send("rd-ref-2", danish_day(0));
    CHECK(twice.status == 422);
    CHECK(refused_field(twice, "spell_id")["code"] == "already_requested");
    // Closed by the jobcentre: the case may be asked about again.
    Session hjoerring = demo_consultant_hjoerring(server);
    REQUIRE(hjoerring.post(action_path("rd-ref-1"), json{{"action", "close"}}).status == 200);
    CHECK(send("rd-ref-3", danish_day(0)).status == 200);
}

TEST_CASE("referrals: a meeting is booked ahead, and the meeting object takes no unknown keys") {
    TestServer server;
    REQUIRE(server.started());
    // The demo's contact request to Herning was sent on the last working day before today.
    Session hr = demo_hr(server);
    const std::string sent_on = read_record(hr, "referral", herning_request_id)["data"]["sent_on"];
    REQUIRE(sent_on < danish_day(0));
    Session herning = demo_consultant_herning(server);
    REQUIRE(herning.post(action_path(herning_request_id), json{{"action", "acknowledge"}}).status == 200);
    const auto book = [&](json meeting) {
        return herning.post(action_path(herning_request_id),
                            json{{"action", "book_meeting"}, {"meeting", std::move(meeting)}});
    };
    // The day it was sent is not before it was sent, but it is in the past.
    const Reply past = book({{"date", sent_on}, {"place", "Jobcentret"}, {"participants", "Åse, HR"}});
    CHECK(past.status == 422);
    CHECK(action_field_code(past, "meeting.date") == "meeting_in_past");
    const Reply extra =
        book({{"date", danish_day(2)}, {"place", "Jobcentret"}, {"participants", "Åse, HR"}, {"room", 4}});
    CHECK(extra.status == 422);
    CHECK(action_field_code(extra, "meeting.room") == "unknown_key");
    CHECK(read_record(hr, "referral", herning_request_id)["data"]["status"] == "received"); // nothing changed
    CHECK(book({{"date", danish_day(0)}, {"place", "Jobcentret"}, {"participants", "Åse, HR"}}).status == 200);
}

TEST_CASE("referrals: an employee with an open referral is not deleted, closed referrals go with the employee") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    employee_with_case(hr, "del-emp", "del-case", danish_day(-10));
    REQUIRE(hr.push(json::array({referral_change(
                        "del-ref", fast_track_data("del-emp", "del-case", "860",
                                                   fast_track_answers("Åse Ørum", danish_day(-10), danish_day(0)),
                                                   "sent", danish_day(0)))}))
                .status == 200);
    const json employee = read_record(hr, "employee", "del-emp");
    const Reply remove = hr.push(json::array({delete_change("employee", "del-emp", employee["rev"])}));
    CHECK(remove.status == 422);
    CHECK(refused_field(remove, "id")["code"] == "employee_has_records");
    CHECK(read_record(hr, "employee", "del-emp")["deleted"] == false);
    // The jobcentre still reads it, and the employer can still withdraw it.
    Session hjoerring = demo_consultant_hjoerring(server);
    CHECK(hjoerring.get("/api/v1/jobcenter/referrals/del-ref").status == 200);
    json withdrawn = read_record(hr, "referral", "del-ref");
    json data = withdrawn["data"];
    data["status"] = "closed";
    REQUIRE(hr.push(json::array({referral_change("del-ref", data, withdrawn["rev"])})).status == 200);
    // Closed, it no longer keeps the employee: deleting them takes the closed referral along, with
    // a row in the deletion log, and the jobcentre can no longer read it.
    const json now_employee = read_record(hr, "employee", "del-emp");
    const Reply gone = hr.push(json::array({delete_change("employee", "del-emp", now_employee["rev"])}));
    CHECK_MESSAGE(gone.status == 200, gone.raw);
    CHECK(hr.get("/api/v1/records/referral/del-ref").status == 404);
    CHECK(hjoerring.get("/api/v1/jobcenter/referrals/del-ref").status == 404);
    const Reply deletions = demo_admin(server).get("/api/v1/admin/deletions");
    bool logged = false;
    for (const json& row : deletions.body["deletions"])
        logged = logged || (row["record_id"] == "del-ref" && row["type"] == "referral");
    CHECK_MESSAGE(logged, deletions.raw);

    // An employee with nothing attached is deleted as before.
    REQUIRE(hr.push(json::array({employee_change("del-free", "Bo Berg", "demo-dept-produktion", "860")})).status == 200);
    const json free = read_record(hr, "employee", "del-free");
    CHECK(hr.push(json::array({delete_change("employee", "del-free", free["rev"])})).status == 200);
}
