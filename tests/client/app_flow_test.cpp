// The whole client against the real server: headless ImGui frames, input through the keyboard
// and the App's actions, assertions through App::state_json() and the server itself.
#include "client_harness.hpp"

#include <doctest/doctest.h>

using naervaer::client::action::EditSpell;
using naervaer::client::action::NewSpell;
using naervaer::client::action::ResolveConflict;
using naervaer::client::action::SetLanguage;
using naervaer::client::action::ShowConflicts;
using naervaer::client::action::ShowEmployee;
using namespace naervaer::testing;
using nlohmann::json;

namespace {


// Records a spell from today through the form: the first sick day is prefilled and focused, the
// note goes through the text overlay, Enter saves. Returns the new spell's id.
std::string record_spell(ClientHarness& c, const std::string& employee_id, const std::string& note) {
    c.dispatch(ShowEmployee{employee_id});
    c.dispatch(NewSpell{employee_id});
    const std::string key = c.note_overlay_key();
    REQUIRE_FALSE(key.empty());
    c.platform().type_into_overlay(key, note);
    c.frame();
    c.press(ImGuiKey_Enter);
    c.settle();
    return key.substr(std::string("spell-note-").size());
}

void edit_note(ClientHarness& c, const std::string& spell_id, const std::string& note) {
    c.dispatch(EditSpell{spell_id});
    c.platform().type_into_overlay("spell-note-" + spell_id, note);
    c.frame();
    c.press(ImGuiKey_Enter);
    c.settle();
}

std::string server_note(const TestServer& server, const std::string& spell_id) {
    Session admin(server);
    admin.login(admin_email, admin_password);
    const Reply r = admin.get("/api/v1/records/absence_spell/" + spell_id);
    return r.status == 200 ? r.body["data"]["note"].get<std::string>() : "<" + std::to_string(r.status) + ">";
}

} // namespace

TEST_CASE("app: sign in with the keyboard, land on the to-dos, record a spell") {
    TestServer server;
    REQUIRE(server.started());
    ClientHarness c(server, {});
    c.settle();
    CHECK(c.state()["screen"] == "login");

    c.sign_in(hr_email, "wrong password");
    CHECK(c.state()["screen"] == "login");
    CHECK_FALSE(c.state()["last_error"].get<std::string>().empty());

    // A new tab, so the e-mail field starts empty again.
    ClientHarness fresh(server, {});
    fresh.sign_in(hr_email, hr_password);
    json s = fresh.state();
    CHECK(s["screen"] == "home"); // the user's to-dos first
    CHECK(s["user"]["email"] == hr_email);
    CHECK(s["user"]["role"] == "hr");
    CHECK(s["employees_visible"].get<int>() > 0);
    CHECK(s["online"] == true);
    CHECK(s["pending"] == 0);

    const std::string employee = employee_without_ongoing_spell(server);
    REQUIRE_FALSE(employee.empty());
    const std::string spell = record_spell(fresh, employee, "Ringer mandag om delvis opstart");
    s = fresh.state();
    CHECK(s["screen"] == "employee");
    CHECK(s["selected_employee"]["id"] == employee);
    const json recorded = find_spell(s, spell);
    REQUIRE(recorded.is_object());
    CHECK(recorded["first_day"] == local_today_iso());
    CHECK(recorded["last_day"].is_null());
    CHECK(recorded["note"] == "Ringer mandag om delvis opstart");
    CHECK(s["pending"] == 0); // pushed at once
    CHECK(server_note(server, spell) == "Ringer mandag om delvis opstart");
}

TEST_CASE("app: the search finds names case-insensitively, also with æ, ø and å") {
    TestServer server;
    REQUIRE(server.started());
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);
    const int all = c.state()["employees_visible"];
    REQUIRE(all > 0);
    REQUIRE(c.click("nav.employees"));
    // The search field has focus when the list opens.
    c.type("ZZZ-no-such-name");
    CHECK(c.state()["employees_visible"] == 0);
}

TEST_CASE("app: an invalid date keeps the form open and saves nothing") {
    TestServer server;
    REQUIRE(server.started());
    ClientHarness c(server, {});
    c.sign_in(hr_email, hr_password);
    const std::string employee = employee_without_ongoing_spell(server);
    c.dispatch(ShowEmployee{employee});
    const std::size_t spells_before = c.state()["spells"].size();
    c.dispatch(NewSpell{employee});
    for (int i = 0; i < 10; ++i)
        c.press(ImGuiKey_Backspace); // the prefilled date
    c.type("31-02-2024");
    c.press(ImGuiKey_Enter);
    c.settle();
    const json s = c.state();
    CHECK(s["screen"] == "spell_editor");
    CHECK(s["pending"] == 0);
    CHECK(s["spells"].size() == spells_before);
}

