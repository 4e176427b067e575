// The organisation's alert settings (record type "alert_settings"): written by admins only, under
// the organisation's own id, checked against the built-in defaults, pulled by every role, and
// invisible to other organisations.
#include "helpers.hpp"

using namespace naervaer::testing;
using nlohmann::json;

namespace {

const std::string demo_settings_id = naervaer::alert_settings_record_id("org_demo"); // "alerts-org_demo"

// The defaults with the week alert off and Forsvaret's "4 spells in 6 months".
json forsvaret_choices() {
    return json::parse(R"({"rules": [
        {"id": "continuous_week", "enabled": false, "days": 7},
        {"id": "frequent_spells", "enabled": true, "spells": 4, "months": 6}]})");
}

json settings_change(const std::string& id, json data, long long base_rev = 0) {
    return {{"type", "alert_settings"}, {"id", id}, {"base_rev", base_rev}, {"data", std::move(data)}};
}

// The demo admin writes forsvaret_choices(); returns the record as stored.
json write_forsvaret_settings(const Session& admin) {
    const Reply written = admin.push(json::array({settings_change(demo_settings_id, forsvaret_choices())}));
    REQUIRE_MESSAGE(written.status == 200, written.raw);
    return read_record(admin, "alert_settings", demo_settings_id);
}

} // namespace

TEST_CASE("alert settings: HR and team leaders may not write them (403), an admin may") {
    TestServer server;
    REQUIRE(server.started());
    CHECK(demo_settings_id == "alerts-org_demo");
    for (Session session : {demo_hr(server), demo_leader(server)}) {
        const Reply refused =
            session.push(json::array({settings_change(demo_settings_id, forsvaret_choices())}));
        CHECK(refused.status == 403);
        CHECK(refused.error_code() == "forbidden");
    }
    Session admin = demo_admin(server);
    CHECK(admin.get("/api/v1/records/alert_settings/" + demo_settings_id).status == 404);

    const json stored = write_forsvaret_settings(admin);
    CHECK(stored["id"] == demo_settings_id);
    CHECK(stored["data"] == forsvaret_choices()); // already canonical: stored as sent
    CHECK(stored["updated_by"] == "u_demo_admin");
}

TEST_CASE("alert settings: every role pulls the organisation's settings and reads them by id") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    write_forsvaret_settings(admin);

    for (Session session : {demo_admin(server), demo_hr(server), demo_leader(server)}) {
        CHECK(pulled_ids(session).count(demo_settings_id) == 1);
        const json read = read_record(session, "alert_settings", demo_settings_id);
        CHECK(read["data"]["rules"][1]["spells"] == 4);
    }
    // A team leader without departments still gets them (they are not department data).
    const Reply created = admin.post("/api/v1/admin/users", {{"email", "ny.leder@demo.naervaer.dk"},
                                                             {"name", "Ny Leder"},
                                                             {"role", "team_leader"},
                                                             {"department_ids", json::array()}});
    REQUIRE_MESSAGE(created.status == 201, created.raw);
    Session fresh =
        login(server, "ny.leder@demo.naervaer.dk", created.body["one_time_password"].get<std::string>());
    REQUIRE(fresh
                .post("/api/v1/auth/password", {{"current_password", created.body["one_time_password"]},
                                                {"new_password", "en-lang-adgangskode"}})
                .status == 200);
    const auto ids = pulled_ids(fresh);
    CHECK(ids.count(demo_settings_id) == 1);
    CHECK(ids.count("demo-dept-lager") == 1);
    CHECK(ids.count(employee_in_produktion) == 0);
}

TEST_CASE("alert settings: any id but the organisation's own is refused with 422 on the id") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    const Reply refused = admin.push(json::array({settings_change("alerts-mine", forsvaret_choices())}));
    CHECK(refused.status == 422);
    const json field = refused.body["error"]["changes"][0]["fields"]["id"];
    CHECK(field["code"] == "id_mismatch");
    CHECK(field["message_en"] == "Wrong id (expected alerts-org_demo)");
    CHECK(admin.get("/api/v1/records/alert_settings/alerts-mine").status == 404);
    // A delete under another id is refused the same way.
    CHECK(admin.push(json::array({delete_change("alert_settings", "alerts-mine", 0)})).status == 422);
}

