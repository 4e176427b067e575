// Starting, stopping, the database on disk and the demo organisation.
#include "helpers.hpp"
#include "naervaer/identifiers.hpp"

#include <sqlite3.h>

using namespace naervaer::testing;
using nlohmann::json;

namespace {

long long count_rows(const std::filesystem::path& file, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::unique_ptr<sqlite3, decltype(&sqlite3_close)> guard(db, &sqlite3_close);
    sqlite3_stmt* raw = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) == SQLITE_OK);
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> statement(raw, &sqlite3_finalize);
    REQUIRE(sqlite3_step(raw) == SQLITE_ROW);
    return sqlite3_column_int64(raw, 0);
}

} // namespace

TEST_CASE("lifecycle: a write acknowledged before a graceful stop is there after a restart") {
    TestServer server;
    REQUIRE(server.started());
    {
        Session hr = demo_hr(server);
        const Reply pushed = hr.push(json::array({spell_change("durable", employee_in_produktion, day(-2), day(-2))}));
        REQUIRE(pushed.status == 200);
    }
    server.stop();
    // After the stop the WAL is checkpointed into the database file.
    CHECK(count_rows(server.config().data_dir / "naervaer.sqlite3",
                     "SELECT COUNT(*) FROM records WHERE id = 'durable'") == 1);
    REQUIRE(server.restart());
    Session hr = demo_hr(server);
    CHECK(read_record(hr, "absence_spell", "durable")["data"]["first_day"] == day(-2));
}

TEST_CASE("lifecycle: migrations are recorded once and the demo is seeded only into an empty database") {
    TestServer server;
    REQUIRE(server.started());
    const auto file = server.config().data_dir / "naervaer.sqlite3";
    const long long records = count_rows(file, "SELECT COUNT(*) FROM records");
    CHECK(count_rows(file, "SELECT COUNT(*) FROM schema_migrations WHERE version = 1") == 1);
    REQUIRE(server.restart());
    CHECK(count_rows(file, "SELECT COUNT(*) FROM schema_migrations") == 1);
    CHECK(count_rows(file, "SELECT COUNT(*) FROM records") == records);
    CHECK(count_rows(file, "SELECT COUNT(*) FROM organisations") == 1);
}

TEST_CASE("lifecycle: start() fails with a reason when the port is taken") {
    TestServer first;
    REQUIRE(first.started());
    TestServer second([&](naervaer::server::Config& c) { c.port = first.port(); });
    CHECK_FALSE(second.started());
    CHECK(second.error().find("listen") != std::string::npos);
    CHECK(Session(first).get("/api/v1/health").status == 200);
}

TEST_CASE("demo: a Hjørring company with a valid CVR, four departments, 30 employees and current cases") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    const json me = admin.get("/api/v1/auth/me").body;
    CHECK(me["organisation"]["municipality"] == "Hjørring");
    CHECK(naervaer::is_valid_cvr(me["organisation"]["cvr"].get<std::string>()));

    const Reply pull = admin.get("/api/v1/sync?since=0");
    REQUIRE(pull.status == 200);
    int departments = 0, employees = 0, ongoing = 0, long_term = 0, partial = 0, past = 0, with_cpr = 0;
    std::set<std::string> kinds;
    bool danish_letters = false;
    for (const auto& record : pull.body["changes"]) {
        const json& data = record["data"];
        if (record["type"] == "department") ++departments;
        if (record["type"] == "employee") {
            ++employees;
            const std::string name = data["name"];
            if (name.find("ø") != std::string::npos || name.find("æ") != std::string::npos ||
                name.find("å") != std::string::npos)
                danish_letters = true;
            if (data.contains("cpr")) ++with_cpr;
        }
        if (record["type"] == "absence_spell") {
            kinds.insert(data["kind"].get<std::string>());
            if (data["last_day"].is_null()) {
                ++ongoing;
                if (data["not_expected_back_within_8_weeks"] == true) ++long_term;
                if (data["partial"] == true) ++partial;
            } else {
                ++past;
            }
        }
    }
    CHECK(departments == 4);
    CHECK(employees == 30);
    CHECK(danish_letters);
    CHECK(with_cpr >= 3);
    CHECK(ongoing >= 4);
    CHECK(long_term >= 1);
    CHECK(partial >= 1);
    CHECK(past >= 30);
    CHECK(kinds.size() >= 3);
}

TEST_CASE("demo: the scaled demo seeds the requested employees and spells, and pulls page through them") {
    naervaer::testing::TempDir dir;
    naervaer::server::Config config;
    config.data_dir = dir.path() / "data";
    config.password_hash_cost = naervaer::server::PasswordHashCost::minimal_for_tests;
    std::string error;
    REQUIRE_MESSAGE(naervaer::server::demo::seed_scaled(config, {200, 2000, 5}, error), error);
    CHECK_FALSE(naervaer::server::demo::seed_scaled(config, {1, 1, 2}, error));

    TestServer server([&](naervaer::server::Config& c) {
        c.data_dir = config.data_dir;
        c.demo = false;
    });
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    const Reply page = admin.get("/api/v1/sync?since=0");
    REQUIRE(page.status == 200);
    CHECK(page.body["changes"].size() == 2000); // the page limit
    CHECK(page.body["more"] == true);
    const Reply rest = admin.get("/api/v1/sync?since=" + std::to_string(page.body["cursor"].get<long long>()));
    CHECK(rest.body["changes"].size() == 5 + 200 + 2000 - 2000);
    CHECK(rest.body["more"] == false);
}
