// To-dos in the client: the home screen after login, marking a to-do done by clicks (the server
// stamps who), taking a mark back from the case, the fast-track request date moving the
// municipality's deadline, the per-employee NemRefusion payer, the organisation's alert settings,
// and the iCalendar export. Dates are worked out from the demo organisation, which is seeded
// relative to today.
#include "client_harness.hpp"

#include <naervaer/date.hpp>
#include <naervaer/records.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

using namespace naervaer;
using namespace naervaer::client;
using namespace naervaer::testing;
using nlohmann::json;

namespace {

Date today() {
    return *Date::parse_iso(local_today_iso());
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

std::string ongoing_spell_id(ClientHarness& c, const std::string& employee_id) {
    c.dispatch(action::ShowEmployee{employee_id});
    const json state = c.state();
    for (const auto& spell : state["spells"])
        if (spell["last_day"].is_null()) return spell["id"];
    return {};
}

// The bucket a due date belongs in, by the rule in todos.hpp: before today overdue; up to and
// including Sunday of this (Monday-first) week this_week; later upcoming.
std::string expected_bucket(Date due) {
    const Date t = today();
    const Date sunday = t.plus_days(6 - t.weekday());
    if (due < t) return "overdue";
    if (due <= sunday) return "this_week";
    return "upcoming";
}

// Records a spell for `employee_id` from `days_ago` days ago through the spell form, as a person
// types it; `long_term` ticks "not expected back within 8 weeks". Returns the new spell's id.
std::string record_spell_from(ClientHarness& c, const std::string& employee_id, int days_ago, bool long_term) {
    c.dispatch(action::NewSpell{employee_id});
    const std::string spell_id = c.state()["form"]["spell_id"];
    for (int i = 0; i < 12; ++i)
        c.press(ImGuiKey_Backspace); // the prefilled date; the field has focus
    c.type(today().plus_days(-days_ago).danish());
    if (long_term) REQUIRE(c.click("spell.not_within_8_weeks"));
    REQUIRE(c.click("spell.save"));
    c.wait_ms(1000);
    REQUIRE(c.state()["screen"] == "employee");
    return spell_id;
}

int count_of(const std::string& text, const std::string& needle) {
    int n = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
        ++n;
    return n;
}

} // namespace

TEST_CASE("todos: HR lands on the home screen with the demo's deadlines and alerts, in buckets") {
    TestServer server;
    REQUIRE(server.started());
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);
    json s = c.state();
    REQUIRE(s["screen"] == "home");

    const std::string spell_id = ongoing_spell_id(c, employee_day_25);
    REQUIRE_FALSE(spell_id.empty());
    s = c.state();
    // Day 25: first day = today - 24; the conversation is due 4 weeks after it, today + 4.
    const json conversation = todo(s, spell_id + "/absence_conversation");
    REQUIRE(conversation.is_object());
    const Date due = today().plus_days(4);
    CHECK(conversation["due"] == due.iso());
    CHECK(conversation["bucket"] == expected_bucket(due));
    CHECK(conversation["source"] == "deadline");
    // One week of continuous sickness (seed 003's default alert) fired on day 7 = today - 18; the
    // demo's history has it dealt with that day, so it is a mark, not a to-do.
    CHECK(todo(s, spell_id + "/alert/continuous_week").is_null());
    bool marked = false;
    for (const auto& m : s["todos"]["marks"])
        marked |= m["key"] == spell_id + "/alert/continuous_week" && m["done_on"] == today().plus_days(-18).iso();
    CHECK(marked);
    // A kept organisation: nothing open fell due more than a week ago.
    for (const auto& t : s["todos"]["items"])
        CHECK(t["due"].get<std::string>() >= today().plus_days(-7).iso());

