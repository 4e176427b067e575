#pragma once
#include <initializer_list>
// Small building blocks the screens share, so spacing, labels and errors look the same everywhere.
#include "app/i18n.hpp"

#include <imgui.h>
#include <naervaer/records.hpp>
#include <naervaer/validation.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace naervaer::client::ui {

namespace color {
inline const ImVec4 text_muted{0.42f, 0.45f, 0.50f, 1.0f};
inline const ImVec4 danger{0.75f, 0.16f, 0.16f, 1.0f};
inline const ImVec4 success{0.13f, 0.52f, 0.30f, 1.0f};
inline const ImVec4 warning{0.72f, 0.45f, 0.05f, 1.0f};
inline const ImVec4 accent{0.16f, 0.38f, 0.62f, 1.0f};
inline const ImVec4 highlight{1.00f, 0.93f, 0.70f, 1.0f}; // a differing field in a conflict
} // namespace color

// InputText on a std::string that grows as the user types.
bool input_text(const char* id, std::string& value, ImGuiInputTextFlags flags = 0,
                const char* hint = nullptr);

// A form field: label above, input below at `width` (<= 0: the rest of the line), and the field's
// error (if any) under it. Returns true when Enter was pressed in it (forms submit on Enter).
// `anchor`: the input's name for browser tests (see test_anchors.hpp), if it has one.
bool text_field(const char* label, const char* id, std::string& value, const std::string& error,
                float width = 0, ImGuiInputTextFlags flags = 0, const char* hint = nullptr,
                const char* anchor = nullptr);

// The error for `field` in the current language, or "" when there is none or it is not to be
// shown yet (`show`: the form was submitted, or the field has text).
std::string field_error(const I18n& i18n, const ValidationResult& errors, std::string_view field, bool show);
void error_text(const std::string& message);

void heading(const char* text);    // a screen's title
void subheading(const char* text); // a section within a screen
void muted_text(const char* text);
// Text in `color` that wraps at the window's edge.
void colored_text(const ImVec4& color, const char* text);
void colored_text(const ImVec4& color, const std::string& text);
bool primary_button(const char* label);
// A button that does nothing (and looks so) when `enabled` is false.
bool button(const char* label, bool enabled = true);
void vertical_space(float factor = 1.0f);
// A column of a list table: its header and its share of the width.
struct TableColumn {
    const char* label; // "##id" shows no text
    float weight;
};
// A list: alternating row colours, lines between rows, columns stretched by weight and a header
// row. `extra` adds flags (ImGuiTableFlags_ScrollY also freezes the header); end with EndTable().
bool begin_list_table(const char* id, std::initializer_list<TableColumn> columns, ImGuiTableFlags extra = 0,
                      ImVec2 size = ImVec2(0, 0), bool headers = true);
// A label/value table for detail_row(): labels in a fixed column. End with ImGui::EndTable().
bool begin_details_table(const char* id);
// A row of a two-column label/value table: the label muted, an empty value as "–".
void detail_row(const char* label, const std::string& value);

// Centres a column of at most `max_width` in the window and returns its width. End with end_column().
float begin_column(float max_width);
void end_column();

// Combo over the departments; "" is "none selected" with `none_label`. Returns true on change.
bool department_combo(const char* id, std::string& department_id, const std::vector<Department>& departments,
                      const char* none_label, float width);

const char* absence_kind_label(const I18n& i18n, AbsenceKind kind);
const char* role_label(const I18n& i18n, Role role);
// "Fuldt" or "Delvis (18,5 t/uge)".
std::string extent_label(const I18n& i18n, const AbsenceSpell& spell);
// "om 5 dage", "i morgen", "i dag", "i går", "for 3 dage siden".
std::string days_phrase(const I18n& i18n, int days_left);
// Calendar days from the first to the last day (today while ongoing), both included.
int duration_days(const AbsenceSpell& spell, Date today);

} // namespace naervaer::client::ui
