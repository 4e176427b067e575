#include "store/store.hpp"

namespace naervaer::server {

std::string_view to_string(OrganisationKind kind) {
    switch (kind) {
    case OrganisationKind::employer: return "employer";
    case OrganisationKind::jobcenter: return "jobcenter";
    }
    return "employer";
}

std::optional<OrganisationKind> organisation_kind_from_string(std::string_view text) {
    for (OrganisationKind kind : {OrganisationKind::employer, OrganisationKind::jobcenter})
        if (to_string(kind) == text) return kind;
    return std::nullopt;
}

} // namespace naervaer::server
