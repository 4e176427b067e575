// The employer's requests to the jobcentre in the client, by clicks against the real server
// (docs/referrals.md, "In the app"): a home municipality chosen for an employee, fast-track
// eligibility shown for a case inside the window and explained (with what else fits) for one
// outside it, the form prefilled from the case and its conversation records, the draft autosaved
// offline and reaching the server, sending with the NemRefusion date (the case's request date and
// the municipality's 2-week deadline on the timeline), the NemRefusion text and the PDF, a
// consultant's status change seen after sync, withdrawing, and team leaders reading only.
// Dates are worked out from today, as the demo organisation is.
#include "client_harness.hpp"
#include "shared/pdftotext.hpp"

#include "app/templates.hpp"

#include <naervaer/conversation_record.hpp>
#include <naervaer/date.hpp>
#include <naervaer/records.hpp>
#include <naervaer/referral.hpp>
#include <naervaer/server/demo.hpp>
#include <naervaer/todos.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>

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

struct Case {
    std::string employee_id;
    std::string employee_name;
    std::string employee_number;
    std::string home_municipality;
    std::string spell_id;
    Date first_day;
};

struct CaseOptions {
    int days_ago = 20;
    bool not_expected_back = true;       // "not expected back within 8 weeks"
    std::optional<int> expected_return;  // days after the first sick day
    std::string home_municipality;       // "" = any
    std::string visible_to_email;        // "" = HR: an employee this user sees
    std::string visible_to_password;
};

