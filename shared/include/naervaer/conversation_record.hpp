#pragma once
// A filled-in conversation (record type "conversation_record"): the template it was filled with as a
// snapshot (labels included), the answers, the meeting date, and once the employee has seen it, the
// sign-off. A signed record is locked: its answers change only through an amendment that says who,
// when, why and what the fields held before. The locking rules are pure functions here so the
// server (which refuses) and the client (which builds amendments) apply the same ones
// (docs/forms.md, "Conversation records"). Nothing here throws.
#include "naervaer/date.hpp"
#include "naervaer/form_template.hpp"
#include "naervaer/validation.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace naervaer {

enum class ConversationStatus { draft, signed_off };
std::string_view to_string(ConversationStatus s); // "draft", "signed"
std::optional<ConversationStatus> conversation_status_from_string(std::string_view s);

// The employee's sign-off as the leader records it (the paper or the screen the employee signed).
// `agreed` false: the employee signed that they saw the record but disagree, and says why in
// `comment`.
struct SignOff {
    std::string employee_name;
    Date date;
    bool agreed = true;
    std::string comment;     // optional when agreed, required when not
    std::string recorded_by; // user id of who recorded it
    std::string recorded_by_name;
};
bool operator==(const SignOff& a, const SignOff& b);

// A change to a signed record's answers.
struct Amendment {
    std::string at; // ISO 8601 timestamp, "2026-03-09T10:15:00Z" (or with an offset)
    std::string by; // user id
    std::string by_name;
    std::string reason;               // required, at most 1000 characters
    std::vector<std::string> changed; // field ids whose answers changed
    nlohmann::json answers_before;    // field id -> previous answer (null: was not answered)
};
bool operator==(const Amendment& a, const Amendment& b);

struct ConversationRecord {
    std::string id;
    std::string employee_id;
    std::string spell_id; // the case (absence spell)
    std::string template_id;
    int template_version = 1;
    nlohmann::json template_snapshot = nlohmann::json::object(); // template_snapshot(form)
    nlohmann::json answers = nlohmann::json::object();           // FormAnswers
    Date held_on;                                                // the meeting date
    ConversationStatus status = ConversationStatus::draft;
    std::optional<SignOff> sign_off;   // set exactly when signed
    std::vector<Amendment> amendments; // oldest first; only on signed records

    bool is_signed() const { return status == ConversationStatus::signed_off; }
};

// A new draft of `form` for a case, answers empty.
ConversationRecord new_conversation_record(const FormTemplate& form, std::string id, std::string employee_id,
                                           std::string spell_id, Date held_on);

nlohmann::json to_json(const ConversationRecord&);
// Checks presence and JSON types field by field ("type" / "required" with paths such as
// "sign_off.date", "amendments[1].changed"); never throws.
ConversationRecord decode_conversation_record(const nlohmann::json& data, std::string id,
                                              ValidationResult& errors);

// Domain rules. The snapshot must parse and match template_id/version; the answers are checked
// against the snapshot with validate_answers (their errors keep the engine's field paths, e.g.
// "agreements[0].due"). Required fields count only for a signed record: a draft may be incomplete,
// so signing (status "signed") is what demands a complete form. held_on not after today; a signed
// record has a sign_off (date from held_on to today), a draft has none and no amendments;
// amendments well-formed (timestamp, who, reason, changed ids of the snapshot, answers_before
// holding exactly the changed ids).
ValidationResult validate(const ConversationRecord&, Date today);

// The field ids whose answers differ (absent and null count as the same), sorted.
std::vector<std::string> answer_difference(const nlohmann::json& before, const nlohmann::json& after);

// Whether `after` may replace `before` (same record id): validate(after, today) plus the locking
// rules. A draft changes freely (and may be signed: status "signed" with a sign_off, validation
// passing). Once signed: status, template (id, version, snapshot), employee, spell, held_on and
// sign_off never change ("locked"); earlier amendments never change or go
// ("amendments_append_only"); changed answers need exactly one new amendment
// ("amendment_required", "one_amendment") whose changed ids and answers_before match the actual
// difference ("amendment_mismatch").
using ChangeCheck = ValidationResult;
ChangeCheck check_change(const ConversationRecord& before, const ConversationRecord& after, Date today);

// The client's way to change a signed record: `before` with `new_answers` and one amendment
// appended that lists the difference and the previous values. With no difference, `before`
// unchanged (no empty amendment).
ConversationRecord make_amendment(const ConversationRecord& before, const nlohmann::json& new_answers,
                                  std::string reason, std::string by, std::string by_name, std::string at);

// ---- what a record means for its case -------------------------------------------------------

// An agreement row that becomes a to-do: key "<spell id>/agreement/<record id>/<row index>",
// where the row index counts the rows of the snapshot's agreement fields in form order (one
// agreement field: its row index). Only signed records' agreements count: a draft is not yet
// agreed.
struct AgreementTodo {
    std::string key;
    std::string spell_id;
    std::string employee_id;
    std::string record_id;
    std::size_t row = 0;
    Agreement agreement; // field id, text, owner, due (extract_agreements)
};
std::string agreement_todo_key(std::string_view spell_id, std::string_view record_id, std::size_t row);
// Parses the record's snapshot, then as below; nothing when the snapshot does not parse.
std::vector<AgreementTodo> agreement_todos(const ConversationRecord& record);
// With the snapshot already parsed (`form` is the record's template: the caller vouches that it is
// what the snapshot parses to, e.g. from a cache by template id and version as compute_todos
// keeps). Parses nothing.
std::vector<AgreementTodo> agreement_todos(const ConversationRecord& record, const FormTemplate& form);

// "Enter once" across a case: prefill_answers for `form` from the case's records (newest first,
// drafts included: what was typed once is not asked again), each with its own snapshot.
nlohmann::json prefill_from_records(const FormTemplate& form,
                                    std::span<const ConversationRecord> newest_first,
                                    const nlohmann::json& answers = nlohmann::json::object());

// The rule-set rule a record meets (the snapshot's meets_rule) and the day it was met (held_on),
// for a signed record only: a draft may be written before the meeting; the sign-off (agreed or not)
// shows the conversation took place. Nothing when unsigned, the template meets no rule, or the
// snapshot does not parse.
struct RuleMet {
    std::string rule_id;
    Date on;
};
std::optional<RuleMet> met_rule(const ConversationRecord& record);
// With the snapshot already parsed (see agreement_todos): form.meets_rule, for a signed record.
std::optional<RuleMet> met_rule(const ConversationRecord& record, const FormTemplate& form);

} // namespace naervaer
