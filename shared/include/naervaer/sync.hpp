#pragma once
// The sync protocol (POST /api/v1/sync) and the client's replica of the organisation's records.
//
// Records are documents {type, id, rev, updated_at, updated_by, deleted, data}. Ids are made by the
// client, so records can be created offline; `rev` is given by the server, grows monotonically per
// organisation and doubles as the pull cursor. A change names the rev it was based on (0 for a
// new record): the server accepts it only when that is still the current rev, otherwise it answers
// a conflict carrying its own version, and the replica keeps both until a person chooses.
#include "naervaer/validation.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace naervaer {

struct Record {
    std::string type;
    std::string id;
    int64_t rev = 0;
    std::string updated_at; // ISO 8601 UTC, set by the server
    std::string updated_by; // user id
    bool deleted = false;
    nlohmann::json data = nlohmann::json::object();
};

struct Change {
    std::string type;
    std::string id;
    int64_t base_rev = 0; // 0: the record is new
    bool deleted = false;
    nlohmann::json data = nlohmann::json::object();
};

struct PushRequest {
    int64_t since = 0; // the client's pull cursor
    std::vector<Change> changes;
};

struct Accepted {
    std::string type;
    std::string id;
    int64_t rev = 0;
};

struct Conflict {
    std::string type;
    std::string id;
    int64_t base_rev = 0; // what the client's change was based on
    Record server;        // the server's current version
};

struct SyncResponse {
    std::vector<Accepted> accepted;
    std::vector<Conflict> conflicts;
    std::vector<Record> changes; // everything the user may see with rev > since, in rev order
    int64_t cursor = 0;          // pass as `since` next time
    bool more = false;           // more changes wait beyond the page limit
};

// Sync limits shared by both ends.
namespace sync_limits {
inline constexpr std::size_t max_changes_per_push = 500;
inline constexpr std::size_t max_records_per_pull = 2000;
} // namespace sync_limits

nlohmann::json to_json(const Record&);
nlohmann::json to_json(const Change&);
nlohmann::json to_json(const PushRequest&);
nlohmann::json to_json(const SyncResponse&);

// Decoders for untrusted input: no exceptions; wrong shapes are reported in `errors` with the
// field path (e.g. "changes[3].base_rev").
std::optional<Record> decode_record(const nlohmann::json& j, ValidationResult& errors,
                                    const std::string& path = "");
std::optional<Change> decode_change(const nlohmann::json& j, ValidationResult& errors,
                                    const std::string& path = "");
std::optional<PushRequest> decode_push_request(const nlohmann::json& j, ValidationResult& errors);
std::optional<SyncResponse> decode_sync_response(const nlohmann::json& j, ValidationResult& errors);

// Top-level keys of two objects whose values differ (both ways), sorted: what a conflict view
// highlights.
std::vector<std::string> differing_fields(const nlohmann::json& a, const nlohmann::json& b);

// The client's local copy: the last known server version of each record, the local changes not
// yet accepted (the outbox), and the conflicts waiting for a person. Pure logic, no I/O: the sync
// engine persists `to_json()` and sends `pending_changes()`.
class Replica {
public:
    struct Key {
        std::string type;
        std::string id;
        // Spelled out: Emscripten 3.1.6's libc++ has no operator<=> for std::string.
        friend bool operator==(const Key&, const Key&) = default;
        friend bool operator<(const Key& a, const Key& b) { return std::tie(a.type, a.id) < std::tie(b.type, b.id); }
    };
    struct Pending {
        Change change;
        uint64_t local_seq = 0;  // bumps on every local edit; tells an edit made while in flight
        uint64_t queued_seq = 0; // when the record entered the outbox: changes go out in this order,
                                 // so a new employee reaches the server before its first spell
    };
    struct ConflictEntry {
        Change mine;
        Record theirs;
    };

    // What the user sees: the local change when there is one, else the server's version.
    // Deleted records are not returned.
    std::optional<nlohmann::json> get(const std::string& type, const std::string& id) const;
    // All visible records of a type as (id, data), sorted by id.
    std::vector<std::pair<std::string, nlohmann::json>> list(const std::string& type) const;
    const Record* server_version(const std::string& type, const std::string& id) const;

    // Records a local edit (create or update) or delete; it goes to the outbox.
    void put_local(const std::string& type, const std::string& id, nlohmann::json data);
    void delete_local(const std::string& type, const std::string& id);

    // Up to `max` outbox changes to send, oldest first. Records in conflict are held back.
    std::vector<Pending> pending_changes(std::size_t max = sync_limits::max_changes_per_push) const;
    std::size_t pending_count() const { return outbox_.size(); }
    bool pending(const Key& key) const { return outbox_.count(key) > 0; }

    // Applies a server answer to the changes that were sent. Accepted changes leave the outbox
    // (unless edited again meanwhile: then the newer edit stays, now based on the new rev);
    // conflicting ones move to `conflicts()`; pulled changes update the server versions.
    void apply(const std::vector<Pending>& sent, const SyncResponse& response);
    // The server refused a change as invalid (4xx): it leaves the outbox for `rejected()`, so the
    // rest can sync and the user can fix it. Nothing is dropped.
    void reject(const Key& key, const std::string& code, const std::string& message);

    const std::map<Key, ConflictEntry>& conflicts() const { return conflicts_; }
    struct RejectedEntry {
        Change change;
        std::string code;
        std::string message;
    };
    const std::map<Key, RejectedEntry>& rejected() const { return rejected_; }
    // Keep mine: my version goes back to the outbox based on the server's current rev.
    // Take theirs: my version is dropped (the person chose so).
    void resolve_conflict(const Key& key, bool keep_mine);
    // A rejected change goes back to the outbox (after the user edited it) or is discarded.
    void resolve_rejected(const Key& key, bool retry);
    // A change still waiting in the outbox is dropped: the record is the server's version again.
    void discard(const Key& key) { outbox_.erase(key); }

    int64_t cursor() const { return cursor_; }

    // Persistence. The local part (outbox, conflicts, rejected, cursor) is small and changes on
    // every edit; the server part (every record) is large and changes only when syncing, so the
    // client can store them separately.
    nlohmann::json local_state_json() const;
    nlohmann::json server_records_json() const; // array of records
    nlohmann::json to_json() const;             // {"local": ..., "server": [...]}
    // Tolerant: malformed entries are skipped, never thrown on.
    static Replica from_parts(const nlohmann::json& local, const nlohmann::json& server_records);
    static Replica from_json(const nlohmann::json& j);
    // Adds or replaces one server record (keeps the newer rev): for loading records stored apart.
    void load_server_record(Record record);

private:
    std::map<Key, Record> server_;
    std::map<Key, Pending> outbox_;
    std::map<Key, ConflictEntry> conflicts_;
    std::map<Key, RejectedEntry> rejected_;
    int64_t cursor_ = 0;
    uint64_t next_seq_ = 1;

    int64_t known_rev(const Key& key) const;
    // Puts a change (back) at the end of the outbox, based on `base_rev`.
    void requeue(const Key& key, Change change, int64_t base_rev);
};

} // namespace naervaer
