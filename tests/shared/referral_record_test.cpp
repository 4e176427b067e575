// Referral records (fast-track referrals and contact requests to the jobcentre): a new draft, the
// employer's changes through sync (sending, withdrawing, what is locked, server-owned fields
// ignored), every status change of both sides, the jobcentre's actions and their dates, JSON round
// trip and decoding errors, and the service indicators of a referral to Jobcenter Herning. The
// templates and municipalities are the shipped files. Dates in comments are dd-mm-yyyy.
#include "naervaer/referral_record.hpp"

#include "assets_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace naervaer;
using naervaer::test::load_template;
using naervaer::test::read_asset;
using nlohmann::json;
using S = ReferralStatus;
using A = JobcenterAction;

namespace {

Date d(int y, int m, int day) {
    return *Date::from_ymd(y, m, day);
}

// Sent on Wed 16-04-2025 (the day before Skærtorsdag), to Jobcenter Herning (657), one of the 8
// West Jutland jobcentres of seed 001.
const Date today = d(2025, 4, 16);
const std::string now = "2025-04-16T08:30:00Z";
const ReferralEmployer acme{"org-1", "Nordlys Bageri ApS", "10000009"};

const Municipalities& municipalities() {
    static const Municipalities all = [] {
        auto parsed = parse_municipalities(read_asset("jobcenter/municipalities.json"));
        REQUIRE(parsed.ok());
        return *parsed.municipalities;
    }();
    return all;
}

const ServiceStandards& standards() {
    static const ServiceStandards all = [] {
        auto parsed = parse_service_standards(read_asset("jobcenter/service_standards.json"));
        REQUIRE(parsed.ok());
        return *parsed.standards;
    }();
    return all;
}

const FormTemplate& fast_track_form() {
    static const FormTemplate form = load_template("fast_track_referral.v1.json");
    return form;
}

const FormTemplate& contact_form() {
    static const FormTemplate form = load_template("contact_request.v1.json");
    return form;
}

// Every required answer of the fast-track form.
json fast_track_answers() {
    return {{"employee_name", "Søren Ærbø"},
            {"contact_name", "Hanne Østergaard"},
            {"contact_phone", "98 92 00 00"},
            {"first_sick_day", "2025-03-24"},
            {"expected_duration", "weeks_13_26"},
            {"employee_informed_on", "2025-04-14"},
            {"employee_informed_how", "in_person"}};
}

ReferralRecord fast_track_draft(json answers = fast_track_answers()) {
    ReferralRecord r = new_referral(fast_track_form(), ReferralKind::fast_track, "ref-1", "emp-1", "sp-1", "657");
    r.answers = std::move(answers);
    return r;
}

ReferralRecord contact_draft() {
    ReferralRecord r = new_referral(contact_form(), ReferralKind::contact_request, "ref-2", "", "", "657");
    r.answers = {{"contact_name", "Hanne Østergaard"},
                 {"contact_phone", "98 92 00 00"},
                 {"subject", "general"},
                 {"employee_reference", "S.Æ."},
                 {"situation", "En medarbejder har svært ved at løfte; hvad kan I tilbyde?"}};
    return r;
}

EmployerChange push(const ReferralRecord* before, const ReferralRecord& after, Date on = today) {
    return apply_employer_change(before, after, municipalities(), on, now, "Hanne Østergaard", acme);
}

// `draft` sent by the employer today (the push must succeed).
ReferralRecord send(ReferralRecord draft) {
    draft.status = S::sent;
    EmployerChange c = push(nullptr, draft);
    for (const auto& e : c.errors.errors())
        MESSAGE(e.field << ": " << e.code);
    REQUIRE(c.errors.ok());
    return c.stored;
}

// A valid input for each action.
JobcenterActionInput input(A action) {
    JobcenterActionInput in;
    in.action = action;
    switch (action) {
    case A::book_meeting: in.meeting = MeetingBooking{d(2025, 4, 22), "10:00", "Nordlys Bageri, Hjørring", "Søren, Hanne, konsulent"}; break;
    case A::answer: in.text = "Vi anbefaler en delvis raskmelding; ring på 96 28 00 00."; break;
    case A::first_conversation: in.date = today; break;
    case A::close: in.note = "Afsluttet efter mødet."; break;
    case A::acknowledge: break;
    }
    return in;
}

ValidationResult act(ReferralRecord& r, A action, Date on = today) {
    return apply_jobcenter_action(r, input(action), on, now, "Karin Jobcenter");
}

// A sent fast-track referral brought to `status` by the jobcentre's actions (draft: not sent).
ReferralRecord in_status(S status) {
    if (status == S::draft) return fast_track_draft();
    ReferralRecord r = send(fast_track_draft());
    switch (status) {
    case S::received: REQUIRE(act(r, A::acknowledge).ok()); break;
    case S::meeting_booked:
        REQUIRE(act(r, A::acknowledge).ok());
        REQUIRE(act(r, A::book_meeting).ok());
        break;
    case S::answered:
        REQUIRE(act(r, A::acknowledge).ok());
        REQUIRE(act(r, A::answer).ok());
        break;
    case S::closed: REQUIRE(act(r, A::close).ok()); break;
    default: break;
    }
    REQUIRE(r.status == status);
    return r;
}

bool has(const ValidationResult& v, std::string_view field, std::string_view code) {
    return v.has(field, code);
}

std::vector<std::string> fields_with(const ValidationResult& v, std::string_view code) {
    std::vector<std::string> out;
    for (const auto& e : v.errors())
        if (e.code == code) out.push_back(e.field);
    std::sort(out.begin(), out.end());
    return out;
}

const ServiceIndicator& indicator(const std::vector<ServiceIndicator>& all, std::string_view id) {
    auto it = std::find_if(all.begin(), all.end(), [&](const auto& i) { return i.id == id; });
    REQUIRE_MESSAGE(it != all.end(), "no indicator " << id);
    return *it;
}

const S all_statuses[] = {S::draft, S::sent, S::received, S::meeting_booked, S::answered, S::closed};

} // namespace

