#pragma once
// Who is asking: the session's user, resolved from the cookie before any service runs. Services
// take the organisation from here and nowhere else.
#include "store/store.hpp"

#include <string>

namespace naervaer::server {

struct AuthContext {
    SessionRow session;
    UserRow user;

    const std::string& org_id() const { return user.org_id; }
    const std::string& user_id() const { return user.user.id; }
    Role role() const { return user.user.role; }
};

} // namespace naervaer::server
