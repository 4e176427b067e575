// "Sygefraværspolitik" (docs/policy.md, "In the app"). Admins: the questionnaire (the form
// renderer), the assembled draft with each section's legal basis, "Redigér afsnit" / "Gendan
// afsnit", "Gem som ny version", the versions with a word-by-word comparison of two of them,
// "Godkend" with what changes in the alerts shown first, and the downloads. HR and team leaders:
// the approved version, read-only, and its downloads.
//
// Test anchors: nav.policy, policy.approved.<docx|pdf|md>, policy.draft.<docx|pdf|md>,
// policy.section.<id>, policy.section.edit.<id>, policy.section.revert.<id>, policy.section.text
// (the textarea overlay "policy-section-<id>"), policy.section.save, policy.section.cancel,
// policy.save_version, policy.approve, policy.approve.confirm, policy.approve.cancel,
// policy.version.<id>, policy.version.from.<id>, policy.version.to.<id>, policy.version.docx.<id>,
// policy.diff, policy.tab.<questionnaire|document|versions>, form.<field id> (the questionnaire).
#include "views/form_renderer.hpp"
#include "views/test_anchors.hpp"
#include "views/views.hpp"
#include "views/widgets.hpp"

#include <string>

namespace naervaer::client {

namespace {

using action::PolicyOp;

action::Policy op(PolicyOp o, std::string id = {}, std::string format = {}) {
    return action::Policy{o, std::move(id), std::move(format)};
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : separator) + p;
    return out;
}

// "Version 2 · Godkendt 05-01-2026 af Anne Admin" / "Version 3 · Kladde".
std::string version_line(const ViewContext& ctx, const PolicyVersion& v) {
    const std::string status =
        v.status == PolicyStatus::approved
            ? ctx.i18n.format("policy.approved_on_by",
                              v.approved_on ? v.approved_on->danish() : std::string(), v.approved_by_name)
            : std::string(ctx.tr("policy.status.draft"));
    return ctx.i18n.format("policy.version_line", std::to_string(v.number), status);
}

void download_buttons(const ViewContext& ctx, const std::string& version_id, const std::string& anchor_prefix,
                      Actions& out) {
    ImGui::PushID(anchor_prefix.c_str());
    ImGui::TextDisabled("%s", ctx.tr("policy.download"));
    for (const auto& [format, label] : {std::pair{"docx", "DOCX"}, std::pair{"pdf", "PDF"}, std::pair{"md", "Markdown"}}) {
        ImGui::SameLine();
        if (ImGui::Button(label)) out.push_back(op(PolicyOp::download, version_id, format));
        ui::test_anchor(anchor_prefix, format);
    }
    ImGui::PopID();
}

// Words laid out like wrapped text, each run in its colour; removed words struck through.
class WordFlow {
  public:
    void run(const std::string& text, const ImVec4& color, bool strike, bool background = false) {
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t end = text.find(' ', start);
            if (end == std::string::npos) end = text.size();
            if (end > start) word(text.substr(start, end - start), color, strike, background);
            start = end + 1;
        }
    }
    void end() {
        if (!first_) return;
        ImGui::NewLine();
    }

  private:
    bool first_ = true;
    void word(const std::string& w, const ImVec4& color, bool strike, bool background) {
        const ImVec2 size = ImGui::CalcTextSize(w.c_str());
        if (!first_) {
            ImGui::SameLine(0, ImGui::CalcTextSize(" ").x);
            if (ImGui::GetContentRegionAvail().x < size.x) ImGui::NewLine();
        }
        first_ = false;
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        if (background)
            ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y),
                                                      ImGui::GetColorU32(ImVec4(0.85f, 0.95f, 0.87f, 1.0f)));
        ImGui::TextColored(color, "%s", w.c_str());
        if (strike) {
            const float y = pos.y + size.y * 0.55f;
            ImGui::GetWindowDrawList()->AddLine(ImVec2(pos.x, y), ImVec2(pos.x + size.x, y), ImGui::GetColorU32(color),
                                                1.5f);
        }
    }
};

void paragraph_text(const std::string& text, const ImVec4* color = nullptr) {
    ImGui::PushTextWrapPos(0.0f);
    if (color) ImGui::PushStyleColor(ImGuiCol_Text, *color);
    ImGui::TextUnformatted(text.c_str());
    if (color) ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
}

