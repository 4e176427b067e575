#pragma once
// The jobcentre data files (assets/jobcenter/*.json, docs/referrals.md), embedded at build time and
// parsed once, on first use: the 98 municipalities with their jobcentres, the service catalogue
// (seed 000) and the service standards (seed 001). A file that does not parse is an error listed
// for the developer and shown on the referral screens, never a crash.
#include <naervaer/municipalities.hpp>
#include <naervaer/referral.hpp>
#include <naervaer/service_catalogue.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace naervaer::client {

inline constexpr std::string_view municipalities_file = "jobcenter/municipalities.json";
inline constexpr std::string_view services_file = "jobcenter/services.json";
inline constexpr std::string_view service_standards_file = "jobcenter/service_standards.json";

struct LoadedJobcenter {
    Municipalities municipalities;         // empty list when the file failed
    std::optional<ServiceCatalogue> catalogue;
    ServiceStandards standards;            // no agreements when the file failed
    std::vector<std::string> errors;       // "jobcenter/services.json: ..." (for developers)

    // "Jobcenter Hjørring" for "860", or "" for an unknown code.
    std::string jobcenter_name(std::string_view code) const;
};

LoadedJobcenter load_jobcenter(std::string_view (*read)(std::string_view name));
// The embedded files, parsed on the first call (the same object afterwards).
const LoadedJobcenter& jobcenter_data();

} // namespace naervaer::client
