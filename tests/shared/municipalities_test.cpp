// The jobcentres' data: the 98 municipalities with their codes, regions and jobcentres
// (assets/jobcenter/municipalities.json), Lyngby-Taarbæk's service catalogue
// (assets/jobcenter/services.json, seed 000) and the West Jutland jobcentres' service standards
// (assets/jobcenter/service_standards.json, seed 001). The shipped files are read, not copies of
// them.
#include "naervaer/municipalities.hpp"
#include "naervaer/referral.hpp"
#include "naervaer/service_catalogue.hpp"

#include "assets_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

using namespace naervaer;
using naervaer::test::read_asset;

namespace {

const Municipalities& shipped_municipalities() {
    static const Municipalities all = [] {
        auto parsed = parse_municipalities(read_asset("jobcenter/municipalities.json"));
        for (const auto& e : parsed.errors)
            MESSAGE("municipalities.json: " << e);
        REQUIRE(parsed.ok());
        return *parsed.municipalities;
    }();
    return all;
}

const ServiceCatalogue& shipped_catalogue() {
    static const ServiceCatalogue c = [] {
        auto parsed = parse_service_catalogue(read_asset("jobcenter/services.json"));
        for (const auto& e : parsed.errors)
            MESSAGE("services.json: " << e);
        REQUIRE(parsed.ok());
        return *parsed.catalogue;
    }();
    return c;
}

std::string name_of(std::string_view code) {
    const Municipality* m = shipped_municipalities().find_by_code(code);
    return m ? m->name : "(none)";
}

std::string code_of_name(std::string_view name) {
    const Municipality* m = shipped_municipalities().find_by_name(name);
    return m ? m->code : "(none)";
}

bool has_error(const std::vector<std::string>& errors, std::string_view text) {
    return std::any_of(errors.begin(), errors.end(), [&](const auto& e) { return e.find(text) != std::string::npos; });
}

std::vector<std::string> requirement_ids(const JobcenterService& s) {
    std::vector<std::string> out;
    for (const auto& r : s.counter_requirements)
        out.push_back(r.id);
    return out;
}

} // namespace

TEST_CASE("municipalities: all 98, each code 3 digits and unique, each name unique") {
    const auto& all = shipped_municipalities();
    CHECK(all.list.size() == 98);
    std::set<std::string> codes, names;
    for (const auto& m : all.list) {
        INFO(m.code << " " << m.name);
        CHECK(m.code.size() == 3);
        CHECK(std::all_of(m.code.begin(), m.code.end(), [](char c) { return c >= '0' && c <= '9'; }));
        codes.insert(m.code);
        names.insert(m.name);
        CHECK(m.jobcenter.starts_with("Jobcenter "));
    }
    CHECK(codes.size() == 98);
    CHECK(names.size() == 98);
    // The file lists them in code order.
    CHECK(std::is_sorted(all.list.begin(), all.list.end(), [](const auto& a, const auto& b) { return a.code < b.code; }));
}

TEST_CASE("municipalities: the five regions hold 29, 17, 22, 19 and 11 municipalities") {
    std::map<std::string, int> per_region;
    for (const auto& m : shipped_municipalities().list)
        ++per_region[m.region];
    CHECK(per_region == std::map<std::string, int>{{"Region Hovedstaden", 29},
                                                   {"Region Sjælland", 17},
                                                   {"Region Syddanmark", 22},
                                                   {"Region Midtjylland", 19},
                                                   {"Region Nordjylland", 11}});
}

