// The sickness absence policy in the app (docs/policy.md, "In the app"). Versions are synced
// records (type "policy_version"). An admin's working draft is the newest draft version: the
// questionnaire's answers and section edits are autosaved into it (to the replica, so offline
// too), "Gem som ny version" keeps it and continues in the next number, and "Godkend" shows what
// changes in the alerts before it pushes the approved version and the organisation's alert
// settings (alert_choices_from_policy) in one push. Every rule is the shared one (policy.hpp); the
// server runs them again and stamps who approved. HR and team leaders read the approved version.
#include "app/app_impl.hpp"

#include "app/embedded_assets.hpp"
#include "app/record_ids.hpp"

#include <naervaer/pdf.hpp>
#include <naervaer/policy_export.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace naervaer::client {

using nlohmann::json;

namespace {

const std::string policy_type(record_type::policy_version);
const std::string alert_type(record_type::alert_settings);
constexpr std::string_view clauses_file = "policy/clauses.json";

const PolicyVersionEntry* find_entry(const PolicyForm& form, const std::string& id) {
    for (const PolicyVersionEntry& e : form.versions)
        if (e.id == id) return &e;
    return nullptr;
}

// The newest approved version, if any.
const PolicyVersionEntry* approved_entry(const PolicyForm& form) {
    const PolicyVersionEntry* found = nullptr;
    for (const PolicyVersionEntry& e : form.versions)
        if (e.version.status == PolicyStatus::approved && (!found || e.version.number > found->version.number))
            found = &e;
    return found;
}

void set_notice(PolicyForm& form, std::string key, std::string first = {}, std::string second = {}) {
    form.notice_key = std::move(key);
    form.notice_first = std::move(first);
    form.notice_second = std::move(second);
}

} // namespace

std::string policy_notice(const I18n& i18n, const PolicyForm& form) {
    return form.notice_key.empty() ? std::string()
                                   : i18n.format(form.notice_key, form.notice_first, form.notice_second);
}

// ---- resources --------------------------------------------------------------------------------

PolicyResources App::Impl::policy_resources() {
    if (!policy_library_loaded) {
        policy_library_loaded = true;
        std::vector<std::string> errors;
        policy_library = parse_asset(&assets::file, clauses_file, &parse_clause_library, &ClauseLibraryParse::library,
                                     errors);
    }
    PolicyResources r;
    r.library = policy_library ? &*policy_library : nullptr;
    r.questionnaire = r.library ? templates.find(r.library->questionnaire_id) : nullptr;
    if (r.questionnaire && r.questionnaire->version != r.library->questionnaire_version) r.questionnaire = nullptr;
    r.alert_defaults = rules.alerts ? &*rules.alerts : nullptr;
    return r;
}

// ---- the versions and the working draft -------------------------------------------------------

