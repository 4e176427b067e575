// A jobcentre's consultant: the inbox ("Indbakke — Jobcenter Hjørring") of referrals and contact
// requests for the municipality, with the service indicators as badges (overdue ones in red and
// sorted first), and one referral: the employer's form read-only, the dates, the history and the
// actions the status allows (app/jobcenter_actions.cpp does the work).
//
// Test anchors: nav.inbox  inbox.filter.<open|closed|all>  inbox.refresh  inbox.row.<id>
//   inbox.overdue  jobcenter.back  jobcenter.refresh  jobcenter.action.<action>
//   jobcenter.field.<date|time|place|participants|text|note>  jobcenter.submit  jobcenter.cancel
//   jobcenter.offline (the message that the inbox needs a connection)
#include "views/views.hpp"
#include "views/form_renderer.hpp"
#include "views/test_anchors.hpp"
#include "views/widgets.hpp"

#include <string>

namespace naervaer::client {

namespace {

using Op = action::Jobcenter::Op;

const ImVec4 overdue_row{1.00f, 0.88f, 0.88f, 1.0f};

const char* kind_label(const I18n& i18n, ReferralKind kind) {
    return kind == ReferralKind::fast_track ? i18n.tr("jobcenter.kind.fast_track")
                                            : i18n.tr("jobcenter.kind.contact_request");
}

std::string status_label(const I18n& i18n, ReferralStatus s) {
    return std::string(i18n.language() == "en" ? status_label_en(s) : status_label_da(s));
}

ImVec4 badge_color(const ServiceIndicator& i, bool open) {
    if (!open) return ui::color::text_muted;
    switch (i.status) {
    case IndicatorStatus::overdue:
        return ui::color::danger;
    case IndicatorStatus::late:
        return ui::color::warning;
    case IndicatorStatus::met:
        return ui::color::success;
    case IndicatorStatus::open:
        return i.working_days_left <= 0 ? ui::color::warning : ui::color::text_muted;
    }
    return ui::color::text_muted;
}

void badges(const ViewContext& ctx, const InboxItem& item) {
    for (const ServiceIndicator& i : item.indicators)
        ui::colored_text(badge_color(i, item.record.is_open()), indicator_badge(ctx.i18n, i));
}

const char* action_label(const I18n& i18n, JobcenterAction a, const ReferralRecord& r) {
    switch (a) {
    case JobcenterAction::acknowledge:
        return i18n.tr("jobcenter.action.acknowledge");
    case JobcenterAction::book_meeting:
        return r.meeting ? i18n.tr("jobcenter.action.move_meeting") : i18n.tr("jobcenter.action.book_meeting");
    case JobcenterAction::answer:
        return i18n.tr("jobcenter.action.answer");
    case JobcenterAction::first_conversation:
        return i18n.tr("jobcenter.action.first_conversation");
    case JobcenterAction::close:
        return i18n.tr("jobcenter.action.close");
    }
    return "";
}

// The server's (or the client's own) error for a field of the action's body.
std::string panel_error(const ViewContext& ctx, const JobcenterPanel& p, const char* field) {
    const auto it = p.field_errors.find(field);
    if (it == p.field_errors.end() || !it->is_object()) return {};
    const std::string da = it->value("message", std::string());
    const std::string en = it->value("message_en", std::string());
    return ctx.i18n.pick(da, en);
}

bool field(const ViewContext& ctx, const char* label_key, const char* name, std::string& value,
           const JobcenterPanel& p, const char* error_field, float width, const char* hint = nullptr) {
    const std::string anchor = std::string("jobcenter.field.") + name;
    const std::string id = std::string("##") + name;
    return ui::text_field(ctx.tr(label_key), id.c_str(), value, panel_error(ctx, p, error_field), width, 0, hint,
                          anchor.c_str());
}

// A long text in the browser's textarea (wrapping, spellcheck), as the spell's note.
void long_text(const ViewContext& ctx, const char* label_key, const std::string& key, const char* name,
               std::string& value, std::size_t max, const std::string& error, float width) {
    ImGui::TextUnformatted(ctx.tr(label_key));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size(width, ImGui::GetTextLineHeight() * 6);
    ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y),
                                              ImGui::GetColorU32(ImGuiCol_FrameBg), ImGui::GetStyle().FrameRounding);
    ImGui::Dummy(size);
    ui::test_anchor("jobcenter.field", name);
    if (ImGui::IsItemVisible())
        ctx.platform.text_overlay(key, Rect{pos.x, pos.y, size.x, size.y}, value, max, {});
    if (!error.empty()) ui::error_text(error);
    ui::vertical_space(0.5f);
}

