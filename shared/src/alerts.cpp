#include "naervaer/alerts.hpp"

#include "json_fields.hpp"
#include "json_reader.hpp"
#include "naervaer/calendar.hpp"
#include "naervaer/month_arithmetic.hpp"
#include "naervaer/reassessment.hpp"

#include <algorithm>

namespace naervaer {

using detail::Fields;
using nlohmann::json;

std::string_view to_string(AlertKind k) {
    switch (k) {
    case AlertKind::continuous_days:
        return "continuous_days";
    case AlertKind::spells_in_months:
        return "spells_in_months";
    case AlertKind::days_in_months:
        return "days_in_months";
    case AlertKind::bradford:
        return "bradford";
    case AlertKind::spell_day:
        return "spell_day";
    }
    return "continuous_days";
}

AlertRule* AlertSettings::find(std::string_view rule_id) {
    for (auto& r : rules)
        if (r.id == rule_id) return &r;
    return nullptr;
}

const AlertRule* AlertSettings::find(std::string_view rule_id) const {
    for (const auto& r : rules)
        if (r.id == rule_id) return &r;
    return nullptr;
}

namespace {

std::optional<AlertKind> alert_kind_from_string(std::string_view s) {
    for (auto k : {AlertKind::continuous_days, AlertKind::spells_in_months, AlertKind::days_in_months,
                   AlertKind::bradford, AlertKind::spell_day})
        if (to_string(k) == s) return k;
    return std::nullopt;
}

AlertRule read_alert(const json& j, std::string path, std::vector<std::string>& errors) {
    Fields f(j, std::move(path), errors);
    f.only({"id", "kind", "enabled", "days", "spells", "months", "weeks", "threshold", "count", "title_da",
            "title_en", "message_da", "message_en", "why_off_da", "why_off_en", "source", "done_with"});
    AlertRule r;
    r.id = f.text("id", true);
    const std::string kind = f.text("kind", true);
    if (auto k = alert_kind_from_string(kind))
        r.kind = *k;
    else if (!kind.empty())
        f.error("kind", "unknown kind \"" + kind + "\"");
    r.enabled = f.boolean("enabled").value_or(false);
    // Each kind requires exactly the numbers it uses.
    const bool needs_days = r.kind == AlertKind::continuous_days || r.kind == AlertKind::days_in_months ||
                            r.kind == AlertKind::spell_day;
    const bool needs_months = r.kind == AlertKind::spells_in_months || r.kind == AlertKind::days_in_months;
    r.days = f.integer("days", needs_days, 1, 366).value_or(0);
    r.spells = f.integer("spells", r.kind == AlertKind::spells_in_months, 1, 100).value_or(0);
    r.months = f.integer("months", needs_months, 1, 36).value_or(0);
    r.weeks = f.integer("weeks", false, 1, 156).value_or(52);
    r.threshold = f.integer("threshold", r.kind == AlertKind::bradford, 1, 1000000).value_or(0);
    const std::string count = f.text("count", false);
    if (count == "working")
        r.count = DayCount::working;
    else if (!count.empty() && count != "calendar")
        f.error("count", "expected \"calendar\" or \"working\"");
    r.title_da = f.text("title_da", true);
    r.title_en = f.text("title_en", true);
    r.message_da = f.text("message_da", true);
    r.message_en = f.text("message_en", true);
    r.why_off_da = f.text("why_off_da", false);
    r.why_off_en = f.text("why_off_en", false);
    r.source = f.text("source", true);
    r.done_with = f.text("done_with", false);
    if (!r.done_with.empty() && r.kind != AlertKind::spell_day)
        f.error("done_with", "only a spell_day step is done with a case step");
    return r;
}

void replace_all(std::string& text, std::string_view key, const std::string& value) {
    for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + value.size()))
        text.replace(pos, key.size(), value);
}

std::string fill(std::string text, const AlertRule& r, int days, int spells, int score) {
    replace_all(text, "{days}", std::to_string(days));
    replace_all(text, "{spells}", std::to_string(spells));
    replace_all(text, "{months}", std::to_string(r.months));
    replace_all(text, "{weeks}", std::to_string(r.weeks));
    replace_all(text, "{score}", std::to_string(score));
    return text;
}

// The spells an employer trigger may look at on `today`.
std::vector<AbsenceSpell> counted_spells(std::span<const AbsenceSpell> spells, Date today) {
    std::vector<AbsenceSpell> out;
    for (const auto& s : spells)
        if (counts_as_sickness_benefit(s) && s.first_day <= today) out.push_back(s);
    return out;
}

// Spells with any day inside [from, to].
int spells_overlapping(std::span<const AbsenceSpell> spells, Date from, Date to) {
    return static_cast<int>(std::count_if(spells.begin(), spells.end(), [&](const auto& s) {
        return s.first_day <= to && (!s.last_day || *s.last_day >= from);
    }));
}

} // namespace