    // Counts agree with the items, and the status line shows them.
    int overdue = 0, this_week = 0, upcoming = 0;
    for (const auto& t : s["todos"]["items"]) {
        overdue += t["bucket"] == "overdue";
        this_week += t["bucket"] == "this_week";
        upcoming += t["bucket"] == "upcoming";
    }
    CHECK(s["todos"]["overdue"] == overdue);
    CHECK(s["todos"]["this_week"] == this_week);
    CHECK(s["todos"]["upcoming"] == upcoming);
    CHECK(this_week + upcoming >= 1);
    CHECK(s["items"].contains("status.todos"));
    CHECK(s["items"].contains("nav.home"));
}

TEST_CASE("todos: a team leader sees only the to-dos of their departments") {
    TestServer server;
    REQUIRE(server.started());
    ClientHarness hr(server, {});
    hr.sign_in(hr_email, hr_password);
    ClientHarness leader(server, {});
    leader.sign_in(leader_email, leader_password);
    const json all = hr.state()["todos"]["items"];
    const json mine = leader.state()["todos"]["items"];
    REQUIRE(mine.size() > 0);
    CHECK(mine.size() < all.size());

    // Every leader to-do is one HR has too, for an employee in the leader's departments.
    Session admin(server);
    admin.login(admin_email, admin_password);
    const Reply pulled = admin.get("/api/v1/sync?since=0&limit=2000");
    std::map<std::string, std::string> department_of;
    for (const auto& record : pulled.body["changes"])
        if (record["type"] == "employee") department_of[record["id"]] = record["data"]["department_id"];
    const std::set<std::string> led(server::demo::leader_department_ids.begin(),
                                    server::demo::leader_department_ids.end());
    std::set<std::string> hr_keys;
    for (const auto& t : all)
        hr_keys.insert(t["key"]);
    for (const auto& t : mine) {
        CHECK(led.count(department_of[t["employee_id"]]) == 1);
        CHECK(hr_keys.count(t["key"]) == 1);
    }
    // And every HR to-do in the leader's departments reaches the leader.
    std::size_t in_led = 0;
    for (const auto& t : all)
        in_led += led.count(department_of[t["employee_id"]]);
    CHECK(in_led == mine.size());
}

TEST_CASE("todos: marking done by clicks removes the to-do, the server records who, undo brings it back") {
    TestServer server;
    REQUIRE(server.started());
    ClientHarness c(server, {});
    c.sign_in(leader_email, leader_password);
    const std::string spell_id = ongoing_spell_id(c, employee_day_25);
    REQUIRE_FALSE(spell_id.empty());
    const std::string key = spell_id + "/absence_conversation";
    REQUIRE(c.click("nav.home"));
    REQUIRE(todo(c.state(), key).is_object());

    REQUIRE(c.click("home.todo.done." + key));
    json s = c.state();
    REQUIRE(s["screen"] == "mark_todo");
    CHECK(s["form"]["done_on"] == today().danish()); // today by default

    // A date in the future is refused on the spot: a step is marked when it was done.
    REQUIRE(c.click("mark.done_on"));
    c.press(ImGuiKey_End);
    for (int i = 0; i < 12; ++i)
        c.press(ImGuiKey_Backspace);
    c.type(today().plus_days(1).danish());
    REQUIRE(c.click("mark.save"));
    s = c.state();
    CHECK(s["screen"] == "mark_todo");
    CHECK_FALSE(s["errors"].empty());

    // Held yesterday.
    REQUIRE(c.click("mark.done_on"));
    c.press(ImGuiKey_End);
    for (int i = 0; i < 12; ++i)
        c.press(ImGuiKey_Backspace);
    c.type(today().plus_days(-1).danish());
    REQUIRE(c.click("mark.note"));
    c.type("Holdt i mødelokalet, æøå");

    REQUIRE(c.click("mark.save"));
    c.wait_ms(1000);
    s = c.state();
    CHECK(s["screen"] == "home");
    CHECK(todo(s, key).is_null());

    // On the server: the mark, stamped with the leader's own id and name.
    Session admin(server);
    admin.login(admin_email, admin_password);
    const std::string record_id = todo_done_record_id(key);
    const Reply stored = admin.get("/api/v1/records/todo_done/" + record_id);
    REQUIRE(stored.status == 200);
    CHECK(stored.body["data"]["done_on"] == today().plus_days(-1).iso());
    CHECK(stored.body["data"]["note"] == "Holdt i mødelokalet, æøå");
    CHECK(stored.body["data"]["done_by_name"].get<std::string>().size() > 0);
    CHECK(stored.body["data"]["done_by"] == stored.body["updated_by"]);

    // The case shows it met, and Undo opens it again.
    c.dispatch(action::ShowEmployee{employee_day_25});
    s = c.state();
    CHECK(entry(s["timeline"], "absence_conversation")["status"] == "met");
    REQUIRE(c.click("timeline.undo.absence_conversation"));
    c.wait_ms(1000);
    s = c.state();
    CHECK(entry(s["timeline"], "absence_conversation")["status"] != "met");
    CHECK(todo(s, key).is_object());
    CHECK(admin.get("/api/v1/records/todo_done/" + record_id).status == 404);
}

