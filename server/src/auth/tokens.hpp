#pragma once
// Random tokens and their digests, all from libsodium's CSPRNG.
#include <cstddef>
#include <string>
#include <string_view>

namespace naervaer::server {

// `bytes` random bytes as unpadded base64url (cookie- and URL-safe).
std::string random_token(std::size_t bytes = 32);
// Lower-case hex SHA-256: what the sessions table stores instead of the token.
std::string sha256_hex(std::string_view data);
// Compares in time independent of where the strings differ (sodium_memcmp).
bool constant_time_equal(std::string_view a, std::string_view b);
// A server-made id that passes naervaer::is_valid_id: prefix + 128 random bits.
std::string new_id(std::string_view prefix);
// A one-time password a person can type: 16 characters without look-alikes (0/O, 1/l/I).
std::string one_time_password();

} // namespace naervaer::server