TEST_CASE("referral record: a new referral is a draft of its kind's template") {
    CHECK(template_id_of(ReferralKind::fast_track) == "fast_track_referral");
    CHECK(template_id_of(ReferralKind::contact_request) == "contact_request");
    const ReferralRecord r = new_referral(fast_track_form(), ReferralKind::fast_track, "ref-1", "emp-1", "sp-1", "657");
    CHECK(r.status == S::draft);
    CHECK(r.template_id == "fast_track_referral");
    CHECK(r.template_version == 1);
    CHECK(r.template_snapshot == template_snapshot(fast_track_form()));
    CHECK(r.answers == json::object());
    CHECK_FALSE(r.sent_on.has_value());
    CHECK(r.history.empty());
    CHECK(r.is_open());
    // An empty draft is valid: required answers count only once it is sent.
    CHECK(validate(r, municipalities(), today).ok());

    // The contact request's template for a fast-track kind: refused.
    ReferralRecord wrong = new_referral(contact_form(), ReferralKind::fast_track, "ref-1", "emp-1", "sp-1", "657");
    CHECK(has(validate(wrong, municipalities(), today), "template_id", "template_mismatch"));
    // A snapshot that does not match its template version.
    ReferralRecord version = r;
    version.template_version = 2;
    CHECK(has(validate(version, municipalities(), today), "template_version", "template_mismatch"));
}

TEST_CASE("referral record: required fields count only when it is sent") {
    // A draft with nothing answered is saved; sending it names every required field of the form.
    ReferralRecord empty = fast_track_draft(json::object());
    EmployerChange saved = push(nullptr, empty);
    CHECK(saved.errors.ok());
    CHECK_FALSE(saved.sent_now);

    ReferralRecord sending = empty;
    sending.status = S::sent;
    EmployerChange refused = push(&saved.stored, sending);
    CHECK_FALSE(refused.sent_now);
    CHECK(fields_with(refused.errors, "required") ==
          std::vector<std::string>{"contact_name", "contact_phone", "employee_informed_how", "employee_informed_on",
                                   "employee_name", "expected_duration", "first_sick_day"});

    // Answered, it is sent. A wrongly typed answer is refused even in a draft.
    sending.answers = fast_track_answers();
    CHECK(push(&saved.stored, sending).errors.ok());
    ReferralRecord bad = empty;
    bad.answers = {{"expected_duration", "weeks_99"}};
    CHECK_FALSE(push(nullptr, bad).errors.ok());
}

