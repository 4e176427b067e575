// Small pieces of the server checked on their own: request-body scanning, the rate limiter, the
// command line and Accept-Encoding parsing.
#include "auth/rate_limiter.hpp"
#include "cli.hpp"
#include "http/json_body.hpp"
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
