#pragma once
// Persists a user's Replica through the platform's key-value storage (IndexedDB in the browser) so
// the outbox and the known records survive a reload and work offline.
//
// Layout, per user (ids are [A-Za-z0-9_-], so '/' is a safe separator):
//   replica/<user>/local                 outbox, conflicts, rejected changes and the pull cursor
//   replica/<user>/record/<type>/<id>    one server record
// Why split: the local part is small and changes on every keystroke-level edit; the records are
// many (tens of thousands) and change only when a sync answer arrives. Writing the local part
// alone keeps an edit O(outbox); writing a record per key keeps a sync answer O(changes).
// The local part is written after the records of the same answer, so a reload never sees a
// cursor that is ahead of the records it stands for.
#include "platform/platform.hpp"

#include <naervaer/sync.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace naervaer::client {

class ReplicaStore {
  public:
    explicit ReplicaStore(Platform& platform) : platform_(platform) {}

    // Rebuilds `owner`'s replica from everything storage_load() returned and remembers which keys
    // belong to it (for forget()).
    Replica open(const std::map<std::string, std::string>& stored, const std::string& owner);
    const std::string& owner() const { return owner_; }

    void save_local(const Replica& replica);
    // Writes the server versions of `keys` as the replica now holds them.
    void save_records(const Replica& replica, const std::vector<Replica::Key>& keys);
    // Removes every key of the owner: used on logout when nothing is left unsynced, so health data
    // does not outlive the session on a shared computer.
    void forget();
    // Stops writing for the owner; what is stored stays.
    void close();

    // Keeps a copy of storage (what storage_load returned) in step with what this store wrote or
    // removed for the owner, so the replica can be opened again later in the same page (another
    // user signed in meanwhile) without reloading storage.
    void write_snapshot(std::map<std::string, std::string>& snapshot, const Replica& replica) const;
    void erase_snapshot(std::map<std::string, std::string>& snapshot) const;

    static std::string prefix(const std::string& owner) { return "replica/" + owner + "/"; }

  private:
    Platform& platform_;
    std::string owner_;
    std::set<std::string> record_keys_;
};

} // namespace naervaer::client