TEST_CASE("referral record: sending stamps the day, the employer and one event") {
    ReferralRecord draft = fast_track_draft();
    draft.fast_track_requested_on = d(2025, 4, 15);
    EmployerChange first = push(nullptr, draft);
    REQUIRE(first.errors.ok());
    ReferralRecord sending = first.stored;
    sending.status = S::sent;
    EmployerChange c = push(&first.stored, sending);
    REQUIRE(c.errors.ok());
    CHECK(c.sent_now);
    CHECK_FALSE(c.withdrawn_now);
    const ReferralRecord& s = c.stored;
    CHECK(s.status == S::sent);
    CHECK(s.sent_on == today);
    REQUIRE(s.employer.has_value());
    CHECK(s.employer->organisation_id == "org-1");
    CHECK(s.employer->name == "Nordlys Bageri ApS");
    CHECK(s.employer->cvr == "10000009");
    REQUIRE(s.history.size() == 1);
    CHECK(s.history[0] == ReferralEvent{S::sent, now, today, ReferralActor::employer, "Hanne Østergaard", ""});
    CHECK(s.fast_track_requested_on == d(2025, 4, 15));
    CHECK(s.answers == fast_track_answers());

    // A new record may be sent at once; it may not start anywhere else.
    CHECK(send(fast_track_draft()).history.size() == 1);
    for (S status : {S::received, S::meeting_booked, S::answered, S::closed}) {
        ReferralRecord r = fast_track_draft();
        r.status = status;
        CHECK(has(push(nullptr, r).errors, "status", "invalid_status"));
    }

    // The request date is not after today, and only a fast track has one.
    draft.fast_track_requested_on = d(2025, 4, 17);
    CHECK(has(push(nullptr, draft).errors, "fast_track_requested_on", "future_date"));
    ReferralRecord contact = contact_draft();
    contact.fast_track_requested_on = d(2025, 4, 15);
    CHECK(has(push(nullptr, contact).errors, "fast_track_requested_on", "not_fast_track"));
}

TEST_CASE("referral record: a client's values in server-owned fields are ignored") {
    // Sending with forged dates, answer, employer and history: the server's own values are stored.
    ReferralRecord forged = fast_track_draft();
    forged.status = S::sent;
    forged.sent_on = d(2025, 1, 1);
    forged.acknowledged_on = d(2025, 1, 2);
    forged.meeting = MeetingBooking{d(2025, 1, 3), "09:00", "X", "Y"};
    forged.first_conversation_on = d(2025, 1, 4);
    forged.answer = "Godkendt";
    forged.employer = ReferralEmployer{"org-9", "Another ApS", "12345674"};
    forged.history = {ReferralEvent{S::closed, "2025-01-01T00:00:00Z", d(2025, 1, 1), ReferralActor::jobcenter, "X", ""}};
    EmployerChange c = push(nullptr, forged);
    REQUIRE(c.errors.ok());
    CHECK(c.stored.sent_on == today);
    CHECK_FALSE(c.stored.acknowledged_on.has_value());
    CHECK_FALSE(c.stored.meeting.has_value());
    CHECK_FALSE(c.stored.first_conversation_on.has_value());
    CHECK(c.stored.answer.empty());
    CHECK(c.stored.employer->organisation_id == "org-1");
    REQUIRE(c.stored.history.size() == 1);
    CHECK(c.stored.history[0].status == S::sent);

    // A draft pushed with a forged sent_on stays a draft without one.
    ReferralRecord draft = fast_track_draft();
    draft.sent_on = d(2025, 1, 1);
    EmployerChange saved = push(nullptr, draft);
    REQUIRE(saved.errors.ok());
    CHECK_FALSE(saved.stored.sent_on.has_value());
    CHECK(validate(draft, municipalities(), today).has("sent_on", "not_on_draft"));

    // After the jobcentre's acknowledgement and meeting, the employer's stale copy (no meeting)
    // withdraws it: the jobcentre's values are kept.
    const ReferralRecord booked = in_status(S::meeting_booked);
    ReferralRecord stale = send(fast_track_draft());
    stale.status = S::closed;
    stale.answer = "Forged";
    EmployerChange withdrawn = push(&booked, stale, d(2025, 4, 17));
    REQUIRE(withdrawn.errors.ok());
    CHECK(withdrawn.stored.acknowledged_on == today);
    REQUIRE(withdrawn.stored.meeting.has_value());
    CHECK(withdrawn.stored.meeting->date == d(2025, 4, 22));
    CHECK(withdrawn.stored.answer.empty());
    CHECK(withdrawn.stored.history.size() == 4); // sent, received, meeting_booked, closed
}

