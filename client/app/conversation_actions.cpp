// Conversation records in the app (docs/forms.md, "In the app"): a template opened from a case and
// prefilled from the case's other records, the draft's autosave, the sign-off that locks it,
// amendments with their reason, the PDF and printing, and the audited read when a record is opened.
// Every write goes through the sync engine like any other record (record_actions.cpp), after the
// shared rules (validate, check_change) passed here; the server runs them again.
#include "app/app_impl.hpp"

#include "app/record_ids.hpp"

#include <naervaer/form_pdf.hpp>
#include <naervaer/pdf.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <span>

namespace naervaer::client {

using nlohmann::json;

namespace {

const std::string conversation_type(record_type::conversation_record);

// The template's own meeting date: its first required date field ("meeting_date", "contact_date",
// "plan_date" in the shipped templates). It is kept in step with the record's held_on.
std::string meeting_field_of(const FormTemplate& form) {
    for (const Field* f : form.fields())
        if (f->type == FieldType::date && f->required && !f->show_if) return f->id;
    return {};
}

std::string snapshot_title(const ConversationRecord& r, const std::string& language) {
    const json& s = r.template_snapshot;
    const char* key = language == "en" ? "title_en" : "title_da";
    if (s.is_object() && s.contains(key) && s[key].is_string()) return s[key].get<std::string>();
    return r.template_id;
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\n");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\n") - first + 1);
}

// What the user sees of the record in the replica (the local change if any), decoded.
std::optional<ConversationRecord> replica_record(const Replica& replica, const std::string& id) {
    const auto data = replica.get(conversation_type, id);
    if (!data) return std::nullopt;
    ValidationResult ignored;
    return decode_conversation_record(*data, id, ignored);
}

// The server's last accepted version, when the replica knows one that is not deleted.
std::optional<ConversationRecord> server_record(const Replica& replica, const std::string& id) {
    const Record* record = replica.server_version(conversation_type, id);
    if (!record || record->deleted) return std::nullopt;
    ValidationResult ignored;
    return decode_conversation_record(record->data, id, ignored);
}

} // namespace

// ---- opening ----------------------------------------------------------------------------------

void App::Impl::new_conversation(const action::NewConversation& a) {
    const AbsenceSpell* spell = directory.spell(a.spell_id);
    const FormTemplate* form = templates.find(a.template_id);
    if (!spell || !form || !directory.employee(spell->employee_id)) return;
    if (!leave_conversation()) return;

    const Date day = today();
    ConversationForm c;
    c.record = new_conversation_record(*form, make_record_id("c"), spell->employee_id, spell->id, day);
    c.form = *form;
    c.meeting_field = meeting_field_of(*form);
    c.held_on = day.danish();
    json answers = json::object();
    if (!c.meeting_field.empty()) answers[c.meeting_field] = day.iso();
    c.synced_meeting = day.iso();

    // Enter once: keyed fields from the case's other records, newest first; each prefilled field
    // says where it came from.
    const auto earlier = directory.conversations_of(spell->id);
    const json prefilled = prefill_from_records(*form, earlier, answers);
    for (auto it = prefilled.begin(); it != prefilled.end(); ++it) {
        if (answers.contains(it.key())) continue;
        for (const ConversationRecord& r : earlier) {
            if (!prefill_from_records(*form, std::span(&r, 1), answers).contains(it.key())) continue;
            c.ui.notes[it.key()] =
                i18n.format("conversation.prefilled_from", snapshot_title(r, i18n.language()), r.held_on.danish());
            break;
        }
    }
    // Date defaults (the follow-up 4 weeks after the meeting) follow the meeting date in the
    // renderer until the user types their own.
    c.record.answers = apply_defaults(*form, prefilled, day);
    for (const Field* f : form->fields())
        if (f->date_default && !prefilled.contains(f->id) && c.record.answers.contains(f->id))
            c.ui.defaulted.insert(f->id);

    state.conversation = std::move(c);
    state.selected_employee_id = spell->employee_id;
    state.selected_case.chosen_spell_id = spell->id;
    state.return_screen = Screen::employee;
    state.screen = Screen::conversation;
    scroll_to_top = true;
    recheck_conversation();
}

