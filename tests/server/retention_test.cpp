// Retention (docs/retention.md): conversation records are kept `record_retention_years` after their
// case closed, then deleted by the job that runs at start-up, every interval, and from
// `--run-retention`; the deletion log keeps who, when and what, never the content. The server's
// clock is moved years ahead to reach the boundaries; dates below are worked out by hand.
#include "cli.hpp"
#include "conversation_helpers.hpp"
#include "referral_helpers.hpp"
#include "services/retention_service.hpp"

#include <sqlite3.h>

#include <fstream>
#include <sstream>
#include <thread>

using namespace naervaer::testing;
using nlohmann::json;
using naervaer::Date;

namespace {

Date date(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

// Moves the server's clock to 11:00 UTC of `target` (12:00 or 13:00 in Denmark: the same day).
void move_to(TestServer& server, Date target) {
    const auto now = server.clock().now();
    const std::chrono::system_clock::time_point desired{std::chrono::seconds(int64_t{target.serial()} * 86400 + 11 * 3600)};
    server.clock().advance(std::chrono::duration_cast<std::chrono::seconds>(desired - now));
    REQUIRE(naervaer::server::danish_today(server.clock().now()) == target);
}

// A new server process on the same data at the moved clock: the start-up run of the job has finished
// when start() returns.
void restart_on(TestServer& server, Date target) {
    move_to(server, target);
    REQUIRE(server.restart());
}

// An employee employed since 2015, so cases from 2024 on are within the employment.
void hire(const Session& session, const std::string& id, const std::string& department = "demo-dept-produktion") {
    const json change = {{"type", "employee"},
                         {"id", id},
                         {"base_rev", 0},
                         {"data",
                          {{"name", "Rasmus Ørsted"},
                           {"department_id", department},
                           {"employment_start", "2015-01-05"},
                           {"weekly_hours", 37}}}};
    const Reply pushed = session.push(json::array({change}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
}

// A closed case [first, last] of `employee` and a contact note held on its last day, signed that
// day, whose status is `text` and whose one agreement fell due 10 days after the case.
void closed_case_with_record(const Session& session, const std::string& employee, const std::string& spell,
                             Date first, Date last, const std::string& record, const std::string& text) {
    json answers = contact_note_answers(last.iso(), text);
    answers["agreements"] = json::array({{{"text", "Ring og hør hvordan det går"},
                                          {"owner", "Bent Kristiansen"},
                                          {"due", last.plus_days(10).iso()}}});
    const Reply pushed = session.push(json::array(
        {spell_change(spell, employee, first.iso(), last.iso()),
         conversation_change(record, signed_data(conversation_data("contact_note", employee, spell, last.iso(), answers),
                                                 "Rasmus Ørsted", last.iso()))}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
}

// Marks the record's first agreement done (the mark retention takes along).
std::string mark_agreement(const Session& session, const std::string& employee, const std::string& spell,
                           const std::string& record, Date on) {
    const std::string key = naervaer::agreement_todo_key(spell, record, 0);
    const Reply pushed = session.push(json::array({todo_done_change(key, employee, on.iso())}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
    return naervaer::todo_done_record_id(key);
}

int status_of(const Session& session, const std::string& type, const std::string& id) {
    return session.get("/api/v1/records/" + type + "/" + id).status;
}

std::string file_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// Every row of `table` as text.
std::string table_text(const std::filesystem::path& file, const std::string& table) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::unique_ptr<sqlite3, decltype(&sqlite3_close)> guard(db, &sqlite3_close);
    sqlite3_stmt* raw = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, ("SELECT * FROM " + table).c_str(), -1, &raw, nullptr) == SQLITE_OK);
    std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> statement(raw, &sqlite3_finalize);
    std::string text;
    while (sqlite3_step(raw) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(raw); ++c) {
            const unsigned char* value = sqlite3_column_text(raw, c);
            text += value ? reinterpret_cast<const char*>(value) : "NULL";
            text += '|';
        }
        text += '\n';
    }
    return text;
}

// The tombstones a pull since `cursor` carries, by id.
std::map<std::string, json> pulled_tombstones(const Session& session, long long cursor) {
    const Reply pull = session.get("/api/v1/sync?since=" + std::to_string(cursor));
    REQUIRE(pull.status == 200);
    std::map<std::string, json> out;
    for (const auto& record : pull.body["changes"])
        if (record["deleted"] == true) out[record["id"]] = record;
    return out;
}

} // namespace

TEST_CASE("retention: a record is due when its case's last day plus the years is before today, and 29 February "
          "counts to 28 February") {
    using naervaer::server::retention_due;
    // Closed 10-06-2025, kept 5 years: 10-06-2030 is the last day kept.
    CHECK_FALSE(retention_due(date(2025, 6, 10), 5, date(2030, 6, 10)));
    CHECK(retention_due(date(2025, 6, 10), 5, date(2030, 6, 11)));
    CHECK_FALSE(retention_due(date(2025, 6, 10), 3, date(2028, 6, 10)));
    CHECK(retention_due(date(2025, 6, 10), 3, date(2028, 6, 11)));
    // 29-02-2024 + 5 years: 2029 has no 29 February, so 28-02-2029 is the last day kept.
    CHECK_FALSE(retention_due(date(2024, 2, 29), 5, date(2029, 2, 28)));
    CHECK(retention_due(date(2024, 2, 29), 5, date(2029, 3, 1)));
    // + 4 years lands on a leap year: 29-02-2028 itself is kept.
    CHECK_FALSE(retention_due(date(2024, 2, 29), 4, date(2028, 2, 29)));
    CHECK(retention_due(date(2024, 2, 29), 4, date(2028, 3, 1)));
    // Year ends: 31-12-2025 + 1 year is kept through 31-12-2026.
    CHECK_FALSE(retention_due(date(2025, 12, 31), 1, date(2026, 12, 31)));
    CHECK(retention_due(date(2025, 12, 31), 1, date(2027, 1, 1)));
}

TEST_CASE("retention: closed 5 years and 1 day ago is deleted with its agreement mark, closed exactly 5 years ago "
          "and ongoing are kept, and clients pull the tombstones") {
    TestServer server;
    REQUIRE(server.started());
    {
        Session hr = demo_hr(server);
        hire(hr, "ret-emp");
        // Case A ends 10-06-2025, case B the day after, case C is ongoing.
        closed_case_with_record(hr, "ret-emp", "ret-a", date(2025, 6, 2), date(2025, 6, 10), "rec-a", "Tekst A");
        closed_case_with_record(hr, "ret-emp", "ret-b", date(2025, 6, 11), date(2025, 6, 11), "rec-b", "Tekst B");
        record_case(hr, "ret-c", "ret-emp");
        REQUIRE(hr.push(json::array({conversation_change(
                            "rec-c", conversation_data("contact_note", "ret-emp", "ret-c", danish_day(-1),
                                                       contact_note_answers(danish_day(-1), "Tekst C")))}))
                    .status == 200);
        mark_agreement(hr, "ret-emp", "ret-a", "rec-a", date(2025, 6, 20));
    }
    const std::string mark_a = naervaer::todo_done_record_id(naervaer::agreement_todo_key("ret-a", "rec-a", 0));
    long long cursor = 0;
    {
        Session leader = demo_leader(server);
        cursor = leader.get("/api/v1/sync?since=0").body["cursor"];
    }

    // 10-06-2030: A's last day + 5 years is today, so it is kept.
    restart_on(server, date(2030, 6, 10));
    {
        Session hr = demo_hr(server);
        CHECK(status_of(hr, "conversation_record", "rec-a") == 200);
        CHECK(status_of(hr, "todo_done", mark_a) == 200);
    }
    // 11-06-2030: A is due; B (last day + 5 years = today) and the ongoing C are kept.
    restart_on(server, date(2030, 6, 11));
    Session hr = demo_hr(server);
    CHECK(status_of(hr, "conversation_record", "rec-a") == 404);
    CHECK(status_of(hr, "todo_done", mark_a) == 404);
    CHECK(status_of(hr, "conversation_record", "rec-b") == 200);
    CHECK(status_of(hr, "conversation_record", "rec-c") == 200);
    // The case itself stays: only the record's time is up.
    CHECK(status_of(hr, "absence_spell", "ret-a") == 200);

    Session leader = demo_leader(server);
    const auto tombstones = pulled_tombstones(leader, cursor);
    REQUIRE(tombstones.count("rec-a") == 1);
    CHECK(tombstones.at("rec-a")["type"] == "conversation_record");
    CHECK(tombstones.at("rec-a")["data"].empty());
    CHECK(tombstones.at("rec-a")["updated_by"] == "retention");
    CHECK(tombstones.at("rec-a")["updated_at"].get<std::string>().rfind("2030-06-11T", 0) == 0);
    CHECK(tombstones.count(mark_a) == 1);
    CHECK(tombstones.count("rec-b") == 0);
    CHECK(tombstones.count("rec-c") == 0);

    // A later run finds nothing more to delete.
    REQUIRE(server.restart());
    CHECK(status_of(demo_hr(server), "conversation_record", "rec-b") == 200);
}

TEST_CASE("retention: the deletion log and the audit say who, when and how many, never the content, and refused "
          "versions go too") {
    TestServer server;
    REQUIRE(server.started());
    const std::string secret = "Hemmelig-tekst-7f3a";
    {
        Session hr = demo_hr(server);
        hire(hr, "ret-emp");
        closed_case_with_record(hr, "ret-emp", "ret-a", date(2025, 6, 2), date(2025, 6, 10), "rec-a", secret);
        mark_agreement(hr, "ret-emp", "ret-a", "rec-a", date(2025, 6, 20));
        // A stale edit of the record is kept as a refused version, with the secret in it.
        const json record = read_record(hr, "conversation_record", "rec-a");
        json stale = record["data"];
        stale["answers"]["status"] = secret + " (rettet)";
        const Reply conflict = hr.push(json::array({conversation_change("rec-a", stale, 1)}));
        REQUIRE_MESSAGE(conflict.status == 200, conflict.raw);
        REQUIRE(conflict.body["conflicts"].size() == 1);
    }
    const auto file = server.config().data_dir / "naervaer.sqlite3";
    REQUIRE(table_text(file, "sync_conflicts").find(secret) != std::string::npos);

    restart_on(server, date(2030, 6, 11));
    Session admin = demo_admin(server);
    const Reply log = admin.get("/api/v1/admin/deletions");
    REQUIRE(log.status == 200);
    REQUIRE(log.body["deletions"].size() == 2);
    std::map<std::string, json> by_type;
    for (const json& row : log.body["deletions"]) by_type[row["type"]] = row;
    const json record_row = by_type.at("conversation_record");
    CHECK(record_row["record_id"] == "rec-a");
    CHECK(record_row["employee_id"] == "ret-emp");
    CHECK(record_row["by"] == "retention");
    CHECK(record_row["by_name"] == "Automatisk sletning (opbevaringsperiode)");
    CHECK(record_row["reason"] == "retention");
    CHECK(record_row["at"].get<std::string>().rfind("2030-06-11T", 0) == 0);
    CHECK(by_type.at("todo_done")["record_id"] ==
          naervaer::todo_done_record_id(naervaer::agreement_todo_key("ret-a", "rec-a", 0)));
    CHECK(by_type.at("todo_done")["reason"] == "retention");

    const Reply audit = admin.get("/api/v1/admin/audit?limit=1000");
    bool summarised = false;
    for (const json& entry : audit.body["entries"])
        if (entry["action"] == "retention" && entry["detail"]["deleted"] == 1) {
            summarised = true;
            CHECK(entry["detail"]["marks_deleted"] == 1);
            CHECK(entry["detail"]["retention_years"] == 5);
            CHECK(entry["detail"]["today"] == "2030-06-11");
            CHECK(entry["user_id"].is_null());
        }
    CHECK(summarised);
    CHECK(log.raw.find("Hemmelig") == std::string::npos);
    CHECK(audit.raw.find("Hemmelig") == std::string::npos);

    // A device that held the record offline sends its old version: it learns of the deletion, and
    // the content is not stored again as a refused version.
    {
        Session hr = demo_hr(server);
        const json offline = conversation_data("contact_note", "ret-emp", "ret-a", "2025-06-10",
                                               contact_note_answers("2025-06-10", secret + " (offline)"));
        const Reply stale = hr.push(json::array({conversation_change("rec-a", offline, 2)}));
        REQUIRE_MESSAGE(stale.status == 200, stale.raw);
        REQUIRE(stale.body["conflicts"].size() == 1);
        CHECK(stale.body["conflicts"][0]["server"]["deleted"] == true);
        CHECK(stale.body["conflicts"][0]["server"]["data"].empty());
    }

    server.stop(); // checkpoints the WAL into the file
    CHECK(table_text(file, "deletion_log").find("Hemmelig") == std::string::npos);
    CHECK(table_text(file, "audit_log").find("Hemmelig") == std::string::npos);
    CHECK(table_text(file, "sync_conflicts").find("Hemmelig") == std::string::npos);
    CHECK(table_text(file, "records").find("Hemmelig") == std::string::npos);
    // Not even in the file's free space: deleted content is overwritten (secure_delete).
    CHECK(file_bytes(file).find(secret) == std::string::npos);
    CHECK(file_bytes(file.string() + "-wal").find(secret) == std::string::npos);
}

TEST_CASE("retention: an organisation keeping records 3 years deletes them after 3 while another organisation "
          "keeps its own for its 5") {
    TestServer server;
    REQUIRE(server.started());
    const OtherOrganisation b = create_other_organisation(server);
    {
        Session admin = demo_admin(server);
        const Reply patched = admin.patch("/api/v1/admin/organisation", {{"record_retention_years", 3}});
        REQUIRE_MESSAGE(patched.status == 200, patched.raw);
        CHECK(patched.body["organisation"]["record_retention_years"] == 3);
        CHECK(admin.get("/api/v1/auth/me").body["organisation"]["record_retention_years"] == 3);
        Session hr = demo_hr(server);
        hire(hr, "ret-emp");
        closed_case_with_record(hr, "ret-emp", "ret-a", date(2025, 6, 2), date(2025, 6, 10), "rec-a", "Tekst A");

        Session b_admin = login(server, b.admin_email, b.admin_password);
        CHECK(b_admin.get("/api/v1/auth/me").body["organisation"]["record_retention_years"] == 5);
        const Reply department = b_admin.push(json::array(
            {{{"type", "department"}, {"id", "b-dept"}, {"base_rev", 0}, {"data", {{"name", "Fiskeri"}}}}}));
        REQUIRE_MESSAGE(department.status == 200, department.raw);
        hire(b_admin, "b-emp", "b-dept");
        closed_case_with_record(b_admin, "b-emp", "b-case", date(2025, 6, 2), date(2025, 6, 10), "b-rec", "Tekst B");
    }

    restart_on(server, date(2028, 6, 10)); // 10-06-2025 + 3 years: kept
    CHECK(status_of(demo_hr(server), "conversation_record", "rec-a") == 200);
    restart_on(server, date(2028, 6, 11));
    CHECK(status_of(demo_hr(server), "conversation_record", "rec-a") == 404);
    Session b_admin = login(server, b.admin_email, b.admin_password);
    CHECK(status_of(b_admin, "conversation_record", "b-rec") == 200);
    CHECK(b_admin.get("/api/v1/admin/deletions").body["deletions"].empty());
    CHECK(demo_admin(server).get("/api/v1/admin/deletions").body["deletions"].size() == 1); // no marks here

    restart_on(server, date(2030, 6, 11)); // 10-06-2025 + 5 years is past for B now
    CHECK(status_of(login(server, b.admin_email, b.admin_password), "conversation_record", "b-rec") == 404);
}

TEST_CASE("retention: a case that closed on 29 February is kept to 28 February 5 years later") {
    TestServer server;
    REQUIRE(server.started());
    // The latest 29 February before today (2024 when this was written).
    const Date today = naervaer::server::danish_today(server.clock().now());
    int year = today.year();
    while (!naervaer::is_leap_year(year) || date(year, 2, 29) >= today) --year;
    const Date leap_day = date(year, 2, 29);
    {
        Session hr = demo_hr(server);
        hire(hr, "ret-emp");
        closed_case_with_record(hr, "ret-emp", "ret-leap", leap_day.plus_days(-3), leap_day, "rec-leap", "Tekst");
    }
    restart_on(server, date(year + 5, 2, 28));
    CHECK(status_of(demo_hr(server), "conversation_record", "rec-leap") == 200);
    // Counting to a 1 March would keep it one more day.
    restart_on(server, date(year + 5, 3, 1));
    CHECK(status_of(demo_hr(server), "conversation_record", "rec-leap") == 404);
}

TEST_CASE("retention: --run-retention runs the job once beside a running server, whose clients pull the "
          "tombstones") {
    TestServer server;
    REQUIRE(server.started());
    {
        Session hr = demo_hr(server);
        hire(hr, "ret-emp");
        closed_case_with_record(hr, "ret-emp", "ret-a", date(2025, 6, 2), date(2025, 6, 10), "rec-a", "Tekst A");
    }
    move_to(server, date(2030, 6, 11)); // the running server has not looked since it started
    Session hr = demo_hr(server);
    CHECK(status_of(hr, "conversation_record", "rec-a") == 200);
    const long long cursor = hr.get("/api/v1/sync?since=0").body["cursor"];

    std::string error;
    const auto summary = naervaer::server::run_retention_once(server.config(), error);
    REQUIRE_MESSAGE(summary.has_value(), error);
    CHECK(summary->organisations == 3); // the demo employer and its two jobcentres
    CHECK(summary->records_deleted == 1);
    CHECK(summary->marks_deleted == 0);
    CHECK(summary->failures == 0);
    CHECK(status_of(hr, "conversation_record", "rec-a") == 404);
    CHECK(pulled_tombstones(hr, cursor).count("rec-a") == 1);

    // The flag, and a directory without a database is an error rather than a new empty database.
    std::string parse_error;
    const auto command = naervaer::server::parse_command_line(
        {"--run-retention", "--data-dir", "/nonexistent-naervaer"}, [](const char*) { return nullptr; }, parse_error);
    REQUIRE(command.has_value());
    CHECK(command->run_retention);
    CHECK_FALSE(naervaer::server::run_retention_once(command->config, error).has_value());
    CHECK(error.find("no database") != std::string::npos);
}

TEST_CASE("retention: the job runs again every interval in the background, and the server still stops at once") {
    TestServer server([](naervaer::server::Config& c) { c.retention_interval = std::chrono::seconds(1); });
    REQUIRE(server.started());
    {
        Session hr = demo_hr(server);
        hire(hr, "ret-emp");
        closed_case_with_record(hr, "ret-emp", "ret-a", date(2025, 6, 2), date(2025, 6, 10), "rec-a", "Tekst A");
    }
    move_to(server, date(2030, 6, 11));
    Session hr = demo_hr(server);
    int status = 200;
    for (int i = 0; i < 100 && status == 200; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        status = status_of(hr, "conversation_record", "rec-a");
    }
    CHECK(status == 404);

    // The default interval is a day; stopping does not wait for it.
    TestServer daily;
    REQUIRE(daily.started());
    const auto before = std::chrono::steady_clock::now();
    daily.stop();
    CHECK(std::chrono::steady_clock::now() - before < std::chrono::seconds(5));
}

TEST_CASE("retention: an employee with records stays until the job deleted them, then may be deleted") {
    TestServer server;
    REQUIRE(server.started());
    {
        Session hr = demo_hr(server);
        hire(hr, "ret-emp");
        closed_case_with_record(hr, "ret-emp", "ret-a", date(2025, 6, 2), date(2025, 6, 10), "rec-a", "Tekst A");
        const json employee = read_record(hr, "employee", "ret-emp");
        const Reply refused = hr.push(json::array({delete_change("employee", "ret-emp", employee["rev"])}));
        CHECK(refused.status == 422);
        CHECK(refused_field(refused, "id")["code"] == "employee_has_records");
    }
    // Closed 10-06-2025, kept 5 years: deleted on 11-06-2030, with the employee still there.
    restart_on(server, date(2030, 6, 11));
    CHECK(status_of(demo_admin(server), "conversation_record", "rec-a") == 404);
    CHECK(demo_admin(server).get("/api/v1/admin/deletions").body["deletions"].size() == 1);
    Session hr = demo_hr(server);
    const json employee = read_record(hr, "employee", "ret-emp");
    CHECK(hr.push(json::array({delete_change("employee", "ret-emp", employee["rev"])})).status == 200);
}

TEST_CASE("organisation: admins set how many years records are kept, 1 to 20, and other values and types are refused") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    CHECK(admin.get("/api/v1/auth/me").body["organisation"]["record_retention_years"] == 5);
    for (const json& value : {json(0), json(21), json(-1), json(1000000000000LL)}) {
        const Reply refused = admin.patch("/api/v1/admin/organisation", {{"record_retention_years", value}});
        CHECK_MESSAGE(refused.status == 422, value.dump());
        CHECK(refused.body["error"]["fields"]["record_retention_years"]["code"] == "range");
        CHECK(refused.body["error"]["fields"]["record_retention_years"]["message_en"] ==
              "Outside the allowed range (1-20)");
    }
    for (const json& value : {json("5"), json(5.5), json(true), json(nullptr)}) {
        const Reply refused = admin.patch("/api/v1/admin/organisation", {{"record_retention_years", value}});
        CHECK_MESSAGE(refused.status == 400, value.dump());
        CHECK(refused.body["error"]["fields"]["record_retention_years"]["code"] == "type");
    }
    CHECK(admin.get("/api/v1/auth/me").body["organisation"]["record_retention_years"] == 5);
    CHECK(demo_hr(server).patch("/api/v1/admin/organisation", {{"record_retention_years", 3}}).status == 403);

    // The edge values are accepted, and a change of name alone keeps the years.
    for (int years : {1, 20}) {
        const Reply accepted = admin.patch("/api/v1/admin/organisation", {{"record_retention_years", years}});
        CHECK_MESSAGE(accepted.status == 200, accepted.raw);
        CHECK(accepted.body["organisation"]["record_retention_years"] == years);
    }
    const Reply renamed = admin.patch("/api/v1/admin/organisation", {{"name", "Vendsyssel Pak A/S"}});
    CHECK(renamed.body["organisation"]["record_retention_years"] == 20);
    // On the next login too.
    CHECK(demo_admin(server).post("/api/v1/auth/login", {{"email", "admin@demo.naervaer.dk"}, {"password", "demo-admin"}})
              .body["organisation"]["record_retention_years"] == 20);
}

TEST_CASE("retention: a closed referral of a closed case goes on the same schedule, an open one stays") {
    TestServer server;
    REQUIRE(server.started());
    move_to(server, date(2025, 6, 12));
    {
        Session hr = demo_hr(server);
        hire(hr, "ret-ref-emp");
        REQUIRE(hr.push(json::array({spell_change("ret-ref-case", "ret-ref-emp", "2025-06-02", "2025-06-10")})).status ==
                200);
        // Two contact requests about the case to the employer's own jobcentre (Hjørring, 860); one
        // is withdrawn (closed), the other stays open.
        const auto request = [&](const std::string& id) {
            json data = contact_request_data("ret-ref-emp", "860", "Spørgsmål om delvis raskmelding.", "sent");
            data["spell_id"] = "ret-ref-case";
            const Reply sent = hr.push(json::array({referral_change(id, data)}));
            REQUIRE_MESSAGE(sent.status == 200, sent.raw);
        };
        request("ret-ref-closed");
        request("ret-ref-open");
        json withdrawn = read_record(hr, "referral", "ret-ref-closed");
        json data = withdrawn["data"];
        data["status"] = "closed";
        const Reply closed = hr.push(json::array({referral_change("ret-ref-closed", data, withdrawn["rev"])}));
        REQUIRE_MESSAGE(closed.status == 200, closed.raw);
    }
    // Closed 10-06-2025, kept 5 years: on 10-06-2030 both are there, on 11-06-2030 the closed one
    // is gone, with a row in the deletion log, and the open one stays.
    restart_on(server, date(2030, 6, 10));
    CHECK(status_of(demo_admin(server), "referral", "ret-ref-closed") == 200);
    restart_on(server, date(2030, 6, 11));
    Session admin = demo_admin(server);
    CHECK(status_of(admin, "referral", "ret-ref-closed") == 404);
    CHECK(status_of(admin, "referral", "ret-ref-open") == 200);
    const json deletions = admin.get("/api/v1/admin/deletions").body["deletions"];
    REQUIRE(deletions.size() == 1);
    CHECK(deletions[0]["type"] == "referral");
    CHECK(deletions[0]["record_id"] == "ret-ref-closed");
    CHECK(deletions[0]["reason"] == "retention");
}