TEST_CASE("referral record: what is fixed at creation and what is locked once sent") {
    const ReferralRecord draft = fast_track_draft();
    // A draft's answers, municipality and request date change freely.
    ReferralRecord edited = draft;
    edited.answers["limitations"] = "Kan ikke løfte over 5 kg.";
    edited.municipality_code = "661";
    edited.fast_track_requested_on = d(2025, 4, 14);
    CHECK(push(&draft, edited).errors.ok());
    // Kind, template, employee and case never change.
    ReferralRecord moved = draft;
    moved.employee_id = "emp-2";
    moved.spell_id = "sp-2";
    moved.template_version = 2;
    CHECK(fields_with(push(&draft, moved).errors, "locked") ==
          std::vector<std::string>{"employee_id", "spell_id", "template_version"});
    ReferralRecord other_kind = contact_draft();
    other_kind.id = draft.id;
    other_kind.employee_id = draft.employee_id;
    other_kind.spell_id = draft.spell_id;
    CHECK(has(push(&draft, other_kind).errors, "kind", "locked"));
    CHECK(has(push(&draft, other_kind).errors, "template_id", "locked"));
    CHECK(has(push(&draft, other_kind).errors, "template_snapshot", "locked"));
    CHECK_FALSE(has(push(&draft, other_kind).errors, "answers", "locked"));

    // Once sent, the form is what the jobcentre got.
    const ReferralRecord sent = send(draft);
    for (int change = 0; change < 3; ++change) {
        ReferralRecord after = sent;
        const char* field = change == 0 ? "answers" : change == 1 ? "municipality_code" : "fast_track_requested_on";
        if (change == 0) after.answers["limitations"] = "Ny tekst";
        if (change == 1) after.municipality_code = "661";
        if (change == 2) after.fast_track_requested_on = d(2025, 4, 15);
        CHECK_MESSAGE(has(push(&sent, after).errors, field, "locked"), field);
        // Not even together with a withdrawal.
        after.status = S::closed;
        CHECK_MESSAGE(has(push(&sent, after).errors, field, "locked"), field);
    }
    // A closed referral never changes: not its status, not its form.
    const ReferralRecord closed = in_status(S::closed);
    ReferralRecord reopened = closed;
    reopened.status = S::sent;
    CHECK(has(push(&closed, reopened).errors, "status", "locked"));
    ReferralRecord rewritten = closed;
    rewritten.answers["limitations"] = "Ny tekst";
    CHECK(has(push(&closed, rewritten).errors, "answers", "locked"));
    // The same closed record pushed again is no change.
    CHECK(push(&closed, closed).errors.ok());
}

TEST_CASE("referral record: every status change the employer may and may not make") {
    // Worked out from the status model (docs/referrals.md): a draft is sent (or stays a draft); a
    // sent referral is withdrawn (closed) from any open status, or left as the jobcentre set it;
    // closed is final.
    struct Row {
        S from;
        std::vector<S> allowed;
    };
    const Row rows[] = {
        {S::draft, {S::draft, S::sent}},
        {S::sent, {S::sent, S::closed}},
        {S::received, {S::received, S::closed}},
        {S::meeting_booked, {S::meeting_booked, S::closed}},
        {S::answered, {S::answered, S::closed}},
        {S::closed, {S::closed}},
    };
    for (const Row& row : rows) {
        const ReferralRecord before = in_status(row.from);
        for (S to : all_statuses) {
            ReferralRecord after = before;
            after.status = to;
            const EmployerChange c = push(&before, after);
            const bool allowed = std::find(row.allowed.begin(), row.allowed.end(), to) != row.allowed.end();
            INFO(to_string(row.from) << " -> " << to_string(to));
            CHECK(c.errors.ok() == allowed);
            if (allowed) {
                CHECK(c.stored.status == to);
                CHECK(c.sent_now == (row.from == S::draft && to == S::sent));
                CHECK(c.withdrawn_now == (row.from != S::closed && to == S::closed));
                // An event exactly when the status changed.
                CHECK(c.stored.history.size() == before.history.size() + (to != row.from ? 1 : 0));
            } else {
                CHECK(c.errors.has("status", row.from == S::closed ? "locked" : "invalid_transition"));
            }
        }
    }
}

TEST_CASE("referral record: withdrawing moves the note into the closing event, never stores it") {
    const ReferralRecord sent = send(fast_track_draft());
    ReferralRecord withdraw = sent;
    withdraw.status = S::closed;
    withdraw.withdraw_note = "Søren er tilbage på fuld tid.";
    EmployerChange c = push(&sent, withdraw, d(2025, 4, 18));
    REQUIRE(c.errors.ok());
    CHECK(c.withdrawn_now);
    CHECK_FALSE(c.stored.is_open());
    CHECK(c.stored.withdraw_note.empty());
    CHECK_FALSE(to_json(c.stored).contains("withdraw_note"));
    REQUIRE(c.stored.history.size() == 2);
    CHECK(c.stored.history[1] == ReferralEvent{S::closed, now, d(2025, 4, 18), ReferralActor::employer,
                                               "Hanne Østergaard", "Søren er tilbage på fuld tid."});

    // At most 1000 characters (counted in bytes, like every length limit of the records): 1001
    // are refused, 1000 accepted.
    withdraw.withdraw_note = std::string(1001, 'x');
    CHECK(has(push(&sent, withdraw).errors, "withdraw_note", "too_long"));
    withdraw.withdraw_note = std::string(1000, 'x');
    CHECK(push(&sent, withdraw).errors.ok());
    // A draft is deleted, never withdrawn.
    ReferralRecord draft = fast_track_draft();
    ReferralRecord closed_draft = draft;
    closed_draft.status = S::closed;
    CHECK(has(push(&draft, closed_draft).errors, "status", "invalid_transition"));
}

