// The sync protocol: accepted changes, conflicts, whole-push validation, paging and audit.
#include "helpers.hpp"
#include "store/sqlite/sqlite_store.hpp"

using namespace naervaer::testing;
using nlohmann::json;

namespace {

// The refused versions the server keeps for a record (read straight from the database: there is
// no API for them yet).
std::vector<naervaer::server::StoredConflict> stored_conflicts(const TestServer& server, const std::string& id) {
    naervaer::server::sqlite::SqliteStore store(server.config().data_dir / "naervaer.sqlite3");
    return store.read()->conflicts_of("org_demo", id);
}

} // namespace

TEST_CASE("sync: a new absence spell is accepted with the next rev and comes back in pulls") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    const Reply first = hr.get("/api/v1/sync?since=0");
    REQUIRE(first.status == 200);
    const long long cursor = first.body["cursor"];
    CHECK(first.body["more"] == false);
    CHECK_FALSE(first.body.contains("accepted"));

    const Reply pushed = hr.push(json::array({spell_change("s-new", employee_in_produktion, day(-2), day(-1))}), cursor);
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
    REQUIRE(pushed.body["accepted"].size() == 1);
    CHECK(pushed.body["accepted"][0]["rev"] == cursor + 1);
    CHECK(pushed.body["conflicts"].empty());
    REQUIRE(pushed.body["changes"].size() == 1);
    CHECK(pushed.body["changes"][0]["id"] == "s-new");
    CHECK(pushed.body["changes"][0]["updated_by"] == "u_demo_hr");
    CHECK(pushed.body["cursor"] == cursor + 1);

    const json stored = read_record(hr, "absence_spell", "s-new");
    CHECK(stored["data"]["first_day"] == day(-2));
    CHECK(stored["data"]["kind"] == "sickness");
}

TEST_CASE("sync: a stale base_rev is a conflict carrying the server version, and the refused version is kept") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    Session hr = demo_hr(server);
    const json original = read_record(admin, "employee", "demo-emp-05");
    const long long base = original["rev"];

    json hr_edit = {{"type", "employee"}, {"id", "demo-emp-05"}, {"base_rev", base}, {"data", original["data"]}};
    hr_edit["data"]["weekly_hours"] = 30;
    const Reply accepted = hr.push(json::array({hr_edit}));
    REQUIRE(accepted.status == 200);
    const long long hr_rev = accepted.body["accepted"][0]["rev"];

    json admin_edit = hr_edit;
    admin_edit["data"]["weekly_hours"] = 20;
    admin_edit["data"]["name"] = "Lars Østergaard Nielsen";
    const Reply conflict = admin.push(json::array({admin_edit}));
    REQUIRE(conflict.status == 200);
    CHECK(conflict.body["accepted"].empty());
    REQUIRE(conflict.body["conflicts"].size() == 1);
    CHECK(conflict.body["conflicts"][0]["base_rev"] == base);
    CHECK(conflict.body["conflicts"][0]["server"]["rev"] == hr_rev);
    CHECK(conflict.body["conflicts"][0]["server"]["data"]["weekly_hours"] == 30);
    // The server kept its version...
    CHECK(read_record(admin, "employee", "demo-emp-05")["data"]["weekly_hours"] == 30);
    // ...and the refused one, so nothing typed is lost.
    auto kept = stored_conflicts(server, "demo-emp-05");
    REQUIRE(kept.size() == 1);
    CHECK(kept[0].base_rev == base);
    CHECK(kept[0].data["name"] == "Lars Østergaard Nielsen");
    CHECK(kept[0].user_id == "u_demo_admin");

    // A later accepted change (the person chose) supersedes the kept version.
    admin_edit["base_rev"] = hr_rev;
    const Reply resolved = admin.push(json::array({admin_edit}));
    REQUIRE(resolved.status == 200);
    CHECK(resolved.body["accepted"].size() == 1);
    CHECK(stored_conflicts(server, "demo-emp-05").empty());
}

TEST_CASE("sync: an overlapping spell fails the whole push with 422 and nothing of it is written") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    const long long cursor = hr.get("/api/v1/sync?since=0").body["cursor"];
    const Reply refused = hr.push(json::array({
        spell_change("fine-spell", employee_in_produktion, day(-3), day(-3)),
        // demo-emp-02 has been absent since 45 days ago, ongoing.
        spell_change("overlapping", employee_long_absent, day(-10), day(-9)),
        spell_change("reversed", employee_in_produktion, day(-1), day(-8)),
    }));
    CHECK(refused.status == 422);
    CHECK(refused.error_code() == "validation");
    const json changes = refused.body["error"]["changes"];
    REQUIRE(changes.size() == 2);
    CHECK(changes[0]["index"] == 1);
    CHECK(changes[0]["id"] == "overlapping");
    CHECK(changes[0]["fields"]["first_day"]["code"] == "overlap");
    CHECK_FALSE(changes[0]["fields"]["first_day"]["message"].get<std::string>().empty());
    CHECK(changes[1]["index"] == 2);
    CHECK(changes[1]["fields"]["last_day"]["code"] == "date_order");

    CHECK(hr.get("/api/v1/records/absence_spell/fine-spell").status == 404);
    const Reply after = hr.get("/api/v1/sync?since=" + std::to_string(cursor));
    CHECK(after.body["changes"].empty());
    CHECK(after.body["cursor"] == cursor);
}

