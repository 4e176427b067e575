#pragma once
// Ids for records made on the client, so they can be created offline (docs/api.md: ids are
// 1-64 characters of [A-Za-z0-9_-]).
#include <string>

namespace naervaer::client {

// "s-" + 24 hex digits for prefix "s". 96 random bits: collisions between clients of one
// organisation are not a practical concern.
std::string make_record_id(const std::string& prefix);

} // namespace naervaer::client
