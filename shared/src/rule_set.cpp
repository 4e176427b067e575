#include "naervaer/rule_set.hpp"

#include "json_fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

namespace naervaer {

using detail::Fields;
using nlohmann::json;

std::string_view to_string(RuleKind k) {
    switch (k) {
    case RuleKind::event:
        return "event";
    case RuleKind::deadline:
        return "deadline";
    case RuleKind::window:
        return "window";
    case RuleKind::availability:
        return "availability";
    case RuleKind::warning:
        return "warning";
    }
    return "deadline";
}

const Rule* RuleSet::find(std::string_view rule_id) const {
    for (const auto& r : rules)
        if (r.id == rule_id) return &r;
    return nullptr;
}

namespace {

std::optional<RuleKind> kind_from_string(std::string_view s) {
    for (auto k :
         {RuleKind::event, RuleKind::deadline, RuleKind::window, RuleKind::availability, RuleKind::warning})
        if (to_string(k) == s) return k;
    return std::nullopt;
}

std::optional<RuleAnchor> anchor_from_string(std::string_view s) {
    if (s == "first_sick_day") return RuleAnchor::first_sick_day;
    if (s == "employer_period_end") return RuleAnchor::employer_period_end;
    if (s == "fast_track_request") return RuleAnchor::fast_track_request;
    return std::nullopt;
}

// {"weeks": 4, "days": -1} -> 27. Offsets are calendar days; see docs/deadlines.md.
int read_offset(const Fields& rule, std::vector<std::string>& errors) {
    const json* v = rule.get("offset", true);
    if (!v) return 0;
    Fields offset(*v, rule.path("offset"), errors);
    offset.only({"weeks", "days"});
    const int weeks = offset.integer("weeks", false, 0, 520).value_or(0);
    const int days = offset.integer("days", false, -3650, 3650).value_or(0);
    if (!offset.get("weeks", false) && !offset.get("days", false)) offset.error("", "needs weeks or days");
    return weeks * 7 + days;
}

RuleConditions read_conditions(const Fields& rule, std::vector<std::string>& errors) {
    RuleConditions c;
    const json* v = rule.get("conditions", false);
    if (!v) return c;
    Fields f(*v, rule.path("conditions"), errors);
    f.only({"not_expected_back_within_8_weeks", "fast_track_requested", "absence_beyond_employer_period",
            "absent_on_due_date", "payer"});
    c.not_expected_back_within_8_weeks = f.boolean("not_expected_back_within_8_weeks");
    c.fast_track_requested = f.boolean("fast_track_requested");
    c.absence_beyond_employer_period = f.boolean("absence_beyond_employer_period").value_or(false);
    c.absent_on_due_date = f.boolean("absent_on_due_date").value_or(false);
    if (const json* payers = f.get("payer", false)) {
        if (!payers->is_array() || payers->empty()) {
            f.error("payer", "expected a non-empty array of \"wages\", \"benefit\", \"none\"");
        } else {
            for (const auto& p : *payers) {
                auto payer = p.is_string() ? nemrefusion_payer_from_string(p.get_ref<const std::string&>())
                                           : std::nullopt;
                if (payer)
                    c.payers.push_back(*payer);
                else
                    f.error("payer", "unknown payer (expected \"wages\", \"benefit\" or \"none\")");
            }
        }
    }
    return c;
}

Rule read_rule(const json& j, std::string path, std::vector<std::string>& errors) {
    Fields f(j, std::move(path), errors);
    f.only({"id", "kind", "anchor", "offset", "conditions", "parameters", "title_da", "title_en",
            "explanation_da", "explanation_en", "source"});
    Rule r;
    r.id = f.text("id", true);
    const std::string kind = f.text("kind", true);
    if (auto k = kind_from_string(kind))
        r.kind = *k;
    else if (!kind.empty())
        f.error("kind", "unknown kind \"" + kind + "\"");

    // Dated kinds need an anchor and an offset; the retention plan and the reassessment do not.
    const bool dated =
        r.kind == RuleKind::event || r.kind == RuleKind::deadline || r.kind == RuleKind::window;
    if (dated) {
        const std::string anchor = f.text("anchor", true);
        if (auto a = anchor_from_string(anchor))
            r.anchor = *a;
        else if (!anchor.empty())
            f.error("anchor", "unknown anchor \"" + anchor + "\"");
        r.offset_days = read_offset(f, errors);
    } else if (f.get("anchor", false) || f.get("offset", false)) {
        f.error("offset", "only event, deadline and window rules have an anchor and offset");
    }
    r.conditions = read_conditions(f, errors);

    if (r.kind == RuleKind::warning) {
        if (const json* v = f.get("parameters", true)) {
            Fields p(*v, f.path("parameters"), errors);
            p.only({"limit_weeks", "period_months", "lead_weeks"});
            r.limit_weeks = p.integer("limit_weeks", true, 1, 520).value_or(0);
            r.period_months = p.integer("period_months", true, 1, 120).value_or(0);
            r.lead_weeks = p.integer("lead_weeks", true, 0, 52).value_or(0);
        }
    } else if (f.get("parameters", false)) {
        f.error("parameters", "only warning rules have parameters");
    }

    r.title_da = f.text("title_da", true);
    r.title_en = f.text("title_en", true);
    r.explanation_da = f.text("explanation_da", true);
    r.explanation_en = f.text("explanation_en", true);
    r.source = f.text("source", true);
    return r;
}

} // namespace

RuleSetParse parse_rule_set(std::string_view json_text) {
    RuleSetParse out;
    auto& errors = out.errors;
    const json j = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
        errors.push_back("not valid JSON");
        return out;
    }
    Fields f(j, "", errors);
    f.only({"schema", "id", "effective_from", "title_da", "title_en", "note_en", "parameters", "rules"});
    if (auto schema = f.integer("schema", true, 1, 1000); schema && *schema != 1)
        f.error("schema", "unsupported schema version " + std::to_string(*schema));

