#pragma once
// Audit rows (who, when, what). Detail holds ids, revisions and reasons only: never record data,
// because records hold health-related information (Helbredsoplysningsloven) and the audit log is
// kept longer and read more widely than the records themselves.
#include "services/auth_context.hpp"
#include "store/store.hpp"

#include <string>

namespace naervaer::server {

namespace audit_action {
inline constexpr const char* read = "read";
inline constexpr const char* pull = "pull";
inline constexpr const char* write = "write";
inline constexpr const char* delete_record = "delete";
inline constexpr const char* sync_conflict = "sync_conflict";
inline constexpr const char* login = "login";
inline constexpr const char* login_failed = "login_failed";
inline constexpr const char* logout = "logout";
inline constexpr const char* password_changed = "password_changed";
inline constexpr const char* user_created = "user_created";
inline constexpr const char* user_updated = "user_updated";
inline constexpr const char* password_reset = "password_reset";
inline constexpr const char* organisation_updated = "organisation_updated";
inline constexpr const char* retention = "retention"; // the retention job's run for one organisation
} // namespace audit_action

// An entry by the session's user about one record (or none when type and id are empty).
AuditEntry audit_entry(const AuthContext& who, std::string at, std::string action, const std::string& record_type,
                       const std::string& record_id, nlohmann::json detail = nlohmann::json::object());

nlohmann::json to_json(const AuditEntry& entry);

} // namespace naervaer::server