AlertSettingsParse parse_alert_settings(std::string_view json_text) {
    AlertSettingsParse out;
    const json j = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
        out.errors.push_back("not valid JSON");
        return out;
    }
    Fields f(j, "", out.errors);
    f.only({"schema", "id", "note_en", "alerts"});
    if (auto schema = f.integer("schema", true, 1, 1000); schema && *schema != 1)
        f.error("schema", "unsupported schema version " + std::to_string(*schema));
    AlertSettings settings;
    settings.id = f.text("id", true);
    if (const json* alerts = f.get("alerts", true)) {
        if (!alerts->is_array()) {
            f.error("alerts", "expected an array");
        } else {
            for (std::size_t i = 0; i < alerts->size(); ++i) {
                AlertRule r = read_alert((*alerts)[i], "alerts[" + std::to_string(i) + "]", out.errors);
                if (!r.id.empty() && settings.find(r.id))
                    out.errors.push_back("alerts[" + std::to_string(i) + "].id: duplicate id \"" + r.id +
                                         "\"");
                settings.rules.push_back(std::move(r));
            }
        }
    }
    if (out.errors.empty()) out.settings = std::move(settings);
    return out;
}

// ---- the organisation's choices ------------------------------------------------------------

namespace {

// Which numbers a kind uses; the others are neither written, checked nor applied.
struct UsedNumbers {
    bool days = false, spells = false, months = false, weeks = false, threshold = false, count = false;
};

UsedNumbers used_numbers(AlertKind kind) {
    switch (kind) {
    case AlertKind::continuous_days:
    case AlertKind::spell_day:
        return {.days = true};
    case AlertKind::spells_in_months:
        return {.spells = true, .months = true};
    case AlertKind::days_in_months:
        return {.days = true, .months = true, .count = true};
    case AlertKind::bradford:
        return {.weeks = true, .threshold = true};
    }
    return {};
}

// The choice's numbers the kind uses, with the rest zero (the "not used" of the wire form).
AlertRuleChoice only_used(AlertRuleChoice c, AlertKind kind) {
    const UsedNumbers used = used_numbers(kind);
    if (!used.days) c.days = 0;
    if (!used.spells) c.spells = 0;
    if (!used.months) c.months = 0;
    if (!used.weeks) c.weeks = 0;
    if (!used.threshold) c.threshold = 0;
    if (!used.count) c.count = DayCount::calendar;
    return c;
}

std::string_view to_string(DayCount c) {
    return c == DayCount::working ? "working" : "calendar";
}

AlertRuleChoice read_choice(const json& j, const std::string& path, ValidationResult& errors) {
    detail::JsonReader r(j, errors, path);
    AlertRuleChoice c;
    c.id = r.string("id", true, limits::id_length);
    if (r.ok_object() && !r.has("enabled")) errors.add(r.field("enabled"), "required");
    c.enabled = r.boolean("enabled", false);
    c.days = r.integer("days", false, 0);
    c.spells = r.integer("spells", false, 0);
    c.months = r.integer("months", false, 0);
    c.weeks = r.integer("weeks", false, 0);
    c.threshold = r.integer("threshold", false, 0);
    const std::string count = r.string("count", false, 16);
    if (count == "working")
        c.count = DayCount::working;
    else if (r.has("count") && count != "calendar" && !errors.find(r.field("count")))
        errors.add(r.field("count"), "unknown_value", count);
    return c;
}

void check_range(ValidationResult& v, const std::string& path, const char* name, int value, int min,
                 int max) {
    if (value < min || value > max)
        v.add(path + "." + name, "range", std::to_string(min) + "–" + std::to_string(max));
}

} // namespace

AlertChoices choices_of(const AlertSettings& settings) {
    AlertChoices out;
    for (const AlertRule& r : settings.rules) {
        const AlertRuleChoice all{r.id, r.enabled, r.days, r.spells, r.months, r.weeks, r.threshold, r.count};
        out.rules.push_back(only_used(all, r.kind));
    }
    return out;
}

json to_json(const AlertChoices& choices) {
    json rules = json::array();
    for (const AlertRuleChoice& c : choices.rules) {
        json j = {{"id", c.id}, {"enabled", c.enabled}};
        // Zero is "not used by this kind" (choices_of leaves those at zero).
        if (c.days != 0) j["days"] = c.days;
        if (c.spells != 0) j["spells"] = c.spells;
        if (c.months != 0) j["months"] = c.months;
        if (c.weeks != 0) j["weeks"] = c.weeks;
        if (c.threshold != 0) j["threshold"] = c.threshold;
        // The count belongs to days_in_months, the only kind with both days and months.
        if ((c.days != 0 && c.months != 0) || c.count != DayCount::calendar) j["count"] = to_string(c.count);
        rules.push_back(std::move(j));
    }
    return {{"rules", std::move(rules)}};
}