TEST_CASE("app: a spell recorded offline survives a reload and reaches the server once online") {
    TestServer server;
    REQUIRE(server.started());
    const auto storage = server.temp_dir() / "tab-a.json";
    const std::string employee = employee_without_ongoing_spell(server);
    std::string spell;
    {
        ClientHarness a(server, storage);
        a.sign_in(hr_email, hr_password);
        REQUIRE(a.state()["screen"] == "home");
        a.platform().set_offline(true);
        spell = record_spell(a, employee, "Registreret uden net");
        a.wait_ms(5'000); // retries fail quietly
        const json s = a.state();
        CHECK(s["online"] == false);
        CHECK(s["pending"] == 1);
        CHECK(find_spell(s, spell)["note"] == "Registreret uden net");
    } // the tab is closed

    // A reload, still offline: the cached user and the replica open from storage.
    ClientHarness reloaded(server, storage, /*offline=*/true);
    reloaded.settle();
    json s = reloaded.state();
    CHECK(s["screen"] == "home");
    CHECK(s["pending"] == 1);
    reloaded.dispatch(ShowEmployee{employee});
    CHECK(find_spell(reloaded.state(), spell)["note"] == "Registreret uden net");
    CHECK(server_note(server, spell) == "<404>");

    // Back online: the outbox goes out (the CSRF token is fetched first, as it was never known).
    reloaded.platform().set_offline(false);
    reloaded.settle();
    s = reloaded.state();
    INFO(s.dump());
    CHECK(s["online"] == true);
    CHECK(s["pending"] == 0);
    CHECK(server_note(server, spell) == "Registreret uden net");

    // A second client pulls it.
    ClientHarness b(server, {});
    b.sign_in(admin_email, admin_password);
    b.dispatch(ShowEmployee{employee});
    CHECK(find_spell(b.state(), spell)["note"] == "Registreret uden net");
}

TEST_CASE("app: two clients edit the same spell, the second gets a conflict and chooses") {
    TestServer server;
    REQUIRE(server.started());
    const std::string employee = employee_without_ongoing_spell(server);
    ClientHarness a(server, {});
    ClientHarness b(server, {});
    a.sign_in(hr_email, hr_password);
    b.sign_in(admin_email, admin_password);
    const std::string spell = record_spell(a, employee, "v1");
    b.wait_ms(30'000); // b's periodic pull
    b.dispatch(ShowEmployee{employee});
    REQUIRE(find_spell(b.state(), spell)["note"] == "v1");

    SUBCASE("keep mine") {
        edit_note(a, spell, "from a");
        edit_note(b, spell, "from b"); // based on v1: the server has moved on
        json s = b.state();
        REQUIRE(s["conflicts"].size() == 1);
        CHECK(s["conflicts"][0]["id"] == spell);
        CHECK(s["conflicts"][0]["fields"] == json::array({"note"}));
        CHECK(find_spell(s, spell)["note"] == "from b"); // what b typed is still what b sees
        CHECK(server_note(server, spell) == "from a");
        b.dispatch(ShowConflicts{});
        CHECK(b.state()["screen"] == "conflicts");

        b.dispatch(ResolveConflict{"absence_spell", spell, true});
        s = b.state();
        CHECK(s["conflicts"].empty());
        CHECK(s["pending"] == 0);
        CHECK(server_note(server, spell) == "from b");
        a.wait_ms(30'000);
        a.dispatch(ShowEmployee{employee});
        CHECK(find_spell(a.state(), spell)["note"] == "from b");
    }
    SUBCASE("take theirs") {
        edit_note(a, spell, "from a");
        edit_note(b, spell, "from b");
        REQUIRE(b.state()["conflicts"].size() == 1);
        b.dispatch(ResolveConflict{"absence_spell", spell, false});
        b.dispatch(ShowEmployee{employee});
        const json s = b.state();
        CHECK(s["conflicts"].empty());
        CHECK(s["pending"] == 0);
        CHECK(find_spell(s, spell)["note"] == "from a");
        CHECK(server_note(server, spell) == "from a");
    }
}

TEST_CASE("app: an expired session sends the user to login and keeps the outbox") {
    TestServer server;
    REQUIRE(server.started());
    const auto storage = server.temp_dir() / "tab.json";
    const std::string employee = employee_without_ongoing_spell(server);
    ClientHarness c(server, storage);
    c.sign_in(hr_email, hr_password);
    REQUIRE(c.state()["screen"] == "home");

    c.platform().set_session_cookie("expired-session-token");
    const std::string spell = record_spell(c, employee, "Skrevet efter udløb");
    json s = c.state();
    CHECK(s["screen"] == "login");
    CHECK(s["pending"] == 1);
    CHECK(server_note(server, spell) == "<404>");

    // The e-mail is prefilled and the password field is empty; the focus is on the first field.
    c.press(ImGuiKey_Tab);
    c.type(hr_password);
    c.press(ImGuiKey_Enter);
    c.settle();
    s = c.state();
    CHECK(s["screen"] == "home");
    CHECK(s["pending"] == 0);
    CHECK(server_note(server, spell) == "Skrevet efter udløb");
}

TEST_CASE("app: the language choice is remembered across a reload") {
    TestServer server;
    REQUIRE(server.started());
    const auto storage = server.temp_dir() / "tab.json";
    {
        ClientHarness c(server, storage);
        c.settle();
        CHECK(c.state()["language"] == "da");
        c.dispatch(SetLanguage{"en"});
        CHECK(c.state()["language"] == "en");
    }
    ClientHarness reloaded(server, storage);
    reloaded.settle();
    CHECK(reloaded.state()["language"] == "en");
}