// The document: numbered sections, paragraphs, the legal basis; editable for the admin's draft.
void document_view(const ViewContext& ctx, PolicyForm& form, const PolicyDocument& doc, bool editable,
                   Actions& out) {
    ui::subheading(doc.title.c_str());
    if (!doc.unfilled.empty())
        ui::colored_text(ui::color::warning, ctx.i18n.format("policy.unfilled", joined(doc.unfilled, ", ")));
    for (const PolicySection& s : doc.sections) {
        ImGui::PushID(s.id.c_str());
        ui::vertical_space(0.5f);
        const std::string title = std::to_string(s.number) + ". " + s.title;
        ImGui::PushStyleColor(ImGuiCol_Text, ui::color::accent);
        ImGui::TextUnformatted(title.c_str());
        ImGui::PopStyleColor();
        ui::test_anchor("policy.section", s.id);
        if (s.edited) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", ctx.tr("policy.section.edited"));
        }
        if (s.edit_outdated) ui::colored_text(ui::color::warning, ctx.tr("policy.section.outdated"));
        if (editable && form.editing_section == s.id) {
            const ImVec2 pos = ImGui::GetCursorScreenPos();
            const ImVec2 size(ImGui::GetContentRegionAvail().x, ImGui::GetTextLineHeight() * 10);
            ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y),
                                                      ImGui::GetColorU32(ImGuiCol_FrameBg),
                                                      ImGui::GetStyle().FrameRounding);
            ImGui::Dummy(size);
            ui::test_anchor("policy.section.text");
            if (ImGui::IsItemVisible())
                ctx.platform.text_overlay("policy-section-" + s.id, Rect{pos.x, pos.y, size.x, size.y},
                                          form.edit_text, 10'000, ctx.tr("policy.section.text"));
            ui::muted_text(ctx.tr("policy.section.paragraphs_hint"));
            if (ui::primary_button(ctx.tr("policy.section.save"))) out.push_back(op(PolicyOp::save_section));
            ui::test_anchor("policy.section.save");
            ImGui::SameLine();
            if (ImGui::Button(ctx.tr("common.cancel"))) out.push_back(op(PolicyOp::cancel_section));
            ui::test_anchor("policy.section.cancel");
        } else {
            for (const std::string& p : s.paragraphs) paragraph_text(p);
        }
        if (!s.legal_basis.empty())
            ui::colored_text(ui::color::text_muted,
                             ctx.i18n.format("policy.legal_basis", joined(s.legal_basis, "; ")));
        if (editable && form.editing_section != s.id) {
            if (ImGui::SmallButton(ctx.tr("policy.section.edit")))
                out.push_back(op(PolicyOp::edit_section, s.id));
            ui::test_anchor("policy.section.edit", s.id);
            if (s.edited) {
                ImGui::SameLine();
                if (ImGui::SmallButton(ctx.tr("policy.section.revert")))
                    out.push_back(op(PolicyOp::revert_section, s.id));
                ui::test_anchor("policy.section.revert", s.id);
            }
        }
        ImGui::PopID();
    }
    if (!doc.unused_edits.empty())
        ui::colored_text(ui::color::warning,
                         ctx.i18n.format("policy.unused_edits", joined(doc.unused_edits, ", ")));
}