    RuleSet set;
    set.id = f.text("id", true);
    if (auto d = f.date("effective_from", true)) set.effective_from = *d;
    set.title_da = f.text("title_da", true);
    set.title_en = f.text("title_en", true);
    if (const json* v = f.get("parameters", false)) {
        Fields p(*v, "parameters", errors);
        p.only({"employer_period_days", "expected_absence_weeks", "due_soon_days"});
        set.employer_period_days = p.integer("employer_period_days", false, 1, 365).value_or(30);
        set.expected_absence_weeks = p.integer("expected_absence_weeks", false, 1, 52).value_or(8);
        set.due_soon_days = p.integer("due_soon_days", false, 0, 60).value_or(7);
    }

    if (const json* rules = f.get("rules", true)) {
        if (!rules->is_array() || rules->empty()) {
            f.error("rules", "expected a non-empty array");
        } else {
            for (std::size_t i = 0; i < rules->size(); ++i) {
                Rule r = read_rule((*rules)[i], "rules[" + std::to_string(i) + "]", errors);
                if (!r.id.empty() && set.find(r.id))
                    errors.push_back("rules[" + std::to_string(i) + "].id: duplicate id \"" + r.id + "\"");
                set.rules.push_back(std::move(r));
            }
        }
    }
    if (errors.empty()) out.rule_set = std::move(set);
    return out;
}

const RuleSet* rule_set_in_force(std::span<const RuleSet> sets, Date day) {
    const RuleSet* best = nullptr;
    for (const auto& s : sets)
        if (s.effective_from <= day && (!best || best->effective_from < s.effective_from)) best = &s;
    return best;
}

std::span<const std::string_view> shipped_rule_set_files() {
    static constexpr std::array<std::string_view, 2> files = {
        "rules/dk-2023-01-01.json",
        "rules/dk-2025-01-01.json",
    };
    return files;
}

LoadedRuleSets load_rule_sets(std::string_view (*read)(std::string_view path)) {
    LoadedRuleSets loaded;
    std::vector<RuleSet> sets;
    for (const std::string_view name : shipped_rule_set_files()) {
        const std::string_view text = read(name);
        // An empty view means the build did not embed the file; saying so beats "not valid JSON".
        if (text.empty()) {
            loaded.errors.push_back(std::string(name) + ": not embedded");
            continue;
        }
        RuleSetParse parsed = parse_rule_set(text);
        for (const auto& error : parsed.errors)
            loaded.errors.push_back(std::string(name) + ": " + error);
        if (parsed.rule_set) sets.push_back(std::move(*parsed.rule_set));
    }
    if (loaded.errors.empty()) loaded.sets = std::move(sets);
    return loaded;
}

} // namespace naervaer