TEST_CASE("referral record: the municipality must exist, a draft may not know it yet") {
    ReferralRecord r = fast_track_draft();
    r.municipality_code = "999";
    CHECK(has(validate(r, municipalities(), today), "municipality_code", "unknown_municipality"));
    r.municipality_code = "";
    CHECK(validate(r, municipalities(), today).ok());
    r.status = S::sent;
    CHECK(has(push(nullptr, r).errors, "municipality_code", "required"));
    r.municipality_code = "411"; // Christiansø is run by the state: no municipality, no jobcentre
    CHECK(has(push(nullptr, r).errors, "municipality_code", "unknown_municipality"));
    r.municipality_code = "860"; // Hjørring
    CHECK(push(nullptr, r).errors.ok());
}

TEST_CASE("referral record: fast track names the employee and the case, a contact request need not") {
    ReferralRecord r = fast_track_draft();
    r.employee_id = "";
    r.spell_id = "";
    CHECK(fields_with(validate(r, municipalities(), today), "required") ==
          std::vector<std::string>{"employee_id", "spell_id"});
    r.employee_id = "emp 1";
    CHECK(has(validate(r, municipalities(), today), "employee_id", "invalid_id"));

    ReferralRecord contact = contact_draft();
    contact.status = S::sent;
    EmployerChange c = push(nullptr, contact);
    CHECK(c.errors.ok());
    CHECK(c.stored.employee_id.empty());
    // Its required answers: the contact, the subject and the situation.
    contact.answers = json::object();
    CHECK(fields_with(push(nullptr, contact).errors, "required") ==
          std::vector<std::string>{"contact_name", "contact_phone", "situation", "subject"});
}

TEST_CASE("jobcentre actions: every action from every status") {
    // Worked out from the header's rules and the status model: the resulting status, or refused.
    struct Row {
        S from;
        std::optional<S> acknowledge, book_meeting, answer, first_conversation, close;
    };
    const std::optional<S> no;
    const Row rows[] = {
        {S::draft, no, no, no, no, no},
        {S::sent, S::received, no, no, S::sent, S::closed},
        {S::received, no, S::meeting_booked, S::answered, S::received, S::closed},
        {S::meeting_booked, no, S::meeting_booked, S::answered, S::meeting_booked, S::closed},
        {S::answered, no, S::meeting_booked, S::answered, S::answered, S::closed},
        {S::closed, no, no, no, no, no},
    };
    for (const Row& row : rows) {
        const std::pair<A, std::optional<S>> cases[] = {{A::acknowledge, row.acknowledge},
                                                        {A::book_meeting, row.book_meeting},
                                                        {A::answer, row.answer},
                                                        {A::first_conversation, row.first_conversation},
                                                        {A::close, row.close}};
        for (const auto& [action, expected] : cases) {
            const ReferralRecord before = in_status(row.from);
            ReferralRecord r = before;
            INFO(to_string(row.from) << " + " << to_string(action));
            const ValidationResult v = act(r, action);
            CHECK(v.ok() == expected.has_value());
            if (expected) {
                CHECK(r.status == *expected);
                REQUIRE(r.history.size() == before.history.size() + 1);
                CHECK(r.history.back().status == *expected);
                CHECK(r.history.back().side == ReferralActor::jobcenter);
                CHECK(r.history.back().by_name == "Karin Jobcenter");
                CHECK(r.history.back().on == today);
                CHECK(r.history.back().at == now);
            } else {
                CHECK(v.has("action", "invalid_transition"));
                CHECK(to_json(r) == to_json(before)); // unchanged
            }
        }
    }
}

