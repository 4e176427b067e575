// The organisation's alert rules (admin): when a leader gets a to-do to contact an absent
// employee. Defaults follow seed 003 (Hjørring Kommune); Bradford is off by default and says why.
// The choices are one synced record (alert_settings), so every leader's to-dos follow them. The
// rules the approved sickness absence policy speaks about are set by approving the policy
// (docs/policy.md): shown with the policy's version, and not edited here.
#include "views/views.hpp"
#include "views/test_anchors.hpp"
#include "views/widgets.hpp"

#include <string>

namespace naervaer::client {

namespace {

// "7 dage i træk", "3 perioder inden for 3 måneder", ...
std::string limit_text(const ViewContext& ctx, AlertKind kind, const AlertRuleChoice& c) {
    switch (kind) {
    case AlertKind::continuous_days:
        return ctx.i18n.format("alerts.limit.continuous_days", std::to_string(c.days));
    case AlertKind::spells_in_months:
        return ctx.i18n.format("alerts.limit.spells_in_months", std::to_string(c.spells), std::to_string(c.months));
    case AlertKind::days_in_months:
        return ctx.i18n.format("alerts.limit.days_in_months", std::to_string(c.days), std::to_string(c.months));
    case AlertKind::bradford:
        return ctx.i18n.format("alerts.limit.bradford", std::to_string(c.threshold), std::to_string(c.weeks));
    case AlertKind::spell_day:
        return ctx.i18n.format("alerts.limit.spell_day", std::to_string(c.days));
    }
    return {};
}

// One number of a rule being edited, with its error under it.
void number_field(const ViewContext& ctx, const char* label_key, const std::string& rule_id, const char* field,
                  int& value, const ValidationResult& errors, std::size_t index) {
    // A plain number box (no +/- buttons), the label after it: "[ 3 ] måneder".
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
    ImGui::InputInt((std::string("##") + field).c_str(), &value, 0, 0);
    ui::test_anchor("admin.alerts." + rule_id, field);
    ImGui::SameLine();
    ImGui::TextUnformatted(ctx.tr(label_key));
    const std::string path = "rules[" + std::to_string(index) + "]." + field;
    if (const std::string e = ui::field_error(ctx.i18n, errors, path, true); !e.empty()) ui::error_text(e);
}

void edit_rule(const ViewContext& ctx, const AlertRule& rule, AlertRuleChoice& c, const ValidationResult& errors,
               std::size_t index, bool set_by_policy) {
    ImGui::PushID(rule.id.c_str());
    ImGui::BeginDisabled(set_by_policy);
    ImGui::Checkbox(ctx.i18n.pick(rule.title_da, rule.title_en).c_str(), &c.enabled);
    ui::test_anchor("admin.alerts.enabled", rule.id);
    ImGui::Indent();
    switch (rule.kind) {
    case AlertKind::continuous_days:
        number_field(ctx, "alerts.field.days_in_a_row", rule.id, "days", c.days, errors, index);
        break;
    case AlertKind::spells_in_months:
        number_field(ctx, "alerts.field.spells", rule.id, "spells", c.spells, errors, index);
        number_field(ctx, "alerts.field.months", rule.id, "months", c.months, errors, index);
        break;
    case AlertKind::days_in_months:
        number_field(ctx, "alerts.field.days", rule.id, "days", c.days, errors, index);
        number_field(ctx, "alerts.field.months", rule.id, "months", c.months, errors, index);
        break;
    case AlertKind::bradford:
        number_field(ctx, "alerts.field.threshold", rule.id, "threshold", c.threshold, errors, index);
        number_field(ctx, "alerts.field.weeks", rule.id, "weeks", c.weeks, errors, index);
        break;
    case AlertKind::spell_day:
        number_field(ctx, "alerts.field.day_of_absence", rule.id, "days", c.days, errors, index);
        break;
    }
    ImGui::EndDisabled();
    if (set_by_policy) ui::muted_text(ctx.tr("alerts.set_by_policy_edit"));
    if (!rule.why_off_da.empty()) ui::colored_text(ui::color::text_muted, ctx.i18n.pick(rule.why_off_da, rule.why_off_en));
    ImGui::Unindent();
    ImGui::PopID();
}

} // namespace

void alert_settings_section(const ViewContext& ctx, AlertSettingsForm& form, const LoadedRules& rules,
                            const PolicyInForce& policy, Actions& out) {
    ui::subheading(ctx.tr("alerts.title"));
    ui::muted_text(ctx.tr("alerts.intro"));
    if (policy.number > 0)
        ui::muted_text(ctx.i18n
                           .format("alerts.policy_in_force", std::to_string(policy.number),
                                   policy.approved_on ? policy.approved_on->danish() : std::string())
                           .c_str());
    if (!rules.alerts) {
        ui::error_text(ctx.tr("timeline.rules_failed"));
        return;
    }
    const AlertSettings& defaults = *rules.alerts;

    if (!form.editing) {
        const AlertChoices current = ctx.directory.alert_choices()
                                         ? choices_of(apply_choices(defaults, *ctx.directory.alert_choices()))
                                         : choices_of(defaults);
        if (ui::begin_list_table("alert_rules", {{ctx.tr("alerts.column.rule"), 2},
                                                 {ctx.tr("alerts.column.state"), 1},
                                                 {ctx.tr("alerts.column.limit"), 3}})) {
            for (const AlertRuleChoice& c : current.rules) {
                const AlertRule* rule = defaults.find(c.id);
                if (!rule) continue;
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(ctx.i18n.pick(rule->title_da, rule->title_en).c_str());
                ImGui::TableNextColumn();
                if (c.enabled)
                    ui::colored_text(ui::color::success, ctx.tr("alerts.on"));
                else
                    ui::muted_text(ctx.tr("alerts.off"));
                ui::test_anchor("admin.alerts.state", c.id);
                if (policy.sets(c.id)) {
                    ui::muted_text(ctx.tr("alerts.set_by_policy"));
                    ui::test_anchor("admin.alerts.set_by_policy", c.id);
                }
                ImGui::TableNextColumn();
                ui::colored_text(ImGui::GetStyleColorVec4(ImGuiCol_Text), limit_text(ctx, rule->kind, c));
                if (!c.enabled && !rule->why_off_da.empty())
                    ui::colored_text(ui::color::text_muted, ctx.i18n.pick(rule->why_off_da, rule->why_off_en));
            }
            ImGui::EndTable();
        }
        ui::muted_text(ctx.directory.alert_choices() ? ctx.tr("alerts.own_choice") : ctx.tr("alerts.defaults_in_use"));
        if (ImGui::Button(ctx.tr("alerts.edit"))) out.push_back(action::EditAlertSettings{});
        ui::test_anchor("admin.alerts.edit");
        return;
    }

    const ValidationResult errors = validate(form.choices, defaults);
    for (std::size_t i = 0; i < form.choices.rules.size(); ++i)
        if (const AlertRule* rule = defaults.find(form.choices.rules[i].id))
            edit_rule(ctx, *rule, form.choices.rules[i], errors, i, policy.sets(rule->id));
    ui::vertical_space(0.5f);
    if (ui::button(ctx.tr("common.save"), errors.ok())) out.push_back(action::SaveAlertSettings{});
    ui::test_anchor("admin.alerts.save");
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("alerts.reset"))) out.push_back(action::ResetAlertSettings{});
    ui::test_anchor("admin.alerts.reset");
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("common.cancel"))) out.push_back(action::CancelAlertSettings{});
}

} // namespace naervaer::client
