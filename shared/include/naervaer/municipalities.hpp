#pragma once
// Denmark's 98 municipalities (assets/jobcenter/municipalities.json): the official 3-digit
// municipality code, the name, the region and the municipality's jobcentre. A fast-track referral or
// a contact request goes to the jobcentre of the employee's home municipality (docs/referrals.md).
// Parsing never throws: the wasm build has no exceptions.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace naervaer {

struct Municipality {
    std::string code;      // "101" .. "860": always 3 digits
    std::string name;      // "København", "Lyngby-Taarbæk", "Nordfyns"
    std::string region;    // "Region Hovedstaden"
    std::string jobcenter; // "Jobcenter København", "Jobcenter Nordfyn"
    std::vector<std::string> aliases; // other spellings find_by_name accepts ("Århus")
};

struct Municipalities {
    std::string source;
    std::vector<Municipality> list; // in code order, as in the file

    const Municipality* find_by_code(std::string_view code) const;
    // Case-insensitive (ASCII and æøå/ÆØÅ), ignoring surrounding spaces, a trailing "Kommune" or
    // "Regionskommune" and the difference between a hyphen and a space: "hjørring kommune",
    // "HØJE TAASTRUP", an alias such as "Århus" and the official genitive names "Københavns
    // Kommune" and "Bornholms Regionskommune" (their genitives are aliases) all find their
    // municipality.
    const Municipality* find_by_name(std::string_view name) const;
};

struct MunicipalitiesParse {
    std::optional<Municipalities> municipalities; // set only when `errors` is empty
    std::vector<std::string> errors;              // "municipalities[3].code: ..." (for developers)
    bool ok() const { return municipalities.has_value(); }
};

// Strict: unknown keys, a code that is not 3 digits, duplicate codes or names (aliases included)
// and empty names, regions or jobcentres are errors.
MunicipalitiesParse parse_municipalities(std::string_view json_text);

} // namespace naervaer