TEST_CASE(
    "alert settings: numbers out of range and unknown rules answer 422 naming the field, wrong types 400") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    const auto first_fields = [](const Reply& reply) { return reply.body["error"]["changes"][0]["fields"]; };

    const Reply months = admin.push(json::array({settings_change(
        demo_settings_id,
        json::parse(
            R"({"rules": [{"id": "frequent_spells", "enabled": true, "spells": 3, "months": 30}]})"))}));
    CHECK(months.status == 422);
    CHECK(first_fields(months)["rules[0].months"]["code"] == "range");
    CHECK(first_fields(months)["rules[0].months"]["message_en"] == "Outside the allowed range (1–24)");

    const Reply threshold = admin.push(json::array({settings_change(
        demo_settings_id, json::parse(R"({"rules": [{"id": "continuous_week", "enabled": true, "days": 7},
            {"id": "bradford", "enabled": true, "threshold": 0, "weeks": 52}]})"))}));
    CHECK(threshold.status == 422);
    CHECK(first_fields(threshold)["rules[1].threshold"]["code"] == "range");
    CHECK(first_fields(threshold).size() == 1);

    const Reply unknown = admin.push(json::array({settings_change(
        demo_settings_id, json::parse(R"({"rules": [{"id": "mondays", "enabled": true}]})"))}));
    CHECK(unknown.status == 422);
    CHECK(first_fields(unknown)["rules[0].id"]["code"] == "unknown");

    const Reply typed = admin.push(json::array({settings_change(
        demo_settings_id,
        json::parse(R"({"rules": [{"id": "continuous_week", "enabled": true, "days": "7"}]})"))}));
    CHECK(typed.status == 400);
    CHECK(first_fields(typed)["rules[0].days"]["code"] == "type");

    CHECK(admin.get("/api/v1/records/alert_settings/" + demo_settings_id).status == 404);
}

TEST_CASE("alert settings: another organisation can neither read nor overwrite them") {
    TestServer server;
    REQUIRE(server.started());
    Session a_admin = demo_admin(server);
    const json a_settings = write_forsvaret_settings(a_admin);

    const OtherOrganisation b = create_other_organisation(server);
    Session b_admin = login(server, b.admin_email, b.admin_password);
    CHECK(b_admin.get("/api/v1/records/alert_settings/" + demo_settings_id).status == 404);
    CHECK(pulled_ids(b_admin).count(demo_settings_id) == 0);
    for (const long long base_rev : {0LL, a_settings["rev"].get<long long>()}) {
        const Reply pushed = b_admin.push(
            json::array({settings_change(demo_settings_id, json::parse(R"({"rules": []})"), base_rev)}));
        CHECK(pushed.status == 404);
        CHECK(pushed.error_code() == "not_found");
    }
    CHECK(b_admin.push(json::array({delete_change("alert_settings", demo_settings_id, a_settings["rev"])}))
              .status == 404);

    // B has its own, under its own id, which A cannot reach either.
    const std::string b_settings_id = naervaer::alert_settings_record_id(b.id);
    const Reply own =
        b_admin.push(json::array({settings_change(b_settings_id, json::parse(R"({"rules": []})"))}));
    REQUIRE_MESSAGE(own.status == 200, own.raw);
    CHECK(a_admin.get("/api/v1/records/alert_settings/" + b_settings_id).status == 404);
    CHECK(read_record(a_admin, "alert_settings", demo_settings_id) == a_settings);
}

TEST_CASE("alert settings: an admin may reset them to the defaults by deleting the record") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    Session leader = demo_leader(server);
    const json stored = write_forsvaret_settings(admin);
    const long long cursor = leader.get("/api/v1/sync?since=0").body["cursor"];

    CHECK(
        leader.push(json::array({delete_change("alert_settings", demo_settings_id, stored["rev"])})).status ==
        403);
    REQUIRE(
        admin.push(json::array({delete_change("alert_settings", demo_settings_id, stored["rev"])})).status ==
        200);
    // Everyone's pull carries the tombstone.
    const Reply pulled = leader.get("/api/v1/sync?since=" + std::to_string(cursor));
    REQUIRE(pulled.body["changes"].size() == 1);
    CHECK(pulled.body["changes"][0]["id"] == demo_settings_id);
    CHECK(pulled.body["changes"][0]["deleted"] == true);
}

TEST_CASE("alert settings: a stale write is a conflict kept after a shape check") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    write_forsvaret_settings(admin);
    const Reply stale =
        admin.push(json::array({settings_change(demo_settings_id, json::parse(R"({"rules": []})"))}));
    REQUIRE(stale.status == 200);
    CHECK(stale.body["conflicts"].size() == 1);
    const Reply broken =
        admin.push(json::array({settings_change(demo_settings_id, json::parse(R"({"rules": 3})"))}));
    CHECK(broken.status == 400);
}

TEST_CASE("alert settings: numbers a rule's kind does not use are dropped, not stored") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    // continuous_week counts days; spells and months mean nothing to it, even nonsense ones.
    const json sent = {{"rules", json::array({{{"id", "continuous_week"}, {"enabled", true}, {"days", 10},
                                               {"spells", -5}, {"months", 99}}})}};
    const Reply written = admin.push(json::array({settings_change(demo_settings_id, sent)}));
    REQUIRE_MESSAGE(written.status == 200, written.raw);
    const json stored = read_record(admin, "alert_settings", demo_settings_id);
    const json expected = {{"rules", json::array({{{"id", "continuous_week"}, {"enabled", true}, {"days", 10}}})}};
    CHECK(stored["data"] == expected);
}
