// Starting, stopping, the database on disk and the demo organisation.
#include "helpers.hpp"
#include "naervaer/identifiers.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <sqlite3.h>

using namespace naervaer::testing;
using nlohmann::json;

namespace {

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
    CHECK(count_rows(file, "SELECT COUNT(*) FROM schema_migrations WHERE version = 2") == 1);
    CHECK(count_rows(file, "SELECT COUNT(*) FROM schema_migrations WHERE version = 3") == 1);
    CHECK(count_rows(file, "SELECT COUNT(*) FROM schema_migrations WHERE version = 4") == 1);
    REQUIRE(server.restart());
    CHECK(count_rows(file, "SELECT COUNT(*) FROM schema_migrations") == 4);
    CHECK(count_rows(file, "SELECT COUNT(*) FROM records") == records);
    // The demo employer and its two jobcentres (Hjørring, Herning).
    CHECK(count_rows(file, "SELECT COUNT(*) FROM organisations") == 3);
    CHECK(count_rows(file, "SELECT COUNT(*) FROM organisations WHERE kind = 'jobcenter'") == 2);
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
    // 5 departments, 200 employees, 2,000 spells, a signed conversation for every other employee
    CHECK(rest.body["changes"].size() == 5 + 200 + 2000 + 100 - 2000);
    CHECK(rest.body["more"] == false);
}

namespace {

// Every row of a table as text, in a fixed order: what "nothing changed" is compared on.
std::vector<std::string> dump_rows(naervaer::server::sqlite::Connection& db, const char* sql) {
    std::vector<std::string> rows;
    auto q = db.use(sql);
    while (q->step()) {
        std::string row;
        for (int column = 0; column < 10; ++column)
            row += (q->is_null(column) ? std::string("NULL") : q->text(column)) + "|";
        rows.push_back(row);
    }
    return rows;
}

bool insert_fails(naervaer::server::sqlite::Connection& db, const char* sql) {
    try {
        db.exec(sql);
    } catch (const naervaer::server::sqlite::SqliteError&) {
        return true;
    }
    return false;
}

} // namespace

