#include "services/admin_service.hpp"

#include "auth/tokens.hpp"
#include "http/api_error.hpp"
#include "naervaer/identifiers.hpp"
#include "services/audit.hpp"
#include "services/auth_service.hpp"

#include <algorithm>

namespace naervaer::server {

namespace {

void require_admin(const AuthContext& who) {
    if (who.role() != Role::admin) throw errors::forbidden();
}

// Checks name, role and departments; a team leader's departments must be live department
// records of the organisation. Other roles see everything, so their department list is cleared.
void check_user_fields(Transaction& tx, const std::string& org_id, UserRow& row, const std::string& role_text,
                       FieldErrors& fields) {
    if (row.user.name.find_first_not_of(" \t") == std::string::npos || row.user.name.size() > limits::name_length ||
        !is_clean_text(row.user.name, false)) {
        fields.add("name", "required", "Skal udfyldes", "Required");
    }
    // Consultants belong to jobcentre organisations and are provisioned by the operator
    // (docs/configuration.md), never created by an employer's admin.
    if (const auto role = role_from_string(role_text); role && *role != Role::consultant) {
        row.user.role = *role;
    } else {
        fields.add("role", "unknown_value", "Ukendt rolle", "Unknown role");
    }
    if (row.user.role != Role::team_leader) {
        row.user.department_ids.clear();
        return;
    }
    for (const std::string& department : row.user.department_ids) {
        const auto found = is_valid_id(department) ? tx.find_record(department) : std::nullopt;
        if (!found || found->org_id != org_id || found->record.type != record_type::department ||
            found->record.deleted) {
            fields.add("department_ids", "unknown_reference", "Findes ikke eller er ikke tilgængelig",
                       "Does not exist or is not accessible");
        }
    }
}

} // namespace

AdminService::AdminService(Store& store, WriteBatcher& writer, const PasswordHasher& hasher, Clock clock)
    : store_(store), writer_(writer), hasher_(hasher), clock_(std::move(clock)) {}

std::vector<UserRow> AdminService::list_users(const AuthContext& who) {
    require_admin(who);
    auto tx = store_.read();
    return tx->list_users(who.org_id());
}

CreatedUser AdminService::create_user(const AuthContext& who, const NewUser& request) {
    require_admin(who);
    CreatedUser created;
    UserRow& row = created.user;
    row.org_id = who.org_id();
    row.user.id = new_id("u_");
    row.user.email = normalize_email(request.email);
    row.user.name = request.name;
    row.user.department_ids = request.department_ids;
    row.user.must_change_password = true;
    row.active = true;

    // Hash before taking the write lock: Argon2 is the slow part.
    created.one_time_password = one_time_password();
    row.password_hash = hasher_.hash(created.one_time_password);

    const std::string now = iso_timestamp(clock_());
    auto tx = store_.write();
    FieldErrors fields;
    if (!is_plausible_email(row.user.email)) {
        fields.add("email", "invalid_email", "Ugyldig e-mailadresse", "Invalid e-mail address");
    } else if (tx->find_user_by_email(row.user.email)) {
        fields.add("email", "taken", "E-mailadressen er allerede i brug", "The e-mail address is already in use");
    }
    check_user_fields(*tx, who.org_id(), row, request.role, fields);
    if (!fields.empty()) throw errors::validation(fields.json());

    tx->insert_user(row, now);
    tx->append_audit(audit_entry(who, now, audit_action::user_created, "", "",
                                 {{"user_id", row.user.id}, {"role", std::string(to_string(row.user.role))}}));
    tx->commit();
    return created;
}

UserRow AdminService::update_user(const AuthContext& who, const std::string& user_id, const UserPatch& patch) {
    require_admin(who);
    const std::string now = iso_timestamp(clock_());
    auto tx = store_.write();
    auto row = tx->find_user(who.org_id(), user_id);
    if (!row) throw errors::not_found();

    if (patch.name) row->user.name = *patch.name;
    if (patch.department_ids) row->user.department_ids = *patch.department_ids;
    if (patch.active) row->active = *patch.active;
    FieldErrors fields;
    check_user_fields(*tx, who.org_id(), *row, patch.role.value_or(std::string(to_string(row->user.role))), fields);
    // An admin cannot lock themselves out; another admin can demote or deactivate them.
    if (user_id == who.user_id() && (row->user.role != Role::admin || !row->active)) {
        fields.add(patch.active && !*patch.active ? "active" : "role", "self_lockout",
                   "Du kan ikke fjerne din egen administratoradgang", "You cannot remove your own admin access");
    }
    if (!fields.empty()) throw errors::validation(fields.json());

    tx->update_user(*row, now);
    // A deactivated user is logged out everywhere at once; a changed role or department list
    // takes effect on their next request, which re-reads the user.
    if (!row->active) tx->delete_sessions_of_user(row->user.id);
    tx->append_audit(audit_entry(who, now, audit_action::user_updated, "", "",
                                 {{"user_id", row->user.id},
                                  {"role", std::string(to_string(row->user.role))},
                                  {"active", row->active}}));
    tx->commit();
    return *row;
}

std::string AdminService::reset_password(const AuthContext& who, const std::string& user_id) {
    require_admin(who);
    const std::string password = one_time_password();
    const std::string hash = hasher_.hash(password);
    const std::string now = iso_timestamp(clock_());
    auto tx = store_.write();
    auto row = tx->find_user(who.org_id(), user_id);
    if (!row) throw errors::not_found();
    row->password_hash = hash;
    row->user.must_change_password = true;
    tx->update_user(*row, now);
    tx->delete_sessions_of_user(row->user.id);
    tx->append_audit(audit_entry(who, now, audit_action::password_reset, "", "", {{"user_id", row->user.id}}));
    tx->commit();
    return password;
}

std::vector<AuditEntry> AdminService::audit(const AuthContext& who, const std::string& record_id,
                                            std::size_t limit) {
    require_admin(who);
    // Pull and read rows are written a few milliseconds after their answer; an admin looking
    // at the log sees every access answered before this request.
    writer_.flush();
    auto tx = store_.read();
    return tx->list_audit(who.org_id(), record_id, std::clamp<std::size_t>(limit, 1, 1000));
}

Organisation AdminService::update_organisation(const AuthContext& who, const OrganisationPatch& patch) {
    require_admin(who);
    const std::string now = iso_timestamp(clock_());
    auto tx = store_.write();
    auto organisation = tx->find_organisation(who.org_id());
    if (!organisation) throw errors::not_found();
    if (patch.name) organisation->name = *patch.name;
    if (patch.cvr) organisation->cvr = *patch.cvr;
    if (patch.municipality) organisation->municipality = *patch.municipality;
    nlohmann::json detail = nlohmann::json::object();
    if (patch.record_retention_years) {
        const long long years = *patch.record_retention_years;
        // A number far outside int still fails the range check instead of wrapping.
        organisation->record_retention_years =
            years < retention_limits::min_years || years > retention_limits::max_years ? -1 : static_cast<int>(years);
        detail["record_retention_years"] = years;
    }
    const ValidationResult result = validate(*organisation);
    if (!result.ok()) throw errors::validation(result.to_json());
    tx->update_organisation(*organisation);
    tx->append_audit(audit_entry(who, now, audit_action::organisation_updated, "", "", std::move(detail)));
    tx->commit();
    return *organisation;
}

std::vector<DeletionEntry> AdminService::deletions(const AuthContext& who, std::size_t limit) {
    require_admin(who);
    auto tx = store_.read();
    return tx->list_deletions(who.org_id(), std::clamp<std::size_t>(limit, 1, 1000));
}

} // namespace naervaer::server
