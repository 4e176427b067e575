// Referral records (fast-track referrals and contact requests): JSON, validation, the employer's
// changes through sync and the jobcentre's actions. docs/referrals.md, "The referral record".
#include "naervaer/referral_record.hpp"

#include "json_reader.hpp"

#include <algorithm>
#include <initializer_list>

namespace naervaer {

using detail::JsonReader;
using nlohmann::json;

namespace {
constexpr std::size_t note_length = 1000;         // an event's note, the withdraw note
constexpr std::size_t answer_length = 4000;       // the jobcentre's answer
constexpr std::size_t place_length = 200;         // a meeting's place
constexpr std::size_t participants_length = 1000; // a meeting's participants
constexpr std::size_t timestamp_length = 40;
constexpr std::size_t code_length = 32; // status, kind, side, action, municipality code on the wire

std::string_view to_string(ReferralActor a) {
    return a == ReferralActor::jobcenter ? "jobcenter" : "employer";
}

std::optional<ReferralActor> actor_from_string(std::string_view s) {
    if (s == "employer") return ReferralActor::employer;
    if (s == "jobcenter") return ReferralActor::jobcenter;
    return std::nullopt;
}

json date_or_null(const std::optional<Date>& d) {
    return d ? json(d->iso()) : json(nullptr);
}

bool two_digits(std::string_view s, std::size_t at, int max) {
    if (s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') return false;
    return (s[at] - '0') * 10 + (s[at + 1] - '0') <= max;
}

// "HH:MM", 24 hours.
bool is_clock_time(std::string_view s) {
    return s.size() == 5 && s[2] == ':' && two_digits(s, 0, 23) && two_digits(s, 3, 59);
}


// A day the jobcentre records: not before the referral was sent and, where the day is in the past
// by nature (a conversation held, an acknowledgement), not after today.
void check_day(ValidationResult& v, const std::string& path, Date day, const std::optional<Date>& sent_on,
               std::optional<Date> today) {
    if (sent_on && day < *sent_on)
        v.add(path, "before_sent", sent_on->danish());
    else if (today && day > *today)
        v.add(path, "in_future", today->danish());
}

void check_meeting(ValidationResult& v, const MeetingBooking& m, const std::optional<Date>& sent_on,
                   const std::string& path = "meeting") {
    check_day(v, path + ".date", m.date, sent_on, std::nullopt); // a meeting is booked ahead
    if (!m.time.empty() && !is_clock_time(m.time)) v.add(path + ".time", "invalid_time");
    check_text(v, path + ".place", m.place, true, place_length, false);
    check_text(v, path + ".participants", m.participants, true, participants_length, true);
}

// Keys of a request body's object that are not among `known`: "unknown_key" each, at `prefix` +
// the key. The jobcentre's request bodies are strict (docs/api.md).
void refuse_unknown_keys(const json& object, std::initializer_list<std::string_view> known, const std::string& prefix,
                         ValidationResult& errors) {
    if (!object.is_object()) return;
    for (auto it = object.begin(); it != object.end(); ++it)
        if (std::find(known.begin(), known.end(), it.key()) == known.end())
            errors.add(prefix + it.key(), "unknown_key", it.key());
}

// The server-owned fields of `from` copied onto `to`: whatever a client sent there is replaced.
void copy_server_fields(const ReferralRecord& from, ReferralRecord& to) {
    to.sent_on = from.sent_on;
    to.acknowledged_on = from.acknowledged_on;
    to.meeting = from.meeting;
    to.first_conversation_on = from.first_conversation_on;
    to.answer = from.answer;
    to.employer = from.employer;
    to.history = from.history;
}

// The employer-owned fields that differ between two versions, in wire names (status aside).
std::vector<std::string> changed_employer_fields(const ReferralRecord& a, const ReferralRecord& b) {
    std::vector<std::string> out;
    if (a.kind != b.kind) out.push_back("kind");
    if (a.employee_id != b.employee_id) out.push_back("employee_id");
    if (a.spell_id != b.spell_id) out.push_back("spell_id");
    if (a.municipality_code != b.municipality_code) out.push_back("municipality_code");
    if (a.template_id != b.template_id) out.push_back("template_id");
    if (a.template_version != b.template_version) out.push_back("template_version");
    if (a.template_snapshot != b.template_snapshot) out.push_back("template_snapshot");
    if (a.answers != b.answers) out.push_back("answers");
    if (a.fast_track_requested_on != b.fast_track_requested_on) out.push_back("fast_track_requested_on");
    return out;
}

// Fixed when the record is created, even while it is a draft.
bool fixed_at_creation(std::string_view field) {
    for (std::string_view f : {"kind", "employee_id", "spell_id", "template_id", "template_version", "template_snapshot"})
        if (f == field) return true;
    return false;
}

ReferralEvent make_event(ReferralStatus status, ReferralActor side, const std::string& now, Date today,
                         const std::string& by_name, std::string note = {}) {
    return ReferralEvent{status, now, today, side, by_name, std::move(note)};
}

// A status string on the wire: unknown values are "unknown_value" errors.
template <class T, class Parse>
void read_enum(JsonReader& r, ValidationResult& errors, const char* key, bool required, Parse parse, T& target) {
    const std::string s = r.string(key, required, code_length);
    if (s.empty()) return;
    if (auto value = parse(s))
        target = *value;
    else if (!errors.find(r.field(key)))
        errors.add(r.field(key), "unknown_value", s);
}

// An object-valued member copied as is ("type" "object" otherwise).
void read_object(const json& data, ValidationResult& errors, const char* key, json& target) {
    auto it = data.find(key);
    if (it == data.end() || it->is_null())
        errors.add(key, "required");
    else if (!it->is_object())
        errors.add(key, "type", "object");
    else
        target = *it;
}

// A nested object member present and of the right type, or nullptr ("type" "object" otherwise).
const json* nested_object(const json& data, ValidationResult& errors, const char* key, const std::string& path) {
    if (!data.is_object()) return nullptr;
    auto it = data.find(key);
    if (it == data.end() || it->is_null()) return nullptr;
    if (!it->is_object()) {
        errors.add(path, "type", "object");
        return nullptr;
    }
    return &*it;
}
} // namespace

std::string_view template_id_of(ReferralKind kind) {
    return kind == ReferralKind::contact_request ? contact_request_template_id : fast_track_template_id;
}

bool operator==(const ReferralEvent& a, const ReferralEvent& b) {
    return a.status == b.status && a.at == b.at && a.on == b.on && a.side == b.side && a.by_name == b.by_name &&
           a.note == b.note;
}

bool operator==(const MeetingBooking& a, const MeetingBooking& b) {
    return a.date == b.date && a.time == b.time && a.place == b.place && a.participants == b.participants;
}

ReferralRecord new_referral(const FormTemplate& form, ReferralKind kind, std::string id, std::string employee_id,
                            std::string spell_id, std::string municipality_code) {
    ReferralRecord r;
    r.id = std::move(id);
    r.kind = kind;
    r.employee_id = std::move(employee_id);
    r.spell_id = std::move(spell_id);
    r.municipality_code = std::move(municipality_code);
    r.template_id = form.id;
    r.template_version = form.version;
    r.template_snapshot = template_snapshot(form);
    r.status = ReferralStatus::draft;
    return r;
}

// ---- JSON ------------------------------------------------------------------------------------

json to_json(const ReferralEvent& e) {
    return {{"status", to_string(e.status)}, {"at", e.at},           {"on", e.on.iso()},
            {"side", to_string(e.side)},     {"by_name", e.by_name}, {"note", e.note}};
}

json to_json(const MeetingBooking& m) {
    return {{"date", m.date.iso()}, {"time", m.time}, {"place", m.place}, {"participants", m.participants}};
}

json to_json(const ReferralRecord& r) {
    json j = {{"id", r.id},
              {"kind", to_string(r.kind)},
              {"employee_id", r.employee_id},
              {"spell_id", r.spell_id},
              {"municipality_code", r.municipality_code},
              {"template_id", r.template_id},
              {"template_version", r.template_version},
              {"template_snapshot", r.template_snapshot},
              {"answers", r.answers},
              {"status", to_string(r.status)},
              {"fast_track_requested_on", date_or_null(r.fast_track_requested_on)},
              {"sent_on", date_or_null(r.sent_on)},
              {"acknowledged_on", date_or_null(r.acknowledged_on)},
              {"meeting", r.meeting ? to_json(*r.meeting) : json(nullptr)},
              {"first_conversation_on", date_or_null(r.first_conversation_on)},
              {"answer", r.answer}};
    if (r.employer)
        j["employer"] = {{"organisation_id", r.employer->organisation_id},
                         {"name", r.employer->name},
                         {"cvr", r.employer->cvr}};
    else
        j["employer"] = nullptr;
    json history = json::array();
    for (const auto& e : r.history)
        history.push_back(to_json(e));
    j["history"] = std::move(history);
    if (!r.withdraw_note.empty()) j["withdraw_note"] = r.withdraw_note;
    return j;
}

MeetingBooking decode_meeting_booking(const json& data, ValidationResult& errors, std::string_view path) {
    JsonReader r(data, errors, std::string(path));
    MeetingBooking m;
    refuse_unknown_keys(data, {"date", "time", "place", "participants"}, std::string(path) + ".", errors);
    if (auto d = r.date("date", true)) m.date = *d;
    m.time = r.string("time", false, 5);
    m.place = r.string("place", true, place_length);
    m.participants = r.string("participants", true, participants_length, true);
    return m;
}

ReferralRecord decode_referral(const json& data, std::string id, ValidationResult& errors) {
    JsonReader r(data, errors);
    ReferralRecord c;
    c.id = std::move(id);
    if (!r.ok_object()) return c;
    read_enum(r, errors, "kind", true, referral_kind_from_string, c.kind);
    c.employee_id = r.string("employee_id", false, limits::id_length);
    c.spell_id = r.string("spell_id", false, limits::id_length);
    c.municipality_code = r.string("municipality_code", false, code_length);
    c.template_id = r.string("template_id", true, limits::id_length);
    c.template_version = r.integer("template_version", true, 0);
    read_object(data, errors, "template_snapshot", c.template_snapshot);
    read_object(data, errors, "answers", c.answers);
    read_enum(r, errors, "status", true, referral_status_from_string, c.status);
    c.fast_track_requested_on = r.date("fast_track_requested_on", false);

    c.sent_on = r.date("sent_on", false);
    c.acknowledged_on = r.date("acknowledged_on", false);
    if (const json* m = nested_object(data, errors, "meeting", "meeting"))
        c.meeting = decode_meeting_booking(*m, errors, "meeting");
    c.first_conversation_on = r.date("first_conversation_on", false);
    c.answer = r.string("answer", false, answer_length, true);
    if (const json* e = nested_object(data, errors, "employer", "employer")) {
        JsonReader er(*e, errors, "employer");
        ReferralEmployer who;
        who.organisation_id = er.string("organisation_id", true, limits::id_length);
        who.name = er.string("name", true, limits::name_length);
        who.cvr = er.string("cvr", false, code_length);
        c.employer = std::move(who);
    }
    if (auto it = data.find("history"); it != data.end() && !it->is_null()) {
        if (!it->is_array()) {
            errors.add("history", "type", "array");
        } else {
            for (std::size_t i = 0; i < it->size(); ++i) {
                JsonReader er((*it)[i], errors, "history[" + std::to_string(i) + "]");
                ReferralEvent e;
                read_enum(er, errors, "status", true, referral_status_from_string, e.status);
                e.at = er.string("at", true, timestamp_length);
                if (auto d = er.date("on", true)) e.on = *d;
                read_enum(er, errors, "side", true, actor_from_string, e.side);
                e.by_name = er.string("by_name", true, limits::name_length);
                e.note = er.string("note", false, note_length, true);
                c.history.push_back(std::move(e));
            }
        }
    }
    c.withdraw_note = r.string("withdraw_note", false, note_length, true);
    return c;
}

// ---- validation ------------------------------------------------------------------------------

ValidationResult validate(const ReferralRecord& r, const Municipalities& municipalities, Date today) {
    ValidationResult v;
    const bool draft = r.status == ReferralStatus::draft;
    if (!is_valid_id(r.id)) v.add("id", "invalid_id");

    // Who it is about: fast track names the employee and the case; a contact request may.
    for (auto [field, value] : {std::pair<const char*, const std::string*>{"employee_id", &r.employee_id},
                                {"spell_id", &r.spell_id}}) {
        if (value->empty()) {
            if (r.kind == ReferralKind::fast_track) v.add(field, "required");
        } else if (!is_valid_id(*value)) {
            v.add(field, "invalid_id");
        }
    }

    // Where it goes: a draft may not know yet; a sent referral does.
    if (r.municipality_code.empty()) {
        if (!draft) v.add("municipality_code", "required");
    } else if (!municipalities.find_by_code(r.municipality_code)) {
        v.add("municipality_code", "unknown_municipality", r.municipality_code);
    }

    // The form: the kind's template, its snapshot, the answers (required fields once sent).
    const std::string_view expected_template = template_id_of(r.kind);
    if (r.template_id != expected_template)
        v.add("template_id", "template_mismatch", std::string(expected_template));
    if (r.template_version < 1) v.add("template_version", "range", "1-");
    auto parsed = parse_form_template_json(r.template_snapshot);
    if (!parsed.ok()) {
        v.add("template_snapshot", "invalid_template", parsed.errors.empty() ? std::string() : parsed.errors.front());
    } else {
        FormTemplate form = *parsed.form;
        if (form.id != r.template_id) v.add("template_id", "template_mismatch", form.id);
        if (form.version != r.template_version)
            v.add("template_version", "template_mismatch", std::to_string(form.version));
        // A draft may be incomplete: required fields count from sending on.
        if (draft)
            for (auto& section : form.sections)
                for (auto& field : section.fields)
                    field.required = false;
        v.merge(validate_answers(form, r.answers, today));
    }

    if (r.fast_track_requested_on) {
        if (r.kind != ReferralKind::fast_track)
            v.add("fast_track_requested_on", "not_fast_track");
        else if (*r.fast_track_requested_on > today)
            v.add("fast_track_requested_on", "future_date", today.danish());
    }
    check_text(v, "withdraw_note", r.withdraw_note, false, note_length, true);

    // Server-owned fields: none on a draft; consistent dates on a sent referral.
    if (draft) {
        if (r.sent_on) v.add("sent_on", "not_on_draft");
        if (r.acknowledged_on) v.add("acknowledged_on", "not_on_draft");
        if (r.meeting) v.add("meeting", "not_on_draft");
        if (r.first_conversation_on) v.add("first_conversation_on", "not_on_draft");
        if (!r.answer.empty()) v.add("answer", "not_on_draft");
        if (r.employer) v.add("employer", "not_on_draft");
        if (!r.history.empty()) v.add("history", "not_on_draft");
        return v;
    }
    if (!r.sent_on) v.add("sent_on", "required");
    if (!r.employer) v.add("employer", "required");
    if (r.acknowledged_on) check_day(v, "acknowledged_on", *r.acknowledged_on, r.sent_on, today);
    if (r.meeting) check_meeting(v, *r.meeting, r.sent_on);
    if (r.first_conversation_on) {
        if (r.kind != ReferralKind::fast_track)
            v.add("first_conversation_on", "not_fast_track");
        else
            check_day(v, "first_conversation_on", *r.first_conversation_on, r.sent_on, today);
    }
    check_text(v, "answer", r.answer, false, answer_length, true);
    if (r.employer) {
        if (!is_valid_id(r.employer->organisation_id)) v.add("employer.organisation_id", "invalid_id");
        check_text(v, "employer.name", r.employer->name, true, limits::name_length, false);
    }
    for (std::size_t i = 0; i < r.history.size(); ++i) {
        const ReferralEvent& e = r.history[i];
        const std::string path = "history[" + std::to_string(i) + "]";
        if (!is_iso_timestamp(e.at)) v.add(path + ".at", "invalid_timestamp");
        check_text(v, path + ".by_name", e.by_name, true, limits::name_length, false);
        check_text(v, path + ".note", e.note, false, note_length, true);
    }
    return v;
}

// ---- the employer's changes ------------------------------------------------------------------

EmployerChange apply_employer_change(const ReferralRecord* before, const ReferralRecord& after,
                                     const Municipalities& municipalities, Date today, const std::string& now,
                                     const std::string& by_name, const ReferralEmployer& who) {
    using S = ReferralStatus;
    EmployerChange out;
    ValidationResult& v = out.errors;
    ReferralRecord& stored = out.stored;

    // What the employer owns comes from `after`; the rest from what is stored (or nothing).
    stored = after;
    stored.withdraw_note.clear();
    copy_server_fields(before ? *before : ReferralRecord{}, stored);

    if (!before) {
        if (after.status != S::draft && after.status != S::sent) v.add("status", "invalid_status");
    } else {
        if (before->id != after.id) v.add("id", "locked");
        const std::vector<std::string> changed = changed_employer_fields(*before, after);
        if (!before->is_open()) {
            // Closed is final: nothing changes, not even the status.
            for (const auto& field : changed)
                v.add(field, "locked");
            if (after.status != before->status) v.add("status", "locked");
        } else if (before->status == S::draft) {
            for (const auto& field : changed)
                if (fixed_at_creation(field)) v.add(field, "locked");
            if (after.status != S::draft && !can_change_status(S::draft, after.status, ReferralActor::employer))
                v.add("status", "invalid_transition", std::string(to_string(before->status)));
        } else {
            // Sent: the form went to the jobcentre as it was; only a withdrawal remains.
            for (const auto& field : changed)
                v.add(field, "locked");
            if (after.status != before->status &&
                !can_change_status(before->status, after.status, ReferralActor::employer))
                v.add("status", "invalid_transition", std::string(to_string(before->status)));
        }
    }
    if (!v.ok()) return out;

    const S old_status = before ? before->status : S::draft;
    if (stored.status == S::sent && old_status == S::draft) {
        out.sent_now = true;
        stored.sent_on = today;
        stored.employer = who;
        stored.history.push_back(make_event(S::sent, ReferralActor::employer, now, today, by_name));
    } else if (stored.status == S::closed && old_status != S::closed) {
        out.withdrawn_now = true; // the note lives on in the closing event only
        stored.history.push_back(
            make_event(S::closed, ReferralActor::employer, now, today, by_name, after.withdraw_note));
    }
    v.merge(validate(stored, municipalities, today));
    // The withdraw note is not stored; its rules are checked on what was sent.
    check_text(v, "withdraw_note", after.withdraw_note, false, note_length, true);
    if (!v.ok()) out.sent_now = out.withdrawn_now = false; // refused: nothing happened
    return out;
}

// ---- the jobcentre's actions -----------------------------------------------------------------

namespace {
struct ActionName {
    JobcenterAction action;
    std::string_view id;
};
constexpr ActionName action_names[] = {{JobcenterAction::acknowledge, "acknowledge"},
                                       {JobcenterAction::book_meeting, "book_meeting"},
                                       {JobcenterAction::answer, "answer"},
                                       {JobcenterAction::first_conversation, "first_conversation"},
                                       {JobcenterAction::close, "close"}};

// The one key besides "action" each action takes ("" = none).
std::string_view action_key(JobcenterAction a) {
    switch (a) {
    case JobcenterAction::book_meeting: return "meeting";
    case JobcenterAction::answer: return "text";
    case JobcenterAction::first_conversation: return "date";
    case JobcenterAction::close: return "note";
    case JobcenterAction::acknowledge: break;
    }
    return "";
}
} // namespace

std::string_view to_string(JobcenterAction a) {
    for (const auto& n : action_names)
        if (n.action == a) return n.id;
    return "acknowledge";
}

std::optional<JobcenterAction> jobcenter_action_from_string(std::string_view s) {
    for (const auto& n : action_names)
        if (n.id == s) return n.action;
    return std::nullopt;
}

JobcenterActionInput decode_jobcenter_action(const json& body, ValidationResult& errors) {
    JsonReader r(body, errors);
    JobcenterActionInput in;
    if (!r.ok_object()) return in;
    if (!r.has("action")) {
        errors.add("action", "required");
        return in;
    }
    const std::size_t before = errors.errors().size();
    read_enum(r, errors, "action", true, jobcenter_action_from_string, in.action);
    if (errors.errors().size() != before) return in; // no action known: its parts cannot be read
    refuse_unknown_keys(body, {"action", action_key(in.action)}, "", errors);

    switch (in.action) {
    case JobcenterAction::acknowledge: break;
    case JobcenterAction::book_meeting:
        if (const json* m = nested_object(body, errors, "meeting", "meeting"))
            in.meeting = decode_meeting_booking(*m, errors, "meeting");
        else if (!errors.find("meeting"))
            errors.add("meeting", "required");
        break;
    case JobcenterAction::answer: in.text = r.string("text", true, answer_length, true); break;
    case JobcenterAction::first_conversation: in.date = r.date("date", true); break;
    case JobcenterAction::close: in.note = r.string("note", false, note_length, true); break;
    }
    return in;
}

ValidationResult apply_jobcenter_action(ReferralRecord& record, const JobcenterActionInput& input, Date today,
                                        const std::string& now, const std::string& by_name) {
    using S = ReferralStatus;
    ValidationResult v;
    const S from = record.status;
    if (from == S::draft || from == S::closed) {
        v.add("action", "invalid_transition", std::string(to_string(from)));
        return v;
    }
    ReferralRecord next = record;
    std::string note;
    S to = from;
    switch (input.action) {
    case JobcenterAction::acknowledge:
        to = S::received;
        next.acknowledged_on = today;
        break;
    case JobcenterAction::book_meeting:
        // Booked from received or answered; a booked meeting is moved (the status kept).
        to = S::meeting_booked;
        if (!input.meeting) {
            v.add("meeting", "required");
            break;
        }
        check_meeting(v, *input.meeting, record.sent_on);
        // Booked (or moved) ahead: a date in the past would meet the meeting standard on paper.
        if (!v.find("meeting.date") && input.meeting->date < today)
            v.add("meeting.date", "meeting_in_past", today.danish());
        next.meeting = input.meeting;
        note = input.meeting->date.danish() + (input.meeting->time.empty() ? "" : " " + input.meeting->time);
        break;
    case JobcenterAction::answer:
        to = S::answered;
        check_text(v, "text", input.text, true, answer_length, true);
        next.answer = input.text;
        break;
    case JobcenterAction::first_conversation:
        if (record.kind != ReferralKind::fast_track) {
            v.add("action", "not_fast_track");
            return v;
        }
        if (!input.date) {
            v.add("date", "required");
            break;
        }
        check_day(v, "date", *input.date, record.sent_on, today);
        next.first_conversation_on = input.date;
        note = input.date->danish();
        break;
    case JobcenterAction::close:
        to = S::closed;
        check_text(v, "note", input.note, false, note_length, true);
        note = input.note;
        break;
    }
    // A status change must be allowed (can_change_status); keeping the status is fine where the
    // action changes something else: a booked meeting moved, an answer replaced, the first
    // conversation. Acknowledging twice is not.
    const bool allowed = to != from ? can_change_status(from, to, ReferralActor::jobcenter)
                                    : input.action != JobcenterAction::acknowledge;
    if (!allowed)
        v.add("action", "invalid_transition", std::string(to_string(from)));
    if (!v.ok()) return v;
    next.status = to;
    next.history.push_back(make_event(to, ReferralActor::jobcenter, now, today, by_name, std::move(note)));
    record = std::move(next);
    return v;
}

// ---- for lists and indicators ----------------------------------------------------------------

std::optional<ReferralDates> referral_dates(const ReferralRecord& record) {
    if (!record.sent_on) return std::nullopt;
    ReferralDates d;
    d.kind = record.kind;
    d.municipality_code = record.municipality_code;
    d.sent_on = *record.sent_on;
    d.acknowledged_on = record.acknowledged_on;
    if (record.meeting) d.meeting_on = record.meeting->date;
    if (record.kind == ReferralKind::fast_track) {
        d.fast_track_requested_on = record.fast_track_requested_on;
        d.first_conversation_on = record.first_conversation_on;
    }
    return d;
}

std::string referral_subject(const ReferralRecord& record) {
    const char* key = record.kind == ReferralKind::fast_track ? "employee_name" : "employee_reference";
    if (!record.answers.is_object()) return {};
    auto it = record.answers.find(key);
    if (it == record.answers.end() || !it->is_string()) return {};
    return it->get<std::string>();
}

} // namespace naervaer
