// The admin screen against the real server: users are created, reset and deactivated through
// clicks and typing, the organisation and its retention period are edited, the deletion log is
// shown, and the server is asked whether it worked.
#include "client_harness.hpp"

#include "app/templates.hpp"

#include <naervaer/conversation_record.hpp>

#include <doctest/doctest.h>

using naervaer::client::action::ShowAdmin;
using namespace naervaer::testing;

namespace {

std::string user_id_by_email(const TestServer& server, const std::string& email) {
    Session admin(server);
    admin.login(admin_email, admin_password);
    const Reply users = admin.get("/api/v1/admin/users"); // held: the loop reads into it
    for (const auto& u : users.body["users"])
        if (u["email"] == email) return u["id"].get<std::string>();
    return {};
}

} // namespace

TEST_CASE("admin: a new team leader gets a one-time password that signs in and must be changed") {
    TestServer server;
    ClientHarness c(server, server.temp_dir() / "admin.json");
    c.set_display_size(1280, 1600); // the whole admin screen, without scrolling
    c.sign_in(admin_email, admin_password);
    c.dispatch(ShowAdmin{});

    REQUIRE(c.click("admin.new_user.email"));
    c.type("ny.leder@demo.naervaer.dk");
    REQUIRE(c.click("admin.new_user.name"));
    c.type("Ny Leder");
    REQUIRE(c.click("admin.new_user.department.demo-dept-lager"));
    REQUIRE(c.click("admin.new_user.submit"));

    // The password is shown once; the copy button puts it on the clipboard.
    REQUIRE(c.click("admin.one_time_password.copy"));
    const std::string one_time_password = c.platform().clipboard_text();
    CHECK(one_time_password.size() >= 10);

    Session fresh(server);
    const Reply login = fresh.login("ny.leder@demo.naervaer.dk", one_time_password);
    REQUIRE(login.status == 200);
    CHECK(login.body["user"]["must_change_password"] == true);
    CHECK(login.body["user"]["role"] == "team_leader");
    CHECK(login.body["user"]["department_ids"] == nlohmann::json::array({"demo-dept-lager"}));
    // Until the password is changed, the rest of the API refuses.
    CHECK(fresh.get("/api/v1/sync?since=0").status == 403);
}

TEST_CASE("admin: a deactivated user can no longer sign in, and a reset gives a new password") {
    TestServer server;
    ClientHarness c(server, server.temp_dir() / "admin.json");
    c.sign_in(admin_email, admin_password);
    c.dispatch(ShowAdmin{});
    const std::string hr_id = user_id_by_email(server, hr_email);
    REQUIRE_FALSE(hr_id.empty());

    REQUIRE(c.click("admin.user.active." + hr_id));
    CHECK(Session(server).login(hr_email, hr_password).status == 401);

    REQUIRE(c.click("admin.user.active." + hr_id)); // activate again
    REQUIRE(c.click("admin.user.reset." + hr_id));
    REQUIRE(c.click("admin.one_time_password.copy"));
    const std::string one_time_password = c.platform().clipboard_text();
    CHECK(Session(server).login(hr_email, hr_password).status == 401); // old one is gone
    CHECK(Session(server).login(hr_email, one_time_password).status == 200);
}

