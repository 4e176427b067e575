#pragma once
// Forms as data: conversation templates, plans and questionnaires are JSON files
// (assets/templates/*.json) read by one engine, so a new template needs no code (docs/forms.md).
// A template is versioned; a filled record keeps a snapshot of the whole template it was filled
// with, labels included, so an old record shows exactly what was asked. Parsing never throws: the
// wasm build has no exceptions and the files are hand-edited.
#include "naervaer/date.hpp"
#include "naervaer/validation.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace naervaer {

enum class FieldType {
    info,           // no answer: a text block (e.g. the round table's three goals)
    text,           // one line
    long_text,      // several lines
    date,           // "yyyy-mm-dd"
    choice,         // one option id
    multi_choice,   // option ids, each at most once
    yes_no,         // true / false
    scale,          // a whole number from scale_min to scale_max
    task_list,      // rows of text, optionally with a column (can / with adjustment / cannot) or, for
                    // agreements, an owner and a due date
    hours_schedule, // a graded return: normal weekly hours and hours per week number
    staircase,      // one step id of the template's staircase
    signature,      // {name, date, agreed, comment}
};
std::string_view to_string(FieldType t);
std::optional<FieldType> field_type_from_string(std::string_view s);

struct LabelledId {
    std::string id;
    std::string label_da, label_en;
};

struct StaircaseStep {
    std::string id;
    std::string label_da, label_en;
    std::string description_da, description_en;
};

// Show a field only when another field (yes_no or choice) has a given answer.
struct FieldCondition {
    std::string field;
    std::optional<bool> equals_bool;   // for a yes_no field
    std::optional<std::string> equals; // for a choice field: an option id
};

// A date filled in when the form is opened: `days` after the answer of the date field `from`
// (or after today when `from` is "today" or that field is still empty).
struct DateDefault {
    std::string from = "today";
    int days = 0;
};

struct Field {
    std::string id;
    FieldType type = FieldType::text;
    std::string label_da, label_en;
    std::string help_da, help_en; // what the leader may and may not ask
    bool required = false;
    std::size_t max_length = 0;          // text, long_text, task_list row text (0 = the type's limit)
    std::vector<LabelledId> options;     // choice, multi_choice
    int scale_min = 1, scale_max = 5;    // scale
    std::string scale_min_label_da, scale_min_label_en, scale_max_label_da, scale_max_label_en;
    std::vector<LabelledId> columns;     // task_list: each row must name one column
    bool agreement = false;              // task_list: rows have owner + due date and become to-dos
    std::size_t max_rows = 30;           // task_list, hours_schedule
    int max_weeks = 52;                  // hours_schedule: highest week number
    double max_hours = limits::max_weekly_hours; // hours_schedule
    bool non_decreasing = false;         // hours_schedule: hours only step up (a graded return)
    std::string compare_with;            // staircase: the other placement to compare with
    std::optional<DateDefault> date_default; // date
    std::string prefill_key;             // "enter once": same key in another template prefills this
    bool guard = true;                   // free text is checked by the diagnosis guard
    std::optional<FieldCondition> show_if;
};

struct Section {
    std::string id;
    std::string title_da, title_en;
    std::vector<Field> fields;
};

struct FormTemplate {
    std::string id;   // stable across versions, e.g. "round_table"
    int version = 1;  // a changed template is a new file with a higher version
    std::string title_da, title_en;
    std::string purpose_da, purpose_en;
    std::string meets_rule; // a rule-set rule id a filed form meets ("absence_conversation"), or ""
    bool printable = false;
    // Where the app offers the template: "case" (a conversation or plan, "Ny samtale" on a case) or
    // "" (opened from its own screen: the referrals, the policy questionnaire). `order` is its place
    // in the case's list, lowest first, and is set only with `offered_from`. Neither is part of
    // `source`: where a template is offered is not what it asks.
    std::string offered_from;
    int order = 0;
    std::vector<StaircaseStep> staircase; // the steps staircase fields choose from
    std::vector<Section> sections;
    nlohmann::json source; // the parsed document without offered_from and order: the snapshot a record keeps

