// "Jobcentret" (docs/referrals.md, "In the app"): "Kontakt jobcentret", the organisation's requests
// to jobcentres with their status, and the service catalogue (seed 000: a basic and an extended
// package, theme by theme, each service with its description and the counter-requirements the
// jobcentre expects of the employer). "Bed om denne ydelse" opens a contact request with that
// service ticked. Team leaders browse; only admin and HR write to the jobcentre.
#include "views/test_anchors.hpp"
#include "views/views.hpp"
#include "views/widgets.hpp"

#include "app/jobcenter_data.hpp"
#include "platform/ui_fonts.hpp"

#include <naervaer/referral_record.hpp>
#include <naervaer/service_catalogue.hpp>

#include <string>

namespace naervaer::client {

namespace {

using action::ReferralOp;

bool may_write(const ViewContext& ctx) {
    return ctx.user.role == Role::admin || ctx.user.role == Role::hr;
}

void requests_list(const ViewContext& ctx, const ReferralState& state, Actions& out) {
    ui::subheading(ctx.tr("jc_page.requests.title"));
    if (state.all.empty()) {
        ui::muted_text(ctx.tr("jc_page.requests.none"));
        return;
    }
    if (!ui::begin_list_table("requests", {{ctx.tr("referrals.column.kind"), 2.2f},
                                           {ctx.tr("jc_page.requests.about"), 2.5f},
                                           {ctx.tr("referrals.column.jobcenter"), 2.2f},
                                           {ctx.tr("referrals.column.status"), 1.8f},
                                           {ctx.tr("referrals.column.sent_on"), 1.4f},
                                           {"##open", 1.1f}}))
        return;
    for (const ReferralRecord& r : state.all) {
        ImGui::PushID(r.id.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(
            ctx.tr(r.kind == ReferralKind::fast_track ? "referral.kind.fast_track" : "referral.kind.contact_request"));
        ImGui::TableNextColumn();
        const Employee* e = ctx.directory.employee(r.employee_id);
        const std::string about = e ? e->name : referral_subject(r);
        ImGui::TextUnformatted(about.empty() ? "\u2013" : about.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(jobcenter_data().jobcenter_name(r.municipality_code).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(
            ctx.i18n.pick(std::string(status_label_da(r.status)), std::string(status_label_en(r.status))).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.sent_on ? r.sent_on->danish().c_str() : "\u2013");
        ImGui::TableNextColumn();
        if (ImGui::SmallButton(ctx.tr("conversation.open"))) {
            action::Referral a;
            a.op = ReferralOp::open;
            a.id = r.id;
            out.push_back(a);
        }
        ui::test_anchor("jc.referral.open", r.id);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void service_block(const ViewContext& ctx, const ReferralState& state, const JobcenterService& s, Actions& out) {
    ImGui::PushID(s.id.c_str());
    ImGui::PushFont(ui_font(UiFont::Bold));
    ImGui::TextUnformatted(ctx.i18n.pick(s.title_da, s.title_en).c_str());
    ImGui::PopFont();
    ui::test_anchor("catalogue.service", s.id);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(ctx.i18n.pick(s.description_da, s.description_en).c_str());
    ImGui::PopTextWrapPos();
    if (!s.counter_requirements.empty()) {
        ui::muted_text(ctx.tr("catalogue.counter_requirements"));
        ImGui::Indent();
        for (const CounterRequirement& c : s.counter_requirements) {
            ImGui::Bullet();
            ImGui::SameLine();
            ImGui::PushTextWrapPos(0);
            ImGui::TextUnformatted(ctx.i18n.pick(c.text_da, c.text_en).c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::Unindent();
    }
    if (may_write(ctx)) {
        if (ImGui::SmallButton(ctx.tr("catalogue.request"))) {
            action::Referral a;
            a.op = ReferralOp::new_contact_request;
            a.employee_id = state.catalogue_employee_id;
            a.service_id = s.id;
            out.push_back(a);
        }
        ui::test_anchor("catalogue.request", s.id);
    }
    ui::vertical_space(0.5f);
    ImGui::PopID();
}

void catalogue(const ViewContext& ctx, ReferralState& state, Actions& out) {
    const auto& loaded = jobcenter_data();
    ui::subheading(ctx.tr("catalogue.title"));
    if (!loaded.catalogue) {
        ui::error_text(ctx.tr("catalogue.failed"));
        return;
    }
    const ServiceCatalogue& c = *loaded.catalogue;
    const Municipality* owner = loaded.municipalities.find_by_code(c.municipality_code);
    ImGui::TextUnformatted(ctx.i18n.pick(c.title_da, c.title_en).c_str());
    if (owner) ui::muted_text(ctx.i18n.format("catalogue.from", owner->jobcenter).c_str());
    if (!c.note_da.empty()) ui::muted_text(ctx.i18n.pick(c.note_da, c.note_en).c_str());
    ui::muted_text(c.source.c_str());
    ui::vertical_space(0.5f);
    for (const CatalogueText& p : c.packages) {
        if (ImGui::RadioButton(ctx.i18n.pick(p.title_da, p.title_en).c_str(), state.package == p.id)) state.package = p.id;
        ui::test_anchor("catalogue.package", p.id);
        ImGui::SameLine();
    }
    ImGui::NewLine();
    ui::vertical_space(0.5f);
    const auto services = c.in_package(state.package);
    for (const CatalogueText& theme : c.themes) {
        bool heading = false;
        for (const JobcenterService* s : services) {
            if (s->theme != theme.id) continue;
            if (!heading) {
                ImGui::PushFont(ui_font(UiFont::Bold));
                ui::colored_text(ui::color::accent, ctx.i18n.pick(theme.title_da, theme.title_en));
                ImGui::PopFont();
                ImGui::Separator();
                heading = true;
            }
            service_block(ctx, state, *s, out);
        }
    }
}

} // namespace

void service_catalogue_view(const ViewContext& ctx, ReferralState& state, Actions& out) {
    ui::heading(ctx.tr("jc_page.title"));
    ui::muted_text(ctx.tr("jc_page.intro"));
    for (const auto& error : jobcenter_data().errors)
        ui::error_text(error);
    ui::vertical_space(0.5f);
    if (may_write(ctx)) {
        if (ui::primary_button(ctx.tr("referrals.contact"))) {
            action::Referral a;
            a.op = ReferralOp::new_contact_request;
            a.employee_id = state.catalogue_employee_id;
            out.push_back(a);
        }
        ui::test_anchor("jc.contact");
        if (const Employee* e = ctx.directory.employee(state.catalogue_employee_id)) {
            ImGui::SameLine();
            ui::muted_text(ctx.i18n.format("jc_page.about_employee", e->name).c_str());
        }
    }
    requests_list(ctx, state, out);
    ui::vertical_space();
    catalogue(ctx, state, out);
}

} // namespace naervaer::client
