#include "app/record_ids.hpp"

#include <random>

namespace naervaer::client {

std::string make_record_id(const std::string& prefix) {
    // random_device is the browser's crypto.getRandomValues under Emscripten; seed once.
    static std::mt19937_64 generator{[] {
        std::random_device device;
        return (static_cast<uint64_t>(device()) << 32) ^ device();
    }()};
    static constexpr char hex[] = "0123456789abcdef";
    std::string id = prefix + "-";
    for (int word = 0; word < 2; ++word) {
        const uint64_t bits = generator();
        for (int i = 0; i < (word == 0 ? 16 : 8); ++i)
            id += hex[(bits >> (4 * i)) & 0xF];
    }
    return id;
}

} // namespace naervaer::client