void action_panel(const ViewContext& ctx, ReferralDetail& d, Actions& out) {
    JobcenterPanel& p = d.panel;
    const auto action = jobcenter_action_from_string(p.action);
    if (!action) return;
    const float width = std::min(560.0f, ImGui::GetContentRegionAvail().x);
    ImGui::Separator();
    ui::subheading(action_label(ctx.i18n, *action, d.item->record));
    if (p.focus) {
        if (*action != JobcenterAction::answer && *action != JobcenterAction::close) ImGui::SetKeyboardFocusHere();
        p.focus = false;
    }
    bool submit = false;
    switch (*action) {
    case JobcenterAction::book_meeting:
        submit |= field(ctx, "jobcenter.field.date", "date", p.date, p, "meeting.date", 200, ctx.tr("date.hint"));
        if (!d.item->record.meeting) ui::muted_text(ctx.tr("jobcenter.default_date"));
        submit |= field(ctx, "jobcenter.field.time", "time", p.time, p, "meeting.time", 200, "10:00");
        submit |= field(ctx, "jobcenter.field.place", "place", p.place, p, "meeting.place", width);
        submit |= field(ctx, "jobcenter.field.participants", "participants", p.participants, p,
                        "meeting.participants", width);
        break;
    case JobcenterAction::answer:
        long_text(ctx, "jobcenter.field.text", "referral-answer-" + d.id, "text", p.text, 4000,
                  panel_error(ctx, p, "text"), width);
        break;
    case JobcenterAction::first_conversation:
        submit |= field(ctx, "jobcenter.field.conversation_date", "date", p.date, p, "date", 200, ctx.tr("date.hint"));
        break;
    case JobcenterAction::close:
        submit |= field(ctx, "jobcenter.field.note", "note", p.note, p, "note", width);
        break;
    case JobcenterAction::acknowledge:
        break;
    }
    if (const std::string e = panel_error(ctx, p, "action"); !e.empty()) ui::error_text(e);
    submit |= ui::button(ctx.tr("jobcenter.send"), !d.busy);
    ui::test_anchor("jobcenter.submit");
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("common.cancel"))) out.push_back(action::Jobcenter{Op::cancel_panel, {}});
    ui::test_anchor("jobcenter.cancel");
    if (submit && !d.busy) out.push_back(action::Jobcenter{Op::submit, p.action});
    ImGui::Separator();
}

void offline_and_errors(const ViewContext& ctx, const JobcenterState& jc, const std::string& da,
                        const std::string& en) {
    if (jc.offline) {
        ui::colored_text(ui::color::warning, ctx.tr("jobcenter.offline"));
        ui::test_anchor("jobcenter.offline");
    }
    if (const std::string& e = ctx.i18n.pick(da, en); !e.empty()) ui::error_text(e);
}

} // namespace

std::string indicator_badge(const I18n& i18n, const ServiceIndicator& i) {
    const std::string key = "jobcenter.indicator." + i.id;
    const char* translated = i18n.tr(key);
    const std::string name = key == translated ? i18n.pick(i.title_da, i.title_en) : std::string(translated);
    switch (i.status) {
    case IndicatorStatus::met:
        return i18n.format("jobcenter.badge.met", name);
    case IndicatorStatus::late:
        return i18n.format("jobcenter.badge.late", name);
    case IndicatorStatus::overdue: {
        const int days = -i.working_days_left;
        return days == 1 ? i18n.format("jobcenter.badge.overdue_one", name)
                         : i18n.format("jobcenter.badge.overdue", name, std::to_string(days));
    }
    case IndicatorStatus::open:
        break;
    }
    if (i.working_days_left <= 0) return i18n.format("jobcenter.badge.today", name);
    return i.working_days_left == 1 ? i18n.format("jobcenter.badge.left_one", name)
                                    : i18n.format("jobcenter.badge.left", name, std::to_string(i.working_days_left));
}