TEST_CASE("jobcentre actions: what each action records") {
    ReferralRecord r = send(fast_track_draft());
    REQUIRE(act(r, A::acknowledge, d(2025, 4, 16)).ok());
    CHECK(r.acknowledged_on == d(2025, 4, 16));

    REQUIRE(act(r, A::book_meeting).ok());
    REQUIRE(r.meeting.has_value());
    CHECK(r.meeting->place == "Nordlys Bageri, Hjørring");
    CHECK(r.history.back().note == "22-04-2025 10:00");
    // Moved: the status stays, the booking and the event carry the new date.
    JobcenterActionInput moved = input(A::book_meeting);
    moved.meeting->date = d(2025, 4, 24);
    moved.meeting->time = "";
    REQUIRE(apply_jobcenter_action(r, moved, today, now, "Karin Jobcenter").ok());
    CHECK(r.status == S::meeting_booked);
    CHECK(r.meeting->date == d(2025, 4, 24));
    CHECK(r.history.back().note == "24-04-2025");

    REQUIRE(act(r, A::answer).ok());
    CHECK(r.answer == "Vi anbefaler en delvis raskmelding; ring på 96 28 00 00.");
    JobcenterActionInput again = input(A::answer);
    again.text = "Rettet svar";
    REQUIRE(apply_jobcenter_action(r, again, today, now, "Karin Jobcenter").ok());
    CHECK(r.answer == "Rettet svar");

    REQUIRE(act(r, A::first_conversation).ok());
    CHECK(r.first_conversation_on == today);
    CHECK(r.status == S::answered);
    CHECK(r.history.back().status == S::answered);
    CHECK(r.history.back().note == "16-04-2025");

    REQUIRE(act(r, A::close).ok());
    CHECK(r.history.back().note == "Afsluttet efter mødet.");
    CHECK(validate(r, municipalities(), today).ok());
    // sent, received, meeting_booked, meeting_booked (moved), answered, answered (replaced),
    // answered (the first conversation), closed.
    CHECK(r.history.size() == 8);
}

TEST_CASE("jobcentre actions: dates before the referral was sent or in the future are refused") {
    // Sent Wed 16-04-2025.
    ReferralRecord r = in_status(S::received);
    JobcenterActionInput early = input(A::book_meeting);
    early.meeting->date = d(2025, 4, 15);
    const ValidationResult v = apply_jobcenter_action(r, early, today, now, "Karin Jobcenter");
    CHECK(v.has("meeting.date", "before_sent"));
    CHECK(r.status == S::received);
    early.meeting->date = d(2025, 4, 16); // the day it was sent is fine
    CHECK(apply_jobcenter_action(r, early, today, now, "Karin Jobcenter").ok());

    JobcenterActionInput bad = input(A::book_meeting);
    bad.meeting->time = "24:00";
    bad.meeting->place = " ";
    ReferralRecord r2 = in_status(S::received);
    const ValidationResult v2 = apply_jobcenter_action(r2, bad, today, now, "Karin Jobcenter");
    CHECK(v2.has("meeting.time", "invalid_time"));
    CHECK(v2.has("meeting.place", "required"));

    ReferralRecord f = in_status(S::received);
    JobcenterActionInput conversation = input(A::first_conversation);
    conversation.date = d(2025, 4, 15);
    CHECK(apply_jobcenter_action(f, conversation, today, now, "K").has("date", "before_sent"));
    conversation.date = d(2025, 4, 17);
    CHECK(apply_jobcenter_action(f, conversation, today, now, "K").has("date", "in_future"));
    CHECK_FALSE(f.first_conversation_on.has_value());

    ReferralRecord answer = in_status(S::received);
    JobcenterActionInput empty = input(A::answer);
    empty.text = "";
    CHECK(apply_jobcenter_action(answer, empty, today, now, "K").has("text", "required"));
    empty.text = std::string(4001, 'x');
    CHECK(apply_jobcenter_action(answer, empty, today, now, "K").has("text", "too_long"));
}

TEST_CASE("jobcentre actions: a contact request has no first conversation") {
    ReferralRecord r = send(contact_draft());
    REQUIRE(act(r, A::acknowledge).ok());
    CHECK(act(r, A::first_conversation).has("action", "not_fast_track"));
    CHECK_FALSE(r.first_conversation_on.has_value());
    ReferralRecord forged = r;
    forged.first_conversation_on = today;
    CHECK(validate(forged, municipalities(), today).has("first_conversation_on", "not_fast_track"));
}

