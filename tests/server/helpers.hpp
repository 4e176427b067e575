#pragma once
// Shared by the server tests: the demo organisation's facts and builders for sync changes.
#include "clock.hpp"
#include "naervaer/date.hpp"
#include "naervaer/records.hpp"
#include "naervaer/server/demo.hpp"
#include "naervaer/server/provisioning.hpp"
#include "support/test_server.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>

#include <set>
#include <string>

namespace naervaer::testing {

namespace demo = server::demo;

// Demo employees 01-10 work in Produktion, 11-17 in Lager (the team leader's departments),
// 18-24 in Kundeservice and 25-30 in Administration.
inline constexpr const char* employee_in_produktion = "demo-emp-03";
inline constexpr const char* employee_in_kundeservice = "demo-emp-20";
inline constexpr const char* employee_long_absent = "demo-emp-02"; // ongoing since 45 days

inline std::string day(int offset_from_today) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
    return Date::from_serial(static_cast<int32_t>(seconds / 86400)).plus_days(offset_from_today).iso();
}

// A day relative to today in Denmark, the server's "today" for to-do marks (clock.hpp).
inline std::string danish_day(int offset_from_today) {
    return server::danish_today(std::chrono::system_clock::now()).plus_days(offset_from_today).iso();
}

// A change marking `todo_key` done, under the id the key gives.
inline nlohmann::json todo_done_change(const std::string& todo_key, const std::string& employee_id,
                                       const std::string& done_on, long long base_rev = 0) {
    return {{"type", "todo_done"},
            {"id", todo_done_record_id(todo_key)},
            {"base_rev", base_rev},
            {"data", {{"employee_id", employee_id}, {"todo_key", todo_key}, {"done_on", done_on}}}};
}

inline nlohmann::json delete_change(const std::string& type, const std::string& id, long long base_rev) {
    return {{"type", type}, {"id", id}, {"base_rev", base_rev}, {"deleted", true}, {"data", nlohmann::json::object()}};
}

// The ids of the records a pull since `since` answers (one page is enough for the demo).
inline std::set<std::string> pulled_ids(const Session& session, long long since = 0) {
    const Reply pull = session.get("/api/v1/sync?since=" + std::to_string(since));
    REQUIRE_MESSAGE(pull.status == 200, pull.raw);
    std::set<std::string> ids;
    for (const auto& record : pull.body["changes"]) ids.insert(record["id"].get<std::string>());
    return ids;
}

inline nlohmann::json spell_change(const std::string& id, const std::string& employee_id, const std::string& first_day,
                                   const std::optional<std::string>& last_day, long long base_rev = 0) {
    nlohmann::json data = {{"employee_id", employee_id}, {"first_day", first_day}, {"kind", "sickness"}};
    data["last_day"] = last_day ? nlohmann::json(*last_day) : nlohmann::json(nullptr);
    return {{"type", "absence_spell"}, {"id", id}, {"base_rev", base_rev}, {"data", data}};
}

inline Session login(const TestServer& server, std::string_view email, std::string_view password) {
    Session session(server);
    const Reply reply = session.login(std::string(email), std::string(password));
    REQUIRE_MESSAGE(reply.status == 200, reply.raw);
    return session;
}

inline Session demo_admin(const TestServer& server) { return login(server, demo::admin_email, demo::admin_password); }
inline Session demo_hr(const TestServer& server) { return login(server, demo::hr_email, demo::hr_password); }
inline Session demo_leader(const TestServer& server) {
    return login(server, demo::leader_email, demo::leader_password);
}

// The current record (rev and data) as the given session reads it by id.
inline nlohmann::json read_record(const Session& session, const std::string& type, const std::string& id) {
    const Reply reply = session.get("/api/v1/records/" + type + "/" + id);
    REQUIRE_MESSAGE(reply.status == 200, reply.raw);
    return reply.body;
}

// `session` (admin or HR) moves an employee into another department.
inline void move_employee(const Session& session, const std::string& employee_id, const std::string& department_id) {
    const nlohmann::json employee = read_record(session, "employee", employee_id);
    nlohmann::json move = {
        {"type", "employee"}, {"id", employee_id}, {"base_rev", employee["rev"]}, {"data", employee["data"]}};
    move["data"]["department_id"] = department_id;
    const Reply moved = session.push(nlohmann::json::array({move}));
    REQUIRE_MESSAGE(moved.status == 200, moved.raw);
}

// A second organisation ("org B") with an admin, set up beside the demo organisation.
struct OtherOrganisation {
    std::string id;
    std::string admin_email = "admin@b.example";
    std::string admin_password = "org-b-admin-password";
    std::string admin_id;
};

inline OtherOrganisation create_other_organisation(const TestServer& server) {
    server::OrganisationSetup setup;
    setup.name = "Skagen Fisk A/S";
    setup.cvr = "41728361";
    setup.municipality = "Frederikshavn";
    OtherOrganisation other;
    setup.users.push_back({other.admin_email, "Bo Bæk", "admin", other.admin_password, {}});
    std::string error;
    const auto created = server::create_organisation(server.config(), setup, error);
    REQUIRE_MESSAGE(created.has_value(), error);
    other.id = created->organisation_id;
    other.admin_id = created->users.front().id;
    return other;
}

// The first column of the first row of `sql` on the database file, read-only beside the server
// (a count, a version): what is on disk, not what the API says.
inline long long count_rows(const std::filesystem::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::unique_ptr<sqlite3, decltype(&sqlite3_close)> guard(db, &sqlite3_close);
    sqlite3_stmt* raw = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) == SQLITE_OK);
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> statement(raw, &sqlite3_finalize);
    REQUIRE(sqlite3_step(raw) == SQLITE_ROW);
    return sqlite3_column_int64(raw, 0);
}

} // namespace naervaer::testing
