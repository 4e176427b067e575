// One request to a jobcentre (docs/referrals.md, "In the app"): a fast-track request ("Anmod om
// fast track") or a contact request ("Kontakt jobcentret"). A fast-track draft first says whether
// the case may ask today (days left, the last day) or why not, with what else fits; then the form
// (diagnosis guard on its free text), the jobcentre it goes to, and "Send" with the day it was
// requested in NemRefusion. Once sent: its status and history as the jobcentre moves it, the
// service indicators (overdue ones in the warning colour), the NemRefusion text to copy, the PDF
// for the employee, and "Træk tilbage". Also the employee page's list of the employee's requests.
#include "views/form_renderer.hpp"
#include "views/test_anchors.hpp"
#include "views/views.hpp"
#include "views/widgets.hpp"

#include "app/jobcenter_data.hpp"
#include "app/text_search.hpp"
#include "platform/ui_fonts.hpp"

#include <naervaer/referral.hpp>
#include <naervaer/referral_record.hpp>

#include <string>

namespace naervaer::client {

namespace {

using nlohmann::json;
using action::ReferralOp;

bool may_write(const ViewContext& ctx) {
    return ctx.user.role == Role::admin || ctx.user.role == Role::hr;
}

action::Referral op(ReferralOp o, std::string id = {}) {
    action::Referral a;
    a.op = o;
    a.id = std::move(id);
    return a;
}

std::string status_text(const ViewContext& ctx, ReferralStatus s) {
    return ctx.i18n.pick(std::string(status_label_da(s)), std::string(status_label_en(s)));
}

ImVec4 status_color(ReferralStatus s) {
    switch (s) {
    case ReferralStatus::draft:
        return ui::color::warning;
    case ReferralStatus::sent:
        return ui::color::accent;
    case ReferralStatus::closed:
        return ui::color::text_muted;
    default:
        return ui::color::success;
    }
}

std::string kind_text(const ViewContext& ctx, ReferralKind k) {
    return ctx.tr(k == ReferralKind::fast_track ? "referral.kind.fast_track" : "referral.kind.contact_request");
}

std::string title_of(const ViewContext& ctx, const ReferralForm& f) {
    if (f.form) return ctx.i18n.pick(f.form->title_da, f.form->title_en);
    return kind_text(ctx, f.record.kind);
}

bool pending_in_outbox(const ViewContext& ctx, const std::string& id) {
    return ctx.replica.pending({std::string(record_type::referral), id});
}

void header(const ViewContext& ctx, const ReferralForm& f) {
    const ReferralRecord& r = f.record;
    ui::heading(title_of(ctx, f).c_str());
    if (f.form) ui::muted_text(ctx.i18n.pick(f.form->purpose_da, f.form->purpose_en).c_str());
    ui::vertical_space(0.5f);
    if (!ui::begin_details_table("referral_details")) return;
    if (const Employee* e = ctx.directory.employee(r.employee_id))
        ui::detail_row(ctx.tr("conversation.employee"), e->name + " (" + e->employee_number + ")");
    if (const AbsenceSpell* spell = ctx.directory.spell(r.spell_id))
        ui::detail_row(ctx.tr("conversation.case"),
                       spell->last_day ? ctx.i18n.format("conversation.case_closed", spell->first_day.danish(),
                                                         spell->last_day->danish())
                                       : ctx.i18n.format("conversation.case_ongoing", spell->first_day.danish()));
    const std::string jobcenter = jobcenter_data().jobcenter_name(r.municipality_code);
    ui::detail_row(ctx.tr("referral.jobcenter"), jobcenter.empty() ? std::string("–") : jobcenter);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ui::muted_text(ctx.tr("referral.status"));
    ImGui::TableNextColumn();
    ui::colored_text(status_color(r.status), status_text(ctx, r.status));
    ui::test_anchor("referral.status");
    if (r.sent_on) ui::detail_row(ctx.tr("referral.sent_on"), r.sent_on->danish());
    if (r.fast_track_requested_on)
        ui::detail_row(ctx.tr("referral.requested_on"), r.fast_track_requested_on->danish());
    ImGui::EndTable();
}

// Whether the case may ask for fast track today, and what else fits.
void eligibility_panel(const ViewContext& ctx, const ReferralForm& f, Actions& out) {
    const FastTrackEligibility& e = *f.eligibility;
    ui::subheading(ctx.tr("referral.eligibility.title"));
    ImGui::PushFont(ui_font(UiFont::Bold));
    if (e.eligible && e.last_day)
        ui::colored_text(ui::color::success,
                         ctx.i18n.format("referral.eligibility.possible", ui::days_phrase(ctx.i18n, e.days_left),
                                         e.last_day->danish()));
    else
        ui::colored_text(ui::color::danger, ctx.tr("referral.eligibility.not_possible"));
    ImGui::PopFont();
    ui::test_anchor("referral.eligibility");
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(ctx.i18n.pick(e.reason_da, e.reason_en).c_str());
    ImGui::PopTextWrapPos();
    if (!e.source.empty()) ui::muted_text(e.source.c_str());
    if (e.alternatives.empty()) return;
    ui::vertical_space(0.5f);
    ui::muted_text(ctx.tr(e.eligible ? "referral.alternatives.also" : "referral.alternatives.instead"));
    for (const AlternativeOption& alt : e.alternatives) {
        ImGui::PushID(static_cast<int>(alt.id));
        ImGui::Bullet();
        ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::PushFont(ui_font(UiFont::Bold));
        ImGui::TextUnformatted(ctx.i18n.pick(alt.title_da, alt.title_en).c_str());
        ImGui::PopFont();
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(ctx.i18n.pick(alt.text_da, alt.text_en).c_str());
        ImGui::PopTextWrapPos();
        if (!alt.source.empty()) ui::muted_text(alt.source.c_str());
        if (alt.id == ReferralAlternative::retention_plan) {
            // The case's retention plan: the draft under way, else a new one.
            const ConversationRecord* plan = nullptr;
            for (const ConversationRecord& r : ctx.directory.conversations_of(f.record.spell_id))
                if (r.template_id == "retention_plan" && !plan) plan = &r;
            if (ImGui::Button(ctx.tr(plan ? "referral.alternative.open_plan" : "referral.alternative.new_plan"))) {
                if (plan)
                    out.push_back(action::OpenConversation{plan->id});
                else
                    out.push_back(action::NewConversation{f.record.spell_id, "retention_plan"});
            }
            ui::test_anchor("referral.alternative.retention_plan");
        } else if (may_write(ctx)) {
            if (ImGui::Button(ctx.tr("referral.alternative.contact"))) {
                action::Referral a = op(ReferralOp::new_contact_request);
                a.employee_id = f.record.employee_id;
                a.spell_id = f.record.spell_id;
                out.push_back(a);
            }
            ui::test_anchor("referral.alternative.contact_request");
        }
        ImGui::EndGroup();
        ImGui::PopID();
    }
}

// Where the draft stands: saved when, and whether the server has it.
void autosave_line(const ViewContext& ctx, const ReferralForm& f) {
    autosave_line(ctx, {std::string(record_type::referral), f.record.id}, {f.save_blocked, f.dirty, f.stored, f.saved_at},
                  "referral.autosave.new", "referral.autosave");
}

std::string field_label(const ViewContext& ctx, const ReferralForm& f, const std::string& path) {
    const std::string id = path.substr(0, path.find_first_of(".["));
    if (id == "municipality_code") return ctx.tr("referral.municipality");
    if (id == "fast_track_requested_on") return ctx.tr("referral.send.requested_on");
    const Field* field = f.form ? f.form->find(id) : nullptr;
    return field ? ctx.i18n.pick(field->label_da, field->label_en) : path;
}

void send_errors(const ViewContext& ctx, const ReferralForm& f) {
    bool any = false;
    for (const auto& e : f.send_errors.errors()) {
        if (e.field == "fast_track_requested_on") continue; // under its field
        if (!any) ui::error_text(ctx.tr("referral.send.fix_first"));
        any = true;
        if (e.field == "eligibility" && f.eligibility)
            ui::error_text("  \u2022 " + ctx.i18n.pick(f.eligibility->reason_da, f.eligibility->reason_en));
        else
            ui::error_text("  \u2022 " + field_label(ctx, f, e.field) + ": " + ctx.i18n.message(e));
    }
}

void send_panel(const ViewContext& ctx, ReferralForm& f, Actions& out) {
    const std::string jobcenter = jobcenter_data().jobcenter_name(f.record.municipality_code);
    ui::subheading(ctx.tr("referral.send.title"));
    ui::muted_text(ctx.i18n.format("referral.send.to", jobcenter.empty() ? std::string("–") : jobcenter).c_str());
    if (f.record.kind == ReferralKind::fast_track) {
        ui::muted_text(ctx.tr("referral.send.requested_help"));
        ui::text_field(ctx.tr("referral.send.requested_on"), "##requested_on", f.requested_on,
                       ui::field_error(ctx.i18n, f.send_errors, "fast_track_requested_on", true), 200, 0,
                       ctx.tr("date.hint"), "referral.send.requested_on");
    }
    send_errors(ctx, f);
    if (ui::primary_button(ctx.tr("referral.send.confirm"))) out.push_back(op(ReferralOp::confirm_send));
    ui::test_anchor("referral.send.confirm");
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("common.cancel"))) out.push_back(op(ReferralOp::cancel_send));
    ui::test_anchor("referral.send.cancel");
}

