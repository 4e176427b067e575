// A jobcentre's retention consultant in the client (docs/referrals.md, "The jobcentre's inbox"):
// the inbox of referrals and contact requests addressed to the consultant's municipality, one
// referral with its form, history and actions, and the service indicators counted in Danish
// working days. Online only: nothing is stored on the device and nothing syncs; the server's
// jobcentre API is read when a screen is shown or refreshed and after each action (no polling,
// so an idle inbox renders no frames).
#include "app/app_impl.hpp"
#include "app/jobcenter_data.hpp"

#include "sync/json_fields.hpp"

#include <algorithm>

namespace naervaer::client {

using nlohmann::json;

namespace {

// The referral of an answer of the jobcentre API: {"id", "rev", "data": <the referral>,
// "organisation": {...}} (docs/api.md, "Jobcentre").
const json& record_part(const json& body) {
    if (auto it = body.find("data"); it != body.end() && it->is_object()) return *it;
    return body;
}

// Decodes one referral of the jobcentre API; nothing when it does not decode.
std::optional<InboxItem> decode_item(const json& body) {
    if (!body.is_object()) return std::nullopt;
    json data = record_part(body);
    if (!data.is_object()) return std::nullopt;
    const std::string id = string_field(body, "id", string_field(data, "id"));
    if (id.empty()) return std::nullopt;
    data.erase("id");
    ValidationResult errors;
    InboxItem item;
    item.record = decode_referral(data, id, errors);
    if (!errors.ok() || !item.record.sent_on) return std::nullopt;
    if (auto o = body.find("organisation"); o != body.end() && o->is_object()) {
        item.organisation_name = string_field(*o, "name");
        item.organisation_cvr = string_field(*o, "cvr");
    }
    if (item.record.employer) {
        if (item.organisation_name.empty()) item.organisation_name = item.record.employer->name;
        if (item.organisation_cvr.empty()) item.organisation_cvr = item.record.employer->cvr;
    }
    return item;
}

// Overdue first (the longest overdue at the top), then open before closed, then oldest first.
bool inbox_order(const InboxItem& a, const InboxItem& b) {
    if (a.overdue != b.overdue) return a.overdue;
    if (a.overdue && a.most_overdue != b.most_overdue) return a.most_overdue < b.most_overdue;
    if (a.record.is_open() != b.record.is_open()) return a.record.is_open();
    const Date sa = a.record.sent_on.value_or(Date()), sb = b.record.sent_on.value_or(Date());
    if (!(sa == sb)) return sa < sb;
    return a.record.id < b.record.id;
}

bool valid_filter(const std::string& f) { return f == "open" || f == "closed" || f == "all"; }

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    const auto last = s.find_last_not_of(" \t");
    return s.substr(first, last - first + 1);
}

} // namespace

// The service indicators of one referral for `today`: the standards its jobcentre signed
// (assets/jobcenter/service_standards.json) and, for fast track, the legal first conversation
// with the rule set in force on the request date.
void compute_indicators(InboxItem& item, Date today, std::span<const RuleSet> rule_sets) {
    item.indicators.clear();
    item.overdue = false;
    item.most_overdue = 0;
    const std::optional<ReferralDates> dates = referral_dates(item.record);
    if (!dates) return;
    const Date from = dates->fast_track_requested_on.value_or(dates->sent_on);
    const RuleSet* rules = rule_sets.empty() ? nullptr : rule_set_in_force(rule_sets, from);
    item.indicators = service_indicators(*dates, today, jobcenter_data().standards, rules);
    // A closed referral is no longer work: nothing of it is overdue.
    if (!item.record.is_open()) return;
    for (const ServiceIndicator& i : item.indicators)
        if (i.status == IndicatorStatus::overdue) {
            item.most_overdue = item.overdue ? std::min(item.most_overdue, i.working_days_left) : i.working_days_left;
            item.overdue = true;
        }
}

std::vector<JobcenterAction> available_actions(const ReferralRecord& record) {
    std::vector<JobcenterAction> out;
    if (!record.is_open() || record.status == ReferralStatus::draft) return out;
    const std::vector<ReferralStatus> next = next_statuses(record.status, ReferralActor::jobcenter);
    const auto can = [&](ReferralStatus s) { return std::find(next.begin(), next.end(), s) != next.end(); };
    if (can(ReferralStatus::received)) out.push_back(JobcenterAction::acknowledge);
    // A booked meeting can be moved and an answer replaced: same status, new content.
    if (can(ReferralStatus::meeting_booked) || record.status == ReferralStatus::meeting_booked)
        out.push_back(JobcenterAction::book_meeting);
    if (can(ReferralStatus::answered) || record.status == ReferralStatus::answered)
        out.push_back(JobcenterAction::answer);
    if (record.kind == ReferralKind::fast_track) out.push_back(JobcenterAction::first_conversation);
    if (can(ReferralStatus::closed)) out.push_back(JobcenterAction::close);
    return out;
}

