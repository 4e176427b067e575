#include "auth/tokens.hpp"

#include <sodium.h>

#include <vector>

namespace naervaer::server {

std::string random_token(std::size_t bytes) {
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string out(sodium_base64_ENCODED_LEN(bytes, variant), '\0');
    sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), variant);
    out.resize(out.find('\0')); // the encoded length counts the terminator
    sodium_memzero(raw.data(), raw.size());
    return out;
}

std::string sha256_hex(std::string_view data) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    // The length is not secret (every token has the same length); the content is.
    if (a.size() != b.size() || a.empty()) return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string new_id(std::string_view prefix) {
    std::string id(prefix);
    id += random_token(16);
    return id;
}

std::string one_time_password() {
    static constexpr std::string_view alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string out;
    for (int i = 0; i < 16; ++i) {
        out += alphabet[randombytes_uniform(static_cast<uint32_t>(alphabet.size()))];
    }
    return out;
}

} // namespace naervaer::server
