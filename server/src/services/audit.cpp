#include "services/audit.hpp"

namespace naervaer::server {

namespace {
std::optional<std::string> non_empty(const std::string& s) {
    if (s.empty()) return std::nullopt;
    return s;
}
} // namespace

AuditEntry audit_entry(const AuthContext& who, std::string at, std::string action, const std::string& record_type,
                       const std::string& record_id, nlohmann::json detail) {
    AuditEntry e;
    e.org_id = who.org_id();
    e.user_id = who.user_id();
    e.at = std::move(at);
    e.action = std::move(action);
    e.record_type = non_empty(record_type);
    e.record_id = non_empty(record_id);
    e.detail = std::move(detail);
    return e;
}

nlohmann::json to_json(const AuditEntry& e) {
    const auto or_null = [](const std::optional<std::string>& s) -> nlohmann::json {
        return s ? nlohmann::json(*s) : nlohmann::json(nullptr);
    };
    return {{"at", e.at},
            {"user_id", or_null(e.user_id)},
            {"action", e.action},
            {"record_type", or_null(e.record_type)},
            {"record_id", or_null(e.record_id)},
            {"detail", e.detail}};
}

} // namespace naervaer::server
