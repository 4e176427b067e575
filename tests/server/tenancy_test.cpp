// Tenancy (one organisation never sees or touches another's data) and team-leader scoping.
#include "helpers.hpp"

using namespace naervaer::testing;
using nlohmann::json;

namespace {

// Org B's admin creates a department, an employee and a spell; returns the employee's record.
json seed_other_organisation(Session& b_admin) {
    const Reply pushed = b_admin.push(json::array(
        {{{"type", "department"}, {"id", "b-dept"}, {"base_rev", 0}, {"data", {{"name", "Fiskeindustri"}}}},
         {{"type", "employee"},
          {"id", "b-emp"},
          {"base_rev", 0},
          {"data",
           {{"name", "Åge Østergård"},
            {"department_id", "b-dept"},
            {"employment_start", day(-1000)},
            {"weekly_hours", 37}}}},
         spell_change("b-spell", "b-emp", day(-5), std::nullopt)}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
    REQUIRE(pushed.body["accepted"].size() == 3);
    return read_record(b_admin, "employee", "b-emp");
}

} // namespace

TEST_CASE("tenancy: another organisation's records answer 404 to reads, pushes and pulls, and stay unchanged") {
    TestServer server;
    REQUIRE(server.started());
    const OtherOrganisation b = create_other_organisation(server);
    Session b_admin = login(server, b.admin_email, b.admin_password);
    const json b_employee = seed_other_organisation(b_admin);
    Session a_admin = demo_admin(server);

    SUBCASE("reading by id") {
        const Reply read = a_admin.get("/api/v1/records/employee/b-emp");
        CHECK(read.status == 404);
        CHECK(read.error_code() == "not_found");
        CHECK(a_admin.get("/api/v1/records/absence_spell/b-spell").status == 404);
        CHECK(a_admin.get("/api/v1/records/department/b-dept").status == 404);
    }
    SUBCASE("pushing to the id as a new record or at its current rev") {
        for (const long long base_rev : {0LL, b_employee["rev"].get<long long>()}) {
            json change = {{"type", "employee"},
                           {"id", "b-emp"},
                           {"base_rev", base_rev},
                           {"data",
                            {{"name", "Overtaget"},
                             {"department_id", "demo-dept-lager"},
                             {"employment_start", day(-100)},
                             {"weekly_hours", 37}}}};
            const Reply pushed = a_admin.push(json::array({change}));
            CHECK(pushed.status == 404);
            CHECK(pushed.error_code() == "not_found");
            REQUIRE(pushed.body["error"]["changes"].size() == 1);
            CHECK(pushed.body["error"]["changes"][0]["index"] == 0);
            CHECK(pushed.body["error"]["changes"][0]["code"] == "not_found");
        }
        const Reply deleted = a_admin.push(json::array(
            {{{"type", "absence_spell"}, {"id", "b-spell"}, {"base_rev", 0}, {"deleted", true}, {"data", json::object()}}}));
        CHECK(deleted.status == 404);
    }
    SUBCASE("pulling") {
        const auto ids = pulled_ids(a_admin);
        CHECK(ids.count("b-emp") == 0);
        CHECK(ids.count("b-spell") == 0);
        CHECK(ids.count("demo-emp-01") == 1);
        CHECK(pulled_ids(b_admin) == std::set<std::string>{"b-dept", "b-emp", "b-spell"});
    }
    SUBCASE("administering its users and reading its audit log") {
        const Reply patch = a_admin.patch("/api/v1/admin/users/" + b.admin_id, {{"active", false}});
        CHECK(patch.status == 404);
        CHECK(a_admin.post("/api/v1/admin/users/" + b.admin_id + "/reset-password", json::object()).status == 404);
        const Reply audit = a_admin.get("/api/v1/admin/audit?record_id=b-emp");
        REQUIRE(audit.status == 200);
        CHECK(audit.body["entries"].empty());
        CHECK(Session(server).login(b.admin_email, b.admin_password).status == 200);
    }

    // Whatever A tried, B's data is as B wrote it.
    CHECK(read_record(b_admin, "employee", "b-emp") == b_employee);
    CHECK(read_record(b_admin, "absence_spell", "b-spell")["deleted"] == false);
}

TEST_CASE("scoping: a team leader pulls every department but employees and spells of their own departments only") {
    TestServer server;
    REQUIRE(server.started());
    Session leader = demo_leader(server);
    const Reply pull = leader.get("/api/v1/sync?since=0");
    REQUIRE(pull.status == 200);
    int departments = 0;
    int employees = 0;
    for (const auto& record : pull.body["changes"]) {
        const std::string type = record["type"];
        if (type == "department") {
            ++departments;
        } else if (type == "employee") {
            ++employees;
            const std::string department = record["data"]["department_id"];
            CHECK((department == "demo-dept-produktion" || department == "demo-dept-lager"));
        }
    }
    CHECK(departments == 4);
    CHECK(employees == 17); // 10 in Produktion, 7 in Lager
    const auto admin_ids = pulled_ids(demo_admin(server));
    CHECK(admin_ids.count(employee_in_kundeservice) == 1);
    CHECK(pulled_ids(leader).count(employee_in_kundeservice) == 0);
}

TEST_CASE("scoping: a team leader reading an employee outside their departments gets 404") {
    TestServer server;
    REQUIRE(server.started());
    Session leader = demo_leader(server);
    CHECK(leader.get(std::string("/api/v1/records/employee/") + employee_in_produktion).status == 200);
    const Reply outside = leader.get(std::string("/api/v1/records/employee/") + employee_in_kundeservice);
    CHECK(outside.status == 404);
    CHECK(outside.error_code() == "not_found");
    CHECK(leader.get("/api/v1/records/department/demo-dept-kundeservice").status == 200);
}

TEST_CASE("scoping: a team leader records spells in their departments but writes no employees and no spells outside") {
    TestServer server;
    REQUIRE(server.started());
    Session leader = demo_leader(server);
    Session admin = demo_admin(server);
    const json inside = read_record(admin, "employee", employee_in_produktion);

    json employee_edit = {{"type", "employee"},
                          {"id", employee_in_produktion},
                          {"base_rev", inside["rev"]},
                          {"data", inside["data"]}};
    employee_edit["data"]["weekly_hours"] = 30;
    const Reply employee_write = leader.push(json::array({employee_edit}));
    CHECK(employee_write.status == 403);
    CHECK(employee_write.error_code() == "forbidden");

    const Reply outside = leader.push(json::array({spell_change("tl-outside", employee_in_kundeservice, day(-1), day(-1))}));
    CHECK(outside.status == 404);
    CHECK(outside.body["error"]["changes"][0]["code"] == "not_found");
    CHECK(admin.get("/api/v1/records/absence_spell/tl-outside").status == 404);

    const Reply ok = leader.push(json::array({spell_change("tl-inside", employee_in_produktion, day(-1), day(-1))}));
    REQUIRE_MESSAGE(ok.status == 200, ok.raw);
    CHECK(ok.body["accepted"][0]["id"] == "tl-inside");
    CHECK(read_record(admin, "absence_spell", "tl-inside")["updated_by"] == "u_demo_leder");
}

TEST_CASE("scoping: when an employee moves department their spells follow into the new team leader's pulls") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    Session leader = demo_leader(server);
    const Reply before = leader.get("/api/v1/sync?since=0");
    const long long cursor = before.body["cursor"];

    // demo-emp-19 (Henrik, Kundeservice) has an ongoing spell; HR-side move into Lager.
    move_employee(admin, "demo-emp-19", "demo-dept-lager");

    const Reply after = leader.get("/api/v1/sync?since=" + std::to_string(cursor));
    REQUIRE(after.status == 200);
    bool saw_employee = false;
    int spells = 0;
    for (const auto& record : after.body["changes"]) {
        if (record["id"] == "demo-emp-19") saw_employee = true;
        if (record["type"] == "absence_spell" && record["data"]["employee_id"] == "demo-emp-19") ++spells;
    }
    CHECK(saw_employee);
    CHECK(spells >= 1);
}
