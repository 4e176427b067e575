#include "sync/replica_store.hpp"

#include "sync/json_fields.hpp"

namespace naervaer::client {

using nlohmann::json;

namespace {
// Records and local state are written by us with valid UTF-8, but stored data is still input:
// replace rather than throw if it ever is not.
std::string dump(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}
} // namespace

Replica ReplicaStore::open(const std::map<std::string, std::string>& stored, const std::string& owner) {
    owner_ = owner;
    record_keys_.clear();
    const std::string base = prefix(owner);
    const std::string records_prefix = base + "record/";

    json local;
    json records = json::array();
    for (auto it = stored.lower_bound(base); it != stored.end() && it->first.rfind(base, 0) == 0; ++it) {
        if (it->first == base + "local") {
            local = json::parse(it->second, nullptr, false);
        } else if (it->first.rfind(records_prefix, 0) == 0) {
            record_keys_.insert(it->first);
            auto record = json::parse(it->second, nullptr, false);
            if (!record.is_discarded()) records.push_back(std::move(record));
        }
    }
    if (local.is_discarded()) local = json();
    return Replica::from_parts(local, records);
}

void ReplicaStore::save_local(const Replica& replica) {
    if (owner_.empty()) return;
    platform_.storage_put(prefix(owner_) + "local", dump(replica.local_state_json()));
}

void ReplicaStore::save_records(const Replica& replica, const std::vector<Replica::Key>& keys) {
    if (owner_.empty()) return;
    for (const auto& key : keys) {
        const Record* record = replica.server_version(key.type, key.id);
        if (!record) continue;
        std::string storage_key = prefix(owner_) + "record/" + key.type + "/" + key.id;
        platform_.storage_put(storage_key, dump(naervaer::to_json(*record)));
        record_keys_.insert(std::move(storage_key));
    }
}

void ReplicaStore::forget() {
    if (owner_.empty()) return;
    platform_.storage_remove(prefix(owner_) + "local");
    for (const auto& key : record_keys_)
        platform_.storage_remove(key);
    record_keys_.clear();
    owner_.clear();
}

void ReplicaStore::erase_snapshot(std::map<std::string, std::string>& snapshot) const {
    if (owner_.empty()) return;
    const std::string base = prefix(owner_);
    auto it = snapshot.lower_bound(base);
    while (it != snapshot.end() && it->first.rfind(base, 0) == 0)
        it = snapshot.erase(it);
}

void ReplicaStore::write_snapshot(std::map<std::string, std::string>& snapshot,
                                  const Replica& replica) const {
    if (owner_.empty()) return;
    erase_snapshot(snapshot);
    const std::string base = prefix(owner_);
    snapshot[base + "local"] = dump(replica.local_state_json());
    for (const auto& record : replica.server_records_json()) {
        const auto type = string_field(record, "type");
        const auto id = string_field(record, "id");
        snapshot[base + "record/" + type + "/" + id] = dump(record);
    }
}

void ReplicaStore::close() {
    record_keys_.clear();
    owner_.clear();
}

} // namespace naervaer::client
