#include "naervaer/server/provisioning.hpp"

#include "auth/passwords.hpp"
#include "auth/tokens.hpp"
#include "clock.hpp"
#include "naervaer/identifiers.hpp"
#include "services/auth_service.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace naervaer::server {

std::optional<ProvisionedOrganisation> create_organisation(const Config& config, const OrganisationSetup& setup,
                                                           std::string& error) {
    try {
        const Organisation organisation{new_id("org_"), setup.name, setup.cvr, setup.municipality};
        if (!validate(organisation).ok()) {
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
            row.user.role = *role;
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
        tx->insert_organisation(organisation, now);
        for (const UserRow& row : rows) tx->insert_user(row, now);
        tx->commit();
        return result;
    } catch (const std::exception& e) {
        error = e.what();
        return std::nullopt;
    }
}

} // namespace naervaer::server
