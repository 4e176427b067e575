// The employer's requests to the jobcentre (docs/referrals.md, "In the app"): "Anmod om fast
// track" from a case (eligibility first, then the fast_track_referral form prefilled from the case
// and its conversation records), "Kontakt jobcentret" (the contact_request form, from a case, the
// jobcentre screen or a service of the catalogue), the draft's autosave, sending (with the case's
// fast-track request date in the same push), withdrawing, the NemRefusion text, the PDF for the
// employee, and the audited read when a referral is opened. Every write goes through the sync
// engine like any other record, after the shared rules (apply_employer_change) passed here; the
// server runs them again, and checks the fast-track window itself.
#include "app/app_impl.hpp"

#include "app/jobcenter_data.hpp"
#include "app/record_ids.hpp"

#include <naervaer/form_pdf.hpp>
#include <naervaer/pdf.hpp>
#include <naervaer/todos.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <span>

namespace naervaer::client {

using nlohmann::json;
using action::ReferralOp;

namespace {

const std::string referral_type(record_type::referral);
const std::string todo_done_type(record_type::todo_done);
constexpr const char* fast_track_rule = "fast_track_window";

bool may_write(const SignedInUser& user) {
    return user.role == Role::admin || user.role == Role::hr;
}

std::string snapshot_title(const ConversationRecord& r, const std::string& language) {
    const json& s = r.template_snapshot;
    const char* key = language == "en" ? "title_en" : "title_da";
    if (s.is_object() && s.contains(key) && s[key].is_string()) return s[key].get<std::string>();
    return r.template_id;
}

std::optional<ReferralRecord> decoded(const json& data, const std::string& id) {
    ValidationResult errors;
    ReferralRecord r = decode_referral(data, id, errors);
    if (!errors.ok()) return std::nullopt;
    return r;
}

// The server's last accepted version, when the replica knows one that is not deleted.
std::optional<ReferralRecord> server_referral(const Replica& replica, const std::string& id) {
    const Record* record = replica.server_version(referral_type, id);
    if (!record || record->deleted) return std::nullopt;
    return decoded(record->data, id);
}

bool pending(const Replica& replica, const std::string& type, const std::string& id) {
    for (const auto& p : replica.pending_changes(replica.pending_count()))
        if (p.change.type == type && p.change.id == id) return true;
    return false;
}

// The municipality a request goes to by default: the employee's home municipality, else the
// organisation's (stored as a code or a name).
std::string default_municipality(const Employee* employee, const SignedInUser& user) {
    const Municipalities& all = jobcenter_data().municipalities;
    if (employee && all.find_by_code(employee->home_municipality)) return employee->home_municipality;
    if (const Municipality* m = all.find_by_code(user.organisation_municipality)) return m->code;
    if (const Municipality* m = all.find_by_name(user.organisation_municipality)) return m->code;
    return {};
}

// The expected duration's option from the case's expected return (counted from the first sick day).
std::string expected_duration(const AbsenceSpell& spell) {
    if (!spell.expected_return) return {};
    const int weeks = (*spell.expected_return - spell.first_day) / 7;
    if (weeks < 8) return {};
    if (weeks <= 12) return "weeks_8_12";
    if (weeks <= 26) return "weeks_13_26";
    return "over_26_weeks";
}

// Newest first: drafts, then by the day sent, then by id.
bool newer(const ReferralRecord& a, const ReferralRecord& b) {
    const int da = a.sent_on ? a.sent_on->serial() : 1 << 30;
    const int db = b.sent_on ? b.sent_on->serial() : 1 << 30;
    if (da != db) return da > db;
    return a.id > b.id;
}

} // namespace

// ---- once a frame -----------------------------------------------------------------------------

void App::Impl::referral_before_sync() {
    ReferralState& s = state.referral;
    if (s.sends.empty() || !sync.is_open()) return;
    const Replica& replica = sync.replica();
    for (auto it = s.sends.begin(); it != s.sends.end();) {
        const Replica::Key key{referral_type, it->referral_id};
        if (auto refused = replica.rejected().find(key); refused != replica.rejected().end()) {
            // The server wrote nothing of that push. The mark depends on the referral, so the
            // engine discarded it rather than send it alone.
            if (s.open.record.id == it->referral_id) s.open.refusal = refused->second.message;
            it = s.sends.erase(it);
        } else if (!pending(replica, referral_type, it->referral_id)) {
            it = s.sends.erase(it); // accepted
        } else {
            ++it;
        }
    }
}

namespace {

void recheck(ReferralForm& f, Date today) {
    f.errors = validate(f.record, jobcenter_data().municipalities, today);
    if (f.form && f.show_all_errors && f.record.status == ReferralStatus::draft) {
        const ValidationResult complete = validate_answers(*f.form, f.record.answers, today);
        for (const auto& e : complete.errors())
            if (e.code == "required" && !f.errors.find(e.field)) f.errors.add(e.field, "required");
    }
}

void refresh_text(ReferralForm& f, const std::string& employer_name) {
    f.nemrefusion.clear();
    if (f.form && f.record.kind == ReferralKind::fast_track)
        f.nemrefusion = nemrefusion_text(*f.form, f.record.answers, employer_name);
}

} // namespace

void App::Impl::referral_tick() {
    ReferralState& s = state.referral;
    ReferralForm& f = s.open;
    if (s.revision != directory_revision) {
        s.revision = directory_revision;
        s.all.clear();
        if (sync.is_open())
            for (const auto& [id, data] : sync.replica().list(referral_type))
                if (auto r = decoded(data, id)) s.all.push_back(std::move(*r));
        std::sort(s.all.begin(), s.all.end(), newer);

        // The open referral as the replica has it now: the server's stamps, the jobcentre's status
        // changes, another device's edit.
        if (!f.record.id.empty() && f.stored && !f.dirty) {
            const auto it = std::find_if(s.all.begin(), s.all.end(),
                                         [&](const ReferralRecord& r) { return r.id == f.record.id; });
            if (it == s.all.end()) {
                if (!sync.replica().rejected().count({referral_type, f.record.id})) {
                    f.notice_key = "referral.gone";
                    f.editable = false;
                    f.ui.read_only = true;
                }
            } else if (!(to_json(*it) == to_json(f.record))) {
                f.record = *it;
                f.editable = f.record.status == ReferralStatus::draft && may_write(state.user);
                f.ui.read_only = !f.editable;
                recheck(f, today());
                refresh_text(f, state.user.organisation_name);
            }
        }
        if (!f.record.id.empty()) {
            const auto& rejected = sync.replica().rejected();
            if (auto r = rejected.find({referral_type, f.record.id}); r != rejected.end()) {
                f.refusal = r->second.message;
                // Back to the version the server holds (a draft, or nothing): fix and send again.
                if (f.record.status != ReferralStatus::draft && !f.dirty) {
                    f.record.status = ReferralStatus::draft;
                    f.record.fast_track_requested_on.reset();
                    f.editable = may_write(state.user);
                    f.ui.read_only = !f.editable;
                    f.notice_key.clear();
                }
            }
        }
    }
    if (f.record.kind == ReferralKind::fast_track && f.eligibility && f.record.status == ReferralStatus::draft) {
        // A new day may close the window while the screen is open.
        const Date day = today();
        const int expected_left = f.eligibility->last_day ? (*f.eligibility->last_day - day) : 0;
        if (f.eligibility->last_day && expected_left != f.eligibility->days_left)
            if (const AbsenceSpell* spell = directory.spell(f.record.spell_id))
                f.eligibility = fast_track_eligibility(rules.rule_sets, *spell, day);
    }
    if ((f.dirty || (f.save_blocked && f.changed_ms < 0)) && f.editable &&
        platform.now_ms() - f.changed_ms >= ReferralForm::autosave_ms) {
        ValidationResult errors = validate(f.record, jobcenter_data().municipalities, today());
        if (!errors.ok()) {
            f.save_blocked = true;
            f.dirty = false; // waits for the next change; the view shows why
            return;
        }
        sync.put(referral_type, f.record.id, to_json(f.record));
        f.stored = true;
        f.dirty = false;
        f.save_blocked = false;
        ++f.saves;
        f.saved_at = local_clock_time();
    }
}

void App::Impl::referral_before_action(const Action& action) {
    if (state.screen != Screen::referral) return;
    if (const auto* r = std::get_if<action::Referral>(&action)) {
        // Leaving is "back" and opening another; everything else stays on the screen.
        if (r->op != ReferralOp::back && r->op != ReferralOp::open && r->op != ReferralOp::start_fast_track &&
            r->op != ReferralOp::new_contact_request && r->op != ReferralOp::show_catalogue)
            return;
    } else if (std::holds_alternative<action::SetLanguage>(action) || std::holds_alternative<action::SyncNow>(action) ||
               std::holds_alternative<action::CancelLogout>(action)) {
        return;
    }
    ReferralForm& f = state.referral.open;
    if ((!f.dirty && !f.save_blocked) || !f.editable) return;
    f.changed_ms = -ReferralForm::autosave_ms; // due now
    referral_tick();
    if (f.save_blocked) show_toast("toast.referral_not_saved");
}

// ---- opening ----------------------------------------------------------------------------------

namespace {

// A referral form around `record`, its snapshot parsed.
ReferralForm form_for(const ReferralRecord& record, bool may_edit) {
    ReferralForm f;
    f.record = record;
    if (auto parsed = parse_form_template_json(record.template_snapshot); parsed.ok()) {
        f.form = std::move(parsed.form);
        for (const Field* field : f.form->fields())
            if (field->date_default) f.ui.user_dates.insert(field->id);
    }
    f.editable = record.status == ReferralStatus::draft && may_edit;
    f.ui.read_only = !f.editable;
    return f;
}

} // namespace

void App::Impl::referral(const action::Referral& a) {
    ReferralState& s = state.referral;
    ReferralForm& f = s.open;
    const Date day = today();
    switch (a.op) {
    case ReferralOp::start_fast_track: {
        if (!may_write(state.user)) return;
        const AbsenceSpell* spell = directory.spell(a.spell_id);
        const Employee* employee = spell ? directory.employee(spell->employee_id) : nullptr;
        const FormTemplate* form = templates.find(fast_track_template_id);
        if (!spell || !employee || !form) return;
        // One open fast-track request per case: a draft or a sent one is opened instead.
        for (const ReferralRecord& r : s.all)
            if (r.kind == ReferralKind::fast_track && r.spell_id == spell->id && r.is_open()) {
                referral({ReferralOp::open, r.id});
                return;
            }
        ReferralForm n;
        n.record = new_referral(*form, ReferralKind::fast_track, make_record_id("r"), employee->id, spell->id,
                                default_municipality(employee, state.user));
        n.form = *form;
        n.editable = true;
        // From the case: who, since when, how much, until when; the contact person is the user.
        json answers = json::object();
        const std::string from_case = i18n.tr("referral.prefilled_from_case");
        const auto note = [&](const char* id) { n.ui.notes[id] = from_case; };
        answers["employee_name"] = employee->name;
        note("employee_name");
        answers["first_sick_day"] = spell->first_day.iso();
        note("first_sick_day");
        answers["partial"] = spell->partial;
        note("partial");
        if (spell->expected_return) {
            answers["expected_return"] = spell->expected_return->iso();
            note("expected_return");
        }
        if (const std::string d = expected_duration(*spell); !d.empty()) {
            answers["expected_duration"] = d;
            note("expected_duration");
        }
        answers["contact_name"] = state.user.name;
        answers["contact_email"] = state.user.email;
        // Enter once: the keyed fields (tasks, limitations, adjustments) from the case's records.
        const auto earlier = directory.conversations_of(spell->id);
        const json prefilled = prefill_from_records(*form, earlier, answers);
        for (auto it = prefilled.begin(); it != prefilled.end(); ++it) {
            if (answers.contains(it.key())) continue;
            for (const ConversationRecord& r : earlier) {
                if (!prefill_from_records(*form, std::span(&r, 1), answers).contains(it.key())) continue;
                n.ui.notes[it.key()] = i18n.format("conversation.prefilled_from", snapshot_title(r, i18n.language()),
                                                   r.held_on.danish());
                break;
            }
        }
        n.record.answers = apply_defaults(*form, prefilled, day);
        n.eligibility = fast_track_eligibility(rules.rule_sets, *spell, day);
        f = std::move(n);
        recheck(f, day);
        refresh_text(f, state.user.organisation_name);
        s.back = 0;
        state.selected_employee_id = employee->id;
        state.selected_case.chosen_spell_id = spell->id;
        state.screen = Screen::referral;
        scroll_to_top = true;
        return;
    }
    case ReferralOp::new_contact_request: {
        if (!may_write(state.user)) return;
        const FormTemplate* form = templates.find(contact_request_template_id);
        if (!form) return;
        const Employee* employee = directory.employee(a.employee_id);
        const AbsenceSpell* spell = directory.spell(a.spell_id);
        if (spell && (!employee || spell->employee_id != employee->id)) spell = nullptr;
        ReferralForm n;
        n.record = new_referral(*form, ReferralKind::contact_request, make_record_id("r"),
                                employee ? employee->id : std::string(), spell ? spell->id : std::string(),
                                default_municipality(employee, state.user));
        n.form = *form;
        n.editable = true;
        json answers = json::object();
        answers["contact_name"] = state.user.name;
        answers["contact_email"] = state.user.email;
        if (!a.service_id.empty() && jobcenter_data().catalogue && jobcenter_data().catalogue->find(a.service_id)) {
            answers["subject"] = "service";
            answers["services"] = json::array({a.service_id});
        } else if (spell) {
            answers["subject"] = "sick";
        }
        if (spell) {
            const auto earlier = directory.conversations_of(spell->id);
            answers = prefill_from_records(*form, earlier, answers);
            if (answers.contains("limitations"))
                for (const ConversationRecord& r : earlier)
                    if (prefill_from_records(*form, std::span(&r, 1), json::object()).contains("limitations")) {
                        n.ui.notes["limitations"] = i18n.format(
                            "conversation.prefilled_from", snapshot_title(r, i18n.language()), r.held_on.danish());
                        break;
                    }
        }
        n.record.answers = apply_defaults(*form, answers, day);
        f = std::move(n);
        recheck(f, day);
        s.back = state.screen == Screen::service_catalogue || !employee ? 1 : 0;
        if (employee) state.selected_employee_id = employee->id;
        if (spell) state.selected_case.chosen_spell_id = spell->id;
        state.screen = Screen::referral;
        scroll_to_top = true;
        return;
    }
    case ReferralOp::open: {
        if (f.record.id == a.id && (f.dirty || f.save_blocked)) {
            state.screen = Screen::referral;
            return;
        }
        const auto it =
            std::find_if(s.all.begin(), s.all.end(), [&](const ReferralRecord& r) { return r.id == a.id; });
        if (it == s.all.end()) return;
        const Screen from = state.screen;
        f = form_for(*it, may_write(state.user));
        f.stored = true;
        f.seen_revision = directory_revision;
        if (it->kind == ReferralKind::fast_track && it->status == ReferralStatus::draft)
            if (const AbsenceSpell* spell = directory.spell(it->spell_id))
                f.eligibility = fast_track_eligibility(rules.rule_sets, *spell, day);
        recheck(f, day);
        refresh_text(f, state.user.organisation_name);
        if (const auto& rejected = sync.replica().rejected(); rejected.count({referral_type, a.id}))
            f.refusal = rejected.at({referral_type, a.id}).message;
        s.back = from == Screen::service_catalogue || it->employee_id.empty() ? 1 : 0;
        if (!it->employee_id.empty()) state.selected_employee_id = it->employee_id;
        if (!it->spell_id.empty()) state.selected_case.chosen_spell_id = it->spell_id;
        state.screen = Screen::referral;
        scroll_to_top = true;
        // Every read of a referral is audited by the server; offline only the pull that brought it.
        if (platform.online()) {
            const std::string id = a.id;
            api.get("/api/v1/records/" + referral_type + "/" + id, [this, id](ApiResult r) {
                platform.request_frame();
                if (handle_auth_failure(r)) return;
                if (r.ok() && state.referral.open.record.id == id) state.referral.open.audited = true;
            });
        }
        return;
    }
    case ReferralOp::edited: {
        if (state.screen != Screen::referral || !f.editable) return;
        f.refusal.clear();
        recheck(f, day);
        refresh_text(f, state.user.organisation_name);
        f.dirty = true;
        f.save_blocked = false;
        f.changed_ms = platform.now_ms();
        platform.request_frame_in(ReferralForm::autosave_ms + 1);
        return;
    }
    case ReferralOp::back: {
        f.confirming_send = false;
        f.withdrawing = false;
        f.confirm_delete = false;
        state.screen = s.back == 1 || state.selected_employee_id.empty() ? Screen::service_catalogue
                                                                          : Screen::employee;
        return;
    }
    case ReferralOp::start_send: {
        if (!f.editable || f.record.status != ReferralStatus::draft) return;
        f.confirming_send = true;
        f.confirm_delete = false;
        f.requested_on = day.danish();
        f.send_errors = {};
        return;
    }
    case ReferralOp::cancel_send:
        f.confirming_send = false;
        f.send_errors = {};
        return;
    case ReferralOp::confirm_send: {
        if (!f.editable || !f.confirming_send || f.record.status != ReferralStatus::draft) return;
        ValidationResult errors;
        ReferralRecord after = f.record;
        after.status = ReferralStatus::sent;
        const AbsenceSpell* spell = directory.spell(after.spell_id);
        std::optional<Date> requested;
        if (after.kind == ReferralKind::fast_track) {
            requested = Date::parse_danish(f.requested_on);
            if (!requested) errors.add("fast_track_requested_on", "invalid_date");
            else if (spell && *requested < spell->first_day)
                errors.add("fast_track_requested_on", "done_before_case", spell->first_day.danish());
            else if (*requested < day.plus_days(-fast_track_request_grace_days))
                errors.add("fast_track_requested_on", "request_date_too_old",
                           day.plus_days(-fast_track_request_grace_days).danish());
            after.fast_track_requested_on = requested;
            // The same answer the server gives: the window on the day the request was made (a
            // request made already counts as none: its date is the one this send records).
            if (spell) {
                f.eligibility = fast_track_eligibility(rules.rule_sets, *spell, requested.value_or(day));
                if (!f.eligibility->eligible) errors.add("eligibility", "fast_track_not_eligible");
            }
        }
        ReferralEmployer who{state.user.organisation_id, state.user.organisation_name, state.user.organisation_cvr};
        const auto before = server_referral(sync.replica(), after.id);
        const EmployerChange change = apply_employer_change(before ? &*before : nullptr, after,
                                                           jobcenter_data().municipalities, day,
                                                           iso_timestamp_now(), state.user.name, who);
        errors.merge(change.errors);

        // The case's fast-track step is marked requested on that day, in the same push.
        std::optional<TodoDone> mark;
        PendingSend send{after.id};
        if (after.kind == ReferralKind::fast_track && spell && requested) {
            const std::string key = deadline_todo_key(spell->id, fast_track_rule);
            const TodoDone* existing = directory.mark(key);
            if (!existing || existing->done_on != *requested) {
                TodoDone m;
                m.id = todo_done_record_id(key);
                m.employee_id = spell->employee_id;
                m.todo_key = key;
                m.done_on = *requested;
                m.note = i18n.format("referral.mark_note", jobcenter_data().jobcenter_name(after.municipality_code));
                m.done_by = state.user.id;
                m.done_by_name = state.user.name;
                ValidationResult mark_errors = validate(m, day);
                check_mark_within_case(m, *spell, mark_errors);
                if (!mark_errors.ok() && !errors.find("fast_track_requested_on"))
                    errors.add("fast_track_requested_on", "invalid_date");
                mark = m;
            }
        }
        if (!errors.ok()) {
            f.send_errors = std::move(errors);
            f.show_all_errors = true;
            recheck(f, day);
            return;
        }
        sync.put(referral_type, after.id, to_json(after));
        if (mark) {
            sync.put(todo_done_type, mark->id, to_json(*mark));
            sync.link({referral_type, after.id}, {{todo_done_type, mark->id}});
        }
        s.sends.push_back(std::move(send));
        f.record = std::move(after);
        f.stored = true;
        f.dirty = false;
        f.save_blocked = false;
        f.editable = false;
        f.ui.read_only = true;
        f.confirming_send = false;
        f.send_errors = {};
        f.show_all_errors = false;
        f.refusal.clear();
        f.notice_key = platform.online() && sync.status().online ? "referral.sending" : "referral.offline_queued";
        recheck(f, day);
        show_toast("toast.referral_sent");
        return;
    }
    case ReferralOp::copy_text:
        if (f.nemrefusion.empty()) return;
        platform.set_clipboard_text(f.nemrefusion);
        ++f.copies;
        show_toast("toast.referral_text_copied");
        return;
    case ReferralOp::download_pdf: {
        if (f.record.id.empty()) return;
        const Employee* employee = directory.employee(f.record.employee_id);
        ConversationRecord doc;
        doc.id = f.record.id;
        doc.employee_id = f.record.employee_id;
        doc.spell_id = f.record.spell_id;
        doc.template_id = f.record.template_id;
        doc.template_version = f.record.template_version;
        doc.template_snapshot = f.record.template_snapshot;
        doc.answers = f.record.answers;
        doc.held_on = f.record.sent_on.value_or(day);
        RecordPdfContext context;
        context.organisation_name = state.user.organisation_name;
        context.employee_name = employee ? employee->name : referral_subject(f.record);
        context.employee_number = employee ? employee->employee_number : std::string();
        context.language = i18n.language();
        context.labels = record_pdf_labels(context.language);
        context.labels.held_on = i18n.tr(f.record.sent_on ? "referral.pdf.sent_on" : "referral.pdf.written_on");
        const std::string jobcenter = jobcenter_data().jobcenter_name(f.record.municipality_code);
        context.labels.status_draft =
            i18n.pick(std::string(status_label_da(f.record.status)), std::string(status_label_en(f.record.status))) +
            (jobcenter.empty() ? std::string() : " \u00B7 " + jobcenter);
        context.labels.leader = i18n.tr("referral.pdf.contact");
        context.printed_on = day;
        const json& contact = f.record.answers.contains("contact_name") ? f.record.answers["contact_name"] : json();
        context.leader_name = contact.is_string() ? contact.get<std::string>() : state.user.name;
        std::string number;
        for (const char ch : context.employee_number)
            number += (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_') ? ch : '_';
        // The number, never the name: a file name travels further than its content.
        const std::string name = f.record.template_id + "-" + (number.empty() ? std::string() : number + "-") +
                                 doc.held_on.danish() + ".pdf";
        platform.download_file(name, "application/pdf", render_pdf(record_pdf(doc, context)));
        ++f.downloads;
        show_toast("toast.pdf_downloaded");
        return;
    }
    case ReferralOp::start_withdraw:
        if (!may_write(state.user) || !f.stored || f.record.status == ReferralStatus::draft || !f.record.is_open())
            return;
        f.withdrawing = true;
        f.withdraw_note.clear();
        f.send_errors = {};
        return;
    case ReferralOp::cancel_withdraw:
        f.withdrawing = false;
        return;
    case ReferralOp::confirm_withdraw: {
        if (!f.withdrawing || !may_write(state.user)) return;
        const auto before = server_referral(sync.replica(), f.record.id);
        if (!before) {
            // Sent offline and not yet with the server: it can be withdrawn once it arrived.
            f.send_errors = {};
            f.notice_key = "referral.withdraw_wait_sync";
            f.withdrawing = false;
            return;
        }
        ReferralRecord after = *before;
        after.status = ReferralStatus::closed;
        after.withdraw_note = f.withdraw_note;
        ReferralEmployer who{state.user.organisation_id, state.user.organisation_name, state.user.organisation_cvr};
        const EmployerChange change = apply_employer_change(&*before, after, jobcenter_data().municipalities, day,
                                                           iso_timestamp_now(), state.user.name, who);
        if (!change.errors.ok()) {
            f.send_errors = change.errors;
            return;
        }
        sync.put(referral_type, after.id, to_json(after));
        f.record = change.stored; // shown closed at once; the server's version follows
        f.withdrawing = false;
        f.notice_key.clear();
        show_toast("toast.referral_withdrawn");
        return;
    }
    case ReferralOp::delete_draft: {
        if (!may_write(state.user) || f.record.id.empty() || f.record.status != ReferralStatus::draft) return;
        if (f.stored && sync.replica().get(referral_type, f.record.id)) sync.remove(referral_type, f.record.id);
        const int back = s.back;
        f = ReferralForm{};
        state.screen = back == 1 || state.selected_employee_id.empty() ? Screen::service_catalogue : Screen::employee;
        show_toast("toast.referral_deleted");
        return;
    }
    case ReferralOp::show_catalogue:
        s.catalogue_employee_id = a.employee_id;
        state.screen = Screen::service_catalogue;
        scroll_to_top = true;
        return;
    }
}

// ---- read-out ---------------------------------------------------------------------------------

json App::Impl::referral_json() const {
    const ReferralState& s = state.referral;
    if (state.screen == Screen::service_catalogue) {
        json list = json::array();
        for (const ReferralRecord& r : s.all)
            list.push_back({{"id", r.id}, {"kind", to_string(r.kind)}, {"status", to_string(r.status)}});
        return {{"screen", "service_catalogue"},
                {"package", s.package},
                {"employee_id", s.catalogue_employee_id},
                {"referrals", std::move(list)}};
    }
    if (state.screen != Screen::referral) return nullptr;
    const ReferralForm& f = s.open;
    const Date day = today();
    json errors = json::array();
    for (const auto& e : f.errors.errors())
        errors.push_back(e.field);
    json send_errors = json::array();
    for (const auto& e : f.send_errors.errors())
        send_errors.push_back(e.field);
    json eligibility = nullptr;
    if (f.eligibility) {
        json blocks = json::array();
        for (const auto b : f.eligibility->blocks)
            blocks.push_back(to_string(b));
        json alternatives = json::array();
        for (const auto& alt : f.eligibility->alternatives)
            alternatives.push_back(to_string(alt.id));
        eligibility = {{"eligible", f.eligibility->eligible},
                       {"blocks", std::move(blocks)},
                       {"days_left", f.eligibility->days_left},
                       {"last_day", f.eligibility->last_day ? json(f.eligibility->last_day->iso()) : json(nullptr)},
                       {"reason", i18n.pick(f.eligibility->reason_da, f.eligibility->reason_en)},
                       {"alternatives", std::move(alternatives)}};
    }
    std::string autosave = "idle";
    const Replica::Key key{referral_type, f.record.id};
    if (f.record.status != ReferralStatus::draft)
        autosave = "sent";
    else if (f.save_blocked)
        autosave = "invalid";
    else if (f.dirty)
        autosave = "unsaved";
    else if (f.stored && (pending(sync.replica(), referral_type, f.record.id) || sync.replica().rejected().count(key)))
        autosave = "not_synced";
    else if (f.stored)
        autosave = "synced";
    json history = json::array();
    for (const ReferralEvent& e : f.record.history)
        history.push_back({{"status", to_string(e.status)}, {"on", e.on.iso()}, {"side", e.side == ReferralActor::employer ? "employer" : "jobcenter"}, {"note", e.note}});
    json indicators = json::array();
    if (const auto dates = referral_dates(f.record)) {
        const AbsenceSpell* spell = directory.spell(f.record.spell_id);
        const RuleSet* set = spell ? rule_set_in_force(rules.rule_sets, spell->first_day) : nullptr;
        for (const ServiceIndicator& i : service_indicators(*dates, day, jobcenter_data().standards, set))
            indicators.push_back({{"id", i.id}, {"due", i.due.iso()}, {"status", to_string(i.status)}});
    }
    return {{"id", f.record.id},
            {"kind", to_string(f.record.kind)},
            {"status", to_string(f.record.status)},
            {"municipality_code", f.record.municipality_code},
            {"jobcenter", jobcenter_data().jobcenter_name(f.record.municipality_code)},
            {"employee_id", f.record.employee_id},
            {"spell_id", f.record.spell_id},
            {"answers", f.record.answers},
            {"editable", f.editable},
            {"read_only", f.ui.read_only},
            {"errors", std::move(errors)},
            {"send_errors", std::move(send_errors)},
            {"eligibility", std::move(eligibility)},
            {"prefilled", f.ui.notes},
            {"autosave", {{"state", autosave}, {"saves", f.saves}, {"saved_at", f.saved_at}}},
            {"nemrefusion", f.nemrefusion},
            {"confirming_send", f.confirming_send},
            {"requested_on", f.requested_on},
            {"fast_track_requested_on",
             f.record.fast_track_requested_on ? json(f.record.fast_track_requested_on->iso()) : json(nullptr)},
            {"sent_on", f.record.sent_on ? json(f.record.sent_on->iso()) : json(nullptr)},
            {"withdrawing", f.withdrawing},
            {"history", std::move(history)},
            {"indicators", std::move(indicators)},
            {"answer", f.record.answer},
            {"meeting", f.record.meeting ? to_json(*f.record.meeting) : json(nullptr)},
            {"notice", f.notice_key},
            {"refusal", f.refusal},
            {"audited", f.audited},
            {"copies", f.copies},
            {"downloads", f.downloads}};
}

} // namespace naervaer::client
