#include "services/referral_sync.hpp"

#include "http/api_error.hpp"
#include "naervaer/referral.hpp"
#include "services/access.hpp"
#include "services/alert_defaults.hpp"
#include "services/case_records.hpp"

#include <algorithm>
#include <stdexcept>

namespace naervaer::server {

namespace {

using nlohmann::json;

ReferralAssets load_referral_assets() {
    ReferralAssets assets;
    const std::string_view text = assets::file("jobcenter/municipalities.json");
    if (text.empty())
        throw std::runtime_error("assets/jobcenter/municipalities.json is not embedded (server/CMakeLists.txt)");
    MunicipalitiesParse parsed = parse_municipalities(text);
    if (!parsed.ok()) {
        std::string problems;
        for (const std::string& e : parsed.errors) problems += (problems.empty() ? "" : "; ") + e;
        throw std::runtime_error("assets/jobcenter/municipalities.json does not load: " + problems);
    }
    assets.municipalities = std::move(*parsed.municipalities);
    assets.rule_sets = embedded_rule_sets();
    return assets;
}

// A live record of `type` in the organisation, or nothing.
std::optional<StoredRecord> live_record(Transaction& tx, const std::string& org_id, const std::string& id,
                                        std::string_view type) {
    if (id.empty()) return std::nullopt;
    auto found = tx.find_record(id);
    if (!found || found->org_id != org_id || found->record.type != type || found->record.deleted) return std::nullopt;
    return found;
}

// The window on the request day: the legal request date the employer gives
// (fast_track_requested_on, which validate keeps within the case and not after today), today when
// it is not given. A device that was offline when the employer asked in NemRefusion on day 35 and
// pushes on day 36 is not refused for the delay. The "already requested" block is not one: this
// push is the request.
void check_fast_track_window(const ReferralRecord& referral, const AbsenceSpell& spell, Date today) {
    const Date day = referral.fast_track_requested_on.value_or(today);
    const FastTrackEligibility eligibility = fast_track_eligibility(referral_assets().rule_sets, spell, day);
    json blocks = json::array();
    for (const FastTrackBlock block : eligibility.blocks)
        if (block != FastTrackBlock::already_requested) blocks.push_back(std::string(to_string(block)));
    if (blocks.empty()) return;
    json fields = {{"spell_id",
                    {{"code", "fast_track_not_eligible"},
                     {"message", eligibility.reason_da},
                     {"message_en", eligibility.reason_en},
                     {"blocks", blocks},
                     {"absence_day", eligibility.absence_day}}}};
    if (eligibility.last_day) fields["spell_id"]["last_day"] = eligibility.last_day->iso();
    throw ApiError(422, "fast_track_not_eligible", "Fast track kan ikke anmodes for denne sag",
                   "Fast track cannot be requested for this case")
        .with_fields(std::move(fields));
}

// A request date further back than the grace period is refused: the legal clock of the jobcentre
// (the first conversation within 2 weeks of the request) starts on it, so a date from long ago
// would make the jobcentre late the moment the request arrives, and would reopen a closed window.
void check_request_date(const ReferralRecord& referral, Date today) {
    if (!referral.fast_track_requested_on) return;
    const Date earliest = today.plus_days(-fast_track_request_grace_days);
    if (*referral.fast_track_requested_on >= earliest) return;
    ValidationResult result;
    result.add("fast_track_requested_on", "request_date_too_old", earliest.danish());
    throw errors::validation(result.to_json());
}

// One open fast-track request per case: another one that is sent and not closed blocks this one.
void check_no_open_request(Transaction& tx, const std::string& org_id, const StoredRecord& spell,
                           const std::string& referral_id) {
    for (const StoredRecord& other : records_of_case(tx, org_id, spell, record_type::referral)) {
        if (other.record.id == referral_id) continue;
        ValidationResult ignored;
        const ReferralRecord r = decode_referral(other.record.data, other.record.id, ignored);
        if (r.kind != ReferralKind::fast_track || r.status == ReferralStatus::draft ||
            r.status == ReferralStatus::closed)
            continue;
        ValidationResult result;
        result.add("spell_id", "already_requested", r.sent_on ? r.sent_on->danish() : std::string());
        throw errors::validation(result.to_json());
    }
}

// Routing (docs/referrals.md): a fast-track request goes to the jobcentre of the employee's home
// municipality, which must be known; a contact request about an employee to their home
// municipality's jobcentre, or the employer's own. A contact request about nobody may go anywhere.
void check_routing(Transaction& tx, const std::string& org_id, const ReferralRecord& referral,
                   const std::optional<StoredRecord>& employee) {
    std::string home;
    if (employee) {
        ValidationResult ignored;
        home = decode_employee(employee->record.data, employee->record.id, ignored).home_municipality;
    }
    ValidationResult result;
    if (referral.kind == ReferralKind::fast_track) {
        if (home.empty()) result.add("municipality_code", "home_municipality_unknown");
        else if (referral.municipality_code != home) result.add("municipality_code", "not_home_municipality", home);
    } else if (employee) {
        std::string own;
        if (const auto organisation = tx.find_organisation(org_id))
            if (const Municipality* m = referral_assets().municipalities.find_by_name(organisation->municipality))
                own = m->code;
        const std::string& code = referral.municipality_code;
        const bool allowed = (!home.empty() && code == home) || (!own.empty() && code == own);
        if (!allowed && home.empty() && own.empty()) result.add("municipality_code", "home_municipality_unknown");
        else if (!allowed) result.add("municipality_code", "not_home_municipality", home.empty() ? own : home);
    }
    if (!result.ok()) throw errors::validation(result.to_json());
}

} // namespace

const ReferralAssets& referral_assets() {
    static const ReferralAssets assets = load_referral_assets();
    return assets;
}

void throw_referral_invalid(const ValidationResult& result) {
    const bool shape = std::any_of(result.errors().begin(), result.errors().end(),
                                   [](const FieldError& e) { return e.code == "type"; });
    if (shape) throw errors::bad_request(result.to_json());
    throw errors::validation(result.to_json());
}

void prepare_referral(Transaction& tx, const AuthContext& who, const Change& change, const StoredRecord* existing,
                      const ShippedTemplates& templates, Date today, const std::string& now, RecordWrite& write) {
    const ReferralAssets& assets = referral_assets();
    std::optional<ReferralRecord> before;
    if (existing) {
        ValidationResult ignored; // written by this server after the same checks
        before = decode_referral(existing->record.data, existing->record.id, ignored);
    }

    ValidationResult result;
    const ReferralRecord after = decode_referral(change.data, change.id, result);
    if (!result.ok()) throw_referral_invalid(result);

    // Who it is about: a live employee of the organisation (whom the user may see), and the case a
    // live absence spell of that employee. A contact request may name neither.
    std::optional<StoredRecord> employee;
    if (!after.employee_id.empty()) {
        employee = live_record(tx, who.org_id(), after.employee_id, record_type::employee);
        if (employee && !can_see(who.user, *employee)) throw errors::not_found();
        if (!employee) result.add("employee_id", "unknown_reference");
    }
    std::optional<AbsenceSpell> spell;
    std::optional<StoredRecord> stored_spell;
    if (!after.spell_id.empty()) {
        stored_spell = live_record(tx, who.org_id(), after.spell_id, record_type::absence_spell);
        if (!stored_spell || after.employee_id.empty() || stored_spell->employee_id != after.employee_id) {
            result.add("spell_id", "unknown_reference");
        } else {
            ValidationResult ignored;
            spell = decode_absence_spell(stored_spell->record.data, stored_spell->record.id, ignored);
        }
    }

    if (!before) {
        // A new referral is filled with its kind's template exactly as the portal ships it.
        const std::string expected_id(template_id_of(after.kind));
        const std::string name = after.template_id + " v" + std::to_string(after.template_version);
        const FormTemplate* shipped =
            after.template_id == expected_id ? templates.find(expected_id, after.template_version) : nullptr;
        if (!shipped) result.add("template_id", "unknown_value", name);
        else if (after.template_snapshot != template_snapshot(*shipped))
            result.add("template_snapshot", "mismatch", name);
    }
    if (!result.ok()) throw errors::validation(result.to_json());

    ReferralEmployer employer;
    employer.organisation_id = who.org_id();
    if (const auto organisation = tx.find_organisation(who.org_id())) {
        employer.name = organisation->name;
        employer.cvr = organisation->cvr;
    }
    EmployerChange applied = apply_employer_change(before ? &*before : nullptr, after, assets.municipalities, today,
                                                   now, who.user.user.name, employer);
    if (!applied.errors.ok()) throw errors::validation(applied.errors.to_json());
    if (applied.sent_now) check_routing(tx, who.org_id(), applied.stored, employee);
    if (applied.sent_now && applied.stored.kind == ReferralKind::fast_track) {
        if (!spell) {
            ValidationResult missing;
            missing.add("spell_id", "required");
            throw errors::validation(missing.to_json());
        }
        check_request_date(applied.stored, today);
        check_fast_track_window(applied.stored, *spell, today);
        check_no_open_request(tx, who.org_id(), *stored_spell, change.id);
    }

    write.data = to_json(applied.stored);
    if (employee) {
        write.scope_department = employee->scope_department;
        write.employee_id = applied.stored.employee_id;
    }
    // About nobody: no scope, so only admin and HR see it (access.cpp).
}

std::optional<InboxRow> inbox_row_of(const std::string& org_id, const std::string& record_id,
                                     const ReferralRecord& referral, const std::string& now) {
    if (referral.status == ReferralStatus::draft || !referral.sent_on) return std::nullopt;
    return InboxRow{record_id,
                    org_id,
                    referral.municipality_code,
                    std::string(to_string(referral.kind)),
                    std::string(to_string(referral.status)),
                    referral.sent_on->iso(),
                    now};
}

void update_inbox_of(Transaction& tx, const std::string& org_id, const RecordWrite& write) {
    if (write.deleted) return;
    ValidationResult ignored;
    const ReferralRecord referral = decode_referral(write.data, write.id, ignored);
    if (const auto row = inbox_row_of(org_id, write.id, referral, write.updated_at)) tx.upsert_inbox(*row);
}

bool is_closed_referral(const StoredRecord& record) {
    const auto status = record.record.data.find("status");
    return status != record.record.data.end() && status->is_string() &&
           status->get_ref<const std::string&>() == to_string(ReferralStatus::closed);
}

void refuse_sent_referral_delete(const StoredRecord& existing) {
    const auto status = existing.record.data.find("status");
    if (status != existing.record.data.end() && status->is_string() &&
        status->get_ref<const std::string&>() == to_string(ReferralStatus::draft))
        return;
    ValidationResult result;
    result.add("status", "sent_locked");
    throw errors::validation(result.to_json());
}

} // namespace naervaer::server
