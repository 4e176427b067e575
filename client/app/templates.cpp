#include "app/templates.hpp"

#include "app/embedded_assets.hpp"

#include <array>

namespace naervaer::client {

const FormTemplate* LoadedTemplates::find(std::string_view id) const {
    const FormTemplate* found = nullptr;
    for (const auto& t : templates)
        if (t.id == id && (!found || t.version > found->version)) found = &t;
    return found;
}

LoadedTemplates load_templates(std::string_view (*read)(std::string_view name)) {
    LoadedTemplates loaded;
    for (const std::string_view file : shipped_template_files())
        if (auto form = parse_asset(read, file, &parse_form_template, &FormTemplateParse::form, loaded.errors))
            loaded.templates.push_back(std::move(*form));
    loaded.terms = parse_asset(read, diagnosis_terms_file, &parse_diagnosis_terms, &DiagnosisTermsParse::terms,
                               loaded.errors);
    for (const std::string_view id : conversation_template_ids(loaded.templates)) loaded.offered.emplace_back(id);
    return loaded;
}

LoadedTemplates load_embedded_templates() {
    return load_templates(&assets::file);
}

} // namespace naervaer::client
