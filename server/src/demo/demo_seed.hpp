#pragma once
// Seeding the demo organisation (see naervaer/server/demo.hpp) through the Store.
#include "auth/passwords.hpp"
#include "naervaer/date.hpp"
#include "store/store.hpp"

#include <string>

namespace naervaer::server::demo {

// Seeds the demo organisation when the database holds no organisation yet; deterministic for a
// given `today`. Returns whether it seeded.
bool seed_if_empty(Store& store, const PasswordHasher& hasher, Date today, const std::string& now);

// The three demo users of an organisation (used by both demos).
void insert_demo_users(Transaction& tx, const PasswordHasher& hasher, const std::string& org_id,
                       const std::string& now);

} // namespace naervaer::server::demo
