#include "naervaer/service_catalogue.hpp"

#include "json_fields.hpp"

#include <algorithm>

namespace naervaer {

namespace {

using detail::Fields;
using nlohmann::json;

std::string index_path(const std::string& base, const char* key, std::size_t i) {
    return (base.empty() ? std::string(key) : base + "." + key) + "[" + std::to_string(i) + "]";
}

// A required non-empty array member, or nullptr (with the error).
const json* array_of(const Fields& f, const char* key, bool may_be_empty) {
    const json* v = f.get(key, true);
    if (!v) return nullptr;
    if (!v->is_array() || (!may_be_empty && v->empty())) {
        f.error(key, may_be_empty ? "expected an array" : "expected a non-empty array");
        return nullptr;
    }
    return v;
}

std::vector<CatalogueText> read_titled(const Fields& f, const char* key, const std::string& base,
                                       std::vector<std::string>& errors) {
    std::vector<CatalogueText> out;
    const json* list = array_of(f, key, false);
    if (!list) return out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        Fields p((*list)[i], index_path(base, key, i), errors);
        p.only({"id", "title_da", "title_en"});
        CatalogueText t{p.text("id", true), p.text("title_da", true), p.text("title_en", true)};
        if (std::any_of(out.begin(), out.end(), [&](const auto& x) { return x.id == t.id; }))
            p.error("id", "duplicate id \"" + t.id + "\"");
        out.push_back(std::move(t));
    }
    return out;
}

} // namespace

const JobcenterService* ServiceCatalogue::find(std::string_view service_id) const {
    for (const auto& s : services)
        if (s.id == service_id) return &s;
    return nullptr;
}

std::vector<const JobcenterService*> ServiceCatalogue::in_package(std::string_view package_id) const {
    std::vector<const JobcenterService*> out;
    for (const auto& s : services)
        if (s.package == package_id) out.push_back(&s);
    return out;
}

ServiceCatalogueParse parse_service_catalogue(std::string_view json_text) {
    ServiceCatalogueParse out;
    auto& errors = out.errors;
    const json j = detail::parse_data_file(json_text, errors);
    if (j.is_discarded()) return out;
    Fields f(j, "", errors);
    f.only({"schema", "id", "municipality_code", "title_da", "title_en", "source", "note_da", "note_en", "packages",
            "themes"});
    f.schema(1);
    ServiceCatalogue c;
    c.id = f.text("id", true);
    c.municipality_code = f.text("municipality_code", true);
    c.title_da = f.text("title_da", true);
    c.title_en = f.text("title_en", true);
    c.source = f.text("source", true);
    c.note_da = f.text("note_da", false);
    c.note_en = f.text("note_en", false);
    if (c.note_da.empty() != c.note_en.empty()) f.error("note_en", "note_da and note_en go together");
    c.packages = read_titled(f, "packages", "", errors);

    std::vector<std::string> requirement_ids;
    if (const json* themes = array_of(f, "themes", false)) {
        for (std::size_t ti = 0; ti < themes->size(); ++ti) {
            const std::string theme_path = index_path("", "themes", ti);
            Fields t((*themes)[ti], theme_path, errors);
            t.only({"id", "title_da", "title_en", "offers"});
            CatalogueText theme{t.text("id", true), t.text("title_da", true), t.text("title_en", true)};
            if (std::any_of(c.themes.begin(), c.themes.end(), [&](const auto& x) { return x.id == theme.id; }))
                t.error("id", "duplicate id \"" + theme.id + "\"");
            const json* offers = array_of(t, "offers", false);
            for (std::size_t oi = 0; offers && oi < offers->size(); ++oi) {
                const std::string offer_path = index_path(theme_path, "offers", oi);
                Fields o((*offers)[oi], offer_path, errors);
                o.only({"package", "services", "counter_requirements"});
                const std::string package = o.text("package", true);
                if (!package.empty() && std::none_of(c.packages.begin(), c.packages.end(),
                                                     [&](const auto& p) { return p.id == package; }))
                    o.error("package", "unknown package \"" + package + "\"");
                const std::size_t first = c.services.size();
                const json* services = array_of(o, "services", false);
                for (std::size_t si = 0; services && si < services->size(); ++si) {
                    Fields s((*services)[si], index_path(offer_path, "services", si), errors);
                    s.only({"id", "title_da", "title_en", "description_da", "description_en"});
                    JobcenterService x;
                    x.id = s.text("id", true);
                    x.package = package;
                    x.theme = theme.id;
                    x.title_da = s.text("title_da", true);
                    x.title_en = s.text("title_en", true);
                    x.description_da = s.text("description_da", true);
                    x.description_en = s.text("description_en", true);
                    if (!x.id.empty() && c.find(x.id)) s.error("id", "duplicate service id \"" + x.id + "\"");
                    c.services.push_back(std::move(x));
                }
                const json* requirements = array_of(o, "counter_requirements", true);
                for (std::size_t ri = 0; requirements && ri < requirements->size(); ++ri) {
                    Fields r((*requirements)[ri], index_path(offer_path, "counter_requirements", ri), errors);
                    r.only({"id", "text_da", "text_en", "applies_to"});
                    CounterRequirement req{r.text("id", true), r.text("text_da", true), r.text("text_en", true)};
                    if (std::find(requirement_ids.begin(), requirement_ids.end(), req.id) != requirement_ids.end())
                        r.error("id", "duplicate id \"" + req.id + "\"");
                    requirement_ids.push_back(req.id);
                    std::vector<std::string> applies_to;
                    if (const json* a = r.get("applies_to", false)) {
                        if (!a->is_array() || a->empty()) r.error("applies_to", "expected a non-empty array of service ids");
                        else
                            for (const auto& id : *a) {
                                if (!id.is_string()) {
                                    r.error("applies_to", "expected a non-empty array of service ids");
                                    continue;
                                }
                                const auto& sid = id.get_ref<const std::string&>();
                                const bool in_cell = std::any_of(c.services.begin() + static_cast<long>(first),
                                                                 c.services.end(),
                                                                 [&](const auto& s) { return s.id == sid; });
                                if (!in_cell) r.error("applies_to", "\"" + sid + "\" is not a service of this offer");
                                applies_to.push_back(sid);
                            }
                    }
                    for (std::size_t k = first; k < c.services.size(); ++k)
                        if (applies_to.empty() ||
                            std::find(applies_to.begin(), applies_to.end(), c.services[k].id) != applies_to.end())
                            c.services[k].counter_requirements.push_back(req);
                }
            }
            c.themes.push_back(std::move(theme));
        }
    }
    if (errors.empty()) out.catalogue = std::move(c);
    return out;
}

} // namespace naervaer
