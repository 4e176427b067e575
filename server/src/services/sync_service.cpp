#include "services/sync_service.hpp"

#include "http/api_error.hpp"
#include "services/access.hpp"
#include "services/audit.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace naervaer::server {

namespace {

using nlohmann::json;

// Decode errors of code "type" mean the client sent the wrong JSON shape (400); everything else
// (missing, too long, invalid date, domain rules) is a form the user can fix (422).
[[noreturn]] void throw_invalid(const ValidationResult& result) {
    const bool shape = std::any_of(result.errors().begin(), result.errors().end(),
                                   [](const FieldError& e) { return e.code == "type"; });
    if (shape) throw errors::bad_request(result.to_json());
    throw errors::validation(result.to_json());
}

// A live record of `type` in the caller's organisation, or nothing.
std::optional<StoredRecord> live_record(Transaction& tx, const std::string& org_id, const std::string& id,
                                        std::string_view type) {
    auto found = tx.find_record(id);
    if (!found || found->org_id != org_id || found->record.type != type || found->record.deleted) return std::nullopt;
    return found;
}

// One pass over a push. Changes are applied in order inside the caller's write transaction, so
// each is validated against the state its predecessors left (two new spells of one employee in
// one push are checked against each other). The transaction commits only when every change
// passed.
class PushApplier {
public:
    PushApplier(Transaction& tx, const AuthContext& who, std::string now, SyncResponse& response)
        : tx_(tx), who_(who), now_(std::move(now)), response_(response) {}

    void apply(const Change& change) {
        if (!seen_.insert(change.id).second) {
            FieldErrors f;
            f.add("id", "duplicate", "Samme post må kun ændres én gang pr. synkronisering",
                  "A record may change only once per sync");
            throw errors::bad_request(f.json());
        }
        const auto existing = tx_.find_record(change.id);
        // Ids are global: another organisation's id answers exactly like a missing one.
        if (existing && existing->org_id != who_.org_id()) throw errors::not_found();
        if (existing && existing->record.type != change.type) throw errors::not_found();
        if (!may_write_type(who_.user, change.type)) throw errors::forbidden();
        if (existing && !can_see(who_.user, *existing)) throw errors::not_found();
        if (!existing && change.base_rev != 0) throw errors::not_found();

        const int64_t current_rev = existing ? existing->record.rev : 0;
        if (change.base_rev != current_rev) {
            store_conflict(change, *existing);
            return;
        }

        RecordWrite write;
        write.type = change.type;
        write.id = change.id;
        write.updated_at = now_;
        write.updated_by = who_.user_id();
        write.deleted = change.deleted;
        if (change.deleted) {
            // A tombstone keeps its scope so team leaders' pulls carry the deletion, and drops
            // the data: a deleted absence should not linger in the database.
            if (existing) {
                write.scope_department = existing->scope_department;
                write.employee_id = existing->employee_id;
            }
        } else if (change.type == record_type::department) {
            prepare_department(change, write);
        } else if (change.type == record_type::employee) {
            prepare_employee(change, write);
        } else {
            prepare_spell(change, write);
        }

        const int64_t rev = tx_.put_record(who_.org_id(), write);
        if (change.type == record_type::employee && existing && !change.deleted &&
            existing->scope_department != write.scope_department) {
            // The employee moved: their spells follow, with new revs, so the new department's
            // team leader pulls them.
            tx_.rescope_spells(who_.org_id(), change.id, write.scope_department, now_);
        }
        // An accepted change supersedes refused versions kept for this record.
        tx_.delete_conflicts(who_.org_id(), change.id);
        tx_.append_audit(audit_entry(who_, now_, change.deleted ? audit_action::delete_record : audit_action::write,
                                     change.type, change.id, {{"rev", rev}, {"base_rev", change.base_rev}}));
        response_.accepted.push_back({change.type, change.id, rev});
    }

private:
    Transaction& tx_;
    const AuthContext& who_;
    std::string now_;
    SyncResponse& response_;
    std::set<std::string> seen_;

    void store_conflict(const Change& change, const StoredRecord& existing) {
        // The refused version is kept whole (nothing typed is lost), but only after its shape is
        // checked: the store keeps documents, not arbitrary JSON.
        if (!change.deleted) {
            ValidationResult shape;
            if (change.type == record_type::department) (void)decode_department(change.data, change.id, shape);
            else if (change.type == record_type::employee) (void)decode_employee(change.data, change.id, shape);
            else (void)decode_absence_spell(change.data, change.id, shape);
            if (!shape.ok()) throw_invalid(shape);
        }
        tx_.insert_conflict(who_.org_id(), ConflictWrite{change.type, change.id, change.base_rev, change.deleted,
                                                         change.deleted ? json::object() : change.data,
                                                         who_.user_id(), now_});
        tx_.append_audit(audit_entry(who_, now_, audit_action::sync_conflict, change.type, change.id,
                                     {{"base_rev", change.base_rev}, {"server_rev", existing.record.rev}}));
        response_.conflicts.push_back({change.type, change.id, change.base_rev, existing.record});
    }

    void prepare_department(const Change& change, RecordWrite& write) {
        ValidationResult result;
        const Department department = decode_department(change.data, change.id, result);
        result.merge(validate(department));
        if (!result.ok()) throw_invalid(result);
        write.data = to_json(department);
    }

