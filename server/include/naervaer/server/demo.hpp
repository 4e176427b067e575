#pragma once
// The demo organisation: a Danish company in Hjørring with departments, employees and absence
// history, seeded into an empty database when Config::demo is on, with fixed logins. Dates are
// relative to today, so the demo always shows current cases.
#include "naervaer/server/server.hpp"

#include <array>
#include <string>
#include <string_view>

namespace naervaer::server::demo {

inline constexpr std::string_view organisation_name = "Vendsyssel Emballage ApS";
inline constexpr std::string_view admin_email = "admin@demo.naervaer.dk";
inline constexpr std::string_view admin_password = "demo-admin";
inline constexpr std::string_view hr_email = "hr@demo.naervaer.dk";
inline constexpr std::string_view hr_password = "demo-hr";
inline constexpr std::string_view leader_email = "leder@demo.naervaer.dk";
inline constexpr std::string_view leader_password = "demo-leder";

// Department record ids; the team leader leads the first two.
inline constexpr std::array<std::string_view, 4> department_ids = {"demo-dept-produktion", "demo-dept-lager",
                                                                    "demo-dept-kundeservice",
                                                                    "demo-dept-administration"};
inline constexpr std::array<std::string_view, 2> leader_department_ids = {"demo-dept-produktion",
                                                                           "demo-dept-lager"};

struct ScaledOptions {
    int employees = 5000;
    int spells = 50000;
    int departments = 20;
};

// Seeds a large demo organisation (same logins as the normal demo) into config.data_dir, in one
// transaction, for benchmarks. Does nothing and returns false with `error` set when the database
// already holds an organisation.
bool seed_scaled(const Config& config, const ScaledOptions& options, std::string& error);

} // namespace naervaer::server::demo
