#pragma once
// The storage seam. Services talk to a Store through transactions; the SQLite implementation
// lives in store/sqlite/, and a PostgreSQL one can follow without touching services: nothing in
// this header is SQL, and every dialect detail stays inside the implementation.
//
// Every organisation-scoped call takes the organisation id explicitly. Services pass the one from
// the session, never one from a request body (docs/api.md).
#include "naervaer/records.hpp"
#include "naervaer/sync.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace naervaer::server {

// What an organisation is (organisations.kind): an employer, whose users sync its records, or a
// jobcentre, whose users are retention consultants of one municipality (docs/referrals.md).
enum class OrganisationKind { employer, jobcenter };
std::string_view to_string(OrganisationKind kind);
std::optional<OrganisationKind> organisation_kind_from_string(std::string_view text);

struct UserRow {
    User user;
    std::string org_id;
    std::string password_hash;
    bool active = true;
};

struct SessionRow {
    std::string token_hash; // hex SHA-256 of the cookie token
    std::string user_id;
    std::string org_id;
    std::string csrf_token;
    int64_t created_at = 0; // unix seconds
    int64_t expires_at = 0;
};

// A record as stored: the wire Record plus the columns that drive scoping.
struct StoredRecord {
    std::string org_id;
    Record record;
    std::optional<std::string> scope_department;
    std::optional<std::string> employee_id;
};

// What a write puts into the records table; the store assigns rev.
struct RecordWrite {
    std::string type;
    std::string id;
    std::string updated_at;
    std::string updated_by;
    bool deleted = false;
    nlohmann::json data = nlohmann::json::object();
    std::optional<std::string> scope_department;
    std::optional<std::string> employee_id;
};

// A version a push sent that lost to the server's (kept until a later change supersedes it).
struct ConflictWrite {
    std::string type;
    std::string record_id;
    int64_t base_rev = 0;
    bool deleted = false;
    nlohmann::json data;
    std::string user_id;
    std::string at;
};
// What is read back is what was written.
using StoredConflict = ConflictWrite;

struct AuditEntry {
    std::optional<std::string> org_id;
    std::optional<std::string> user_id;
    std::string at;
    std::string action;
    std::optional<std::string> record_type;
    std::optional<std::string> record_id;
    nlohmann::json detail = nlohmann::json::object();
    // The detail already serialized (JSON text); when not empty it is stored instead of
    // `detail`. Pull audits build it directly instead of a JSON tree per request.
    std::string detail_text;
};

// A row of the deletion log (docs/retention.md): which record went, when, by whom and why; never
// its content.
namespace deletion_reason {
inline constexpr const char* retention = "retention"; // the retention job
inline constexpr const char* deleted = "deleted";     // a user deleted it
} // namespace deletion_reason
inline constexpr const char* retention_actor = "retention"; // `by` of the retention job's rows

struct DeletionEntry {
    std::string org_id;
    std::string at;      // ISO 8601 UTC
    std::string by;      // a user id, or retention_actor
    std::string by_name; // the user's name at the time
    std::string type;
    std::string record_id;
    std::optional<std::string> employee_id;
    std::string reason; // deletion_reason::*
};

// A live record tied to a case (its data's spell_id) whose spell is live and closed, and whose
// employee is live: what the retention job weighs. Records of deleted spells or employees are not
// listed (docs/retention.md).
struct ClosedCaseRecord {
    std::string id;
    std::string spell_id;
    std::string spell_last_day; // ISO yyyy-mm-dd as stored
    std::optional<std::string> employee_id;
    std::optional<std::string> scope_department;
};

// A row of the jobcentres' inbox (docs/referrals.md): one per SENT referral, kept by the server in
// the same transaction as the referral's record. Drafts are never here.
struct InboxRow {
    std::string record_id;
    std::string org_id; // the employer's organisation, where the record lives
    std::string municipality_code;
    std::string kind;   // "fast_track" | "contact_request"
    std::string status; // the referral's status (never "draft")
    std::string sent_on; // ISO yyyy-mm-dd
    std::string updated_at;
};

// Which inbox rows a listing returns.
enum class InboxFilter { open, closed, all };

// An inbox row with its live referral record and the employer organisation's name and CVR.
struct InboxEntry {
    InboxRow row;
    StoredRecord record;
    std::string organisation_name;
    std::string organisation_cvr;
};

// A record row as the store holds it, valid only during the callback that receives it: `data` is
// the stored JSON text, spliced into answers without parsing it into a tree.
struct RecordView {
    std::string_view type;
    std::string_view id;
    int64_t rev = 0;
    std::string_view updated_at;
    std::string_view updated_by;
    bool deleted = false;
    std::string_view data; // JSON text as stored
};

// Which records a pull may return: everything, or the records of `shared_types` plus those
// scoped to one of `departments` (access.cpp decides both). Empty `departments` means a team
// leader without departments: the shared records only.
struct PullScope {
    bool whole_organisation = true;
    std::vector<std::string> shared_types; // seen by every user of the organisation
    std::vector<std::string> departments;  // team leader: employees, spells and to-do marks of these
};

// One unit of work. Reads see one consistent snapshot; a write transaction holds the database's
// write lock from its start, so read-validate-write sequences cannot interleave. Destroying an
// uncommitted transaction rolls it back.
class Transaction {
public:
    virtual ~Transaction() = default;
    virtual void commit() = 0;
    // Nested units inside a write transaction: rolling back to a savepoint undoes what was done
    // since it, and the transaction goes on (WriteBatcher: one push of a batch fails alone).
    virtual void savepoint() = 0;
    virtual void release_savepoint() = 0;
    virtual void rollback_to_savepoint() = 0;