void diff_view(const ViewContext& ctx, const PolicyDiff& diff) {
    ImGui::BeginGroup();
    const std::string title = ctx.i18n.format("policy.diff.title", std::to_string(diff.from_version),
                                              std::to_string(diff.to_version));
    ImGui::TextUnformatted(title.c_str());
    if (diff.empty()) ui::muted_text(ctx.tr("policy.diff.none"));
    const ImVec4 inserted = ui::color::success;
    const ImVec4 removed = ui::color::danger;
    for (const SectionDiff& s : diff.sections) {
        if (s.change == SectionChange::unchanged) continue;
        const char* kind = ctx.tr(s.change == SectionChange::added     ? "policy.diff.added"
                                  : s.change == SectionChange::removed ? "policy.diff.removed"
                                                                       : "policy.diff.changed");
        ui::vertical_space(0.3f);
        const std::string heading = std::to_string(s.number) + ". " + s.title + " (" + kind + ")";
        ImGui::PushStyleColor(ImGuiCol_Text, ui::color::accent);
        ImGui::TextUnformatted(heading.c_str());
        ImGui::PopStyleColor();
        for (const ParagraphDiff& p : s.paragraphs) {
            WordFlow flow;
            switch (p.change) {
            case ParagraphChange::equal:
                flow.run(p.text, ImGui::GetStyleColorVec4(ImGuiCol_Text), false);
                break;
            case ParagraphChange::insert:
                flow.run("+ " + p.text, inserted, false, true);
                break;
            case ParagraphChange::remove:
                flow.run("- " + p.text, removed, true);
                break;
            case ParagraphChange::change:
                for (const DiffRun& run : p.runs)
                    flow.run(run.text, run.op == DiffOp::insert   ? inserted
                                       : run.op == DiffOp::remove ? removed
                                                                  : ImGui::GetStyleColorVec4(ImGuiCol_Text),
                             run.op == DiffOp::remove, run.op == DiffOp::insert);
                break;
            }
        }
    }
    ImGui::EndGroup();
    ui::test_anchor("policy.diff");
}