TEST_CASE("admin: the organisation's CVR is checked before saving, a valid one reaches the server") {
    TestServer server;
    ClientHarness c(server, server.temp_dir() / "admin.json");
    c.set_display_size(1280, 1600);
    c.sign_in(admin_email, admin_password);
    c.dispatch(ShowAdmin{});
    REQUIRE(c.click("admin.organisation.edit"));

    // 38172949: the check digit is off by one. The error shows; nothing is sent.
    REQUIRE(c.click("admin.organisation.cvr"));
    c.press(ImGuiKey_End);
    c.press(ImGuiKey_Backspace);
    c.type("9");
    REQUIRE(c.click("admin.organisation.save"));
    const auto errors = c.state()["errors"];
    CHECK(errors.dump().find("Ugyldigt CVR-nummer") != std::string::npos);
    Session admin(server);
    admin.login(admin_email, admin_password);
    CHECK(admin.get("/api/v1/auth/me").body["organisation"]["cvr"] == "38172948");

    // 24256790 is valid (2·2+4·7+2·6+5·5+6·4+7·3+9·2+0·1 = 132 = 12·11).
    REQUIRE(c.click("admin.organisation.cvr"));
    for (int i = 0; i < 8; ++i) c.press(ImGuiKey_Backspace);
    c.type("24256790");
    REQUIRE(c.click("admin.organisation.municipality"));
    c.press(ImGuiKey_End);
    for (int i = 0; i < 8; ++i) c.press(ImGuiKey_Backspace);
    c.type("Frederikshavn");
    REQUIRE(c.click("admin.organisation.save"));
    const Reply me = admin.get("/api/v1/auth/me");
    CHECK(me.body["organisation"]["cvr"] == "24256790");
    CHECK(me.body["organisation"]["municipality"] == "Frederikshavn");
    CHECK(c.state()["toast"] == "Organisationen er gemt");
}

TEST_CASE("admin: conversation records are kept 1-20 years, and a deleted draft is in the deletion log") {
    TestServer server;
    // A draft absence conversation on the demo's day-25 case, written and then deleted by HR.
    Session hr(server);
    REQUIRE(hr.login(hr_email, hr_password).status == 200);
    const Reply pulled = hr.get("/api/v1/sync?since=0&limit=2000");
    std::string spell_id;
    for (const auto& r : pulled.body["changes"])
        if (r["type"] == "absence_spell" && r["data"]["employee_id"] == employee_day_25 &&
            r["data"]["last_day"].is_null())
            spell_id = r["id"];
    REQUIRE_FALSE(spell_id.empty());
    const naervaer::client::LoadedTemplates templates = naervaer::client::load_embedded_templates();
    const naervaer::FormTemplate* form = templates.find("absence_conversation");
    REQUIRE(form != nullptr);
    const naervaer::Date today = *naervaer::Date::parse_iso(local_today_iso());
    naervaer::ConversationRecord draft =
        naervaer::new_conversation_record(*form, "c-deleted-draft", employee_day_25, spell_id, today);
    draft.answers = {{"return_how_when", "Tekst der ikke må stå i loggen"}};
    Reply pushed = hr.push(nlohmann::json::array({{{"type", "conversation_record"},
                                                   {"id", draft.id},
                                                   {"base_rev", 0},
                                                   {"deleted", false},
                                                   {"data", naervaer::to_json(draft)}}}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
    const long long rev = pushed.body["accepted"][0]["rev"];
    pushed = hr.push(nlohmann::json::array({{{"type", "conversation_record"},
                                             {"id", draft.id},
                                             {"base_rev", rev},
                                             {"deleted", true},
                                             {"data", nlohmann::json::object()}}}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);

    ClientHarness c(server, server.temp_dir() / "admin.json");
    c.set_display_size(1280, 2400);
    c.sign_in(admin_email, admin_password);
    c.dispatch(ShowAdmin{});
    CHECK(c.shows("admin.deletion.c-deleted-draft"));

    // 25 years is out of range: the error shows, nothing is sent.
    REQUIRE(c.click("admin.organisation.edit"));
    REQUIRE(c.click("admin.organisation.retention_years"));
    c.press(ImGuiKey_End);
    for (int i = 0; i < 3; ++i)
        c.press(ImGuiKey_Backspace);
    c.type("25");
    REQUIRE(c.click("admin.organisation.save"));
    CHECK_FALSE(c.state()["errors"].empty());
    Session admin(server);
    REQUIRE(admin.login(admin_email, admin_password).status == 200);
    CHECK(admin.get("/api/v1/auth/me").body["organisation"]["record_retention_years"] == 5); // the default

    REQUIRE(c.click("admin.organisation.retention_years"));
    c.press(ImGuiKey_End);
    for (int i = 0; i < 3; ++i)
        c.press(ImGuiKey_Backspace);
    c.type("3");
    REQUIRE(c.click("admin.organisation.save"));
    CHECK(admin.get("/api/v1/auth/me").body["organisation"]["record_retention_years"] == 3);
    CHECK(c.state()["toast"] == "Organisationen er gemt");
}