TEST_CASE("municipalities: known codes, names, regions and jobcentres") {
    CHECK(name_of("101") == "København");
    CHECK(name_of("147") == "Frederiksberg");
    CHECK(name_of("173") == "Lyngby-Taarbæk");
    CHECK(name_of("217") == "Helsingør");
    CHECK(name_of("250") == "Frederikssund");
    CHECK(name_of("260") == "Halsnæs");
    CHECK(name_of("270") == "Gribskov");
    CHECK(name_of("336") == "Stevns");
    CHECK(name_of("400") == "Bornholm");
    CHECK(name_of("461") == "Odense");
    CHECK(name_of("492") == "Ærø");
    CHECK(name_of("563") == "Fanø");
    CHECK(name_of("573") == "Varde");
    CHECK(name_of("621") == "Kolding");
    CHECK(name_of("615") == "Horsens");
    CHECK(name_of("741") == "Samsø");
    CHECK(name_of("751") == "Aarhus");
    CHECK(name_of("825") == "Læsø");
    CHECK(name_of("851") == "Aalborg");
    CHECK(name_of("860") == "Hjørring");
    // Christiansø (411) is run by the state, not a municipality; codes are exactly 3 digits.
    CHECK(name_of("411") == "(none)");
    CHECK(name_of("86") == "(none)");
    CHECK(name_of("0860") == "(none)");

    const auto& all = shipped_municipalities();
    CHECK(all.find_by_code("860")->jobcenter == "Jobcenter Hjørring");
    CHECK(all.find_by_code("860")->region == "Region Nordjylland");
    CHECK(all.find_by_code("101")->region == "Region Hovedstaden");
    CHECK(all.find_by_code("400")->region == "Region Hovedstaden"); // Bornholm
    CHECK(all.find_by_code("615")->region == "Region Midtjylland");  // Horsens, between Syddanmark's codes
    CHECK(all.find_by_code("253")->region == "Region Sjælland");     // Greve, between Hovedstaden's codes
    CHECK(all.find_by_code("480")->jobcenter == "Jobcenter Nordfyn");
    CHECK(all.find_by_code("820")->jobcenter == "Jobcenter Vesthimmerland");
}

TEST_CASE("municipalities: found by name ignoring case (also æøå), spaces, hyphens and \"Kommune\"") {
    CHECK(code_of_name("Hjørring") == "860");
    CHECK(code_of_name("hjørring") == "860");
    CHECK(code_of_name("HJØRRING") == "860");
    CHECK(code_of_name("  Hjørring Kommune ") == "860");
    CHECK(code_of_name("ÆRØ") == "492");
    CHECK(code_of_name("læsø") == "825");
    CHECK(code_of_name("LYNGBY-TAARBÆK") == "173");
    CHECK(code_of_name("Høje Taastrup") == "169");
    CHECK(code_of_name("Ringkøbing - Skjern") == "760");
    CHECK(code_of_name("Århus") == "751"); // alias: the spelling before 2011
    CHECK(code_of_name("århus kommune") == "751");
    CHECK(code_of_name("Nordfyn") == "480");
    CHECK(code_of_name("Nordfyns Kommune") == "480");
    // No guessing: a part of a name, an unknown name or nothing finds nothing.
    CHECK(code_of_name("Lyngby") == "(none)");
    CHECK(code_of_name("Christiansø") == "(none)");
    CHECK(code_of_name("") == "(none)");
    CHECK(code_of_name("Kommune") == "(none)");
}

TEST_CASE("municipalities: the official genitive names Københavns Kommune and Bornholms Regionskommune") {
    // The official names (DAGI): "Københavns Kommune" and "Bornholms Regionskommune", Bornholm
    // being the one regional municipality. Without the suffix the genitive is left: an alias.
    CHECK(code_of_name("Københavns Kommune") == "101");
    CHECK(code_of_name("KØBENHAVNS KOMMUNE") == "101");
    CHECK(code_of_name("Københavns") == "101");
    CHECK(code_of_name("Bornholms Regionskommune") == "400");
    CHECK(code_of_name("bornholms regionskommune") == "400");
    CHECK(code_of_name("Bornholms") == "400");
    CHECK(code_of_name("Bornholm Regionskommune") == "400");
    CHECK(code_of_name("Bornholms Kommune") == "400");
    // The suffix alone is no name.
    CHECK(code_of_name("Regionskommune") == "(none)");

    // " regionskommune" is dropped by the comparison itself, not only found through the aliases: a
    // file without them still finds "Bornholm Regionskommune".
    const auto bare = parse_municipalities(
        R"({"schema": 1, "source": "t", "municipalities": [{"code": "400", "name": "Bornholm", "region": "Region Hovedstaden", "jobcenter": "Jobcenter Bornholm"}]})");
    REQUIRE(bare.ok());
    REQUIRE(bare.municipalities->find_by_name("Bornholm Regionskommune") != nullptr);
    CHECK(bare.municipalities->find_by_name("Bornholm Regionskommune")->code == "400");
    CHECK(bare.municipalities->find_by_name("Bornholms Regionskommune") == nullptr); // the genitive is the alias's job
}

