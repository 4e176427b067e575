#pragma once
// Password hashing with libsodium's crypto_pwhash_str (Argon2id, self-describing PHC strings, so
// the cost can be raised later and old hashes still verify).
#include "naervaer/server/server.hpp"

#include <semaphore>
#include <string>
#include <string_view>

namespace naervaer::server {

class PasswordHasher {
public:
    explicit PasswordHasher(PasswordHashCost cost);

    // Throws std::runtime_error when the hash cannot be computed (out of memory).
    std::string hash(std::string_view password) const;
    bool verify(const std::string& stored_hash, std::string_view password) const;
    // Spends the time of one verify without an account, so "unknown e-mail" and "wrong password"
    // cannot be told apart by timing.
    void verify_against_nothing(std::string_view password) const;

private:
    unsigned long long opslimit_;
    std::size_t memlimit_;
    std::string dummy_hash_;
    // Argon2id at the interactive level takes 64 MiB per hash: with 64 workers, a burst of logins
    // could ask for 4 GiB. A few at a time is as fast on 2 cores and bounded in memory.
    mutable std::counting_semaphore<> slots_{2};
};

} // namespace naervaer::server
