#include "store/sqlite/sqlite_store.hpp"

#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_db.hpp"

#include <sqlite3.h>

#include <utility>

namespace naervaer::server::sqlite {

namespace {

using nlohmann::json;

json parse_stored_json(const std::string& text) {
    // Stored JSON was written by this server; a broken row must not take the request down with
    // a parse exception, so it reads as an empty object.
    json parsed = json::parse(text, nullptr, false);
    return parsed.is_discarded() ? json::object() : parsed;
}

constexpr const char* record_columns =
    "SELECT org_id, type, id, rev, updated_at, updated_by, deleted, data, scope_department, employee_id "
    "FROM records ";

StoredRecord read_stored_record(const Statement& q) {
    StoredRecord r;
    r.org_id = q.text(0);
    r.record.type = q.text(1);
    r.record.id = q.text(2);
    r.record.rev = q.int64(3);
    r.record.updated_at = q.text(4);
    r.record.updated_by = q.text(5);
    r.record.deleted = q.int64(6) != 0;
    r.record.data = parse_stored_json(q.text(7));
    r.scope_department = q.optional_text(8);
    r.employee_id = q.optional_text(9);
    return r;
}

class SqliteTransaction final : public Transaction {
public:
    SqliteTransaction(SqliteStore& store, std::unique_ptr<Connection> db, std::unique_lock<std::mutex> write_lock)
        : store_(store), db_(std::move(db)), write_lock_(std::move(write_lock)) {
        // A write transaction takes the database's write lock up front (BEGIN IMMEDIATE): a
        // deferred one that reads first and writes later can fail with SQLITE_BUSY midway when
        // another process wrote in between, after work was done.
        // Cached statements: a request opens one or two transactions, and sqlite3_exec would
        // compile these every time.
        db_->use(write_lock_.owns_lock() ? "BEGIN IMMEDIATE" : "BEGIN")->run();
    }

    ~SqliteTransaction() override {
        if (!finished_) {
            try {
                db_->use("ROLLBACK")->run();
            } catch (...) {
                // The connection is in an unknown state: drop it instead of pooling it.
                db_.reset();
            }
        }
        if (db_) store_.release(std::move(db_));
    }

    void commit() override {
        db_->use("COMMIT")->run();
        finished_ = true;
    }

    void savepoint() override { db_->use("SAVEPOINT unit")->run(); }
    void release_savepoint() override { db_->use("RELEASE unit")->run(); }
    void rollback_to_savepoint() override { db_->use("ROLLBACK TO unit")->run(); }

    // ---- organisations ----
    void insert_organisation(const Organisation& org, const std::string& created_at,
                             OrganisationKind kind = OrganisationKind::employer) override {
        {
            auto q = db_->use("INSERT INTO organisations (id, name, cvr, municipality, record_retention_years,"
                              " created_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?)");
            q->bind(1, org.id);
            q->bind(2, org.name);
            q->bind(3, org.cvr);
            q->bind(4, org.municipality);
            q->bind(5, int64_t{org.record_retention_years});
            q->bind(6, created_at);
            q->bind(7, to_string(kind));
            q->run();
        }
        auto q = db_->use("INSERT INTO organisation_revs (org_id, rev) VALUES (?, 0)");
        q->bind(1, org.id);
        q->run();
    }

    std::optional<Organisation> find_organisation(const std::string& org_id) override {
        auto q = db_->use("SELECT id, name, cvr, municipality, record_retention_years FROM organisations WHERE id = ?");
        q->bind(1, org_id);
        if (!q->step()) return std::nullopt;
        return read_organisation(*q);
    }

    OrganisationKind organisation_kind(const std::string& org_id) override {
        auto q = db_->use("SELECT kind FROM organisations WHERE id = ?");
        q->bind(1, org_id);
        if (!q->step()) return OrganisationKind::employer;
        return organisation_kind_from_string(q->text(0)).value_or(OrganisationKind::employer);
    }

