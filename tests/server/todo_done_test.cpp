// To-do marks (record type "todo_done"): who may mark what, the server stamping who marked it,
// validation, un-marking, conflicts, and marks following an employee who moves department.
#include "helpers.hpp"

using namespace naervaer::testing;
using nlohmann::json;

namespace {

// A new ongoing spell written by `session`, the case the marks below belong to.
void record_case(const Session& session, const std::string& spell_id, const std::string& employee_id) {
    const Reply pushed =
        session.push(json::array({spell_change(spell_id, employee_id, day(-10), std::nullopt)}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
}

struct MarkedCase {
    std::string key; // "<spell id>/absence_conversation"
    std::string id;
    json mark; // as `session` reads it back
};

// A new case written by `session`, its absence conversation marked held on `done_on`.
MarkedCase mark_conversation(const Session& session, const std::string& spell_id,
                             const std::string& employee_id, const std::string& done_on) {
    record_case(session, spell_id, employee_id);
    MarkedCase marked{spell_id + "/absence_conversation", "", nullptr};
    marked.id = naervaer::todo_done_record_id(marked.key);
    const Reply pushed = session.push(json::array({todo_done_change(marked.key, employee_id, done_on)}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
    marked.mark = read_record(session, "todo_done", marked.id);
    return marked;
}

} // namespace

TEST_CASE("to-dos: a team leader marks a to-do in their department and the server stamps who, "
          "ignoring what the client claims") {
    TestServer server;
    REQUIRE(server.started());
    Session leader = demo_leader(server);
    const std::string key = "tl-case/absence_conversation";
    // The spell and its mark in one push: the mark is checked against the spell written before it.
    json mark = todo_done_change(key, employee_in_produktion, danish_day(-1));
    mark["data"]["note"] = "Holdt i kantinen – æøå";
    mark["data"]["done_by"] = "u_demo_admin"; // someone else's id and name
    mark["data"]["done_by_name"] = "Annette Vestergaard";
    const Reply pushed = leader.push(
        json::array({spell_change("tl-case", employee_in_produktion, day(-10), std::nullopt), mark}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
    REQUIRE(pushed.body["accepted"].size() == 2);
    CHECK(pushed.body["accepted"][1]["type"] == "todo_done");
    CHECK(pushed.body["accepted"][1]["id"] == naervaer::todo_done_record_id(key));

    Session admin = demo_admin(server);
    const json stored = read_record(admin, "todo_done", naervaer::todo_done_record_id(key));
    CHECK(stored["updated_by"] == "u_demo_leder");
    CHECK(stored["data"]["done_by"] == "u_demo_leder");
    CHECK(stored["data"]["done_by_name"] == "Bent Kristiansen");
    CHECK(stored["data"]["employee_id"] == employee_in_produktion);
    CHECK(stored["data"]["todo_key"] == key);
    CHECK(stored["data"]["done_on"] == danish_day(-1));
    CHECK(stored["data"]["note"] == "Holdt i kantinen – æøå");
    // The leader's own pull carries the stamped version too.
    bool pulled = false;
    for (const auto& record : pushed.body["changes"])
        if (record["id"] == naervaer::todo_done_record_id(key)) {
            pulled = true;
            CHECK(record["data"]["done_by_name"] == "Bent Kristiansen");
        }
    CHECK(pulled);
}

TEST_CASE("to-dos: marking a to-do of another department's employee answers 404 and writes nothing") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    Session leader = demo_leader(server);
    record_case(hr, "ks-case", employee_in_kundeservice);
    const std::string key = "ks-case/absence_conversation";
    const long long cursor = hr.get("/api/v1/sync?since=0").body["cursor"];

    const Reply refused =
        leader.push(json::array({todo_done_change(key, employee_in_kundeservice, danish_day(0))}));
    CHECK(refused.status == 404);
    CHECK(refused.error_code() == "not_found");
    REQUIRE(refused.body["error"]["changes"].size() == 1);
    CHECK(refused.body["error"]["changes"][0]["code"] == "not_found");

    // Naming an employee of one's own department does not open another department's case.
    const Reply disguised =
        leader.push(json::array({todo_done_change(key, employee_in_produktion, danish_day(0))}));
    CHECK(disguised.status == 422);
    CHECK(disguised.body["error"]["changes"][0]["fields"]["todo_key"]["code"] == "unknown_reference");

    CHECK(hr.get("/api/v1/records/todo_done/" + naervaer::todo_done_record_id(key)).status == 404);
    const Reply after = hr.get("/api/v1/sync?since=" + std::to_string(cursor));
    CHECK(after.body["changes"].empty());
    CHECK(after.body["cursor"] == cursor);
}

TEST_CASE("to-dos: a mark for an unknown employee or a case that is not theirs is refused with 422") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    record_case(hr, "hr-case", employee_in_produktion);
    const Reply unknown =
        hr.push(json::array({todo_done_change("hr-case/absence_conversation", "nobody", danish_day(0))}));
    CHECK(unknown.status == 422);
    CHECK(unknown.body["error"]["changes"][0]["fields"]["employee_id"]["code"] == "unknown_reference");
    // The case belongs to demo-emp-03, not to demo-emp-02.
    const Reply other = hr.push(
        json::array({todo_done_change("hr-case/absence_conversation", employee_long_absent, danish_day(0))}));
    CHECK(other.status == 422);
    CHECK(other.body["error"]["changes"][0]["fields"]["todo_key"]["code"] == "unknown_reference");
    const Reply no_case = hr.push(json::array(
        {todo_done_change("no-such-spell/absence_conversation", employee_in_produktion, danish_day(0))}));
    CHECK(no_case.status == 422);
    CHECK(no_case.body["error"]["changes"][0]["fields"]["todo_key"]["code"] == "unknown_reference");
}

TEST_CASE("to-dos: a mark whose id is not the one its key gives is refused with 422 on the id") {
    TestServer server;
    REQUIRE(server.started());
    Session leader = demo_leader(server);
    record_case(leader, "tl-case", employee_in_produktion);
    json mark = todo_done_change("tl-case/absence_conversation", employee_in_produktion, danish_day(0));
    mark["id"] = naervaer::todo_done_record_id("tl-case/fast_track_window");
    const Reply refused = leader.push(json::array({mark}));
    CHECK(refused.status == 422);
    CHECK(refused.error_code() == "validation");
    const json field = refused.body["error"]["changes"][0]["fields"]["id"];
    CHECK(field["code"] == "id_mismatch");
    CHECK(field["message_en"] ==
          "Wrong id (expected " + naervaer::todo_done_record_id("tl-case/absence_conversation") + ")");
    CHECK(leader.get("/api/v1/records/todo_done/" + mark["id"].get<std::string>()).status == 404);
}

TEST_CASE("to-dos: a step is marked once done, so tomorrow in Denmark is refused and today accepted") {
    TestServer server;
    REQUIRE(server.started());
    Session leader = demo_leader(server);
    record_case(leader, "tl-case", employee_in_produktion);
    const std::string key = "tl-case/absence_conversation";
    const Reply tomorrow =
        leader.push(json::array({todo_done_change(key, employee_in_produktion, danish_day(1))}));
    CHECK(tomorrow.status == 422);
    const json field = tomorrow.body["error"]["changes"][0]["fields"]["done_on"];
    CHECK(field["code"] == "done_in_future");
    CHECK(field["message"].get<std::string>().find("efter i dag") != std::string::npos);
    CHECK(leader.get("/api/v1/records/todo_done/" + naervaer::todo_done_record_id(key)).status == 404);

    const Reply today =
        leader.push(json::array({todo_done_change(key, employee_in_produktion, danish_day(0))}));
    CHECK_MESSAGE(today.status == 200, today.raw);
}

TEST_CASE("to-dos: deleting a mark un-marks it, for anyone who may see it") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    Session leader = demo_leader(server);
    const auto [key, id, marked] = mark_conversation(hr, "hr-case", employee_in_produktion, danish_day(-2));
    CHECK(read_record(leader, "todo_done", id)["data"]["done_by"] == "u_demo_hr");

    // HR marked it; the team leader of the department takes it back.
    const Reply unmarked =
        leader.push(json::array({delete_change("todo_done", id, marked["rev"])}), marked["rev"]);
    REQUIRE_MESSAGE(unmarked.status == 200, unmarked.raw);
    REQUIRE(unmarked.body["changes"].size() == 1);
    CHECK(unmarked.body["changes"][0]["id"] == id);
    CHECK(unmarked.body["changes"][0]["deleted"] == true);
    CHECK(unmarked.body["changes"][0]["data"].empty());
    CHECK(hr.get("/api/v1/records/todo_done/" + id).status == 404);

    // Marked again later: a new version on top of the tombstone.
    const long long tombstone_rev = unmarked.body["accepted"][0]["rev"];
    REQUIRE(
        hr.push(json::array({todo_done_change(key, employee_in_produktion, danish_day(0), tombstone_rev)}))
            .status == 200);
    CHECK(read_record(hr, "todo_done", id)["data"]["done_on"] == danish_day(0));
}

TEST_CASE("to-dos: a team leader cannot take back a mark outside their departments") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    Session leader = demo_leader(server);
    const auto [key, id, marked] = mark_conversation(hr, "ks-case", employee_in_kundeservice, danish_day(0));

    CHECK(leader.get("/api/v1/records/todo_done/" + id).status == 404);
    CHECK(pulled_ids(leader).count(id) == 0);
    const Reply refused = leader.push(json::array({delete_change("todo_done", id, marked["rev"])}));
    CHECK(refused.status == 404);
    CHECK(read_record(hr, "todo_done", id)["deleted"] == false);
}

TEST_CASE("to-dos: two people marking the same to-do meet as a conflict, and the first mark stays") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    Session leader = demo_leader(server);
    const std::string key = mark_conversation(hr, "hr-case", employee_in_produktion, danish_day(-3)).key;

    const Reply second =
        leader.push(json::array({todo_done_change(key, employee_in_produktion, danish_day(0))}));
    REQUIRE_MESSAGE(second.status == 200, second.raw);
    CHECK(second.body["accepted"].empty());
    REQUIRE(second.body["conflicts"].size() == 1);
    CHECK(second.body["conflicts"][0]["server"]["data"]["done_by"] == "u_demo_hr");
    CHECK(read_record(hr, "todo_done", naervaer::todo_done_record_id(key))["data"]["done_on"] ==
          danish_day(-3));

    // A refused version is kept only after its shape is checked.
    json broken = todo_done_change(key, employee_in_produktion, danish_day(0));
    broken["data"]["done_on"] = 20250101;
    CHECK(leader.push(json::array({broken})).status == 400);
}

TEST_CASE(
    "scoping: when an employee moves department their to-do marks follow into the new team leader's pulls") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    Session leader = demo_leader(server);
    const auto [key, id, marked] =
        mark_conversation(admin, "ks-case", employee_in_kundeservice, danish_day(0));
    const long long mark_rev = marked["rev"];
    const long long cursor = leader.get("/api/v1/sync?since=0").body["cursor"];
    CHECK(leader.get("/api/v1/records/todo_done/" + id).status == 404);

