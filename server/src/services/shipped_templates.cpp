#include "services/shipped_templates.hpp"

#include "services/alert_defaults.hpp"

#include <stdexcept>
#include <string>

namespace naervaer::server {

const FormTemplate* ShippedTemplates::find(std::string_view id, int version) const {
    for (const FormTemplate& form : forms)
        if (form.id == id && form.version == version) return &form;
    return nullptr;
}

ShippedTemplates embedded_templates() {
    ShippedTemplates shipped;
    std::string problems;
    const auto problem = [&](std::string_view file, const std::string& what) {
        problems += (problems.empty() ? "" : "; ") + std::string("assets/") + std::string(file) + ": " + what;
    };
    for (const std::string_view file : shipped_template_files()) {
        const std::string_view text = assets::file(file);
        if (text.empty()) {
            problem(file, "not embedded");
            continue;
        }
        FormTemplateParse parsed = parse_form_template(text);
        if (!parsed.ok()) {
            for (const std::string& error : parsed.errors) problem(file, error);
            continue;
        }
        shipped.forms.push_back(std::move(*parsed.form));
    }
    if (!problems.empty()) throw std::runtime_error("the built-in form templates do not load: " + problems);
    return shipped;
}

} // namespace naervaer::server
