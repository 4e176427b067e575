// Small pieces of the server checked on their own: request-body scanning, the rate limiter, the
// command line, Accept-Encoding parsing, the Danish date and the built-in alert rules.
#include "auth/rate_limiter.hpp"
#include "cli.hpp"
#include "clock.hpp"
#include "http/json_body.hpp"
#include "services/alert_defaults.hpp"
#include "static/static_files.hpp"

#include <doctest/doctest.h>

using namespace naervaer::server;

TEST_CASE("json body: UTF-8 validation refuses overlong forms, surrogates and truncated sequences") {
    CHECK(is_valid_utf8("Søren Ærø Åse"));
    CHECK(is_valid_utf8("\xF0\x9F\x98\x80")); // an emoji
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));     // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80")); // a UTF-16 surrogate
    CHECK_FALSE(is_valid_utf8("\xC3"));         // truncated
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80")); // above U+10FFFF
}

TEST_CASE("json body: nesting depth ignores brackets in strings and stops counting past the limit") {
    CHECK(json_nesting_depth(R"({"a": [1, {"b": []}]})", 32) == 4);
    CHECK(json_nesting_depth(R"({"a": "[[[[\"[[["})", 32) == 1);
    CHECK(json_nesting_depth(std::string(1000, '['), 32) == 33);
}

TEST_CASE("rate limiter: blocks after the allowed failures until the window ends, per key") {
    RateLimiter limiter(2, std::chrono::seconds(60));
    const auto t0 = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));
    limiter.record_failure("a", t0);
    CHECK_FALSE(limiter.blocked_for("a", t0).has_value());
    limiter.record_failure("a", t0 + std::chrono::seconds(10));
    const auto wait = limiter.blocked_for("a", t0 + std::chrono::seconds(10));
    REQUIRE(wait.has_value());
    CHECK(wait->count() == 50);
    CHECK_FALSE(limiter.blocked_for("b", t0).has_value());
    CHECK_FALSE(limiter.blocked_for("a", t0 + std::chrono::seconds(60)).has_value());
}

TEST_CASE("command line: flags override the environment and a bad flag is an error") {
    const auto env = [](const char* name) -> const char* {
        const std::string n = name;
        if (n == "NAERVAER_PORT") return "9000";
        if (n == "NAERVAER_DEMO") return "1";
        if (n == "NAERVAER_DATA_DIR") return "/var/lib/naervaer";
        return nullptr;
    };
    std::string error;
    const auto parsed = parse_command_line({"--port", "8181", "--workers", "8", "--secure-cookies"}, env, error);
    REQUIRE(parsed.has_value());
    CHECK(parsed->config.port == 8181);
    CHECK(parsed->config.demo);
    CHECK(parsed->config.data_dir == "/var/lib/naervaer");
    CHECK(parsed->config.workers == 8);
    CHECK(parsed->config.secure_cookies);

    CHECK_FALSE(parse_command_line({"--prot", "1"}, env, error).has_value());
    CHECK(error.find("--prot") != std::string::npos);
    CHECK_FALSE(parse_command_line({"--port", "http"}, env, error).has_value());
    CHECK_FALSE(parse_command_line({"--session-ttl"}, env, error).has_value());
}

TEST_CASE("static: Accept-Encoding allows gzip unless it is refused with q=0") {
    CHECK(accepts_gzip("gzip, deflate, br"));
    CHECK(accepts_gzip("br;q=1.0, gzip;q=0.8"));
    CHECK(accepts_gzip("*"));
    CHECK_FALSE(accepts_gzip("gzip;q=0"));
    CHECK_FALSE(accepts_gzip("deflate, br"));
    CHECK_FALSE(accepts_gzip(""));
}

namespace {
// The instant yyyy-mm-dd hh:mm:ss UTC.
std::chrono::system_clock::time_point utc(int y, int m, int d, int hh, int mm, int ss) {
    const int64_t day = naervaer::Date::from_ymd(y, m, d)->serial();
    return std::chrono::system_clock::time_point(std::chrono::seconds(day * 86400 + hh * 3600 + mm * 60 + ss));
}
std::string danish(std::chrono::system_clock::time_point t) { return danish_today(t).iso(); }
} // namespace

TEST_CASE("clock: today in Denmark is UTC+1 in winter and UTC+2 from the last Sunday of March to October's") {
    // Winter (CET): midnight in Copenhagen is 23:00 UTC the day before.
    CHECK(danish(utc(2025, 1, 15, 22, 59, 59)) == "2025-01-15");
    CHECK(danish(utc(2025, 1, 15, 23, 0, 0)) == "2025-01-16");
    CHECK(danish(utc(2024, 12, 31, 23, 0, 0)) == "2025-01-01");
    // Summer time starts Sunday 30 March 2025 at 01:00 UTC (02:00 CET becomes 03:00 CEST).
    CHECK(danish(utc(2025, 3, 29, 22, 59, 59)) == "2025-03-29");
    CHECK(danish(utc(2025, 3, 29, 23, 0, 0)) == "2025-03-30");
    CHECK(danish(utc(2025, 3, 30, 21, 59, 59)) == "2025-03-30");
    CHECK(danish(utc(2025, 3, 30, 22, 0, 0)) == "2025-03-31");
    // Summer (CEST): midnight is 22:00 UTC.
    CHECK(danish(utc(2025, 7, 1, 21, 59, 59)) == "2025-07-01");
    CHECK(danish(utc(2025, 7, 1, 22, 0, 0)) == "2025-07-02");
    // It ends Sunday 26 October 2025 at 01:00 UTC; that evening midnight is 23:00 UTC again.
    CHECK(danish(utc(2025, 10, 25, 22, 0, 0)) == "2025-10-26");
    CHECK(danish(utc(2025, 10, 26, 22, 0, 0)) == "2025-10-26");
    CHECK(danish(utc(2025, 10, 26, 23, 0, 0)) == "2025-10-27");
    // 2024: the last Sundays are 31 March and 27 October.
    CHECK(danish(utc(2024, 3, 30, 22, 30, 0)) == "2024-03-30"); // still CET: 23:30
    CHECK(danish(utc(2024, 3, 31, 22, 30, 0)) == "2024-04-01"); // CEST: 00:30
    CHECK(danish(utc(2024, 10, 27, 22, 30, 0)) == "2024-10-27"); // CET again: 23:30
}

TEST_CASE("alert defaults: the embedded file parses, and a broken one is a start-up error naming the file") {
    const naervaer::AlertSettings defaults = embedded_alert_defaults();
    CHECK(defaults.id == "alerts-default");
    REQUIRE(defaults.rules.size() == 6);
    CHECK(defaults.find("policy_conversation")->done_with == "absence_conversation");
    CHECK(defaults.find("continuous_week")->days == 7);
    CHECK(defaults.find("bradford")->enabled == false);

    try {
        (void)parse_alert_defaults(R"({"schema": 1, "id": "x", "alerts": [{"id": "a", "kind": "weekly"}]})");
        FAIL("a broken file must not parse");
    } catch (const std::runtime_error& e) {
        const std::string message = e.what();
        CHECK(message.find("assets/rules/alerts-default.json") != std::string::npos);
        CHECK(message.find("alerts[0].kind: unknown kind \"weekly\"") != std::string::npos);
    }
    CHECK_THROWS_AS(parse_alert_defaults("{"), std::runtime_error);
}
