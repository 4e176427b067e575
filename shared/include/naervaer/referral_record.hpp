#pragma once
// A fast-track referral or a contact request as a record (record type "referral", docs/referrals.md):
// the form it was filled with (snapshot, labels included) and its answers, where it goes (the
// municipality whose jobcentre receives it), its status and the history of status changes, and what
// the jobcentre added (acknowledgement, booked meeting, answer, the first conversation).
//
// Two sides change a referral:
// - the employer (admin or HR of the organisation) through sync: a draft changes freely; sending
//   (draft -> sent) demands a complete form; after that the employer may only withdraw it
//   (-> closed, with an optional note). apply_employer_change decides and returns what is stored.
// - the jobcentre's consultant through the jobcentre API: one action at a time
//   (apply_jobcenter_action).
// Both append to `history`, which only the server writes: whatever a client sends there, or in the
// other server-owned fields, is replaced by the stored value. Nothing here throws.
#include "naervaer/date.hpp"
#include "naervaer/form_template.hpp"
#include "naervaer/municipalities.hpp"
#include "naervaer/referral.hpp"
#include "naervaer/validation.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace naervaer {

// The template each kind is filled with (assets/templates).
inline constexpr std::string_view fast_track_template_id = "fast_track_referral";
inline constexpr std::string_view contact_request_template_id = "contact_request";
std::string_view template_id_of(ReferralKind kind);

// One status change, as the server recorded it.
struct ReferralEvent {
    ReferralStatus status = ReferralStatus::sent; // the status entered
    std::string at;                               // ISO 8601 UTC timestamp, server clock
    Date on;                                      // the day in Denmark
    ReferralActor side = ReferralActor::employer; // wire "employer" / "jobcenter"
    std::string by_name;                          // the user's name at the time
    std::string note;                             // optional, at most 1000 characters
};
bool operator==(const ReferralEvent& a, const ReferralEvent& b);

// A round-table meeting the jobcentre booked.
struct MeetingBooking {
    Date date;
    std::string time;         // "HH:MM" (24 h) or "" when not fixed
    std::string place;        // required, at most 200 characters
    std::string participants; // required, at most 1000 characters
};
bool operator==(const MeetingBooking& a, const MeetingBooking& b);

// The employer as the jobcentre sees it, stamped by the server when the referral is sent.
struct ReferralEmployer {
    std::string organisation_id;
    std::string name;
    std::string cvr;
};

struct ReferralRecord {
    std::string id;
    ReferralKind kind = ReferralKind::fast_track;
    // Fast track: the employee and the case (absence spell), both required. Contact request: both
    // optional ("" = about nobody in particular, or an employee not yet sick); never a CPR number.
    std::string employee_id;
    std::string spell_id;
    std::string municipality_code; // 3 digits: the jobcentre it goes to (route_referral)
    std::string template_id;
    int template_version = 1;
    nlohmann::json template_snapshot = nlohmann::json::object(); // template_snapshot(form)
    nlohmann::json answers = nlohmann::json::object();
    ReferralStatus status = ReferralStatus::draft;
    // Fast track: the day the employer made the request in NemRefusion (the legal request date the
    // case timeline records); the employer sets it when sending, not after today, not before the
    // case. Absent on contact requests.
    std::optional<Date> fast_track_requested_on;

    // ---- server-owned (stamped by the server; a client's values are ignored) ----
    std::optional<Date> sent_on;         // the Danish day it reached the jobcentre's inbox
    std::optional<Date> acknowledged_on; // status received
    std::optional<MeetingBooking> meeting;
    std::optional<Date> first_conversation_on; // the municipality's first follow-up conversation held
    std::string answer;                        // the jobcentre's answer, at most 4000 characters
    std::optional<ReferralEmployer> employer;  // stamped when sent
    std::vector<ReferralEvent> history;        // oldest first

    // Transient: the employer's reason when withdrawing (wire "withdraw_note", optional, at most 1000
    // characters). apply_employer_change moves it into the closing event; it is never stored.
    std::string withdraw_note;

    bool is_open() const { return status != ReferralStatus::closed; }
};

// A new draft of `form` (the kind's template), answers empty.
ReferralRecord new_referral(const FormTemplate& form, ReferralKind kind, std::string id, std::string employee_id,
                            std::string spell_id, std::string municipality_code);

nlohmann::json to_json(const ReferralEvent&);
nlohmann::json to_json(const MeetingBooking&);
nlohmann::json to_json(const ReferralRecord&);
// Checks presence and JSON types field by field ("type" / "required" with paths such as
// "meeting.date", "history[0].on"); never throws.
ReferralRecord decode_referral(const nlohmann::json& data, std::string id, ValidationResult& errors);
MeetingBooking decode_meeting_booking(const nlohmann::json& data, ValidationResult& errors,
                                      std::string_view path = "meeting");