TEST_CASE("jobcentre actions: decoding the request body is strict") {
    ValidationResult v;
    JobcenterActionInput in = decode_jobcenter_action(json::parse(R"({"action": "book_meeting", "meeting":
        {"date": "2025-04-22", "time": "10:00", "place": "Værkstedet", "participants": "Søren og Hanne"}})"), v);
    CHECK(v.ok());
    CHECK(in.action == A::book_meeting);
    REQUIRE(in.meeting.has_value());
    CHECK(in.meeting->date == d(2025, 4, 22));
    CHECK(in.meeting->place == "Værkstedet");

    const auto errors_of = [](const char* text) {
        ValidationResult e;
        decode_jobcenter_action(json::parse(text), e);
        return e;
    };
    CHECK(errors_of(R"({})").has("action", "required"));
    CHECK(errors_of(R"({"action": "approve"})").has("action", "unknown_value"));
    CHECK(errors_of(R"({"action": 3})").has("action", "type"));
    CHECK(errors_of(R"([])").has("data", "type"));
    CHECK(errors_of(R"({"action": "acknowledge", "note": "x"})").has("note", "unknown_key"));
    CHECK(errors_of(R"({"action": "answer"})").has("text", "required"));
    CHECK(errors_of(R"({"action": "answer", "text": 5})").has("text", "type"));
    CHECK(errors_of(R"({"action": "book_meeting"})").has("meeting", "required"));
    CHECK(errors_of(R"({"action": "book_meeting", "meeting": "tomorrow"})").has("meeting", "type"));
    CHECK(errors_of(R"({"action": "book_meeting", "meeting": {"date": "2025-04-22"}})").has("meeting.place", "required"));
    CHECK(errors_of(R"({"action": "first_conversation"})").has("date", "required"));
    CHECK(errors_of(R"({"action": "first_conversation", "date": "22-04-2025"})").has("date", "invalid_date"));
    CHECK(errors_of(R"({"action": "close"})").ok());
    CHECK(errors_of(R"({"action": "close", "note": "Forkert kommune"})").ok());
    for (A a : {A::acknowledge, A::book_meeting, A::answer, A::first_conversation, A::close})
        CHECK(jobcenter_action_from_string(to_string(a)) == a);
}

TEST_CASE("referral record: JSON round trip keeps every field and Danish text") {
    ReferralRecord r = in_status(S::meeting_booked);
    REQUIRE(act(r, A::answer).ok());
    REQUIRE(act(r, A::first_conversation).ok());
    r.withdraw_note = "Trukket tilbage: Søren er rask igen.";
    const json j = to_json(r);
    CHECK(j["id"] == "ref-1");
    CHECK(j["kind"] == "fast_track");
    CHECK(j["status"] == "answered");
    CHECK(j["sent_on"] == "2025-04-16");
    CHECK(j["meeting"]["place"] == "Nordlys Bageri, Hjørring");
    CHECK(j["history"][0]["side"] == "employer");
    CHECK(j["history"][1]["side"] == "jobcenter");
    CHECK(j["employer"]["cvr"] == "10000009");
    CHECK(j["fast_track_requested_on"].is_null());

    ValidationResult errors;
    const ReferralRecord back = decode_referral(json::parse(j.dump()), "ref-1", errors);
    CHECK(errors.ok());
    CHECK(to_json(back) == j);
    CHECK(back.answers["employee_name"] == "Søren Ærbø");
    CHECK(back.meeting == r.meeting);
    CHECK(back.history == r.history);
    CHECK(back.withdraw_note == "Trukket tilbage: Søren er rask igen.");

    // A draft: absent server fields are null on the wire and absent again after decoding.
    const json draft = to_json(fast_track_draft());
    CHECK(draft["sent_on"].is_null());
    CHECK(draft["employer"].is_null());
    ValidationResult e2;
    const ReferralRecord draft_back = decode_referral(draft, "ref-1", e2);
    CHECK(e2.ok());
    CHECK(to_json(draft_back) == draft);
}

TEST_CASE("referral record: decoding wrong types gives type errors with their paths") {
    json j = to_json(in_status(S::meeting_booked));
    j["kind"] = 1;
    j["template_version"] = "1";
    j["answers"] = json::array();
    j["sent_on"] = 20250416;
    j["meeting"]["date"] = 5;
    j["employer"] = "Nordlys";
    j["history"][1]["on"] = true;
    j["history"][0]["note"] = json::object();
    ValidationResult errors;
    decode_referral(j, "ref-1", errors);
    for (const char* path : {"kind", "template_version", "answers", "sent_on", "meeting.date", "employer",
                             "history[1].on", "history[0].note"})
        CHECK_MESSAGE(errors.has(path, "type"), path);

    json k = to_json(fast_track_draft());
    k["history"] = json::object();
    k["status"] = "booked";
    k.erase("template_id");
    k["meeting"] = json::array();
    ValidationResult e2;
    decode_referral(k, "ref-1", e2);
    CHECK(e2.has("history", "type"));
    CHECK(e2.has("status", "unknown_value"));
    CHECK(e2.has("template_id", "required"));
    CHECK(e2.has("meeting", "type"));

    json l = to_json(in_status(S::sent));
    l["history"][0].erase("status");
    l["history"][0]["side"] = "municipality";
    ValidationResult e3;
    decode_referral(l, "ref-1", e3);
    CHECK(e3.has("history[0].status", "required"));
    CHECK(e3.has("history[0].side", "unknown_value"));

    ValidationResult e4;
    decode_referral(json::parse("[1, 2]"), "ref-1", e4);
    CHECK(e4.has("data", "type"));
}