    void prepare_employee(const Change& change, RecordWrite& write) {
        ValidationResult result;
        const Employee employee = decode_employee(change.data, change.id, result);
        result.merge(validate(employee));
        if (result.ok() && !live_record(tx_, who_.org_id(), employee.department_id, record_type::department)) {
            result.add("department_id", "unknown_reference");
        }
        if (!result.ok()) throw_invalid(result);
        write.data = to_json(employee);
        write.scope_department = employee.department_id;
    }

    void prepare_spell(const Change& change, RecordWrite& write) {
        ValidationResult result;
        const AbsenceSpell spell = decode_absence_spell(change.data, change.id, result);
        if (!result.ok()) throw_invalid(result);

        const auto employee_record = live_record(tx_, who_.org_id(), spell.employee_id, record_type::employee);
        // A team leader may only touch spells of employees in their departments, both the
        // spell's current employee (checked by can_see above) and the one it is written for.
        if (employee_record && !can_see(who_.user, *employee_record)) throw errors::not_found();
        if (!employee_record) {
            result.add("employee_id", "unknown_reference");
            throw_invalid(result);
        }
        ValidationResult ignored; // the employee was validated when it was written
        const Employee employee = decode_employee(employee_record->record.data, employee_record->record.id, ignored);

        std::vector<AbsenceSpell> others;
        for (const StoredRecord& other : tx_.spells_of_employee(who_.org_id(), spell.employee_id)) {
            if (other.record.id == spell.id) continue;
            ValidationResult skip;
            others.push_back(decode_absence_spell(other.record.data, other.record.id, skip));
        }
        result.merge(validate(spell, &employee, others));
        if (!result.ok()) throw_invalid(result);
        write.data = to_json(spell);
        write.scope_department = employee_record->scope_department;
        write.employee_id = spell.employee_id;
    }
};

json change_error(std::size_t index, const Change& change, const ApiError& error) {
    json entry = {{"index", index},          {"type", change.type},
                  {"id", change.id},         {"code", error.code()},
                  {"message", error.message_da()}, {"message_en", error.message_en()}};
    entry["fields"] = error.fields().is_null() ? json::object() : error.fields();
    return entry;
}

void audit_pull(Transaction& tx, const AuthContext& who, const std::string& at, int64_t since,
                const std::vector<Record>& records) {
    // One row per type, listing the ids returned: enough to answer "who saw this record" without
    // one row per record on every pull.
    std::map<std::string, json> ids_by_type;
    for (const Record& r : records) {
        auto& ids = ids_by_type[r.type];
        if (ids.is_null()) ids = json::array();
        ids.push_back(r.id);
    }
    for (auto& [type, ids] : ids_by_type) {
        tx.append_audit(audit_entry(who, at, audit_action::pull, type, "", {{"since", since}, {"ids", std::move(ids)}}));
    }
}

void fill_pull(Transaction& tx, const AuthContext& who, int64_t since, std::size_t limit, SyncResponse& response) {
    limit = std::clamp<std::size_t>(limit, 1, sync_limits::max_records_per_pull);
    // One more than the page, to know whether more wait without a COUNT query.
    response.changes = tx.pull(who.org_id(), since, limit + 1, pull_scope(who.user));
    response.more = response.changes.size() > limit;
    if (response.more) {
        response.changes.resize(limit);
        response.cursor = response.changes.back().rev;
    } else {
        // Everything up to the organisation's current rev was scanned, including records the
        // user may not see, so the next pull can start there.
        response.cursor = std::max(since, tx.current_rev(who.org_id()));
    }
}

} // namespace

SyncService::SyncService(Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

SyncResponse SyncService::push(const AuthContext& who, const PushRequest& request) {
    SyncResponse response;
    const std::string now = iso_timestamp(clock_());
    auto tx = store_.write();
    PushApplier applier(*tx, who, now, response);

    json refused = json::array();
    std::optional<ApiError> first_error;
    for (std::size_t i = 0; i < request.changes.size(); ++i) {
        const Change& change = request.changes[i];
        try {
            applier.apply(change);
        } catch (const ApiError& e) {
            refused.push_back(change_error(i, change, e));
            if (!first_error) first_error = e;
        }
    }
    if (first_error) {
        // `tx` rolls back when it goes out of scope: nothing of this push is written.
        throw ApiError(first_error->status(), first_error->code(), "Ændringerne blev ikke gemt",
                       "The changes were not saved")
            .with_changes(std::move(refused));
    }

    fill_pull(*tx, who, request.since, sync_limits::max_records_per_pull, response);
    audit_pull(*tx, who, now, request.since, response.changes);
    tx->commit();
    return response;
}

SyncResponse SyncService::pull(const AuthContext& who, int64_t since, std::size_t limit) {
    SyncResponse response;
    {
        // Read on a snapshot without the write lock; the audit rows follow in a short write.
        auto tx = store_.read();
        fill_pull(*tx, who, since, limit, response);
    }
    if (!response.changes.empty()) {
        auto tx = store_.write();
        audit_pull(*tx, who, iso_timestamp(clock_()), since, response.changes);
        tx->commit();
    }
    return response;
}

Record SyncService::read(const AuthContext& who, const std::string& type, const std::string& id) {
    auto tx = store_.write();
    const auto found = tx->find_record(id);
    if (!found || found->org_id != who.org_id() || found->record.type != type || found->record.deleted ||
        !can_see(who.user, *found)) {
        throw errors::not_found();
    }
    // The read is audited in the same transaction: no record leaves without its audit row.
    tx->append_audit(audit_entry(who, iso_timestamp(clock_()), audit_action::read, type, id,
                                 {{"rev", found->record.rev}}));
    tx->commit();
    return found->record;
}

} // namespace naervaer::server
