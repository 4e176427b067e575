// The demo organisation: "Vendsyssel Emballage ApS" in Hjørring (the municipality whose alert
// rules seed 003 describes), four departments, 30 employees, a year of absence history and a few
// conversation records. Deterministic for a given day; every spell, to-do mark and conversation
// record passes the same validation a user's would.
#include "demo/demo_seed.hpp"

#include "naervaer/calendar.hpp"
#include "naervaer/conversation_record.hpp"
#include "naervaer/identifiers.hpp"
#include "naervaer/server/demo.hpp"
#include "naervaer/referral_record.hpp"
#include "naervaer/todos.hpp"
#include "services/alert_defaults.hpp"
#include "services/referral_sync.hpp"
#include "services/shipped_templates.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <span>
#include <cstdint>
#include <string>
#include <vector>

namespace naervaer::server::demo {

namespace {

constexpr const char* organisation_id = "org_demo";
constexpr const char* cvr = "38172948"; // passes the modulus-11 check

// The demo HR user, who marked the held conversation below.
constexpr const char* hr_user_id = "u_demo_hr";
constexpr const char* hr_user_name = "Henriette Bach";
// The demo team leader (Produktion and Lager), who held and recorded the demo's conversations.
constexpr const char* leader_user_id = "u_demo_leder";
constexpr const char* leader_user_name = "Bent Kristiansen";

struct DemoEmployee {
    const char* name;
    int department; // index into department_ids
    double weekly_hours;
    const char* cpr; // "" when not registered
    // Who pays during the employer period; decides the NemRefusion deadline (SDL § 40).
    NemRefusionPayer payer = NemRefusionPayer::wages;
};

constexpr std::array<const char*, 4> department_names = {"Produktion", "Lager", "Kundeservice", "Administration"};

constexpr std::array<DemoEmployee, 30> employees = {{
    {"Søren Kjær", 0, 37, "120385-1234"},
    {"Mette Bøgh Frederiksen", 0, 37, ""},
    {"Jens Ærenlund", 0, 37, ""},
    {"Anne-Mette Højgaard", 0, 30, ""},
    {"Lars Østergaard", 0, 37, "050779-2468"},
    {"Birthe Lønborg", 0, 25, ""},
    {"Mikkel Sørensen", 0, 37, ""},
    {"Hanne Kløve", 0, 37, ""},
    {"Thomas Bækgaard", 0, 37, ""},
    {"Line Mølgaard", 0, 32, ""},
    {"Jørgen Dalsgaard", 1, 37, "", NemRefusionPayer::benefit}, // the employer pays sickness benefit
    {"Pia Skærbæk", 1, 37, "230991-1357"},
    {"Kasper Nørgaard", 1, 37, ""},
    {"Susanne Åkjær", 1, 20, ""},
    {"Rasmus Brøndum", 1, 37, ""},
    {"Louise Fæster", 1, 37, ""},
    {"Niels Ørum", 1, 37, ""},
    {"Camilla Søgaard", 2, 37, ""},
    {"Henrik Læsø", 2, 37, ""},
    {"Maja Grønbæk", 2, 30, ""},
    {"Frederik Kjærsgaard", 2, 37, ""},
    {"Ida Højer", 2, 25, ""},
    {"Peter Ålbæk", 2, 37, ""},
    {"Sofie Bjørnholt", 2, 37, ""},
    {"Karen Møller", 3, 37, "011266-4820"},
    {"Ole Sæderup", 3, 37, ""},
    {"Tina Strøm", 3, 32, ""},
    {"Morten Bøje", 3, 37, "", NemRefusionPayer::none}, // the employer pays neither
    {"Gitte Vestergård", 3, 37, ""},
    {"Anders Krøyer", 3, 37, ""},
}};

// Where the employees live (the jobcentre a referral about them goes to): most in Hjørring (860),
// demo-emp-08, -15 and -29 in Frederikshavn (813), demo-emp-22 and -26 in Herning (657).
std::string home_municipality_of(int index) {
    if (index == 21 || index == 25) return "657";
    if (index == 7 || index == 14 || index == 28) return "813";
    return "860";
}

// The ongoing cases a demo should show.
struct OngoingSpell {
    int employee;
    int days_ago;
    AbsenceKind kind;
    bool partial;
    double hours_worked;
    int expected_back_in_days; // 0: not known
    bool long_term;
    const char* note;
    int conversation_held_on_day = 0; // the absence conversation marked held (by HR) on this day; 0: not
};

// Demo employees 01-10 work in Produktion, 11-17 in Lager (the team leader's departments).
constexpr std::array<OngoingSpell, 7> ongoing = {{
    // Not expected back within 8 weeks: the fast-track referral case (SDL § 7c).
    {1, 45, AbsenceKind::sickness, false, 0, 0, true, "Forventes ikke tilbage inden for 8 uger."},
    // Partial return (delvis raskmelding) with 20 of 37 hours worked.
    {11, 12, AbsenceKind::sickness, true, 20, 14, false, "Arbejder 4 timer om dagen, ingen tunge løft."},
    {18, 3, AbsenceKind::sickness, false, 0, 2, false, ""},
    // Day 24: the absence conversation is due within 4 weeks of the first sick day (SDL § 7a).
    {4, 24, AbsenceKind::sickness, false, 0, 0, false, ""},
    {25, 8, AbsenceKind::work_injury, false, 0, 10, false, "Arbejdsskade anmeldt."},
    // Lager, day 17, not expected back within 8 weeks, payer benefit: the team leader's open
    // to-dos of a new long case. Conversation due first + 28 = today + 12; fast-track window
    // until first + 34 = today + 18; NemRefusion (benefit) first + 36 = today + 20.
    {10, 16, AbsenceKind::sickness, false, 0, 0, true, "Forventes ikke tilbage inden for 8 uger."},
    // Produktion, day 39, back in 9 days: the conversation (due first + 28 = today - 10) was held
    // on day 20 and marked by HR, so it is no longer a to-do.
    {3, 38, AbsenceKind::sickness, false, 0, 9, false, "Aftalt gradvis tilbagevenden.", 20},
}};

// A small deterministic generator (LCG), so the demo is the same on every machine.
class Sequence {
public:
    explicit Sequence(uint32_t seed) : state_(seed) {}
    int next(int bound) {
        state_ = state_ * 1664525u + 1013904223u;
        return static_cast<int>((state_ >> 8) % static_cast<uint32_t>(bound));
    }

private:
    uint32_t state_;
};

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

void put(Transaction& tx, const std::string& type, const std::string& id, nlohmann::json data,
         std::optional<std::string> scope, std::optional<std::string> employee_id, const std::string& now,
         const std::string& by) {
    RecordWrite w;
    w.type = type;
    w.id = id;
    w.updated_at = now;
    w.updated_by = by;
    w.data = std::move(data);
    w.scope_department = std::move(scope);
    w.employee_id = std::move(employee_id);
    tx.put_record(organisation_id, w);
}

// A to-do marked done by HR on `done_on`, as the demo's history.
bool put_mark(Transaction& tx, const std::string& todo_key, const std::string& employee_id, Date done_on,
              std::string note, const std::string& scope, Date today, const std::string& now) {
    TodoDone mark;
    mark.todo_key = todo_key;
    mark.id = todo_done_record_id(mark.todo_key);
    mark.employee_id = employee_id;
    mark.done_on = done_on;
    mark.note = std::move(note);
    mark.done_by = hr_user_id;
    mark.done_by_name = hr_user_name;
    if (!validate(mark, today).ok()) return false;
    put(tx, std::string(record_type::todo_done), mark.id, to_json(mark), scope, employee_id, now, hr_user_id);
    return true;
}

// HR's mark that the spell's absence conversation (SDL § 7 a) was held on day `day`; its key, or
// "" when the mark was refused.
std::string put_conversation_held(Transaction& tx, const AbsenceSpell& spell, int day, const std::string& scope,
                                  Date today, const std::string& now) {
    std::string key = deadline_todo_key(spell.id, "absence_conversation");
    const bool written = put_mark(tx, key, spell.employee_id, spell.first_day.plus_days(day - 1),
                                  "Holdt på kontoret. Medarbejderen forventer at starte på nedsat tid.", scope,
                                  today, now);
    return written ? key : std::string();
}

// A kept organisation: every to-do that fell due more than a week before today was dealt with on
// time (on its date, or the working day before a weekend or holiday), so a newcomer's home screen
// shows this week's work and a few recent misses, not a year of history. Agreements of the signed
// conversation records are to-dos like the others; a signed record that meets a step (the absence
// conversation) completes it on its meeting day.
void mark_history_done(Transaction& tx, std::span<const Employee> employees,
                       const std::map<std::string, std::vector<AbsenceSpell>>& spells, DoneMarks& marks,
                       const RecordsBySpell& records, Date today, const std::string& now) {
    const std::vector<RuleSet> rule_sets = embedded_rule_sets();
    const AlertSettings alerts = embedded_alert_defaults();
    TodoInput input;
    input.rule_sets = rule_sets;
    input.alerts = &alerts;
    input.employees = employees;
    input.spells_by_employee = &spells;
    input.marks = &marks;
    input.records = &records;
    input.today = today;
    for (const Todo& todo : compute_todos(input)) {
        if (todo.due > today.plus_days(-8)) continue;
        const char* note = todo.source == TodoSource::alert ? "Kontakt taget." : "";
        put_mark(tx, todo.key, todo.employee_id, todo.suggested_date.value_or(todo.due), note, todo.department_id,
                 today, now);
    }
}

// ---- conversation records ----------------------------------------------------------------------

nlohmann::json agreement(const char* text, const char* owner, Date due) {
    return {{"text", text}, {"owner", owner}, {"due", due.iso()}};
}

// A record of `template_id` filled with `answers`, written by the team leader; signed by the
// employee on `signed_on` when given. Written only when it passes validate_answers against the
// shipped template and the record rules a push must pass (conversation_record.hpp); returns it then.
std::optional<ConversationRecord> put_conversation(Transaction& tx, const ShippedTemplates& templates,
                                                   const char* template_id, const std::string& id,
                                                   const AbsenceSpell& spell, const std::string& employee_name,
                                                   const std::string& scope, Date held_on, nlohmann::json answers,
                                                   std::optional<Date> signed_on, Date today, const std::string& now) {
    const FormTemplate* form = templates.find(template_id, 1);
    if (!form) return std::nullopt;
    ConversationRecord record = new_conversation_record(*form, id, spell.employee_id, spell.id, held_on);
    record.answers = apply_defaults(*form, answers, today);
    if (signed_on) {
        record.status = ConversationStatus::signed_off;
        record.sign_off = SignOff{employee_name, *signed_on, true, "", leader_user_id, leader_user_name};
    }
    // A draft may be incomplete; a signed record answers every required question.
    ValidationResult answers_check = validate_answers(*form, record.answers, today);
    const bool answers_ok = record.is_signed() ? answers_check.ok()
                                               : std::none_of(answers_check.errors().begin(), answers_check.errors().end(),
                                                              [](const FieldError& e) { return e.code != "required"; });
    if (!answers_ok || !validate(record, today).ok()) return std::nullopt;
    put(tx, std::string(record_type::conversation_record), record.id, to_json(record), scope, spell.employee_id, now,
        leader_user_id);
    return record;
}

// The team leader's documented conversations: demo-emp-02's long case (Produktion, day 46, not
// expected back within 8 weeks) has a signed absence conversation held on day 20, within the 4 weeks
// of SDL § 7 a (its agreements fell due 12 and 19 days ago, so the kept history marks them done),
// and a signed round table 6 days ago where the employee and the leader placed the employee on
// different steps, with one agreement due in 4 days and the follow-up 4 weeks after the meeting.
// demo-emp-11's new long case (Lager, day 17) has a contact note still in draft.
RecordsBySpell put_conversations(Transaction& tx, const std::map<std::string, AbsenceSpell>& ongoing_case_of,
                                 const std::map<std::string, const Employee*>& employee_of, Date today,
                                 const std::string& now) {
    RecordsBySpell records;
    const ShippedTemplates templates = embedded_templates();
    const auto keep = [&](std::optional<ConversationRecord> record) {
        if (record) records[record->spell_id].push_back(std::move(*record));
    };

    if (const auto it = ongoing_case_of.find("demo-emp-02"); it != ongoing_case_of.end()) {
        const AbsenceSpell& spell = it->second;
        const Employee& employee = *employee_of.at(spell.employee_id);
        const Date conversation_day = spell.first_day.plus_days(19); // day 20
        keep(put_conversation(
            tx, templates, "absence_conversation", "demo-conv-1001", spell, employee.name, employee.department_id,
            conversation_day,
            {{"meeting_date", conversation_day.iso()},
             {"form", "in_person"},
             {"participants", "Mette Bøgh Frederiksen, Bent Kristiansen"},
             {"return_how_when", "Mette forventer ikke at være tilbage inden for 8 uger. Hun vil gerne starte på "
                                 "nedsat tid med lette opgaver, så snart det er muligt."},
             {"gradual_return", true},
             {"gradual_return_plan", "Først 3 dage om ugen med 4 timer og kun opgaver uden tunge løft."},
             {"limitations", "Kan ikke stå ved maskinen en hel vagt og kan ikke løfte mere end 10 kg."},
             {"adjustments", nlohmann::json::array({{{"text", "Hæve-sænkebord ved pakkebordet"}},
                                                    {{"text", "Pauser efter behov"}}})},
             {"tasks", nlohmann::json::array({{{"text", "Kvalitetskontrol ved pakkelinjen"}, {"column", "can"}},
                                              {{"text", "Maskinbetjening"}, {"column", "with_adjustment"}},
                                              {{"text", "Palletering"}, {"column", "cannot"}}})},
             {"work_from_home", "not_possible"},
             {"opportunity_statement", true},
             {"agreements",
              nlohmann::json::array({agreement("Mette beder lægen udfylde mulighedserklæringens del 2",
                                               "Mette Bøgh Frederiksen", today.plus_days(-12)),
                                     agreement("Bent finder lettere opgaver i pakkeriet", leader_user_name,
                                               today.plus_days(-19))})},
             {"next_contact", today.plus_days(-12).iso()}},
            conversation_day, today, now));

        const Date meeting = today.plus_days(-6);
        keep(put_conversation(
            tx, templates, "round_table", "demo-conv-1002", spell, employee.name, employee.department_id, meeting,
            {{"meeting_date", meeting.iso()},
             {"participants", "Mette Bøgh Frederiksen, Bent Kristiansen, fastholdelseskonsulent fra Jobcenter Hjørring"},
             // Where each party places the employee: two steps apart, so the round table shows a mismatch.
             {"placement_employee", "temporarily_unable"},
             {"placement_employer", "partly_fit"},
             {"understanding_note", "Mette oplever, at hun endnu ikke kan arbejde. Bent ser muligheder i "
                                    "kvalitetskontrollen på nedsat tid. Vi er enige om at starte forsigtigt."},
             {"plan", "Mette starter på 10 timer om ugen med kvalitetskontrol og trapper op til fuld tid over 8 uger."},
             {"tasks", nlohmann::json::array({{{"text", "Kvalitetskontrol ved pakkelinjen"}, {"column", "can"}},
                                              {{"text", "Palletering"}, {"column", "cannot"}}})},
             {"adjustments", nlohmann::json::array({{{"text", "Hæve-sænkebord ved pakkebordet"}}})},
             {"schedule", {{"normal_hours", 37},
                           {"weeks", nlohmann::json::array({{{"week", 1}, {"hours", 10}},
                                                            {{"week", 3}, {"hours", 16}},
                                                            {{"week", 5}, {"hours", 24}},
                                                            {{"week", 8}, {"hours", 37}}})}}},
             {"agreements", nlohmann::json::array({agreement("Bent laver en arbejdsplan for de første fire uger",
                                                             leader_user_name, today.plus_days(4))})}},
            meeting, today, now));
    }

    if (const auto it = ongoing_case_of.find("demo-emp-11"); it != ongoing_case_of.end()) {
        const AbsenceSpell& spell = it->second;
        const Employee& employee = *employee_of.at(spell.employee_id);
        const Date contact = today.plus_days(-2);
        // A draft: the next contact is not agreed yet.
        keep(put_conversation(
            tx, templates, "contact_note", "demo-conv-1003", spell, employee.name, employee.department_id,
            contact,
            {{"contact_date", contact.iso()},
             {"contact_form", "phone"},
             {"initiated_by", "employer"},
             {"status", "Jørgen vil gerne høre om muligheden for at komme tilbage på nedsat tid."},
             {"expected_duration", "Mindst 8 uger"},
             {"options_discussed", nlohmann::json::array({"partial_return", "fast_track"})}},
            std::nullopt, today, now));
    }
    return records;
}

// ---- the jobcentres and the referrals -------------------------------------------------------------

struct DemoConsultant {
    std::string_view org_id;
    const char* code;
    std::string_view email;
    const char* user_id;
    const char* name;
};
constexpr std::array<DemoConsultant, 2> consultants = {{
    {jobcenter_hjoerring_id, "860", consultant_hjoerring_email, "u_demo_konsulent_860", "Karina Thomsen"},
    {jobcenter_herning_id, "657", consultant_herning_email, "u_demo_konsulent_657", "Jesper Lund"},
}};

// Jobcenter Hjørring and Jobcenter Herning, one consultant each.
void insert_jobcenters(Transaction& tx, const PasswordHasher& hasher, const std::string& now) {
    const Municipalities& municipalities = referral_assets().municipalities;
    for (const DemoConsultant& c : consultants) {
        const Municipality* m = municipalities.find_by_code(c.code);
        if (!m) continue;
        tx.insert_organisation({std::string(c.org_id), m->jobcenter, "", m->name}, now, OrganisationKind::jobcenter);
        UserRow row;
        row.org_id = std::string(c.org_id);
        row.user.id = c.user_id;
        row.user.email = std::string(c.email);
        row.user.name = c.name;
        row.user.role = Role::consultant;
        row.user.municipality_code = c.code;
        row.password_hash = hasher.hash(consultant_password);
        tx.insert_user(row, now);
    }
}

// A server timestamp on a past day (the history of a referral made before today).
std::string at(Date day, const char* time) { return day.iso() + "T" + time + ":00Z"; }

// What a referral's writes need: the employer stamp, the assets, the employer's scope.
struct ReferralWriter {
    Transaction& tx;
    const Municipalities& municipalities;
    ReferralEmployer employer{organisation_id, std::string(organisation_name), cvr};
    Date today;

