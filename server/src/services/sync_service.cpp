#include "services/sync_service.hpp"

#include "http/api_error.hpp"
#include "naervaer/alerts.hpp"
#include "naervaer/conversation_record.hpp"
#include "services/access.hpp"
#include "services/audit.hpp"
#include "services/case_records.hpp"
#include "services/json_text.hpp"
#include "services/policy_records.hpp"
#include "services/referral_sync.hpp"

#include <algorithm>
#include <iterator>
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
    PushApplier(Transaction& tx, const AuthContext& who, std::string now, Date today,
                const AlertSettings& alert_defaults, const ShippedTemplates& templates, SyncResponse& response)
        : tx_(tx), who_(who), now_(std::move(now)), today_(today), alert_defaults_(alert_defaults),
          templates_(templates), response_(response) {}

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
        if (is_reserved_id(change.type, change.id)) {
            ValidationResult result;
            result.add("id", "reserved_id");
            throw_invalid(result);
        }
        if (change.type == record_type::alert_settings) check_alert_settings_id(change.id);
        // Nothing to delete: clients forget records the server never had (Replica::delete_local),
        // and a tombstone without a scope would block the id for team leaders.
        if (!existing && change.deleted) throw errors::not_found();
        if (existing && !can_see(who_.user, *existing)) throw errors::not_found();
        if (!existing && change.base_rev != 0) throw errors::not_found();

        const int64_t current_rev = existing ? existing->record.rev : 0;
        if (change.base_rev != current_rev) {
            // An approval of a draft that changed meanwhile is refused, not kept as a conflict: the
            // whole push fails, so the alert settings it carries are not written without it.
            if (change.type == record_type::policy_version && is_approved_policy_data(change.data) &&
                !(existing && is_approved_policy_data(existing->record.data) &&
                  existing->record.data.value("number", -1) == change.data.value("number", -2))) {
                ValidationResult result;
                result.add("base_rev", "stale_approval");
                throw errors::validation(result.to_json());
            }
            store_conflict(change, *existing);
            return;
        }
        // What was there before this change, when it was a live record (not a tombstone).
        const bool was_live = existing && !existing->record.deleted;
        if (change.deleted && was_live) {
            if (change.type == record_type::conversation_record) refuse_signed_record_delete(*existing);
            if (change.type == record_type::referral) refuse_sent_referral_delete(*existing);
            if (change.type == record_type::policy_version) refuse_approved_policy_delete(*existing);
            if (change.type == record_type::absence_spell) refuse_case_with_records(*existing, "id");
            if (change.type == record_type::employee) refuse_employee_with_records(*existing);
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
        } else if (change.type == record_type::absence_spell) {
            prepare_spell(change, write);
        } else if (change.type == record_type::todo_done) {
            prepare_todo_done(change, write);
        } else if (change.type == record_type::conversation_record) {
            prepare_conversation_record(change, write, was_live ? &*existing : nullptr);
        } else if (change.type == record_type::referral) {
            prepare_referral(tx_, who_, change, was_live ? &*existing : nullptr, templates_, today_, now_, write);
        } else if (change.type == record_type::policy_version) {
            // Scope NULL: every user of the organisation reads the policy (policy_records.hpp).
            write.data = prepare_policy_version(tx_, change.id, change.data, was_live ? &*existing : nullptr, who_,
                                                embedded_policy_assets(), today_);
        } else {
            prepare_alert_settings(change, write);
        }
        if (change.type == record_type::absence_spell && was_live && !change.deleted &&
            existing->employee_id != write.employee_id)
            refuse_case_with_records(*existing, "employee_id");

        const int64_t rev = tx_.put_record(who_.org_id(), write);
        if (change.type == record_type::absence_spell && change.deleted && existing)
            delete_marks_of_spell(*existing);
        if (change.type == record_type::employee && change.deleted && was_live) delete_closed_referrals_of(*existing);
        if ((change.type == record_type::conversation_record || change.type == record_type::referral) &&
            change.deleted && was_live)
            log_record_deleted(*existing);
        if (change.type == record_type::referral) update_inbox_of(tx_, who_.org_id(), write);
        if (change.type == record_type::policy_version && !change.deleted)
            apply_policy_approval(tx_, who_, write.data, was_live ? &*existing : nullptr, now_);
        if (change.type == record_type::employee && existing && !change.deleted &&
            existing->scope_department != write.scope_department) {
            // The employee moved: their spells, to-do marks and conversation records follow, with
            // new revs, so the new department's team leader pulls them.
            tx_.rescope_employee_records(who_.org_id(), change.id, write.scope_department, now_);
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
    Date today_; // in Denmark
    const AlertSettings& alert_defaults_;
    const ShippedTemplates& templates_;
    SyncResponse& response_;
    std::set<std::string> seen_;

    void store_conflict(const Change& change, const StoredRecord& existing) {
        // The refused version is kept whole (nothing typed is lost), but only after its shape is
        // checked: the store keeps documents, not arbitrary JSON.
        if (!change.deleted) {
            ValidationResult shape;
            if (change.type == record_type::department) (void)decode_department(change.data, change.id, shape);
            else if (change.type == record_type::employee) (void)decode_employee(change.data, change.id, shape);
            else if (change.type == record_type::absence_spell)
                (void)decode_absence_spell(change.data, change.id, shape);
            else if (change.type == record_type::todo_done) (void)decode_todo_done(change.data, change.id, shape);
            else if (change.type == record_type::conversation_record)
                (void)decode_conversation_record(change.data, change.id, shape);
            else if (change.type == record_type::referral) (void)decode_referral(change.data, change.id, shape);
            else if (change.type == record_type::policy_version) check_policy_version_shape(change.data);
            else (void)decode_alert_choices(change.data, shape);
            if (!shape.ok()) throw_invalid(shape);
        }
        // Except over a record the retention job deleted: its time is up, so a device that still
        // held it (offline for long) does not store its content again. The conflict answer gives
        // the device the tombstone, and it drops its copy.
        const bool retention_tombstone = existing.record.deleted && existing.record.updated_by == retention_actor;
        if (!retention_tombstone)
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

    // The live employee a spell or a to-do mark is written for. A team leader may only touch
    // records of employees in their departments: both the record's current employee (checked by
    // can_see in apply) and the one it is written for; another department's answers 404.
    StoredRecord writable_employee(const std::string& employee_id, ValidationResult& result) {
        auto employee_record = live_record(tx_, who_.org_id(), employee_id, record_type::employee);
        if (employee_record && !can_see(who_.user, *employee_record)) throw errors::not_found();
        if (!employee_record) {
            result.add("employee_id", "unknown_reference");
            throw_invalid(result);
        }
        return std::move(*employee_record);
    }

    void prepare_spell(const Change& change, RecordWrite& write) {
        ValidationResult result;
        const AbsenceSpell spell = decode_absence_spell(change.data, change.id, result);
        if (!result.ok()) throw_invalid(result);

        const StoredRecord employee_record = writable_employee(spell.employee_id, result);
        ValidationResult ignored; // the employee was validated when it was written
        const Employee employee = decode_employee(employee_record.record.data, employee_record.record.id, ignored);

        std::vector<AbsenceSpell> others;
        // Only the employee's spells whose dates may meet this one's: the overlap check needs no
        // others, and decoding every spell of a long-serving employee was the bulk of a push.
        const std::optional<std::string> last_day =
            spell.last_day ? std::optional<std::string>(spell.last_day->iso()) : std::nullopt;
        for (const StoredRecord& other :
             tx_.spells_of_employee_near(who_.org_id(), spell.employee_id, spell.first_day.iso(), last_day)) {
            if (other.record.id == spell.id) continue;
            ValidationResult skip;
            others.push_back(decode_absence_spell(other.record.data, other.record.id, skip));
        }
        result.merge(validate(spell, &employee, others));
        if (!result.ok()) throw_invalid(result);
        write.data = to_json(spell);
        write.scope_department = employee_record.scope_department;
        write.employee_id = spell.employee_id;
    }

    void prepare_todo_done(const Change& change, RecordWrite& write) {
        ValidationResult result;
        TodoDone mark = decode_todo_done(change.data, change.id, result);
        if (!result.ok()) throw_invalid(result);
        const StoredRecord employee_record = writable_employee(mark.employee_id, result);
        result.merge(validate(mark, today_));
        // Keys start with the spell's id (todos.hpp). The spell must be this employee's: a mark
        // completes a step of that case, so naming an employee of one's own department with
        // another department's spell would write outside one's scope.
        const std::string spell_id = mark.todo_key.substr(0, mark.todo_key.find('/'));
        const auto spell = live_record(tx_, who_.org_id(), spell_id, record_type::absence_spell);
        if (!result.find("todo_key") && (!spell || spell->employee_id != mark.employee_id))
            result.add("todo_key", "unknown_reference");
        if (spell && result.ok()) {
            ValidationResult ignored;
            check_mark_within_case(mark, decode_absence_spell(spell->record.data, spell->record.id, ignored), result);
        }
        if (!result.ok()) throw_invalid(result);
        // Who marked it is the session's user, whatever the client claims.
        mark.done_by = who_.user_id();
        mark.done_by_name = who_.user.user.name;
        write.data = to_json(mark);
        write.scope_department = employee_record.scope_department;
        write.employee_id = mark.employee_id;
    }

    // A deleted case takes its marks (and their notes) along: tombstones with new revs, so every
    // client that pulled them drops them too.
    void delete_marks_of_spell(const StoredRecord& spell) {
        if (!spell.employee_id) return;
        for (const StoredRecord& mark : marks_with_prefix(tx_, who_.org_id(), *spell.employee_id, spell.record.id + "/")) {
            const int64_t rev = tx_.put_record(who_.org_id(), tombstone_of(mark, now_, who_.user_id()));
            tx_.append_audit(audit_entry(who_, now_, audit_action::delete_record, mark.record.type, mark.record.id,
                                         {{"rev", rev}, {"with_spell", spell.record.id}}));
        }
    }

    // ---- conversation records (docs/api.md "conversation_record") ----

    // The session's user signs what they record and every amendment they append, whatever the
    // client sent: stamped into the JSON before it is decoded, so the checks below see the stored
    // values. Signing is a push that makes a new or draft record signed; new amendments are those
    // after the stored record's (all of them for a record that was not signed).
    void stamp_conversation_record(json& data, const ConversationRecord* stored) const {
        if (!data.is_object()) return;
        const bool was_signed = stored && stored->is_signed();
        const auto status = data.find("status");
        const bool signs = !was_signed && status != data.end() && status->is_string() &&
                           status->get_ref<const std::string&>() == to_string(ConversationStatus::signed_off);
        if (const auto sign_off = data.find("sign_off"); signs && sign_off != data.end() && sign_off->is_object()) {
            (*sign_off)["recorded_by"] = who_.user_id();
            (*sign_off)["recorded_by_name"] = who_.user.user.name;
        }
        const auto amendments = data.find("amendments");
        if (amendments == data.end() || !amendments->is_array()) return;
        const std::size_t first_new = was_signed ? stored->amendments.size() : 0;
        for (std::size_t i = first_new; i < amendments->size(); ++i) {
            json& amendment = (*amendments)[i];
            if (!amendment.is_object()) continue;
            amendment["at"] = now_;
            amendment["by"] = who_.user_id();
            amendment["by_name"] = who_.user.user.name;
        }
    }

    // `stored`: the live record this change replaces, or nullptr for a new record.
    void prepare_conversation_record(const Change& change, RecordWrite& write, const StoredRecord* existing) {
        std::optional<ConversationRecord> stored;
        if (existing) {
            ValidationResult ignored; // written by this server after the same checks
            stored = decode_conversation_record(existing->record.data, existing->record.id, ignored);
        }
        json data = change.data;
        stamp_conversation_record(data, stored ? &*stored : nullptr);

        // Shape first (wrong JSON types: 400; missing values: 422), then everything else is 422.
        ValidationResult result;
        ConversationRecord record = decode_conversation_record(data, change.id, result);
        if (!result.ok()) throw_invalid(result);
        const StoredRecord employee_record = writable_employee(record.employee_id, result);

        // The case: a live absence spell of the same employee.
        const auto spell = live_record(tx_, who_.org_id(), record.spell_id, record_type::absence_spell);
        if (!spell || spell->employee_id != record.employee_id) {
            result.add("spell_id", "unknown_reference");
        } else if (!stored || stored->held_on != record.held_on) {
            // A conversation about a case is held once the case began: an earlier date would meet
            // the case's deadline before there was one (as check_mark_within_case for marks).
            ValidationResult ignored;
            const AbsenceSpell case_spell = decode_absence_spell(spell->record.data, spell->record.id, ignored);
            if (record.held_on < case_spell.first_day)
                result.add("held_on", "done_before_case", case_spell.first_day.danish());
        }

        if (!stored) {
            // A new record is filled with a conversation template the portal ships, exactly as
            // shipped (the referral and policy questionnaire are forms too, but not conversations).
            // The version filled decides: a conversation template is one offered from a case, and an
            // older version stays accepted whatever a newer one says (drafts made offline on it).
            const std::string name = record.template_id + " v" + std::to_string(record.template_version);
            const FormTemplate* shipped = templates_.find(record.template_id, record.template_version);
            if (shipped && shipped->offered_from.empty()) shipped = nullptr;
            if (!shipped)
                result.add("template_id", "unknown_value", name);
            else if (record.template_snapshot != template_snapshot(*shipped))
                result.add("template_snapshot", "mismatch", name);
            result.merge(validate(record, today_));
        } else {
            // What was asked stays with the record, draft or signed.
            if (record.template_id != stored->template_id) result.add("template_id", "locked");
            if (record.template_version != stored->template_version) result.add("template_version", "locked");
            if (record.template_snapshot != stored->template_snapshot) result.add("template_snapshot", "locked");
            result.merge(check_change(*stored, record, today_));
        }
        if (!result.ok()) throw errors::validation(result.to_json());

        write.data = to_json(record);
        write.scope_department = employee_record.scope_department;
        write.employee_id = record.employee_id;
    }

    // Users delete drafts only: a signed record is the employee's acknowledged account of a meeting,
    // kept until the retention job deletes it (docs/retention.md).
    void refuse_signed_record_delete(const StoredRecord& existing) const {
        const auto status = existing.record.data.find("status");
        if (status == existing.record.data.end() || !status->is_string() ||
            status->get_ref<const std::string&>() != to_string(ConversationStatus::draft)) {
            ValidationResult result;
            result.add("status", "signed_locked");
            throw errors::validation(result.to_json());
        }
    }

    // An employee with conversation records or with referrals that are not closed is kept: the
    // records are health data the retention job deletes on schedule (it needs their employee), and
    // an open referral must stay answerable and withdrawable. Closed referrals go with the employee
    // (delete_closed_referrals_of). docs/retention.md.
    void refuse_employee_with_records(const StoredRecord& employee) {
        std::size_t records =
            tx_.records_of_employee(who_.org_id(), employee.record.id, record_type::conversation_record).size();
        for (const StoredRecord& r : tx_.records_of_employee(who_.org_id(), employee.record.id, record_type::referral))
            records += is_closed_referral(r) ? 0 : 1;
        if (records == 0) return;
        ValidationResult result;
        result.add("id", "employee_has_records", std::to_string(records));
        throw errors::validation(result.to_json());
    }

    // The closed referrals of a deleted employee: tombstoned, each with a row in the deletion log.
    void delete_closed_referrals_of(const StoredRecord& employee) {
        for (const StoredRecord& r : tx_.records_of_employee(who_.org_id(), employee.record.id, record_type::referral)) {
            tx_.put_record(who_.org_id(), tombstone_of(r, now_, who_.user_id()));
            log_record_deleted(r);
        }
    }

    // A case with documented conversations is not deleted (nor given to another employee) by
    // accident: the records would lose their case.
    void refuse_case_with_records(const StoredRecord& spell, const char* field) {
        const std::size_t count = records_of_case(tx_, who_.org_id(), spell).size();
        const std::size_t referrals =
            records_of_case(tx_, who_.org_id(), spell, record_type::referral).size(); // referral_sync.hpp
        if (count == 0 && referrals == 0) return;
        ValidationResult result;
        if (count > 0) result.add(field, "has_conversation_records", std::to_string(count));
        else result.add(field, "has_referrals", std::to_string(referrals));
        throw errors::validation(result.to_json());
    }

    // A user deleted a draft: the deletion log says who and when (never what it held), and marks
    // of its agreements go with it.
    void log_record_deleted(const StoredRecord& record) {
        tx_.append_deletion({who_.org_id(), now_, who_.user_id(), who_.user.user.name, record.record.type,
                             record.record.id, record.employee_id, deletion_reason::deleted});
        if (!record.employee_id) return;
        for (const StoredRecord& mark :
             marks_with_prefix(tx_, who_.org_id(), *record.employee_id,
                               agreement_mark_prefix(spell_of_record(record), record.record.id))) {
            const int64_t rev = tx_.put_record(who_.org_id(), tombstone_of(mark, now_, who_.user_id()));
            tx_.append_deletion({who_.org_id(), now_, who_.user_id(), who_.user.user.name, mark.record.type,
                                 mark.record.id, mark.employee_id, deletion_reason::deleted});
            tx_.delete_conflicts(who_.org_id(), mark.record.id);
            tx_.append_audit(audit_entry(who_, now_, audit_action::delete_record, mark.record.type, mark.record.id,
                                         {{"rev", rev}, {"with_record", record.record.id}}));
        }
    }

    void check_alert_settings_id(const std::string& id) const {
        // One record per organisation under a known id, so every device finds the same one.
        const std::string expected = alert_settings_record_id(who_.org_id());
        if (id == expected) return;
        ValidationResult result;
        result.add("id", "id_mismatch", expected);
        throw_invalid(result);
    }

    void prepare_alert_settings(const Change& change, RecordWrite& write) {
        ValidationResult result;
        const AlertChoices choices = decode_alert_choices(change.data, result);
        if (!result.ok()) throw_invalid(result);
        result.merge(validate(choices, alert_defaults_));
        if (!result.ok()) throw_invalid(result);
        // Stored with only the numbers each named rule's kind uses (others are ignored, not kept).
        AlertChoices normalized;
        for (AlertRuleChoice& c : choices_of(apply_choices(alert_defaults_, choices)).rules)
            if (std::any_of(choices.rules.begin(), choices.rules.end(),
                            [&](const AlertRuleChoice& named) { return named.id == c.id; }))
                normalized.rules.push_back(std::move(c));
        write.data = to_json(normalized);
        // No scope department: every user of the organisation pulls it (access.cpp).
    }
};

json change_error(std::size_t index, const Change& change, const ApiError& error) {
    json entry = {{"index", index},          {"type", change.type},
                  {"id", change.id},         {"code", error.code()},
                  {"message", error.message_da()}, {"message_en", error.message_en()}};
    entry["fields"] = error.fields().is_null() ? json::object() : error.fields();
    return entry;
}

// What a page of a pull leaves besides the records' text: the cursor, whether more wait, and the
// audit rows naming the ids returned.
struct PullPage {
    int64_t cursor = 0;
    bool more = false;
    std::vector<AuditEntry> audit;
};

// Appends the records of one pull page to `out` as the elements of a JSON array (the stored data
// spliced in as it is) and returns the cursor and the audit rows. The records come in the same
// key order as to_json(Record).dump() gives.
PullPage fill_pull(Transaction& tx, const AuthContext& who, int64_t since, std::size_t limit, const std::string& at,
                   std::string& out) {
    limit = std::clamp<std::size_t>(limit, 1, sync_limits::max_records_per_pull);
    PullPage page;
    // One row per type, listing the ids returned: enough to answer "who saw this record" without
    // one row per record on every pull. The detail is {"ids":[...],"since":N}, built as text.
    struct TypeIds {
        std::string type;
        std::string ids; // "a","b",...
    };
    std::vector<TypeIds> ids_by_type;
    std::size_t count = 0;
    int64_t last_rev = 0;
    // One more than the page, to know whether more wait without a COUNT query.
    tx.pull(who.org_id(), since, limit + 1, pull_scope(who.user), [&](const RecordView& r) {
        if (count == limit) {
            page.more = true;
            return;
        }
        if (count++ > 0) out += ',';
        out += "{\"data\":";
        // Stored JSON was written by this server; a broken row must not break the whole answer,
        // so it reads as an empty object (as a parse of it did before).
        if (json_text::is_valid_object(r.data)) {
            out.append(r.data);
        } else {
            out += "{}";
        }
        out += ",\"deleted\":";
        json_text::append_bool(out, r.deleted);
        out += ",\"id\":";
        json_text::append_string(out, r.id);
        out += ",\"rev\":";
        json_text::append_int(out, r.rev);
        out += ",\"type\":";
        json_text::append_string(out, r.type);
        out += ",\"updated_at\":";
        json_text::append_string(out, r.updated_at);
        out += ",\"updated_by\":";
        json_text::append_string(out, r.updated_by);
        out += '}';
        last_rev = r.rev;

        auto it = std::find_if(ids_by_type.begin(), ids_by_type.end(),
                               [&](const TypeIds& t) { return t.type == r.type; });
        if (it == ids_by_type.end()) {
            ids_by_type.push_back({std::string(r.type), {}});
            it = std::prev(ids_by_type.end());
        } else {
            it->ids += ',';
        }
        json_text::append_string(it->ids, r.id);
    });
    if (page.more) {
        page.cursor = last_rev;
    } else {
        // Everything up to the organisation's current rev was scanned, including records the
        // user may not see, so the next pull can start there.
        page.cursor = std::max(since, tx.current_rev(who.org_id()));
    }
    std::sort(ids_by_type.begin(), ids_by_type.end(),
              [](const TypeIds& a, const TypeIds& b) { return a.type < b.type; });
    for (TypeIds& t : ids_by_type) {
        AuditEntry entry = audit_entry(who, at, audit_action::pull, t.type, "");
        entry.detail_text.reserve(t.ids.size() + 32);
        entry.detail_text += "{\"ids\":[";
        entry.detail_text += t.ids;
        entry.detail_text += "],\"since\":";
        json_text::append_int(entry.detail_text, since);
        entry.detail_text += '}';
        page.audit.push_back(std::move(entry));
    }
    return page;
}

// A guess at the size of a page of records, so the answer is not regrown many times.
std::size_t reserve_for(std::size_t records) { return 256 + records * 320; }

} // namespace