    move_employee(admin, employee_in_kundeservice, "demo-dept-lager");

    const auto moved = pulled_ids(leader, cursor);
    CHECK(moved.count(employee_in_kundeservice) == 1);
    CHECK(moved.count("ks-case") == 1);
    CHECK(moved.count(id) == 1);
    const json mark = read_record(leader, "todo_done", id);
    CHECK(mark["rev"].get<long long>() > mark_rev);
    CHECK(mark["data"]["done_by"] == "u_demo_admin"); // moved, not re-marked
}

TEST_CASE("to-dos: reads of a mark by id are audited like other records") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    Session admin = demo_admin(server);
    const std::string id =
        mark_conversation(hr, "hr-case", employee_in_produktion, danish_day(0)).id; // reads it
    const Reply audit = admin.get("/api/v1/admin/audit?record_id=" + id);
    REQUIRE(audit.status == 200);
    std::set<std::string> actions;
    for (const auto& entry : audit.body["entries"])
        actions.insert(entry["action"].get<std::string>());
    CHECK(actions.count("write") == 1);
    CHECK(actions.count("read") == 1);
}

TEST_CASE("to-dos: a mark dated before its case's first sick day is refused with 422") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    record_case(hr, "early-case", employee_in_produktion); // first day: day(-10)
    const std::string key = "early-case/fast_track_window";
    const Reply refused = hr.push(json::array({todo_done_change(key, employee_in_produktion, danish_day(-11))}));
    CHECK(refused.status == 422);
    CHECK(refused.raw.find("done_before_case") != std::string::npos);
    CHECK(hr.get("/api/v1/records/todo_done/" + naervaer::todo_done_record_id(key)).status == 404);
    // The first sick day itself is fine.
    CHECK(hr.push(json::array({todo_done_change(key, employee_in_produktion, danish_day(-10))})).status == 200);
}