TEST_CASE("municipalities: the parser refuses malformed files") {
    auto errors = [](std::string_view text) { return parse_municipalities(text).errors; };
    const char* head = R"({"schema": 1, "source": "test", "municipalities": [)";
    auto file = [&](std::string rows) { return std::string(head) + rows + "]}"; };
    const std::string good = R"({"code": "101", "name": "København", "region": "Region Hovedstaden", "jobcenter": "Jobcenter København"})";
    CHECK(parse_municipalities(file(good)).ok());
    CHECK(has_error(errors("not json"), "not valid JSON"));
    CHECK(has_error(errors(file(good + "," + good)), "municipalities[1].code: duplicate code 101"));
    CHECK(has_error(errors(file(R"({"code": "86", "name": "Hjørring", "region": "R", "jobcenter": "J"})")),
                    "municipalities[0].code: expected 3 digits"));
    CHECK(has_error(errors(file(R"({"code": "860", "name": "Hjørring", "region": "R", "jobcenter": "J", "zip": "9800"})")),
                    "municipalities[0].zip: unknown field"));
    CHECK(has_error(errors(file(R"({"code": "860", "name": "", "region": "R", "jobcenter": "J"})")),
                    "municipalities[0].name: must not be empty"));
    // A name (or alias) that folds to another's is a duplicate: find_by_name would be ambiguous.
    CHECK(has_error(errors(file(good + R"(, {"code": "147", "name": "Frederiksberg", "region": "R", "jobcenter": "J", "aliases": ["KØBENHAVN"]})")),
                    "municipalities[1].name: duplicate name"));
    CHECK(has_error(errors(R"({"schema": 2, "source": "x", "municipalities": []})"), "schema: unsupported schema version 2"));
}

TEST_CASE("service catalogue: seed 000's basic and extended package, theme by theme") {
    const auto& c = shipped_catalogue();
    CHECK(c.title_da == "Servicepakke til fastholdelse af medarbejdere");
    CHECK(c.municipality_code == "173"); // Lyngby-Taarbæk
    REQUIRE(shipped_municipalities().find_by_code(c.municipality_code) != nullptr);
    CHECK(shipped_municipalities().find_by_code(c.municipality_code)->name == "Lyngby-Taarbæk");
    REQUIRE(c.packages.size() == 2);
    CHECK(c.packages[0].id == "basic");
    CHECK(c.packages[0].title_da == "Grundpakke");
    CHECK(c.packages[1].id == "extended");
    CHECK(c.packages[1].title_da == "Udvidet pakke");
    // The seed's four rows.
    std::vector<std::string> themes;
    for (const auto& t : c.themes)
        themes.push_back(t.title_da);
    CHECK(themes == std::vector<std::string>{"Formidling af viden om forebyggelse og fastholdelse",
                                             "Hjælp til plan for forebyggelse og fastholdelse",
                                             "Fastholdelsesindsats (til afklaring og delvis raskmelding)",
                                             "Fastholdelsesindsats (opretholdelse af arbejdsfunktion)"});
    // The seed's bullets under "Service": 2 + 4 + 5 + 7 in the basic package (the last row's one
    // cell read as basic, docs/referrals.md), 1 + 1 + 2 in the extended one.
    CHECK(c.services.size() == 22);
    CHECK(c.in_package("basic").size() == 18);
    CHECK(c.in_package("extended").size() == 4);
    CHECK(c.in_package("premium").empty());
    for (const auto& s : c.services) {
        INFO(s.id);
        CHECK_FALSE(s.title_da.empty());
        CHECK_FALSE(s.title_en.empty());
        CHECK(s.description_da.starts_with("Der tilbydes") != s.description_da.starts_with("Det tilbydes"));
        CHECK_FALSE(s.description_en.empty());
    }
    CHECK(c.note_da.find("der bor i Lyngby") != std::string::npos);
}

