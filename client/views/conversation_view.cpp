// One conversation record of a case (docs/forms.md, "In the app"): who and which case, the
// template's title and purpose, the meeting date and the form itself with the diagnosis guard.
// A draft is autosaved by the app; "Underskriv" records the employee's sign-off and locks it;
// "Ret efter underskrift" amends a signed record with a reason, kept in its history; the PDF is
// downloaded or opened for printing.
#include "views/form_renderer.hpp"
#include "views/test_anchors.hpp"
#include "views/views.hpp"
#include "views/widgets.hpp"

#include "app/forms.hpp"

#include <cstdio>
#include <ctime>
#include <string>

namespace naervaer::client {

namespace {

using nlohmann::json;

const std::string conversation_type(record_type::conversation_record);

std::string template_title(const ViewContext& ctx, const ConversationForm& form) {
    if (form.form) return ctx.i18n.pick(form.form->title_da, form.form->title_en);
    const json& s = form.record.template_snapshot;
    const char* key = ctx.i18n.language() == "en" ? "title_en" : "title_da";
    return s.is_object() && s.contains(key) && s[key].is_string() ? s[key].get<std::string>() : form.record.template_id;
}

// "2026-03-13T09:30:00Z" as the user's local "13-03-2026 10:30"; a time with an offset as written.
std::string local_time(const std::string& iso) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6) return iso;
    char out[64];
    if (!iso.empty() && iso.back() == 'Z') {
        std::tm utc{};
        utc.tm_year = y - 1900;
        utc.tm_mon = mo - 1;
        utc.tm_mday = d;
        utc.tm_hour = h;
        utc.tm_min = mi;
        utc.tm_sec = s;
        const std::time_t t = timegm(&utc);
        std::tm local{};
        localtime_r(&t, &local);
        std::snprintf(out, sizeof out, "%02d-%02d-%04d %02d:%02d", local.tm_mday, local.tm_mon + 1,
                      local.tm_year + 1900, local.tm_hour, local.tm_min);
    } else {
        std::snprintf(out, sizeof out, "%02d-%02d-%04d %02d:%02d", d, mo, y, h, mi);
    }
    return out;
}

std::string label_of(const ViewContext& ctx, const std::vector<LabelledId>& options, const std::string& id) {
    for (const auto& o : options)
        if (o.id == id) return ctx.i18n.pick(o.label_da, o.label_en);
    return id;
}

std::string date_text(const json& v) {
    const auto d = v.is_string() ? Date::parse_iso(v.get_ref<const std::string&>()) : std::nullopt;
    return d ? d->danish() : (v.is_string() ? v.get<std::string>() : std::string());
}

