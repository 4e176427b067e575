#include "services/case_records.hpp"

namespace naervaer::server {

namespace {
std::string string_field(const nlohmann::json& data, const char* key) {
    const auto it = data.find(key);
    return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}
} // namespace

std::vector<StoredRecord> marks_with_prefix(Transaction& tx, const std::string& org_id,
                                            const std::string& employee_id, const std::string& prefix) {
    std::vector<StoredRecord> marks;
    for (StoredRecord& mark : tx.records_of_employee(org_id, employee_id, record_type::todo_done))
        if (string_field(mark.record.data, "todo_key").rfind(prefix, 0) == 0) marks.push_back(std::move(mark));
    return marks;
}

std::string agreement_mark_prefix(const std::string& spell_id, const std::string& record_id) {
    return spell_id + "/agreement/" + record_id + "/";
}

std::string spell_of_record(const StoredRecord& record) { return string_field(record.record.data, "spell_id"); }

std::vector<StoredRecord> records_of_case(Transaction& tx, const std::string& org_id, const StoredRecord& spell,
                                          std::string_view type) {
    std::vector<StoredRecord> records;
    if (!spell.employee_id) return records;
    for (StoredRecord& record : tx.records_of_employee(org_id, *spell.employee_id, type))
        if (spell_of_record(record) == spell.record.id) records.push_back(std::move(record));
    return records;
}

RecordWrite tombstone_of(const std::string& type, const std::string& id, const std::optional<std::string>& scope,
                         const std::optional<std::string>& employee_id, const std::string& at, const std::string& by) {
    RecordWrite tombstone;
    tombstone.type = type;
    tombstone.id = id;
    tombstone.updated_at = at;
    tombstone.updated_by = by;
    tombstone.deleted = true;
    tombstone.scope_department = scope;
    tombstone.employee_id = employee_id;
    return tombstone;
}

RecordWrite tombstone_of(const StoredRecord& record, const std::string& at, const std::string& by) {
    return tombstone_of(record.record.type, record.record.id, record.scope_department, record.employee_id, at, by);
}

} // namespace naervaer::server
