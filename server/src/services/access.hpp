#pragma once
// Who may see and write what (docs/api.md "Records and sync"):
// - admin and HR see the whole organisation; a team leader sees every department record and the
//   organisation's alert settings, and the employees, absence spells, to-do marks and conversation
//   records of their own departments only;
// - departments and alert settings are written by admin; employees and referrals by admin and HR;
//   absence spells, to-do marks and conversation records by all three roles, a team leader only
//   within their departments. A team leader reads the referrals about their departments' employees;
//   a contact request about nobody (no scope) is admin's and HR's only;
// - a jobcentre's consultant sees and writes nothing of an organisation through sync (403 on the
//   sync routes); referrals reach them through the jobcentre API (jobcenter_service.hpp).
// A record a user may not see is answered as 404, exactly as if it did not exist.
#include "store/store.hpp"

#include <string_view>

namespace naervaer::server {

bool sees_whole_organisation(const UserRow& user);
// Record types every user of the organisation sees, whatever their departments.
bool is_shared_type(std::string_view type);
PullScope pull_scope(const UserRow& user);
bool can_see(const UserRow& user, const StoredRecord& record);
bool leads_department(const UserRow& user, const std::optional<std::string>& department);
bool may_write_type(const UserRow& user, std::string_view type);

} // namespace naervaer::server