void versions_view(const ViewContext& ctx, PolicyForm& form, bool admin, Actions& out) {
    ui::subheading(ctx.tr("policy.versions"));
    if (form.versions.empty()) {
        ui::muted_text(ctx.tr("policy.versions.none"));
        return;
    }
    if (ui::begin_list_table("policy_versions", {{ctx.tr("policy.col.version"), 1},
                                                 {ctx.tr("policy.col.status"), 1.5f},
                                                 {ctx.tr("policy.col.approved_by"), 2},
                                                 {ctx.tr("policy.col.approved_on"), 1.5f},
                                                 {ctx.tr("policy.col.compare"), 2},
                                                 {"##download", 1}})) {
        for (const PolicyVersionEntry& e : form.versions) {
            ImGui::PushID(e.id.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%d", e.version.number);
            ui::test_anchor("policy.version", e.id);
            ImGui::TableNextColumn();
            if (e.version.status == PolicyStatus::approved)
                ui::colored_text(ui::color::success, ctx.tr("policy.status.approved"));
            else
                ImGui::TextUnformatted(ctx.tr("policy.status.draft"));
            if (!e.synced) {
                ImGui::SameLine();
                ImGui::TextDisabled("%s", ctx.tr("policy.not_synced"));
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(e.version.approved_by_name.empty() ? "\u2013" : e.version.approved_by_name.c_str());
            ImGui::TableNextColumn();
            const std::string on = e.version.approved_on ? e.version.approved_on->danish() : "\u2013";
            ImGui::TextUnformatted(on.c_str());
            ImGui::TableNextColumn();
            bool from = form.diff_from == e.id;
            if (ImGui::Checkbox(ctx.tr("policy.diff.from"), &from))
                out.push_back(op(PolicyOp::diff_from, from ? e.id : std::string()));
            ui::test_anchor("policy.version.from", e.id);
            ImGui::SameLine();
            bool to = form.diff_to == e.id;
            if (ImGui::Checkbox(ctx.tr("policy.diff.to"), &to))
                out.push_back(op(PolicyOp::diff_to, to ? e.id : std::string()));
            ui::test_anchor("policy.version.to", e.id);
            ImGui::TableNextColumn();
            if (ImGui::SmallButton("DOCX")) out.push_back(op(PolicyOp::download, e.id, "docx"));
            ui::test_anchor("policy.version.docx", e.id);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    (void)admin;
    if (form.diff) {
        ui::vertical_space(0.5f);
        diff_view(ctx, *form.diff);
    } else {
        ui::muted_text(ctx.tr("policy.diff.choose"));
    }
}

void approve_panel(const ViewContext& ctx, PolicyForm& form, Actions& out) {
    ImGui::Separator();
    ImGui::TextUnformatted(
        ctx.i18n.format("policy.approve.title", std::to_string(form.draft.number)).c_str());
    if (form.alert_preview.empty()) {
        ui::muted_text(ctx.tr("policy.approve.alerts_unchanged"));
    } else {
        ImGui::TextUnformatted(ctx.tr("policy.approve.alerts_change"));
        for (const AlertChange& c : form.alert_preview) ImGui::BulletText("%s", ctx.i18n.pick(c.text_da, c.text_en).c_str());
    }
    for (const FieldError& e : form.approve_errors.errors())
        ui::error_text(e.field + ": " + ctx.i18n.message(e));
    if (ui::button(ctx.tr("policy.approve"), form.approve_errors.ok()))
        out.push_back(op(PolicyOp::confirm_approve));
    ui::test_anchor("policy.approve.confirm");
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("common.cancel"))) out.push_back(op(PolicyOp::cancel_approve));
    ui::test_anchor("policy.approve.cancel");
    ImGui::Separator();
}

} // namespace

void policy_view(const ViewContext& ctx, PolicyForm& form, const PolicyResources& resources, Actions& out) {
    ui::heading(ctx.tr("policy.title"));
    if (!resources.library || !resources.questionnaire) {
        ui::error_text(ctx.tr("policy.templates_missing"));
        return;
    }
    const bool admin = ctx.user.is_admin();

    // The policy in force, for everyone.
    const PolicyVersionEntry* approved = nullptr;
    for (const PolicyVersionEntry& e : form.versions)
        if (e.version.status == PolicyStatus::approved && (!approved || e.version.number > approved->version.number))
            approved = &e;
    if (approved) {
        ImGui::TextUnformatted(
            ctx.i18n.format("policy.in_force", version_line(ctx, approved->version)).c_str());
        download_buttons(ctx, approved->id, "policy.approved", out);
    } else {
        ui::muted_text(ctx.tr("policy.none_approved"));
    }
    if (!form.notice_key.empty()) ui::colored_text(ui::color::accent, policy_notice(ctx.i18n, form));

    if (!admin) {
        if (approved) {
            ui::vertical_space();
            document_view(ctx, form, approved->version.document, false, out);
        }
        return;
    }
    if (form.draft_id.empty()) return;

    ui::vertical_space();
    ImGui::Separator();
    ui::subheading(ctx.i18n.format("policy.draft.title", std::to_string(form.draft.number)).c_str());
    std::string status;
    if (form.save_blocked)
        status = ctx.tr("policy.autosave.blocked");
    else if (form.dirty)
        status = ctx.tr("policy.autosave.saving");
    else if (form.draft_stored && !form.saved_at.empty())
        status = ctx.i18n.format("policy.autosave.saved_at", form.saved_at);
    else if (!form.draft_stored)
        status = ctx.tr("policy.autosave.not_stored");
    if (!status.empty()) ui::muted_text(status.c_str());

    if (form.approving) approve_panel(ctx, form, out);
    if (ImGui::Button(ctx.tr("policy.save_version"))) out.push_back(op(PolicyOp::save_version));
    ui::test_anchor("policy.save_version");
    ImGui::SameLine();
    if (ui::button(ctx.tr("policy.approve"), !form.approving)) out.push_back(op(PolicyOp::start_approve));
    ui::test_anchor("policy.approve");
    download_buttons(ctx, {}, "policy.draft", out);
    ui::vertical_space(0.5f);

    // The questionnaire, the draft as it reads now, and the versions: one tab each, so each is a
    // page of its own length.
    if (ImGui::BeginTabBar("policy_tabs")) {
        const bool questionnaire = ImGui::BeginTabItem(ctx.tr("policy.tab.questionnaire"));
        ui::test_anchor("policy.tab.questionnaire");
        if (questionnaire) {
            const FormRenderResult rendered = form_fields(ctx, *resources.questionnaire, form.draft.answers,
                                                          form.answer_errors, false, nullptr, form.ui);
            if (rendered.changed) out.push_back(op(PolicyOp::edited));
            ImGui::EndTabItem();
        }
        const bool document = ImGui::BeginTabItem(ctx.tr("policy.tab.document"));
        ui::test_anchor("policy.tab.document");
        if (document) {
            document_view(ctx, form, form.draft.document, true, out);
            ImGui::EndTabItem();
        }
        const bool versions = ImGui::BeginTabItem(ctx.tr("policy.versions"));
        ui::test_anchor("policy.tab.versions");
        if (versions) {
            versions_view(ctx, form, admin, out);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
}

} // namespace naervaer::client