void App::Impl::open_conversation(const std::string& record_id) {
    ConversationForm& current = state.conversation;
    // Changes that could not be saved yet (errors) are still here: the same record resumes them.
    if (current.record.id == record_id && (current.dirty || current.save_blocked || current.amending)) {
        state.screen = Screen::conversation;
        return;
    }
    const ConversationRecord* record = directory.conversation(record_id);
    if (!record) return;
    if (!leave_conversation()) return;

    ConversationForm c;
    c.record = *record;
    c.stored = true;
    c.held_on = record->held_on.danish();
    c.synced_meeting = record->held_on.iso();
    if (auto parsed = parse_form_template_json(record->template_snapshot); parsed.ok()) {
        c.form = std::move(parsed.form);
        c.meeting_field = meeting_field_of(*c.form);
        // A stored record keeps its own dates: no default replaces what was left empty.
        for (const Field* f : c.form->fields())
            if (f->date_default) c.ui.user_dates.insert(f->id);
    }
    c.ui.read_only = record->is_signed();
    state.conversation = std::move(c);
    state.selected_employee_id = record->employee_id;
    state.selected_case.chosen_spell_id = record->spell_id;
    state.return_screen = Screen::employee;
    state.screen = Screen::conversation;
    scroll_to_top = true;
    recheck_conversation();

    // Reading a record by id is audited by the server (who read which record, when). Offline the
    // read is not audited beyond the pull that brought the record (docs/forms.md).
    if (platform.online()) {
        api.get("/api/v1/records/" + conversation_type + "/" + record_id, [this, record_id](ApiResult r) {
            platform.request_frame();
            if (handle_auth_failure(r)) return;
            if (r.ok() && state.conversation.record.id == record_id) state.conversation.audited = true;
        });
    }
}

// ---- editing and autosave ---------------------------------------------------------------------

void App::Impl::recheck_conversation() {
    ConversationForm& c = state.conversation;
    c.errors = validate(c.record, today());
    if (!Date::parse_danish(c.held_on)) c.errors.add("held_on", "invalid_date");
    // After a refused sign-off the required fields count, so the user sees them go as they fill
    // them in (a signed record's validation counts them already; the rest is the same).
    if (c.form && c.show_all_errors && !c.record.is_signed()) {
        const ValidationResult complete = validate_answers(*c.form, c.record.answers, today());
        for (const auto& e : complete.errors())
            if (e.code == "required" && !c.errors.find(e.field)) c.errors.add(e.field, "required");
    }
}

void App::Impl::conversation_edited() {
    if (state.screen != Screen::conversation) return;
    ConversationForm& c = state.conversation;
    if (c.ui.read_only) return;
    // The meeting date and the template's own meeting-date field move together while they agree.
    if (!c.record.is_signed() && !c.meeting_field.empty()) {
        const auto held = Date::parse_danish(c.held_on);
        const json& answer = c.record.answers.contains(c.meeting_field) ? c.record.answers[c.meeting_field] : json();
        const std::string meeting = answer.is_string() ? answer.get<std::string>() : std::string();
        if (held && held->iso() != c.synced_meeting && (meeting.empty() || meeting == c.synced_meeting)) {
            c.record.answers[c.meeting_field] = held->iso();
            c.synced_meeting = held->iso();
        } else if (!meeting.empty() && meeting != c.synced_meeting && held && held->iso() == c.synced_meeting) {
            if (const auto d = Date::parse_iso(meeting)) {
                c.held_on = d->danish();
                c.synced_meeting = meeting;
            }
        }
    }
    if (!c.record.is_signed())
        if (const auto held = Date::parse_danish(c.held_on)) c.record.held_on = *held;
    recheck_conversation();
    if (c.record.is_signed()) {
        // An amendment is saved by its own button, and checked again then: what it refused last
        // time may be fixed now (the fields show their current errors meanwhile).
        c.amend_errors = {};
        return;
    }
    c.dirty = true;
    c.changed_ms = platform.now_ms();
    platform.request_frame_in(ConversationForm::autosave_ms + 1);
}