namespace {

// A new working draft: the next number, starting from the newest approved version's answers and
// edits, or from nothing but the organisation's name.
void start_new_draft(PolicyForm& form, const PolicyResources& r, const std::string& organisation_name) {
    std::vector<PolicyVersion> all;
    for (const PolicyVersionEntry& e : form.versions) all.push_back(e.version);
    const int number = next_policy_version_number(all);
    if (const PolicyVersionEntry* approved = approved_entry(form))
        form.draft = next_policy_draft(approved->version, number, *r.library, *r.questionnaire);
    else
        form.draft = make_policy_draft(number, *r.library, *r.questionnaire,
                                       organisation_name.empty() ? json::object()
                                                                 : json{{"organisation_name", organisation_name}},
                                       {}, "da");
    form.draft_id = make_record_id("policy");
    form.draft_stored = false;
    form.ui = FormUiState{};
    form.dirty = false;
    form.save_blocked = false;
    form.editing_section.clear();
}

// The working draft: the newest draft version numbered above the approved one, when there is one.
// A draft numbered below it is an old draft the server will not approve (older_than_approved): it
// stays in the versions list, and work goes on in a new draft from the policy in force.
void pick_working_draft(PolicyForm& form, const PolicyResources& r, const std::string& organisation_name) {
    const PolicyVersionEntry* approved = approved_entry(form);
    const int floor = approved ? approved->version.number : 0;
    const PolicyVersionEntry* newest = nullptr;
    for (const PolicyVersionEntry& e : form.versions)
        if (e.version.status == PolicyStatus::draft && e.version.number > floor &&
            (!newest || e.version.number > newest->version.number))
            newest = &e;
    if (!newest) {
        start_new_draft(form, r, organisation_name);
        return;
    }
    form.draft_id = newest->id;
    form.draft = newest->version;
    form.draft_stored = true;
    form.ui = FormUiState{};
    form.dirty = false;
    form.save_blocked = false;
    form.editing_section.clear();
}

void recompute_diff(PolicyForm& form, const std::string& language) {
    form.diff.reset();
    form.diff_text.clear();
    const PolicyVersionEntry* a = find_entry(form, form.diff_from);
    const PolicyVersionEntry* b = find_entry(form, form.diff_to);
    if (!a || !b || a == b) return;
    if (a->version.number > b->version.number) std::swap(a, b);
    form.diff = diff_versions(a->version, b->version);
    form.diff_text = diff_text(*form.diff, language);
}

} // namespace

void App::Impl::policy_tick() {
    PolicyForm& form = state.policy;
    if (!state.signed_in || !sync.is_open()) return;
    if (form.owner != sync.owner()) {
        // Another user's replica: nothing of the previous one's draft or versions stays.
        form = PolicyForm{};
        form.owner = sync.owner();
    }
    if (form.versions_revision != sync.revision()) {
        form.versions_revision = sync.revision();
        form.versions.clear();
        const Replica& replica = sync.replica();
        for (auto& [id, data] : replica.list(policy_type)) {
            PolicyCheck ignored;
            PolicyVersionEntry entry{id, decode_policy_version(data, ignored), true};
            const Record* server = replica.server_version(policy_type, id);
            entry.synced = server && !server->deleted && server->data == data;
            form.versions.push_back(std::move(entry));
        }
        std::stable_sort(form.versions.begin(), form.versions.end(),
                         [](const PolicyVersionEntry& a, const PolicyVersionEntry& b) {
                             return a.version.number < b.version.number;
                         });
        recompute_diff(form, i18n.language());
        note_policy_in_force();
        // The working draft follows the replica: approved or deleted elsewhere, or changed on
        // another device while nothing here waits to be saved.
        if (state.user.is_admin() && !form.draft_id.empty() && form.draft_stored && !form.dirty) {
            const PolicyResources r = policy_resources();
            const PolicyVersionEntry* stored = find_entry(form, form.draft_id);
            if (r.library && r.questionnaire) {
                if (!stored || stored->version.status != PolicyStatus::draft)
                    pick_working_draft(form, r, state.user.organisation_name);
                else if (!(stored->version == form.draft))
                    form.draft = stored->version;
            }
        }
    }
    if (form.dirty && platform.now_ms() - form.changed_ms >= PolicyForm::autosave_ms) flush_policy();
}

void App::Impl::flush_policy() {
    PolicyForm& form = state.policy;
    if (!form.dirty || form.draft_id.empty() || !state.user.is_admin()) return;
    const PolicyResources r = policy_resources();
    if (!r.library || !r.questionnaire) return;
    form.draft.document =
        assemble_policy(*r.library, *r.questionnaire, form.draft.answers, form.draft.language, form.draft.edits);
    // The server refuses what the shared rules refuse: an invalid draft stays here, visible.
    if (!validate(form.draft, *r.library, *r.questionnaire, today()).ok()) {
        form.save_blocked = true;
        return;
    }
    sync.put(policy_type, form.draft_id, to_json(form.draft));
    form.draft_stored = true;
    form.dirty = false;
    form.save_blocked = false;
    ++form.saves;
    form.saved_at = local_clock_time();
}

// ---- actions ----------------------------------------------------------------------------------

