#pragma once
// The organisation's sickness absence policy (docs/policy.md). An admin answers a questionnaire
// (assets/templates/policy_questionnaire.v1.json, a form template); the draft is assembled from a
// clause library (assets/policy/clauses.json, Danish and English, each clause with its legal
// basis); any section can be replaced by free text; versions are drafts until an admin approves
// one, which is then immutable; two versions compare section by section, word by word; and the
// approved policy's thresholds become the organisation's alert choices (alerts.hpp).
// Pure computation: no I/O, nothing throws (the wasm build has no exceptions).
#include "naervaer/alerts.hpp"
#include "naervaer/date.hpp"
#include "naervaer/form_template.hpp"
#include "naervaer/records.hpp"
#include "naervaer/validation.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace naervaer {

// ---- the clause library (assets/policy/clauses.json) -------------------------------------------

// Where a clause comes from: a law and its section ("Sygedagpengeloven § 7 a"), or "Praksis" when
// law.md names no section, with `source` saying where the practice or fact comes from (for the
// developers who maintain the file; documents print only the reference).
struct PolicyLegalBasis {
    std::string id;
    std::string ref_da, ref_en;
    std::string source;
};

// A condition on the questionnaire's answers. A field hidden by its show_if counts as not answered.
//   {"field": "fast_track", "equals": true}        yes/no, option id or whole number
//   {"field": "jobcenter_name", "answered": true}  answered (non-empty) or, with false, not
//   {"all": [...]}, {"any": [...]}, {"not": {...}}
struct ClauseCondition {
    enum class Kind { equals, answered, all, any, negation };
    Kind kind = Kind::equals;
    std::string field;
    nlohmann::json value;                  // equals: true/false, an option id or an integer
    bool answered = true;                  // answered: must be answered (true) or not (false)
    std::vector<ClauseCondition> children; // all, any; negation has exactly one
};

// A paragraph of the policy. Its text may hold placeholders filled from the answers:
// {{field}} (text as written, a choice's label, a scale's number, a date as dd-mm-åååå) and
// {{field|lower}} (the same with its first letter in lower case, unless the word is an
// abbreviation such as "HR").
struct PolicyClause {
    std::string id;
    std::string section;
    std::optional<ClauseCondition> condition; // none: always included
    std::string text_da, text_en;
    std::vector<std::string> legal_basis; // ids of ClauseLibrary::legal_bases
};

struct PolicySectionDef {
    std::string id;
    std::string title_da, title_en;
};

struct ClauseLibrary {
    std::string id;
    int version = 1;
    std::string questionnaire_id; // the form template the conditions and placeholders read
    int questionnaire_version = 1;
    std::string title_da, title_en; // with placeholders, e.g. "Sygefraværspolitik for {{organisation_name}}"
    std::vector<PolicyLegalBasis> legal_bases;
    std::vector<PolicySectionDef> sections; // the fixed order of the document
    std::vector<PolicyClause> clauses;      // within a section, in this order

    const PolicySectionDef* find_section(std::string_view section_id) const;
    const PolicyLegalBasis* find_basis(std::string_view basis_id) const;
    const PolicyClause* find_clause(std::string_view clause_id) const;
};

struct ClauseLibraryParse {
    std::optional<ClauseLibrary> library; // set only when `errors` is empty
    std::vector<std::string> errors;      // "clauses[3].condition.any[1].field: is required"
    bool ok() const { return library.has_value(); }
};
// Strict: unknown keys, duplicate ids, a clause naming an unknown section or legal basis, a
// missing Danish or English text, an unclosed or malformed placeholder and a malformed condition
// are errors with their path.
ClauseLibraryParse parse_clause_library(std::string_view json_text);

// The library against the questionnaire it names: the template's id and version, every condition's
// field (an answerable field; `equals` fitting its type: true/false for yes/no, an option id for a
// choice, a whole number in range for a scale) and every placeholder's field (not an info block,
// task list, schedule, staircase or signature). Errors for developers, with paths.
std::vector<std::string> check_clause_library(const ClauseLibrary& library,
                                              const FormTemplate& questionnaire);

// Does the condition hold for these answers?
bool condition_holds(const ClauseCondition& condition, const FormTemplate& questionnaire,
                     const nlohmann::json& answers);

// ---- the assembled document ---------------------------------------------------------------------

// A section's text replaced by the user's own. `base_text` is the generated text the edit was made
// from: when re-assembly generates something else (the answers changed), the section is marked
// `edit_outdated` so the user can look again; the edit itself is kept.
struct PolicyEdit {
    std::string section_id;
    std::string text; // paragraphs separated by a blank line
    std::string base_text;
};
bool operator==(const PolicyEdit& a, const PolicyEdit& b);

