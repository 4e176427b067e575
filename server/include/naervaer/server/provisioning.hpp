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
    std::string role = "admin"; // admin | hr | team_leader (employer); consultant (jobcentre)
    // Empty: a one-time password is generated and must be changed at first login.
    std::string password;
    std::vector<std::string> department_ids; // department record ids (team leaders)
};

// An employer (admin, HR and team leaders) or a jobcentre (consultants of one municipality,
// docs/referrals.md).
struct OrganisationSetup {
    std::string kind = "employer"; // employer | jobcenter
    std::string name;              // jobcentre: empty = the municipality's jobcentre ("Jobcenter Hjørring")
    std::string cvr;               // checked with naervaer::is_valid_cvr; a jobcentre's may be empty
    std::string municipality;      // the municipality's name; a jobcentre's is taken from municipality_code
    std::string municipality_code; // jobcentre only: the 3-digit code its consultants serve
    std::vector<UserSetup> users;  // a jobcentre's are all consultants, an employer's never
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
// unknown role or kind, a role that does not fit the kind, an unknown municipality code) or the
// database cannot be opened. Safe while a server runs on the same directory.
std::optional<ProvisionedOrganisation> create_organisation(const Config& config, const OrganisationSetup& setup,
                                                           std::string& error);

} // namespace naervaer::server
