#pragma once
// The form templates the portal ships (shipped_template_files(), form_template.hpp), embedded into
// the server at build time from assets/templates/ (server/CMakeLists.txt), the same bytes the
// client embeds. A new conversation record must be filled with one of them, its snapshot equal to
// the shipped template's (docs/api.md, "conversation_record").
#include "naervaer/form_template.hpp"

#include <string_view>
#include <vector>

namespace naervaer::server {

struct ShippedTemplates {
    std::vector<FormTemplate> forms; // in shipped_template_files() order

    // The template with this id and version, or nullptr.
    const FormTemplate* find(std::string_view id, int version) const;
};

// Throws std::runtime_error naming each file that is missing or does not parse: the server must not
// start with templates it cannot check records against.
ShippedTemplates embedded_templates();

} // namespace naervaer::server