AlertChoices decode_alert_choices(const json& data, ValidationResult& errors) {
    AlertChoices out;
    detail::JsonReader r(data, errors);
    if (!r.ok_object()) return out;
    const auto it = data.find("rules");
    if (it == data.end() || it->is_null()) {
        errors.add("rules", "required");
        return out;
    }
    if (!it->is_array()) {
        errors.add("rules", "type", "array");
        return out;
    }
    for (std::size_t i = 0; i < it->size(); ++i)
        out.rules.push_back(read_choice((*it)[i], "rules[" + std::to_string(i) + "]", errors));
    return out;
}

ValidationResult validate(const AlertChoices& choices, const AlertSettings& defaults) {
    ValidationResult v;
    for (std::size_t i = 0; i < choices.rules.size(); ++i) {
        const AlertRuleChoice& c = choices.rules[i];
        const std::string path = "rules[" + std::to_string(i) + "]";
        const AlertRule* rule = defaults.find(c.id);
        if (!rule) {
            v.add(path + ".id", "unknown", c.id);
            continue;
        }
        const auto earlier = choices.rules.begin() + static_cast<std::ptrdiff_t>(i);
        if (std::any_of(choices.rules.begin(), earlier,
                        [&](const AlertRuleChoice& o) { return o.id == c.id; }))
            v.add(path + ".id", "duplicate");
        const UsedNumbers used = used_numbers(rule->kind);
        if (used.days) check_range(v, path, "days", c.days, 1, 365);
        if (used.spells) check_range(v, path, "spells", c.spells, 2, 52);
        if (used.months) check_range(v, path, "months", c.months, 1, 24);
        if (used.weeks) check_range(v, path, "weeks", c.weeks, 1, 104);
        if (used.threshold) check_range(v, path, "threshold", c.threshold, 1, 100000);
    }
    return v;
}

// Expects choices that passed validate(): the numbers are copied as they are.
AlertSettings apply_choices(AlertSettings defaults, const AlertChoices& choices) {
    for (const AlertRuleChoice& c : choices.rules) {
        AlertRule* rule = defaults.find(c.id);
        if (!rule) continue;
        const UsedNumbers used = used_numbers(rule->kind);
        rule->enabled = c.enabled;
        if (used.days) rule->days = c.days;
        if (used.spells) rule->spells = c.spells;
        if (used.months) rule->months = c.months;
        if (used.weeks) rule->weeks = c.weeks;
        if (used.threshold) rule->threshold = c.threshold;
        if (used.count) rule->count = c.count;
    }
    return defaults;
}

int absence_days_in(std::span<const AbsenceSpell> spells, Date from, Date to, DayCount count) {
    int total = 0;
    for (const auto& s : spells) {
        const Date start = std::max(from, s.first_day);
        const Date end = s.last_day ? std::min(to, *s.last_day) : to;
        for (Date d = start; d <= end; d = d.plus_days(1))
            if (count == DayCount::calendar || is_working_day(d)) ++total;
    }
    return total;
}

int bradford_factor(std::span<const AbsenceSpell> spells, Date today, int weeks) {
    const Date from = today.plus_days(-7 * weeks + 1); // 52 weeks = 364 days ending today
    const int s = spells_overlapping(spells, from, today);
    const int d = absence_days_in(spells, from, today, DayCount::calendar);
    return s * s * d;
}

std::vector<TriggeredAlert> evaluate_alerts(const AlertSettings& settings,
                                            std::span<const AbsenceSpell> all_spells, Date today) {
    const std::vector<AbsenceSpell> spells = counted_spells(all_spells, today);
    std::vector<TriggeredAlert> out;
    for (const auto& r : settings.rules) {
        if (!r.enabled) continue;
        int days = 0, count = 0, score = 0, value = 0;
        bool triggered = false;
        switch (r.kind) {
        case AlertKind::continuous_days:
        case AlertKind::spell_day: // reached once the running spell is on its day `days`
            // Only a spell still running today is continuous sickness the leader can act on; its
            // length counts the first sick day as day 1.
            for (const auto& s : spells)
                if (!s.last_day || *s.last_day >= today) days = std::max(days, (today - s.first_day) + 1);
            triggered = days >= r.days;
            value = days;
            break;
        case AlertKind::spells_in_months: {
            const Date from = period_start(today, r.months);
            count = static_cast<int>(std::count_if(spells.begin(), spells.end(),
                                                   [&](const auto& s) { return s.first_day >= from; }));
            triggered = count >= r.spells;
            value = count;
            break;
        }
        case AlertKind::days_in_months:
            days = absence_days_in(spells, period_start(today, r.months), today, r.count);
            triggered = days >= r.days;
            value = days;
            break;
        case AlertKind::bradford: {
            const Date from = today.plus_days(-7 * r.weeks + 1);
            count = spells_overlapping(spells, from, today);
            days = absence_days_in(spells, from, today, DayCount::calendar);
            score = count * count * days;
            triggered = score >= r.threshold;
            value = score;
            break;
        }
        }
        if (!triggered) continue;
        out.push_back({r.id, r.kind, value, r.title_da, r.title_en, fill(r.message_da, r, days, count, score),
                       fill(r.message_en, r, days, count, score), r.source});
    }
    return out;
}

} // namespace naervaer