bool App::Impl::consultant_may(const Action& action) const {
    return std::holds_alternative<action::Jobcenter>(action) || std::holds_alternative<action::SubmitLogin>(action) ||
           std::holds_alternative<action::SubmitPasswordChange>(action) ||
           std::holds_alternative<action::Logout>(action) || std::holds_alternative<action::CancelLogout>(action) ||
           std::holds_alternative<action::SetLanguage>(action);
}

void App::Impl::jobcenter(const action::Jobcenter& a) {
    if (!state.user.is_consultant()) return;
    JobcenterState& jc = state.jobcenter;
    using Op = action::Jobcenter::Op;
    switch (a.op) {
    case Op::show_inbox:
        state.screen = Screen::jobcenter_inbox;
        jc.detail = ReferralDetail{};
        load_inbox();
        break;
    case Op::refresh:
        load_inbox();
        if (state.screen == Screen::jobcenter_referral && !jc.detail.id.empty()) load_referral(jc.detail.id);
        break;
    case Op::set_filter:
        if (!valid_filter(a.arg) || a.arg == jc.filter) return;
        jc.filter = a.arg;
        load_inbox();
        break;
    case Op::open_referral: {
        jc.detail = ReferralDetail{};
        jc.detail.id = a.arg;
        // What the inbox showed, at once; the audited read replaces it.
        for (const InboxItem& item : jc.items)
            if (item.record.id == a.arg) jc.detail.item = item;
        state.screen = Screen::jobcenter_referral;
        scroll_to_top = true;
        load_referral(a.arg);
        break;
    }
    case Op::open_panel: {
        ReferralDetail& d = jc.detail;
        if (!d.item) return;
        const auto action = jobcenter_action_from_string(a.arg);
        if (!action || *action == JobcenterAction::acknowledge) return;
        d.panel = JobcenterPanel{};
        d.panel.action = a.arg;
        d.error_da.clear();
        d.error_en.clear();
        const ReferralRecord& r = d.item->record;
        if (*action == JobcenterAction::book_meeting) {
            if (r.meeting) {
                d.panel.date = r.meeting->date.danish();
                d.panel.time = r.meeting->time;
                d.panel.place = r.meeting->place;
                d.panel.participants = r.meeting->participants;
            } else {
                // The standard's due date: the meeting standard, else the legal first conversation.
                Date suggested = today();
                for (const std::string_view id : {"meeting_within_5_working_days", "first_conversation_within_2_weeks"}) {
                    const auto it = std::find_if(d.item->indicators.begin(), d.item->indicators.end(),
                                                 [&](const ServiceIndicator& i) { return i.id == id; });
                    if (it != d.item->indicators.end()) {
                        if (it->due > suggested) suggested = it->due;
                        break;
                    }
                }
                d.panel.date = suggested.danish();
            }
        } else if (*action == JobcenterAction::answer) {
            d.panel.text = r.answer;
        } else if (*action == JobcenterAction::first_conversation) {
            d.panel.date = (r.first_conversation_on ? *r.first_conversation_on : today()).danish();
        }
        break;
    }
    case Op::cancel_panel:
        jc.detail.panel = JobcenterPanel{};
        break;
    case Op::submit:
        submit_jobcenter_action(a.arg);
        break;
    }
}

void App::Impl::load_inbox() {
    JobcenterState& jc = state.jobcenter;
    jc.loading = true;
    const uint64_t request = ++jc.requests;
    api.get("/api/v1/jobcenter/inbox?status=" + jc.filter, [this, request](ApiResult r) {
        platform.request_frame();
        JobcenterState& j = state.jobcenter;
        if (request != j.requests) return; // a newer request (another filter) answers for the screen
        j.loading = false;
        if (handle_auth_failure(r)) return;
        if (r.offline()) {
            j.offline = true;
            return;
        }
        j.offline = false;
        if (!r.ok()) {
            j.error_da = r.error->message_da;
            j.error_en = r.error->message_en;
            return;
        }
        j.error_da.clear();
        j.error_en.clear();
        if (auto m = r.body.find("municipality"); m != r.body.end() && m->is_object()) {
            j.municipality_code = string_field(*m, "code");
            j.municipality_name = string_field(*m, "name");
            j.jobcenter_name = string_field(*m, "jobcenter");
        }
        j.items.clear();
        int unreadable = 0;
        if (auto it = r.body.find("items"); it != r.body.end() && it->is_array())
            for (const json& entry : *it) {
                if (std::optional<InboxItem> item = decode_item(entry))
                    j.items.push_back(std::move(*item));
                else
                    ++unreadable;
            }
        if (unreadable > 0) {
            j.error_da = std::to_string(unreadable) + " henvendelser kunne ikke vises.";
            j.error_en = std::to_string(unreadable) + " items could not be shown.";
        }
        j.loaded = true;
        j.computed_for = Date(); // recomputed by jobcenter_tick() in this frame
        jobcenter_tick();
    });
}

