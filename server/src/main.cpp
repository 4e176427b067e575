// naervaer-server: reads flags and environment into a Config and runs the server until SIGINT or
// SIGTERM. Everything else lives in naervaer_server_lib.
#include "cli.hpp"

#include "naervaer/server/provisioning.hpp"
#include "naervaer/server/server.hpp"

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
    using namespace naervaer::server;
    std::string error;
    const auto command = parse_command_line(std::vector<std::string>(argv + 1, argv + argc),
                                            [](const char* name) { return std::getenv(name); }, error);
    if (!command) {
        std::fprintf(stderr, "naervaer-server: %s\n\n%s", error.c_str(), usage().c_str());
        return 2;
    }
    if (command->show_help) {
        std::printf("%s", usage().c_str());
        return 0;
    }
    if (!command->create_jobcenter.empty()) {
        OrganisationSetup setup;
        setup.kind = "jobcenter";
        setup.municipality_code = command->create_jobcenter;
        for (const auto& consultant : command->consultants)
            setup.users.push_back({consultant.email, consultant.name, "consultant", "", {}});
        const auto created = create_organisation(command->config, setup, error);
        if (!created) {
            std::fprintf(stderr, "naervaer-server: create jobcentre: %s\n", error.c_str());
            return 1;
        }
        std::printf("Jobcentre organisation %s created. One-time passwords (changed at first login):\n",
                    created->organisation_id.c_str());
        for (const auto& user : created->users)
            std::printf("  %s  %s\n", user.email.c_str(), user.one_time_password.c_str());
        return 0;
    }
    if (command->run_retention) {
        const auto summary = run_retention_once(command->config, error);
        if (!summary) {
            std::fprintf(stderr, "naervaer-server: retention: %s\n", error.c_str());
            return 1;
        }
        std::printf("Retention: %zu conversation record(s), %zu agreement mark(s) and %zu closed referral(s) deleted "
                    "in %zu organisation(s)\n",
                    summary->records_deleted, summary->marks_deleted, summary->referrals_deleted,
                    summary->organisations);
        if (summary->failures > 0) {
            std::fprintf(stderr, "naervaer-server: retention failed for %zu organisation(s)\n", summary->failures);
            return 1;
        }
        return 0;
    }
    return run_server(command->config);
}
