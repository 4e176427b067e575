#pragma once
// The employer's alert rules: when a leader is reminded to act on an employee's absence. The law
// sets no such triggers; the organisation's sickness absence policy chooses them. Defaults follow
// seed 003 (Hjørring Kommune): one week of continuous sickness, or 3 spells within 3 months.
// Settings are data (assets/rules/alerts-default.json) parsed without exceptions.
#include "naervaer/date.hpp"
#include "naervaer/records.hpp"
#include "naervaer/validation.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace naervaer {

enum class AlertKind {
    continuous_days,  // the current spell has lasted `days` calendar days (day 1 = first sick day)
    spells_in_months, // `spells` spells starting within the last `months` months
    days_in_months,   // `days` absence days within the last `months` months
    bradford,         // S² × D over the last `weeks` weeks reaches `threshold`
    // A step the organisation's sickness absence policy sets on day `days` of each spell that lasts
    // that long (the absence conversation within N weeks). Unlike the other kinds it is known
    // ahead: a to-do from the first sick day, due on day `days`.
    spell_day,
};
std::string_view to_string(AlertKind k);

// Whether days_in_months counts every calendar day or only Danish working days.
enum class DayCount { calendar, working };

struct AlertRule {
    std::string id;
    AlertKind kind = AlertKind::continuous_days;
    bool enabled = false;
    int days = 0;
    int spells = 0;
    int months = 0;
    int weeks = 52;
    int threshold = 0;
    DayCount count = DayCount::calendar;
    std::string title_da, title_en;
    std::string message_da, message_en; // with {days} {spells} {months} {weeks} {score}
    std::string why_off_da, why_off_en; // why an option is off by default (Bradford)
    std::string source;
    // spell_day only: the rule-set step (rule id, e.g. "absence_conversation") whose completion on
    // the case completes this step too, so one conversation meets the law and the policy.
    std::string done_with;
};

struct AlertSettings {
    std::string id;
    std::vector<AlertRule> rules;
    AlertRule* find(std::string_view rule_id);
    const AlertRule* find(std::string_view rule_id) const;
};

struct AlertSettingsParse {
    std::optional<AlertSettings> settings; // set only when `errors` is empty
    std::vector<std::string> errors;
    bool ok() const { return settings.has_value(); }
};
AlertSettingsParse parse_alert_settings(std::string_view json_text);

// What an organisation chose for its alerts: per rule id of the defaults, on/off and the numbers.
// This is the data of the "alert_settings" record (records.hpp); texts stay in the defaults file,
// so a stored choice never freezes a translation. Wire form:
//   {"rules": [{"id": "continuous_week", "enabled": true, "days": 7},
//              {"id": "frequent_spells", "enabled": true, "spells": 3, "months": 3},
//              {"id": "days_in_year", "enabled": false, "days": 15, "months": 12, "count": "calendar"},
//              {"id": "bradford", "enabled": false, "threshold": 250, "weeks": 52},
//              {"id": "policy_conversation", "enabled": false, "days": 15},
//              {"id": "documentation_day", "enabled": false, "days": 2}]}
// Only the numbers the rule's kind uses are read and written.
struct AlertRuleChoice {
    std::string id;
    bool enabled = false;
    int days = 0;
    int spells = 0;
    int months = 0;
    int weeks = 0;
    int threshold = 0;
    DayCount count = DayCount::calendar;
};
struct AlertChoices {
    std::vector<AlertRuleChoice> rules;
};
AlertChoices choices_of(const AlertSettings& settings);
nlohmann::json to_json(const AlertChoices& choices);
// Never throws; wrong JSON types are errors with code "type" and a path like "rules[1].days".
AlertChoices decode_alert_choices(const nlohmann::json& data, ValidationResult& errors);
// Against the defaults: every id is one of theirs (at most once), and each number the rule's kind
// uses lies in its range: days 1-365, spells 2-52, months 1-24, weeks 1-104, threshold 1-100000.
// Errors name the field ("rules[1].days", code "range"/"unknown"/"duplicate").
ValidationResult validate(const AlertChoices& choices, const AlertSettings& defaults);
// The defaults with the choices applied (rules not named keep their defaults).
AlertSettings apply_choices(AlertSettings defaults, const AlertChoices& choices);

struct TriggeredAlert {
    std::string rule_id;
    AlertKind kind = AlertKind::continuous_days;
    int value = 0; // what crossed the threshold: days, spells or the Bradford score
    std::string title_da, title_en;
    std::string message_da, message_en; // placeholders filled in
    std::string source;
};

// Absence days of the spells within [from, to], whole days for partial spells too (an employer
// trigger counts that the employee was away, not how many hours). Ongoing spells run to `to`.
int absence_days_in(std::span<const AbsenceSpell> spells, Date from, Date to, DayCount count);

// The Bradford factor over the `weeks` weeks ending on `today`: S = spells overlapping the period,
// D = their calendar days inside it (law.md: B = S² × D over 52 weeks).
int bradford_factor(std::span<const AbsenceSpell> spells, Date today, int weeks);

// The enabled rules that one employee's spells trigger on `today`. Spells that start after
// today are ignored; pregnancy-related absence and a child's first sick day are never counted,
// as they are not the employee's own sickness (law.md, barselloven § 6 stk. 2).
std::vector<TriggeredAlert> evaluate_alerts(const AlertSettings& settings,
                                            std::span<const AbsenceSpell> spells, Date today);

// Alerts tied to the spell that set them off, for to-dos that stay until someone acts even when
// the trigger's window later moves on. For each enabled rule and each counted spell S (not
// pregnancy-related, not a child's first sick day, started by today):
// - continuous_days fires on day `days` of S, S.first_day + days - 1, when S is ongoing or lasted
//   at least that long and that day is within [today - lookback_days, today];
// - spell_day is dated the same day, but is listed ahead: from S.first_day on, so also when that
//   day is after today (while S is ongoing or lasted that long);
// - the counting kinds (spells_in_months, days_in_months, bradford) fire on S.first_day when it is
//   within [today - lookback_days, today] and evaluate_alerts(settings, spells, S.first_day)
//   triggers: the spells up to that day, an ongoing one running to it. Every such S fires, so a
//   fourth spell within 3 months is a new alert after the third. A count that only grows during
//   one long spell (days, Bradford) is not re-measured after its first day; continuous_days covers
//   that case.
// `on` is the trigger date (<= today, but for spell_day). Sorted by `on`, then spell id, then the rule's place in the
// settings, whatever the order of `spells`.
struct SpellAlert {
    TriggeredAlert alert;
    std::string spell_id;
    Date on;
};
std::vector<SpellAlert> evaluate_spell_alerts(const AlertSettings& settings,
                                              std::span<const AbsenceSpell> spells, Date today,
                                              int lookback_days);

} // namespace naervaer
