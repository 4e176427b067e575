#include "views/widgets.hpp"

#include "platform/text_entry_hints.hpp"

#include "app/forms.hpp"
#include "views/test_anchors.hpp"
#include "platform/ui_fonts.hpp"

#include <algorithm>

namespace naervaer::client::ui {

namespace {
int resize_callback(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* value = static_cast<std::string*>(data->UserData);
        value->resize(static_cast<std::size_t>(data->BufTextLen));
        data->Buf = value->data();
    }
    return 0;
}
} // namespace

bool input_text(const char* id, std::string& value, ImGuiInputTextFlags flags, const char* hint) {
    flags |= ImGuiInputTextFlags_CallbackResize;
    // ImGui writes into the buffer up to its capacity and asks to grow it through the callback.
    if (value.capacity() == 0) value.reserve(16);
    const bool changed =
        hint ? ImGui::InputTextWithHint(id, hint, value.data(), value.capacity() + 1, flags, resize_callback, &value)
             : ImGui::InputText(id, value.data(), value.capacity() + 1, flags, resize_callback, &value);
    if ((flags & ImGuiInputTextFlags_Password) && ImGui::IsItemActive()) note_secret_text_active();
    return changed;
}

bool text_field(const char* label, const char* id, std::string& value, const std::string& error, float width,
                ImGuiInputTextFlags flags, const char* hint, const char* anchor) {
    ImGui::TextUnformatted(label);
    ImGui::SetNextItemWidth(width > 0 ? width : -FLT_MIN);
    const bool entered = input_text(id, value, flags | ImGuiInputTextFlags_EnterReturnsTrue, hint);
    if (anchor) test_anchor(anchor);
    if (!error.empty()) error_text(error);
    vertical_space(0.5f);
    return entered;
}

std::string field_error(const I18n& i18n, const ValidationResult& errors, std::string_view field, bool show) {
    if (!show) return {};
    const FieldError* e = errors.find(field);
    return e ? i18n.message(*e) : std::string();
}

void error_text(const std::string& message) {
    note_shown_error(message);
    ImGui::PushStyleColor(ImGuiCol_Text, color::danger);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(message.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

void heading(const char* text) {
    // The runner's heading font where it has one (ImGui's default font in native tests).
    ImGui::PushFont(ui_font(UiFont::Heading));
    ImGui::PushStyleColor(ImGuiCol_Text, color::accent);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    vertical_space(0.5f);
}

void subheading(const char* text) {
    vertical_space();
    ImGui::TextUnformatted(text);
    ImGui::Separator();
    vertical_space(0.5f);
}

void muted_text(const char* text) {
    colored_text(color::text_muted, text);
}

void colored_text(const ImVec4& c, const std::string& text) {
    colored_text(c, text.c_str());
}

void colored_text(const ImVec4& c, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, c);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

bool primary_button(const char* label) {
    ImGui::PushStyleColor(ImGuiCol_Button, color::accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.22f, 0.46f, 0.72f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(0.12f, 0.30f, 0.52f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    const bool pressed = ImGui::Button(label);
    ImGui::PopStyleColor(4);
    return pressed;
}

bool button(const char* label, bool enabled) {
    ImGui::BeginDisabled(!enabled);
    const bool pressed = ImGui::Button(label);
    ImGui::EndDisabled();
    return pressed && enabled;
}

void vertical_space(float factor) {
    ImGui::Dummy(ImVec2(0, ImGui::GetStyle().ItemSpacing.y * 2 * factor));
}

float begin_column(float max_width) {
    const float available = ImGui::GetContentRegionAvail().x;
    const float width = std::min(available, max_width);
    const float indent = (available - width) * 0.5f;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
    ImGui::BeginGroup();
    ImGui::PushItemWidth(width);
    return width;
}

void end_column() {
    ImGui::PopItemWidth();
    ImGui::EndGroup();
}

bool department_combo(const char* id, std::string& department_id, const std::vector<Department>& departments,
                      const char* none_label, float width) {
    const char* preview = none_label;
    for (const auto& d : departments)
        if (d.id == department_id) preview = d.name.c_str();
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(id, preview)) {
        if (ImGui::Selectable(none_label, department_id.empty())) {
            changed = !department_id.empty();
            department_id.clear();
        }
        for (const auto& d : departments) {
            ImGui::PushID(d.id.c_str());
            if (ImGui::Selectable(d.name.c_str(), d.id == department_id)) {
                changed = d.id != department_id;
                department_id = d.id;
            }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    return changed;
}

const char* absence_kind_label(const I18n& i18n, AbsenceKind kind) {
    switch (kind) {
    case AbsenceKind::sickness:
        return i18n.tr("kind.sickness");
    case AbsenceKind::work_injury:
        return i18n.tr("kind.work_injury");
    case AbsenceKind::pregnancy_related:
        return i18n.tr("kind.pregnancy_related");
    case AbsenceKind::section_56:
        return i18n.tr("kind.section_56");
    case AbsenceKind::child_first_sick_day:
        return i18n.tr("kind.child_first_sick_day");
    }
    return i18n.tr("kind.sickness");
}

const char* role_label(const I18n& i18n, Role role) {
    switch (role) {
    case Role::admin:
        return i18n.tr("role.admin");
    case Role::hr:
        return i18n.tr("role.hr");
    case Role::team_leader:
        return i18n.tr("role.team_leader");
    case Role::consultant:
        return i18n.tr("role.consultant");
    }
    return i18n.tr("role.team_leader");
}

std::string extent_label(const I18n& i18n, const AbsenceSpell& spell) {
    if (!spell.partial) return i18n.tr("spell.extent_full");
    return i18n.format("spell.extent_partial_hours", format_decimal(spell.hours_worked_per_week));
}

int duration_days(const AbsenceSpell& spell, Date today) {
    const Date end = spell.last_day ? *spell.last_day : today;
    return std::max(0, end - spell.first_day + 1);
}

void detail_row(const char* label, const std::string& value) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    muted_text(label);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(value.empty() ? "–" : value.c_str());
}

bool begin_list_table(const char* id, std::initializer_list<TableColumn> columns, ImGuiTableFlags extra,
                      ImVec2 size, bool headers) {
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp | extra;
    if (!ImGui::BeginTable(id, static_cast<int>(columns.size()), flags, size)) return false;
    if (extra & ImGuiTableFlags_ScrollY) ImGui::TableSetupScrollFreeze(0, 1);
    for (const TableColumn& c : columns) ImGui::TableSetupColumn(c.label, ImGuiTableColumnFlags_WidthStretch, c.weight);
    if (headers) ImGui::TableHeadersRow();
    return true;
}

bool begin_details_table(const char* id) {
    if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingFixedFit)) return false;
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, 200);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    return true;
}

std::string days_phrase(const I18n& i18n, int days_left) {
    if (days_left > 1) return i18n.format("timeline.in_days", std::to_string(days_left));
    if (days_left == 1) return i18n.tr("timeline.tomorrow");
    if (days_left == 0) return i18n.tr("timeline.today");
    if (days_left == -1) return i18n.tr("timeline.yesterday");
    return i18n.format("timeline.days_ago", std::to_string(-days_left));
}

} // namespace naervaer::client::ui