void App::Impl::conversation_tick() {
    ConversationForm& c = state.conversation;
    if (c.record.id.empty()) return;

    // The record as the replica has it now: someone else's change may have arrived.
    if (c.stored && state.screen == Screen::conversation && c.seen_revision != directory_revision) {
        c.seen_revision = directory_revision;
        const ConversationRecord* stored = directory.conversation(c.record.id);
        if (!stored) {
            // Deleted elsewhere (or by the retention job): nothing left to save into.
            c.notice_key = "conversation.gone";
            c.dirty = false;
            c.amending = false;
            c.signing = false;
            c.ui.read_only = true;
        } else if (stored->is_signed() && !c.record.is_signed()) {
            c.notice_key = "conversation.signed_elsewhere";
            c.record = *stored;
            c.dirty = false;
            c.signing = false;
            c.ui.read_only = true;
            c.held_on = stored->held_on.danish();
            recheck_conversation();
        } else if (!c.dirty && !c.amending && !(to_json(*stored) == to_json(c.record))) {
            // A newer version (another device's edit, or the server's stamps on ours).
            c.record = *stored;
            c.held_on = stored->held_on.danish();
            c.synced_meeting = stored->held_on.iso();
            recheck_conversation();
        }
    }

    if (c.dirty && !c.record.is_signed() && platform.now_ms() - c.changed_ms >= ConversationForm::autosave_ms)
        save_conversation_draft();
}

bool App::Impl::save_conversation_draft() {
    ConversationForm& c = state.conversation;
    if (c.record.id.empty() || c.record.is_signed() || c.ui.read_only) return false;
    recheck_conversation();
    // An invalid draft would be refused by the server; it stays here, visible, until fixed. A
    // draft may be incomplete: the required fields shown after a refused sign-off do not count.
    ValidationResult draft_errors = validate(c.record, today());
    if (!Date::parse_danish(c.held_on)) draft_errors.add("held_on", "invalid_date");
    if (!draft_errors.ok()) {
        c.save_blocked = true;
        return false;
    }
    sync.put(conversation_type, c.record.id, to_json(c.record));
    c.stored = true;
    c.dirty = false;
    c.save_blocked = false;
    if (c.notice_key == "conversation.fix_before_leaving") c.notice_key.clear();
    ++c.saves;
    c.saved_at = local_clock_time();
    return true;
}

void App::Impl::flush_conversation() {
    ConversationForm& c = state.conversation;
    if (!c.dirty) return;
    if (!save_conversation_draft()) show_toast("toast.conversation_not_saved");
}

bool App::Impl::leave_conversation() {
    flush_conversation();
    ConversationForm& c = state.conversation;
    if (!c.dirty) return true;
    // Changes that could not be saved are not dropped for another record: back to them.
    c.notice_key = "conversation.fix_before_leaving";
    state.screen = Screen::conversation;
    return false;
}

// ---- sign-off ---------------------------------------------------------------------------------

void App::Impl::start_sign_off() {
    ConversationForm& c = state.conversation;
    if (c.record.is_signed() || c.ui.read_only || c.signing) return;
    c.signing = true;
    const Employee* employee = directory.employee(c.record.employee_id);
    c.sign_name = employee ? employee->name : std::string();
    c.sign_date = c.held_on;
    c.sign_agreed = -1;
    c.sign_comment.clear();
    c.sign_errors = {};
}

void App::Impl::sign_conversation() {
    ConversationForm& c = state.conversation;
    if (!c.signing || c.record.is_signed()) return;
    ValidationResult errors;
    const auto held = Date::parse_danish(c.held_on);
    if (!held) errors.add("held_on", "invalid_date");
    const auto date = Date::parse_danish(c.sign_date);
    if (!date) errors.add("sign_off.date", "invalid_date");
    if (c.sign_agreed < 0) errors.add("sign_off.agreed", "required");
    // Disagreeing is a valid sign-off, but the record must say why.
    if (c.sign_agreed == 0 && trimmed(c.sign_comment).empty()) errors.add("sign_off.comment", "required");

    ConversationRecord after = c.record;
    if (held) after.held_on = *held;
    after.status = ConversationStatus::signed_off;
    SignOff sign_off;
    sign_off.employee_name = trimmed(c.sign_name);
    sign_off.date = date.value_or(after.held_on);
    sign_off.agreed = c.sign_agreed != 0;
    sign_off.comment = trimmed(c.sign_comment);
    sign_off.recorded_by = state.user.id;
    sign_off.recorded_by_name = state.user.name;
    after.sign_off = sign_off;

    // The same check the server makes: from the stored draft (or a new record) to this.
    const std::optional<ConversationRecord> stored = replica_record(sync.replica(), c.record.id);
    errors.merge(check_change(stored ? *stored : c.record, after, today()));
    if (!errors.ok()) {
        c.sign_errors = std::move(errors);
        c.show_all_errors = true;
        recheck_conversation();
        return;
    }
    c.record = std::move(after);
    sync.put(conversation_type, c.record.id, to_json(c.record));
    c.stored = true;
    c.dirty = false;
    c.save_blocked = false;
    c.signing = false;
    c.sign_errors = {};
    c.show_all_errors = false;
    c.ui.read_only = true;
    recheck_conversation();
    show_toast("toast.conversation_signed");
}

