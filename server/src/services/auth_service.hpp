#pragma once
// Logins, sessions and passwords (docs/api.md "Sessions and CSRF").
#include "auth/passwords.hpp"
#include "auth/rate_limiter.hpp"
#include "clock.hpp"
#include "naervaer/server/server.hpp"
#include "services/auth_context.hpp"
#include "store/store.hpp"

#include <string>
#include <string_view>

namespace naervaer::server {

// The session's organisation and what kind it is (employer or jobcentre).
struct SessionOrganisation {
    Organisation organisation;
    OrganisationKind kind = OrganisationKind::employer;
};

struct LoginOutcome {
    std::string token; // goes into the cookie; only its SHA-256 is stored
    AuthContext context;
    SessionOrganisation organisation;
};

// The wire form of a user (docs/api.md "User").
nlohmann::json user_json(const UserRow& row);
// The answer of login and /auth/me: the organisation carries "kind" ("employer" | "jobcenter"),
// a consultant's user their "municipality_code".
nlohmann::json session_json(const AuthContext& context, const SessionOrganisation& organisation);

// Lower-cased and trimmed: e-mail addresses are unique regardless of case.
std::string normalize_email(std::string_view email);
bool is_plausible_email(std::string_view email);

class AuthService {
public:
    AuthService(Store& store, const PasswordHasher& hasher, Clock clock, const Config& config);

    // Throws ApiError 429 rate_limited or 401 invalid_credentials.
    LoginOutcome login(const std::string& email, const std::string& password, const std::string& client_address);
    // Throws 401 unauthenticated or session_expired.
    AuthContext authenticate(std::string_view token);
    void logout(const AuthContext& context);
    // Verifies the current password, stores the new one, clears must_change_password and ends the
    // user's other sessions. Throws 401/422/429.
    void change_password(const AuthContext& context, const std::string& current, const std::string& replacement);
    SessionOrganisation organisation_of(const AuthContext& context);

private:
    Store& store_;
    const PasswordHasher& hasher_;
    Clock clock_;
    std::chrono::seconds session_ttl_;
    RateLimiter by_account_;
    RateLimiter by_address_;
};

// Rules for a new password; throws 422 validation naming `field`.
void check_new_password(const std::string& password, const char* field);

} // namespace naervaer::server