void App::Impl::policy(const action::Policy& a) {
    using action::PolicyOp;
    PolicyForm& form = state.policy;
    const PolicyResources r = policy_resources();
    const bool admin = state.user.is_admin();
    const auto edited = [&] {
        form.draft.document = assemble_policy(*r.library, *r.questionnaire, form.draft.answers, form.draft.language,
                                              form.draft.edits);
        form.answer_errors = validate_answers(*r.questionnaire, form.draft.answers, today());
        form.dirty = true;
        form.changed_ms = platform.now_ms();
        form.approving = false;
        platform.request_frame_in(PolicyForm::autosave_ms + 1);
    };

    if (a.op == PolicyOp::show) {
        if (state.user.is_consultant()) return;
        policy_tick();
        state.screen = Screen::policy;
        scroll_to_top = true;
        set_notice(form, {});
        // The draft under way stays (also one not stored yet); one deleted elsewhere is replaced.
        if (admin && r.library && r.questionnaire &&
            (form.draft_id.empty() || (form.draft_stored && !form.dirty && !find_entry(form, form.draft_id))))
            pick_working_draft(form, r, state.user.organisation_name);
        if (admin && r.questionnaire)
            form.answer_errors = validate_answers(*r.questionnaire, form.draft.answers, today());
        return;
    }
    if (a.op == PolicyOp::download) {
        const PolicyVersion* version = nullptr;
        if (a.id.empty()) {
            if (admin && !form.draft_id.empty()) version = &form.draft;
        } else if (const PolicyVersionEntry* e = find_entry(form, a.id)) {
            version = &e->version;
        }
        if (!version) return;
        const PolicyExportContext context = export_context(*version, state.user.organisation_name);
        const std::string& organisation = state.user.organisation_name;
        std::string name, mime, bytes;
        if (a.format == "docx") {
            name = policy_file_name(organisation, version->number, "docx");
            mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            bytes = policy_docx(version->document, context);
        } else if (a.format == "pdf") {
            name = policy_file_name(organisation, version->number, "pdf");
            mime = "application/pdf";
            bytes = render_pdf(policy_pdf(version->document, context));
        } else if (a.format == "md") {
            name = policy_file_name(organisation, version->number, "md");
            mime = "text/markdown";
            bytes = policy_markdown(version->document, context);
        } else {
            return;
        }
        platform.download_file(name, mime, bytes);
        ++form.downloads;
        form.last_download = name;
        set_notice(form, "policy.notice.downloaded", name);
        return;
    }
    if (a.op == PolicyOp::diff_from || a.op == PolicyOp::diff_to) {
        (a.op == PolicyOp::diff_from ? form.diff_from : form.diff_to) = a.id;
        recompute_diff(form, i18n.language());
        return;
    }

    // Everything below changes the policy: admins only, with the library loaded.
    if (!admin || !r.library || !r.questionnaire || form.draft_id.empty()) return;
    switch (a.op) {
    case PolicyOp::edited:
        edited();
        break;
    case PolicyOp::edit_section: {
        const PolicySection* section = form.draft.document.find(a.id);
        if (!section) return;
        form.editing_section = a.id;
        form.edit_text = section_text(*section);
        break;
    }
    case PolicyOp::save_section: {
        if (form.editing_section.empty()) return;
        const PolicyDocument generated =
            assemble_policy(*r.library, *r.questionnaire, form.draft.answers, form.draft.language);
        form.draft.edits = set_section_text(form.draft.edits, generated, form.editing_section, form.edit_text);
        form.editing_section.clear();
        form.edit_text.clear();
        edited();
        break;
    }
    case PolicyOp::cancel_section:
        form.editing_section.clear();
        form.edit_text.clear();
        break;
    case PolicyOp::revert_section:
        form.draft.edits = revert_section(form.draft.edits, a.id);
        if (form.editing_section == a.id) form.editing_section.clear();
        edited();
        break;
    case PolicyOp::save_version: {
        // The draft as it is now is kept under its number; editing continues in the next one.
        form.dirty = true;
        flush_policy();
        if (form.save_blocked || form.dirty) {
            set_notice(form, "policy.notice.draft_has_errors");
            return;
        }
        const int kept = form.draft.number;
        policy_tick();
        PolicyVersion next = make_policy_draft(kept + 1, *r.library, *r.questionnaire, form.draft.answers,
                                               form.draft.edits, form.draft.language);
        form.draft = std::move(next);
        form.draft_id = make_record_id("policy");
        form.draft_stored = false;
        form.editing_section.clear();
        set_notice(form, "policy.notice.version_saved", std::to_string(kept), std::to_string(kept + 1));
        break;
    }
    case PolicyOp::start_approve: {
        if (!r.alert_defaults) return;
        form.editing_section.clear();
        const AlertChoices current = directory.alert_choices()
                                         ? choices_of(apply_choices(*r.alert_defaults, *directory.alert_choices()))
                                         : choices_of(*r.alert_defaults);
        form.proposed_alerts = alert_choices_from_policy(form.draft.answers, *r.alert_defaults, current);
        form.alert_preview = preview_alert_changes(*r.alert_defaults, current, form.proposed_alerts);
        // The retention period too: the server sets it from the approved policy.
        if (auto retention = preview_retention_change(state.user.organisation_retention_years, form.draft.answers))
            form.alert_preview.push_back(std::move(*retention));
        // What approval would refuse, shown before the user confirms (required answers, unfilled
        // placeholders).
        form.draft.document = assemble_policy(*r.library, *r.questionnaire, form.draft.answers, form.draft.language,
                                              form.draft.edits);
        form.approve_errors = approve_policy(form.draft, *r.library, *r.questionnaire, state.user.role,
                                             state.user.id, state.user.name, today())
                                  .errors;
        form.approving = true;
        break;
    }
    case PolicyOp::cancel_approve:
        form.approving = false;
        form.approve_errors = {};
        break;
    case PolicyOp::confirm_approve: {
        if (!form.approving || !r.alert_defaults) return;
        flush_policy();
        if (form.dirty) return; // errors: the draft is shown with them
        // The server approves exactly what it stores (check_policy_change): a change of the draft
        // that has not reached it yet goes first.
        const Record* server = sync.replica().server_version(policy_type, form.draft_id);
        const auto local = sync.replica().get(policy_type, form.draft_id);
        if (server && !server->deleted && local && !(server->data == *local)) {
            set_notice(form, "policy.notice.not_on_server");
            sync.sync_now();
            return;
        }
        PolicyApproval approval = approve_policy(form.draft, *r.library, *r.questionnaire, state.user.role,
                                                 state.user.id, state.user.name, today());
        if (!approval.errors.ok() || !approval.version) {
            form.approve_errors = std::move(approval.errors);
            return;
        }
        if (!validate(form.proposed_alerts, *r.alert_defaults).ok()) {
            set_notice(form, "policy.notice.thresholds");
            return;
        }
        const int number = approval.version->number;
        // One push: both changes wait in the outbox until the engine's next tick, linked so that
        // a refused approval takes the alert settings back instead of sending them alone.
        const std::string settings_id = alert_settings_record_id(state.user.organisation_id);
        sync.put(policy_type, form.draft_id, to_json(*approval.version));
        sync.put(alert_type, settings_id, to_json(form.proposed_alerts));
        sync.link({policy_type, form.draft_id}, {{alert_type, settings_id}});
        // What the server sets on approval, shown once the approval is in (policy_tick).
        form.awaiting_approval = form.draft_id;
        form.approved_retention_years = retention_years_from_policy(approval.version->answers);
        form.approving = false;
        form.approve_errors = {};
        form.alert_preview.clear();
        policy_tick();
        start_new_draft(form, r, state.user.organisation_name);
        form.answer_errors = validate_answers(*r.questionnaire, form.draft.answers, today());
        set_notice(form, "policy.notice.approved", std::to_string(number));
        break;
    }
    default:
        break;
    }
}