TEST_CASE("to-dos: deleting a case deletes its marks with it, and only its marks") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    const MarkedCase gone = mark_conversation(hr, "gone-case", employee_in_produktion, danish_day(-1));
    // Another case of another employee keeps its mark.
    const MarkedCase kept = mark_conversation(hr, "kept-case", employee_in_kundeservice, danish_day(-1));
    const json spell = read_record(hr, "absence_spell", "gone-case");
    const Reply deleted = hr.push(json::array({delete_change("absence_spell", "gone-case", spell["rev"])}));
    REQUIRE_MESSAGE(deleted.status == 200, deleted.raw);
    CHECK(hr.get("/api/v1/records/todo_done/" + gone.id).status == 404);
    CHECK(hr.get("/api/v1/records/todo_done/" + kept.id).status == 200);
    // The tombstone reaches clients that hold the mark, in the same answer.
    bool tombstone = false;
    for (const auto& record : deleted.body["changes"])
        if (record["id"] == gone.id) tombstone = record["deleted"] == true;
    CHECK(tombstone);
}

TEST_CASE("records: ids derived for marks and alert settings are reserved for those types") {
    TestServer server;
    REQUIRE(server.started());
    Session leader = demo_leader(server);
    // A team leader cannot occupy the organisation's alert settings id, or a mark's id, with a spell.
    for (const std::string& id : {naervaer::alert_settings_record_id("org_demo"),
                                 naervaer::todo_done_record_id("some-spell/absence_conversation")}) {
        const Reply refused =
            leader.push(json::array({spell_change(id, employee_in_produktion, day(-3), std::nullopt)}));
        CHECK_MESSAGE(refused.status == 422, id);
        CHECK(refused.raw.find("reserved_id") != std::string::npos);
    }
    // A department id of the client's own shape ("d-" + 24 hex digits) is not a mark's.
    CHECK_FALSE(naervaer::is_reserved_id("department", "d-0123456789abcdef01234567"));
    CHECK(naervaer::is_reserved_id("department", naervaer::todo_done_record_id("x/y")));
    CHECK_FALSE(naervaer::is_reserved_id("todo_done", naervaer::todo_done_record_id("x/y")));
    CHECK_FALSE(naervaer::is_reserved_id("alert_settings", "alerts-org_demo"));
}

TEST_CASE("records: deleting a record the server never had answers 404 and writes no tombstone") {
    TestServer server;
    REQUIRE(server.started());
    Session leader = demo_leader(server);
    const std::string id = naervaer::todo_done_record_id("never/absence_conversation");
    CHECK(leader.push(json::array({delete_change("todo_done", id, 0)})).status == 404);
    Session admin = demo_admin(server);
    CHECK(admin.get("/api/v1/records/todo_done/" + id).status == 404);
    // The id stays free: HR can still write a mark under it later (here: the key's own case).
    record_case(admin, "never", employee_in_produktion);
    CHECK(leader.push(json::array({todo_done_change("never/absence_conversation", employee_in_produktion,
                                                    danish_day(-1))}))
              .status == 200);
}