// A stored answer as a line of text: what an amendment's history shows as the value before.
std::string answer_text(const ViewContext& ctx, const FormTemplate* form, const std::string& field_id,
                        const json& v) {
    if (v.is_null()) return ctx.tr("conversation.not_answered");
    const Field* f = form ? form->find(field_id) : nullptr;
    if (v.is_boolean()) return ctx.tr(v.get<bool>() ? "common.yes" : "common.no");
    if (v.is_number()) return format_decimal(v.get<double>());
    if (v.is_string()) {
        if (!f) return v.get<std::string>();
        if (f->type == FieldType::date) return date_text(v);
        if (f->type == FieldType::choice) return label_of(ctx, f->options, v.get<std::string>());
        if (f->type == FieldType::staircase)
            for (const auto& step : form->staircase)
                if (step.id == v.get<std::string>()) return ctx.i18n.pick(step.label_da, step.label_en);
        return v.get<std::string>();
    }
    std::string out;
    const auto add = [&](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
    if (v.is_array()) {
        for (const auto& item : v) {
            if (item.is_string()) {
                add(f ? label_of(ctx, f->options, item.get<std::string>()) : item.get<std::string>());
            } else if (item.is_object()) {
                std::string row = item.contains("text") && item["text"].is_string() ? item["text"].get<std::string>() : "";
                std::string extra;
                if (item.contains("owner") && item["owner"].is_string()) extra = item["owner"].get<std::string>();
                if (item.contains("due")) extra += (extra.empty() ? "" : ", ") + date_text(item["due"]);
                if (item.contains("column") && item["column"].is_string() && f)
                    extra += (extra.empty() ? "" : ", ") + label_of(ctx, f->columns, item["column"].get<std::string>());
                add(extra.empty() ? row : row + " (" + extra + ")");
            }
        }
    } else if (v.is_object()) {
        if (v.contains("normal_hours") && v["normal_hours"].is_number())
            add(ctx.i18n.format("conversation.normal_hours", format_decimal(v["normal_hours"].get<double>())));
        if (v.contains("weeks") && v["weeks"].is_array())
            for (const auto& w : v["weeks"])
                if (w.is_object() && w.contains("week") && w.contains("hours") && w["hours"].is_number())
                    add(ctx.i18n.format("conversation.week_hours", w["week"].dump(),
                                        format_decimal(w["hours"].get<double>())));
        if (v.contains("name") && v["name"].is_string()) add(v["name"].get<std::string>());
        if (v.contains("date")) add(date_text(v["date"]));
    }
    return out.empty() ? std::string(ctx.tr("conversation.not_answered")) : out;
}

// The label of the field an error path names ("agreements[0].due" -> "Aftaler"), or the path.
std::string field_label(const ViewContext& ctx, const FormTemplate* form, const std::string& path) {
    const std::string id = path.substr(0, path.find_first_of(".["));
    if (id == "held_on") return ctx.tr("conversation.held_on");
    const Field* f = form ? form->find(id) : nullptr;
    return f ? ctx.i18n.pick(f->label_da, f->label_en) : path;
}

// The errors of a refused sign-off or amendment that belong to the form's fields, as a list under
// the panel (each also shows under its field): a person sees at once what is missing.
void field_error_list(const ViewContext& ctx, const ConversationForm& form, const ValidationResult& errors,
                      std::string_view own_prefix) {
    bool any = false;
    for (const auto& e : errors.errors()) {
        if (e.field.rfind(own_prefix, 0) == 0) continue;
        if (!any) ui::error_text(ctx.tr("conversation.fix_first"));
        any = true;
        ui::error_text("  \u2022 " + field_label(ctx, form.form ? &*form.form : nullptr, e.field) + ": " +
                       ctx.i18n.message(e));
    }
}

// Where the draft stands: saved when, and whether the server has it.
void autosave_line(const ViewContext& ctx, const ConversationForm& form) {
    autosave_line(ctx, {conversation_type, form.record.id},
                  {form.save_blocked, form.dirty, form.stored, form.saved_at}, "conversation.autosave.new",
                  "conversation.autosave");
}

void header(const ViewContext& ctx, const ConversationForm& form) {
    const ConversationRecord& record = form.record;
    ui::heading(template_title(ctx, form).c_str());
    if (form.form) ui::muted_text(ctx.i18n.pick(form.form->purpose_da, form.form->purpose_en).c_str());
    ui::vertical_space(0.5f);
    if (!ui::begin_details_table("conversation_details")) return;
    const Employee* employee = ctx.directory.employee(record.employee_id);
    ui::detail_row(ctx.tr("conversation.employee"),
                   employee ? employee->name + " (" + employee->employee_number + ")" : std::string());
    if (const AbsenceSpell* spell = ctx.directory.spell(record.spell_id))
        ui::detail_row(ctx.tr("conversation.case"),
                       spell->last_day ? ctx.i18n.format("conversation.case_closed", spell->first_day.danish(),
                                                         spell->last_day->danish())
                                       : ctx.i18n.format("conversation.case_ongoing", spell->first_day.danish()));
    std::string status = ctx.tr("conversation.status.draft");
    if (record.sign_off)
        status = ctx.i18n.format("conversation.status.signed", record.sign_off->date.danish(),
                                 record.sign_off->employee_name);
    ui::detail_row(ctx.tr("conversation.status"), status);
    if (!record.amendments.empty())
        ui::detail_row(ctx.tr("conversation.amendments"), std::to_string(record.amendments.size()));
    ImGui::EndTable();
}

void delete_confirmation(const ViewContext& ctx, ConversationForm& form, Actions& out) {
    ui::colored_text(ui::color::warning, ctx.tr("conversation.delete_question"));
    if (ImGui::Button(ctx.tr("conversation.delete_confirm"))) out.push_back(action::DeleteDraft{});
    ui::test_anchor("conversation.delete.confirm");
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("common.cancel"))) form.confirm_delete = false;
    ui::test_anchor("conversation.delete.cancel");
}

