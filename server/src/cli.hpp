#pragma once
// Command line and environment → Config. Flags win over the environment.
#include "naervaer/server/server.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace naervaer::server {

struct CommandLine {
    Config config;
    bool show_help = false;
    bool run_retention = false; // --run-retention: run the retention job once and exit
    // --create-jobcenter CODE with one or more --consultant EMAIL:NAME: provision the jobcentre of
    // the municipality with that code and its consultants (one-time passwords printed), then exit.
    std::string create_jobcenter;
    struct Consultant {
        std::string email;
        std::string name;
    };
    std::vector<Consultant> consultants;
};

// `getenv` is injected so tests need not touch the process environment. Returns nothing and sets
// `error` for an unknown flag, a missing value or a value that does not parse.
std::optional<CommandLine> parse_command_line(const std::vector<std::string>& args,
                                              const std::function<const char*(const char*)>& getenv,
                                              std::string& error);

std::string usage();

} // namespace naervaer::server