void App::Impl::load_referral(const std::string& id) {
    ReferralDetail& d = state.jobcenter.detail;
    d.loading = true;
    api.get("/api/v1/jobcenter/referrals/" + id, [this, id](ApiResult r) {
        platform.request_frame();
        ReferralDetail& detail = state.jobcenter.detail;
        if (detail.id != id) return; // another referral is shown now
        detail.loading = false;
        if (handle_auth_failure(r)) return;
        if (r.offline()) {
            state.jobcenter.offline = true;
            return;
        }
        state.jobcenter.offline = false;
        if (!r.ok()) {
            // Another municipality's referral answers 404 like a missing one.
            detail.item.reset();
            detail.error_da = r.error->message_da;
            detail.error_en = r.error->message_en;
            return;
        }
        std::optional<InboxItem> item = decode_item(r.body);
        if (!item) {
            detail.error_da = "Henvendelsen kunne ikke vises.";
            detail.error_en = "The item could not be shown.";
            return;
        }
        // The list's organisation when the answer names none.
        if (detail.item && item->organisation_name.empty()) {
            item->organisation_name = detail.item->organisation_name;
            item->organisation_cvr = detail.item->organisation_cvr;
        }
        compute_indicators(*item, today(), rules.rule_sets);
        detail.form.reset();
        if (auto parsed = parse_form_template_json(item->record.template_snapshot); parsed.ok())
            detail.form = std::move(parsed.form);
        detail.answers = item->record.answers.is_object() ? item->record.answers : json::object();
        detail.ui = FormUiState{};
        detail.ui.read_only = true;
        detail.item = std::move(item);
    });
}

void App::Impl::submit_jobcenter_action(const std::string& action_name) {
    ReferralDetail& d = state.jobcenter.detail;
    if (d.busy || d.id.empty() || !d.item) return;
    const std::optional<JobcenterAction> action = jobcenter_action_from_string(action_name);
    if (!action) return;
    if (*action != JobcenterAction::acknowledge && d.panel.action != action_name) return;
    JobcenterPanel& p = d.panel;

    json body = {{"action", action_name}};
    ValidationResult local;
    switch (*action) {
    case JobcenterAction::acknowledge:
        break;
    case JobcenterAction::book_meeting: {
        const std::optional<Date> date = Date::parse_danish(trimmed(p.date));
        if (!date) local.add("meeting.date", "invalid_date");
        body["meeting"] = {{"date", date ? date->iso() : std::string()},
                           {"time", trimmed(p.time)},
                           {"place", trimmed(p.place)},
                           {"participants", trimmed(p.participants)}};
        break;
    }
    case JobcenterAction::answer:
        body["text"] = p.text;
        break;
    case JobcenterAction::first_conversation: {
        const std::optional<Date> date = Date::parse_danish(trimmed(p.date));
        if (!date) local.add("date", "invalid_date");
        body["date"] = date ? date->iso() : std::string();
        break;
    }
    case JobcenterAction::close:
        if (!trimmed(p.note).empty()) body["note"] = p.note;
        break;
    }
    // The same strict reading the server applies: missing parts are shown before anything is sent.
    if (local.ok()) decode_jobcenter_action(body, local);
    if (!local.ok()) {
        p.field_errors = local.to_json();
        return;
    }
    p.field_errors = json::object();
    d.busy = true;
    d.error_da.clear();
    d.error_en.clear();
    const std::string id = d.id;
    api.post("/api/v1/jobcenter/referrals/" + id + "/actions", body, [this, id](ApiResult r) {
        platform.request_frame();
        ReferralDetail& detail = state.jobcenter.detail;
        if (detail.id != id) return;
        detail.busy = false;
        if (handle_auth_failure(r)) return;
        if (r.offline()) {
            state.jobcenter.offline = true;
            return;
        }
        state.jobcenter.offline = false;
        if (!r.ok()) {
            detail.error_da = r.error->message_da;
            detail.error_en = r.error->message_en;
            // A 422 explains per field: shown next to the fields.
            if (r.error->fields.is_object()) detail.panel.field_errors = r.error->fields;
            return;
        }
        if (std::optional<InboxItem> item = decode_item(r.body)) {
            if (detail.item && item->organisation_name.empty()) {
                item->organisation_name = detail.item->organisation_name;
                item->organisation_cvr = detail.item->organisation_cvr;
            }
            compute_indicators(*item, today(), rules.rule_sets);
            detail.item = std::move(item);
        } else {
            load_referral(id);
        }
        detail.panel = JobcenterPanel{};
        show_toast("toast.jobcenter_saved");
        load_inbox();
    });
}

