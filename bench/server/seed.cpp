// Seeds the scaled demo organisation (5,000 employees and 50,000 spells by default) into a data
// folder, for the server benchmark:  naervaer-seed DATA_DIR [EMPLOYEES SPELLS]
#include "naervaer/server/demo.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: naervaer-seed DATA_DIR [EMPLOYEES SPELLS]\n");
        return 2;
    }
    naervaer::server::Config config;
    config.data_dir = argv[1];
    naervaer::server::demo::ScaledOptions options;
    if (argc >= 4) {
        options.employees = std::atoi(argv[2]);
        options.spells = std::atoi(argv[3]);
    }
    const auto start = std::chrono::steady_clock::now();
    std::string error;
    if (!naervaer::server::demo::seed_scaled(config, options, error)) {
        std::fprintf(stderr, "seed failed: %s\n", error.c_str());
        return 1;
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("seeded %d employees and %d spells in %.1f s\n", options.employees, options.spells, s);
    return 0;
}
