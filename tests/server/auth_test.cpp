#include "helpers.hpp"

using namespace naervaer::testing;

TEST_CASE("auth: a demo admin logs in, gets an HttpOnly SameSite=Strict cookie and /auth/me answers the same user") {
    TestServer server;
    REQUIRE_MESSAGE(server.started(), server.error());
    Session admin(server);
    const Reply login = admin.login("admin@demo.naervaer.dk", "demo-admin");
    REQUIRE(login.status == 200);
    const std::string cookie = login.header("Set-Cookie");
    CHECK(cookie.starts_with("naervaer_session="));
    CHECK(cookie.find("HttpOnly") != std::string::npos);
    CHECK(cookie.find("SameSite=Strict") != std::string::npos);
    CHECK(cookie.find("Path=/") != std::string::npos);
    CHECK(cookie.find("Secure") == std::string::npos);
    CHECK(login.body["user"]["role"] == "admin");
    CHECK(login.body["organisation"]["municipality"] == "Hjørring");
    CHECK(login.body["csrf_token"].get<std::string>().size() >= 32);

    const Reply me = admin.get("/api/v1/auth/me");
    REQUIRE(me.status == 200);
    CHECK(me.body["user"]["email"] == "admin@demo.naervaer.dk");
    CHECK(me.body["csrf_token"] == login.body["csrf_token"]);
}

TEST_CASE("auth: the session cookie is marked Secure when the server is configured for TLS") {
    TestServer server([](naervaer::server::Config& c) { c.secure_cookies = true; });
    REQUIRE(server.started());
    Session admin(server);
    const Reply login = admin.login("admin@demo.naervaer.dk", "demo-admin");
    REQUIRE(login.status == 200);
    CHECK(login.header("Set-Cookie").find("; Secure") != std::string::npos);
}

TEST_CASE("auth: a wrong password and an unknown e-mail get the same 401 invalid_credentials answer") {
    TestServer server;
    REQUIRE(server.started());
    Session anyone(server);
    const Reply wrong_password = anyone.login("admin@demo.naervaer.dk", "not-the-password");
    const Reply unknown_user = anyone.login("nobody@demo.naervaer.dk", "not-the-password");
    CHECK(wrong_password.status == 401);
    CHECK(wrong_password.error_code() == "invalid_credentials");
    CHECK(unknown_user.status == wrong_password.status);
    CHECK(unknown_user.body == wrong_password.body);
    CHECK(wrong_password.header("Set-Cookie").empty());
}

TEST_CASE("auth: requests without a session answer 401 unauthenticated") {
    TestServer server;
    REQUIRE(server.started());
    Session anonymous(server);
    const Reply me = anonymous.get("/api/v1/auth/me");
    CHECK(me.status == 401);
    CHECK(me.error_code() == "unauthenticated");
    anonymous.set_cookie("naervaer_session=forged-token");
    CHECK(anonymous.get("/api/v1/sync").error_code() == "unauthenticated");
}

TEST_CASE("auth: after too many failures an account answers 429 with Retry-After, even for the right password") {
    TestServer server([](naervaer::server::Config& c) { c.login_failures_per_account = 3; });
    REQUIRE(server.started());
    Session attacker(server);
    for (int i = 0; i < 3; ++i) CHECK(attacker.login("hr@demo.naervaer.dk", "guess").status == 401);
    const Reply blocked = attacker.login("hr@demo.naervaer.dk", "demo-hr");
    CHECK(blocked.status == 429);
    CHECK(blocked.error_code() == "rate_limited");
    const int retry_after = std::stoi(blocked.header("Retry-After"));
    CHECK(retry_after > 0);
    CHECK(retry_after <= 15 * 60);
    // Other accounts are not affected.
    CHECK(Session(server).login("admin@demo.naervaer.dk", "demo-admin").status == 200);

    SUBCASE("the block ends when the window has passed") {
        server.clock().advance(std::chrono::seconds(retry_after + 1));
        CHECK(attacker.login("hr@demo.naervaer.dk", "demo-hr").status == 200);
    }
}

TEST_CASE("auth: failed logins are limited per client address, and a REMOTE_ADDR header does not dodge the limit") {
    TestServer server([](naervaer::server::Config& c) {
        c.login_failures_per_account = 100;
        c.login_failures_per_address = 3;
    });
    REQUIRE(server.started());
    Session attacker(server);
    // CVE-2025-66570: in cpp-httplib 0.11.4 client headers named like the library's internal
    // ones (REMOTE_ADDR, ...) shadow them. Each attempt claims another address and account.
    for (int i = 0; i < 3; ++i) {
        const Reply reply = attacker.post(
            "/api/v1/auth/login", {{"email", "user" + std::to_string(i) + "@demo.naervaer.dk"}, {"password", "x"}},
            {{"REMOTE_ADDR", "203.0.113." + std::to_string(i)}, {"X-Forwarded-For", "198.51.100.7"}});
        CHECK(reply.status == 401);
    }
    const Reply blocked = attacker.post("/api/v1/auth/login",
                                        {{"email", "admin@demo.naervaer.dk"}, {"password", "demo-admin"}},
                                        {{"REMOTE_ADDR", "203.0.113.99"}});
    CHECK(blocked.status == 429);
    CHECK(blocked.error_code() == "rate_limited");
    CHECK_FALSE(blocked.header("Retry-After").empty());
}