// ---- amendments -------------------------------------------------------------------------------

void App::Impl::start_amendment() {
    ConversationForm& c = state.conversation;
    if (!c.record.is_signed() || c.amending || !c.form || c.notice_key == "conversation.gone") return;
    // The signing must have reached the server first: an amendment is checked against the signed
    // version the server holds, and a push may carry only one new amendment.
    const auto server = server_record(sync.replica(), c.record.id);
    if (!server || !server->is_signed()) {
        c.amend_notice_key = "conversation.amend_wait_sync";
        return;
    }
    c.amending = true;
    c.amend_reason.clear();
    c.amend_errors = {};
    c.amend_notice_key.clear();
    c.answers_before_edit = c.record.answers;
    c.ui.read_only = false;
}

void App::Impl::cancel_amendment() {
    ConversationForm& c = state.conversation;
    if (!c.amending) return;
    c.record.answers = c.answers_before_edit;
    c.amending = false;
    c.amend_errors = {};
    c.show_all_errors = false;
    c.ui.read_only = true;
    recheck_conversation();
}

void App::Impl::save_amendment() {
    ConversationForm& c = state.conversation;
    if (!c.amending) return;
    const std::string reason = trimmed(c.amend_reason);
    ValidationResult errors;
    if (reason.empty()) errors.add("amendment.reason", "required");

    // Amended against the server's signed version. An earlier amendment of ours that has not
    // reached it yet is folded into this one (one push carries at most one new amendment).
    const auto server = server_record(sync.replica(), c.record.id);
    const auto local = replica_record(sync.replica(), c.record.id);
    if (!server || !local) return;
    ConversationRecord base = *local;
    std::string full_reason = reason;
    if (local->amendments.size() == server->amendments.size() + 1) {
        base = *server;
        full_reason = local->amendments.back().reason + "; " + reason;
    }
    const ConversationRecord after = make_amendment(base, c.record.answers, full_reason, state.user.id,
                                                    state.user.name, iso_timestamp_now());
    if (after.amendments.size() == base.amendments.size()) {
        if (answer_difference(local->answers, c.record.answers).empty()) {
            // Nothing changed: leave without an empty amendment.
            c.amend_notice_key = "conversation.amend_nothing";
            cancel_amendment();
            return;
        }
    }
    if (!errors.ok()) {
        c.amend_errors = std::move(errors);
        return;
    }
    const ChangeCheck check = check_change(base, after, today());
    if (!check.ok()) {
        c.amend_errors = check;
        c.show_all_errors = true;
        recheck_conversation();
        return;
    }
    c.record = after;
    sync.put(conversation_type, c.record.id, to_json(c.record));
    c.amending = false;
    c.amend_errors = {};
    c.amend_notice_key.clear();
    c.show_all_errors = false;
    c.ui.read_only = true;
    recheck_conversation();
    show_toast("toast.conversation_amended");
}

std::string App::Impl::local_clock_time() const {
    const std::time_t now = platform.unix_time();
    std::tm local{};
    localtime_r(&now, &local);
    char hh_mm[8];
    std::snprintf(hh_mm, sizeof hh_mm, "%02d:%02d", local.tm_hour, local.tm_min);
    return hh_mm;
}

std::string App::Impl::iso_timestamp_now() const {
    const std::time_t now = platform.unix_time();
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return stamp;
}

// ---- deleting a draft -------------------------------------------------------------------------

void App::Impl::delete_draft() {
    ConversationForm& c = state.conversation;
    if (c.record.id.empty() || c.record.is_signed()) return;
    // The server refuses deleting a signed record; a draft that was never saved has nothing to delete.
    if (c.stored && directory.conversation(c.record.id)) sync.remove(conversation_type, c.record.id);
    state.conversation = ConversationForm{};
    state.screen = Screen::employee;
    show_toast("toast.conversation_deleted");
}

// ---- PDF and printing -------------------------------------------------------------------------

