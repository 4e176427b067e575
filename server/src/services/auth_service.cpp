#include "services/auth_service.hpp"

#include "auth/tokens.hpp"
#include "http/api_error.hpp"
#include "naervaer/validation.hpp"
#include "services/audit.hpp"

#include <algorithm>
#include <cctype>

namespace naervaer::server {

namespace {

// NIST SP 800-63B: at least 8 characters, no composition rules; 10 here because these accounts
// reach health-related data. The upper bound keeps Argon2 input sane.
constexpr std::size_t min_password_length = 10;
constexpr std::size_t max_password_length = 256;

} // namespace

nlohmann::json user_json(const UserRow& row) {
    nlohmann::json user = {{"id", row.user.id},
                           {"email", row.user.email},
                           {"name", row.user.name},
                           {"role", std::string(to_string(row.user.role))},
                           {"department_ids", row.user.department_ids},
                           {"must_change_password", row.user.must_change_password},
                           {"active", row.active}};
    if (row.user.role == Role::consultant) user["municipality_code"] = row.user.municipality_code;
    return user;
}

nlohmann::json session_json(const AuthContext& context, const SessionOrganisation& organisation) {
    nlohmann::json org = to_json(organisation.organisation);
    org["kind"] = std::string(to_string(organisation.kind));
    return {{"user", user_json(context.user)},
            {"organisation", std::move(org)},
            {"csrf_token", context.session.csrf_token},
            {"expires_at", iso_timestamp(std::chrono::system_clock::time_point(
                               std::chrono::seconds(context.session.expires_at)))}};
}

std::string normalize_email(std::string_view email) {
    const auto first = email.find_first_not_of(" \t");
    const auto last = email.find_last_not_of(" \t");
    if (first == std::string_view::npos) return {};
    std::string out(email.substr(first, last - first + 1));
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool is_plausible_email(std::string_view email) {
    // Deliberately loose: the address is a login name, not a mailbox the server writes to.
    const auto at = email.find('@');
    return email.size() <= 254 && at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
           email.find('@', at + 1) == std::string_view::npos && email.find(' ') == std::string_view::npos &&
           is_clean_text(email, false);
}

void check_new_password(const std::string& password, const char* field) {
    if (password.size() < min_password_length || password.size() > max_password_length ||
        !is_clean_text(password, false)) {
        FieldErrors fields;
        fields.add(field, "password_policy", "Adgangskoden skal have mindst 10 tegn",
                   "The password must have at least 10 characters");
        throw errors::validation(fields.json());
    }
}

AuthService::AuthService(Store& store, const PasswordHasher& hasher, Clock clock, const Config& config)
    : store_(store), hasher_(hasher), clock_(std::move(clock)), session_ttl_(config.session_ttl),
      by_account_(config.login_failures_per_account, config.login_window),
      by_address_(config.login_failures_per_address, config.login_window) {}

LoginOutcome AuthService::login(const std::string& email, const std::string& password,
                                const std::string& client_address) {
    const auto now = clock_();
    const std::string account = normalize_email(email);
    // Both limits are checked before the password is, so a blocked attacker cannot even make the
    // server spend Argon2 time. The address is the socket's peer (req.remote_addr), never a
    // header: a client can send any header (CVE-2025-66570).
    const auto account_wait = by_account_.blocked_for(account, now);
    const auto address_wait = by_address_.blocked_for(client_address, now);
    if (account_wait || address_wait) {
        const auto wait = std::max(account_wait.value_or(std::chrono::seconds(0)),
                                   address_wait.value_or(std::chrono::seconds(0)));
        throw errors::rate_limited(static_cast<long>(wait.count()));
    }

    std::optional<UserRow> user;
    {
        auto tx = store_.read();
        user = tx->find_user_by_email(account);
    }
    bool ok = false;
    if (user && user->active) {
        ok = hasher_.verify(user->password_hash, password);
    } else {
        hasher_.verify_against_nothing(password);
    }

    const std::string at = iso_timestamp(now);
    if (!ok) {
        by_account_.record_failure(account, now);
        by_address_.record_failure(client_address, now);
        AuditEntry entry;
        entry.at = at;
        entry.action = audit_action::login_failed;
        if (user) {
            entry.org_id = user->org_id;
            entry.user_id = user->user.id;
        }
        entry.detail = {{"address", client_address}};
        auto tx = store_.write();
        tx->append_audit(entry);
        tx->commit();
        throw errors::invalid_credentials();
    }
    by_account_.forget(account);

    LoginOutcome outcome;
    outcome.token = random_token(32);
    outcome.context.user = *user;
    SessionRow& session = outcome.context.session;
    session.token_hash = sha256_hex(outcome.token);
    session.user_id = user->user.id;
    session.org_id = user->org_id;
    session.csrf_token = random_token(32);
    session.created_at = unix_seconds(now);
    session.expires_at = unix_seconds(now + session_ttl_);

    auto tx = store_.write();
    // Expired sessions are swept on login: they are useless, and logins are frequent enough.
    tx->delete_sessions_expired_before(unix_seconds(now));
    tx->insert_session(session);
    tx->append_audit(audit_entry(outcome.context, at, audit_action::login, "", "", {{"address", client_address}}));
    const auto organisation = tx->find_organisation(user->org_id);
    const OrganisationKind kind = tx->organisation_kind(user->org_id);
    tx->commit();
    outcome.organisation = {organisation.value_or(Organisation{}), kind};
    return outcome;
}

AuthContext AuthService::authenticate(std::string_view token) {
    if (token.empty()) throw errors::unauthenticated();
    const std::string hash = sha256_hex(token);
    const auto now = unix_seconds(clock_());
    AuthContext context;
    {
        auto tx = store_.read();
        auto session = tx->find_session(hash);
        if (!session) throw errors::unauthenticated();
        context.session = std::move(*session);
        if (context.session.expires_at > now) {
            auto user = tx->find_user(context.session.org_id, context.session.user_id);
            if (!user || !user->active) throw errors::unauthenticated();
            context.user = std::move(*user);
            return context;
        }
    }
    auto tx = store_.write();
    tx->delete_session(hash);
    tx->commit();
    throw errors::session_expired();
}

void AuthService::logout(const AuthContext& context) {
    auto tx = store_.write();
    tx->delete_session(context.session.token_hash);
    tx->append_audit(audit_entry(context, iso_timestamp(clock_()), audit_action::logout, "", ""));
    tx->commit();
}

void AuthService::change_password(const AuthContext& context, const std::string& current,
                                  const std::string& replacement) {
    const auto now = clock_();
    // Guessing the current password through this route counts against the account like a login.
    if (const auto wait = by_account_.blocked_for(context.user.user.email, now)) {
        throw errors::rate_limited(static_cast<long>(wait->count()));
    }
    if (!hasher_.verify(context.user.password_hash, current)) {
        by_account_.record_failure(context.user.user.email, now);
        FieldErrors fields;
        fields.add("current_password", "wrong_password", "Den nuværende adgangskode er forkert",
                   "The current password is wrong");
        throw errors::validation(fields.json());
    }
    check_new_password(replacement, "new_password");
    if (replacement == current) {
        FieldErrors fields;
        fields.add("new_password", "unchanged", "Vælg en ny adgangskode", "Choose a new password");
        throw errors::validation(fields.json());
    }
    UserRow updated = context.user;
    updated.password_hash = hasher_.hash(replacement);
    updated.user.must_change_password = false;

    const std::string at = iso_timestamp(now);
    auto tx = store_.write();
    tx->update_user(updated, at);
    // A password change ends every other session of the user (a stolen session dies with it).
    tx->delete_sessions_of_user(updated.user.id);
    tx->insert_session(context.session);
    tx->append_audit(audit_entry(context, at, audit_action::password_changed, "", ""));
    tx->commit();
}

SessionOrganisation AuthService::organisation_of(const AuthContext& context) {
    auto tx = store_.read();
    return {tx->find_organisation(context.org_id()).value_or(Organisation{}), tx->organisation_kind(context.org_id())};
}

} // namespace naervaer::server