// A new ongoing sickness case from `days_ago` days ago, written through the API by HR as another
// device would, for an employee of the demo who was employed then, has no spell from that day on
// and no records of their own.
Case new_case(const TestServer& server, const std::string& spell_id, const CaseOptions& o) {
    Session hr(server);
    REQUIRE(hr.login(hr_email, hr_password).status == 200);
    const Date first = today().plus_days(-o.days_ago);
    const Reply pulled = hr.get("/api/v1/sync?since=0&limit=2000");
    REQUIRE(pulled.status == 200);
    std::set<std::string> visible;
    if (!o.visible_to_email.empty()) {
        Session other(server);
        REQUIRE(other.login(o.visible_to_email, o.visible_to_password).status == 200);
        const Reply theirs = other.get("/api/v1/sync?since=0&limit=2000");
        REQUIRE(theirs.status == 200);
        for (const auto& r : theirs.body["changes"])
            if (r["type"] == "employee" && r["deleted"] == false) visible.insert(r["id"].get<std::string>());
    }
    std::set<std::string> busy;
    for (const auto& r : pulled.body["changes"]) {
        if (r["deleted"] == true) continue;
        if (r["type"] == "absence_spell") {
            const json& d = r["data"];
            if (d["last_day"].is_null() || d["last_day"].get<std::string>() >= first.iso() ||
                d["first_day"].get<std::string>() >= first.iso())
                busy.insert(d["employee_id"].get<std::string>());
        } else if (r["type"] == "conversation_record" || r["type"] == "referral") {
            if (r["data"].contains("employee_id") && r["data"]["employee_id"].is_string())
                busy.insert(r["data"]["employee_id"].get<std::string>());
        }
    }
    Case c;
    for (const auto& r : pulled.body["changes"]) {
        if (r["type"] != "employee" || r["deleted"] == true || busy.count(r["id"].get<std::string>())) continue;
        if (!o.visible_to_email.empty() && !visible.count(r["id"].get<std::string>())) continue;
        const json& d = r["data"];
        if (d["employment_start"].get<std::string>() > first.iso()) continue;
        const std::string home = d.contains("home_municipality") && d["home_municipality"].is_string()
                                     ? d["home_municipality"].get<std::string>()
                                     : std::string();
        if (!o.home_municipality.empty() && home != o.home_municipality) continue;
        c.employee_id = r["id"];
        c.employee_name = d["name"];
        c.employee_number = d["employee_number"];
        c.home_municipality = home;
        break;
    }
    REQUIRE_FALSE(c.employee_id.empty());
    AbsenceSpell spell;
    spell.id = spell_id;
    spell.employee_id = c.employee_id;
    spell.first_day = first;
    spell.not_expected_back_within_8_weeks = o.not_expected_back;
    if (o.expected_return) spell.expected_return = first.plus_days(*o.expected_return);
    const Reply pushed = hr.push(json::array(
        {{{"type", "absence_spell"}, {"id", spell.id}, {"base_rev", 0}, {"deleted", false}, {"data", to_json(spell)}}}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
    REQUIRE(pushed.body["accepted"].size() == 1);
    c.spell_id = spell.id;
    c.first_day = first;
    return c;
}

// A signed absence conversation of the case, written through the API by HR.
void push_absence_conversation(const TestServer& server, const Case& c, const std::string& id, Date held_on) {
    Session hr(server);
    REQUIRE(hr.login(hr_email, hr_password).status == 200);
    const FormTemplate* form = templates().find("absence_conversation");
    REQUIRE(form != nullptr);
    ConversationRecord record = new_conversation_record(*form, id, c.employee_id, c.spell_id, held_on);
    record.answers = {{"meeting_date", held_on.iso()},
                      {"form", "phone"},
                      {"return_how_when", "Gradvist, først 4 timer om dagen."},
                      {"limitations", "Kan ikke løfte over 5 kg."},
                      {"adjustments", json::array({{{"text", "Hæve-sænkebord"}}})},
                      {"tasks", json::array({{{"text", "Pakke ordrer"}, {"column", "with_adjustment"}},
                                             {{"text", "Truckkørsel"}, {"column", "cannot"}}})},
                      {"next_contact", held_on.plus_days(7).iso()}};
    record.status = ConversationStatus::signed_off;
    SignOff s;
    s.employee_name = c.employee_name;
    s.date = held_on;
    s.agreed = true;
    s.recorded_by = "u-pushed";
    s.recorded_by_name = "Pushed";
    record.sign_off = s;
    REQUIRE(validate(record, today()).ok());
    const Reply pushed = hr.push(json::array({{{"type", "conversation_record"},
                                              {"id", id},
                                              {"base_rev", 0},
                                              {"deleted", false},
                                              {"data", to_json(record)}}}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
    REQUIRE(pushed.body["accepted"].size() == 1);
}

// A stored record on the server, as admin reads it (null when absent or deleted).
json server_record(const TestServer& server, const std::string& type, const std::string& id) {
    Session admin(server);
    REQUIRE(admin.login(admin_email, admin_password).status == 200);
    const Reply reply = admin.get("/api/v1/records/" + type + "/" + id);
    return reply.status == 200 ? reply.body : json(nullptr);
}

json entry(const json& timeline, const std::string& id) {
    for (const auto& e : timeline["entries"])
        if (e["id"] == id) return e;
    return nullptr;
}

void open_case(ClientHarness& c, const Case& k) {
    c.dispatch(action::ShowEmployee{k.employee_id});
    c.dispatch(action::SelectSpell{k.spell_id});
    REQUIRE(c.state()["timeline"]["spell_id"] == k.spell_id);
}

// "Anmod om fast track" on the case page.
json start_fast_track(ClientHarness& c) {
    REQUIRE(c.click("case.fast_track"));
    const json s = c.state();
    REQUIRE(s["screen"] == "referral");
    REQUIRE(s["referral"].is_object());
    return s["referral"];
}

// What the fast-track form requires beyond the prefill: the phone, when and how the employee was told.
void complete_fast_track_form(ClientHarness& c) {
    c.type_text("form.contact_phone", "98 76 54 32");
    c.type_date("form.employee_informed_on", today());
    REQUIRE(c.click("form.employee_informed_how.option.phone"));
    REQUIRE(c.click("form.expected_duration.option.weeks_13_26"));
}

// Sends the open referral with the NemRefusion date typed over the default (today).
void send(ClientHarness& c, std::optional<Date> requested_on = std::nullopt) {
    REQUIRE(c.click("referral.send"));
    REQUIRE(c.state()["referral"]["confirming_send"] == true);
    if (requested_on) c.type_date("referral.send.requested_on", *requested_on);
    REQUIRE(c.click("referral.send.confirm"));
    c.wait_ms(500);
}

std::size_t longest_line(const std::string& text) {
    std::size_t longest = 0;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        longest = std::max(longest, utf8_length(line));
    return longest;
}

} // namespace

TEST_CASE("referrals: the employee's home municipality is chosen from the 98 municipalities and shown") {
    TestServer server;
    REQUIRE(server.started());
    const Case k = new_case(server, "s-ref-home", {});
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);
    c.dispatch(action::ShowEmployee{k.employee_id});
    REQUIRE(c.click("employee.edit"));
    REQUIRE(c.state()["screen"] == "employee_editor");
    REQUIRE(c.click("employee.home_municipality"));
    c.type("herning");
    // The search narrows the list: Herning, not Hjørring.
    c.frame();
    const json items = c.state()["items"];
    CHECK(items.contains("employee.home_municipality.option.657"));
    CHECK_FALSE(items.contains("employee.home_municipality.option.860"));
    REQUIRE(c.click("employee.home_municipality.option.657"));
    c.dispatch(action::SaveEmployee{});
    c.wait_ms(500);
    REQUIRE(c.state()["screen"] == "employee");
    const json stored = server_record(server, "employee", k.employee_id);
    REQUIRE(stored.is_object());
    CHECK(stored["data"]["home_municipality"] == "657");
    CHECK(c.shows("case.fast_track"));
}

TEST_CASE("referrals: fast track is possible inside the window with its days left, and explained outside it") {
    TestServer server;
    REQUIRE(server.started());
    // Day 21 of a case not expected back within 8 weeks: the window ends on day 35 = first + 34.
    const Case open = new_case(server, "s-ref-open", {20, true});
    // Day 41: the window closed on day 35.
    const Case closed = new_case(server, "s-ref-closed", {40, true});
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);

    open_case(c, open);
    json r = start_fast_track(c);
    REQUIRE(r["eligibility"].is_object());
    CHECK(r["eligibility"]["eligible"] == true);
    CHECK(r["eligibility"]["days_left"] == 14);
    CHECK(r["eligibility"]["last_day"] == open.first_day.plus_days(34).iso());
    CHECK(r["eligibility"]["blocks"].empty());
    CHECK(r["status"] == "draft");
    CHECK(c.shows("referral.eligibility"));
    CHECK(c.shows("form.employee_name")); // the form follows
    CHECK(c.shows("referral.send"));

    REQUIRE(c.click("referral.back"));
    open_case(c, closed);
    r = start_fast_track(c);
    CHECK(r["eligibility"]["eligible"] == false);
    CHECK(r["eligibility"]["blocks"] == json::array({"window_closed"}));
    CHECK(r["eligibility"]["days_left"] == -6);
    CHECK(r["eligibility"]["reason"].get<std::string>().find(closed.first_day.plus_days(34).danish()) !=
          std::string::npos);
    CHECK(r["eligibility"]["alternatives"] == json::array({"retention_plan", "contact_request"}));
    // No form to fill in, and nothing to send.
    CHECK_FALSE(c.shows("form.employee_name"));
    CHECK_FALSE(c.shows("referral.send"));
    // What else fits leads there: a contact request about the employee...
    REQUIRE(c.click("referral.alternative.contact_request"));
    json s = c.state();
    REQUIRE(s["screen"] == "referral");
    CHECK(s["referral"]["kind"] == "contact_request");
    CHECK(s["referral"]["employee_id"] == closed.employee_id);
    CHECK(s["referral"]["answers"]["subject"] == "sick");
    // ... and the retention plan.
    REQUIRE(c.click("referral.back"));
    start_fast_track(c);
    REQUIRE(c.click("referral.alternative.retention_plan"));
    s = c.state();
    REQUIRE(s["screen"] == "conversation");
    CHECK(s["conversation"]["template_id"] == "retention_plan");
    // Opening wrote nothing.
    CHECK(s["pending"] == 0);
}

TEST_CASE("referrals: the form is prefilled from the case and its records, and a draft written offline reaches the "
          "server") {
    TestServer server;
    REQUIRE(server.started());
    // Expected back after 10 weeks: the expected duration is 8-12 weeks.
    CaseOptions o;
    o.days_ago = 20;
    o.not_expected_back = false;
    o.expected_return = 70;
    const Case k = new_case(server, "s-ref-prefill", o);
    push_absence_conversation(server, k, "c-ref-prefill", today().plus_days(-2));
    TempDir storage;
    ClientHarness c(server, storage.path() / "storage.json");
    c.sign_in(hr_email, hr_password);
    open_case(c, k);
    json r = start_fast_track(c);
    CHECK(r["eligibility"]["eligible"] == true);
    const json& a = r["answers"];
    CHECK(a["employee_name"] == k.employee_name);
    CHECK(a["first_sick_day"] == k.first_day.iso());
    CHECK(a["partial"] == false);
    CHECK(a["expected_return"] == k.first_day.plus_days(70).iso());
    CHECK(a["expected_duration"] == "weeks_8_12");
    Session hr(server);
    REQUIRE(hr.login(hr_email, hr_password).status == 200);
    const json me = hr.get("/api/v1/auth/me").body["user"];
    CHECK(a["contact_name"] == me["name"]);
    CHECK(a["contact_email"] == me["email"]);
    // Enter once: the absence conversation's tasks, limitations and adjustments.
    CHECK(a["tasks"] == json::array({{{"text", "Pakke ordrer"}, {"column", "with_adjustment"}},
                                     {{"text", "Truckkørsel"}, {"column", "cannot"}}}));
    CHECK(a["limitations"] == "Kan ikke løfte over 5 kg.");
    CHECK(a["adjustments"] == json::array({{{"text", "Hæve-sænkebord"}}}));
    CHECK(r["prefilled"]["tasks"] == "Udfyldt fra Sygefraværssamtale " + today().plus_days(-2).danish());
    CHECK(r["prefilled"]["employee_name"] == "Udfyldt fra sagen");
    // Routed to the employee's home municipality.
    CHECK(r["municipality_code"] == k.home_municipality);
    const std::string id = r["id"];
    // Opening is not a change.
    c.wait_ms(2000);
    CHECK(c.state()["referral"]["autosave"]["saves"] == 0);
    CHECK(server_record(server, "referral", id).is_null());

    c.platform().set_offline(true);
    c.type_text("form.contact_phone", "98 76 54 32");
    c.wait_ms(1600);
    r = c.state()["referral"];
    CHECK(r["autosave"]["saves"] == 1);
    CHECK(r["autosave"]["state"] == "not_synced");
    CHECK(server_record(server, "referral", id).is_null());
    bool in_storage = false;
    for (const auto& [key, value] : c.platform().stored())
        in_storage |= value.find(id) != std::string::npos && value.find("98 76 54 32") != std::string::npos;
    CHECK(in_storage);

    c.platform().set_offline(false);
    c.dispatch(action::SyncNow{});
    c.wait_ms(200);
    CHECK(c.state()["referral"]["autosave"]["state"] == "synced");
    const json stored = server_record(server, "referral", id);
    REQUIRE(stored.is_object());
    CHECK(stored["data"]["status"] == "draft");
    CHECK(stored["data"]["answers"]["contact_phone"] == "98 76 54 32");
    CHECK(stored["data"]["spell_id"] == k.spell_id);

    // The case lists it as a draft; opening it again resumes it.
    REQUIRE(c.click("referral.back"));
    CHECK(c.state()["screen"] == "employee");
    REQUIRE(c.click("case.referral.open." + id));
    CHECK(c.state()["referral"]["answers"]["contact_phone"] == "98 76 54 32");
    // "Anmod om fast track" again (here from the timeline's fast-track line) opens the same
    // draft, not a second one.
    REQUIRE(c.click("referral.back"));
    REQUIRE(c.click("timeline.fast_track"));
    CHECK(c.state()["screen"] == "referral");
    CHECK(c.state()["referral"]["id"] == id);
}

TEST_CASE("referrals: sending dates the case's request, shows the municipality's deadline, and gives the NemRefusion "
          "text and the PDF") {
    TestServer server;
    REQUIRE(server.started());
    const Case k = new_case(server, "s-ref-send", {20, true});
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);
    open_case(c, k);
    json r = start_fast_track(c);
    const std::string id = r["id"];

    // Incomplete: refused, and what is missing is named.
    REQUIRE(c.click("referral.send"));
    REQUIRE(c.click("referral.send.confirm"));
    r = c.state()["referral"];
    CHECK(r["status"] == "draft");
    const json missing = r["send_errors"];
    CHECK(std::find(missing.begin(), missing.end(), json("contact_phone")) != missing.end());
    CHECK(std::find(missing.begin(), missing.end(), json("employee_informed_on")) != missing.end());
    CHECK(server_record(server, "referral", id).is_null());
    REQUIRE(c.click("referral.send.cancel"));

    complete_fast_track_form(c);
    // Requested in NemRefusion yesterday.
    const Date requested = today().plus_days(-1);
    send(c, requested);
    r = c.state()["referral"];
    REQUIRE_MESSAGE(r["status"] == "sent", r.dump());
    CHECK(r["refusal"] == "");
    CHECK(c.state()["pending"] == 0);
    const json stored = server_record(server, "referral", id);
    REQUIRE(stored.is_object());
    CHECK(stored["data"]["status"] == "sent");
    CHECK(stored["data"]["sent_on"] == today().iso());
    CHECK(stored["data"]["fast_track_requested_on"] == requested.iso());
    CHECK(r["sent_on"] == today().iso());
    CHECK(r["history"].size() == 1);
    CHECK(r["history"][0]["status"] == "sent");
    // The legal first conversation within 2 weeks of the request (SDL § 13 b stk. 2).
    bool legal = false;
    for (const auto& i : r["indicators"])
        if (i["id"] == "first_conversation_within_2_weeks") {
            legal = true;
            CHECK(i["due"] == requested.plus_days(14).iso());
            CHECK(i["status"] == "open");
        }
    CHECK(legal);

    // The case's fast-track step is marked requested on that day, with the same push.
    const std::string key = deadline_todo_key(k.spell_id, "fast_track_window");
    const json mark = server_record(server, "todo_done", todo_done_record_id(key));
    REQUIRE(mark.is_object());
    CHECK(mark["data"]["done_on"] == requested.iso());

    // The NemRefusion text: the request, the employee, the case, the contact; no line over 80.
    const std::string text = r["nemrefusion"];
    CHECK(text.rfind("Anmodning om tidlig opfølgning (fast track), sygedagpengeloven § 7 c", 0) == 0);
    CHECK(text.find(k.employee_name) != std::string::npos);
    CHECK(text.find(k.first_day.danish()) != std::string::npos);
    CHECK(text.find("tlf. 98 76 54 32") != std::string::npos);
    CHECK(text.find("Ikke besvaret") != std::string::npos); // the optional questions left open
    CHECK(longest_line(text) <= 80);
    REQUIRE(c.click("referral.copy"));
    CHECK(c.platform().clipboard_text() == text);
    CHECK(c.state()["referral"]["copies"] == 1);

    // The PDF for the employee: the form's own title and the answers, the file named by number.
    REQUIRE(c.click("referral.pdf"));
    const auto& downloads = c.platform().downloads();
    REQUIRE(downloads.size() == 1);
    CHECK(downloads[0].filename == "fast_track_referral-" + k.employee_number + "-" + today().danish() + ".pdf");
    CHECK(downloads[0].mime_type == "application/pdf");
    const std::string pdf = naervaer::test::pdftotext(downloads[0].bytes, "");
    CHECK(pdf.find("Anmodning om fast track") != std::string::npos);
    CHECK(pdf.find(k.employee_name) != std::string::npos);
    CHECK(pdf.find("98 76 54 32") != std::string::npos);
    CHECK(pdf.find("Sendt til jobcentret") != std::string::npos);

    // The case: the request date and the municipality's 2-week deadline from it.
    REQUIRE(c.click("referral.back"));
    json s = c.state();
    REQUIRE(s["screen"] == "employee");
    CHECK(entry(s["timeline"], "fast_track_window")["status"] == "met");
    const json follow_up = entry(s["timeline"], "municipality_follow_up_after_fast_track");
    REQUIRE(follow_up.is_object());
    CHECK(follow_up["due"] == requested.plus_days(14).iso());
    CHECK(c.shows("case.referral.open." + id));
}