std::string App::Impl::conversation_pdf() const {
    const ConversationForm& c = state.conversation;
    const Employee* employee = directory.employee(c.record.employee_id);
    RecordPdfContext context;
    context.organisation_name = state.user.organisation_name;
    context.employee_name = employee ? employee->name : std::string();
    context.employee_number = employee ? employee->employee_number : std::string();
    context.language = i18n.language();
    context.labels = record_pdf_labels(context.language);
    context.printed_on = today();
    // The leader who recorded the sign-off signs the printout; a draft is printed by its reader.
    context.leader_name = c.record.sign_off ? c.record.sign_off->recorded_by_name : state.user.name;
    return render_pdf(record_pdf(c.record, context));
}

std::string App::Impl::conversation_pdf_name() const {
    // "<template id>-<employee number>-<dd-mm-åååå>.pdf": the number, never the name (a file
    // name travels further than its content, and this one is health data).
    const ConversationForm& c = state.conversation;
    const Employee* employee = directory.employee(c.record.employee_id);
    std::string number;
    for (const char ch : employee ? employee->employee_number : std::string())
        number += (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_') ? ch : '_';
    return c.record.template_id + "-" + (number.empty() ? std::string() : number + "-") + c.record.held_on.danish() +
           ".pdf";
}

void App::Impl::download_conversation_pdf() {
    ConversationForm& c = state.conversation;
    if (c.record.id.empty()) return;
    platform.download_file(conversation_pdf_name(), "application/pdf", conversation_pdf());
    ++c.downloads;
    show_toast("toast.pdf_downloaded");
}

void App::Impl::print_conversation() {
    ConversationForm& c = state.conversation;
    if (c.record.id.empty()) return;
    if (platform.open_document(conversation_pdf_name(), "application/pdf", conversation_pdf())) {
        ++c.printed;
        show_toast("toast.pdf_opened");
    } else {
        ++c.downloads;
        show_toast("toast.pdf_popup_blocked");
    }
}

// ---- read-out ---------------------------------------------------------------------------------

json App::Impl::conversation_json() const {
    if (state.screen != Screen::conversation) return nullptr;
    const ConversationForm& c = state.conversation;
    json errors = json::array();
    for (const auto& e : c.errors.errors())
        errors.push_back(e.field);
    json sign_errors = json::array();
    for (const auto& e : c.sign_errors.errors())
        sign_errors.push_back(e.field);
    json amend_errors = json::array();
    for (const auto& e : c.amend_errors.errors())
        amend_errors.push_back(e.field);
    std::string autosave = "idle";
    const Replica::Key key{conversation_type, c.record.id};
    bool pending = false;
    for (const auto& p : sync.replica().pending_changes(sync.replica().pending_count()))
        pending |= p.change.type == conversation_type && p.change.id == c.record.id;
    if (c.record.is_signed())
        autosave = "signed";
    else if (c.save_blocked)
        autosave = "invalid";
    else if (c.dirty)
        autosave = "unsaved";
    else if (c.stored && (pending || sync.replica().rejected().count(key) || sync.replica().conflicts().count(key)))
        autosave = "not_synced";
    else if (c.stored)
        autosave = "synced";
    json sign_off = nullptr;
    if (c.record.sign_off)
        sign_off = {{"employee_name", c.record.sign_off->employee_name},
                    {"date", c.record.sign_off->date.iso()},
                    {"agreed", c.record.sign_off->agreed},
                    {"recorded_by_name", c.record.sign_off->recorded_by_name}};
    return {{"record_id", c.record.id},
            {"template_id", c.record.template_id},
            {"status", to_string(c.record.status)},
            {"held_on", c.held_on},
            {"answers", c.record.answers},
            {"read_only", c.ui.read_only},
            {"errors", std::move(errors)},
            {"sign_errors", std::move(sign_errors)},
            {"amend_errors", std::move(amend_errors)},
            {"notices", c.notices},
            {"notice", c.notice_key},
            {"prefilled", c.ui.notes},
            {"autosave", {{"state", autosave}, {"saves", c.saves}, {"saved_at", c.saved_at}}},
            {"signing", c.signing},
            {"sign",
             c.signing ? json{{"name", c.sign_name},
                              {"date", c.sign_date},
                              {"agreed", c.sign_agreed < 0 ? json(nullptr) : json(c.sign_agreed == 1)},
                              {"comment", c.sign_comment}}
                       : json(nullptr)},
            {"sign_off", std::move(sign_off)},
            {"amending", c.amending},
            {"amend_notice", c.amend_notice_key},
            {"amendments", c.record.amendments.size()},
            {"audited", c.audited},
            {"downloads", c.downloads},
            {"printed", c.printed}};
}

} // namespace naervaer::client