void jobcenter_inbox_view(const ViewContext& ctx, JobcenterState& jc, Actions& out) {
    const std::string name = !jc.jobcenter_name.empty() ? jc.jobcenter_name : ctx.user.organisation_name;
    ui::heading(ctx.i18n.format("jobcenter.title", name).c_str());
    if (jc.overdue_count > 0) {
        // On the heading's line (colored_text would wrap onto a line of its own).
        ImGui::SameLine(0, 24);
        ImGui::PushStyleColor(ImGuiCol_Text, ui::color::danger);
        ImGui::TextUnformatted(ctx.i18n.format("jobcenter.overdue_count", std::to_string(jc.overdue_count)).c_str());
        ImGui::PopStyleColor();
        ui::test_anchor("inbox.overdue");
    }

    for (const char* f : {"open", "closed", "all"}) {
        const std::string label = std::string(ctx.tr(std::string("jobcenter.filter.") + f)) + "###filter_" + f;
        if (ImGui::RadioButton(label.c_str(), jc.filter == f)) out.push_back(action::Jobcenter{Op::set_filter, f});
        ui::test_anchor("inbox.filter", f);
        ImGui::SameLine();
    }
    ImGui::SameLine(0, 24);
    if (ui::button(ctx.tr("jobcenter.refresh"), !jc.loading)) out.push_back(action::Jobcenter{Op::refresh, {}});
    ui::test_anchor("inbox.refresh");
    if (jc.loading) {
        ImGui::SameLine();
        ui::muted_text(ctx.tr("common.loading"));
    }
    offline_and_errors(ctx, jc, jc.error_da, jc.error_en);
    ui::vertical_space(0.5f);

    if (ui::begin_list_table("inbox",
                             {{ctx.tr("jobcenter.col.kind"), 2},
                              {ctx.tr("jobcenter.col.employer"), 3},
                              {ctx.tr("jobcenter.col.subject"), 2},
                              {ctx.tr("jobcenter.col.sent"), 1.3f},
                              {ctx.tr("jobcenter.col.status"), 1.5f},
                              {ctx.tr("jobcenter.col.indicators"), 4}})) {
        for (const InboxItem& item : jc.items) {
            const ReferralRecord& r = item.record;
            ImGui::TableNextRow();
            if (item.overdue) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(overdue_row));
            ImGui::TableNextColumn();
            ImGui::PushID(r.id.c_str());
            if (ImGui::Selectable(kind_label(ctx.i18n, r.kind), false, ImGuiSelectableFlags_SpanAllColumns))
                out.push_back(action::Jobcenter{Op::open_referral, r.id});
            ui::test_anchor("inbox.row", r.id);
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(item.organisation_name.c_str());
            if (!item.organisation_cvr.empty())
                ui::muted_text((std::string(ctx.tr("jobcenter.cvr")) + " " + item.organisation_cvr).c_str());
            ImGui::TableNextColumn();
            const std::string subject = referral_subject(r);
            ImGui::TextUnformatted(subject.empty() ? "–" : subject.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.sent_on ? r.sent_on->danish().c_str() : "–");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(status_label(ctx.i18n, r.status).c_str());
            ImGui::TableNextColumn();
            badges(ctx, item);
        }
        ImGui::EndTable();
    }
    if (jc.loaded && jc.items.empty())
        ui::muted_text(ctx.tr("jobcenter.none"));
    else if (!jc.items.empty())
        ui::muted_text(jc.items.size() == 1 ? ctx.tr("jobcenter.count_one")
                                            : ctx.i18n.format("jobcenter.count", std::to_string(jc.items.size())).c_str());
}