void sign_off_panel(const ViewContext& ctx, ConversationForm& form, Actions& out) {
    ui::subheading(ctx.tr("conversation.sign_title"));
    ui::muted_text(ctx.tr("conversation.sign_explanation"));
    ui::vertical_space(0.5f);
    const ValidationResult& e = form.sign_errors;
    const float width = 360;
    ui::text_field(ctx.tr("conversation.sign_name"), "##sign_name", form.sign_name,
                   ui::field_error(ctx.i18n, e, "sign_off.employee_name", true), width, 0, nullptr,
                   "conversation.sign.name");
    ui::text_field(ctx.tr("conversation.sign_date"), "##sign_date", form.sign_date,
                   ui::field_error(ctx.i18n, e, "sign_off.date", true), 200, 0, ctx.tr("date.hint"),
                   "conversation.sign.date");
    if (ImGui::RadioButton(ctx.tr("conversation.sign_agreed"), form.sign_agreed == 1)) form.sign_agreed = 1;
    ui::test_anchor("conversation.sign.agreed.yes");
    ImGui::SameLine();
    if (ImGui::RadioButton(ctx.tr("conversation.sign_disagreed"), form.sign_agreed == 0)) form.sign_agreed = 0;
    ui::test_anchor("conversation.sign.agreed.no");
    if (const std::string error = ui::field_error(ctx.i18n, e, "sign_off.agreed", true); !error.empty())
        ui::error_text(error);
    ui::vertical_space(0.5f);
    ui::text_field(form.sign_agreed == 0 ? ctx.tr("conversation.sign_comment_required")
                                         : ctx.tr("conversation.sign_comment"),
                   "##sign_comment", form.sign_comment, ui::field_error(ctx.i18n, e, "sign_off.comment", true), 0,
                   0, nullptr, "conversation.sign.comment");
    // What the last attempt found, as it found it: a list above the form that changed with each
    // keystroke would move the form under the user's hands (each field shows its current error).
    field_error_list(ctx, form, e, "sign_off.");
    if (ui::primary_button(ctx.tr("conversation.sign_confirm"))) out.push_back(action::SignConversation{});
    ui::test_anchor("conversation.sign.confirm");
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("common.cancel"))) out.push_back(action::CancelSignOff{});
    ui::test_anchor("conversation.sign.cancel");
}

void amendment_panel(const ViewContext& ctx, ConversationForm& form, Actions& out) {
    ui::subheading(ctx.tr("conversation.amend_title"));
    ui::muted_text(ctx.tr("conversation.amend_explanation"));
    ui::text_field(ctx.tr("conversation.amend_reason"), "##amend_reason", form.amend_reason,
                   ui::field_error(ctx.i18n, form.amend_errors, "amendment.reason", true), 0, 0, nullptr,
                   "conversation.amend.reason");
    field_error_list(ctx, form, form.amend_errors, "amendment.");
    if (ui::primary_button(ctx.tr("conversation.amend_save"))) out.push_back(action::SaveAmendment{});
    ui::test_anchor("conversation.amend.save");
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("common.cancel"))) out.push_back(action::CancelAmendment{});
    ui::test_anchor("conversation.amend.cancel");
}

void buttons(const ViewContext& ctx, ConversationForm& form, Actions& out) {
    const bool gone = form.notice_key == "conversation.gone";
    if (!form.record.is_signed() && !gone) {
        if (ui::primary_button(ctx.tr("conversation.sign"))) out.push_back(action::StartSignOff{});
        ui::test_anchor("conversation.sign");
        ImGui::SameLine();
    } else if (form.record.is_signed() && !form.amending && !gone) {
        if (ImGui::Button(ctx.tr("conversation.amend"))) out.push_back(action::StartAmendment{});
        ui::test_anchor("conversation.amend");
        ImGui::SameLine();
    }
    if (ImGui::Button(ctx.tr("conversation.pdf"))) out.push_back(action::DownloadConversationPdf{});
    ui::test_anchor("conversation.pdf");
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("conversation.print"))) out.push_back(action::PrintConversation{});
    ui::test_anchor("conversation.print");
    if (!form.record.is_signed() && !gone) {
        ImGui::SameLine();
        if (ImGui::Button(ctx.tr("conversation.delete"))) form.confirm_delete = true;
        ui::test_anchor("conversation.delete");
    }
    if (!form.amend_notice_key.empty()) ui::colored_text(ui::color::warning, ctx.tr(form.amend_notice_key));
}

