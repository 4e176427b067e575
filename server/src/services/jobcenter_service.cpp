#include "services/jobcenter_service.hpp"

#include "http/api_error.hpp"
#include "services/audit.hpp"
#include "services/referral_sync.hpp"

#include <map>
#include <optional>

namespace naervaer::server {

namespace {

using nlohmann::json;

namespace action {
constexpr const char* inbox = "jobcenter_inbox";   // an inbox listing (ids in detail.ids)
constexpr const char* act = "jobcenter_action";    // a consultant's action on a referral
} // namespace action

void require_consultant(const AuthContext& who) {
    if (who.role() != Role::consultant || who.user.user.municipality_code.empty()) throw errors::forbidden();
}

json item_json(const StoredRecord& record, const std::string& organisation_name, const std::string& cvr) {
    return {{"id", record.record.id},
            {"rev", record.record.rev},
            {"updated_at", record.record.updated_at},
            {"data", record.record.data},
            {"organisation", {{"id", record.org_id}, {"name", organisation_name}, {"cvr", cvr}}}};
}

std::string string_field(const json& data, const char* key) {
    const auto it = data.find(key);
    return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The referral `id` as the consultant may see it: sent to their municipality (its inbox row and
// the record agree), live, not a draft. Anything else is 404, the same answer as a missing id.
struct Visible {
    InboxRow row;
    StoredRecord record;
};
Visible visible_referral(Transaction& tx, const AuthContext& who, const std::string& id) {
    const std::string& code = who.user.user.municipality_code;
    auto row = tx.find_inbox(id);
    if (!row || row->municipality_code != code) throw errors::not_found();
    auto record = tx.find_record(id);
    if (!record || record->org_id != row->org_id || record->record.type != record_type::referral ||
        record->record.deleted || string_field(record->record.data, "municipality_code") != code ||
        string_field(record->record.data, "status") == to_string(ReferralStatus::draft))
        throw errors::not_found();
    return {std::move(*row), std::move(*record)};
}

// An audit row in the employer's organisation (whose record it is) by the consultant.
AuditEntry employer_audit(const AuthContext& who, const std::string& at, const char* what,
                          const std::string& employer_org, const std::string& record_id, json detail) {
    AuditEntry entry = audit_entry(who, at, what, std::string(record_type::referral), record_id, std::move(detail));
    entry.org_id = employer_org;
    if (record_id.empty()) entry.record_id.reset();
    return entry;
}

} // namespace

JobcenterService::JobcenterService(Store& store, WriteBatcher& writer, Clock clock)
    : store_(store), writer_(writer), clock_(std::move(clock)) {}

json JobcenterService::inbox(const AuthContext& who, InboxFilter filter) {
    require_consultant(who);
    const std::string& code = who.user.user.municipality_code;
    std::vector<InboxEntry> entries;
    {
        auto tx = store_.read();
        entries = tx->list_inbox(code, filter);
    }
    json municipality = {{"code", code}, {"name", ""}, {"jobcenter", ""}};
    if (const Municipality* m = referral_assets().municipalities.find_by_code(code)) {
        municipality["name"] = m->name;
        municipality["jobcenter"] = m->jobcenter;
    }
    json items = json::array();
    std::map<std::string, json> ids_by_org;
    for (const InboxEntry& entry : entries) {
        items.push_back(item_json(entry.record, entry.organisation_name, entry.organisation_cvr));
        auto& ids = ids_by_org[entry.row.org_id];
        if (ids.is_null()) ids = json::array();
        ids.push_back(entry.row.record_id);
    }
    // Queued before the answer leaves: every referral listed is an access the employer can see
    // in their audit log (by record id, as pulls are), and the jobcentre's log counts the listing.
    const std::string at = iso_timestamp(clock_());
    const char* filter_name = filter == InboxFilter::open ? "open" : filter == InboxFilter::closed ? "closed" : "all";
    for (auto& [org, ids] : ids_by_org)
        writer_.audit(employer_audit(who, at, action::inbox, org, "", {{"ids", ids}, {"municipality_code", code}}));
    writer_.audit(audit_entry(who, at, action::inbox, "", "",
                              {{"count", items.size()}, {"status", filter_name}, {"municipality_code", code}}));
    return {{"municipality", std::move(municipality)}, {"items", std::move(items)}};
}

json JobcenterService::referral(const AuthContext& who, const std::string& id) {
    require_consultant(who);
    std::optional<Visible> visible;
    std::optional<Organisation> organisation;
    {
        auto tx = store_.read();
        visible = visible_referral(*tx, who, id);
        organisation = tx->find_organisation(visible->row.org_id);
    }
    writer_.audit(employer_audit(who, iso_timestamp(clock_()), audit_action::read, visible->row.org_id, id,
                                 {{"rev", visible->record.record.rev},
                                  {"municipality_code", who.user.user.municipality_code}}));
    return item_json(visible->record, organisation ? organisation->name : "", organisation ? organisation->cvr : "");
}

json JobcenterService::act(const AuthContext& who, const std::string& id, const json& body) {
    require_consultant(who);
    ValidationResult shape;
    const JobcenterActionInput input = decode_jobcenter_action(body, shape);
    if (!shape.ok()) throw_referral_invalid(shape);

    const auto clock_now = clock_();
    const std::string now = iso_timestamp(clock_now);
    const Date today = danish_today(clock_now);
    json answer;
    writer_.submit([&](Transaction& tx) {
        Visible visible = visible_referral(tx, who, id);
        ValidationResult ignored; // written by this server after the same checks
        ReferralRecord referral = decode_referral(visible.record.record.data, id, ignored);
        const ValidationResult result = apply_jobcenter_action(referral, input, today, now, who.user.user.name);
        if (!result.ok()) throw errors::validation(result.to_json());

        RecordWrite write;
        write.type = std::string(record_type::referral);
        write.id = id;
        write.updated_at = now;
        write.updated_by = who.user_id();
        write.data = to_json(referral);
        write.scope_department = visible.record.scope_department;
        write.employee_id = visible.record.employee_id;
        // The employer's organisation, its next rev: the employer's next pull carries the change.
        const std::string& employer_org = visible.row.org_id;
        const int64_t rev = tx.put_record(employer_org, write);
        if (const auto row = inbox_row_of(employer_org, id, referral, now)) tx.upsert_inbox(*row);
        tx.append_audit(employer_audit(who, now, action::act, employer_org, id,
                                       {{"action", std::string(to_string(input.action))},
                                        {"status", std::string(to_string(referral.status))},
                                        {"rev", rev},
                                        {"municipality_code", who.user.user.municipality_code}}));

        StoredRecord stored = std::move(visible.record);
        stored.record.rev = rev;
        stored.record.updated_at = now;
        stored.record.updated_by = who.user_id();
        stored.record.data = write.data;
        const auto organisation = tx.find_organisation(employer_org);
        answer = item_json(stored, organisation ? organisation->name : "", organisation ? organisation->cvr : "");
    });
    return answer;
}

} // namespace naervaer::server
