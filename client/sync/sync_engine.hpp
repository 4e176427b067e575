#pragma once
// The sync engine: the user's Replica, kept in browser storage and exchanged with the server.
//
// - Every local edit goes to the replica's outbox, is persisted at once and triggers a push.
// - One POST /api/v1/sync at a time carries the outbox (oldest first) and pulls what changed since
//   the cursor; while the server says `more`, the next page follows right away.
// - No answer (status 0): retried with exponential backoff through request_frame_in, and at once
//   when the browser reports it is online again. Nothing is rendered while waiting.
// - 401 (and 403 password_change_required / csrf): the session is gone. The engine pauses and
//   tells the app; the outbox stays, in memory and in storage, for when the user is back.
// - 4xx with error.changes: those changes are rejected (kept for the user to fix), the rest is
//   pushed again immediately, but for changes that depend on a rejected one (link()): those are
//   discarded, so none of them goes out without it.
// - Conflicts stay in the replica until the user keeps theirs or takes the server's.
// - When idle, it syncs every 30 seconds (a timer, not a render loop).
#include "platform/platform.hpp"
#include "sync/api_client.hpp"
#include "sync/replica_store.hpp"

#include <naervaer/sync.hpp>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace naervaer::client {

struct SyncStatus {
    bool online = true;      // the last request got an answer and the browser says online
    bool syncing = false;    // a request is in flight
    std::size_t pending = 0; // changes in the outbox
    std::size_t conflicts = 0;
    std::size_t rejected = 0;
    double last_sync_ms = -1; // Platform::now_ms() of the last completed sync; -1: never
    std::string last_error_code;
    std::string last_error_da;
    std::string last_error_en;

    std::size_t unsynced() const { return pending + conflicts + rejected; }
};

class SyncEngine {
  public:
    static constexpr double periodic_ms = 30'000;
    static constexpr double first_retry_ms = 1'000;
    static constexpr double max_retry_ms = 60'000;

    SyncEngine(Platform& platform, ApiClient& api);

    // Loads `owner`'s replica from what storage_load() returned. Syncing waits for resume().
    void open(const std::map<std::string, std::string>& stored, const std::string& owner);
    bool is_open() const { return !store_.owner().empty(); }
    const std::string& owner() const { return store_.owner(); }
    // Closes the replica; with forget_local_data, also removes it from storage. `snapshot` (the
    // app's copy of what storage_load returned) is brought up to date either way.
    void close(bool forget_local_data, std::map<std::string, std::string>& snapshot);

    // A valid session exists (after login or /auth/me): sync now and keep syncing.
    void resume();
    // The session ended: stop sending. Local edits are still accepted and persisted.
    void pause();
    bool paused() const { return paused_; }

    // Called at the start of every frame: starts a sync when one is due.
    void tick();
    void sync_now();

    // ---- local edits (each persisted before returning) ----
    void put(const std::string& type, const std::string& id, nlohmann::json data);
    void remove(const std::string& type, const std::string& id);
    void resolve_conflict(const Replica::Key& key, bool keep_mine);
    void resolve_rejected(const Replica::Key& key, bool retry);
    // Changes put just before that depend on `primary` (the alert settings a policy approval sets;
    // the mark that dates a referral's request). They go out in one push with it, where the server
    // writes all or nothing; should the server refuse `primary`, the dependents' local changes are
    // discarded (the server versions stand) instead of being pushed alone. A refused dependent
    // leaves `primary` alone. Once `primary` is accepted the link is gone. Kept in memory: a reload
    // before the push forgets the link, not the changes.
    void link(const Replica::Key& primary, std::vector<Replica::Key> dependents);

    const Replica& replica() const { return replica_; }
    // Bumps whenever what the user sees may have changed, so derived views can be rebuilt lazily.
    uint64_t revision() const { return revision_; }
    SyncStatus status() const;

    // Language for the messages stored with rejected changes.
    void set_language(std::string language) { language_ = std::move(language); }
    // Called when the server says the session is gone (401, 403 password_change_required/csrf).
    std::function<void(const ApiError&)> on_session_lost;

  private:
    void start_request();
    void on_answer(uint64_t epoch, const std::vector<Replica::Pending>& sent, const ApiResult& result);
    void on_synced(const std::vector<Replica::Pending>& sent, const SyncResponse& response);
    void on_rejected(const std::vector<Replica::Pending>& sent, const ApiError& error);
    void schedule_in(double milliseconds);
    void retry_later(const ApiError& error);
    void set_error(const ApiError& error);
    void local_edit_done();
    void discard_dependents(const std::vector<Replica::Key>& refused);
    void forget_settled_links();

    Platform& platform_;
    ApiClient& api_;
    ReplicaStore store_;
    Replica replica_;
    std::string language_ = "da";
    uint64_t revision_ = 1;
    uint64_t epoch_ = 0; // bumps on open/close: answers for an earlier replica are ignored
    bool paused_ = true;
    bool in_flight_ = false;
    bool answered_ = true;       // the last request got an answer (status != 0)
    bool browser_online_ = true; // Platform::online() at the last tick
    double next_attempt_ms_ = 0;
    double retry_delay_ms_ = first_retry_ms;
    double last_sync_ms_ = -1;
    ApiError last_error_;
    struct Link {
        Replica::Key primary;
        std::vector<Replica::Key> dependents;
    };
    std::vector<Link> links_;
};

} // namespace naervaer::client