    // Fields in display order, across sections.
    std::vector<const Field*> fields() const;
    const Field* find(std::string_view field_id) const;
    // Index of a step in `staircase`, or -1.
    int step_index(std::string_view step_id) const;
};

struct FormTemplateParse {
    std::optional<FormTemplate> form; // set only when `errors` is empty
    std::vector<std::string> errors;  // "sections[1].fields[2].type: unknown type \"x\"" (for developers)
    bool ok() const { return form.has_value(); }
};

// Parses a template file. Unknown keys and types, duplicate ids, a missing Danish or English label,
// a condition or comparison naming a missing field, and a staircase field without steps are errors.
FormTemplateParse parse_form_template(std::string_view json_text);
FormTemplateParse parse_form_template_json(const nlohmann::json& document);

// The whole template document as a record keeps it (labels included); parse it back with
// parse_form_template_json to render an old record with its own questions.
nlohmann::json template_snapshot(const FormTemplate& form);

// ---- answers (docs/forms.md, "Answers") -------------------------------------------------------
// FormAnswers is a JSON object, field id -> value:
//   text, long_text: string          date: "yyyy-mm-dd"        choice, staircase: id string
//   multi_choice: [id, ...]          yes_no: true/false        scale: integer
//   task_list: [{"text", "column"?, "owner"?, "due"?}, ...]
//   hours_schedule: {"normal_hours": 37, "weeks": [{"week": 1, "hours": 10}, ...]}
//   signature: {"name", "date", "agreed": bool, "comment"?}
// An absent key or null is "not answered". info fields take no answer.

// Is the field shown, given the answers (its show_if, if any, holds)?
bool is_visible(const Field& field, const nlohmann::json& answers);

// Field-path errors ("tasks[2].column") with Danish and English messages. Hidden fields are not
// required, but a value they hold must still have the right shape. `today` bounds signature dates.
ValidationResult validate_answers(const FormTemplate& form, const nlohmann::json& answers, Date today);

// Fills unanswered date fields that have a default (the round table's follow-up: 28 days after the
// meeting). Returns a copy; answered fields are left alone.
nlohmann::json apply_defaults(const FormTemplate& form, const nlohmann::json& answers, Date today);

// One filled form of a case, as a record stores it.
struct FilledForm {
    nlohmann::json template_snapshot;
    nlohmann::json answers;
};

// "Enter once": every unanswered field of `form` with a prefill_key is copied from the newest
// earlier form (`earlier`, newest first) holding a non-empty answer in a field with the same key
// and type. Task-list rows keep only what the new field has (a column it knows; owner and due only
// for agreements). Snapshots that do not parse are skipped.
nlohmann::json prefill_answers(const FormTemplate& form, std::span<const FilledForm> earlier,
                               const nlohmann::json& answers = nlohmann::json::object());

// Rows of agreement fields that have text, owner and a valid due date, in form order.
struct Agreement {
    std::string field_id;
    std::string text;
    std::string owner;
    Date due;
};
std::vector<Agreement> extract_agreements(const FormTemplate& form, const nlohmann::json& answers);

// Staircase fields linked by compare_with, both answered: where each party placed the employee.
struct StaircaseComparison {
    std::string field_a, field_b; // field_a names field_b in compare_with
    std::string step_a, step_b;
    int steps_apart = 0; // |index a - index b|; 0 = a shared understanding
    bool mismatch() const { return steps_apart != 0; }
};
std::vector<StaircaseComparison> compare_staircases(const FormTemplate& form, const nlohmann::json& answers);

// The shipped templates, paths under assets/ ("templates/round_table.v1.json"), sorted: every
// assets/templates/*.json, listed by the build (shared/CMakeLists.txt), which the client and the
// server embed alike. Every version of a template stays shipped: a record filled offline with an
// old one must still be accepted.
std::span<const std::string_view> shipped_template_files();
// The ids of the templates a leader opens from a case as a conversation or plan ("Ny samtale"),
// in the order they are offered: of `shipped`, the newest version of each id, when it says
// "offered_from": "case", by `order` (then id). The views point into `shipped`. Other templates
// (referral, policy questionnaire) are opened from their own screens.
std::vector<std::string_view> conversation_template_ids(std::span<const FormTemplate> shipped);

} // namespace naervaer
