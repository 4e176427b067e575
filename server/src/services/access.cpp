#include "services/access.hpp"

#include <algorithm>

namespace naervaer::server {

bool sees_whole_organisation(const UserRow& user) {
    return user.user.role == Role::admin || user.user.role == Role::hr;
}

PullScope pull_scope(const UserRow& user) {
    PullScope scope;
    scope.whole_organisation = sees_whole_organisation(user);
    if (!scope.whole_organisation) scope.departments = user.user.department_ids;
    return scope;
}

bool leads_department(const UserRow& user, const std::optional<std::string>& department) {
    if (!department) return false;
    const auto& mine = user.user.department_ids;
    return std::find(mine.begin(), mine.end(), *department) != mine.end();
}

bool can_see(const UserRow& user, const StoredRecord& record) {
    if (sees_whole_organisation(user)) return true;
    if (record.record.type == record_type::department) return true;
    return leads_department(user, record.scope_department);
}

bool may_write_type(const UserRow& user, std::string_view type) {
    const Role role = user.user.role;
    if (type == record_type::department) return role == Role::admin;
    if (type == record_type::employee) return role == Role::admin || role == Role::hr;
    if (type == record_type::absence_spell) return true; // team leaders: scope checked per record
    return false;
}

} // namespace naervaer::server
