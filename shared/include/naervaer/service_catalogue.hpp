#pragma once
// A jobcentre's retention service catalogue (assets/jobcenter/services.json, from seed 000): a basic
// and an extended package, each a list of services (what the jobcentre offers) with the
// counter-requirements (modkrav: what it expects of the employer) shown beside them. An employer
// browses it and asks for a service through a contact request (docs/referrals.md). Parsing never
// throws: the wasm build has no exceptions.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace naervaer {

struct CatalogueText {
    std::string id;
    std::string title_da, title_en;
};

struct CounterRequirement {
    std::string id;
    std::string text_da, text_en;
};

struct JobcenterService {
    std::string id;      // unique in the catalogue; the contact request's option ids
    std::string package; // a package id: "basic" or "extended"
    std::string theme;   // a theme id (the seed's rows)
    std::string title_da, title_en;
    std::string description_da, description_en; // the seed's sentence (da) and its translation
    // The counter-requirements that apply to this service: those of its package cell that name
    // no service, and those that name it ("Ved delvis raskmelding ...").
    std::vector<CounterRequirement> counter_requirements;
};

struct ServiceCatalogue {
    std::string id;
    std::string municipality_code; // whose catalogue ("173" Lyngby-Taarbæk)
    std::string title_da, title_en;
    std::string source;
    std::string note_da, note_en;
    std::vector<CatalogueText> packages; // in file order
    std::vector<CatalogueText> themes;   // in file order
    std::vector<JobcenterService> services; // theme by theme, basic before extended

    const JobcenterService* find(std::string_view service_id) const;
    // The services of one package, in catalogue order.
    std::vector<const JobcenterService*> in_package(std::string_view package_id) const;
};

struct ServiceCatalogueParse {
    std::optional<ServiceCatalogue> catalogue; // set only when `errors` is empty
    std::vector<std::string> errors;           // "themes[1].offers[0].package: ..." (for developers)
    bool ok() const { return catalogue.has_value(); }
};

// Strict: unknown keys, a package id that is not declared, duplicate ids, a counter-requirement
// naming a service outside its own cell, and missing Danish or English texts are errors.
ServiceCatalogueParse parse_service_catalogue(std::string_view json_text);

} // namespace naervaer