struct PolicySection {
    std::string id;
    int number = 0; // 1, 2, ...: the sections present, in the library's order
    std::string title;
    std::vector<std::string> paragraphs;
    std::vector<std::string> legal_basis; // references in the document's language, each once
    std::vector<std::string> clause_ids;  // the clauses it was assembled from
    bool edited = false;                  // the paragraphs are the user's text
    bool edit_outdated = false;           // edited, and the generated text has changed since
};
bool operator==(const PolicySection& a, const PolicySection& b);

struct PolicyDocument {
    std::string language = "da"; // "da" or "en"
    std::string title;
    std::vector<PolicySection> sections;
    // Placeholders whose field has no answer (each field once, in order of appearance); the text
    // shows "[<the field's label>]" in their place. Approval requires none.
    std::vector<std::string> unfilled;
    // Edits of sections that are not in the document (their clauses no longer apply). They stay in
    // the version, so nothing typed is lost; the client says so.
    std::vector<std::string> unused_edits;

    const PolicySection* find(std::string_view section_id) const;
};
bool operator==(const PolicyDocument& a, const PolicyDocument& b);

// The document for `answers` in `language` ("da" or "en"; anything else is Danish): every clause
// whose condition holds, placeholders filled, grouped by section in the library's order and
// numbered 1, 2, ... leaving out sections without clauses; then each edit replaces its section's
// paragraphs (marked edited).
PolicyDocument assemble_policy(const ClauseLibrary& library, const FormTemplate& questionnaire,
                               const nlohmann::json& answers, std::string_view language,
                               std::span<const PolicyEdit> edits = {});

// A section's text: its paragraphs separated by a blank line.
std::string section_text(const PolicySection& section);
// Text into paragraphs: split at blank lines, "\r\n" read as "\n", each paragraph trimmed of
// surrounding white space, empty ones dropped. Single line breaks stay inside a paragraph.
std::vector<std::string> split_paragraphs(std::string_view text);

// The edits after the user set a section's text. `generated` is the document assembled without
// edits (its section text is the edit's base). Text equal to the generated text (after
// split_paragraphs) removes the section's edit; a section not in `generated` leaves the edits as
// they are.
std::vector<PolicyEdit> set_section_text(std::vector<PolicyEdit> edits, const PolicyDocument& generated,
                                         std::string_view section_id, std::string_view text);
// The edits without the section's edit (back to the generated text).
std::vector<PolicyEdit> revert_section(std::vector<PolicyEdit> edits, std::string_view section_id);

nlohmann::json to_json(const PolicyDocument& document);

// ---- errors of versions --------------------------------------------------------------------------

// Field errors like ValidationResult, with the policy's own codes (Danish and English messages in
// policy.cpp) and the shared catalogue's for the rest (required, type, too_long, ...).
class PolicyCheck {
  public:
    bool ok() const { return errors_.empty(); }
    const std::vector<FieldError>& errors() const { return errors_; }
    void add(std::string field, std::string code, const std::string& arg = {});
    void add_error(FieldError error); // as it is (e.g. from another check, with its own messages)
    void merge(const ValidationResult& other, std::string_view field_prefix = "");
    void merge(const PolicyCheck& other);
    const FieldError* find(std::string_view field) const;
    bool has(std::string_view field, std::string_view code) const;
    // {"field": {"code", "message", "message_en"}, ...} (first error per field), as ValidationResult.
    nlohmann::json to_json() const;

  private:
    std::vector<FieldError> errors_;
};

// ---- versions ------------------------------------------------------------------------------------

enum class PolicyStatus { draft, approved };
std::string_view to_string(PolicyStatus s);
std::optional<PolicyStatus> policy_status_from_string(std::string_view s);

// One version of the organisation's policy. Wire form (docs/policy.md):
//   {"number": 2, "status": "approved", "approved_by": "u-admin", "approved_by_name": "Anne Admin",
//    "approved_on": "2026-01-05", "questionnaire_id": "policy_questionnaire",
//    "questionnaire_version": 1, "clauses_version": 1, "language": "da",
//    "answers": {...}, "edits": [{"section_id", "text", "base_text"}], "document": {...}}
struct PolicyVersion {
    int number = 1;
    PolicyStatus status = PolicyStatus::draft;
    std::string approved_by; // user id; set exactly when approved
    std::string approved_by_name;
    std::optional<Date> approved_on;
    std::string questionnaire_id = "policy_questionnaire";
    int questionnaire_version = 1;
    int clauses_version = 1;
    std::string language = "da";
    nlohmann::json answers = nlohmann::json::object();
    std::vector<PolicyEdit> edits;
    PolicyDocument document;
};
bool operator==(const PolicyVersion& a, const PolicyVersion& b);

