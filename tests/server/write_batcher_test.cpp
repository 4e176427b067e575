// Group commit and the audit writer: a failing write of a batch fails alone, concurrent pushes are
// all durable, and the audit rows of pulls and reads survive a graceful stop.
#include "helpers.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "services/json_text.hpp"
#include "store/write_batcher.hpp"

#include <sqlite3.h>

#include <array>
#include <atomic>
#include <stdexcept>
#include <thread>

using namespace naervaer::testing;
using nlohmann::json;
namespace srv = naervaer::server;

namespace {

naervaer::Organisation organisation(const std::string& id) { return {id, "Firma " + id, "38172948", "Hjørring"}; }

} // namespace

TEST_CASE("group commit: writes queued together commit in one batch, and a failing one is rolled back alone") {
    TempDir dir;
    srv::sqlite::SqliteStore store(dir.path() / "db.sqlite3");
    srv::WriteBatcher writer(store);

    // The first write holds the writer thread until the three others wait in the queue behind
    // it, so they form the next batch together.
    std::atomic<bool> first_running{false};
    std::thread first([&] {
        writer.submit([&](srv::Transaction& tx) {
            tx.insert_organisation(organisation("org_first"), "2026-01-01T00:00:00Z");
            first_running = true;
            while (writer.queued_writes() < 3) std::this_thread::yield();
        });
    });
    while (!first_running) std::this_thread::yield();
    const uint64_t batches_before = writer.batches_committed();
    std::string failure;
    std::vector<std::thread> others;
    for (const std::string id : {"org_a", "org_bad", "org_c"}) {
        others.emplace_back([&, id] {
            try {
                writer.submit([&](srv::Transaction& tx) {
                    tx.insert_organisation(organisation(id), "2026-01-01T00:00:00Z");
                    if (id == "org_bad") throw std::runtime_error("refused after writing");
                });
            } catch (const std::runtime_error& e) {
                failure = id + ": " + e.what();
            }
        });
    }
    for (auto& t : others) t.join();
    first.join();

    CHECK(failure == "org_bad: refused after writing");
    // The first write's batch, then one for the three that queued behind it.
    CHECK(writer.batches_committed() == batches_before + 2);
    auto tx = store.read();
    CHECK(tx->find_organisation("org_first").has_value());
    CHECK(tx->find_organisation("org_a").has_value());
    CHECK(tx->find_organisation("org_c").has_value());
    CHECK_FALSE(tx->find_organisation("org_bad").has_value());
    CHECK(tx->count_organisations() == 3);
}

TEST_CASE("group commit: audit rows are written after flush() and on stop()") {
    TempDir dir;
    const auto file = dir.path() / "db.sqlite3";
    srv::sqlite::SqliteStore store(file);
    srv::WriteBatcher::Options options;
    options.audit_delay = std::chrono::milliseconds(60'000); // only flush() and stop() write
    srv::WriteBatcher writer(store, options);
    const auto row = [](const std::string& id) {
        srv::AuditEntry e;
        e.at = "2026-01-01T00:00:00Z";
        e.action = "read";
        e.record_id = id;
        e.detail_text = R"({"rev":1})";
        return e;
    };
    writer.audit(row("r1"));
    writer.audit(row("r2"));
    writer.flush();
    CHECK(count_rows(file, "SELECT COUNT(*) FROM audit_log") == 2);
    CHECK(count_rows(file, "SELECT COUNT(*) FROM audit_log WHERE detail = '{\"rev\":1}'") == 2);
    writer.audit(row("r3"));
    writer.stop();
    CHECK(count_rows(file, "SELECT COUNT(*) FROM audit_log WHERE record_id = 'r3'") == 1);
}

TEST_CASE("audit: pulls and reads answered just before a graceful stop are in the audit log after it") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    const Reply pull = hr.get("/api/v1/sync?since=0");
    REQUIRE(pull.status == 200);
    const std::size_t pulled = pull.body["changes"].size();
    REQUIRE(pulled > 0);
    REQUIRE(hr.get("/api/v1/records/employee/" + std::string(employee_in_produktion)).status == 200);
    server.stop();

    const auto file = server.config().data_dir / "naervaer.sqlite3";
    CHECK(count_rows(file, "SELECT COUNT(*) FROM audit_log WHERE action = 'read' AND user_id = 'u_demo_hr'"
                           " AND record_id = 'demo-emp-03'") == 1);
    // One row per record type, listing every id that was returned: the demo has departments,
    // employees, absence spells, to-do marks, conversation records and referrals.
    CHECK(count_rows(file, "SELECT COUNT(*) FROM audit_log WHERE action = 'pull' AND user_id = 'u_demo_hr'") == 6);
    CHECK(count_rows(file, "SELECT COALESCE(SUM(json_array_length(detail, '$.ids')), 0) FROM audit_log"
                           " WHERE action = 'pull' AND user_id = 'u_demo_hr'") == static_cast<long long>(pulled));
    CHECK(count_rows(file, "SELECT COUNT(*) FROM audit_log WHERE action = 'pull' AND detail LIKE '%\"since\":0}'") ==
          6);
}

