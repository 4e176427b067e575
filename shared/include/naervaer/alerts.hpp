#pragma once
// The employer's alert rules: when a leader is reminded to act on an employee's absence. The law
// sets no such triggers; the organisation's sickness absence policy chooses them. Defaults follow
// seed 003 (Hjørring Kommune): one week of continuous sickness, or 3 spells within 3 months.
// Settings are data (assets/rules/alerts-default.json) parsed without exceptions.
#include "naervaer/date.hpp"
#include "naervaer/records.hpp"

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

} // namespace naervaer