nlohmann::json to_json(const PolicyVersion& version);
// Never throws; wrong JSON types are "type" errors with paths ("edits[0].text",
// "document.sections[2].paragraphs[0]").
PolicyVersion decode_policy_version(const nlohmann::json& data, PolicyCheck& errors);

// A draft with its document assembled from the answers and edits.
PolicyVersion make_policy_draft(int number, const ClauseLibrary& library, const FormTemplate& questionnaire,
                                nlohmann::json answers, std::vector<PolicyEdit> edits, std::string language);
// The number of the next version: one above the highest (1 for none).
int next_policy_version_number(std::span<const PolicyVersion> versions);

// The version on its own: number >= 1, a known language, the questionnaire it names, answers of
// the right shape (a draft may be incomplete; an approved version must be complete), edits (each
// naming a section of `library`, "unknown_section" otherwise; a library section that is not in
// this version's document is fine, the edit is kept as an unused edit; each section once; clean
// text of at most 10000 characters), and approval data present exactly when approved
// (approved_on not after today).
PolicyCheck validate(const PolicyVersion& version, const ClauseLibrary& library, const FormTemplate& questionnaire,
                     Date today);

// The version's document is exactly what its answers and edits assemble to ("document_mismatch"),
// so a stored or approved policy never says something its answers do not.
PolicyCheck check_document(const PolicyVersion& version, const ClauseLibrary& library,
                           const FormTemplate& questionnaire);

// Only an organisation's admin approves its policy (the server also checks the session).
bool can_approve_policy(Role role);

// A change of a stored version (`before`) into `after` by a user of `role`, for the server to
// refuse and the client to check before saving:
// - an approved version never changes ("approved_locked" on each field that differs);
// - a draft keeps its number, may change its answers, edits, language and document, and
//   `validate(after, library, questionnaire, today)` must pass;
// - draft -> approved is an approval: only by an admin ("admin_only"), changing nothing but the
//   status and the approval data ("changed_on_approval"), dated today ("approval_date"), with the
//   answers complete and no unfilled placeholder ("unfilled"), and validate must pass too.
PolicyCheck check_policy_change(const PolicyVersion& before, const PolicyVersion& after, const ClauseLibrary& library,
                                const FormTemplate& questionnaire, Role role, Date today);

struct PolicyApproval {
    std::optional<PolicyVersion> version; // the approved version, when `errors` is empty
    PolicyCheck errors;
};
// Approves a draft: the checks of check_policy_change plus check_document, then status approved,
// approved_by/approved_by_name and approved_on = today.
PolicyApproval approve_policy(const PolicyVersion& draft, const ClauseLibrary& library,
                              const FormTemplate& questionnaire, Role role, std::string user_id,
                              std::string user_name, Date today);

// The next draft after `from` (usually the approved version): same answers, edits and language,
// number `number`, document re-assembled with the current library.
PolicyVersion next_policy_draft(const PolicyVersion& from, int number, const ClauseLibrary& library,
                                const FormTemplate& questionnaire);

// ---- diff ---------------------------------------------------------------------------------------

enum class DiffOp { equal, insert, remove };
struct DiffRun {
    DiffOp op = DiffOp::equal;
    std::string text; // words separated by single spaces
};
bool operator==(const DiffRun& a, const DiffRun& b);

// Words of `a` against words of `b` (split at white space): the runs of a shortest edit, equal
// words kept, adjacent runs of the same kind merged. Within a run of changes the removed words
// come before the inserted ones.
std::vector<DiffRun> diff_words(std::string_view a, std::string_view b);

// A paragraph of a changed section: kept, inserted, removed, or changed (word runs).
enum class ParagraphChange { equal, insert, remove, change };
struct ParagraphDiff {
    ParagraphChange change = ParagraphChange::equal;
    std::string text;          // equal, insert, remove: the paragraph
    std::vector<DiffRun> runs; // change: word runs from the old to the new paragraph
};

enum class SectionChange { unchanged, added, removed, changed };
struct SectionDiff {
    std::string id;
    SectionChange change = SectionChange::unchanged;
    int number = 0;                        // in the newer document (the older one for a removed section)
    std::string title;                     // likewise
    std::string old_title;                 // when the title changed
    std::vector<ParagraphDiff> paragraphs; // changed: paragraph by paragraph; added/removed: all
};

struct PolicyDiff {
    int from_version = 0, to_version = 0;
    // The newer document's sections in order, removed ones after the section that preceded them.
    std::vector<SectionDiff> sections;
    bool empty() const; // no section added, removed or changed
};

// Section by section (matched by id); paragraphs matched by a longest common subsequence, and a
// removed paragraph followed by an inserted one compared word by word.
PolicyDiff diff_documents(const PolicyDocument& older, const PolicyDocument& newer);
PolicyDiff diff_versions(const PolicyVersion& older, const PolicyVersion& newer);

