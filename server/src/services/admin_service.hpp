#pragma once
// Administration (docs/api.md "Administration"): users, the audit log and the organisation.
// Every call is for admins only and stays inside the admin's own organisation.
#include "auth/passwords.hpp"
#include "clock.hpp"
#include "services/auth_context.hpp"
#include "store/store.hpp"
#include "store/write_batcher.hpp"

#include <optional>
#include <string>
#include <vector>

namespace naervaer::server {

struct NewUser {
    std::string email;
    std::string name;
    std::string role;
    std::vector<std::string> department_ids;
};

struct UserPatch {
    std::optional<std::string> name;
    std::optional<std::string> role;
    std::optional<std::vector<std::string>> department_ids;
    std::optional<bool> active;
};

struct OrganisationPatch {
    std::optional<std::string> name;
    std::optional<std::string> cvr;
    std::optional<std::string> municipality;
    std::optional<long long> record_retention_years; // checked 1-20 by validate(Organisation)
};

struct CreatedUser {
    UserRow user;
    std::string one_time_password;
};

class AdminService {
public:
    // `writer` holds the queued audit rows of pulls and reads; listing the audit log flushes it.
    AdminService(Store& store, WriteBatcher& writer, const PasswordHasher& hasher, Clock clock);

    std::vector<UserRow> list_users(const AuthContext& who);
    CreatedUser create_user(const AuthContext& who, const NewUser& request);
    UserRow update_user(const AuthContext& who, const std::string& user_id, const UserPatch& patch);
    std::string reset_password(const AuthContext& who, const std::string& user_id);
    std::vector<AuditEntry> audit(const AuthContext& who, const std::string& record_id, std::size_t limit);
    Organisation update_organisation(const AuthContext& who, const OrganisationPatch& patch);
    // The deletion log (docs/retention.md), newest first; `limit` is clamped to 1-1000.
    std::vector<DeletionEntry> deletions(const AuthContext& who, std::size_t limit);

private:
    Store& store_;
    WriteBatcher& writer_;
    const PasswordHasher& hasher_;
    Clock clock_;
};

} // namespace naervaer::server