TEST_CASE("referral record: indicators of a Herning fast track sent on Wed 16-04-2025") {
    // docs/referrals.md: sent Wed 16-04-2025 to Herning (657, West Jutland): acknowledged the same
    // day, a meeting within 5 working days = Mon 28-04-2025 (Skærtorsdag 17-04, Langfredag 18-04
    // and 2. påskedag 21-04 skipped), the legal first conversation 14 days after the request.
    CHECK_FALSE(referral_dates(fast_track_draft()).has_value()); // a draft has none

    ReferralRecord r = send(fast_track_draft());
    auto dates = referral_dates(r);
    REQUIRE(dates.has_value());
    CHECK(dates->kind == ReferralKind::fast_track);
    CHECK(dates->municipality_code == "657");
    CHECK(dates->sent_on == d(2025, 4, 16));
    CHECK_FALSE(dates->acknowledged_on.has_value());
    CHECK_FALSE(dates->meeting_on.has_value());

    // Not acknowledged by Tue 22-04: overdue; no request date given: the conversation is due
    // 16-04 + 14 = Wed 30-04-2025.
    auto before = service_indicators(*dates, d(2025, 4, 22), standards());
    CHECK(indicator(before, "acknowledged_same_working_day").status == IndicatorStatus::overdue);
    CHECK(indicator(before, "meeting_within_5_working_days").due == d(2025, 4, 28));
    CHECK(indicator(before, "first_conversation_within_2_weeks").due == d(2025, 4, 30));

    // Acknowledged the same day, a meeting booked for Mon 28-04, the conversation held Tue 29-04,
    // and the request was made in NemRefusion on Tue 15-04: due 15-04 + 14 = Tue 29-04-2025.
    ReferralRecord requested = fast_track_draft();
    requested.fast_track_requested_on = d(2025, 4, 15);
    r = send(requested);
    REQUIRE(act(r, A::acknowledge).ok());
    JobcenterActionInput meeting = input(A::book_meeting);
    meeting.meeting->date = d(2025, 4, 28);
    REQUIRE(apply_jobcenter_action(r, meeting, today, now, "Karin Jobcenter").ok());
    JobcenterActionInput held = input(A::first_conversation);
    held.date = d(2025, 4, 29);
    REQUIRE(apply_jobcenter_action(r, held, d(2025, 4, 29), now, "Karin Jobcenter").ok());
    dates = referral_dates(r);
    REQUIRE(dates.has_value());
    CHECK(dates->acknowledged_on == d(2025, 4, 16));
    CHECK(dates->meeting_on == d(2025, 4, 28));
    CHECK(dates->fast_track_requested_on == d(2025, 4, 15));
    CHECK(dates->first_conversation_on == d(2025, 4, 29));
    const auto after = service_indicators(*dates, d(2025, 4, 29), standards());
    CHECK(indicator(after, "acknowledged_same_working_day").status == IndicatorStatus::met);
    CHECK(indicator(after, "meeting_within_5_working_days").status == IndicatorStatus::met);
    const auto& legal = indicator(after, "first_conversation_within_2_weeks");
    CHECK(legal.due == d(2025, 4, 29));
    CHECK(legal.status == IndicatorStatus::met);

    // A contact request to Herning: the two promises, no legal conversation.
    ReferralRecord contact = send(contact_draft());
    auto contact_dates = referral_dates(contact);
    REQUIRE(contact_dates.has_value());
    CHECK(contact_dates->kind == ReferralKind::contact_request);
    CHECK(service_indicators(*contact_dates, today, standards()).size() == 2);
}

TEST_CASE("referral record: who it is about, for lists") {
    CHECK(referral_subject(fast_track_draft()) == "Søren Ærbø");
    CHECK(referral_subject(contact_draft()) == "S.Æ.");
    CHECK(referral_subject(fast_track_draft(json::object())).empty());
    ReferralRecord odd = contact_draft();
    odd.answers["employee_reference"] = 7; // not text: nothing
    CHECK(referral_subject(odd).empty());
}
