#include "naervaer/municipalities.hpp"

#include "json_fields.hpp"
#include "naervaer/diagnosis_guard.hpp" // fold_case

#include <algorithm>
#include <cctype>

namespace naervaer {

namespace {

using detail::Fields;
using nlohmann::json;

// The form names are compared in: case folded (ÆØÅ -> æøå), trimmed, hyphens as spaces, runs of
// spaces as one, and a trailing " kommune" or " regionskommune" dropped (Bornholm's official name
// is "Bornholms Regionskommune"; the genitive left over is an alias in the file).
std::string name_key(std::string_view name) {
    std::string folded = fold_case(name);
    std::string out;
    out.reserve(folded.size());
    for (char c : folded) {
        const bool space = c == ' ' || c == '-' || c == '\t';
        if (space) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    for (const std::string_view suffix : {std::string_view(" regionskommune"), std::string_view(" kommune")})
        if (out.size() > suffix.size() && out.compare(out.size() - suffix.size(), suffix.size(), suffix) == 0) {
            out.erase(out.size() - suffix.size());
            break;
        }
    return out;
}

bool is_code(const std::string& s) {
    return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

const Municipality* Municipalities::find_by_code(std::string_view code) const {
    for (const auto& m : list)
        if (m.code == code) return &m;
    return nullptr;
}

const Municipality* Municipalities::find_by_name(std::string_view name) const {
    const std::string key = name_key(name);
    if (key.empty()) return nullptr;
    for (const auto& m : list) {
        if (name_key(m.name) == key) return &m;
        for (const auto& a : m.aliases)
            if (name_key(a) == key) return &m;
    }
    return nullptr;
}

MunicipalitiesParse parse_municipalities(std::string_view json_text) {
    MunicipalitiesParse out;
    auto& errors = out.errors;
    const json j = detail::parse_data_file(json_text, errors);
    if (j.is_discarded()) return out;
    Fields f(j, "", errors);
    f.only({"schema", "source", "note_en", "municipalities"});
    f.schema(1);
    Municipalities result;
    result.source = f.text("source", true);
    std::vector<std::string> keys; // name keys seen, for duplicates
    if (const json* list = f.get("municipalities", true)) {
        if (!list->is_array() || list->empty()) {
            f.error("municipalities", "expected a non-empty array");
        } else {
            for (std::size_t i = 0; i < list->size(); ++i) {
                Fields m((*list)[i], "municipalities[" + std::to_string(i) + "]", errors);
                m.only({"code", "name", "region", "jobcenter", "aliases"});
                Municipality x;
                x.code = m.text("code", true);
                x.name = m.text("name", true);
                x.region = m.text("region", true);
                x.jobcenter = m.text("jobcenter", true);
                if (const json* aliases = m.get("aliases", false)) {
                    if (!aliases->is_array()) m.error("aliases", "expected an array of names");
                    else
                        for (const auto& a : *aliases) {
                            if (a.is_string() && !a.get_ref<const std::string&>().empty())
                                x.aliases.push_back(a.get<std::string>());
                            else
                                m.error("aliases", "expected an array of names");
                        }
                }
                if (!x.code.empty() && !is_code(x.code)) m.error("code", "expected 3 digits");
                if (result.find_by_code(x.code) && !x.code.empty()) m.error("code", "duplicate code " + x.code);
                std::vector<std::string> names = x.aliases;
                names.push_back(x.name);
                for (const auto& n : names) {
                    if (n.empty()) continue;
                    std::string key = name_key(n);
                    if (std::find(keys.begin(), keys.end(), key) != keys.end())
                        m.error("name", "duplicate name \"" + n + "\"");
                    else
                        keys.push_back(std::move(key));
                }
                result.list.push_back(std::move(x));
            }
        }
    }
    if (errors.empty()) out.municipalities = std::move(result);
    return out;
}

} // namespace naervaer