    void update_organisation(const Organisation& org) override {
        auto q = db_->use("UPDATE organisations SET name = ?, cvr = ?, municipality = ?, record_retention_years = ?"
                          " WHERE id = ?");
        q->bind(1, org.name);
        q->bind(2, org.cvr);
        q->bind(3, org.municipality);
        q->bind(4, int64_t{org.record_retention_years});
        q->bind(5, org.id);
        q->run();
    }

    std::vector<Organisation> list_organisations() override {
        auto q = db_->use("SELECT id, name, cvr, municipality, record_retention_years FROM organisations ORDER BY id");
        std::vector<Organisation> out;
        while (q->step()) out.push_back(read_organisation(*q));
        return out;
    }

    int64_t count_organisations() override {
        auto q = db_->use("SELECT COUNT(*) FROM organisations");
        return q->step() ? q->int64(0) : 0;
    }

    // ---- users ----
    void insert_user(const UserRow& row, const std::string& now) override {
        {
            auto q = db_->use("INSERT INTO users (id, org_id, email, name, role, active, must_change_password,"
                              " password_hash, created_at, updated_at, municipality_code)"
                              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            q->bind(1, row.user.id);
            q->bind(2, row.org_id);
            q->bind(3, row.user.email);
            q->bind(4, row.user.name);
            q->bind(5, to_string(row.user.role));
            q->bind(6, int64_t{row.active});
            q->bind(7, int64_t{row.user.must_change_password});
            q->bind(8, row.password_hash);
            q->bind(9, now);
            q->bind(10, now);
            // NULL for every role but consultant (a CHECK of the users table).
            q->bind(11, row.user.municipality_code.empty() ? std::optional<std::string>()
                                                           : std::optional<std::string>(row.user.municipality_code));
            q->run();
        }
        write_departments(row);
    }

    std::optional<UserRow> find_user_by_email(const std::string& email_lower) override {
        std::optional<UserRow> row;
        {
            auto q = db_->use("SELECT id, org_id, email, name, role, active, must_change_password, password_hash, municipality_code "
                              "FROM users WHERE email = ?");
            q->bind(1, email_lower);
            if (q->step()) row = read_user(*q);
        }
        if (row) load_departments(*row);
        return row;
    }

    std::optional<UserRow> find_user(const std::string& org_id, const std::string& user_id) override {
        std::optional<UserRow> row;
        {
            auto q = db_->use("SELECT id, org_id, email, name, role, active, must_change_password, password_hash, municipality_code "
                              "FROM users WHERE org_id = ? AND id = ?");
            q->bind(1, org_id);
            q->bind(2, user_id);
            if (q->step()) row = read_user(*q);
        }
        if (row) load_departments(*row);
        return row;
    }

    std::vector<UserRow> list_users(const std::string& org_id) override {
        std::vector<UserRow> rows;
        {
            auto q = db_->use("SELECT id, org_id, email, name, role, active, must_change_password, password_hash, municipality_code "
                              "FROM users WHERE org_id = ? ORDER BY email");
            q->bind(1, org_id);
            while (q->step()) rows.push_back(read_user(*q));
        }
        for (UserRow& row : rows) load_departments(row);
        return rows;
    }

    void update_user(const UserRow& row, const std::string& now) override {
        {
            auto q = db_->use("UPDATE users SET name = ?, role = ?, active = ?, must_change_password = ?,"
                              " password_hash = ?, updated_at = ? WHERE org_id = ? AND id = ?");
            q->bind(1, row.user.name);
            q->bind(2, to_string(row.user.role));
            q->bind(3, int64_t{row.active});
            q->bind(4, int64_t{row.user.must_change_password});
            q->bind(5, row.password_hash);
            q->bind(6, now);
            q->bind(7, row.org_id);
            q->bind(8, row.user.id);
            q->run();
        }
        auto q = db_->use("DELETE FROM user_departments WHERE user_id = ?");
        q->bind(1, row.user.id);
        q->run();
        write_departments(row);
    }

    // ---- sessions ----
    void insert_session(const SessionRow& row) override {
        auto q = db_->use("INSERT INTO sessions (token_hash, user_id, org_id, csrf_token, created_at, expires_at)"
                          " VALUES (?, ?, ?, ?, ?, ?)");
        q->bind(1, row.token_hash);
        q->bind(2, row.user_id);
        q->bind(3, row.org_id);
        q->bind(4, row.csrf_token);
        q->bind(5, row.created_at);
        q->bind(6, row.expires_at);
        q->run();
    }

    std::optional<SessionRow> find_session(const std::string& token_hash) override {
        auto q = db_->use("SELECT token_hash, user_id, org_id, csrf_token, created_at, expires_at "
                          "FROM sessions WHERE token_hash = ?");
        q->bind(1, token_hash);
        if (!q->step()) return std::nullopt;
        return SessionRow{q->text(0), q->text(1), q->text(2), q->text(3), q->int64(4), q->int64(5)};
    }

    void delete_session(const std::string& token_hash) override {
        auto q = db_->use("DELETE FROM sessions WHERE token_hash = ?");
        q->bind(1, token_hash);
        q->run();
    }

    void delete_sessions_of_user(const std::string& user_id) override {
        auto q = db_->use("DELETE FROM sessions WHERE user_id = ?");
        q->bind(1, user_id);
        q->run();
    }

    void delete_sessions_expired_before(int64_t unix_seconds) override {
        auto q = db_->use("DELETE FROM sessions WHERE expires_at <= ?");
        q->bind(1, unix_seconds);
        q->run();
    }

    // ---- records ----
    std::optional<StoredRecord> find_record(const std::string& id) override {
        static const std::string sql = std::string(record_columns) + "WHERE id = ?";
        auto q = db_->use(sql.c_str());
        q->bind(1, id);
        if (!q->step()) return std::nullopt;
        return read_stored_record(*q);
    }

    std::vector<StoredRecord> records_of_employee(const std::string& org_id, const std::string& employee_id,
                                                  std::string_view type) override {
        static const std::string sql =
            std::string(record_columns) + "WHERE org_id = ? AND employee_id = ? AND type = ? AND deleted = 0";
        auto q = db_->use(sql.c_str());
        q->bind(1, org_id);
        q->bind(2, employee_id);
        q->bind(3, std::string(type));
        std::vector<StoredRecord> records;
        while (q->step()) records.push_back(read_stored_record(*q));
        return records;
    }

    std::vector<StoredRecord> records_of_type(const std::string& org_id, std::string_view type) override {
        static const std::string sql = std::string(record_columns) + "WHERE org_id = ? AND type = ? AND deleted = 0";
        auto q = db_->use(sql.c_str());
        q->bind(1, org_id);
        q->bind(2, std::string(type));
        std::vector<StoredRecord> records;
        while (q->step()) records.push_back(read_stored_record(*q));
        return records;
    }

    std::vector<StoredRecord> spells_of_employee_near(const std::string& org_id, const std::string& employee_id,
                                                      const std::string& first_day,
                                                      const std::optional<std::string>& last_day) override {
        // Dates are ISO strings of years 1900-2200, so text order is date order. The range test
        // runs in SQLite so only candidates are parsed into trees (usually none).
        static const std::string sql =
            std::string(record_columns) +
            "WHERE org_id = ?1 AND employee_id = ?2 AND type = 'absence_spell' AND deleted = 0"
            " AND NOT coalesce(json_extract(data, '$.last_day') < ?3, 0)"
            " AND NOT coalesce(json_extract(data, '$.first_day') > ?4, 0)";
        auto q = db_->use(sql.c_str());
        q->bind(1, org_id);
        q->bind(2, employee_id);
        q->bind(3, first_day);
        q->bind(4, last_day); // NULL: the comparison is NULL, coalesced to "may overlap"
        std::vector<StoredRecord> spells;
        while (q->step()) spells.push_back(read_stored_record(*q));
        return spells;
    }

    int64_t put_record(const std::string& org_id, const RecordWrite& w) override {
        const int64_t rev = next_rev(org_id);
        // The upsert only replaces a row of the same organisation: even if a caller forgot the
        // tenancy check, another organisation's record cannot be overwritten.
        auto q = db_->use(
            "INSERT INTO records (id, org_id, type, rev, updated_at, updated_by, deleted, data,"
            " scope_department, employee_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET type = excluded.type, rev = excluded.rev,"
            " updated_at = excluded.updated_at, updated_by = excluded.updated_by, deleted = excluded.deleted,"
            " data = excluded.data, scope_department = excluded.scope_department,"
            " employee_id = excluded.employee_id WHERE records.org_id = excluded.org_id");
        q->bind(1, w.id);
        q->bind(2, org_id);
        q->bind(3, w.type);
        q->bind(4, rev);
        q->bind(5, w.updated_at);
        q->bind(6, w.updated_by);
        q->bind(7, int64_t{w.deleted});
        q->bind(8, w.data.dump());
        q->bind(9, w.scope_department);
        q->bind(10, w.employee_id);
        q->run();
        if (db_->changes() != 1) throw SqliteError(0, "record id belongs to another organisation");
        return rev;
    }

    int64_t rescope_employee_records(const std::string& org_id, const std::string& employee_id,
                                     const std::optional<std::string>& department,
                                     const std::string& updated_at) override {
        std::vector<std::string> ids;
        {
            // In rev order, so the moved records keep their relative order in pulls.
            auto q = db_->use("SELECT id FROM records WHERE org_id = ? AND employee_id = ? ORDER BY rev");
            q->bind(1, org_id);
            q->bind(2, employee_id);
            while (q->step()) ids.push_back(q->text(0));
        }
        for (const std::string& id : ids) {
            const int64_t rev = next_rev(org_id);
            auto q = db_->use("UPDATE records SET scope_department = ?, rev = ?, updated_at = ? "
                              "WHERE org_id = ? AND id = ?");
            q->bind(1, department);
            q->bind(2, rev);
            q->bind(3, updated_at);
            q->bind(4, org_id);
            q->bind(5, id);
            q->run();
        }
        return static_cast<int64_t>(ids.size());
    }

    std::vector<ClosedCaseRecord> records_of_closed_cases(const std::string& org_id, std::string_view type) override {
        // The case is the live absence spell the record's data names, of the same organisation;
        // its last day is stored as an ISO string. The employee must be live too: records of a
        // deleted spell or employee are left alone (docs/retention.md).
        auto q = db_->use(
            "SELECT c.id, s.id, json_extract(s.data, '$.last_day'), c.employee_id, c.scope_department "
            "FROM records c "
            "JOIN records s ON s.id = json_extract(c.data, '$.spell_id') AND s.org_id = c.org_id "
            " AND s.type = 'absence_spell' AND s.deleted = 0 "
            "JOIN records e ON e.id = c.employee_id AND e.org_id = c.org_id AND e.type = 'employee' AND e.deleted = 0 "
            "WHERE c.org_id = ? AND c.type = ? AND c.deleted = 0 "
            " AND json_type(s.data, '$.last_day') = 'text' "
            "ORDER BY c.rev");
        q->bind(1, org_id);
        q->bind(2, std::string(type));
        std::vector<ClosedCaseRecord> out;
        while (q->step())
            out.push_back({q->text(0), q->text(1), q->text(2), q->optional_text(3), q->optional_text(4)});
        return out;
    }

    void pull(const std::string& org_id, int64_t since, std::size_t limit, const PullScope& scope,
              const std::function<void(const RecordView&)>& row) override {
        // The stored text goes out as it is (no parse, no dump); the caller checks it.
        const auto read_rows = [&](Statement& q) {
            while (q.step()) {
                row(RecordView{q.text_view(0), q.text_view(1), q.int64(2), q.text_view(3), q.text_view(4),
                               q.int64(5) != 0, q.text_view(6)});
            }
        };
#define NAERVAER_PULL_COLUMNS                                                                                  \
    "SELECT type, id, rev, updated_at, updated_by, deleted, data " \
    "FROM records "
        if (scope.whole_organisation) {
            auto q = db_->use(NAERVAER_PULL_COLUMNS "WHERE org_id = ? AND rev > ? ORDER BY rev LIMIT ?");
            q->bind(1, org_id);
            q->bind(2, since);
            q->bind(3, static_cast<int64_t>(limit));
            read_rows(*q);
        } else {
            // json_each turns the JSON arrays of types and department ids into sets SQLite can
            // match with IN.
            auto q = db_->use(NAERVAER_PULL_COLUMNS
                              "WHERE org_id = ? AND rev > ? AND (type IN (SELECT value FROM json_each(?)) OR"
                              " scope_department IN (SELECT value FROM json_each(?))) ORDER BY rev LIMIT ?");
            q->bind(1, org_id);
            q->bind(2, since);
            q->bind(3, json(scope.shared_types).dump());
            q->bind(4, json(scope.departments).dump());
            q->bind(5, static_cast<int64_t>(limit));
            read_rows(*q);
        }
#undef NAERVAER_PULL_COLUMNS
    }

    int64_t current_rev(const std::string& org_id) override {
        auto q = db_->use("SELECT rev FROM organisation_revs WHERE org_id = ?");
        q->bind(1, org_id);
        return q->step() ? q->int64(0) : 0;
    }

    // ---- the jobcentres' inbox ----
    void upsert_inbox(const InboxRow& row) override {
        auto q = db_->use("INSERT INTO jobcenter_inbox (record_id, org_id, municipality_code, kind, status, sent_on,"
                          " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                          "ON CONFLICT(record_id) DO UPDATE SET municipality_code = excluded.municipality_code,"
                          " kind = excluded.kind, status = excluded.status, sent_on = excluded.sent_on,"
                          " updated_at = excluded.updated_at WHERE jobcenter_inbox.org_id = excluded.org_id");
        q->bind(1, row.record_id);
        q->bind(2, row.org_id);
        q->bind(3, row.municipality_code);
        q->bind(4, row.kind);
        q->bind(5, row.status);
        q->bind(6, row.sent_on);
        q->bind(7, row.updated_at);
        q->run();
        if (db_->changes() != 1) throw SqliteError(0, "inbox row belongs to another organisation");
    }

    std::optional<InboxRow> find_inbox(const std::string& record_id) override {
        auto q = db_->use("SELECT record_id, org_id, municipality_code, kind, status, sent_on, updated_at "
                          "FROM jobcenter_inbox WHERE record_id = ?");
        q->bind(1, record_id);
        if (!q->step()) return std::nullopt;
        return InboxRow{q->text(0), q->text(1), q->text(2), q->text(3), q->text(4), q->text(5), q->text(6)};
    }

    std::vector<InboxEntry> list_inbox(const std::string& municipality_code, InboxFilter filter) override {
        // ?2: 0 all, 1 open only, 2 closed only.
        auto q = db_->use(
            "SELECT i.record_id, i.org_id, i.municipality_code, i.kind, i.status, i.sent_on, i.updated_at,"
            " r.org_id, r.type, r.id, r.rev, r.updated_at, r.updated_by, r.deleted, r.data, r.scope_department,"
            " r.employee_id, o.name, o.cvr "
            "FROM jobcenter_inbox i "
            "JOIN records r ON r.id = i.record_id AND r.org_id = i.org_id AND r.type = 'referral' AND r.deleted = 0 "
            "JOIN organisations o ON o.id = i.org_id "
            "WHERE i.municipality_code = ?1 AND (?2 = 0 OR (?2 = 1 AND i.status <> 'closed') OR"
            " (?2 = 2 AND i.status = 'closed')) "
            "ORDER BY CASE i.status WHEN 'sent' THEN 0 WHEN 'closed' THEN 2 ELSE 1 END, i.sent_on DESC, i.record_id");
        q->bind(1, municipality_code);
        q->bind(2, int64_t{filter == InboxFilter::all ? 0 : filter == InboxFilter::open ? 1 : 2});
        std::vector<InboxEntry> out;
        while (q->step()) {
            InboxEntry entry;
            entry.row = {q->text(0), q->text(1), q->text(2), q->text(3), q->text(4), q->text(5), q->text(6)};
            StoredRecord& r = entry.record;
            r.org_id = q->text(7);
            r.record.type = q->text(8);
            r.record.id = q->text(9);
            r.record.rev = q->int64(10);
            r.record.updated_at = q->text(11);
            r.record.updated_by = q->text(12);
            r.record.deleted = q->int64(13) != 0;
            r.record.data = parse_stored_json(q->text(14));
            r.scope_department = q->optional_text(15);
            r.employee_id = q->optional_text(16);
            entry.organisation_name = q->text(17);
            entry.organisation_cvr = q->text(18);
            out.push_back(std::move(entry));
        }
        return out;
    }

    // ---- conflicts ----
    void insert_conflict(const std::string& org_id, const ConflictWrite& c) override {
        auto q = db_->use("INSERT INTO sync_conflicts (org_id, type, record_id, base_rev, deleted, data, user_id, at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        q->bind(1, org_id);
        q->bind(2, c.type);
        q->bind(3, c.record_id);
        q->bind(4, c.base_rev);
        q->bind(5, int64_t{c.deleted});
        q->bind(6, c.data.dump());
        q->bind(7, c.user_id);
        q->bind(8, c.at);
        q->run();
    }

    void delete_conflicts(const std::string& org_id, const std::string& record_id) override {
        auto q = db_->use("DELETE FROM sync_conflicts WHERE org_id = ? AND record_id = ?");
        q->bind(1, org_id);
        q->bind(2, record_id);
        q->run();
    }

    std::vector<StoredConflict> conflicts_of(const std::string& org_id, const std::string& record_id) override {
        auto q = db_->use("SELECT type, record_id, base_rev, deleted, data, user_id, at FROM sync_conflicts "
                          "WHERE org_id = ? AND record_id = ? ORDER BY id");
        q->bind(1, org_id);
        q->bind(2, record_id);
        std::vector<StoredConflict> out;
        while (q->step()) {
            out.push_back({q->text(0), q->text(1), q->int64(2), q->int64(3) != 0, parse_stored_json(q->text(4)),
                           q->text(5), q->text(6)});
        }
        return out;
    }

    // ---- deletion log ----
    void append_deletion(const DeletionEntry& e) override {
        auto q = db_->use("INSERT INTO deletion_log (org_id, at, deleted_by, by_name, type, record_id, employee_id,"
                          " reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        q->bind(1, e.org_id);
        q->bind(2, e.at);
        q->bind(3, e.by);
        q->bind(4, e.by_name);
        q->bind(5, e.type);
        q->bind(6, e.record_id);
        q->bind(7, e.employee_id);
        q->bind(8, e.reason);
        q->run();
    }

    std::vector<DeletionEntry> list_deletions(const std::string& org_id, std::size_t limit) override {
        auto q = db_->use("SELECT org_id, at, deleted_by, by_name, type, record_id, employee_id, reason "
                          "FROM deletion_log WHERE org_id = ? ORDER BY id DESC LIMIT ?");
        q->bind(1, org_id);
        q->bind(2, static_cast<int64_t>(limit));
        std::vector<DeletionEntry> out;
        while (q->step()) {
            out.push_back({q->text(0), q->text(1), q->text(2), q->text(3), q->text(4), q->text(5), q->optional_text(6),
                           q->text(7)});
        }
        return out;
    }

    // ---- audit ----
    void append_audit(const AuditEntry& e) override {
        auto q = db_->use("INSERT INTO audit_log (org_id, user_id, at, action, record_type, record_id, detail)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?)");
        q->bind(1, e.org_id);
        q->bind(2, e.user_id);
        q->bind(3, e.at);
        q->bind(4, e.action);
        q->bind(5, e.record_type);
        q->bind(6, e.record_id);
        if (e.detail_text.empty()) {
            q->bind(7, e.detail.dump());
        } else {
            q->bind(7, e.detail_text);
        }
        q->run();
    }

    std::vector<AuditEntry> list_audit(const std::string& org_id, const std::string& record_id,
                                       std::size_t limit) override {
        std::vector<AuditEntry> out;
        const auto read_rows = [&](Statement& q) {
            while (q.step()) {
                out.push_back({q.optional_text(0), q.optional_text(1), q.text(2), q.text(3), q.optional_text(4),
                               q.optional_text(5), parse_stored_json(q.text(6)), {}});
            }
        };
        if (record_id.empty()) {
            auto q = db_->use("SELECT org_id, user_id, at, action, record_type, record_id, detail FROM audit_log "
                              "WHERE org_id = ? ORDER BY id DESC LIMIT ?");
            q->bind(1, org_id);
            q->bind(2, static_cast<int64_t>(limit));
            read_rows(*q);
        } else {
            // A pull is audited as one row per type listing the ids in detail.ids; it counts as
            // an access to each of those records.
            auto q = db_->use("SELECT org_id, user_id, at, action, record_type, record_id, detail FROM audit_log "
                              "WHERE org_id = ?1 AND (record_id = ?2 OR (record_id IS NULL AND EXISTS"
                              " (SELECT 1 FROM json_each(audit_log.detail, '$.ids') WHERE value = ?2)))"
                              " ORDER BY id DESC LIMIT ?3");
            q->bind(1, org_id);
            q->bind(2, record_id);
            q->bind(3, static_cast<int64_t>(limit));
            read_rows(*q);
        }
        return out;
    }

private:
    SqliteStore& store_;
    std::unique_ptr<Connection> db_;
    std::unique_lock<std::mutex> write_lock_;
    bool finished_ = false;

    int64_t next_rev(const std::string& org_id) {
        auto q = db_->use("UPDATE organisation_revs SET rev = rev + 1 WHERE org_id = ? RETURNING rev");
        q->bind(1, org_id);
        if (!q->step()) throw SqliteError(0, "no revision counter for organisation");
        return q->int64(0);
    }

    static Organisation read_organisation(const Statement& q) {
        return Organisation{q.text(0), q.text(1), q.text(2), q.text(3), static_cast<int>(q.int64(4))};
    }

    static UserRow read_user(const Statement& q) {
        UserRow row;
        row.user.id = q.text(0);
        row.org_id = q.text(1);
        row.user.email = q.text(2);
        row.user.name = q.text(3);
        row.user.role = role_from_string(q.text(4)).value_or(Role::team_leader);
        row.active = q.int64(5) != 0;
        row.user.must_change_password = q.int64(6) != 0;
        row.password_hash = q.text(7);
        row.user.municipality_code = q.optional_text(8).value_or("");
        return row;
    }

    void load_departments(UserRow& row) {
        auto q = db_->use("SELECT department_id FROM user_departments WHERE user_id = ? ORDER BY department_id");
        q->bind(1, row.user.id);
        while (q->step()) row.user.department_ids.push_back(q->text(0));
    }

    void write_departments(const UserRow& row) {
        for (const std::string& department : row.user.department_ids) {
            auto q = db_->use("INSERT OR IGNORE INTO user_departments (user_id, department_id) VALUES (?, ?)");
            q->bind(1, row.user.id);
            q->bind(2, department);
            q->run();
        }
    }
};

} // namespace

namespace {

// SQLite counts every allocation in global statistics behind one process-wide mutex
// (SQLITE_CONFIG_MEMSTATUS, on by default): with many connections working at once that mutex
// was the most contended lock of a pull. The statistics are not used. sqlite3_config only works
// before SQLite initializes; if something initialized it earlier, the default stays.
void configure_sqlite_once() {
    static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)configured;
}

} // namespace

SqliteStore::SqliteStore(std::filesystem::path file) : file_(std::move(file)) {
    configure_sqlite_once();
    auto first = open_connection();
    migrate(*first, embedded_migrations());
    release(std::move(first));
}

SqliteStore::~SqliteStore() { close(); }

std::unique_ptr<Connection> SqliteStore::open_connection() const {
    auto db = std::make_unique<Connection>(file_);
    // WAL: readers never block the writer and the writer never blocks readers.
    db->exec("PRAGMA journal_mode = WAL");
    // synchronous=FULL: in WAL mode NORMAL survives an application crash but may lose the last
    // commits on power loss. An acknowledged absence record must survive both, and writes are
    // few (people typing), so the fsync per commit is worth it.
    db->exec("PRAGMA synchronous = FULL");
    db->exec("PRAGMA foreign_keys = ON");
    // Deleted and replaced content (a tombstoned conversation record, an edited note, a refused
    // version) is overwritten with zeros instead of lingering in free space: health data that was
    // deleted should be gone from the file (docs/retention.md). Debian's SQLite is built with this
    // on; it is set here so another build behaves the same. In WAL mode the old bytes leave the
    // database file at the next checkpoint and the WAL when it is reset or truncated (on shutdown).
    db->exec("PRAGMA secure_delete = ON");
    // Readers drop their page cache whenever another connection committed (WAL changed); with the
    // file memory-mapped, pages come back without a pread() and a copy each.
    db->exec("PRAGMA mmap_size = 268435456");
    // Another process (a second server, the sqlite3 shell) may hold the write lock briefly.
    db->exec("PRAGMA busy_timeout = 5000");
    return db;
}

std::unique_ptr<Connection> SqliteStore::acquire() {
    {
        std::lock_guard lock(pool_mutex_);
        if (closed_) throw SqliteError(0, "the store is closed");
        if (!idle_.empty()) {
            auto db = std::move(idle_.back());
            idle_.pop_back();
            return db;
        }
    }
    // Opened outside the lock: opening touches the file system. The pool grows to the number of
    // concurrently busy workers and stays there.
    return open_connection();
}

void SqliteStore::release(std::unique_ptr<Connection> connection) {
    std::lock_guard lock(pool_mutex_);
    if (!closed_) idle_.push_back(std::move(connection));
}

std::unique_ptr<Transaction> SqliteStore::read() {
    return std::make_unique<SqliteTransaction>(*this, acquire(), std::unique_lock<std::mutex>());
}

std::unique_ptr<Transaction> SqliteStore::write() {
    std::unique_lock lock(write_mutex_);
    return std::make_unique<SqliteTransaction>(*this, acquire(), std::move(lock));
}

void SqliteStore::close() {
    std::vector<std::unique_ptr<Connection>> closing;
    {
        std::lock_guard lock(pool_mutex_);
        if (closed_) return;
        closed_ = true;
        closing.swap(idle_);
    }
    if (!closing.empty()) {
        try {
            // Fold the WAL back into the database file so the data directory is one file at rest.
            closing.front()->exec("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (const SqliteError&) {
            // Another process may be reading; the WAL is then checkpointed by the last closer.
        }
    }
}

} // namespace naervaer::server::sqlite