// A readable plain text of the changed sections, in "da" or "en":
//   Ændringer fra version 1 til version 2
//
//   3. Kontakt under sygdom (ændret)
//   Er medarbejderen syg i [-7 dage-] {+5 dage+} i træk, kontakter lederen medarbejderen.
//   + <an inserted paragraph>
//   - <a removed paragraph>
//
//   9. Barns første sygedag (tilføjet)
//   + ...
// With no changes the second line says "Ingen ændringer." / "No changes.".
std::string diff_text(const PolicyDiff& diff, std::string_view language);

// ---- the policy drives the portal ---------------------------------------------------------------

// The numbers the policy states, read from the questionnaire's answers (a number chosen from an
// option such as "7" or a scale). Thresholds of a conversation the policy does not hold are empty.
struct PolicyThresholds {
    std::optional<int> contact_after_days; // days of sickness in a row before the manager calls
    std::optional<bool> frequent_absence_conversation;
    std::optional<int> frequent_spells; // ... spells within
    std::optional<int> frequent_months; // ... months
    std::optional<bool> many_days_conversation;
    std::optional<int> many_days;                  // days of sickness within 12 months
    std::optional<int> absence_conversation_weeks; // the policy's own deadline (the law: 4 weeks)
    std::optional<int> sworn_statement_from_day;   // empty: the policy asks for none
    std::optional<int> retention_years;            // keep records this long after a case closed
};
PolicyThresholds policy_thresholds(const nlohmann::json& answers);

// The rules of alerts-default.json that only the policy sets: its earlier absence conversation (a
// spell_day step, listed ahead) and the day from which it asks for documentation (an alert on that
// day of the spell, continuous_days).
namespace policy_alert {
inline constexpr std::string_view conversation = "policy_conversation"; // the policy's earlier conversation
inline constexpr std::string_view documentation = "documentation_day";  // documentation from day N
} // namespace policy_alert
// The law's absence conversation, "senest 4 uger efter første sygedag" (SDL § 7 a), as a day of the
// absence: day 29. The questionnaire's options go from 2 to 4 weeks, never past the law.
inline constexpr int law_conversation_day = 29;

// Whether a version's JSON says "status": "approved" (without decoding the rest).
bool is_approved_policy_data(const nlohmann::json& data);

// The organisation's alert choices as the policy states them, starting from `current` (the
// organisation's choices; empty: the defaults) so rules the policy says nothing about (Bradford)
// stay as they are:
// - the first continuous_days rule: on, with the policy's contact_after_days;
// - the first spells_in_months rule: on or off as the policy holds care conversations after
//   frequent absence, with its spells and months;
// - the first days_in_months rule: on or off as the policy holds conversations after many days,
//   with its days and 12 months;
// - policy_conversation: on with day 7N + 1 when the absence conversation is held within N weeks
//   and that is before the law's day 29; off at 4 weeks (the law's own step covers it);
// - documentation_day: on with the day of the sworn statement when the policy asks for one, off
//   when it asks for none.
// An unanswered question leaves its rule as it was. `set`, when given, receives the ids of the rules
// the policy speaks about (on or off): those follow the approved policy, the rest stay the
// organisation's own choice (the admin screen shows them as set by the policy).
AlertChoices alert_choices_from_policy(const nlohmann::json& answers, const AlertSettings& defaults,
                                       const AlertChoices& current = {}, std::vector<std::string>* set = nullptr);

// What approving the policy would change in the alerts, one sentence per rule that changes:
//   "Syg i en uge: ændres fra 7 dage i træk til 5 dage i træk."
//   "Mange sygedage: slås til (15 sygedage inden for 12 måneder)."
//   "Hyppigt fravær: slås fra (var 3 sygeperioder inden for 3 måneder)."
// Rules that are off before and after are left out, whatever their numbers.
struct AlertChange {
    std::string rule_id;
    std::string text_da, text_en;
};
std::vector<AlertChange> preview_alert_changes(const AlertSettings& defaults, const AlertChoices& current,
                                               const AlertChoices& proposed);

// The policy also sets how long conversation records are kept after their case closed: approving
// it sets the organisation's record_retention_years (the server does so in the approval's
// transaction). Empty when the policy does not say, says something outside 1-20 years, or says
// what is set already; otherwise, with rule_id "record_retention_years":
//   "Opbevaring af referater: ændres fra 5 år til 3 år efter sagens afslutning."
std::optional<int> retention_years_from_policy(const nlohmann::json& answers);
std::optional<AlertChange> preview_retention_change(int current_years, const nlohmann::json& answers);

} // namespace naervaer
