#pragma once
// Persistent key-value storage in IndexedDB: database "naervaer", one object store "kv", values
// kept as raw bytes (binary-safe, no UTF-8 round trip). Writes are queued in call order and
// committed in readwrite transactions, which IndexedDB runs in the order they were created, so a
// later write of a key always wins.
#include "platform/web/completion_queue.hpp"

#include <functional>
#include <map>
#include <string>
#include <unordered_map>

namespace naervaer::client::web {

class KeyValueStore {
  public:
    using Pairs = std::map<std::string, std::string>;

    explicit KeyValueStore(CompletionQueue& completions);
    ~KeyValueStore();
    KeyValueStore(const KeyValueStore&) = delete;
    KeyValueStore& operator=(const KeyValueStore&) = delete;

    // Every stored pair; an unavailable database (storage disabled by the user) answers empty.
    void load(std::function<void(Pairs)> done);
    void put(const std::string& key, const std::string& value);
    void remove(const std::string& key);

    // Called from JS (library_storage.js) with the packed pairs of a load.
    void finish_load(int id, const unsigned char* packed, std::size_t length);

  private:
    CompletionQueue& completions_;
    std::unordered_map<int, std::function<void(Pairs)>> loads_;
    int next_id_ = 1;
};

} // namespace naervaer::client::web