// ---- read-out ---------------------------------------------------------------------------------

json App::Impl::policy_json() const {
    if (state.screen != Screen::policy) return nullptr;
    const PolicyForm& form = state.policy;
    json versions = json::array();
    for (const PolicyVersionEntry& e : form.versions)
        versions.push_back({{"id", e.id},
                            {"number", e.version.number},
                            {"status", to_string(e.version.status)},
                            {"approved_by_name", e.version.approved_by_name},
                            {"approved_on", e.version.approved_on ? json(e.version.approved_on->iso()) : json()},
                            {"synced", e.synced}});
    const auto sections_of = [](const PolicyDocument& d) { return to_json(d)["sections"]; };
    json draft = nullptr;
    if (state.user.is_admin() && !form.draft_id.empty()) {
        std::string autosave = "idle";
        if (form.save_blocked)
            autosave = "invalid";
        else if (form.dirty)
            autosave = "unsaved";
        else if (form.draft_stored)
            autosave = find_entry(form, form.draft_id) && find_entry(form, form.draft_id)->synced ? "synced"
                                                                                                   : "not_synced";
        draft = {{"id", form.draft_id},
                 {"number", form.draft.number},
                 {"answers", form.draft.answers},
                 {"edits", form.draft.edits.size()},
                 {"sections", sections_of(form.draft.document)},
                 {"unfilled", form.draft.document.unfilled},
                 {"unused_edits", form.draft.document.unused_edits},
                 {"autosave", {{"state", autosave}, {"saves", form.saves}, {"saved_at", form.saved_at}}}};
    }
    const PolicyVersionEntry* approved = approved_entry(form);
    json preview = json::array();
    for (const AlertChange& c : form.alert_preview)
        preview.push_back(i18n.pick(c.text_da, c.text_en));
    json approve_errors = json::array();
    for (const FieldError& e : form.approve_errors.errors())
        approve_errors.push_back(e.field);
    return {{"editable", state.user.is_admin()},
            {"versions", std::move(versions)},
            {"approved", approved ? json{{"id", approved->id},
                                         {"number", approved->version.number},
                                         {"sections", sections_of(approved->version.document)}}
                                  : json()},
            {"draft", std::move(draft)},
            {"editing_section", form.editing_section},
            {"diff", form.diff ? json{{"from", form.diff_from}, {"to", form.diff_to}, {"text", form.diff_text}}
                               : json()},
            {"approving", form.approving},
            {"alert_preview", std::move(preview)},
            {"approve_errors", std::move(approve_errors)},
            {"notice", policy_notice(i18n, form)},
            {"downloads", form.downloads},
            {"last_download", form.last_download}};
}

