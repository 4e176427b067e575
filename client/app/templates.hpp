#pragma once
// The form templates (assets/templates/*.json) and the diagnosis guard's terms
// (assets/guard/diagnosis-terms.json), embedded at build time and parsed once when the app starts.
// A file that does not parse is an error listed for the developer, never a crash: the files are
// hand-edited data (docs/forms.md).
#include <naervaer/diagnosis_guard.hpp>
#include <naervaer/form_template.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace naervaer::client {

// The shipped templates are shipped_template_files() (form_template.hpp): every
// assets/templates/*.json, which client/CMakeLists.txt embeds by the same glob.
inline constexpr std::string_view diagnosis_terms_file = "guard/diagnosis-terms.json";

struct LoadedTemplates {
    std::vector<FormTemplate> templates; // those that parsed, in shipped_template_files() order
    // The ids offered from a case, in their order (conversation_template_ids), computed once.
    std::vector<std::string> offered;
    std::optional<DiagnosisTerms> terms; // none when the file failed: no guard, and an error
    // "templates/round_table.v1.json: sections[1].fields[2].type: unknown type" (for developers).
    std::vector<std::string> errors;

    // The highest version of the template with this id, if loaded.
    const FormTemplate* find(std::string_view id) const;
};

// Parses the files through `read` (name under assets/ -> bytes, empty when unknown; the same
// shape as load_rules' reader); load_embedded_templates() reads the client's embedded assets.
LoadedTemplates load_templates(std::string_view (*read)(std::string_view name));
LoadedTemplates load_embedded_templates();

} // namespace naervaer::client
