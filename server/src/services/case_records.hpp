#pragma once
// Finding and removing what belongs to a case, shared by sync (a user deletes a case or a draft)
// and the retention job (a closed case's records are due).
#include "store/store.hpp"

#include <string>
#include <vector>

namespace naervaer::server {

// Live to-do marks of an employee whose todo_key starts with `prefix`.
std::vector<StoredRecord> marks_with_prefix(Transaction& tx, const std::string& org_id,
                                            const std::string& employee_id, const std::string& prefix);

// "<spell id>/agreement/<record id>/": every agreement to-do key of a conversation record starts
// with it (agreement_todo_key, conversation_record.hpp).
std::string agreement_mark_prefix(const std::string& spell_id, const std::string& record_id);

// The spell id a stored conversation record names, or "".
std::string spell_of_record(const StoredRecord& record);

// Live conversation records (or records of `type` naming a spell_id: referrals) whose case is `spell`.
std::vector<StoredRecord> records_of_case(Transaction& tx, const std::string& org_id, const StoredRecord& spell,
                                          std::string_view type = record_type::conversation_record);

// A tombstone replacing `record`: data dropped, scope and employee kept so team leaders' pulls
// carry the deletion.
RecordWrite tombstone_of(const StoredRecord& record, const std::string& at, const std::string& by);
RecordWrite tombstone_of(const std::string& type, const std::string& id, const std::optional<std::string>& scope,
                         const std::optional<std::string>& employee_id, const std::string& at, const std::string& by);

} // namespace naervaer::server