// What the approved policy sets, for the admin screen (alert rules shown as set by the policy),
// and the organisation's retention period once this device's approval was accepted.
void App::Impl::note_policy_in_force() {
    PolicyForm& form = state.policy;
    form.in_force = PolicyInForce{};
    const PolicyResources r = policy_resources();
    if (const PolicyVersionEntry* approved = approved_entry(form); approved && r.alert_defaults) {
        (void)alert_choices_from_policy(approved->version.answers, *r.alert_defaults, {}, &form.in_force.alert_rules);
        form.in_force.number = approved->version.number;
        form.in_force.approved_on = approved->version.approved_on;
        form.in_force.answers = approved->version.answers;
    }
    if (form.awaiting_approval.empty()) return;
    const Replica& replica = sync.replica();
    const Record* server = replica.server_version(policy_type, form.awaiting_approval);
    const bool accepted = server && !server->deleted && !replica.pending({policy_type, form.awaiting_approval}) &&
                          is_approved_policy_data(server->data);
    const bool refused = replica.rejected().count({policy_type, form.awaiting_approval}) > 0;
    if (accepted && form.approved_retention_years)
        state.user.organisation_retention_years = *form.approved_retention_years;
    if (accepted || refused) {
        form.awaiting_approval.clear();
        form.approved_retention_years.reset();
    }
}

} // namespace naervaer::client