void jobcenter_referral_view(const ViewContext& ctx, JobcenterState& jc, Actions& out) {
    ReferralDetail& d = jc.detail;
    if (ImGui::Button(ctx.tr("jobcenter.back"))) out.push_back(action::Jobcenter{Op::show_inbox, {}});
    ui::test_anchor("jobcenter.back");
    ImGui::SameLine();
    if (ui::button(ctx.tr("jobcenter.refresh"), !d.loading)) out.push_back(action::Jobcenter{Op::refresh, {}});
    ui::test_anchor("jobcenter.refresh");
    offline_and_errors(ctx, jc, d.error_da, d.error_en);
    if (!d.item) {
        if (d.loading) ui::muted_text(ctx.tr("common.loading"));
        return;
    }
    const InboxItem& item = *d.item;
    const ReferralRecord& r = item.record;
    const std::string subject = referral_subject(r);
    ui::heading((std::string(kind_label(ctx.i18n, r.kind)) + (subject.empty() ? "" : " – " + subject)).c_str());

    if (ui::begin_details_table("referral")) {
        ui::detail_row(ctx.tr("jobcenter.employer"), item.organisation_name);
        ui::detail_row(ctx.tr("jobcenter.cvr"), item.organisation_cvr);
        ui::detail_row(ctx.tr("jobcenter.status"), status_label(ctx.i18n, r.status));
        ui::detail_row(ctx.tr("jobcenter.sent_on"), r.sent_on ? r.sent_on->danish() : std::string());
        if (r.kind == ReferralKind::fast_track)
            ui::detail_row(ctx.tr("jobcenter.requested_on"),
                           r.fast_track_requested_on ? r.fast_track_requested_on->danish() : std::string());
        ui::detail_row(ctx.tr("jobcenter.acknowledged_on"), r.acknowledged_on ? r.acknowledged_on->danish() : "");
        if (r.meeting) {
            ui::detail_row(ctx.tr("jobcenter.meeting"),
                           r.meeting->date.danish() + (r.meeting->time.empty() ? "" : " " + r.meeting->time));
            ui::detail_row(ctx.tr("jobcenter.place"), r.meeting->place);
            ui::detail_row(ctx.tr("jobcenter.participants"), r.meeting->participants);
        }
        if (r.kind == ReferralKind::fast_track)
            ui::detail_row(ctx.tr("jobcenter.first_conversation_on"),
                           r.first_conversation_on ? r.first_conversation_on->danish() : std::string());
        if (!r.answer.empty()) ui::detail_row(ctx.tr("jobcenter.answer"), r.answer);
        ImGui::EndTable();
    }

    ui::subheading(ctx.tr("jobcenter.indicators"));
    if (item.indicators.empty()) ui::muted_text(ctx.tr("jobcenter.no_indicators"));
    badges(ctx, item);
    ui::vertical_space(0.5f);

    // The actions the status allows; one panel at a time.
    const std::vector<JobcenterAction> actions = available_actions(r);
    for (std::size_t n = 0; n < actions.size(); ++n) {
        const JobcenterAction a = actions[n];
        const std::string name(to_string(a));
        if (n > 0) ImGui::SameLine();
        const bool clicked = a == JobcenterAction::acknowledge ? ui::primary_button(action_label(ctx.i18n, a, r))
                                                               : ui::button(action_label(ctx.i18n, a, r), !d.busy);
        ui::test_anchor("jobcenter.action", name);
        if (clicked && !d.busy)
            out.push_back(action::Jobcenter{a == JobcenterAction::acknowledge ? Op::submit : Op::open_panel, name});
    }
    if (!d.panel.action.empty()) action_panel(ctx, d, out);
    ui::vertical_space(0.5f);

    ui::subheading(ctx.tr("jobcenter.history"));
    if (ui::begin_list_table("history", {{ctx.tr("jobcenter.sent_on"), 1.2f},
                                         {ctx.tr("jobcenter.status"), 1.5f},
                                         {"##by", 3},
                                         {"##note", 4}})) {
        for (const ReferralEvent& e : r.history) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(e.on.danish().c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(status_label(ctx.i18n, e.status).c_str());
            ImGui::TableNextColumn();
            const char* side = e.side == ReferralActor::jobcenter ? ctx.tr("jobcenter.side.jobcenter")
                                                                  : ctx.tr("jobcenter.side.employer");
            ImGui::TextUnformatted((e.by_name + " (" + side + ")").c_str());
            ImGui::TableNextColumn();
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(e.note.c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::EndTable();
    }
    ui::vertical_space();

    ui::subheading(ctx.tr("jobcenter.the_form"));
    if (d.form)
        form_fields(ctx, *d.form, d.answers, ValidationResult{}, false, nullptr, d.ui);
    else
        ui::error_text(ctx.tr("jobcenter.snapshot_broken"));
}

} // namespace naervaer::client