void draft_controls(const ViewContext& ctx, ReferralState& s, Actions& out) {
    ReferralForm& f = s.open;
    autosave_line(ctx, f);
    ui::vertical_space(0.5f);
    ImGui::TextUnformatted(ctx.tr("referral.municipality"));
    if (municipality_combo(ctx, "##referral.municipality", f.record.municipality_code, f.municipality_search, 320))
        out.push_back(op(ReferralOp::edited));
    const std::string jobcenter = jobcenter_data().jobcenter_name(f.record.municipality_code);
    if (!jobcenter.empty()) {
        ImGui::SameLine();
        ui::colored_text(ui::color::accent, ctx.i18n.format("referral.goes_to", jobcenter));
    }
    if (const FieldError* e = f.errors.find("municipality_code")) ui::error_text(ctx.i18n.message(*e));
    if (f.record.kind == ReferralKind::fast_track)
        if (const Employee* e = ctx.directory.employee(f.record.employee_id); e && e->home_municipality.empty())
            ui::colored_text(ui::color::warning, ctx.tr("referral.no_home_municipality"));
    ui::vertical_space(0.5f);
    if (!f.confirming_send) {
        if (ui::primary_button(ctx.tr("referral.send"))) out.push_back(op(ReferralOp::start_send));
        ui::test_anchor("referral.send");
        ImGui::SameLine();
        if (ImGui::Button(ctx.tr("referral.delete"))) f.confirm_delete = true;
        ui::test_anchor("referral.delete");
    }
    if (f.confirm_delete) {
        ImGui::PushID("delete");
        ui::colored_text(ui::color::warning, ctx.tr("referral.delete_question"));
        if (ImGui::Button(ctx.tr("conversation.delete_confirm"))) out.push_back(op(ReferralOp::delete_draft));
        ui::test_anchor("referral.delete.confirm");
        ImGui::SameLine();
        if (ImGui::Button(ctx.tr("common.cancel"))) f.confirm_delete = false;
        ui::test_anchor("referral.delete.cancel");
        ImGui::PopID();
    }
    if (f.confirming_send) send_panel(ctx, f, out);
}

