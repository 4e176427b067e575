#include "sync/sync_engine.hpp"

#include <algorithm>

namespace naervaer::client {

using nlohmann::json;

SyncEngine::SyncEngine(Platform& platform, ApiClient& api)
    : platform_(platform), api_(api), store_(platform) {}

void SyncEngine::open(const std::map<std::string, std::string>& stored, const std::string& owner) {
    ++epoch_;
    in_flight_ = false;
    replica_ = store_.open(stored, owner);
    ++revision_;
}

void SyncEngine::close(bool forget_local_data, std::map<std::string, std::string>& snapshot) {
    ++epoch_;
    in_flight_ = false;
    paused_ = true;
    if (forget_local_data) {
        store_.erase_snapshot(snapshot);
        store_.forget();
    } else {
        store_.write_snapshot(snapshot, replica_);
        store_.close();
    }
    replica_ = Replica();
    last_error_ = {};
    last_sync_ms_ = -1;
    ++revision_;
}

void SyncEngine::resume() {
    paused_ = false;
    sync_now();
}

void SyncEngine::pause() {
    paused_ = true;
}

void SyncEngine::sync_now() {
    retry_delay_ms_ = first_retry_ms;
    next_attempt_ms_ = platform_.now_ms();
    platform_.request_frame();
}

void SyncEngine::schedule_in(double milliseconds) {
    next_attempt_ms_ = platform_.now_ms() + milliseconds;
    platform_.request_frame_in(milliseconds);
}

void SyncEngine::tick() {
    // navigator.onLine going back to true is the moment to retry, not the end of a backoff.
    const bool browser_online = platform_.online();
    if (browser_online && !browser_online_) sync_now();
    browser_online_ = browser_online;

    if (paused_ || in_flight_ || !is_open() || !browser_online) return;
    if (platform_.now_ms() < next_attempt_ms_) return;
    start_request();
}

void SyncEngine::start_request() {
    std::vector<Replica::Pending> sent = replica_.pending_changes();
    PushRequest push;
    push.since = replica_.cursor();
    for (const auto& p : sent)
        push.changes.push_back(p.change);

    in_flight_ = true;
    api_.post(
        "/api/v1/sync", naervaer::to_json(push),
        [this, epoch = epoch_, sent = std::move(sent)](ApiResult result) { on_answer(epoch, sent, result); });
}

void SyncEngine::on_answer(uint64_t epoch, const std::vector<Replica::Pending>& sent,
                           const ApiResult& result) {
    if (epoch != epoch_) return; // the replica it was for is closed
    in_flight_ = false;
    answered_ = !result.offline();
    platform_.request_frame();

    if (result.ok()) {
        ValidationResult shape_errors;
        auto response = decode_sync_response(result.body, shape_errors);
        if (!response) {
            ApiError error;
            error.code = "bad_response";
            error.message_da = "Uventet svar fra serveren";
            error.message_en = "Unexpected answer from the server";
            retry_later(error);
            return;
        }
        on_synced(sent, *response);
        return;
    }

    const ApiError& error = *result.error;
    if (result.status == 401 ||
        (result.status == 403 && (error.code == "password_change_required" || error.code == "csrf"))) {
        set_error(error);
        paused_ = true;
        if (on_session_lost) on_session_lost(error);
        return;
    }
    if (result.status >= 400 && result.status < 500 && !error.changes.empty()) {
        on_rejected(sent, error);
        return;
    }
    retry_later(error);
}

void SyncEngine::on_synced(const std::vector<Replica::Pending>& sent, const SyncResponse& response) {
    replica_.apply(sent, response);
    forget_settled_links();

    std::vector<Replica::Key> touched;
    touched.reserve(sent.size() + response.changes.size() + response.conflicts.size());
    for (const auto& p : sent)
        touched.push_back({p.change.type, p.change.id});
    for (const auto& c : response.conflicts)
        touched.push_back({c.type, c.id});
    for (const auto& r : response.changes)
        touched.push_back({r.type, r.id});
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    store_.save_records(replica_, touched);
    store_.save_local(replica_); // after the records: the cursor must not run ahead of them

    // A quiet periodic pull changes nothing the user sees: do not make the views rebuild.
    const bool progress =
        !response.accepted.empty() || !response.conflicts.empty() || !response.changes.empty();
    if (progress) ++revision_;
    last_error_ = {};
    retry_delay_ms_ = first_retry_ms;

    // Keep going while there is a next page, or while the outbox still holds changes that this
    // round made progress on (more than one push's worth, or edits made while in flight). Without
    // progress, wait for the timer rather than spin.
    if (response.more || (progress && replica_.pending_count() > 0)) {
        sync_now();
        return;
    }
    last_sync_ms_ = platform_.now_ms();
    schedule_in(replica_.pending_count() > 0 ? first_retry_ms : periodic_ms);
}

void SyncEngine::on_rejected(const std::vector<Replica::Pending>& sent, const ApiError& error) {
    // The server wrote nothing of this push. Set the named changes aside for the user to fix;
    // everything else goes out again straight away.
    std::size_t rejected = 0;
    std::vector<Replica::Key> refused;
    for (const auto& entry : error.changes) {
        if (!entry.is_object()) continue;
        auto index = entry.find("index");
        if (index == entry.end() || !index->is_number_unsigned()) continue;
        const auto i = index->get<std::size_t>();
        if (i >= sent.size()) continue;
        auto text = [&](const char* key) {
            auto it = entry.find(key);
            return it != entry.end() && it->is_string() ? it->get<std::string>() : std::string();
        };
        const std::string en = text("message_en");
        const std::string message = language_ == "en" && !en.empty() ? en : text("message");
        replica_.reject({sent[i].change.type, sent[i].change.id}, text("code"), message);
        refused.push_back({sent[i].change.type, sent[i].change.id});
        ++rejected;
    }
    discard_dependents(refused);
    store_.save_local(replica_);
    ++revision_;
    if (rejected == 0) {
        // The server named no change we sent: pushing the same again would loop.
        retry_later(error);
        return;
    }
    set_error(error);
    sync_now();
}

void SyncEngine::link(const Replica::Key& primary, std::vector<Replica::Key> dependents) {
    forget_settled_links();
    if (!dependents.empty()) links_.push_back({primary, std::move(dependents)});
}

// A link whose primary is neither waiting nor refused was accepted: nothing depends on it any more.
void SyncEngine::forget_settled_links() {
    std::erase_if(links_, [&](const Link& link) {
        return !replica_.pending(link.primary) && replica_.rejected().count(link.primary) == 0;
    });
}

void SyncEngine::discard_dependents(const std::vector<Replica::Key>& refused) {
    std::erase_if(links_, [&](const Link& link) {
        if (std::find(refused.begin(), refused.end(), link.primary) == refused.end()) return false;
        for (const Replica::Key& k : link.dependents) replica_.discard(k);
        return true;
    });
}

void SyncEngine::retry_later(const ApiError& error) {
    set_error(error);
    schedule_in(retry_delay_ms_);
    retry_delay_ms_ = std::min(retry_delay_ms_ * 2, max_retry_ms);
}

void SyncEngine::set_error(const ApiError& error) {
    last_error_ = error;
}

// ---- local edits --------------------------------------------------------------------------

void SyncEngine::local_edit_done() {
    store_.save_local(replica_);
    ++revision_;
    if (!paused_) sync_now();
}

void SyncEngine::put(const std::string& type, const std::string& id, json data) {
    replica_.put_local(type, id, std::move(data));
    local_edit_done();
}

void SyncEngine::remove(const std::string& type, const std::string& id) {
    replica_.delete_local(type, id);
    local_edit_done();
}

void SyncEngine::resolve_conflict(const Replica::Key& key, bool keep_mine) {
    replica_.resolve_conflict(key, keep_mine);
    local_edit_done();
}

void SyncEngine::resolve_rejected(const Replica::Key& key, bool retry) {
    replica_.resolve_rejected(key, retry);
    local_edit_done();
}

SyncStatus SyncEngine::status() const {
    SyncStatus s;
    s.online = answered_ && browser_online_;
    s.syncing = in_flight_;
    s.pending = replica_.pending_count();
    s.conflicts = replica_.conflicts().size();
    s.rejected = replica_.rejected().size();
    s.last_sync_ms = last_sync_ms_;
    s.last_error_code = last_error_.code;
    s.last_error_da = last_error_.message_da;
    s.last_error_en = last_error_.message_en;
    return s;
}

} // namespace naervaer::client