SyncService::SyncService(Store& store, WriteBatcher& writer, Clock clock, AlertSettings alert_defaults,
                         const ShippedTemplates& templates)
    : store_(store), writer_(writer), clock_(std::move(clock)), alert_defaults_(std::move(alert_defaults)),
      templates_(templates) {}

std::string SyncService::push(const AuthContext& who, const PushRequest& request) {
    SyncResponse response; // accepted and conflicts; the changes are written as text below
    const auto clock_now = clock_();
    const std::string now = iso_timestamp(clock_now);
    const Date today = danish_today(clock_now);
    // Group commit: the push runs on the writer thread inside a batch with other concurrent
    // pushes, in its own savepoint; this returns once the batch is committed (durable), or
    // throws this push's refusal, its savepoint rolled back and the others unaffected.
    writer_.submit([&](Transaction& tx) {
        response.accepted.clear();
        response.conflicts.clear();
        PushApplier applier(tx, who, now, today, alert_defaults_, templates_, response);
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
            // Thrown out of the savepoint: nothing of this push is written.
            throw ApiError(first_error->status(), first_error->code(), "Ændringerne blev ikke gemt",
                           "The changes were not saved")
                .with_changes(std::move(refused));
        }
    });

    // {"accepted":[...],"changes":[...],"conflicts":[...],"cursor":N,"more":B}, the key order of
    // to_json(SyncResponse).dump().
    std::string out;
    out.reserve(reserve_for(64));
    out += "{\"accepted\":[";
    for (std::size_t i = 0; i < response.accepted.size(); ++i) {
        const Accepted& a = response.accepted[i];
        if (i > 0) out += ',';
        out += "{\"id\":";
        json_text::append_string(out, a.id);
        out += ",\"rev\":";
        json_text::append_int(out, a.rev);
        out += ",\"type\":";
        json_text::append_string(out, a.type);
        out += '}';
    }
    out += "],\"changes\":[";
    PullPage page;
    {
        // The pull part reads a snapshot taken after the commit, so it holds this push's records.
        auto tx = store_.read();
        page = fill_pull(*tx, who, request.since, sync_limits::max_records_per_pull, now, out);
    }
    out += "],\"conflicts\":[";
    for (std::size_t i = 0; i < response.conflicts.size(); ++i) {
        const Conflict& c = response.conflicts[i];
        if (i > 0) out += ',';
        const json conflict = {{"type", c.type}, {"id", c.id}, {"base_rev", c.base_rev}, {"server", to_json(c.server)}};
        out += conflict.dump(-1, ' ', false, json::error_handler_t::replace);
    }
    out += "],\"cursor\":";
    json_text::append_int(out, page.cursor);
    out += ",\"more\":";
    json_text::append_bool(out, page.more);
    out += '}';
    for (AuditEntry& entry : page.audit) writer_.audit(std::move(entry));
    return out;
}