void sign_off_shown(const ViewContext& ctx, const SignOff& s) {
    ui::subheading(ctx.tr("conversation.sign_title"));
    if (!ui::begin_details_table("sign_off")) return;
    ui::detail_row(ctx.tr("conversation.sign_name"), s.employee_name);
    ui::detail_row(ctx.tr("conversation.sign_date"), s.date.danish());
    ui::detail_row(ctx.tr("conversation.sign_answer"),
                   ctx.tr(s.agreed ? "conversation.sign_agreed" : "conversation.sign_disagreed"));
    if (!s.comment.empty()) ui::detail_row(ctx.tr("conversation.sign_comment"), s.comment);
    ui::detail_row(ctx.tr("conversation.recorded_by"), s.recorded_by_name);
    ImGui::EndTable();
}

// When, who, why, and what each changed field held before.
void amendment_history(const ViewContext& ctx, const ConversationForm& form) {
    const auto& amendments = form.record.amendments;
    if (amendments.empty()) return;
    ui::subheading(ctx.i18n.format("conversation.history", std::to_string(amendments.size())).c_str());
    const FormTemplate* tpl = form.form ? &*form.form : nullptr;
    for (std::size_t i = 0; i < amendments.size(); ++i) {
        const Amendment& a = amendments[i];
        ImGui::BeginGroup();
        ImGui::TextUnformatted((local_time(a.at) + " \u00B7 " + a.by_name).c_str());
        ui::colored_text(ImGui::GetStyleColorVec4(ImGuiCol_Text), ctx.i18n.format("conversation.history_reason", a.reason));
        for (const auto& id : a.changed) {
            const json before = a.answers_before.is_object() && a.answers_before.contains(id) ? a.answers_before[id]
                                                                                               : json();
            ui::muted_text(ctx.i18n
                               .format("conversation.history_before", field_label(ctx, tpl, id),
                                       answer_text(ctx, tpl, id, before))
                               .c_str());
        }
        ImGui::EndGroup();
        ui::test_anchor("conversation.history", std::to_string(i));
        ui::vertical_space(0.5f);
    }
}

} // namespace

void conversation_view(const ViewContext& ctx, ConversationForm& form, const LoadedTemplates& templates,
                       Actions& out) {
    if (ImGui::Button(ctx.tr("conversation.back"))) out.push_back(action::CloseConversation{});
    ui::test_anchor("conversation.back");
    ui::vertical_space(0.5f);
    ConversationRecord& record = form.record;
    if (record.id.empty()) {
        ui::muted_text(ctx.tr("conversation.none"));
        return;
    }
    header(ctx, form);
    if (!form.notice_key.empty()) ui::colored_text(ui::color::warning, ctx.tr(form.notice_key));
    if (!record.is_signed()) autosave_line(ctx, form);
    ui::vertical_space(0.5f);

    if (form.amending)
        amendment_panel(ctx, form, out);
    else
        buttons(ctx, form, out);
    if (form.confirm_delete && !record.is_signed()) delete_confirmation(ctx, form, out);
    if (form.signing && !record.is_signed()) sign_off_panel(ctx, form, out);
    ui::vertical_space();

    // The meeting date: the day the conversation is held (today by default); locked once signed.
    if (record.is_signed() || form.ui.read_only) {
        if (ui::begin_details_table("held_on")) {
            ui::detail_row(ctx.tr("conversation.held_on"), record.held_on.danish());
            ImGui::EndTable();
        }
    } else {
        const std::string before = form.held_on;
        const FieldError* error = form.errors.find("held_on");
        ui::text_field(ctx.tr("conversation.held_on"), "##held_on", form.held_on,
                       error ? ctx.i18n.message(*error) : std::string(), 200, 0, ctx.tr("date.hint"),
                       "conversation.held_on");
        if (form.held_on != before) out.push_back(action::ConversationEdited{});
    }

    if (form.form) {
        const DiagnosisTerms* guard = templates.terms ? &*templates.terms : nullptr;
        FormRenderResult result =
            form_fields(ctx, *form.form, record.answers, form.errors, form.show_all_errors, guard, form.ui);
        form.notices = std::move(result.notices);
        if (result.changed && !form.ui.read_only) out.push_back(action::ConversationEdited{});
    } else {
        ui::error_text(ctx.tr("conversation.snapshot_broken"));
    }

    if (record.sign_off) sign_off_shown(ctx, *record.sign_off);
    amendment_history(ctx, form);
}

} // namespace naervaer::client