TEST_CASE("auth: a session past its lifetime answers 401 session_expired") {
    TestServer server([](naervaer::server::Config& c) { c.session_ttl = std::chrono::seconds(60); });
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    CHECK(hr.get("/api/v1/auth/me").status == 200);
    server.clock().advance(std::chrono::seconds(61));
    const Reply expired = hr.get("/api/v1/auth/me");
    CHECK(expired.status == 401);
    CHECK(expired.error_code() == "session_expired");
}

TEST_CASE("auth: logout ends the session on the server, not only in the browser") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    const Reply logout = hr.post("/api/v1/auth/logout", nlohmann::json::object());
    CHECK(logout.status == 200);
    CHECK(logout.header("Set-Cookie").find("Max-Age=0") != std::string::npos);
    // Replaying the old cookie does not work.
    const Reply after = hr.get("/api/v1/auth/me");
    CHECK(after.status == 401);
    CHECK(after.error_code() == "unauthenticated");
}

TEST_CASE("auth: a state-changing request without the session's CSRF token answers 403 csrf") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    hr.send_csrf = false;
    const Reply missing = hr.push(nlohmann::json::array());
    CHECK(missing.status == 403);
    CHECK(missing.error_code() == "csrf");

    const Reply wrong = hr.post("/api/v1/sync", {{"since", 0}, {"changes", nlohmann::json::array()}},
                                {{"X-CSRF-Token", std::string(hr.csrf().size(), 'A')}});
    CHECK(wrong.status == 403);
    CHECK(wrong.error_code() == "csrf");

    // Another user's token does not fit this session.
    Session admin = demo_admin(server);
    const Reply foreign = hr.post("/api/v1/sync", {{"since", 0}, {"changes", nlohmann::json::array()}},
                                  {{"X-CSRF-Token", admin.csrf()}});
    CHECK(foreign.status == 403);

    hr.send_csrf = true;
    CHECK(hr.push(nlohmann::json::array()).status == 200);
}

TEST_CASE("auth: a request whose Origin names another site is refused with 403") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    const Reply cross_site = hr.push(nlohmann::json::array(), 0);
    REQUIRE(cross_site.status == 200);
    const Reply evil = hr.post("/api/v1/sync", {{"since", 0}, {"changes", nlohmann::json::array()}},
                               {{"Origin", "http://evil.example"}});
    CHECK(evil.status == 403);
    CHECK(evil.error_code() == "csrf");
    CHECK(hr.get("/api/v1/auth/me", {{"Origin", "null"}}).status == 403);
    const std::string own = "http://127.0.0.1:" + std::to_string(server.port());
    CHECK(hr.get("/api/v1/auth/me", {{"Origin", own}}).status == 200);
}

TEST_CASE("auth: login accepts only application/json") {
    TestServer server;
    REQUIRE(server.started());
    Session anyone(server);
    const Reply form = anyone.send("POST", "/api/v1/auth/login", "email=admin%40demo.naervaer.dk&password=demo-admin",
                                   "application/x-www-form-urlencoded");
    CHECK(form.status == 415);
    CHECK(form.error_code() == "unsupported_media_type");
}

TEST_CASE("auth: a user with a one-time password must change it before anything else") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    const Reply created = admin.post("/api/v1/admin/users", {{"email", "Ny.Leder@demo.naervaer.dk"},
                                                             {"name", "Ny Leder"},
                                                             {"role", "team_leader"},
                                                             {"department_ids", {"demo-dept-lager"}}});
    REQUIRE_MESSAGE(created.status == 201, created.raw);
    const std::string otp = created.body["one_time_password"];
    CHECK(created.body["user"]["email"] == "ny.leder@demo.naervaer.dk");
    CHECK(created.body["user"]["must_change_password"] == true);

    Session fresh(server);
    const Reply login = fresh.login("ny.leder@demo.naervaer.dk", otp);
    REQUIRE(login.status == 200);
    CHECK(login.body["user"]["must_change_password"] == true);
    const Reply held = fresh.get("/api/v1/sync?since=0");
    CHECK(held.status == 403);
    CHECK(held.error_code() == "password_change_required");

    const Reply wrong_current = fresh.post("/api/v1/auth/password",
                                           {{"current_password", "nope"}, {"new_password", "a-long-new-secret"}});
    CHECK(wrong_current.status == 422);
    const Reply too_short = fresh.post("/api/v1/auth/password", {{"current_password", otp}, {"new_password", "short"}});
    CHECK(too_short.status == 422);
    CHECK(too_short.body["error"]["fields"].contains("new_password"));

    const Reply changed = fresh.post("/api/v1/auth/password",
                                     {{"current_password", otp}, {"new_password", "a-long-new-secret"}});
    CHECK(changed.status == 200);
    CHECK(fresh.get("/api/v1/sync?since=0").status == 200);
    CHECK(fresh.get("/api/v1/auth/me").body["user"]["must_change_password"] == false);
    CHECK(Session(server).login("ny.leder@demo.naervaer.dk", otp).status == 401);
    CHECK(Session(server).login("ny.leder@demo.naervaer.dk", "a-long-new-secret").status == 200);
}
