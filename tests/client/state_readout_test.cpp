// The read-out browser tests depend on (App::state_json): item rectangles for real mouse clicks,
// the error messages on screen and the open form's text.
#include "client_harness.hpp"

#include <doctest/doctest.h>

using namespace naervaer::testing;
using nlohmann::json;

namespace {
bool inside(const json& rect, float width, float height) {
    if (!rect.is_array() || rect.size() != 4) return false;
    const float x = rect[0], y = rect[1], w = rect[2], h = rect[3];
    return w > 0 && h > 0 && x >= 0 && y >= 0 && x + w <= width && y + h <= height;
}
} // namespace

TEST_CASE("state read-out: items of the last frame, errors on screen, the form as typed") {
    TestServer server;
    REQUIRE(server.started());
    ClientHarness c(server, {});
    c.settle();
    json s = c.state();
    REQUIRE(s["screen"] == "login");
    for (const char* name : {"login.email", "login.password", "login.submit", "login.lang.da", "login.lang.en"})
        CHECK_MESSAGE(inside(s["items"][name], 1280, 800), name);
    // The password field sits below the e-mail field.
    CHECK(s["items"]["login.password"][1].get<float>() > s["items"]["login.email"][1].get<float>());
    CHECK(s["errors"].empty());

    c.sign_in(hr_email, "wrong");
    s = c.state();
    CHECK(s["form"]["email"] == hr_email);
    CHECK(s["form"]["password_length"] == 5);
    REQUIRE(s["errors"].size() == 1);
    CHECK(s["errors"][0] == s["last_error"]);

    ClientHarness fresh(server, {});
    fresh.sign_in(hr_email, hr_password);
    REQUIRE(fresh.state()["screen"] == "home");
    REQUIRE(fresh.click("nav.employees"));
    s = fresh.state();
    REQUIRE(s["screen"] == "employees");
    // Only what this frame drew: the login items are gone, the list's are there.
    CHECK_FALSE(s["items"].contains("login.email"));
    CHECK(inside(s["items"]["list.search"], 1280, 800));
    CHECK(inside(s["items"]["nav.employees"], 1280, 800));
    CHECK(inside(s["items"]["status.online"], 1280, 800));
    int rows = 0;
    for (const auto& [name, rect] : s["items"].items())
        rows += name.rfind("list.row.", 0) == 0 && inside(rect, 1280, 800);
    CHECK(rows > 0);
    CHECK(s["form"].is_null());
}
