#include "naervaer/sync.hpp"

#include <algorithm>

namespace naervaer {

using nlohmann::json;

int64_t Replica::known_rev(const Key& key) const {
    auto it = server_.find(key);
    return it == server_.end() ? 0 : it->second.rev;
}

std::optional<json> Replica::get(const std::string& type, const std::string& id) const {
    const Key key{type, id};
    // What the person typed wins over what the server has, wherever it waits.
    if (auto it = outbox_.find(key); it != outbox_.end())
        return it->second.change.deleted ? std::nullopt : std::optional<json>(it->second.change.data);
    if (auto it = conflicts_.find(key); it != conflicts_.end())
        return it->second.mine.deleted ? std::nullopt : std::optional<json>(it->second.mine.data);
    if (auto it = rejected_.find(key); it != rejected_.end())
        return it->second.change.deleted ? std::nullopt : std::optional<json>(it->second.change.data);
    if (auto it = server_.find(key); it != server_.end() && !it->second.deleted) return it->second.data;
    return std::nullopt;
}

std::vector<std::pair<std::string, json>> Replica::list(const std::string& type) const {
    std::vector<std::string> ids;
    auto collect = [&](const auto& map) {
        for (auto it = map.lower_bound(Key{type, ""}); it != map.end() && it->first.type == type; ++it)
            ids.push_back(it->first.id);
    };
    collect(server_);
    collect(outbox_);
    collect(conflicts_);
    collect(rejected_);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<std::pair<std::string, json>> out;
    out.reserve(ids.size());
    for (auto& id : ids)
        if (auto data = get(type, id)) out.emplace_back(std::move(id), std::move(*data));
    return out;
}

const Record* Replica::server_version(const std::string& type, const std::string& id) const {
    auto it = server_.find(Key{type, id});
    return it == server_.end() ? nullptr : &it->second;
}

void Replica::put_local(const std::string& type, const std::string& id, json data) {
    const Key key{type, id};
    // Editing a record that waits for a person's decision edits "my" side of it.
    if (auto it = conflicts_.find(key); it != conflicts_.end()) {
        it->second.mine.data = std::move(data);
        it->second.mine.deleted = false;
        return;
    }
    // Editing a refused change is how it gets fixed: it goes back to the outbox.
    rejected_.erase(key);
    auto it = outbox_.find(key);
    if (it == outbox_.end()) {
        Pending p;
        p.change = Change{type, id, known_rev(key), false, json::object()};
        p.queued_seq = next_seq_;
        it = outbox_.emplace(key, std::move(p)).first;
    }
    it->second.change.data = std::move(data);
    it->second.change.deleted = false;
    it->second.local_seq = next_seq_++;
}

void Replica::delete_local(const std::string& type, const std::string& id) {
    const Key key{type, id};
    rejected_.erase(key);
    conflicts_.erase(key);
    const bool known_to_server = server_.count(key) && !server_.at(key).deleted;
    if (!known_to_server) {
        // Never reached the server: forgetting it locally is the whole delete.
        outbox_.erase(key);
        return;
    }
    auto& p = outbox_[key];
    if (p.queued_seq == 0) {
        p.change = Change{type, id, known_rev(key), true, server_.at(key).data};
        p.queued_seq = next_seq_;
    }
    p.change.deleted = true;
    p.local_seq = next_seq_++;
}

std::vector<Replica::Pending> Replica::pending_changes(std::size_t max) const {
    std::vector<Pending> out;
    out.reserve(outbox_.size());
    for (const auto& [key, p] : outbox_) out.push_back(p);
    std::sort(out.begin(), out.end(), [](const Pending& a, const Pending& b) { return a.queued_seq < b.queued_seq; });
    if (out.size() > max) out.resize(max);
    return out;
}

void Replica::load_server_record(Record record) {
    Key key{record.type, record.id};
    auto it = server_.find(key);
    if (it == server_.end()) server_.emplace(std::move(key), std::move(record));
    else if (record.rev >= it->second.rev) it->second = std::move(record);
}

void Replica::apply(const std::vector<Pending>& sent, const SyncResponse& response) {
    auto find_sent = [&](const Key& key) -> const Pending* {
        for (const auto& p : sent)
            if (p.change.type == key.type && p.change.id == key.id) return &p;
        return nullptr;
    };
    for (const auto& a : response.accepted) {
        const Key key{a.type, a.id};
        const Pending* s = find_sent(key);
        if (!s) continue;
        Record rec{a.type, a.id, a.rev, "", "", s->change.deleted, s->change.data};
        load_server_record(std::move(rec));
        auto it = outbox_.find(key);
        if (it == outbox_.end()) continue;
        if (it->second.local_seq == s->local_seq) outbox_.erase(it);
        else it->second.change.base_rev = a.rev; // edited again while in flight: still to send
    }
    for (const auto& c : response.conflicts) {
        const Key key{c.type, c.id};
        load_server_record(c.server);
        auto it = outbox_.find(key);
        if (it == outbox_.end()) continue;
        conflicts_[key] = ConflictEntry{it->second.change, c.server};
        outbox_.erase(it);
    }
    for (const auto& rec : response.changes) {
        const Key key{rec.type, rec.id};
        if (auto it = conflicts_.find(key); it != conflicts_.end() && rec.rev > it->second.theirs.rev)
            it->second.theirs = rec;
        load_server_record(rec);
    }
    cursor_ = std::max(cursor_, response.cursor);
}

void Replica::reject(const Key& key, const std::string& code, const std::string& message) {
    auto it = outbox_.find(key);
    if (it == outbox_.end()) return;
    rejected_[key] = RejectedEntry{it->second.change, code, message};
    outbox_.erase(it);
}

void Replica::requeue(const Key& key, Change change, int64_t base_rev) {
    Pending p;
    p.change = std::move(change);
    p.change.base_rev = base_rev;
    p.local_seq = next_seq_;
    p.queued_seq = next_seq_++;
    outbox_[key] = std::move(p);
}

void Replica::resolve_conflict(const Key& key, bool keep_mine) {
    auto it = conflicts_.find(key);
    if (it == conflicts_.end()) return;
    if (keep_mine) requeue(key, it->second.mine, it->second.theirs.rev);
    conflicts_.erase(it);
}

void Replica::resolve_rejected(const Key& key, bool retry) {
    auto it = rejected_.find(key);
    if (it == rejected_.end()) return;
    if (retry) requeue(key, it->second.change, known_rev(key));
    rejected_.erase(it);
}

// ---- persistence ---------------------------------------------------------------------------

json Replica::local_state_json() const {
    json outbox = json::array(), conflicts = json::array(), rejected = json::array();
    for (const auto& [key, p] : outbox_)
        outbox.push_back({{"change", naervaer::to_json(p.change)}, {"local_seq", p.local_seq}, {"queued_seq", p.queued_seq}});
    for (const auto& [key, c] : conflicts_)
        conflicts.push_back({{"mine", naervaer::to_json(c.mine)}, {"theirs", naervaer::to_json(c.theirs)}});
    for (const auto& [key, r] : rejected_)
        rejected.push_back({{"change", naervaer::to_json(r.change)}, {"code", r.code}, {"message", r.message}});
    return {{"cursor", cursor_}, {"next_seq", next_seq_}, {"outbox", std::move(outbox)},
            {"conflicts", std::move(conflicts)}, {"rejected", std::move(rejected)}};
}

json Replica::server_records_json() const {
    json out = json::array();
    for (const auto& [key, rec] : server_) out.push_back(naervaer::to_json(rec));
    return out;
}

json Replica::to_json() const { return {{"local", local_state_json()}, {"server", server_records_json()}}; }

namespace {
uint64_t read_u64(const json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_number_unsigned() ? j[key].get<uint64_t>() : 0;
}
} // namespace

Replica Replica::from_parts(const json& local, const json& server_records) {
    Replica r;
    ValidationResult ignored;
    if (server_records.is_array())
        for (const auto& item : server_records)
            if (auto rec = decode_record(item, ignored)) r.load_server_record(std::move(*rec));
    if (!local.is_object()) return r;
    if (local.contains("cursor") && local["cursor"].is_number_integer())
        r.cursor_ = std::max<int64_t>(0, local["cursor"].get<int64_t>());
    r.next_seq_ = std::max<uint64_t>(1, read_u64(local, "next_seq"));
    auto each = [&](const char* key, auto&& fn) {
        if (local.contains(key) && local[key].is_array())
            for (const auto& item : local[key])
                if (item.is_object()) fn(item);
    };
    each("outbox", [&](const json& item) {
        if (!item.contains("change")) return;
        auto c = decode_change(item["change"], ignored);
        if (!c) return;
        Pending p{std::move(*c), read_u64(item, "local_seq"), read_u64(item, "queued_seq")};
        r.next_seq_ = std::max(r.next_seq_, std::max(p.local_seq, p.queued_seq) + 1);
        Key key{p.change.type, p.change.id};
        r.outbox_[key] = std::move(p);
    });
    each("conflicts", [&](const json& item) {
        if (!item.contains("mine") || !item.contains("theirs")) return;
        auto mine = decode_change(item["mine"], ignored);
        auto theirs = decode_record(item["theirs"], ignored);
        if (mine && theirs) r.conflicts_[Key{mine->type, mine->id}] = ConflictEntry{std::move(*mine), std::move(*theirs)};
    });
    each("rejected", [&](const json& item) {
        if (!item.contains("change")) return;
        auto c = decode_change(item["change"], ignored);
        if (!c) return;
        auto text = [&](const char* k) {
            return item.contains(k) && item[k].is_string() ? item[k].get<std::string>() : std::string{};
        };
        const std::string code = text("code"), message = text("message");
        Key key{c->type, c->id};
        r.rejected_[key] = RejectedEntry{std::move(*c), code, message};
    });
    return r;
}

Replica Replica::from_json(const json& j) {
    if (!j.is_object()) return {};
    static const json empty;
    return from_parts(j.contains("local") ? j["local"] : empty, j.contains("server") ? j["server"] : empty);
}

} // namespace naervaer