TEST_CASE("referrals: a send the server refuses says why, becomes a draft again, and the case's request date is "
          "taken back") {
    TestServer server;
    REQUIRE(server.started());
    const Case k = new_case(server, "s-ref-refused", {20, true});
    TempDir storage;
    ClientHarness c(server, storage.path() / "storage.json");
    c.sign_in(hr_email, hr_password);
    open_case(c, k);
    const std::string id = start_fast_track(c)["id"];
    complete_fast_track_form(c);
    c.platform().set_offline(true);

    // Meanwhile another device records that the employee is expected back on day 31: within 8
    // weeks, so the server refuses fast track (SDL § 7 c).
    Session hr(server);
    REQUIRE(hr.login(hr_email, hr_password).status == 200);
    const Reply pulled = hr.get("/api/v1/sync?since=0&limit=2000");
    long long rev = 0;
    for (const auto& r : pulled.body["changes"])
        if (r["type"] == "absence_spell" && r["id"] == k.spell_id) rev = r["rev"].get<long long>();
    REQUIRE(rev > 0);
    AbsenceSpell spell;
    spell.id = k.spell_id;
    spell.employee_id = k.employee_id;
    spell.first_day = k.first_day;
    spell.expected_return = k.first_day.plus_days(30);
    const Reply changed = hr.push(json::array(
        {{{"type", "absence_spell"}, {"id", spell.id}, {"base_rev", rev}, {"deleted", false}, {"data", to_json(spell)}}}));
    REQUIRE_MESSAGE(changed.status == 200, changed.raw);
    REQUIRE(changed.body["accepted"].size() == 1);

    // Offline, the client still knows the case as it was: it sends, and says it goes out later.
    send(c);
    json r = c.state()["referral"];
    REQUIRE(r["status"] == "sent");
    CHECK(r["notice"] == "referral.offline_queued");
    CHECK(c.state()["pending"] == 2); // the referral and the case's mark, in one push

    c.platform().set_offline(false);
    c.dispatch(action::SyncNow{});
    c.wait_ms(500);
    const json s = c.state();
    r = s["referral"];
    CHECK(r["status"] == "draft");
    CHECK(r["editable"] == true);
    CHECK_FALSE(r["refusal"].get<std::string>().empty());
    bool refused = false;
    for (const auto& e : s["rejected_changes"])
        refused |= e["type"] == "referral" && e["id"] == id && e["code"] == "fast_track_not_eligible";
    CHECK(refused);
    // Nothing of it on the server: no referral, no request date on the case.
    CHECK(server_record(server, "referral", id).is_null());
    const std::string key = deadline_todo_key(k.spell_id, "fast_track_window");
    CHECK(server_record(server, "todo_done", todo_done_record_id(key)).is_null());
    CHECK(s["pending"] == 0);
}

