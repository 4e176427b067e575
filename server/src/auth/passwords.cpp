#include "auth/passwords.hpp"

#include <sodium.h>

#include <stdexcept>

namespace naervaer::server {

namespace {

// Holds one of the hasher's slots for the duration of a hash computation.
class SlotGuard {
public:
    explicit SlotGuard(std::counting_semaphore<>& slots) : slots_(slots) { slots_.acquire(); }
    ~SlotGuard() { slots_.release(); }
    SlotGuard(const SlotGuard&) = delete;
    SlotGuard& operator=(const SlotGuard&) = delete;

private:
    std::counting_semaphore<>& slots_;
};

} // namespace

PasswordHasher::PasswordHasher(PasswordHashCost cost) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    switch (cost) {
    case PasswordHashCost::interactive:
        opslimit_ = crypto_pwhash_OPSLIMIT_INTERACTIVE;
        memlimit_ = crypto_pwhash_MEMLIMIT_INTERACTIVE;
        break;
    case PasswordHashCost::minimal_for_tests:
        opslimit_ = crypto_pwhash_OPSLIMIT_MIN;
        memlimit_ = crypto_pwhash_MEMLIMIT_MIN;
        break;
    }
    dummy_hash_ = hash("naervaer-no-such-account");
}

std::string PasswordHasher::hash(std::string_view password) const {
    char out[crypto_pwhash_STRBYTES];
    SlotGuard slot(slots_);
    if (crypto_pwhash_str(out, password.data(), password.size(), opslimit_, memlimit_) != 0) {
        throw std::runtime_error("password hashing ran out of memory");
    }
    return out;
}

bool PasswordHasher::verify(const std::string& stored_hash, std::string_view password) const {
    SlotGuard slot(slots_);
    return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::verify_against_nothing(std::string_view password) const {
    (void)verify(dummy_hash_, password);
}

} // namespace naervaer::server
