// One employee: details (CPR masked), the absence history (ongoing spells first) and the selected
// spell's case: its timeline of legal deadlines, computed by the app (app/case_timeline.cpp), and
// its conversation records ("Samtaler og planer", docs/forms.md).
#include "views/views.hpp"
#include "views/test_anchors.hpp"
#include "views/widgets.hpp"

#include "app/forms.hpp"
#include "app/jobcenter_data.hpp"
#include "platform/ui_fonts.hpp"

#include <naervaer/identifiers.hpp>
#include <naervaer/timeline.hpp>
#include <naervaer/todos.hpp>

#include <set>
#include <string>

namespace naervaer::client {

namespace {

void details(const ViewContext& ctx, const Employee& e) {
    if (!ui::begin_details_table("details")) return;
    ui::detail_row(ctx.tr("employee.number"), e.employee_number);
    ui::detail_row(ctx.tr("employee.department"), ctx.directory.department_name(e.department_id));
    ui::detail_row(ctx.tr("employee.employment_start"), e.employment_start.danish());
    ui::detail_row(ctx.tr("employee.weekly_hours"), format_decimal(e.weekly_hours));
    // Only the date part of a CPR number is ever shown (it is sensitive; README, glossary).
    ui::detail_row(ctx.tr("employee.cpr"), mask_cpr(e.cpr));
    ui::detail_row(ctx.tr("employee.payer"),
                   ctx.tr("employee.payer." + std::string(to_string(e.nemrefusion_payer))));
    // Where a fast-track request or contact request goes (docs/referrals.md).
    const Municipality* home = jobcenter_data().municipalities.find_by_code(e.home_municipality);
    ui::detail_row(ctx.tr("employee.home_municipality"),
                   home ? home->name + " \u00B7 " + home->jobcenter : std::string(ctx.tr("employee.home_municipality.none")));
    ImGui::EndTable();
}

// "Ikke synkroniseret", "Konflikt" or "Afvist" next to a spell that is not settled with the server.
void sync_badge(const ViewContext& ctx, const std::string& spell_id,
                const std::set<std::string>& pending_ids) {
    const Replica::Key key{std::string(record_type::absence_spell), spell_id};
    if (ctx.replica.conflicts().count(key))
        ui::colored_text(ui::color::danger, ctx.tr("sync.badge_conflict"));
    else if (ctx.replica.rejected().count(key))
        ui::colored_text(ui::color::danger, ctx.tr("sync.badge_rejected"));
    else if (pending_ids.count(spell_id))
        ui::colored_text(ui::color::warning, ctx.tr("sync.badge_pending"));
}

void history(const ViewContext& ctx, const Employee& e, const std::string& selected_spell_id, Actions& out) {
    const auto& spells = ctx.directory.spells_of(e.id);
    if (spells.empty()) {
        ui::muted_text(ctx.tr("spells.none"));
        return;
    }
    if (!ui::begin_list_table("spells", {{ctx.tr("spell.first_day"), 2},
                                         {ctx.tr("spell.last_day"), 2},
                                         {ctx.tr("spell.kind"), 3},
                                         {ctx.tr("spell.extent"), 2},
                                         {ctx.tr("spell.duration"), 1.5f},
                                         {ctx.tr("spell.expected_return"), 3},
                                         {"##actions", 4}}))
        return;
    std::set<std::string> pending_ids;
    for (const auto& pending : ctx.replica.pending_changes(ctx.replica.pending_count()))
        if (pending.change.type == record_type::absence_spell) pending_ids.insert(pending.change.id);

    for (const auto& spell : spells) {
        ImGui::PushID(spell.id.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        // The whole row selects the spell's timeline; AllowItemOverlap keeps its buttons clickable.
        if (ImGui::Selectable(spell.first_day.danish().c_str(), spell.id == selected_spell_id,
                              ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
            out.push_back(action::SelectSpell{spell.id});
        ImGui::TableNextColumn();
        if (spell.last_day)
            ImGui::TextUnformatted(spell.last_day->danish().c_str());
        else
            ui::colored_text(ui::color::warning, ctx.tr("spell.ongoing"));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ui::absence_kind_label(ctx.i18n, spell.kind));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ui::extent_label(ctx.i18n, spell).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(
            ctx.i18n.format("spell.days", std::to_string(ui::duration_days(spell, ctx.today))).c_str());
        ImGui::TableNextColumn();
        if (spell.not_expected_back_within_8_weeks)
            ImGui::TextWrapped("%s", ctx.tr("spell.not_within_8_weeks_short"));
        else if (spell.expected_return)
            ImGui::TextUnformatted(spell.expected_return->danish().c_str());
        else
            ImGui::TextUnformatted("–");
        ImGui::TableNextColumn();
        if (ImGui::SmallButton(ctx.tr("timeline.show"))) out.push_back(action::SelectSpell{spell.id});
        ui::test_anchor("spell.timeline", spell.id);
        ImGui::SameLine();
        if (ImGui::SmallButton(ctx.tr("common.edit"))) out.push_back(action::EditSpell{spell.id});
        ui::test_anchor("spell.edit", spell.id);
        if (spell.ongoing()) {
            ImGui::SameLine();
            if (ImGui::SmallButton(ctx.tr("spell.close"))) out.push_back(action::StartCloseSpell{spell.id});
            ui::test_anchor("spell.close", spell.id);
        }
        sync_badge(ctx, spell.id, pending_ids);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

const char* status_label(const ViewContext& ctx, EntryStatus status) {
    switch (status) {
    case EntryStatus::upcoming:
        return ctx.tr("timeline.status.upcoming");
    case EntryStatus::due_soon:
        return ctx.tr("timeline.status.due_soon");
    case EntryStatus::overdue:
        return ctx.tr("timeline.status.overdue");
    case EntryStatus::met:
        return ctx.tr("timeline.status.met");
    case EntryStatus::passed:
        return ctx.tr("timeline.status.passed");
    case EntryStatus::available:
        return ctx.tr("timeline.status.available");
    case EntryStatus::not_applicable:
        return ctx.tr("timeline.status.not_applicable");
    }
    return "";
}

// Red for what is late, amber for what is close, muted for what is behind us.
ImVec4 status_color(EntryStatus status) {
    switch (status) {
    case EntryStatus::overdue:
        return ui::color::danger;
    case EntryStatus::due_soon:
        return ui::color::warning;
    case EntryStatus::available:
        return ui::color::accent;
    case EntryStatus::met:
    case EntryStatus::passed:
    case EntryStatus::not_applicable:
        return ui::color::text_muted;
    case EntryStatus::upcoming:
        break;
    }
    return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

// Something is still to be done or to happen on this entry's date.
bool is_open(EntryStatus status) {
    return status == EntryStatus::upcoming || status == EntryStatus::due_soon ||
           status == EntryStatus::overdue;
}

// The fast-track window, while open, above the table: it is the one option that closes for good
// (SDL § 7 c), so its days left must not drown in the list.
void fast_track_banner(const ViewContext& ctx, const AbsenceSpell& spell, const CaseTimeline& timeline,
                       Actions& out) {
    const TimelineEntry* window = timeline.find("fast_track_window");
    if (!window || !window->due || !window->days_left || !is_open(window->status) || *window->days_left < 0)
        return;
    ImGui::PushFont(ui_font(UiFont::Bold));
    ui::colored_text(ui::color::warning, ctx.i18n.format("timeline.fast_track_open",
                                                ui::days_phrase(ctx.i18n, *window->days_left), window->due->danish()));
    ImGui::PopFont();
    // The request itself (views/referral_view.cpp): eligibility first, then the form.
    if (ctx.user.can_edit_employees()) {
        ImGui::SameLine();
        action::Referral start;
        start.op = action::ReferralOp::start_fast_track;
        start.spell_id = spell.id;
        const std::string label = std::string(ctx.tr("referrals.fast_track")) + "###timeline_fast_track";
        if (ImGui::SmallButton(label.c_str())) out.push_back(start);
        ui::test_anchor("timeline.fast_track");
    }
}

// The template a leader fills in to meet this step ("absence_conversation" for the 4-week
// conversation, "retention_plan"), among those offered from a case.
const FormTemplate* template_meeting(const LoadedTemplates& templates, const std::string& rule_id) {
    for (const std::string& id : templates.offered)
        if (const FormTemplate* t = templates.find(id); t && t->meets_rule == rule_id) return t;
    return nullptr;
}

// A conversation record that meets this step (signed, its template's rule), if the case has one.
const ConversationRecord* record_meeting(const ViewContext& ctx, const AbsenceSpell& spell, const std::string& rule_id) {
    for (const ConversationRecord& r : ctx.directory.conversations_of(spell.id))
        if (const auto met = met_rule(r); met && met->rule_id == rule_id) return &r;
    return nullptr;
}

// The step's record: "Hold samtale" (or the draft under way) while open, and once a signed record
// meets it, which one and when, with a link.
void record_cell(const ViewContext& ctx, const AbsenceSpell& spell, const TimelineEntry& entry,
                 const LoadedTemplates& templates, Actions& out) {
    const FormTemplate* form = template_meeting(templates, entry.rule_id);
    if (!form) return;
    if (const ConversationRecord* met = record_meeting(ctx, spell, entry.rule_id)) {
        ui::colored_text(ui::color::success,
                         ctx.i18n.format("timeline.met_by_record", ctx.i18n.pick(form->title_da, form->title_en),
                                         met->held_on.danish()));
        if (ImGui::SmallButton(ctx.tr("conversation.open"))) out.push_back(action::OpenConversation{met->id});
        ui::test_anchor("timeline.record", entry.rule_id);
        return;
    }
    if (!is_open(entry.status) && entry.status != EntryStatus::available) return;
    const ConversationRecord* draft = nullptr;
    for (const ConversationRecord& r : ctx.directory.conversations_of(spell.id))
        if (!r.is_signed() && r.template_id == form->id) draft = &r;
    // "Hold samtale" for the absence conversation, "Lav plan" for the retention plan.
    const std::string label = ctx.tr(draft ? "timeline.continue_record" : ("timeline.start." + entry.rule_id).c_str());
    if (ImGui::SmallButton((label + "###start_record").c_str())) {
        if (draft)
            out.push_back(action::OpenConversation{draft->id});
        else
            out.push_back(action::NewConversation{spell.id, form->id});
    }
    ui::test_anchor("timeline.conversation", entry.rule_id);
}

// Mark done (while open) or take the mark back (when marked), with who marked it and when.
void mark_cell(const ViewContext& ctx, const AbsenceSpell& spell, const TimelineEntry& entry, Actions& out) {
    if (!is_case_step(entry, spell)) return;
    // A signed record met the step: the record says so (record_cell), no mark is needed.
    if (record_meeting(ctx, spell, entry.rule_id) && !ctx.directory.mark(deadline_todo_key(spell.id, entry.rule_id)))
        return;
    const std::string key = deadline_todo_key(spell.id, entry.rule_id);
    if (const TodoDone* mark = ctx.directory.mark(key)) {
        ui::colored_text(ui::color::success,
                         ctx.i18n.format("todo.done_by", mark->done_on.danish(), mark->done_by_name));
        if (!mark->note.empty()) ui::colored_text(ui::color::text_muted, mark->note);
        if (ImGui::SmallButton(ctx.tr("todo.undo"))) out.push_back(action::UnmarkTodo{key});
        ui::test_anchor("timeline.undo", entry.rule_id);
        return;
    }
    if (!is_open(entry.status)) return;
    const char* label = entry.rule_id == "fast_track_window" ? ctx.tr("todo.mark_requested") : ctx.tr("todo.mark_done");
    if (ImGui::SmallButton(label))
        out.push_back(action::StartMarkTodo{
            {key, spell.employee_id, spell.id, entry.rule_id, entry.title_da, entry.title_en, entry.due}});
    ui::test_anchor("timeline.mark", entry.rule_id);
}

void timeline_table(const ViewContext& ctx, const AbsenceSpell& spell, const CaseTimeline& timeline,
                    const LoadedTemplates& templates, Actions& out) {
    if (!ui::begin_list_table("timeline", {{ctx.tr("timeline.column.step"), 3},
                                           {ctx.tr("timeline.column.due"), 1.6f},
                                           {ctx.tr("timeline.column.status"), 1.6f},
                                           {ctx.tr("timeline.column.days_left"), 1.8f},
                                           {ctx.tr("timeline.column.note"), 3},
                                           {ctx.tr("timeline.column.source"), 2.5f},
                                           {"##done", 2.5f}}))
        return;

    for (const auto& entry : timeline.entries) {
        // Listed under the table instead: a step that does not apply is not a deadline.
        if (entry.status == EntryStatus::not_applicable) continue;
        const ImVec4 color = status_color(entry.status);
        ImGui::PushID(entry.rule_id.c_str());
        ImGui::TableNextRow();

        ImGui::TableNextColumn();
        ui::colored_text(entry.status == EntryStatus::upcoming ? ImGui::GetStyleColorVec4(ImGuiCol_Text) : color,
                ctx.i18n.pick(entry.title_da, entry.title_en));
        // The law's wording is long; it is there on hover for whoever wants the why.
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 35);
            ImGui::TextUnformatted(ctx.i18n.pick(entry.explanation_da, entry.explanation_en).c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }

        ImGui::TableNextColumn();
        ImGui::TextUnformatted(entry.due ? entry.due->danish().c_str() : "–");

        ImGui::TableNextColumn();
        ui::colored_text(color, status_label(ctx, entry.status));

        ImGui::TableNextColumn();
        if (entry.days_left && is_open(entry.status))
            ui::colored_text(color, ui::days_phrase(ctx.i18n, *entry.days_left).c_str());
        else
            ui::muted_text("–");

        ImGui::TableNextColumn();
        // The law keeps a date on a weekend or holiday; acting the working day before is safe.
        if (entry.due_on_non_working_day && entry.suggested_date && is_open(entry.status))
            ui::colored_text(ui::color::warning,
                    ctx.i18n.format("timeline.non_working_day",
                                    ctx.i18n.pick(entry.non_working_day_da, entry.non_working_day_en),
                                    entry.suggested_date->danish()));

        ImGui::TableNextColumn();
        ui::colored_text(ui::color::text_muted, entry.source);

        ImGui::TableNextColumn();
        record_cell(ctx, spell, entry, templates, out);
        mark_cell(ctx, spell, entry, out);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

// The steps that do not apply to this case, folded away with the reason for each.
void not_applicable_list(const ViewContext& ctx, const CaseTimeline& timeline) {
    int count = 0;
    for (const auto& entry : timeline.entries)
        count += entry.status == EntryStatus::not_applicable ? 1 : 0;
    if (count == 0) return;
    const std::string header =
        ctx.i18n.format("timeline.not_applicable", std::to_string(count)) + "###not_applicable";
    if (!ImGui::TreeNode(header.c_str())) return;
    for (const auto& entry : timeline.entries) {
        if (entry.status != EntryStatus::not_applicable) continue;
        ui::colored_text(ui::color::text_muted, ctx.i18n.pick(entry.title_da, entry.title_en) + ": " +
                                           ctx.i18n.pick(entry.reason_da, entry.reason_en));
    }
    ImGui::TreePop();
}

void case_timeline(const ViewContext& ctx, const AbsenceSpell& spell, const SelectedCase& selected,
                   const LoadedRules& rules, const LoadedTemplates& templates, Actions& out) {
    ui::subheading(ctx.tr("timeline.title"));
    ui::muted_text(ctx.i18n.format("timeline.for_spell", spell.first_day.danish()).c_str());

    // Broken rule data is a build or deployment fault: say so plainly and show the details.
    if (!rules.errors.empty()) {
        ui::error_text(ctx.tr("timeline.rules_failed"));
        for (const auto& error : rules.errors)
            ui::colored_text(ui::color::text_muted, error);
        if (rules.rule_sets.empty()) return;
    }
    if (!selected.timeline) {
        ui::muted_text(
            ctx.i18n.format("timeline.no_rule_set", rules.rule_sets.front().effective_from.danish()).c_str());
        return;
    }
    const CaseTimeline& timeline = *selected.timeline;
    if (!timeline.not_covered_da.empty()) {
        ui::colored_text(ui::color::text_muted, ctx.i18n.pick(timeline.not_covered_da, timeline.not_covered_en));
        return;
    }

    // Which law applied, on the case itself: a rule change must be traceable (docs/deadlines.md).
    const RuleSet* set = rules.find(timeline.rule_set_id);
    ui::muted_text(ctx.i18n
                       .format("timeline.rule_set", timeline.rule_set_id,
                               set ? set->effective_from.danish() : std::string("–"))
                       .c_str());
    ui::vertical_space(0.5f);
    fast_track_banner(ctx, spell, timeline, out);
    timeline_table(ctx, spell, timeline, templates, out);
    not_applicable_list(ctx, timeline);
}

std::string snapshot_title(const ViewContext& ctx, const ConversationRecord& r) {
    const nlohmann::json& s = r.template_snapshot;
    const char* key = ctx.i18n.language() == "en" ? "title_en" : "title_da";
    return s.is_object() && s.contains(key) && s[key].is_string() ? s[key].get<std::string>() : r.template_id;
}

// "Samtaler og planer": the case's conversation records, newest meeting first, each opened from
// here, and the templates a new one starts from (title, with the purpose beside it).
void case_conversations(const ViewContext& ctx, const AbsenceSpell& spell, const LoadedTemplates& templates,
                        Actions& out) {
    ui::subheading(ctx.tr("conversations.title"));
    const auto records = ctx.directory.conversations_of(spell.id);
    if (records.empty()) {
        ui::muted_text(ctx.tr("conversations.none"));
    } else if (ui::begin_list_table("conversations", {{ctx.tr("conversations.column.template"), 3},
                                                      {ctx.tr("conversations.column.held_on"), 1.5f},
                                                      {ctx.tr("conversations.column.status"), 2.5f},
                                                      {ctx.tr("conversations.column.amendments"), 1.2f},
                                                      {"##open", 1.5f}})) {
        std::set<std::string> pending_ids;
        if (ctx.sync.pending > 0)
            for (const auto& pending : ctx.replica.pending_changes(ctx.replica.pending_count()))
                if (pending.change.type == record_type::conversation_record) pending_ids.insert(pending.change.id);
        for (const ConversationRecord& r : records) {
            ImGui::PushID(r.id.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(snapshot_title(ctx, r).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.held_on.danish().c_str());
            ImGui::TableNextColumn();
            if (r.sign_off)
                ui::colored_text(ui::color::success,
                                 ctx.i18n.format("conversations.signed_on", r.sign_off->date.danish()));
            else
                ui::colored_text(ui::color::warning, ctx.tr("conversations.draft"));
            if (pending_ids.count(r.id)) ui::colored_text(ui::color::warning, ctx.tr("sync.badge_pending"));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.amendments.empty() ? "\u2013" : std::to_string(r.amendments.size()).c_str());
            ImGui::TableNextColumn();
            if (ImGui::SmallButton(ctx.tr("conversation.open"))) out.push_back(action::OpenConversation{r.id});
            ui::test_anchor("case.conversation.open", r.id);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ui::vertical_space(0.5f);
    // The templates offered from a case, in their order (LoadedTemplates::offered).
    const bool open = ImGui::CollapsingHeader((std::string(ctx.tr("conversations.new")) + "###new_conversation").c_str());
    ui::test_anchor("case.conversations.new");
    if (!open) return;
    if (!ui::begin_list_table("templates", {{"##title", 2.2f}, {"##purpose", 5}}, 0, ImVec2(0, 0), false)) return;
    for (const std::string& id : templates.offered) {
        const FormTemplate* form = templates.find(id);
        if (!form) continue;
        ImGui::PushID(form->id.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (ImGui::Button(ctx.i18n.pick(form->title_da, form->title_en).c_str()))
            out.push_back(action::NewConversation{spell.id, form->id});
        ui::test_anchor("case.conversations.new", form->id);
        ImGui::TableNextColumn();
        ui::muted_text(ctx.i18n.pick(form->purpose_da, form->purpose_en).c_str());
        ImGui::PopID();
    }
    ImGui::EndTable();
}

} // namespace

void employee_view(const ViewContext& ctx, const std::string& employee_id, const SelectedCase& selected_case,
                   const LoadedRules& rules, const LoadedTemplates& templates, Actions& out) {
    if (ImGui::Button(ctx.tr("employee.back"))) out.push_back(action::ShowEmployees{});
    ui::test_anchor("employee.back");
    ui::vertical_space(0.5f);

    const Employee* employee = ctx.directory.employee(employee_id);
    if (!employee) {
        ui::muted_text(ctx.tr("employee.not_found"));
        return;
    }
    ui::heading(employee->name.c_str());
    if (const AbsenceSpell* now = ctx.directory.absence_on(employee->id, ctx.today)) {
        ui::colored_text(ui::color::warning,
                         ctx.i18n
                             .format(now->partial ? "employees.partial_since" : "employees.absent_since",
                                     now->first_day.danish())
                             .c_str());
    }
    ui::vertical_space(0.5f);
    details(ctx, *employee);
    ui::vertical_space();

    if (ui::primary_button(ctx.tr("spell.new"))) out.push_back(action::NewSpell{employee->id});
    ui::test_anchor("employee.new_spell");
    if (ctx.user.can_edit_employees()) {
        ImGui::SameLine();
        if (ImGui::Button(ctx.tr("employee.edit"))) out.push_back(action::EditEmployee{employee->id});
        ui::test_anchor("employee.edit");
    }

    ui::subheading(ctx.tr("spells.title"));
    history(ctx, *employee, selected_case.spell_id, out);

    // The app resolves the selected spell (the user's pick, else the ongoing one, else the latest).
    if (const AbsenceSpell* spell = ctx.directory.spell(selected_case.spell_id);
        spell && selected_case.employee_id == employee->id) {
        case_timeline(ctx, *spell, selected_case, rules, templates, out);
        case_conversations(ctx, *spell, templates, out);
        case_referrals_section(ctx, *employee, spell, selected_case, out);
    } else if (selected_case.employee_id == employee->id) {
        case_referrals_section(ctx, *employee, nullptr, selected_case, out);
    }
}

} // namespace naervaer::client
