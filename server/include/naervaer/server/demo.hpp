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

// The jobcentres of the demo (organisations of kind jobcenter) and their retention consultants,
// who log in to the jobcentre inbox (docs/referrals.md). The demo organisation is in Hjørring; a few
// employees live in Herning, whose jobcentre has an unacknowledged contact request.
inline constexpr std::string_view jobcenter_hjoerring_id = "org_demo_jobcenter_860";
inline constexpr std::string_view consultant_hjoerring_email = "konsulent@jobcenter-hjoerring.demo";
inline constexpr std::string_view jobcenter_herning_id = "org_demo_jobcenter_657";
inline constexpr std::string_view consultant_herning_email = "konsulent@jobcenter-herning.demo";
inline constexpr std::string_view consultant_password = "demo-konsulent";

// The demo referrals: demo-emp-11's fast track to Hjørring (asked yesterday, received, meeting booked),
// a contact request to Herning sent on the last working day before today and not acknowledged, and
// a closed contact request to Hjørring about nobody in particular.
inline constexpr std::string_view fast_track_referral_id = "demo-ref-1001";
inline constexpr std::string_view herning_contact_request_id = "demo-ref-1002";
inline constexpr std::string_view closed_contact_request_id = "demo-ref-1003";

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