    // ---- organisations ----
    virtual void insert_organisation(const Organisation& org, const std::string& created_at,
                                     OrganisationKind kind = OrganisationKind::employer) = 0;
    virtual std::optional<Organisation> find_organisation(const std::string& org_id) = 0;
    // The organisation's kind; employer when it does not exist.
    virtual OrganisationKind organisation_kind(const std::string& org_id) = 0;
    virtual void update_organisation(const Organisation& org) = 0;
    virtual int64_t count_organisations() = 0;
    // Every organisation, by id (the retention job walks them).
    virtual std::vector<Organisation> list_organisations() = 0;

    // ---- users ----
    virtual void insert_user(const UserRow& row, const std::string& now) = 0;
    virtual std::optional<UserRow> find_user_by_email(const std::string& email_lower) = 0;
    virtual std::optional<UserRow> find_user(const std::string& org_id, const std::string& user_id) = 0;
    virtual std::vector<UserRow> list_users(const std::string& org_id) = 0;
    // Name, role, departments, active, must_change_password and password hash (a consultant's
    // municipality_code is set when the user is inserted and never changes).
    virtual void update_user(const UserRow& row, const std::string& now) = 0;

    // ---- sessions ----
    virtual void insert_session(const SessionRow& row) = 0;
    virtual std::optional<SessionRow> find_session(const std::string& token_hash) = 0;
    virtual void delete_session(const std::string& token_hash) = 0;
    virtual void delete_sessions_of_user(const std::string& user_id) = 0;
    virtual void delete_sessions_expired_before(int64_t unix_seconds) = 0;

    // ---- records ----
    // By id across all organisations (ids are global): the caller compares org_id and answers
    // 404 for another organisation's record.
    virtual std::optional<StoredRecord> find_record(const std::string& id) = 0;
    // Live (not deleted) records of one type tied to an employee (absence spells, to-do marks).
    virtual std::vector<StoredRecord> records_of_employee(const std::string& org_id, const std::string& employee_id,
                                                          std::string_view type) = 0;
    // Live records of one type in the organisation, whoever they are about (the policy's versions:
    // a handful per organisation, read when one is written).
    virtual std::vector<StoredRecord> records_of_type(const std::string& org_id, std::string_view type) = 0;
    // Those of them that may overlap the inclusive ISO day range [first_day, last_day] (no
    // last_day: open-ended). A superset: the caller decides overlap on the decoded spells; rows
    // whose dates cannot be read are included.
    virtual std::vector<StoredRecord> spells_of_employee_near(const std::string& org_id,
                                                              const std::string& employee_id,
                                                              const std::string& first_day,
                                                              const std::optional<std::string>& last_day) = 0;
    // Inserts or replaces the record and gives it the organisation's next rev, which it returns.
    virtual int64_t put_record(const std::string& org_id, const RecordWrite& write) = 0;
    // Moves every record tied to an employee (any type carrying the employee's id: absence spells,
    // to-do marks, conversation records; tombstones too) to a new scope department and bumps their
    // revs, so team leaders' pulls pick up the change. Returns the number of records moved.
    virtual int64_t rescope_employee_records(const std::string& org_id, const std::string& employee_id,
                                             const std::optional<std::string>& department,
                                             const std::string& updated_at) = 0;
    // Live records of `type` whose case (data.spell_id) is a live absence spell with a last day,
    // of a live employee (ClosedCaseRecord).
    virtual std::vector<ClosedCaseRecord> records_of_closed_cases(const std::string& org_id,
                                                                  std::string_view type) = 0;
    // Records with rev > since in rev order, at most `limit`, handed to `row` one by one.
    virtual void pull(const std::string& org_id, int64_t since, std::size_t limit, const PullScope& scope,
                      const std::function<void(const RecordView&)>& row) = 0;
    // The organisation's latest rev.
    virtual int64_t current_rev(const std::string& org_id) = 0;

    // ---- the jobcentres' inbox ----
    virtual void upsert_inbox(const InboxRow& row) = 0;
    virtual std::optional<InboxRow> find_inbox(const std::string& record_id) = 0;
    // The municipality's rows whose record is a live referral, open ones first (sent before the
    // rest), then newest sent_on first, then by record id.
    virtual std::vector<InboxEntry> list_inbox(const std::string& municipality_code, InboxFilter filter) = 0;

    // ---- conflicts ----
    virtual void insert_conflict(const std::string& org_id, const ConflictWrite& conflict) = 0;
    virtual void delete_conflicts(const std::string& org_id, const std::string& record_id) = 0;
    virtual std::vector<StoredConflict> conflicts_of(const std::string& org_id,
                                                     const std::string& record_id) = 0;

    // ---- deletion log ----
    virtual void append_deletion(const DeletionEntry& entry) = 0;
    // Newest first.
    virtual std::vector<DeletionEntry> list_deletions(const std::string& org_id, std::size_t limit) = 0;

    // ---- audit ----
    virtual void append_audit(const AuditEntry& entry) = 0;
    // Newest first. An empty record_id lists all.
    virtual std::vector<AuditEntry> list_audit(const std::string& org_id, const std::string& record_id,
                                               std::size_t limit) = 0;
};

class Store {
public:
    virtual ~Store() = default;
    virtual std::unique_ptr<Transaction> read() = 0;
    virtual std::unique_ptr<Transaction> write() = 0;
    // Flushes and closes; later calls fail. Called on graceful shutdown.
    virtual void close() = 0;
};

} // namespace naervaer::server
