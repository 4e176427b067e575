// Conflicts and rejected changes. A conflict shows my version and the server's side by side with
// the differing fields highlighted; the person chooses which stands. Nothing is discarded before
// they choose (ARCHITECTURE.md: nothing typed is ever silently lost).
#include "views/views.hpp"
#include "views/test_anchors.hpp"
#include "views/widgets.hpp"

#include <naervaer/identifiers.hpp>

#include <algorithm>
#include <string>

namespace naervaer::client {

namespace {

using nlohmann::json;

const char* type_label(const ViewContext& ctx, const std::string& type) {
    if (type == record_type::absence_spell) return ctx.tr("record.absence_spell");
    if (type == record_type::employee) return ctx.tr("record.employee");
    if (type == record_type::department) return ctx.tr("record.department");
    return type.c_str();
}

// What a person recognises the record by: a name, or "<employee> from <first day>".
std::string record_title(const ViewContext& ctx, const std::string& type, const json& data) {
    auto text = [&](const char* key) {
        auto it = data.find(key);
        return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    if (type == record_type::absence_spell) {
        const Employee* e = ctx.directory.employee(text("employee_id"));
        const auto first = Date::parse_iso(text("first_day"));
        return (e ? e->name : std::string()) + (first ? ", " + first->danish() : std::string());
    }
    return text("name");
}

// A field's value as the user knows it: Danish dates, names instead of ids, yes/no.
std::string display_value(const ViewContext& ctx, const std::string& field, const json* value) {
    if (!value || value->is_null()) return "–";
    if (value->is_boolean()) return value->get<bool>() ? ctx.tr("common.yes") : ctx.tr("common.no");
    if (value->is_number()) return value->dump();
    if (!value->is_string()) return value->dump();
    const std::string s = value->get<std::string>();
    if (auto date = Date::parse_iso(s)) return date->danish();
    if (field == "employee_id")
        if (const Employee* e = ctx.directory.employee(s)) return e->name;
    if (field == "department_id") return ctx.directory.department_name(s);
    if (field == "kind")
        if (auto kind = absence_kind_from_string(s)) return ui::absence_kind_label(ctx.i18n, *kind);
    if (field == "cpr") return mask_cpr(s);
    return s;
}

const char* field_label(const ViewContext& ctx, const std::string& field) {
    const std::string key = "field." + field;
    const char* label = ctx.tr(key);
    return key == label ? field.c_str() : label; // unknown field: its JSON name
}

void comparison(const ViewContext& ctx, const json& mine, const json& theirs) {
    const auto differing = differing_fields(mine, theirs);
    std::vector<std::string> fields;
    for (const json* side : {&mine, &theirs})
        if (side->is_object())
            for (auto it = side->begin(); it != side->end(); ++it)
                fields.push_back(it.key());
    std::sort(fields.begin(), fields.end());
    fields.erase(std::unique(fields.begin(), fields.end()), fields.end());

    const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("compare", 3, flags)) return;
    ImGui::TableSetupColumn(ctx.tr("conflicts.field"), ImGuiTableColumnFlags_WidthStretch, 1);
    ImGui::TableSetupColumn(ctx.tr("conflicts.mine"), ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableSetupColumn(ctx.tr("conflicts.theirs"), ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableHeadersRow();
    for (const auto& field : fields) {
        const bool differs = std::find(differing.begin(), differing.end(), field) != differing.end();
        auto value_of = [&](const json& side) -> const json* {
            auto it = side.find(field);
            return it == side.end() ? nullptr : &*it;
        };
        ImGui::TableNextRow();
        if (differs)
            ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(ui::color::highlight));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(field_label(ctx, field));
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", display_value(ctx, field, value_of(mine)).c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", display_value(ctx, field, value_of(theirs)).c_str());
    }
    ImGui::EndTable();
}

void conflict_entry(const ViewContext& ctx, const Replica::Key& key, const Replica::ConflictEntry& entry,
                    Actions& out) {
    ImGui::PushID((key.type + "/" + key.id).c_str());
    const std::string title =
        std::string(type_label(ctx, key.type)) + ": " +
        record_title(ctx, key.type, entry.mine.deleted ? entry.theirs.data : entry.mine.data);
    ui::subheading(title.c_str());
    if (entry.mine.deleted) ui::muted_text(ctx.tr("conflicts.mine_deleted"));
    if (entry.theirs.deleted) ui::muted_text(ctx.tr("conflicts.theirs_deleted"));
    comparison(ctx, entry.mine.deleted ? json::object() : entry.mine.data,
               entry.theirs.deleted ? json::object() : entry.theirs.data);
    ui::vertical_space(0.5f);
    if (ui::primary_button(ctx.tr("conflicts.keep_mine")))
        out.push_back(action::ResolveConflict{key.type, key.id, true});
    ui::test_anchor("conflict.keep_mine", key.id);
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("conflicts.take_theirs")))
        out.push_back(action::ResolveConflict{key.type, key.id, false});
    ui::test_anchor("conflict.take_theirs", key.id);
    ImGui::PopID();
}

void rejected_entry(const ViewContext& ctx, const Replica::Key& key, const Replica::RejectedEntry& entry,
                    Actions& out) {
    ImGui::PushID(("rejected/" + key.type + "/" + key.id).c_str());
    const std::string title =
        std::string(type_label(ctx, key.type)) + ": " + record_title(ctx, key.type, entry.change.data);
    ui::subheading(title.c_str());
    ui::error_text(entry.message.empty() ? entry.code : entry.message);
    ui::vertical_space(0.5f);
    // Editing opens the form on my version; saving it sends it again (Replica::put_local).
    if (key.type == record_type::absence_spell && !entry.change.deleted) {
        if (ui::primary_button(ctx.tr("common.edit"))) out.push_back(action::EditSpell{key.id});
        ImGui::SameLine();
    } else if (key.type == record_type::employee && !entry.change.deleted && ctx.user.can_edit_employees()) {
        if (ui::primary_button(ctx.tr("common.edit"))) out.push_back(action::EditEmployee{key.id});
        ImGui::SameLine();
    }
    if (ImGui::Button(ctx.tr("rejected.retry")))
        out.push_back(action::ResolveRejected{key.type, key.id, true});
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("rejected.discard")))
        out.push_back(action::ResolveRejected{key.type, key.id, false});
    ImGui::PopID();
}

} // namespace

void conflicts_view(const ViewContext& ctx, Actions& out) {
    ui::heading(ctx.tr("conflicts.title"));
    const auto& conflicts = ctx.replica.conflicts();
    const auto& rejected = ctx.replica.rejected();
    if (conflicts.empty() && rejected.empty()) {
        ui::muted_text(ctx.tr("conflicts.none"));
        return;
    }
    if (!conflicts.empty()) ui::muted_text(ctx.tr("conflicts.explanation"));
    for (const auto& [key, entry] : conflicts)
        conflict_entry(ctx, key, entry, out);

    if (!rejected.empty()) {
        ui::vertical_space();
        ui::heading(ctx.tr("rejected.title"));
        ui::muted_text(ctx.tr("rejected.explanation"));
        for (const auto& [key, entry] : rejected)
            rejected_entry(ctx, key, entry, out);
    }
}

} // namespace naervaer::client