TEST_CASE("referrals: a consultant's acknowledgement and booked meeting show after sync, and the employer withdraws") {
    TestServer server;
    REQUIRE(server.started());
    CaseOptions o;
    o.home_municipality = "860"; // Hjørring: the demo consultant's municipality
    const Case k = new_case(server, "s-ref-consultant", o);
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);
    open_case(c, k);
    const std::string id = start_fast_track(c)["id"];
    CHECK(c.state()["referral"]["jobcenter"] == "Jobcenter Hjørring");
    complete_fast_track_form(c);
    send(c);
    REQUIRE(c.state()["referral"]["status"] == "sent");

    Session consultant(server);
    REQUIRE(consultant
                .login(std::string(server::demo::consultant_hjoerring_email),
                       std::string(server::demo::consultant_password))
                .status == 200);
    const std::string path = "/api/v1/jobcenter/referrals/" + id + "/actions";
    Reply acted = consultant.post(path, {{"action", "acknowledge"}});
    REQUIRE_MESSAGE(acted.status == 200, acted.raw);
    const Date meeting = today().plus_days(3);
    acted = consultant.post(path, {{"action", "book_meeting"},
                                   {"meeting",
                                    {{"date", meeting.iso()},
                                     {"time", "10:00"},
                                     {"place", "Jobcenter Hjørring, mødelokale 2"},
                                     {"participants", "Medarbejderen, HR, fastholdelseskonsulent"}}}});
    REQUIRE_MESSAGE(acted.status == 200, acted.raw);

    c.dispatch(action::SyncNow{});
    c.wait_ms(200);
    json r = c.state()["referral"];
    REQUIRE(r["status"] == "meeting_booked");
    REQUIRE(r["history"].size() == 3);
    CHECK(r["history"][1]["status"] == "received");
    CHECK(r["history"][1]["side"] == "jobcenter");
    CHECK(r["history"][2]["status"] == "meeting_booked");
    CHECK(r["meeting"]["date"] == meeting.iso());
    CHECK(r["meeting"]["place"] == "Jobcenter Hjørring, mødelokale 2");
    CHECK(c.shows("referral.meeting"));
    CHECK(c.shows("referral.history.2"));

    // Withdrawn with a note: closed at the jobcentre too.
    REQUIRE(c.click("referral.withdraw"));
    c.type_text("referral.withdraw.note", "Medarbejderen er raskmeldt");
    REQUIRE(c.click("referral.withdraw.confirm"));
    c.wait_ms(500);
    r = c.state()["referral"];
    CHECK(r["status"] == "closed");
    CHECK_FALSE(c.shows("referral.withdraw"));
    const json stored = server_record(server, "referral", id);
    REQUIRE(stored.is_object());
    CHECK(stored["data"]["status"] == "closed");
    const json history = stored["data"]["history"];
    REQUIRE(history.size() == 4);
    CHECK(history[3]["status"] == "closed");
    CHECK(history[3]["side"] == "employer");
    CHECK(history[3]["note"] == "Medarbejderen er raskmeldt");
}

