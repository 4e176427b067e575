#include "app/templates.hpp"

#include "app/embedded_assets.hpp"

#include <array>

namespace naervaer::client {

std::span<const std::string_view> shipped_template_files() {
    static constexpr std::array<std::string_view, 7> files{
        "templates/absence_conversation.v1.json",
        "templates/care_conversation.v1.json",
        "templates/contact_note.v1.json",
        "templates/empowerment.v1.json",
        "templates/opportunity_statement_part1.v1.json",
        "templates/retention_plan.v1.json",
        "templates/round_table.v1.json",
    };
    return files;
}

const FormTemplate* LoadedTemplates::find(std::string_view id) const {
    const FormTemplate* found = nullptr;
    for (const auto& t : templates)
        if (t.id == id && (!found || t.version > found->version)) found = &t;
    return found;
}

LoadedTemplates load_templates(std::string_view (*read)(std::string_view name)) {
    LoadedTemplates loaded;
    // An empty view means the build did not embed the file (embed_files.cmake); saying so beats
    // the parser's "not valid JSON".
    auto text_of = [&](std::string_view file) {
        const std::string_view text = read(file);
        if (text.empty()) loaded.errors.push_back(std::string(file) + ": not embedded");
        return text;
    };
    for (const std::string_view file : shipped_template_files()) {
        const std::string_view text = text_of(file);
        if (text.empty()) continue;
        FormTemplateParse parsed = parse_form_template(text);
        for (const auto& error : parsed.errors)
            loaded.errors.push_back(std::string(file) + ": " + error);
        if (parsed.form) loaded.templates.push_back(std::move(*parsed.form));
    }
    if (const std::string_view text = text_of(diagnosis_terms_file); !text.empty()) {
        DiagnosisTermsParse parsed = parse_diagnosis_terms(text);
        for (const auto& error : parsed.errors)
            loaded.errors.push_back(std::string(diagnosis_terms_file) + ": " + error);
        loaded.terms = std::move(parsed.terms);
    }
    return loaded;
}

LoadedTemplates load_embedded_templates() {
    return load_templates(&assets::file);
}

} // namespace naervaer::client