TEST_CASE("todos: recording the fast-track request closes the window and dates the municipality's follow-up") {
    TestServer server;
    REQUIRE(server.started());
    const std::string employee_id = employee_without_ongoing_spell(server);
    REQUIRE_FALSE(employee_id.empty());
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);

    // A spell from 10 days ago, not expected back within 8 weeks: the fast-track window is open
    // until day 35 = first + 34 = today + 24.
    const std::string spell_id = record_spell_from(c, employee_id, 10, true);
    json s = c.state();
    const json window = entry(s["timeline"], "fast_track_window");
    REQUIRE(window.is_object());
    CHECK(window["due"] == today().plus_days(24).iso());
    CHECK(todo(s, spell_id + "/fast_track_window").is_object());

    // Requested today, from the case.
    REQUIRE(c.click("timeline.mark.fast_track_window"));
    REQUIRE(c.state()["screen"] == "mark_todo");
    REQUIRE(c.click("mark.save"));
    c.wait_ms(1000);
    s = c.state();
    REQUIRE(s["screen"] == "employee");
    CHECK(entry(s["timeline"], "fast_track_window")["status"] == "met");
    // SDL § 13 b stk. 2: within 2 weeks of the request.
    CHECK(entry(s["timeline"], "municipality_follow_up_after_fast_track")["due"] == today().plus_days(14).iso());
    CHECK(entry(s["timeline"], "municipality_first_follow_up")["status"] == "not_applicable");
    CHECK(todo(s, spell_id + "/fast_track_window").is_null());
}

TEST_CASE("todos: the employee's NemRefusion payer picks the reporting deadline") {
    TestServer server;
    REQUIRE(server.started());
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);
    const std::string spell_id = ongoing_spell_id(c, employee_day_25);
    json s = c.state();
    REQUIRE(entry(s["timeline"], "nemrefusion_report_wages")["status"] != "not_applicable");

    REQUIRE(c.click("employee.edit"));
    REQUIRE(c.click("employee.payer.benefit"));
    c.dispatch(action::SaveEmployee{});
    c.wait_ms(1000);
    s = c.state();
    REQUIRE(s["screen"] == "employee");
    CHECK(entry(s["timeline"], "nemrefusion_report_wages")["status"] == "not_applicable");
    // Benefit: the day after the employer period + 7 = first + 36 = today + 12.
    const json benefit = entry(s["timeline"], "nemrefusion_report_benefit");
    CHECK(benefit["due"] == today().plus_days(12).iso());
    CHECK(todo(s, spell_id + "/nemrefusion_report_benefit").is_object());
    CHECK(todo(s, spell_id + "/nemrefusion_report_wages").is_null());

    // Stored on the server as the wire value.
    Session admin(server);
    admin.login(admin_email, admin_password);
    CHECK(admin.get(std::string("/api/v1/records/employee/") + employee_day_25).body["data"]["nemrefusion_payer"] ==
          "benefit");
}

