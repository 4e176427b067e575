#include "platform/web/key_value_store.hpp"

#include <emscripten/emscripten.h>

#include <cstdint>
#include <cstdlib>
#include <utility>

extern "C" {
// library_storage.js
void naervaer_js_storage_load(int id);
void naervaer_js_storage_put(const char* key, std::size_t key_length, const char* value,
                             std::size_t value_length);
void naervaer_js_storage_remove(const char* key, std::size_t key_length);
}

namespace naervaer::client::web {

namespace {
KeyValueStore* instance = nullptr;

std::uint32_t read_u32_le(const unsigned char* p) {
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
           std::uint32_t(p[3]) << 24;
}

// Reads one length-prefixed field at `offset`; false when the buffer is cut short.
bool read_field(const unsigned char* data, std::size_t length, std::size_t& offset, std::string& out) {
    if (length - offset < 4) return false;
    const std::uint32_t size = read_u32_le(data + offset);
    offset += 4;
    if (length - offset < size) return false;
    out.assign(reinterpret_cast<const char*>(data + offset), size);
    offset += size;
    return true;
}
} // namespace

KeyValueStore::KeyValueStore(CompletionQueue& completions) : completions_(completions) {
    instance = this;
}

KeyValueStore::~KeyValueStore() {
    if (instance == this) instance = nullptr;
}

void KeyValueStore::load(std::function<void(Pairs)> done) {
    const int id = next_id_++;
    loads_.emplace(id, std::move(done));
    naervaer_js_storage_load(id);
}

void KeyValueStore::put(const std::string& key, const std::string& value) {
    naervaer_js_storage_put(key.data(), key.size(), value.data(), value.size());
}

void KeyValueStore::remove(const std::string& key) {
    naervaer_js_storage_remove(key.data(), key.size());
}

void KeyValueStore::finish_load(int id, const unsigned char* packed, std::size_t length) {
    const auto it = loads_.find(id);
    if (it == loads_.end()) return;
    auto done = std::move(it->second);
    loads_.erase(it);

    // Packed as repeated [u32 LE key length][key][u32 LE value length][value].
    Pairs pairs;
    std::size_t offset = 0;
    std::string key, value;
    while (offset < length && read_field(packed, length, offset, key) &&
           read_field(packed, length, offset, value))
        pairs[std::move(key)] = std::move(value);

    completions_.post(
        [done = std::move(done), pairs = std::move(pairs)]() mutable { done(std::move(pairs)); });
}

} // namespace naervaer::client::web

// Takes ownership of the malloc'd `packed` block (null when the database is unavailable).
extern "C" EMSCRIPTEN_KEEPALIVE void naervaer_storage_loaded(int id, unsigned char* packed,
                                                             std::size_t length) {
    if (naervaer::client::web::instance)
        naervaer::client::web::instance->finish_load(id, packed, packed ? length : 0);
    std::free(packed);
}