// Domain rules of one version: kind and template id agree (template_id_of); the snapshot parses and
// matches template_id/version; the answers validate against the snapshot (required fields only
// once the referral is not a draft); a known municipality code ("municipality_code"
// "unknown_municipality"; "required" once sent, a draft may not know it yet); fast track names an
// employee and a case ("required"); contact requests have no fast_track_requested_on or
// first_conversation_on ("not_fast_track"); a draft has no server-owned fields ("not_on_draft"), a
// sent one has sent_on and employer ("required"); the jobcentre's days not before sent_on
// ("before_sent"), acknowledged_on / first_conversation_on not after `today` ("in_future");
// lengths; meeting time "HH:MM" ("invalid_time"); fast_track_requested_on not after `today`
// ("future_date").
ValidationResult validate(const ReferralRecord&, const Municipalities& municipalities, Date today);

// The employer's push of `after` over `before` (nothing: a new record). On success `stored` is what
// the server keeps: `after`'s employer-owned fields, the server-owned fields of `before` (or empty),
// `sent_on` = `today` and an event when it is sent, an event when it is withdrawn (with `after.withdraw_note`), `employer` stamped from `who` when sent.
// Errors (field, code):
//   - a new record must be "draft" or "sent" ("status" "invalid_status");
//   - kind, template id/version/snapshot, employee and case never change once created ("locked");
//   - after sending, only the status may change, and only to closed ("locked" on a changed field,
//     "status" "invalid_transition" per can_change_status(…, employer));
//   - a closed referral never changes ("locked");
//   - validate(stored, municipalities, today): the record as it would be stored, so a client's
//     values in server-owned fields are ignored, never refused; plus the withdraw note's length.
// The fast-track window (fast_track_eligibility) needs the case and the rule sets; the server checks
// it separately when a fast-track referral is sent.
struct EmployerChange {
    ValidationResult errors;
    ReferralRecord stored; // what to store; meaningful only when `errors` is empty
    bool sent_now = false;      // draft -> sent in this change
    bool withdrawn_now = false; // -> closed in this change
};
EmployerChange apply_employer_change(const ReferralRecord* before, const ReferralRecord& after,
                                     const Municipalities& municipalities, Date today, const std::string& now,
                                     const std::string& by_name, const ReferralEmployer& who);


// ---- the jobcentre's actions ----------------------------------------------------------------------

enum class JobcenterAction { acknowledge, book_meeting, answer, first_conversation, close };
std::string_view to_string(JobcenterAction a);
std::optional<JobcenterAction> jobcenter_action_from_string(std::string_view s);

// Body of POST /api/v1/jobcenter/referrals/{id}/actions:
//   {"action": "acknowledge"}
//   {"action": "book_meeting", "meeting": {"date": "2026-11-30", "time": "10:00", "place": "...",
//    "participants": "..."}}
//   {"action": "answer", "text": "..."}            text required, at most 4000 characters
//   {"action": "first_conversation", "date": "2026-11-25"}
//   {"action": "close", "note": "..."}             note optional, at most 1000 characters
struct JobcenterActionInput {
    JobcenterAction action = JobcenterAction::acknowledge;
    std::optional<MeetingBooking> meeting;
    std::string text;
    std::optional<Date> date;
    std::string note;
};
// Strict: unknown keys ("unknown_key", also a key of another action), wrong types, a missing action
// or its missing parts are errors.
JobcenterActionInput decode_jobcenter_action(const nlohmann::json& body, ValidationResult& errors);

// Applies one action to a sent referral (a draft is never seen by the jobcentre):
//   acknowledge:        sent -> received, acknowledged_on = today;
//   book_meeting:       received | answered -> meeting_booked, or a booked meeting moved (status
//                       kept); the event's note is the date (and time) "dd-mm-åååå HH:MM"; the
//                       date not before sent_on;
//   answer:             received | meeting_booked | answered -> answered, `answer` replaced (a
//                       sent referral is acknowledged first);
//   first_conversation: fast track only, any open status; date from sent_on to today; no status
//                       change (an event is still written, with the status unchanged and the
//                       date "dd-mm-åååå" as its note);
//   close:              any open status -> closed (note in the event).
// Errors: "action" "invalid_transition" (not allowed from the status, or the referral is closed),
// "meeting.date" / "date" "before_sent" / "in_future", "action" "not_fast_track".
ValidationResult apply_jobcenter_action(ReferralRecord& record, const JobcenterActionInput& input, Date today,
                                        const std::string& now, const std::string& by_name);

// The dates the service indicators are computed from (service_indicators in referral.hpp);
// requires sent_on (a draft has no indicators: returns nothing).
std::optional<ReferralDates> referral_dates(const ReferralRecord& record);

// Who the referral is about, for lists: the fast-track form's employee_name, the contact request's
// employee_reference, or "" when none was given.
std::string referral_subject(const ReferralRecord& record);

} // namespace naervaer