    // HR sends `referral` on `sent_on` (apply_employer_change, as a push would); nothing when
    // refused.
    std::optional<ReferralRecord> send(ReferralRecord referral, Date sent_on) {
        referral.status = ReferralStatus::sent;
        EmployerChange change =
            apply_employer_change(nullptr, referral, municipalities, sent_on, at(sent_on, "08:40"), hr_user_name, employer);
        if (!change.errors.ok() || !change.sent_now) return std::nullopt;
        return std::move(change.stored);
    }
    // The consultant's action on `day`; false when refused.
    bool act(ReferralRecord& referral, JobcenterActionInput input, Date day, const char* time,
             const DemoConsultant& by) {
        return apply_jobcenter_action(referral, input, day, at(day, time), by.name).ok();
    }
    // Stored as the last writer left it, with its inbox row, when it passes validation today.
    bool put_referral(const ReferralRecord& referral, const std::optional<std::string>& scope, const std::string& by,
                      const std::string& updated_at) {
        if (!validate(referral, municipalities, today).ok()) return false;
        RecordWrite w;
        w.type = std::string(record_type::referral);
        w.id = referral.id;
        w.updated_at = updated_at;
        w.updated_by = by;
        w.data = to_json(referral);
        w.scope_department = scope;
        if (!referral.employee_id.empty()) w.employee_id = referral.employee_id;
        tx.put_record(organisation_id, w);
        if (const auto row = inbox_row_of(organisation_id, referral.id, referral, updated_at)) tx.upsert_inbox(*row);
        return true;
    }
};

MeetingBooking meeting_at(Date date, const char* time, const char* place, const char* participants) {
    MeetingBooking m;
    m.date = date;
    m.time = time;
    m.place = place;
    m.participants = participants;
    return m;
}

// The fast-track request of the demo: its case's window to-do is marked done on the request day, as
// the client does when it sends one.
struct FastTrackRequest {
    std::string todo_key;
    std::string employee_id;
    std::string department_id;
    Date requested_on;
};

// The demo's referrals (docs/referrals.md); the fast-track request when it was written.
std::optional<FastTrackRequest> put_referrals(Transaction& tx, const std::map<std::string, AbsenceSpell>& ongoing_case_of,
                          const std::map<std::string, const Employee*>& employee_of, Date today,
                          const std::string& now) {
    const ShippedTemplates templates = embedded_templates();
    const FormTemplate* fast_track_form = templates.find(fast_track_template_id, 1);
    const FormTemplate* contact_form = templates.find(contact_request_template_id, 1);
    if (!fast_track_form || !contact_form) return std::nullopt;
    ReferralWriter writer{tx, referral_assets().municipalities, {}, today};
    writer.employer = {organisation_id, std::string(organisation_name), cvr};
    const DemoConsultant& hjoerring = consultants[0];
    std::optional<FastTrackRequest> fast_track;

    // 1. demo-emp-11's new long case (Lager, day 17, not expected back within 8 weeks): after the
    //    phone call two days ago (the contact note), HR asked for fast track yesterday, well within
    //    the 5 weeks; Jobcenter Hjørring acknowledged it the same day and booked a round table at
    //    the workplace. The municipality's first conversation (within 2 weeks) is still to come.
    if (const auto it = ongoing_case_of.find("demo-emp-11"); it != ongoing_case_of.end()) {
        const AbsenceSpell& spell = it->second;
        const Employee& employee = *employee_of.at(spell.employee_id);
        const Date requested = today.plus_days(-1);
        ReferralRecord referral = new_referral(*fast_track_form, ReferralKind::fast_track,
                                               std::string(fast_track_referral_id), spell.employee_id, spell.id,
                                               employee.home_municipality);
        referral.answers = apply_defaults(
            *fast_track_form,
            {{"employee_name", employee.name},
             {"job_title", "Lagermedarbejder"},
             {"contact_name", hr_user_name},
             {"contact_role", "HR-partner"},
             {"contact_phone", "98 12 34 56"},
             {"contact_email", "hr@demo.naervaer.dk"},
             {"first_sick_day", spell.first_day.iso()},
             {"partial", false},
             {"expected_duration", "weeks_13_26"},
             {"tasks", nlohmann::json::array({{{"text", "Plukning af ordrer"}, {"column", "with_adjustment"}},
                                              {{"text", "Kontrol af varemodtagelse"}, {"column", "can"}},
                                              {{"text", "Truckkørsel"}, {"column", "cannot"}}})},
             {"limitations", "Kan ikke løfte tungt eller køre truck i en hel vagt."},
             {"affected_since", "Siden første sygedag"},
             {"work_adapted", false},
             {"workplace_offers", nlohmann::json::array({"partial_return", "reduced_hours", "other_tasks"})},
             {"other_tasks", "Kontrol af varemodtagelse og registrering ved skranken."},
             {"employee_informed_on", requested.iso()},
             {"employee_informed_how", "phone"},
             {"employee_view", "Jørgen vil gerne tilbage på nedsat tid og ønsker hjælp fra jobcentret."}},
            requested);
        referral.fast_track_requested_on = requested;
        if (auto sent = writer.send(std::move(referral), requested)) {
            JobcenterActionInput acknowledge;
            acknowledge.action = JobcenterAction::acknowledge;
            JobcenterActionInput book;
            book.action = JobcenterAction::book_meeting;
            book.meeting = meeting_at(add_working_days(requested, 3), "10:00", "Vendsyssel Emballage, mødelokale 1",
                                      "Jørgen Dalsgaard, Bent Kristiansen, Karina Thomsen (Jobcenter Hjørring)");
            const bool ok = writer.act(*sent, acknowledge, requested, "11:15", hjoerring) &&
                            writer.act(*sent, book, requested, "14:30", hjoerring);
            if (ok && writer.put_referral(*sent, employee.department_id, "u_demo_konsulent_860", at(requested, "14:30")))
                fast_track = FastTrackRequest{deadline_todo_key(spell.id, "fast_track_window"), spell.employee_id,
                                              employee.department_id, requested};
        }
    }

    // 2. A contact request to Jobcenter Herning about demo-emp-26 (lives in Herning, not sick):
    //    sent on the last working day before today and not acknowledged, so its "acknowledged the
    //    same working day" indicator is overdue where Herning promised one.
    if (const auto it = employee_of.find("demo-emp-26"); it != employee_of.end()) {
        const Employee& employee = *it->second;
        const Date sent_on = working_day_on_or_before(today.plus_days(-1));
        ReferralRecord referral = new_referral(*contact_form, ReferralKind::contact_request,
                                               std::string(herning_contact_request_id), employee.id, "",
                                               employee.home_municipality);
        referral.answers = apply_defaults(
            *contact_form,
            {{"contact_name", hr_user_name},
             {"contact_phone", "98 12 34 56"},
             {"subject", "at_risk"},
             {"services", nlohmann::json::array({"talk", "retention_plan_help"})},
             {"employee_reference", "Ole"},
             {"employee_agrees", true},
             {"situation", "Ole har haft flere korte fravær det seneste halve år og fortæller, at arbejdet "
                           "ved skærmen er blevet svært. Vi vil gerne tale om, hvad vi kan gøre, før han "
                           "bliver sygemeldt."},
             {"preferred_contact", "phone"},
             {"best_times", "Hverdage 9-12"}},
            sent_on);
        if (auto sent = writer.send(std::move(referral), sent_on))
            writer.put_referral(*sent, employee.department_id, hr_user_id, at(sent_on, "08:40"));
    }

    // 3. A general question to Jobcenter Hjørring about nobody in particular, a month ago:
    //    acknowledged, answered and closed by the jobcentre. No scope: admin and HR only.
    {
        const Date sent_on = working_day_on_or_before(today.plus_days(-30));
        ReferralRecord referral = new_referral(*contact_form, ReferralKind::contact_request,
                                               std::string(closed_contact_request_id), "", "", "860");
        referral.answers = apply_defaults(
            *contact_form,
            {{"contact_name", hr_user_name},
             {"contact_phone", "98 12 34 56"},
             {"subject", "general"},
             {"services", nlohmann::json::array({"information"})},
             {"situation", "Vi vil gerne høre, hvad jobcentret kan tilbyde virksomheder, der vil fastholde "
                           "sygemeldte medarbejdere."},
             {"preferred_contact", "email"}},
            sent_on);
        if (auto sent = writer.send(std::move(referral), sent_on)) {
            JobcenterActionInput acknowledge;
            acknowledge.action = JobcenterAction::acknowledge;
            JobcenterActionInput answer;
            answer.action = JobcenterAction::answer;
            answer.text = "Tak for henvendelsen. Vi sender jer vores servicekatalog og ringer gerne for at "
                          "aftale et informationsbesøg.";
            JobcenterActionInput close;
            close.action = JobcenterAction::close;
            close.note = "Besvaret på e-mail.";
            const Date closed_on = add_working_days(sent_on, 2);
            if (writer.act(*sent, acknowledge, sent_on, "10:05", hjoerring) &&
                writer.act(*sent, answer, add_working_days(sent_on, 1), "13:20", hjoerring) &&
                writer.act(*sent, close, closed_on, "09:00", hjoerring))
                writer.put_referral(*sent, std::nullopt, "u_demo_konsulent_860", at(closed_on, "09:00"));
        }
    }
    (void)now;
    return fast_track;
}

} // namespace

void insert_demo_users(Transaction& tx, const PasswordHasher& hasher, const std::string& org_id,
                       const std::string& now) {
    struct DemoUser {
        const char* id;
        std::string_view email;
        std::string_view password;
        const char* name;
        Role role;
    };
    const std::array<DemoUser, 3> users = {{
        {"u_demo_admin", admin_email, admin_password, "Annette Vestergaard", Role::admin},
        {hr_user_id, hr_email, hr_password, hr_user_name, Role::hr},
        {leader_user_id, leader_email, leader_password, leader_user_name, Role::team_leader},
    }};
    for (const DemoUser& u : users) {
        UserRow row;
        row.org_id = org_id;
        row.user.id = u.id;
        row.user.email = std::string(u.email);
        row.user.name = u.name;
        row.user.role = u.role;
        if (u.role == Role::team_leader) {
            for (const auto department : leader_department_ids) row.user.department_ids.emplace_back(department);
        }
        row.password_hash = hasher.hash(u.password);
        tx.insert_user(row, now);
    }
}

bool seed_if_empty(Store& store, const PasswordHasher& hasher, Date today, const std::string& now) {
    auto tx = store.write();
    if (tx->count_organisations() > 0) return false;
    tx->insert_organisation({organisation_id, std::string(organisation_name), cvr, "Hjørring"}, now);
    insert_demo_users(*tx, hasher, organisation_id, now);
    const std::string by = "u_demo_admin";

    for (std::size_t d = 0; d < department_ids.size(); ++d) {
        put(*tx, std::string(record_type::department), std::string(department_ids[d]),
            to_json(Department{std::string(department_ids[d]), department_names[d]}), std::nullopt, std::nullopt,
            now, by);
    }

    Sequence random(20240601);
    int spell_number = 0;
    std::vector<Employee> all_employees;
    std::map<std::string, std::vector<AbsenceSpell>> all_spells;
    std::map<std::string, AbsenceSpell> ongoing_case_of; // employee id -> the ongoing case
    DoneMarks marks;
    for (std::size_t i = 0; i < employees.size(); ++i) {
        const DemoEmployee& source = employees[i];
        const int index = static_cast<int>(i);
        Employee employee;
        employee.id = "demo-emp-" + two_digits(index + 1);
        employee.name = source.name;
        employee.employee_number = std::to_string(1001 + index);
        employee.department_id = std::string(department_ids[static_cast<std::size_t>(source.department)]);
        // The last employee is a new hire (two months), the rest joined 1 to 9 years ago.
        employee.employment_start =
            today.plus_days(i + 1 == employees.size() ? -60 : -(400 + (index * 97) % 3000));
        employee.weekly_hours = source.weekly_hours;
        employee.cpr = normalize_cpr(source.cpr);
        employee.nemrefusion_payer = source.payer;
        employee.home_municipality = home_municipality_of(index);
        const std::string scope = employee.department_id;
        put(*tx, std::string(record_type::employee), employee.id, to_json(employee), scope, std::nullopt, now, by);

        std::vector<AbsenceSpell> spells;
        const auto add_spell = [&](AbsenceSpell spell) {
            spell.id = "demo-spell-" + std::to_string(1000 + ++spell_number);
            spell.employee_id = employee.id;
            if (!validate(spell, &employee, spells).ok()) return false;
            put(*tx, std::string(record_type::absence_spell), spell.id, to_json(spell), scope, employee.id, now, by);
            spells.push_back(spell);
            return true;
        };

        Date history_end = today.plus_days(-20 - random.next(40));
        for (const OngoingSpell& o : ongoing) {
            if (o.employee != index) continue;
            AbsenceSpell spell;
            spell.first_day = today.plus_days(-o.days_ago);
            spell.kind = o.kind;
            spell.partial = o.partial;
            spell.hours_worked_per_week = o.hours_worked;
            if (o.expected_back_in_days > 0) spell.expected_return = today.plus_days(o.expected_back_in_days);
            spell.not_expected_back_within_8_weeks = o.long_term;
            spell.note = o.note;
            if (add_spell(spell)) {
                ongoing_case_of[employee.id] = spells.back();
                if (o.conversation_held_on_day > 0) {
                    // Known to the history below, which must not mark the same step again.
                    const std::string key =
                        put_conversation_held(*tx, spells.back(), o.conversation_held_on_day, scope, today, now);
                    if (!key.empty()) marks[key].todo_key = key;
                }
            }
            history_end = spell.first_day.plus_days(-30 - random.next(30));
        }

        // Past spells, newest first, with gaps of weeks to months between them.
        const int past = i + 1 == employees.size() ? 0 : 1 + random.next(4);
        Date last_day = history_end;
        for (int k = 0; k < past; ++k) {
            AbsenceSpell spell;
            const int roll = random.next(10);
            int length = 1 + random.next(5);
            if (roll == 0) {
                spell.kind = AbsenceKind::child_first_sick_day;
                length = 1;
            } else if (roll == 1) {
                spell.kind = AbsenceKind::work_injury;
                length = 3 + random.next(10);
            } else if (roll == 2) {
                length = 15 + random.next(25); // a longer absence, closed
            }
            spell.first_day = last_day.plus_days(-(length - 1));
            spell.last_day = last_day;
            if (spell.first_day < employee.employment_start) break;
            add_spell(spell);
            last_day = spell.first_day.plus_days(-(20 + random.next(90)));
        }
        all_spells[employee.id] = std::move(spells);
        all_employees.push_back(std::move(employee));
    }
    std::map<std::string, const Employee*> employee_of;
    for (const Employee& e : all_employees) employee_of[e.id] = &e;
    const RecordsBySpell records = put_conversations(*tx, ongoing_case_of, employee_of, today, now);
    insert_jobcenters(*tx, hasher, now);
    // The fast-track request is marked on its day, as the client does when it sends one (the
    // history below must not mark the same step again).
    if (const auto fast_track = put_referrals(*tx, ongoing_case_of, employee_of, today, now)) {
        if (put_mark(*tx, fast_track->todo_key, fast_track->employee_id, fast_track->requested_on, "",
                     fast_track->department_id, today, now))
            marks[fast_track->todo_key].todo_key = fast_track->todo_key;
    }
    mark_history_done(*tx, all_employees, all_spells, marks, records, today, now);
    tx->commit();
    return true;
}

} // namespace naervaer::server::demo