TEST_CASE("service catalogue: each service shows the counter-requirements that apply to it") {
    const auto& c = shipped_catalogue();
    auto service = [&](std::string_view id) -> const JobcenterService& {
        const JobcenterService* s = c.find(id);
        REQUIRE_MESSAGE(s != nullptr, "no service " << id);
        return *s;
    };
    // Basic "Hjælp til plan": the cell's one modkrav applies to all four services.
    CHECK(requirement_ids(service("round_table")) == std::vector<std::string>{"early_action"});
    CHECK(requirement_ids(service("hotline")) == std::vector<std::string>{"early_action"});
    CHECK(service("round_table").counter_requirements[0].text_da.find("mere end 8 ugers sygdom") != std::string::npos);
    // Basic "afklaring og delvis raskmelding": each modkrav names its service.
    const auto& partial = service("partial_return");
    CHECK(partial.package == "basic");
    CHECK(partial.theme == "clarification");
    CHECK(requirement_ids(partial) == std::vector<std::string>{"graded_hours"});
    CHECK(partial.counter_requirements[0].text_da ==
          "Ved delvis raskmelding skal der være indgået aftale om plan for optrapning af arbejdstid.");
    CHECK(requirement_ids(service("work_placement")) ==
          std::vector<std::string>{"placement_not_production", "placement_plan"});
    CHECK(requirement_ids(service("retention_consultant")) == std::vector<std::string>{"prevention_plan"});
    CHECK(requirement_ids(service("disability_information")).empty());
    CHECK(requirement_ids(service("wage_subsidy")).empty());
    // Extended cells: expectations of the company, for every service of the cell.
    CHECK(service("contact_person").package == "extended");
    CHECK(requirement_ids(service("contact_person")) ==
          std::vector<std::string>{"open_to_partial_return", "prevention_dialogue"});
    CHECK(requirement_ids(service("form_help")) == requirement_ids(service("contact_person")));
    CHECK(requirement_ids(service("talk")) == std::vector<std::string>{"active_prevention"});
    // The last row.
    CHECK(requirement_ids(service("section_56")) == std::vector<std::string>{"retention_agreement"});
    CHECK(requirement_ids(service("occupational_therapist")) == std::vector<std::string>{"agreed_accommodations"});
    CHECK(requirement_ids(service("mentor")).empty());
    // The first row's basic cell has no modkrav.
    CHECK(requirement_ids(service("information")).empty());
    CHECK(c.find("no_such_service") == nullptr);
}

