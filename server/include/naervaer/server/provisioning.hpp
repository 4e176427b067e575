#pragma once
// Creating an organisation and its first users directly in the database: the portal has no
// public sign-up, so an operator (or a test) sets up each customer this way.
#include "naervaer/server/server.hpp"

#include <optional>
#include <string>
#include <vector>

namespace naervaer::server {

struct UserSetup {
    std::string email;
    std::string name;
    std::string role = "admin"; // admin | hr | team_leader
    // Empty: a one-time password is generated and must be changed at first login.
    std::string password;
    std::vector<std::string> department_ids; // department record ids (team leaders)
};

struct OrganisationSetup {
    std::string name;
    std::string cvr; // checked with naervaer::is_valid_cvr
    std::string municipality;
    std::vector<UserSetup> users;
};

struct ProvisionedUser {
    std::string id;
    std::string email;
    std::string one_time_password; // empty when a password was given
};

struct ProvisionedOrganisation {
    std::string organisation_id;
    std::vector<ProvisionedUser> users; // in the order given
};

// Opens (and migrates) the database in config.data_dir and creates the organisation and users in
// one transaction. Returns nothing and sets `error` when the input is invalid (CVR, e-mail taken,
// unknown role) or the database cannot be opened. Safe while a server runs on the same directory.
std::optional<ProvisionedOrganisation> create_organisation(const Config& config, const OrganisationSetup& setup,
                                                           std::string& error);

} // namespace naervaer::server
