#include "services/access.hpp"

#include <algorithm>
#include <array>

namespace naervaer::server {

namespace {
// Department names for every picker, and the alert rules every leader is reminded by.
// The sickness absence policy's versions too: everyone reads the policy (docs/policy.md).
constexpr std::array shared_types = {record_type::department, record_type::alert_settings,
                                     record_type::policy_version};
} // namespace

bool sees_whole_organisation(const UserRow& user) {
    return user.user.role == Role::admin || user.user.role == Role::hr;
}

bool is_shared_type(std::string_view type) {
    return std::find(shared_types.begin(), shared_types.end(), type) != shared_types.end();
}

PullScope pull_scope(const UserRow& user) {
    PullScope scope;
    scope.whole_organisation = sees_whole_organisation(user);
    if (!scope.whole_organisation) {
        scope.shared_types.assign(shared_types.begin(), shared_types.end());
        scope.departments = user.user.department_ids;
    }
    return scope;
}

bool leads_department(const UserRow& user, const std::optional<std::string>& department) {
    if (!department) return false;
    const auto& mine = user.user.department_ids;
    return std::find(mine.begin(), mine.end(), *department) != mine.end();
}

bool can_see(const UserRow& user, const StoredRecord& record) {
    // A consultant reads referrals through the jobcentre API only (jobcenter_service.cpp).
    if (user.user.role == Role::consultant) return false;
    if (sees_whole_organisation(user)) return true;
    if (is_shared_type(record.record.type)) return true;
    return leads_department(user, record.scope_department);
}

bool may_write_type(const UserRow& user, std::string_view type) {
    const Role role = user.user.role;
    if (type == record_type::department || type == record_type::alert_settings ||
        type == record_type::policy_version)
        return role == Role::admin;
    if (type == record_type::employee) return role == Role::admin || role == Role::hr;
    // Referrals and contact requests to the jobcentre: admin and HR (team leaders read those of
    // their departments' employees).
    if (type == record_type::referral) return role == Role::admin || role == Role::hr;
    // Team leaders: the employee's department is checked per record.
    if (type == record_type::absence_spell || type == record_type::todo_done ||
        type == record_type::conversation_record)
        return role != Role::consultant;
    return false;
}

} // namespace naervaer::server
