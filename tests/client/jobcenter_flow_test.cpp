// The jobcentre's consultant in the client, by clicks against the real server (docs/referrals.md,
// "The jobcentre's inbox"): a consultant signs in to the inbox of their own municipality and the
// client never syncs nor keeps anything on the device; the filter; acknowledge, book a meeting,
// answer and close, with the employer's record following each step; field errors of the client and
// of the server shown next to the fields; overdue service indicators sorted first and counted;
// offline, the inbox says it needs a connection.
#include "client_harness.hpp"

#include "app/templates.hpp"

#include <naervaer/calendar.hpp>
#include <naervaer/date.hpp>
#include <naervaer/referral_record.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace naervaer;
using namespace naervaer::client;
using namespace naervaer::testing;
using nlohmann::json;

namespace {

const std::string hjoerring_email{server::demo::consultant_hjoerring_email};
const std::string herning_email{server::demo::consultant_herning_email};
const std::string consultant_password{server::demo::consultant_password};
const std::string demo_fast_track{server::demo::fast_track_referral_id};
const std::string demo_herning{server::demo::herning_contact_request_id};
const std::string demo_closed{server::demo::closed_contact_request_id};

Date today() {
    return *Date::parse_iso(local_today_iso());
}

const FormTemplate& contact_form() {
    static const LoadedTemplates loaded = load_embedded_templates();
    const FormTemplate* form = loaded.find("contact_request");
    REQUIRE(form != nullptr);
    return *form;
}

// A contact request about nobody in particular, sent by HR of the demo organisation to the
// jobcentre of `municipality` through sync, as the employer's client does.
void send_contact_request(const TestServer& server, const std::string& id, const std::string& municipality,
                          const std::string& situation) {
    Session hr(server);
    REQUIRE(hr.login(hr_email, hr_password).status == 200);
    ReferralRecord r = new_referral(contact_form(), ReferralKind::contact_request, id, "", "", municipality);
    r.answers = {{"contact_name", "Bente Hansen"},
                 {"contact_phone", "98 12 34 56"},
                 {"subject", "general"},
                 {"situation", situation}};
    r.status = ReferralStatus::sent;
    const Reply pushed = hr.push(json::array(
        {{{"type", "referral"}, {"id", id}, {"base_rev", 0}, {"deleted", false}, {"data", to_json(r)}}}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
    REQUIRE_MESSAGE(pushed.body["accepted"].size() == 1, pushed.raw);
}

// The referral as the employer's organisation holds it (HR reads it by id).
json employer_record(const TestServer& server, const std::string& id) {
    Session hr(server);
    REQUIRE(hr.login(hr_email, hr_password).status == 200);
    const Reply reply = hr.get("/api/v1/records/referral/" + id);
    REQUIRE_MESSAGE(reply.status == 200, reply.raw);
    return reply.body["data"];
}

json item(const json& state, const std::string& id) {
    for (const auto& i : state["jobcenter"]["items"])
        if (i["id"] == id) return i;
    return nullptr;
}

std::vector<std::string> item_ids(const json& state) {
    std::vector<std::string> ids;
    for (const auto& i : state["jobcenter"]["items"])
        ids.push_back(i["id"].get<std::string>());
    return ids;
}

json indicator(const json& indicators, const std::string& id) {
    for (const auto& i : indicators)
        if (i["id"] == id) return i;
    return nullptr;
}

bool shows_error(const json& state, const std::string& text) {
    for (const auto& e : state["errors"])
        if (e.get<std::string>().find(text) != std::string::npos) return true;
    return false;
}

void type_over(ClientHarness& c, const std::string& anchor, const std::string& text) {
    REQUIRE_MESSAGE(c.click(anchor), anchor);
    c.press(ImGuiKey_End);
    for (int i = 0; i < 40; ++i)
        c.press(ImGuiKey_Backspace);
    c.type(text);
}

} // namespace

TEST_CASE("jobcenter: a consultant lands on the inbox of their municipality, and nothing syncs or is stored") {
    TestServer server;
    REQUIRE(server.started());
    ClientHarness c(server, {});
    c.sign_in(hjoerring_email, consultant_password);
    json s = c.state();
    REQUIRE(s["screen"] == "jobcenter_inbox");
    CHECK(s["user"]["role"] == "consultant");
    CHECK(s["jobcenter"]["jobcenter"] == "Jobcenter Hjørring");
    CHECK(s["jobcenter"]["municipality_code"] == "860");
    CHECK(s["jobcenter"]["filter"] == "open");

    // Hjørring's open referral is there; Herning's is not, and the closed one only under "all".
    const json fast_track = item(s, demo_fast_track);
    REQUIRE(fast_track.is_object());
    CHECK(fast_track["kind"] == "fast_track");
    CHECK(fast_track["status"] == "meeting_booked");
    CHECK(fast_track["employer"] == std::string(server::demo::organisation_name));
    CHECK(item(s, demo_herning).is_null());
    CHECK(item(s, demo_closed).is_null());
    for (const auto& i : s["jobcenter"]["items"])
        CHECK(i["status"] != "closed");
    // Hjørring signed no service standards of its own (seed 001 is West Jutland's): the portal's
    // default targets (acknowledged the same working day, a meeting within 5 working days), then
    // the legal first conversation of fast track, due 14 days after the request (SDL § 13 b stk. 2).
    REQUIRE(fast_track["indicators"].size() == 3);
    CHECK(fast_track["indicators"][0]["id"] == "acknowledged_same_working_day");
    CHECK(fast_track["indicators"][1]["id"] == "meeting_within_5_working_days");
    const json first = fast_track["indicators"][2];
    CHECK(first["id"] == "first_conversation_within_2_weeks");
    const json stored = employer_record(server, demo_fast_track);
    const Date requested = *Date::parse_iso(stored["fast_track_requested_on"].get<std::string>());
    const Date due = requested.plus_days(14);
    CHECK(first["due"] == due.iso());
    if (stored["first_conversation_on"].is_string()) {
        CHECK(first["badge"] == "Første samtale: overholdt");
    } else if (due >= today()) {
        const int left = working_days_between(today(), due);
        CHECK(first["status"] == "open");
        CHECK(first["badge"] == (left == 0   ? std::string("Første samtale: i dag")
                                 : left == 1 ? std::string("Første samtale: 1 arbejdsdag tilbage")
                                             : "Første samtale: " + std::to_string(left) + " arbejdsdage tilbage"));
    }

    REQUIRE(c.click("inbox.filter.all"));
    s = c.state();
    CHECK(s["jobcenter"]["filter"] == "all");
    REQUIRE(item(s, demo_closed).is_object());
    CHECK(item(s, demo_closed)["status"] == "closed");
    CHECK(item(s, demo_herning).is_null());
    // Closed after open.
    const auto ids = item_ids(s);
    CHECK(std::find(ids.begin(), ids.end(), demo_fast_track) < std::find(ids.begin(), ids.end(), demo_closed));
    REQUIRE(c.click("inbox.filter.closed"));
    s = c.state();
    CHECK(item(s, demo_fast_track).is_null());
    CHECK(item(s, demo_closed).is_object());

    // No employer screens: no to-dos, no employees; their actions do nothing.
    CHECK_FALSE(s["items"].contains("nav.home"));
    CHECK_FALSE(s["items"].contains("nav.employees"));
    CHECK(s["items"].contains("nav.inbox"));
    c.dispatch(action::ShowEmployees{});
    c.dispatch(action::ShowHome{});
    CHECK(c.state()["screen"] == "jobcenter_inbox");

    // Never synced, nothing kept on the device (no replica, no cached profile).
    s = c.state();
    CHECK(s["last_sync"].is_null());
    CHECK(s["last_error"] == "");
    for (const auto& [key, value] : c.platform().stored())
        CHECK_MESSAGE(key == "preferences/language", key);
    // Idle: no polling. A minute later not one request more, and no frame is asked for.
    const std::size_t sent = c.platform().requests_sent();
    const auto requests = s["jobcenter"]["requests"].get<int>();
    c.wait_ms(60'000);
    CHECK(c.platform().requests_sent() == sent);
    CHECK(c.state()["jobcenter"]["requests"] == requests);
    c.frame();
    CHECK_FALSE(c.platform().take_frame_request());

    // Another municipality's referral answers like a missing one.
    c.dispatch(action::Jobcenter{action::Jobcenter::Op::open_referral, demo_herning});
    s = c.state();
    CHECK(s["screen"] == "jobcenter_referral");
    CHECK_FALSE(s["jobcenter"]["detail"].contains("status"));
    CHECK(s["jobcenter"]["detail"]["error"] != "");
}

TEST_CASE("jobcenter: Herning's consultant sees Herning's request only, the overdue one first and counted") {
    TestServer server;
    REQUIRE(server.started());
    // Two new requests to Herning today: "t-a" gets acknowledged and a meeting, "t-b" nothing.
    send_contact_request(server, "t-a-herning", "657", "Medarbejder i risiko for sygemelding.");
    send_contact_request(server, "t-b-herning", "657", "Spørgsmål om delvis raskmelding.");
    send_contact_request(server, "t-c-hjoerring", "860", "Til Hjørring.");

    ClientHarness c(server, {});
    c.sign_in(herning_email, consultant_password);
    json s = c.state();
    REQUIRE(s["screen"] == "jobcenter_inbox");
    CHECK(s["jobcenter"]["jobcenter"] == "Jobcenter Herning");
    CHECK(item(s, demo_fast_track).is_null());
    CHECK(item(s, "t-c-hjoerring").is_null());
    REQUIRE(item(s, demo_herning).is_object());
    REQUIRE(item(s, "t-a-herning").is_object());

    // The demo's request was sent on the last working day before today and not acknowledged:
    // Herning promised the same working day (seed 001), so it is overdue by exactly one working day
    // (today, or the first working day after it when today is none: never 0).
    const json old = item(s, demo_herning);
    CHECK(old["overdue"] == true);
    const json ack = indicator(old["indicators"], "acknowledged_same_working_day");
    REQUIRE(ack.is_object());
    CHECK(ack["status"] == "overdue");
    CHECK(ack["badge"] == "Kvittering: overskredet med 1 arbejdsdag");
    // The meeting is due on the 5th working day after it was received: 4 working days left when
    // today is the first working day after that, 5 when today is a weekend or holiday before it.
    const json meeting = indicator(old["indicators"], "meeting_within_5_working_days");
    REQUIRE(meeting.is_object());
    CHECK(meeting["status"] == "open");
    const int left = is_working_day(today()) ? 4 : 5;
    CHECK(meeting["badge"] == "Møde: " + std::to_string(left) + " arbejdsdage tilbage");
    // Today's requests: acknowledgement due today.
    const json fresh = item(s, "t-a-herning");
    CHECK(fresh["overdue"] == false);
    if (is_working_day(today()))
        CHECK(indicator(fresh["indicators"], "acknowledged_same_working_day")["badge"] == "Kvittering: i dag");
    CHECK(s["jobcenter"]["overdue_count"] == 1);
    CHECK(item_ids(s).front() == demo_herning);
    CHECK(s["items"].contains("inbox.overdue"));

    // "t-a" is acknowledged today and gets its meeting on the suggested day (the standard's due
    // date); then the inbox is looked at ten days later (the client's clock). "t-b" and the demo's
    // are overdue and come first, the longest overdue at the top, although "t-a" was sent on the
    // same day as "t-b" and sorts before it otherwise.
    REQUIRE(c.click("inbox.row.t-a-herning"));
    REQUIRE(c.state()["screen"] == "jobcenter_referral");
    REQUIRE(c.click("jobcenter.action.acknowledge"));
    CHECK(c.state()["jobcenter"]["detail"]["status"] == "received");
    REQUIRE(c.click("jobcenter.action.book_meeting"));
    // The suggested date is the meeting standard's due day: the 5th working day after today
    // (after the next working day when today is none).
    const Date received = is_working_day(today()) ? today() : add_working_days(today(), 1);
    CHECK(c.state()["jobcenter"]["detail"]["indicators"].is_array());
    CHECK(indicator(c.state()["jobcenter"]["detail"]["indicators"], "meeting_within_5_working_days")["due"] ==
          add_working_days(received, 5).iso());
    type_over(c, "jobcenter.field.place", "Virksomheden, Gullestrup");
    type_over(c, "jobcenter.field.participants", "Medarbejder, leder, konsulent");
    REQUIRE(c.click("jobcenter.submit"));
    s = c.state();
    REQUIRE_MESSAGE(s["jobcenter"]["detail"]["status"] == "meeting_booked", s["jobcenter"]["detail"].dump());
    REQUIRE(c.click("jobcenter.back"));

    c.platform().set_today_iso(today().plus_days(10).iso());
    c.frame();
    c.settle();
    s = c.state();
    const json a = item(s, "t-a-herning");
    const json b = item(s, "t-b-herning");
    const json d = item(s, demo_herning);
    CHECK(b["overdue"] == true);
    CHECK(d["overdue"] == true);
    CHECK(a["overdue"] == false);
    CHECK(s["jobcenter"]["overdue_count"] == 2);
    const auto ids = item_ids(s);
    REQUIRE(ids.size() == 3);
    CHECK(ids[0] == demo_herning); // overdue longest (sent before today)
    CHECK(ids[1] == "t-b-herning");
    CHECK(ids[2] == "t-a-herning");
    // Ten calendar days after a due day hold more than one working day: the badge counts them.
    const int overdue_days = -indicator(b["indicators"], "acknowledged_same_working_day")["working_days_left"].get<int>();
    CHECK(overdue_days == working_days_between(received, today().plus_days(10)));
    CHECK(overdue_days > 1);
    CHECK(indicator(b["indicators"], "acknowledged_same_working_day")["badge"] ==
          "Kvittering: overskredet med " + std::to_string(overdue_days) + " arbejdsdage");
}

TEST_CASE("jobcenter: acknowledge, book a meeting, answer and close: the employer's record follows") {
    TestServer server;
    REQUIRE(server.started());
    const std::string id = "t-roundtrip";
    send_contact_request(server, id, "860", "Vi vil gerne tale om fastholdelse af en medarbejder.");

    ClientHarness c(server, {});
    c.sign_in(hjoerring_email, consultant_password);
    json s = c.state();
    REQUIRE(item(s, id).is_object());
    CHECK(item(s, id)["status"] == "sent");
    CHECK(item(s, id)["kind"] == "contact_request");
    CHECK(item(s, id)["sent_on"] == today().iso());

    REQUIRE(c.click("inbox.row." + id));
    s = c.state();
    REQUIRE(s["screen"] == "jobcenter_referral");
    CHECK(s["jobcenter"]["detail"]["form_shown"] == true);
    CHECK(s["jobcenter"]["detail"]["actions"] == json::array({"acknowledge", "close"}));
    // The form read-only: its fields shown, the situation among them.
    CHECK(c.shows("form.situation"));

    REQUIRE(c.click("jobcenter.action.acknowledge"));
    s = c.state();
    CHECK(s["jobcenter"]["detail"]["status"] == "received");
    CHECK(s["jobcenter"]["detail"]["acknowledged_on"] == today().iso());
    CHECK(s["toast"] == "Henvendelsen er opdateret");
    CHECK(employer_record(server, id)["status"] == "received");
    CHECK(s["jobcenter"]["detail"]["actions"] == json::array({"book_meeting", "answer", "close"}));

    // Book a meeting: a date that is no date is the client's error; an empty place the server's
    // (422, shown under the field); a date before the request was sent the server's too.
    REQUIRE(c.click("jobcenter.action.book_meeting"));
    s = c.state();
    CHECK(s["jobcenter"]["detail"]["panel"] == "book_meeting");
    type_over(c, "jobcenter.field.date", "32-13-2026");
    REQUIRE(c.click("jobcenter.submit"));
    s = c.state();
    CHECK(s["jobcenter"]["detail"]["field_errors"].contains("meeting.date"));
    CHECK(shows_error(s, "Ugyldig dato"));
    CHECK(s["jobcenter"]["detail"]["status"] == "received");

    type_over(c, "jobcenter.field.date", today().plus_days(-3).danish());
    type_over(c, "jobcenter.field.place", "Jobcentret, Hjørring");
    type_over(c, "jobcenter.field.participants", "Medarbejder, HR, konsulent");
    REQUIRE(c.click("jobcenter.submit"));
    s = c.state();
    CHECK(s["jobcenter"]["detail"]["status"] == "received");
    CHECK(s["jobcenter"]["detail"]["field_errors"].contains("meeting.date"));
    CHECK(s["jobcenter"]["detail"]["error"] != "");
    CHECK(employer_record(server, id)["status"] == "received");

    const Date meeting_day = add_working_days(today(), 3);
    type_over(c, "jobcenter.field.date", meeting_day.danish());
    type_over(c, "jobcenter.field.time", "10:30");
    type_over(c, "jobcenter.field.place", "");
    REQUIRE(c.click("jobcenter.submit"));
    s = c.state();
    CHECK(s["jobcenter"]["detail"]["status"] == "received");
    CHECK(s["jobcenter"]["detail"]["field_errors"].contains("meeting.place"));
    CHECK(s["errors"].size() >= 1);

    type_over(c, "jobcenter.field.place", "Jobcentret, Hjørring");
    REQUIRE(c.click("jobcenter.submit"));
    s = c.state();
    REQUIRE_MESSAGE(s["jobcenter"]["detail"]["status"] == "meeting_booked", s["jobcenter"]["detail"].dump());
    CHECK(s["jobcenter"]["detail"]["panel"] == "");
    CHECK(s["jobcenter"]["detail"]["meeting"]["date"] == meeting_day.iso());
    CHECK(s["jobcenter"]["detail"]["meeting"]["time"] == "10:30");
    CHECK(s["jobcenter"]["detail"]["meeting"]["place"] == "Jobcentret, Hjørring");
    CHECK(s["jobcenter"]["detail"]["meeting"]["participants"] == "Medarbejder, HR, konsulent");
    json stored = employer_record(server, id);
    CHECK(stored["status"] == "meeting_booked");
    CHECK(stored["meeting"]["date"] == meeting_day.iso());
    // The inbox was read again after the action.
    CHECK(item(s, id)["status"] == "meeting_booked");

    // Answer (the textarea), then close with a note.
    REQUIRE(c.click("jobcenter.action.answer"));
    const std::string answer = "Vi kontakter jer i morgen og foreslår en rundbordssamtale.";
    REQUIRE(c.shows("jobcenter.field.text"));
    REQUIRE(c.platform().visible_overlays().count("referral-answer-" + id) == 1);
    c.platform().type_into_overlay("referral-answer-" + id, answer);
    c.frame();
    REQUIRE(c.click("jobcenter.submit"));
    s = c.state();
    CHECK(s["jobcenter"]["detail"]["status"] == "answered");
    CHECK(s["jobcenter"]["detail"]["answer"] == answer);
    CHECK(employer_record(server, id)["answer"] == answer);

    REQUIRE(c.click("jobcenter.action.close"));
    type_over(c, "jobcenter.field.note", "Afsluttet efter mødet");
    REQUIRE(c.click("jobcenter.submit"));
    s = c.state();
    CHECK(s["jobcenter"]["detail"]["status"] == "closed");
    CHECK(s["jobcenter"]["detail"]["actions"] == json::array());
    stored = employer_record(server, id);
    CHECK(stored["status"] == "closed");
    // sent, received, meeting booked, answered, closed: one event each, the note on the last.
    REQUIRE(stored["history"].size() == 5);
    CHECK(stored["history"][4]["note"] == "Afsluttet efter mødet");
    CHECK(stored["history"][4]["side"] == "jobcenter");
    // The open filter no longer lists it.
    REQUIRE(c.click("jobcenter.back"));
    CHECK(item(c.state(), id).is_null());
}

TEST_CASE("jobcenter: offline, the inbox says it needs a connection, and online again it reloads") {
    TestServer server;
    REQUIRE(server.started());
    ClientHarness c(server, {});
    c.sign_in(hjoerring_email, consultant_password);
    REQUIRE(item(c.state(), demo_fast_track).is_object());

    c.platform().set_offline(true);
    REQUIRE(c.click("inbox.refresh"));
    json s = c.state();
    CHECK(s["jobcenter"]["offline"] == true);
    CHECK(s["online"] == false);
    CHECK(s["items"].contains("jobcenter.offline")); // "Indbakken kræver forbindelse …"
    CHECK(s["screen"] == "jobcenter_inbox");

    c.platform().set_offline(false);
    REQUIRE(c.click("inbox.refresh"));
    s = c.state();
    CHECK(s["jobcenter"]["offline"] == false);
    CHECK(s["online"] == true);
    CHECK(item(s, demo_fast_track).is_object());
}

TEST_CASE("jobcenter: a session that ended sends the consultant back to the login screen") {
    TestServer server;
    REQUIRE(server.started());
    ClientHarness c(server, {});
    c.sign_in(hjoerring_email, consultant_password);
    REQUIRE(c.click("inbox.row." + demo_fast_track));
    REQUIRE(c.state()["screen"] == "jobcenter_referral");
    // The cookie no longer names a session: the next request answers 401.
    c.platform().set_session_cookie("expired-session-token");
    REQUIRE(c.click("jobcenter.refresh"));
    const json s = c.state();
    CHECK(s["screen"] == "login");
    CHECK(s["form"]["email"] == hjoerring_email);
    CHECK(s["user"].is_null());
    // Signing in again (the e-mail is prefilled) lands on the inbox.
    c.press(ImGuiKey_Tab);
    c.type(consultant_password);
    c.press(ImGuiKey_Enter);
    c.settle();
    CHECK(c.state()["screen"] == "jobcenter_inbox");
    CHECK(item(c.state(), demo_fast_track).is_object());
}

TEST_CASE("jobcenter: an employer's HR user gets no inbox") {
    TestServer server;
    REQUIRE(server.started());
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);
    json s = c.state();
    CHECK(s["screen"] == "home");
    CHECK(s["jobcenter"].is_null());
    c.dispatch(action::Jobcenter{action::Jobcenter::Op::show_inbox, {}});
    CHECK(c.state()["screen"] == "home");
}