std::string event_line(const ViewContext& ctx, const ReferralEvent& e, const ReferralRecord& r) {
    std::string line = status_text(ctx, e.status) + " " + e.on.danish();
    if (!e.by_name.empty())
        line += " \u00B7 " + e.by_name + " (" +
                ctx.tr(e.side == ReferralActor::jobcenter ? "referral.side.jobcenter" : "referral.side.employer") + ")";
    (void)r;
    return line;
}

void indicators(const ViewContext& ctx, const ReferralRecord& r, const LoadedRules& rules) {
    const auto dates = referral_dates(r);
    if (!dates) return;
    const AbsenceSpell* spell = ctx.directory.spell(r.spell_id);
    const RuleSet* set = spell ? rule_set_in_force(rules.rule_sets, spell->first_day) : nullptr;
    const auto list = service_indicators(*dates, ctx.today, jobcenter_data().standards, set);
    if (list.empty()) return;
    ui::subheading(ctx.tr("referral.indicators.title"));
    if (!ui::begin_list_table("indicators", {{ctx.tr("referral.indicators.what"), 4},
                                             {ctx.tr("referral.indicators.due"), 1.5f},
                                             {ctx.tr("referral.indicators.status"), 2.5f}}))
        return;
    for (const ServiceIndicator& i : list) {
        ImGui::PushID(i.id.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", ctx.i18n.pick(i.title_da, i.title_en).c_str());
        if (ImGui::IsItemHovered() && !i.source.empty()) ImGui::SetTooltip("%s", i.source.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(i.due.danish().c_str());
        ImGui::TableNextColumn();
        switch (i.status) {
        case IndicatorStatus::met:
            ui::colored_text(ui::color::success, i.done_on ? ctx.i18n.format("referral.indicator.met", i.done_on->danish())
                                                           : std::string(ctx.tr("referral.indicator.met_plain")));
            break;
        case IndicatorStatus::late:
            ui::colored_text(ui::color::warning,
                             ctx.i18n.format("referral.indicator.late", i.done_on ? i.done_on->danish() : std::string()));
            break;
        case IndicatorStatus::overdue:
            ImGui::PushFont(ui_font(UiFont::Bold));
            ui::colored_text(ui::color::danger, ctx.i18n.format("referral.indicator.overdue",
                                                                std::to_string(-i.working_days_left)));
            ImGui::PopFont();
            break;
        case IndicatorStatus::open:
            ui::colored_text(ui::color::text_muted, ctx.i18n.format("referral.indicator.open",
                                                                    std::to_string(i.working_days_left)));
            break;
        }
        ui::test_anchor("referral.indicator", i.id);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void status_section(const ViewContext& ctx, ReferralForm& f, const LoadedRules& rules, Actions& out) {
    const ReferralRecord& r = f.record;
    ui::subheading(ctx.tr("referral.history.title"));
    if (r.history.empty()) ui::muted_text(ctx.tr("referral.history.not_yet"));
    for (std::size_t i = 0; i < r.history.size(); ++i) {
        const ReferralEvent& e = r.history[i];
        ImGui::BeginGroup();
        ui::colored_text(status_color(e.status), event_line(ctx, e, r));
        if (!e.note.empty()) ui::muted_text(e.note.c_str());
        ImGui::EndGroup();
        ui::test_anchor("referral.history", std::to_string(i));
    }
    if (r.meeting) {
        ui::vertical_space(0.5f);
        ImGui::PushFont(ui_font(UiFont::Bold));
        ImGui::TextUnformatted(ctx.tr("referral.meeting.title"));
        ImGui::PopFont();
        if (ui::begin_details_table("meeting")) {
            ui::detail_row(ctx.tr("referral.meeting.date"),
                           r.meeting->date.danish() + (r.meeting->time.empty() ? "" : " " + r.meeting->time));
            ui::detail_row(ctx.tr("referral.meeting.place"), r.meeting->place);
            ui::detail_row(ctx.tr("referral.meeting.participants"), r.meeting->participants);
            ImGui::EndTable();
        }
        ui::test_anchor("referral.meeting");
    }
    if (!r.answer.empty()) {
        ui::vertical_space(0.5f);
        ImGui::PushFont(ui_font(UiFont::Bold));
        ImGui::TextUnformatted(ctx.tr("referral.answer.title"));
        ImGui::PopFont();
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(r.answer.c_str());
        ImGui::PopTextWrapPos();
        ui::test_anchor("referral.answer");
    }
    if (r.first_conversation_on)
        ui::muted_text(ctx.i18n.format("referral.first_conversation", r.first_conversation_on->danish()).c_str());
    indicators(ctx, r, rules);

    if (!may_write(ctx) || !r.is_open()) return;
    ui::vertical_space(0.5f);
    if (!f.withdrawing) {
        if (ImGui::Button(ctx.tr("referral.withdraw"))) out.push_back(op(ReferralOp::start_withdraw));
        ui::test_anchor("referral.withdraw");
        return;
    }
    ui::muted_text(ctx.tr("referral.withdraw.explanation"));
    ui::text_field(ctx.tr("referral.withdraw.note"), "##withdraw_note", f.withdraw_note,
                   ui::field_error(ctx.i18n, f.send_errors, "withdraw_note", true), 0, 0, nullptr,
                   "referral.withdraw.note");
    for (const auto& e : f.send_errors.errors())
        if (e.field != "withdraw_note") ui::error_text(ctx.i18n.message(e));
    if (ui::primary_button(ctx.tr("referral.withdraw.confirm"))) out.push_back(op(ReferralOp::confirm_withdraw));
    ui::test_anchor("referral.withdraw.confirm");
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("common.cancel"))) out.push_back(op(ReferralOp::cancel_withdraw));
    ui::test_anchor("referral.withdraw.cancel");
}

// The text block for NemRefusion, read-only, with "Kopiér tekst"; and the PDF for the employee.
void outputs(const ViewContext& ctx, const ReferralForm& f, Actions& out) {
    ui::subheading(ctx.tr("referral.outputs.title"));
    if (!f.nemrefusion.empty()) {
        ui::muted_text(ctx.tr("referral.nemrefusion.help"));
        const float line = ImGui::GetTextLineHeightWithSpacing();
        int lines = 1;
        for (const char c : f.nemrefusion)
            lines += c == '\n' ? 1 : 0;
        const float height = line * static_cast<float>(std::min(lines, 18)) + ImGui::GetStyle().WindowPadding.y * 2;
        ImGui::BeginChild("nemrefusion", ImVec2(0, height), true, ImGuiWindowFlags_HorizontalScrollbar);
        ImGui::TextUnformatted(f.nemrefusion.c_str());
        ImGui::EndChild();
        ui::test_anchor("referral.nemrefusion");
        if (ImGui::Button(ctx.tr("referral.copy"))) out.push_back(op(ReferralOp::copy_text));
        ui::test_anchor("referral.copy");
        ImGui::SameLine();
    }
    if (ImGui::Button(ctx.tr(f.record.kind == ReferralKind::fast_track ? "referral.pdf" : "referral.pdf_copy")))
        out.push_back(op(ReferralOp::download_pdf));
    ui::test_anchor("referral.pdf");
}

} // namespace

bool municipality_combo(const ViewContext& ctx, const char* id, std::string& code, std::string& search, float width) {
    const Municipalities& all = jobcenter_data().municipalities;
    const Municipality* current = all.find_by_code(code);
    const std::string anchor = std::string(id).substr(std::string(id).find_first_not_of('#'));
    const std::string preview = current ? current->name + " (" + current->code + ")" : std::string(ctx.tr("municipality.choose"));
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    const bool open = ImGui::BeginCombo(id, preview.c_str(), ImGuiComboFlags_HeightLarge);
    ui::test_anchor(anchor);
    if (!open) return false;
    if (ImGui::IsWindowAppearing()) {
        search.clear();
        ImGui::SetKeyboardFocusHere();
    }
    ui::input_text("##search", search, 0, ctx.tr("municipality.search_hint"));
    ui::test_anchor(anchor + ".search");
    const std::string needle = fold_case(search);
    if (ImGui::Selectable(ctx.tr("municipality.none"), code.empty()) && !code.empty()) {
        code.clear();
        changed = true;
    }
    ui::test_anchor(anchor + ".option.none");
    for (const Municipality& m : all.list) {
        if (!needle.empty() && !contains_folded(fold_case(m.name), needle) && m.code.rfind(search, 0) != 0) continue;
        const std::string label = m.name + " (" + m.code + ") \u00B7 " + m.jobcenter;
        if (ImGui::Selectable(label.c_str(), m.code == code)) {
            changed = m.code != code;
            code = m.code;
        }
        ui::test_anchor(anchor + ".option." + m.code);
    }
    ImGui::EndCombo();
    return changed;
}

void referral_view(const ViewContext& ctx, ReferralState& state, const LoadedRules& rules,
                   const LoadedTemplates& templates, Actions& out) {
    if (ImGui::Button(ctx.tr("referral.back"))) out.push_back(op(ReferralOp::back));
    ui::test_anchor("referral.back");
    ui::vertical_space(0.5f);
    ReferralForm& f = state.open;
    if (f.record.id.empty()) {
        ui::muted_text(ctx.tr("referral.none"));
        return;
    }
    for (const auto& error : jobcenter_data().errors)
        ui::error_text(error);
    header(ctx, f);
    if (!f.notice_key.empty()) {
        // "Sendes når du er online igen" while it waits; gone once the server has it.
        const bool waiting = pending_in_outbox(ctx, f.record.id);
        if (f.notice_key != "referral.sending" && f.notice_key != "referral.offline_queued")
            ui::colored_text(ui::color::warning, ctx.tr(f.notice_key));
        else if (waiting)
            ui::colored_text(ui::color::warning,
                             ctx.tr(ctx.sync.online ? "referral.sending" : "referral.offline_queued"));
        ui::test_anchor("referral.notice");
    }
    if (!f.refusal.empty()) {
        ui::error_text(ctx.i18n.format("referral.refused", f.refusal));
        ui::test_anchor("referral.refusal");
    } else if (pending_in_outbox(ctx, f.record.id) && !ctx.sync.last_error_code.empty()) {
        ui::error_text(ctx.i18n.pick(ctx.sync.last_error_da, ctx.sync.last_error_en));
    }
    if (!may_write(ctx)) ui::muted_text(ctx.tr("referral.read_only_role"));
    ui::vertical_space(0.5f);

    const bool draft = f.record.status == ReferralStatus::draft;
    if (f.record.kind == ReferralKind::fast_track && draft && f.eligibility) {
        eligibility_panel(ctx, f, out);
        ui::vertical_space();
        // Outside the window there is nothing to fill in (a draft saved earlier stays readable).
        if (!f.eligibility->eligible && !f.stored) return;
    }
    if (draft && f.editable)
        draft_controls(ctx, state, out);
    else if (!draft)
        status_section(ctx, f, rules, out);
    ui::vertical_space();
    outputs(ctx, f, out);
    ui::vertical_space();

    if (f.form) {
        const DiagnosisTerms* guard = templates.terms ? &*templates.terms : nullptr;
        FormRenderResult result =
            form_fields(ctx, *f.form, f.record.answers, f.errors, f.show_all_errors, guard, f.ui);
        f.notices = std::move(result.notices);
        if (result.changed && f.editable) out.push_back(op(ReferralOp::edited));
    } else {
        ui::error_text(ctx.tr("conversation.snapshot_broken"));
    }
}

void case_referrals_section(const ViewContext& ctx, const Employee& employee, const AbsenceSpell* spell,
                            const SelectedCase& selected, Actions& out) {
    ui::subheading(ctx.tr("referrals.title"));
    if (selected.referrals.empty()) {
        ui::muted_text(ctx.tr("referrals.none"));
    } else if (ui::begin_list_table("referrals", {{ctx.tr("referrals.column.kind"), 2.5f},
                                                  {ctx.tr("referrals.column.jobcenter"), 2.5f},
                                                  {ctx.tr("referrals.column.status"), 2},
                                                  {ctx.tr("referrals.column.sent_on"), 1.5f},
                                                  {"##open", 1.2f}})) {
        for (const ReferralRecord& r : selected.referrals) {
            ImGui::PushID(r.id.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(kind_text(ctx, r.kind).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(jobcenter_data().jobcenter_name(r.municipality_code).c_str());
            ImGui::TableNextColumn();
            ui::colored_text(status_color(r.status), status_text(ctx, r.status));
            if (pending_in_outbox(ctx, r.id)) ui::colored_text(ui::color::warning, ctx.tr("sync.badge_pending"));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.sent_on ? r.sent_on->danish().c_str() : "\u2013");
            ImGui::TableNextColumn();
            if (ImGui::SmallButton(ctx.tr("conversation.open"))) out.push_back(op(ReferralOp::open, r.id));
            ui::test_anchor("case.referral.open", r.id);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ui::vertical_space(0.5f);
    if (may_write(ctx)) {
        if (spell) {
            if (ImGui::Button(ctx.tr("referrals.fast_track"))) {
                action::Referral a = op(ReferralOp::start_fast_track);
                a.spell_id = spell->id;
                out.push_back(a);
            }
            ui::test_anchor("case.fast_track");
            ImGui::SameLine();
        }
        if (ImGui::Button(ctx.tr("referrals.contact"))) {
            action::Referral a = op(ReferralOp::new_contact_request);
            a.employee_id = employee.id;
            a.spell_id = spell ? spell->id : std::string();
            out.push_back(a);
        }
        ui::test_anchor("case.contact_jobcenter");
        ImGui::SameLine();
    }
    if (ImGui::Button(ctx.tr("referrals.catalogue"))) {
        action::Referral a = op(ReferralOp::show_catalogue);
        a.employee_id = employee.id;
        out.push_back(a);
    }
    ui::test_anchor("case.catalogue");
}

} // namespace naervaer::client
