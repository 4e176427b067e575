#include "naervaer/server/provisioning.hpp"

#include "auth/passwords.hpp"
#include "auth/tokens.hpp"
#include "clock.hpp"
#include "naervaer/identifiers.hpp"
#include "services/auth_service.hpp"
#include "services/referral_sync.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <algorithm>

namespace naervaer::server {

std::optional<ProvisionedOrganisation> create_organisation(const Config& config, const OrganisationSetup& setup,
                                                           std::string& error) {
    try {
        const auto kind = organisation_kind_from_string(setup.kind);
        if (!kind) {
            error = "unknown organisation kind: " + setup.kind + " (employer or jobcenter)";
            return std::nullopt;
        }
        Organisation organisation{new_id("org_"), setup.name, setup.cvr, setup.municipality};
        std::string municipality_code;
        if (*kind == OrganisationKind::jobcenter) {
            const Municipality* municipality = referral_assets().municipalities.find_by_code(setup.municipality_code);
            if (!municipality) {
                error = "unknown municipality code: " + setup.municipality_code;
                return std::nullopt;
            }
            municipality_code = municipality->code;
            organisation.municipality = municipality->name;
            if (organisation.name.empty()) organisation.name = municipality->jobcenter;
        }
        // A jobcentre needs no CVR: its municipality code says who it is.
        const ValidationResult checked = validate(organisation);
        const bool only_missing_cvr =
            *kind == OrganisationKind::jobcenter && organisation.cvr.empty() &&
            std::all_of(checked.errors().begin(), checked.errors().end(),
                        [](const FieldError& e) { return e.field == "cvr"; });
        if (!checked.ok() && !only_missing_cvr) {
            error = "invalid organisation (name, CVR or municipality)";
            return std::nullopt;
        }
        std::filesystem::create_directories(config.data_dir);
        sqlite::SqliteStore store(config.data_dir / "naervaer.sqlite3");
        const PasswordHasher hasher(config.password_hash_cost);
        const std::string now = iso_timestamp(effective_clock(config.clock)());

        ProvisionedOrganisation result;
        result.organisation_id = organisation.id;
        std::vector<UserRow> rows;
        for (const UserSetup& setup_user : setup.users) {
            UserRow row;
            row.org_id = organisation.id;
            row.user.id = new_id("u_");
            row.user.email = normalize_email(setup_user.email);
            row.user.name = setup_user.name;
            const auto role = role_from_string(setup_user.role);
            if (!role || !is_plausible_email(row.user.email)) {
                error = "invalid user: " + setup_user.email;
                return std::nullopt;
            }
            if ((*role == Role::consultant) != (*kind == OrganisationKind::jobcenter)) {
                error = "a jobcentre has consultants only, an employer none: " + setup_user.email;
                return std::nullopt;
            }
            row.user.role = *role;
            row.user.municipality_code = municipality_code;
            row.user.department_ids = setup_user.department_ids;
            ProvisionedUser provisioned{row.user.id, row.user.email, ""};
            if (setup_user.password.empty()) {
                provisioned.one_time_password = one_time_password();
                row.user.must_change_password = true;
            }
            row.password_hash = hasher.hash(setup_user.password.empty() ? provisioned.one_time_password
                                                                        : setup_user.password);
            rows.push_back(std::move(row));
            result.users.push_back(std::move(provisioned));
        }

        auto tx = store.write();
        for (const UserRow& row : rows) {
            if (tx->find_user_by_email(row.user.email)) {
                error = "e-mail already in use: " + row.user.email;
                return std::nullopt;
            }
        }
        tx->insert_organisation(organisation, now, *kind);
        for (const UserRow& row : rows) tx->insert_user(row, now);
        tx->commit();
        return result;
    } catch (const std::exception& e) {
        error = e.what();
        return std::nullopt;
    }
}

} // namespace naervaer::server