TEST_CASE("referrals: a team leader sees the status of a case's request but cannot start, send or withdraw one") {
    TestServer server;
    REQUIRE(server.started());
    CaseOptions o;
    o.visible_to_email = leader_email;
    o.visible_to_password = leader_password;
    const Case k = new_case(server, "s-ref-leader", o);
    std::string id;
    {
        ClientHarness hr(server, {});
        hr.sign_in(hr_email, hr_password);
        open_case(hr, k);
        id = start_fast_track(hr)["id"];
        complete_fast_track_form(hr);
        send(hr);
        REQUIRE(hr.state()["referral"]["status"] == "sent");
    }
    ClientHarness c(server, {});
    c.sign_in(leader_email, leader_password);
    open_case(c, k);
    CHECK_FALSE(c.shows("case.fast_track"));
    CHECK_FALSE(c.shows("case.contact_jobcenter"));
    REQUIRE(c.click("case.referral.open." + id));
    json r = c.state()["referral"];
    CHECK(r["status"] == "sent");
    CHECK(r["editable"] == false);
    CHECK_FALSE(c.shows("referral.withdraw"));
    // Asked directly, the app refuses too.
    c.dispatch(action::Referral{action::ReferralOp::start_withdraw});
    CHECK(c.state()["referral"]["withdrawing"] == false);
    c.dispatch(action::Referral{action::ReferralOp::back});
    action::Referral start;
    start.op = action::ReferralOp::start_fast_track;
    start.spell_id = k.spell_id;
    c.dispatch(start);
    CHECK(c.state()["screen"] == "employee");
}