TEST_CASE("group commit: concurrent pushes are all acknowledged, one invalid push fails alone, all survive a restart") {
    TestServer server([](srv::Config& c) { c.workers = 24; });
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    constexpr int threads = 12;
    constexpr int pushes_per_thread = 8;
    // Employees without an ongoing spell (02, 05, 12, 19 and 26 have one) and nothing in the
    // distant future: thread t writes for one of them, a new two-day spell per push, weekly.
    const std::array<const char*, 12> employees = {"demo-emp-03", "demo-emp-06", "demo-emp-07", "demo-emp-08",
                                                   "demo-emp-09", "demo-emp-10", "demo-emp-13", "demo-emp-14",
                                                   "demo-emp-15", "demo-emp-16", "demo-emp-17", "demo-emp-20"};
    std::vector<std::thread> pool;
    std::atomic<int> accepted{0};
    std::vector<std::string> problems(threads);
    std::atomic<int> invalid_status{0};
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            const std::string employee = employees[static_cast<std::size_t>(t)];
            for (int p = 0; p < pushes_per_thread; ++p) {
                const std::string id = "gc-" + std::to_string(t) + "-" + std::to_string(p);
                const int offset = 400 + 7 * p;
                const Reply reply = hr.push(json::array({spell_change(id, employee, day(offset), day(offset + 1))}));
                if (reply.status == 200 && reply.body["accepted"].size() == 1) {
                    ++accepted;
                } else {
                    problems[static_cast<std::size_t>(t)] += id + ": " + std::to_string(reply.status) + " ";
                }
                if (t == 0 && p == 3) {
                    // Among the others: a push that ends before it starts.
                    const Reply bad =
                        hr.push(json::array({spell_change("gc-invalid", employee, day(offset + 3), day(offset + 2))}));
                    invalid_status = bad.status;
                }
            }
        });
    }
    for (auto& t : pool) t.join();
    for (const std::string& p : problems) CHECK_MESSAGE(p.empty(), p);
    CHECK(accepted == threads * pushes_per_thread);
    CHECK(invalid_status == 422);

    REQUIRE(server.restart());
    const auto file = server.config().data_dir / "naervaer.sqlite3";
    CHECK(count_rows(file, "SELECT COUNT(*) FROM records WHERE id LIKE 'gc-%'") == threads * pushes_per_thread);
    CHECK(count_rows(file, "SELECT COUNT(*) FROM records WHERE id = 'gc-invalid'") == 0);
    // Every accepted change got its own rev and its own write audit row.
    CHECK(count_rows(file, "SELECT COUNT(DISTINCT rev) FROM records WHERE id LIKE 'gc-%'") ==
          threads * pushes_per_thread);
    CHECK(count_rows(file, "SELECT COUNT(*) FROM audit_log WHERE action = 'write' AND record_id LIKE 'gc-%'") ==
          threads * pushes_per_thread);
    Session again = demo_hr(server);
    CHECK(read_record(again, "absence_spell", "gc-11-7")["data"]["first_day"] == day(400 + 49));
}

TEST_CASE("json text: strings are written as nlohmann writes them, and stored objects are validated") {
    namespace jt = srv::json_text;
    for (const std::string& s : {std::string("plain"), std::string("Søren \"Ø\" \\ / \t\n\r\b\f"),
                                std::string("ctl \x01\x1f\x7f"), std::string()}) {
        std::string out;
        jt::append_string(out, s);
        CHECK(out == json(s).dump());
    }
    CHECK(jt::is_valid_object(R"({"a":[1,-2.5e3,true,false,null,{"b":"æøå\u00e6\n"}],"c":{}})"));
    CHECK(jt::is_valid_object(" { } "));
    CHECK_FALSE(jt::is_valid_object(""));
    CHECK_FALSE(jt::is_valid_object("[]"));
    CHECK_FALSE(jt::is_valid_object(R"({"a":1)"));
    CHECK_FALSE(jt::is_valid_object(R"({"a":01})"));
    CHECK_FALSE(jt::is_valid_object(R"({"a":"x\q"})"));
    CHECK_FALSE(jt::is_valid_object("{\"a\":\"\x01\"}"));
    CHECK_FALSE(jt::is_valid_object("{\"a\":\"\xc3\"}"));     // truncated UTF-8
    CHECK_FALSE(jt::is_valid_object("{\"a\":\"\xc0\xaf\"}")); // overlong
    CHECK_FALSE(jt::is_valid_object(R"({"a":1} x)"));
    CHECK_FALSE(jt::is_valid_object(std::string(100, '{')));
}

TEST_CASE("sync: a pull answer is what the JSON tree gave, and a broken stored row reads as an empty object") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    const Reply before = hr.get("/api/v1/sync?since=0");
    REQUIRE(before.status == 200);
    // Spliced from stored text, yet byte for byte the compact dump of the parsed answer.
    CHECK(before.raw == before.body.dump());
    CHECK(before.header("Content-Type") == "application/json; charset=utf-8");

    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open((server.config().data_dir / "naervaer.sqlite3").c_str(), &db) == SQLITE_OK);
        sqlite3_busy_timeout(db, 5000);
        CHECK(sqlite3_exec(db, "UPDATE records SET data = '{\"broken' WHERE id = 'demo-emp-03'", nullptr, nullptr,
                           nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    const Reply after = hr.get("/api/v1/sync?since=0");
    REQUIRE(after.status == 200);
    REQUIRE(after.body.is_object());
    bool found = false;
    for (const auto& record : after.body["changes"]) {
        if (record["id"] == "demo-emp-03") {
            found = true;
            CHECK(record["data"] == json::object());
        }
    }
    CHECK(found);
}
