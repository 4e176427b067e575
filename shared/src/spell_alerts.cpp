// Alerts tied to the spell that set them off (alerts.hpp, evaluate_spell_alerts). Built on
// evaluate_alerts, so the counting, the exclusions (pregnancy, a child's first sick day, future
// spells) and the message texts are exactly those of the live alerts.
#include "naervaer/alerts.hpp"
#include "naervaer/reassessment.hpp"

#include <algorithm>

namespace naervaer {

namespace {

std::size_t rule_index(const AlertSettings& settings, std::string_view rule_id) {
    for (std::size_t i = 0; i < settings.rules.size(); ++i)
        if (settings.rules[i].id == rule_id) return i;
    return settings.rules.size();
}

// The alert of `rule_id` among `alerts`, moved out; nothing when it did not fire.
std::optional<TriggeredAlert> take(std::vector<TriggeredAlert>& alerts, std::string_view rule_id) {
    for (auto& a : alerts)
        if (a.rule_id == rule_id) return std::move(a);
    return std::nullopt;
}

// The kinds that count over a period, evaluated as of a spell's first day; the others are dated on
// a day of the spell itself.
bool is_counting(AlertKind kind) {
    return kind != AlertKind::continuous_days && kind != AlertKind::spell_day;
}

} // namespace

std::vector<SpellAlert> evaluate_spell_alerts(const AlertSettings& settings,
                                              std::span<const AbsenceSpell> spells, Date today,
                                              int lookback_days) {
    std::vector<SpellAlert> out;
    const Date from = today.plus_days(-lookback_days);
    bool counting = false;
    for (const auto& r : settings.rules)
        counting = counting || (r.enabled && is_counting(r.kind));

    for (const AbsenceSpell& s : spells) {
        // Only the employee's own sickness can be the spell that sets an alert off, and only once
        // it has started.
        if (!counts_as_sickness_benefit(s) || s.first_day > today) continue;

        // The counting kinds, as of the spell's first day: the same evaluation the live alerts
        // made that day, so the result does not change when the window later moves past it.
        if (counting && s.first_day >= from) {
            for (auto& a : evaluate_alerts(settings, spells, s.first_day))
                if (is_counting(a.kind)) out.push_back({std::move(a), s.id, s.first_day});
        }

        // Continuous days: on day `days` of the spell (day 1 = first sick day), when the spell
        // lasted that long. The live evaluation of that day on this spell alone fills the text.
        // A policy's step on a day of the spell (spell_day) is the same day, listed ahead.
        for (const auto& r : settings.rules) {
            if (!r.enabled || is_counting(r.kind) || r.days < 1) continue;
            const Date on = s.first_day.plus_days(r.days - 1);
            const bool ahead = r.kind == AlertKind::spell_day;
            if (on < from || (on > today && !ahead) || (s.last_day && *s.last_day < on)) continue;
            auto fired = evaluate_alerts(settings, std::span<const AbsenceSpell>(&s, 1), on);
            if (auto a = take(fired, r.id)) out.push_back({std::move(*a), s.id, on});
        }
    }

    // Deterministic whatever the order of `spells`: by date, then spell id, then the rule's place
    // in the settings.
    std::sort(out.begin(), out.end(), [&](const SpellAlert& a, const SpellAlert& b) {
        if (a.on != b.on) return a.on < b.on;
        const int by_spell = a.spell_id.compare(b.spell_id);
        if (by_spell != 0) return by_spell < 0;
        return rule_index(settings, a.alert.rule_id) < rule_index(settings, b.alert.rule_id);
    });
    return out;
}

} // namespace naervaer