TEST_CASE("referrals: the service catalogue shows both packages with their counter-requirements, and a service asked "
          "for opens a contact request with it ticked") {
    TestServer server;
    REQUIRE(server.started());
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);
    REQUIRE(c.click("nav.jobcenter"));
    json s = c.state();
    REQUIRE(s["screen"] == "service_catalogue");
    CHECK(s["referral"]["package"] == "basic");
    CHECK(c.shows("catalogue.service.partial_return"));
    CHECK_FALSE(c.shows("catalogue.service.talk"));
    REQUIRE(c.click("catalogue.package.extended"));
    CHECK(c.state()["referral"]["package"] == "extended");
    CHECK(c.shows("catalogue.service.talk"));
    CHECK_FALSE(c.shows("catalogue.service.partial_return"));
    REQUIRE(c.click("catalogue.package.basic"));
    REQUIRE(c.click("catalogue.request.partial_return"));
    s = c.state();
    REQUIRE(s["screen"] == "referral");
    CHECK(s["referral"]["kind"] == "contact_request");
    CHECK(s["referral"]["answers"]["subject"] == "service");
    CHECK(s["referral"]["answers"]["services"] == json::array({"partial_return"}));
    CHECK(s["referral"]["eligibility"].is_null());
    CHECK(s["referral"]["nemrefusion"] == "");
    // No CPR field on a contact request, and the organisation's municipality by default.
    CHECK_FALSE(c.shows("form.cpr"));
    const std::string id = s["referral"]["id"];
    c.type_text("form.contact_phone", "98 11 22 33");
    c.type_into_long_text("contact_request", "situation", "Vi vil gerne høre om delvis raskmelding.");
    send(c);
    s = c.state();
    REQUIRE_MESSAGE(s["referral"]["status"] == "sent", s["referral"].dump());
    const json stored = server_record(server, "referral", id);
    REQUIRE(stored.is_object());
    CHECK(stored["data"]["kind"] == "contact_request");
    CHECK(stored["data"]["status"] == "sent");
    CHECK(stored["data"]["employee_id"] == "");
    // Listed on the jobcentre screen.
    REQUIRE(c.click("referral.back"));
    CHECK(c.state()["screen"] == "service_catalogue");
    CHECK(c.shows("jc.referral.open." + id));
}
