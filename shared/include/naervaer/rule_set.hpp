#pragma once
// A rule set: the deadlines of Danish sickness-absence law as data (assets/rules/*.json), each set
// in force from its `effective_from`. A case uses the set in force on its first sick day, so a law
// change is a new JSON file and cases that started before it keep their rules (law.md, intro).
// Parsing never throws: the wasm build has no exceptions and the text may be hand-edited.
#include "naervaer/date.hpp"
#include "naervaer/records.hpp" // NemRefusionPayer

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace naervaer {

enum class RuleKind {
    event,        // a date that simply happens (end of the employer period, a municipal meeting)
    deadline,     // something the employer must do by the date; can become overdue
    window,       // an option open until the date (fast track); closes, never overdue
    availability, // an option with no date (retention plan, SDL § 7 b sets no deadline)
    warning,      // the 22-weeks-in-9-months reassessment, computed from all spells
};
std::string_view to_string(RuleKind k);

// What a due date is counted from.
enum class RuleAnchor {
    first_sick_day,      // day 1 of the spell
    employer_period_end, // the last day of the employer period (day 30)
    fast_track_request,  // the date the employer asked for fast track
};

// All present conditions must hold for a rule to apply; an absent one is not checked.
struct RuleConditions {
    std::optional<bool> not_expected_back_within_8_weeks;
    std::optional<bool> fast_track_requested;
    // The absence lasts beyond the employer period (or is still ongoing).
    bool absence_beyond_employer_period = false;
    // The employee is still absent on the due date (or the spell is ongoing): a duty owed to
    // "the sick employee" lapses when they are back before it.
    bool absent_on_due_date = false;
    std::vector<NemRefusionPayer> payers; // empty = any payer
};

struct Rule {
    std::string id;
    RuleKind kind = RuleKind::deadline;
    RuleAnchor anchor = RuleAnchor::first_sick_day;
    int offset_days = 0; // weeks * 7 + days
    RuleConditions conditions;
    // warning only (reassessment): more than limit_weeks of benefit within period_months; warn
    // lead_weeks before.
    int limit_weeks = 0;
    int period_months = 0;
    int lead_weeks = 0;
    std::string title_da, title_en;
    std::string explanation_da, explanation_en;
    std::string source;
};

struct RuleSet {
    std::string id;
    Date effective_from;
    std::string title_da, title_en;
    int employer_period_days = 30;  // law.md: the employer pays the first 30 calendar days
    int expected_absence_weeks = 8; // SDL § 7 b and § 7 c: "not expected back within 8 weeks"
    int due_soon_days = 7;          // product choice: how early an entry turns "due soon"
    std::vector<Rule> rules;

    const Rule* find(std::string_view rule_id) const;
};

struct RuleSetParse {
    std::optional<RuleSet> rule_set; // set only when `errors` is empty
    std::vector<std::string> errors; // "rules[2].offset: expected an object" (for developers)
    bool ok() const { return rule_set.has_value(); }
};

// Parses the JSON text of one rule set. Unknown kinds, anchors and condition names are errors,
// not ignored: a misspelt condition must not silently widen a rule.
RuleSetParse parse_rule_set(std::string_view json_text);

// The rule-set files this build ships, as paths under assets/ ("rules/dk-2025-01-01.json"), oldest
// first. The client and the server embed them (client/CMakeLists.txt, server/CMakeLists.txt); a
// unit test checks that every assets/rules/dk-*.json is listed. A law change adds a file here.
std::span<const std::string_view> shipped_rule_set_files();

// Every shipped set, read through `read` (path under assets/ -> text; empty when missing). All or
// nothing: with one set missing a case would silently fall back to an older set whose rules are
// not in force for it, so any error leaves `sets` empty. Errors start with the file's path.
struct LoadedRuleSets {
    std::vector<RuleSet> sets;
    std::vector<std::string> errors;
};
LoadedRuleSets load_rule_sets(std::string_view (*read)(std::string_view path));

// The set in force on `day`: the latest effective_from on or before it. nullptr when `day` is
// before every set (no guessed rules for older cases).
const RuleSet* rule_set_in_force(std::span<const RuleSet> sets, Date day);

} // namespace naervaer