TEST_CASE("service catalogue: the parser refuses malformed catalogues") {
    auto parse = [](std::string offers) {
        return parse_service_catalogue(
            R"({"schema": 1, "id": "c", "municipality_code": "173", "title_da": "T", "title_en": "T", "source": "s",
                "packages": [{"id": "basic", "title_da": "Grundpakke", "title_en": "Basic"}],
                "themes": [{"id": "t", "title_da": "T", "title_en": "T", "offers": [)" +
            offers + "]}]}");
    };
    const std::string service_a = R"({"id": "a", "title_da": "A", "title_en": "A", "description_da": "D", "description_en": "D"})";
    const std::string service_b = R"({"id": "b", "title_da": "B", "title_en": "B", "description_da": "D", "description_en": "D"})";
    auto ok = parse(R"({"package": "basic", "services": [)" + service_a + "," + service_b +
                    R"(], "counter_requirements": [{"id": "r", "text_da": "R", "text_en": "R", "applies_to": ["b"]}]})");
    REQUIRE(ok.ok());
    CHECK(ok.catalogue->find("a")->counter_requirements.empty());
    CHECK(ok.catalogue->find("b")->counter_requirements.size() == 1);

    CHECK(has_error(parse(R"({"package": "gold", "services": [)" + service_a + R"(], "counter_requirements": []})").errors,
                    "themes[0].offers[0].package: unknown package \"gold\""));
    CHECK(has_error(parse(R"({"package": "basic", "services": [)" + service_a + "," + service_a +
                          R"(], "counter_requirements": []})")
                        .errors,
                    "duplicate service id \"a\""));
    // A counter-requirement may only name services of its own cell.
    CHECK(has_error(parse(R"({"package": "basic", "services": [)" + service_a +
                          R"(], "counter_requirements": [{"id": "r", "text_da": "R", "text_en": "R", "applies_to": ["b"]}]})")
                        .errors,
                    "\"b\" is not a service of this offer"));
    CHECK(has_error(parse(R"({"package": "basic", "services": [{"id": "a", "title_da": "A", "title_en": "A", "description_da": "D"}], "counter_requirements": []})")
                        .errors,
                    "services[0].description_en: is required"));
}

// ---- service standards (seed 001) ----------------------------------------------------------------

TEST_CASE("service standards: the 8 jobcentres of West Jutland promise them, the rest have the portal's targets") {
    auto parsed = parse_service_standards(read_asset("jobcenter/service_standards.json"));
    for (const auto& e : parsed.errors)
        MESSAGE("service_standards.json: " << e);
    REQUIRE(parsed.ok());
    const ServiceStandards& standards = *parsed.standards;
    CHECK(check_service_standards(standards, shipped_municipalities()).empty());
    REQUIRE(standards.agreements.size() == 2);
    const ServiceStandardAgreement& west = standards.agreements[0];
    const ServiceStandardAgreement& portal = standards.agreements[1];
    CHECK_FALSE(west.is_default);
    CHECK(portal.is_default);
    CHECK(portal.municipality_codes.empty());
    // Seed 001: "De 8 jobcentre i landsdel Vestjylland"; Danmarks Statistik's landsdel Vestjylland
    // is these 8 municipalities, all in Region Midtjylland.
    std::set<std::string> names;
    for (const auto& code : west.municipality_codes) {
        const Municipality* m = shipped_municipalities().find_by_code(code);
        REQUIRE_MESSAGE(m != nullptr, code);
        CHECK(m->region == "Region Midtjylland");
        names.insert(m->name);
    }
    CHECK(names == std::set<std::string>{"Herning", "Holstebro", "Ikast-Brande", "Lemvig", "Ringkøbing-Skjern",
                                         "Skive", "Struer", "Viborg"});
    CHECK(standards.for_municipality("657") == &west); // Herning
    // København promised nothing of its own: the portal's targets.
    CHECK(standards.for_municipality("101") == &portal);
    CHECK(standards.for_municipality("740") == &portal); // Silkeborg: Vestjylland's storkreds, not its landsdel
    CHECK(standards.for_municipality("860") == &portal); // Hjørring
    CHECK(standards.for_municipality("") == nullptr);    // no jobcentre named: nothing to measure
    // The targets are the same service times, said to be the portal's.
    REQUIRE(portal.standards.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(portal.standards[i].id == west.standards[i].id);
        CHECK(portal.standards[i].working_days == west.standards[i].working_days);
        CHECK(portal.standards[i].title_da.find("standardmål") != std::string::npos);
    }

    // Standards 1 and 2 of the seed, as data; standard 3 has no date.
    REQUIRE(west.standards.size() == 2);
    CHECK(west.standards[0].id == "acknowledged_same_working_day");
    CHECK(west.standards[0].measures == StandardMeasure::acknowledged);
    CHECK(west.standards[0].working_days == 0);
    CHECK(west.standards[1].id == "meeting_within_5_working_days");
    CHECK(west.standards[1].measures == StandardMeasure::meeting);
    CHECK(west.standards[1].working_days == 5);
    CHECK(west.standards[1].source.find("seed 001") != std::string::npos);
}

TEST_CASE("service standards: the parser refuses malformed files") {
    auto errors = [](const std::string& text) { return parse_service_standards(text).errors; };
    auto file = [](const std::string& codes, const std::string& standard) {
        return R"({"schema": 1, "source": "s", "agreements": [{"id": "a", "title_da": "A", "title_en": "A", "source": "s", "municipality_codes": [)" +
               codes + R"(], "standards": [)" + standard + "]}]}";
    };
    const std::string standard =
        R"({"id": "ack", "measures": "acknowledged", "working_days": 0, "title_da": "K", "title_en": "A", "source": "s"})";
    CHECK(parse_service_standards(file(R"("657")", standard)).ok());
    CHECK(has_error(errors("not json"), "not valid JSON"));
    CHECK(has_error(errors(file(R"("65")", standard)), "agreements[0].municipality_codes[0]: expected a 3-digit"));
    CHECK(has_error(errors(file(R"("657", "657")", standard)), "municipality 657 is listed twice"));
    CHECK(has_error(errors(file(R"("657")", standard + "," + standard)), "agreements[0].standards[1].id: duplicate id"));
    std::string bad = standard;
    bad.replace(bad.find("acknowledged"), 12, "answered");
    CHECK(has_error(errors(file(R"("657")", bad)), "standards[0].measures: expected \"acknowledged\" or \"meeting\""));
    bad = standard;
    bad.replace(bad.find("\"working_days\": 0"), 17, "\"working_days\": 31");
    CHECK(has_error(errors(file(R"("657")", bad)), "standards[0].working_days: must be between 0 and 30"));
    bad = standard;
    bad.replace(bad.find("\"title_en\": \"A\", "), 17, "");
    CHECK(has_error(errors(file(R"("657")", bad)), "standards[0].title_en: is required"));
    CHECK(has_error(errors(file(R"("657")", standard.substr(0, standard.size() - 1) + R"(, "hours": 2})")),
                    "standards[0].hours: unknown field"));
    // A code in two agreements: one jobcentre, one set of promises.
    const std::string two = R"({"schema": 1, "source": "s", "agreements": [)"
                            R"({"id": "a", "title_da": "A", "title_en": "A", "source": "s", "municipality_codes": ["657"], "standards": [)" +
                            standard + R"(]}, {"id": "b", "title_da": "B", "title_en": "B", "source": "s", "municipality_codes": ["657"], "standards": [)" +
                            standard + "]}]}";
    CHECK(has_error(errors(two), "agreements[1].municipality_codes[0]: municipality 657 is listed twice"));
    // One default agreement at most, and it names no municipality.
    const std::string default_one = R"({"id": "d", "default": true, "title_da": "D", "title_en": "D", "source": "s", "standards": [)" +
                                    standard + "]}";
    const std::string defaults = R"({"schema": 1, "source": "s", "agreements": [)" + default_one + "," +
                                 default_one.substr(0, 8) + "e" + default_one.substr(9) + "]}";
    CHECK(has_error(errors(defaults), "agreements[1].default: only one agreement is the default"));
    const std::string default_with_codes =
        R"({"schema": 1, "source": "s", "agreements": [{"id": "d", "default": true, "title_da": "D", "title_en": "D", "source": "s", "municipality_codes": ["657"], "standards": [)" +
        standard + "]}]}";
    CHECK(has_error(errors(default_with_codes), "agreements[0].municipality_codes: the default agreement names no municipality"));
    CHECK(parse_service_standards(R"({"schema": 1, "source": "s", "agreements": [)" + default_one + "]}").ok());
    // A code that is 3 digits but no municipality: the check against municipalities.json.
    const auto unknown = parse_service_standards(file(R"("999")", standard));
    REQUIRE(unknown.ok());
    CHECK(check_service_standards(*unknown.standards, shipped_municipalities()) ==
          std::vector<std::string>{"agreements[0].municipality_codes[0]: no municipality 999"});
}