TEST_CASE("migration: a version 1 database keeps every record, tombstone and index when migrated to version 2") {
    namespace sq = naervaer::server::sqlite;
    naervaer::testing::TempDir dir;
    const auto file = dir.path() / "naervaer.sqlite3";
    constexpr const char* all_records =
        "SELECT id, org_id, type, rev, updated_at, updated_by, deleted, data, scope_department, employee_id"
        " FROM records ORDER BY id";
    std::vector<std::string> before;
    {
        sq::Connection db(file);
        db.exec("PRAGMA foreign_keys = ON");
        sq::migrate(db, sq::embedded_migrations().first(1));
        db.exec(R"sql(
            INSERT INTO organisations (id, name, cvr, municipality, created_at)
                VALUES ('org_v1', 'Gammel A/S', '38172948', 'Hjørring', '2024-01-01T00:00:00Z');
            INSERT INTO organisation_revs (org_id, rev) VALUES ('org_v1', 5);
            INSERT INTO records VALUES ('dep', 'org_v1', 'department', 1, '2024-01-01T00:00:00Z', 'u', 0,
                '{"name":"Lager"}', NULL, NULL);
            INSERT INTO records VALUES ('emp', 'org_v1', 'employee', 2, '2024-01-01T00:00:00Z', 'u', 0,
                '{"department_id":"dep","employment_start":"2020-01-01","name":"Åse Ørum","weekly_hours":37.0}',
                'dep', NULL);
            INSERT INTO records VALUES ('sp1', 'org_v1', 'absence_spell', 3, '2024-01-02T00:00:00Z', 'u', 0,
                '{"employee_id":"emp","first_day":"2024-01-02","kind":"sickness","last_day":null}', 'dep', 'emp');
            INSERT INTO records VALUES ('sp2', 'org_v1', 'absence_spell', 5, '2024-01-03T00:00:00Z', 'u', 1,
                '{}', NULL, NULL);
        )sql");
        // Version 1 knows no to-do marks: the CHECK this migration widens.
        CHECK(insert_fails(db, "INSERT INTO records VALUES ('d-1', 'org_v1', 'todo_done', 6, 't', 'u', 0, '{}', 'dep',"
                               " 'emp')"));
        before = dump_rows(db, all_records);
        REQUIRE(before.size() == 4);
    }

    {
        sq::SqliteStore store(file); // applies version 2
        auto tx = store.read();
        const auto spell = tx->find_record("sp1");
        REQUIRE(spell.has_value());
        CHECK(spell->record.data["first_day"] == "2024-01-02");
        CHECK(spell->scope_department == "dep");
        CHECK(spell->employee_id == "emp");
        CHECK(tx->current_rev("org_v1") == 5);
        CHECK(tx->records_of_employee("org_v1", "emp", "absence_spell").size() == 1);
    }

    sq::Connection db(file);
    db.exec("PRAGMA foreign_keys = ON");
    CHECK(dump_rows(db, all_records) == before);
    CHECK(count_rows(file, "SELECT MAX(version) FROM schema_migrations") ==
          static_cast<long long>(sq::embedded_migrations().back().version));
    CHECK(count_rows(file, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records'"
                           " AND name IN ('records_org_rev', 'records_org_employee')") == 2);
    CHECK(count_rows(file, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'new_records'") == 0);
    // The new types are accepted, other types still are not, revs stay unique and the
    // organisation must exist.
    db.exec("INSERT INTO records VALUES ('d-1', 'org_v1', 'todo_done', 6, 't', 'u', 0, '{}', 'dep', 'emp')");
    db.exec("INSERT INTO records VALUES ('alerts-org_v1', 'org_v1', 'alert_settings', 7, 't', 'u', 0, '{}', NULL,"
            " NULL)");
    CHECK(insert_fails(db, "INSERT INTO records VALUES ('x', 'org_v1', 'note', 8, 't', 'u', 0, '{}', NULL, NULL)"));
    CHECK(insert_fails(db, "INSERT INTO records VALUES ('y', 'org_v1', 'todo_done', 7, 't', 'u', 0, '{}', NULL, NULL)"));
    CHECK(insert_fails(db, "INSERT INTO records VALUES ('z', 'org_none', 'todo_done', 9, 't', 'u', 0, '{}', NULL,"
                           " NULL)"));
}

TEST_CASE("demo: the team leader has an open long case, an employee on benefit and a conversation HR marked held") {
    TestServer server;
    REQUIRE(server.started());
    Session leader = demo_leader(server);
    const Reply pull = leader.get("/api/v1/sync?since=0");
    REQUIRE(pull.status == 200);
    std::map<std::string, json> spells;
    std::map<std::string, std::string> payer_of;
    std::vector<json> marks;
    for (const auto& record : pull.body["changes"]) {
        if (record["type"] == "absence_spell") spells[record["id"]] = record["data"];
        if (record["type"] == "employee") payer_of[record["id"]] = record["data"]["nemrefusion_payer"];
        if (record["type"] == "todo_done") marks.push_back(record);
    }
    // demo-emp-11 (Lager) is on benefit; the employee the leader saw first is on wages.
    CHECK(payer_of.at("demo-emp-11") == "benefit");
    CHECK(payer_of.at("demo-emp-01") == "wages");

    // The long case: day 17, not expected back within 8 weeks. Its conversation is due on
    // first + 28 = today + 12, an open to-do today; the fast-track window (to first + 34 =
    // today + 18) is met: HR asked for fast track yesterday (the demo's referral, below).
    bool long_case = false;
    for (const auto& [id, data] : spells)
        if (data["employee_id"] == "demo-emp-11" && data["last_day"].is_null()) {
            long_case = true;
            CHECK(data["first_day"] == day(-16));
            CHECK(data["not_expected_back_within_8_weeks"] == true);
        }
    CHECK(long_case);

    // The conversation of demo-emp-04's day-39 case, held on day 20, marked by HR (the other
    // marks are the demo's kept history: to-dos that fell due more than a week ago).
    const auto held = std::find_if(marks.begin(), marks.end(), [](const json& m) {
        return m["data"]["employee_id"] == "demo-emp-04" && m["data"]["done_on"] == day(-38 + 19);
    });
    REQUIRE(held != marks.end());
    const json& mark = *held;
    CHECK(mark["updated_by"] == "u_demo_hr");
    CHECK(mark["data"]["done_by"] == "u_demo_hr");
    CHECK(mark["data"]["done_by_name"] == "Henriette Bach");
    CHECK(mark["data"]["employee_id"] == "demo-emp-04");
    const std::string key = mark["data"]["todo_key"];
    CHECK(mark["id"] == naervaer::todo_done_record_id(key));
    const std::string spell_id = key.substr(0, key.find('/'));
    CHECK(key == spell_id + "/absence_conversation");
    REQUIRE(spells.count(spell_id) == 1);
    CHECK(spells[spell_id]["employee_id"] == "demo-emp-04");
    CHECK(spells[spell_id]["last_day"].is_null());
    CHECK(spells[spell_id]["first_day"] == day(-38));
    CHECK(mark["data"]["done_on"] == day(-38 + 19));
    // Every history mark is HR's and at least a week old, but for the fast-track request of
    // demo-emp-11's case, marked on the day HR sent it (yesterday).
    int fast_track_marks = 0;
    for (const json& m : marks) {
        CHECK(m["data"]["done_by"] == "u_demo_hr");
        const std::string mark_key = m["data"]["todo_key"];
        if (mark_key.size() > 18 && mark_key.substr(mark_key.size() - 18) == "/fast_track_window" &&
            m["data"]["employee_id"] == "demo-emp-11") {
            ++fast_track_marks;
            CHECK(m["data"]["done_on"] == day(-1));
        } else {
            CHECK(m["data"]["done_on"].get<std::string>() <= day(-8));
        }
    }
    CHECK(fast_track_marks == 1);
}

TEST_CASE("migration: a version 2 database keeps every record, tombstone and index when migrated to version 3, "
          "and gains the deletion log and the retention setting") {
    namespace sq = naervaer::server::sqlite;
    naervaer::testing::TempDir dir;
    const auto file = dir.path() / "naervaer.sqlite3";
    constexpr const char* all_records =
        "SELECT id, org_id, type, rev, updated_at, updated_by, deleted, data, scope_department, employee_id"
        " FROM records ORDER BY id";
    std::vector<std::string> before;
    {
        sq::Connection db(file);
        db.exec("PRAGMA foreign_keys = ON");
        sq::migrate(db, sq::embedded_migrations().first(2));
        db.exec(R"sql(
            INSERT INTO organisations (id, name, cvr, municipality, created_at)
                VALUES ('org_v2', 'Gammel A/S', '38172948', 'Hjørring', '2024-01-01T00:00:00Z');
            INSERT INTO organisation_revs (org_id, rev) VALUES ('org_v2', 7);
            INSERT INTO records VALUES ('dep', 'org_v2', 'department', 1, '2024-01-01T00:00:00Z', 'u', 0,
                '{"name":"Lager"}', NULL, NULL);
            INSERT INTO records VALUES ('emp', 'org_v2', 'employee', 2, '2024-01-01T00:00:00Z', 'u', 0,
                '{"department_id":"dep","employment_start":"2020-01-01","name":"Åse Ørum","weekly_hours":37.0}',
                'dep', NULL);
            INSERT INTO records VALUES ('sp1', 'org_v2', 'absence_spell', 3, '2024-01-02T00:00:00Z', 'u', 0,
                '{"employee_id":"emp","first_day":"2024-01-02","kind":"sickness","last_day":null}', 'dep', 'emp');
            INSERT INTO records VALUES ('d-1', 'org_v2', 'todo_done', 4, '2024-01-03T00:00:00Z', 'u', 0,
                '{"employee_id":"emp","todo_key":"sp1/absence_conversation","done_on":"2024-01-03"}', 'dep', 'emp');
            INSERT INTO records VALUES ('alerts-org_v2', 'org_v2', 'alert_settings', 5, '2024-01-03T00:00:00Z', 'u',
                0, '{"rules":[]}', NULL, NULL);
            INSERT INTO records VALUES ('sp2', 'org_v2', 'absence_spell', 7, '2024-01-04T00:00:00Z', 'u', 1,
                '{}', 'dep', 'emp');
        )sql");
        // Version 2 knows no conversation records: the CHECK this migration widens.
        CHECK(insert_fails(db, "INSERT INTO records VALUES ('c-1', 'org_v2', 'conversation_record', 8, 't', 'u', 0,"
                               " '{}', 'dep', 'emp')"));
        before = dump_rows(db, all_records);
        REQUIRE(before.size() == 6);
    }

    {
        sq::SqliteStore store(file); // applies version 3
        auto tx = store.read();
        CHECK(tx->current_rev("org_v2") == 7);
        CHECK(tx->records_of_employee("org_v2", "emp", "todo_done").size() == 1);
        const auto organisation = tx->find_organisation("org_v2");
        REQUIRE(organisation.has_value());
        CHECK(organisation->record_retention_years == 5); // the default for organisations from before
        CHECK(tx->list_deletions("org_v2", 10).empty());
    }

    sq::Connection db(file);
    db.exec("PRAGMA foreign_keys = ON");
    CHECK(dump_rows(db, all_records) == before);
    CHECK(count_rows(file, "SELECT MAX(version) FROM schema_migrations") ==
          static_cast<long long>(sq::embedded_migrations().back().version));
    CHECK(count_rows(file, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records'"
                           " AND name IN ('records_org_rev', 'records_org_employee')") == 2);
    CHECK(count_rows(file, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'new_records'") == 0);
    db.exec("INSERT INTO records VALUES ('c-1', 'org_v2', 'conversation_record', 8, 't', 'u', 0, '{}', 'dep', 'emp')");
    CHECK(insert_fails(db, "INSERT INTO records VALUES ('x', 'org_v2', 'note', 9, 't', 'u', 0, '{}', NULL, NULL)"));
    CHECK(insert_fails(db, "INSERT INTO records VALUES ('y', 'org_v2', 'conversation_record', 8, 't', 'u', 0, '{}',"
                           " NULL, NULL)")); // rev 8 is taken
    // The retention setting stays within 1-20, and the deletion log names a reason it knows.
    CHECK(insert_fails(db, "UPDATE organisations SET record_retention_years = 0 WHERE id = 'org_v2'"));
    CHECK(insert_fails(db, "UPDATE organisations SET record_retention_years = 21 WHERE id = 'org_v2'"));
    db.exec("UPDATE organisations SET record_retention_years = 3 WHERE id = 'org_v2'");
    db.exec("INSERT INTO deletion_log (org_id, at, deleted_by, by_name, type, record_id, employee_id, reason)"
            " VALUES ('org_v2', 't', 'retention', 'n', 'conversation_record', 'c-0', 'emp', 'retention')");
    CHECK(insert_fails(db, "INSERT INTO deletion_log (org_id, at, deleted_by, by_name, type, record_id, reason)"
                           " VALUES ('org_v2', 't', 'u', 'n', 'conversation_record', 'c-0', 'lost')"));
    CHECK(insert_fails(db, "INSERT INTO deletion_log (org_id, at, deleted_by, by_name, type, record_id, reason)"
                           " VALUES ('org_none', 't', 'u', 'n', 'conversation_record', 'c-0', 'deleted')"));
    // The log has no column for content.
    CHECK(count_rows(file, "SELECT COUNT(*) FROM pragma_table_info('deletion_log') WHERE name IN ('data', 'answers')") ==
          0);
}