void App::Impl::jobcenter_tick() {
    if (!state.user.is_consultant()) return;
    JobcenterState& jc = state.jobcenter;
    const Date day = today();
    if (jc.computed_for == day) return;
    jc.computed_for = day;
    jc.overdue_count = 0;
    for (InboxItem& item : jc.items) {
        compute_indicators(item, day, rules.rule_sets);
        if (item.overdue) ++jc.overdue_count;
    }
    std::stable_sort(jc.items.begin(), jc.items.end(), inbox_order);
    if (jc.detail.item) compute_indicators(*jc.detail.item, day, rules.rule_sets);
}

namespace {

json indicators_json(const I18n& i18n, const std::vector<ServiceIndicator>& indicators) {
    json out = json::array();
    for (const ServiceIndicator& i : indicators)
        out.push_back({{"id", i.id},
                       {"status", to_string(i.status)},
                       {"due", i.due.iso()},
                       {"working_days_left", i.working_days_left},
                       {"badge", indicator_badge(i18n, i)}});
    return out;
}

} // namespace

json App::Impl::jobcenter_json() const {
    if (!state.signed_in || !state.user.is_consultant()) return nullptr;
    const JobcenterState& jc = state.jobcenter;
    json items = json::array();
    for (const InboxItem& item : jc.items)
        items.push_back({{"id", item.record.id},
                         {"kind", to_string(item.record.kind)},
                         {"status", to_string(item.record.status)},
                         {"employer", item.organisation_name},
                         {"cvr", item.organisation_cvr},
                         {"subject", referral_subject(item.record)},
                         {"sent_on", item.record.sent_on ? json(item.record.sent_on->iso()) : json(nullptr)},
                         {"overdue", item.overdue},
                         {"indicators", indicators_json(i18n, item.indicators)}});
    json j = {{"filter", jc.filter},
              {"loading", jc.loading},
              {"loaded", jc.loaded},
              {"offline", jc.offline},
              {"error", i18n.pick(jc.error_da, jc.error_en)},
              {"municipality_code", jc.municipality_code},
              {"jobcenter", jc.jobcenter_name},
              {"overdue_count", jc.overdue_count},
              {"requests", jc.requests},
              {"items", std::move(items)},
              {"detail", nullptr}};
    const ReferralDetail& d = jc.detail;
    if (state.screen == Screen::jobcenter_referral) {
        json detail = {{"id", d.id},
                       {"loading", d.loading},
                       {"busy", d.busy},
                       {"error", i18n.pick(d.error_da, d.error_en)},
                       {"panel", d.panel.action},
                       {"field_errors", d.panel.field_errors},
                       {"form_shown", d.form.has_value()}};
        if (d.item) {
            const ReferralRecord& r = d.item->record;
            json actions = json::array();
            for (JobcenterAction a : available_actions(r))
                actions.push_back(to_string(a));
            detail["status"] = to_string(r.status);
            detail["kind"] = to_string(r.kind);
            detail["employer"] = d.item->organisation_name;
            detail["actions"] = std::move(actions);
            detail["acknowledged_on"] = r.acknowledged_on ? json(r.acknowledged_on->iso()) : json(nullptr);
            detail["meeting"] = r.meeting ? to_json(*r.meeting) : json(nullptr);
            detail["answer"] = r.answer;
            detail["first_conversation_on"] =
                r.first_conversation_on ? json(r.first_conversation_on->iso()) : json(nullptr);
            detail["history"] = r.history.size();
            detail["indicators"] = indicators_json(i18n, d.item->indicators);
        }
        j["detail"] = std::move(detail);
    }
    return j;
}

} // namespace naervaer::client
