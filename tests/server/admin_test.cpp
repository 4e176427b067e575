// Administration: users, the organisation, the audit log; admins only.
#include "helpers.hpp"

using namespace naervaer::testing;
using nlohmann::json;

TEST_CASE("admin: only admins list users, and HR and team leaders get 403 forbidden") {
    TestServer server;
    REQUIRE(server.started());
    const Reply users = demo_admin(server).get("/api/v1/admin/users");
    REQUIRE(users.status == 200);
    CHECK(users.body["users"].size() == 3);
    for (const auto& user : users.body["users"]) CHECK_FALSE(user.contains("password_hash"));
    const Reply by_hr = demo_hr(server).get("/api/v1/admin/users");
    CHECK(by_hr.status == 403);
    CHECK(by_hr.error_code() == "forbidden");
    CHECK(demo_leader(server).get("/api/v1/admin/audit").status == 403);
}

TEST_CASE("admin: a new user needs a fresh e-mail, a known role and existing departments") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    const Reply taken = admin.post("/api/v1/admin/users",
                                   {{"email", "HR@demo.naervaer.dk"}, {"name", "Dublet"}, {"role", "hr"}});
    CHECK(taken.status == 422);
    CHECK(taken.body["error"]["fields"]["email"]["code"] == "taken");
    const Reply bad = admin.post("/api/v1/admin/users", {{"email", "x@demo.naervaer.dk"},
                                                         {"name", "X"},
                                                         {"role", "owner"},
                                                         {"department_ids", {"no-such-dept"}}});
    CHECK(bad.status == 422);
    CHECK(bad.body["error"]["fields"].contains("role"));
    const Reply wrong_type = admin.post("/api/v1/admin/users", {{"email", 42}, {"name", "X"}, {"role", "hr"}});
    CHECK(wrong_type.status == 400);
    CHECK(wrong_type.body["error"]["fields"]["email"]["code"] == "type");
    const Reply leader_bad_dept = admin.post("/api/v1/admin/users", {{"email", "y@demo.naervaer.dk"},
                                                                     {"name", "Y"},
                                                                     {"role", "team_leader"},
                                                                     {"department_ids", {"no-such-dept"}}});
    CHECK(leader_bad_dept.body["error"]["fields"]["department_ids"]["code"] == "unknown_reference");
    CHECK(admin.get("/api/v1/admin/users").body["users"].size() == 3);
}

TEST_CASE("admin: deactivating a user ends their sessions and blocks their login") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    Session leader = demo_leader(server);
    const Reply patched = admin.patch("/api/v1/admin/users/u_demo_leder", {{"active", false}});
    REQUIRE_MESSAGE(patched.status == 200, patched.raw);
    CHECK(patched.body["user"]["active"] == false);
    CHECK(leader.get("/api/v1/auth/me").status == 401);
    CHECK(Session(server).login("leder@demo.naervaer.dk", "demo-leder").status == 401);

    const Reply self = admin.patch("/api/v1/admin/users/u_demo_admin", {{"active", false}});
    CHECK(self.status == 422);
}

TEST_CASE("admin: a password reset gives a one-time password and logs the user out") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    Session hr = demo_hr(server);
    const Reply reset = admin.post("/api/v1/admin/users/u_demo_hr/reset-password", json::object());
    REQUIRE(reset.status == 200);
    const std::string otp = reset.body["one_time_password"];
    CHECK(otp.size() >= 12);
    CHECK(hr.get("/api/v1/auth/me").status == 401);
    Session again(server);
    REQUIRE(again.login("hr@demo.naervaer.dk", otp).status == 200);
    CHECK(again.get("/api/v1/sync").error_code() == "password_change_required");
}

TEST_CASE("admin: the organisation's CVR number is checked with modulus 11") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    const Reply invalid = admin.patch("/api/v1/admin/organisation", {{"cvr", "38172949"}});
    CHECK(invalid.status == 422);
    CHECK(invalid.body["error"]["fields"]["cvr"]["code"] == "invalid_cvr");
    const Reply valid = admin.patch("/api/v1/admin/organisation", {{"cvr", "41728361"}, {"name", "Vendsyssel Pak A/S"}});
    REQUIRE(valid.status == 200);
    CHECK(valid.body["organisation"]["cvr"] == "41728361");
    CHECK(admin.get("/api/v1/auth/me").body["organisation"]["name"] == "Vendsyssel Pak A/S");
    CHECK(demo_hr(server).patch("/api/v1/admin/organisation", {{"name", "Kup"}}).status == 403);
}

TEST_CASE("audit: logins, failed logins and user administration are audited") {
    TestServer server;
    REQUIRE(server.started());
    CHECK(Session(server).login("hr@demo.naervaer.dk", "wrong-password").status == 401);
    Session admin = demo_admin(server);
    REQUIRE(admin.patch("/api/v1/admin/users/u_demo_leder", {{"name", "Bent K."}}).status == 200);
    const Reply audit = admin.get("/api/v1/admin/audit?limit=50");
    REQUIRE(audit.status == 200);
    std::set<std::string> actions;
    for (const auto& entry : audit.body["entries"]) actions.insert(entry["action"].get<std::string>());
    CHECK(actions.count("login_failed") == 1);
    CHECK(actions.count("login") == 1);
    CHECK(actions.count("user_updated") == 1);
    CHECK(audit.body["entries"][0]["action"] == "user_updated"); // newest first
}