TEST_CASE("todos: the admin's alert settings reach another user's to-dos") {
    TestServer server;
    REQUIRE(server.started());
    ClientHarness hr(server, {});
    hr.sign_in(hr_email, hr_password);
    // Day 9 of a new spell: the week alert fired on day 7 = today - 2.
    const std::string spell_id = record_spell_from(hr, employee_without_ongoing_spell(server), 8, false);
    const json week = todo(hr.state(), spell_id + "/alert/continuous_week");
    REQUIRE(week.is_object());
    CHECK(week["due"] == today().plus_days(-2).iso());
    CHECK(week["bucket"] == "overdue");
    CHECK(week["source"] == "alert");
    // HR is not an admin: no settings screen to reach.
    CHECK_FALSE(hr.state()["items"].contains("nav.admin"));

    ClientHarness admin(server, {});
    admin.sign_in(admin_email, admin_password);
    REQUIRE(admin.click("nav.admin"));
    CHECK(admin.state()["items"].contains("admin.alerts.state.continuous_week"));
    REQUIRE(admin.click("admin.alerts.edit"));
    REQUIRE(admin.click("admin.alerts.enabled.continuous_week")); // off
    // 30 months for the frequent-spells rule is out of range (1-24): shown, and no save.
    REQUIRE(admin.click("admin.alerts.frequent_spells.months"));
    admin.press(ImGuiKey_End);
    for (int i = 0; i < 3; ++i)
        admin.press(ImGuiKey_Backspace);
    admin.type("30");
    admin.press(ImGuiKey_Enter);
    json s = admin.state();

    CHECK_FALSE(s["errors"].empty());
    REQUIRE(admin.click("admin.alerts.frequent_spells.months"));
    admin.press(ImGuiKey_End);
    for (int i = 0; i < 3; ++i)
        admin.press(ImGuiKey_Backspace);
    admin.type("3");
    admin.press(ImGuiKey_Enter);
    REQUIRE(admin.click("admin.alerts.save"));
    admin.wait_ms(1000);

    // HR's next sync brings the choice: the week alert is gone for everyone.
    hr.dispatch(action::SyncNow{});
    hr.wait_ms(1000);
    CHECK(todo(hr.state(), spell_id + "/alert/continuous_week").is_null());
    CHECK(todo(hr.state(), spell_id + "/absence_conversation").is_object());
}

TEST_CASE("todos: the calendar export has one all-day event per to-do, without names unless asked") {
    TestServer server;
    REQUIRE(server.started());
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);
    const json items = c.state()["todos"]["items"];
    REQUIRE(items.size() > 0);

    REQUIRE(c.click("home.export"));
    const auto& downloads = c.platform().downloads();
    REQUIRE(downloads.size() == 1);
    CHECK(downloads[0].filename == "naervaer-frister-" + local_today_iso() + ".ics");
    CHECK(downloads[0].mime_type.rfind("text/calendar", 0) == 0);
    const std::string& ics = downloads[0].bytes;
    CHECK(ics.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
    CHECK(count_of(ics, "BEGIN:VEVENT\r\n") == static_cast<int>(items.size()));
    // Each to-do's date as an all-day start.
    for (const auto& t : items) {
        std::string compact = t["due"];
        compact.erase(std::remove(compact.begin(), compact.end(), '-'), compact.end());
        CHECK(ics.find("DTSTART;VALUE=DATE:" + compact) != std::string::npos);
    }
    // The demo's day-25 employee by number only.
    c.dispatch(action::ShowEmployee{employee_day_25});
    const std::string name = c.state()["selected_employee"]["name"];
    CHECK(ics.find(name) == std::string::npos);

    REQUIRE(c.click("nav.home"));
    REQUIRE(c.click("home.names_in_calendar"));
    REQUIRE(c.click("home.export"));
    REQUIRE(downloads.size() == 2);
    // Unfold (RFC 5545: CRLF + space continues a line) before looking for the name.
    std::string unfolded = downloads[1].bytes;
    for (std::size_t at = unfolded.find("\r\n "); at != std::string::npos; at = unfolded.find("\r\n ", at))
        unfolded.erase(at, 3);
    CHECK(unfolded.find(name) != std::string::npos);
}