TEST_CASE("sync: two spells of one employee in one push are checked against each other") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    const Reply refused = hr.push(json::array({spell_change("a", employee_in_produktion, day(-6), day(-4)),
                                               spell_change("b", employee_in_produktion, day(-5), day(-5))}));
    CHECK(refused.status == 422);
    CHECK(refused.body["error"]["changes"][0]["index"] == 1);
}

TEST_CASE("sync: partial absence with more hours worked than weekly hours less 4 is refused with 422") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    json partial = spell_change("partial", employee_in_produktion, day(-3), std::nullopt); // 37 hours a week
    partial["data"]["partial"] = true;
    partial["data"]["hours_worked_per_week"] = 35;
    const Reply refused = hr.push(json::array({partial}));
    CHECK(refused.status == 422);
    CHECK(refused.body["error"]["changes"][0]["fields"]["hours_worked_per_week"]["code"] == "partial_hours");
    CHECK(hr.get("/api/v1/records/absence_spell/partial").status == 404);

    partial["data"]["hours_worked_per_week"] = 20;
    CHECK(hr.push(json::array({partial})).status == 200);
}

TEST_CASE("sync: wrong JSON types answer 400 bad_request naming the field") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    json change = spell_change("typed", employee_in_produktion, day(-3), day(-3));
    change["base_rev"] = "zero";
    const Reply envelope = hr.push(json::array({change}));
    CHECK(envelope.status == 400);
    CHECK(envelope.error_code() == "bad_request");
    CHECK(envelope.body["error"]["fields"].contains("changes[0].base_rev"));

    json data_type = spell_change("typed", employee_in_produktion, day(-3), day(-3));
    data_type["data"]["first_day"] = 20240101;
    const Reply in_data = hr.push(json::array({data_type}));
    CHECK(in_data.status == 400);
    CHECK(in_data.body["error"]["changes"][0]["fields"].contains("first_day"));

    CHECK(hr.post("/api/v1/sync", json::array()).status == 400);
    CHECK(hr.get("/api/v1/sync?since=-1").status == 400);
    CHECK(hr.get("/api/v1/sync?limit=abc").status == 400);
}

TEST_CASE("sync: pulls come in pages of `limit` with `more`, in rev order, and add up to the full pull") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    const Reply full = admin.get("/api/v1/sync?since=0");
    REQUIRE(full.status == 200);
    const std::size_t total = full.body["changes"].size();
    REQUIRE(total > 30);

    std::size_t seen = 0;
    long long since = 0;
    long long last_rev = 0;
    int pages = 0;
    for (bool more = true; more; ++pages) {
        const Reply page = admin.get("/api/v1/sync?since=" + std::to_string(since) + "&limit=25");
        REQUIRE(page.status == 200);
        CHECK(page.body["changes"].size() <= 25);
        for (const auto& record : page.body["changes"]) {
            CHECK(record["rev"].get<long long>() > last_rev);
            last_rev = record["rev"];
        }
        seen += page.body["changes"].size();
        since = page.body["cursor"];
        more = page.body["more"];
        REQUIRE(pages < 100);
    }
    CHECK(seen == total);
    CHECK(pages == static_cast<int>((total + 24) / 25));
    CHECK(since == full.body["cursor"]);
}

TEST_CASE("audit: a read by id, a write and a pull each leave an audit row without record content") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    Session hr = demo_hr(server);
    json change = spell_change("audited", employee_in_produktion, day(-3), day(-3));
    change["data"]["note"] = "Ondt i ryggen efter løft";
    REQUIRE(hr.push(json::array({change})).status == 200);
    read_record(hr, "absence_spell", "audited");
    REQUIRE(hr.get("/api/v1/sync?since=0").status == 200);

    const Reply audit = admin.get("/api/v1/admin/audit?record_id=audited");
    REQUIRE(audit.status == 200);
    std::set<std::string> actions;
    for (const auto& entry : audit.body["entries"]) {
        CHECK(entry["user_id"] == "u_demo_hr");
        actions.insert(entry["action"].get<std::string>());
    }
    CHECK(actions.count("write") == 1);
    CHECK(actions.count("read") == 1);
    CHECK(actions.count("pull") == 1);
    CHECK(audit.raw.find("ryggen") == std::string::npos);
}

TEST_CASE("sync: a deleted record becomes a tombstone in pulls and answers 404 by id") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    REQUIRE(hr.push(json::array({spell_change("to-delete", employee_in_produktion, day(-3), day(-3))})).status == 200);
    const json record = read_record(hr, "absence_spell", "to-delete");
    const Reply deleted = hr.push(json::array({{{"type", "absence_spell"},
                                                 {"id", "to-delete"},
                                                 {"base_rev", record["rev"]},
                                                 {"deleted", true},
                                                 {"data", json::object()}}}),
                                  record["rev"]);
    REQUIRE_MESSAGE(deleted.status == 200, deleted.raw);
    REQUIRE(deleted.body["changes"].size() == 1);
    CHECK(deleted.body["changes"][0]["deleted"] == true);
    CHECK(deleted.body["changes"][0]["data"].empty());
    CHECK(hr.get("/api/v1/records/absence_spell/to-delete").status == 404);
}