std::string SyncService::pull(const AuthContext& who, int64_t since, std::size_t limit) {
    // A read-only transaction on a reader connection: no write lock. The audit rows go to the
    // writer thread, which commits them within a few milliseconds (and on shutdown).
    std::string out;
    out.reserve(reserve_for(std::min<std::size_t>(limit, 64)));
    out += "{\"changes\":[";
    PullPage page;
    {
        auto tx = store_.read();
        page = fill_pull(*tx, who, since, limit, iso_timestamp(clock_()), out);
    }
    // A pull answers only changes, cursor and more (docs/api.md).
    out += "],\"cursor\":";
    json_text::append_int(out, page.cursor);
    out += ",\"more\":";
    json_text::append_bool(out, page.more);
    out += '}';
    for (AuditEntry& entry : page.audit) writer_.audit(std::move(entry));
    return out;
}

Record SyncService::read(const AuthContext& who, const std::string& type, const std::string& id) {
    std::optional<StoredRecord> found;
    {
        auto tx = store_.read();
        found = tx->find_record(id);
    }
    if (!found || found->org_id != who.org_id() || found->record.type != type || found->record.deleted ||
        !can_see(who.user, *found)) {
        throw errors::not_found();
    }
    // Queued before the record is handed back: no record leaves without its audit row.
    writer_.audit(audit_entry(who, iso_timestamp(clock_()), audit_action::read, type, id,
                              {{"rev", found->record.rev}}));
    return found->record;
}

} // namespace naervaer::server
