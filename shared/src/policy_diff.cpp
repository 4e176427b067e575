// Comparing two versions of the policy, and the policy's thresholds as the organisation's alert
// choices (docs/policy.md).
#include "naervaer/policy.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace naervaer {

using nlohmann::json;

namespace {

// Above this many cells the longest common subsequence is not computed: the whole middle is one
// removal and one insertion (still a correct diff, only a coarser one).
constexpr std::size_t max_lcs_cells = 4'000'000;

struct Edit {
    DiffOp op;
    std::size_t index; // into a (equal, remove) or b (insert)
};

// A shortest edit script of two sequences by their longest common subsequence. Common prefix and
// suffix are taken first; within a change the removals come before the insertions.
template <class T> std::vector<Edit> edit_script(const std::vector<T>& a, const std::vector<T>& b) {
    std::size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix])
        ++prefix;
    std::size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
        ++suffix;
    const std::size_t n = a.size() - prefix - suffix, m = b.size() - prefix - suffix;

    std::vector<Edit> out;
    for (std::size_t i = 0; i < prefix; ++i)
        out.push_back({DiffOp::equal, i});
    if ((n + 1) * (m + 1) > max_lcs_cells) {
        for (std::size_t i = 0; i < n; ++i)
            out.push_back({DiffOp::remove, prefix + i});
        for (std::size_t j = 0; j < m; ++j)
            out.push_back({DiffOp::insert, prefix + j});
    } else {
        // lcs[i][j]: length of the LCS of a[prefix+i..] and b[prefix+j..].
        std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
        auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
        for (std::size_t i = n; i-- > 0;)
            for (std::size_t j = m; j-- > 0;)
                at(i, j) = a[prefix + i] == b[prefix + j] ? at(i + 1, j + 1) + 1
                                                          : std::max(at(i + 1, j), at(i, j + 1));
        std::size_t i = 0, j = 0;
        std::vector<Edit> removed, inserted;
        auto flush = [&] {
            out.insert(out.end(), removed.begin(), removed.end());
            out.insert(out.end(), inserted.begin(), inserted.end());
            removed.clear();
            inserted.clear();
        };
        while (i < n || j < m) {
            if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
                flush();
                out.push_back({DiffOp::equal, prefix + i});
                ++i, ++j;
            } else if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j))) {
                inserted.push_back({DiffOp::insert, prefix + j});
                ++j;
            } else {
                removed.push_back({DiffOp::remove, prefix + i});
                ++i;
            }
        }
        flush();
    }
    for (std::size_t i = 0; i < suffix; ++i)
        out.push_back({DiffOp::equal, a.size() - suffix + i});
    return out;
}

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
            ++i;
        const std::size_t start = i;
        while (i < text.size() && !(text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
            ++i;
        if (i > start) out.emplace_back(text.substr(start, i - start));
    }
    return out;
}

} // namespace

bool operator==(const DiffRun& a, const DiffRun& b) {
    return a.op == b.op && a.text == b.text;
}

std::vector<DiffRun> diff_words(std::string_view a_text, std::string_view b_text) {
    const auto a = words(a_text), b = words(b_text);
    std::vector<DiffRun> runs;
    for (const Edit& e : edit_script(a, b)) {
        const std::string& word = e.op == DiffOp::insert ? b[e.index] : a[e.index];
        if (!runs.empty() && runs.back().op == e.op)
            runs.back().text += " " + word;
        else
            runs.push_back({e.op, word});
    }
    return runs;
}

bool PolicyDiff::empty() const {
    return std::all_of(sections.begin(), sections.end(),
                       [](const SectionDiff& s) { return s.change == SectionChange::unchanged; });
}

namespace {

std::vector<ParagraphDiff> diff_paragraphs(const std::vector<std::string>& a,
                                           const std::vector<std::string>& b) {
    std::vector<ParagraphDiff> out;
    const auto script = edit_script(a, b);
    for (std::size_t k = 0; k < script.size();) {
        if (script[k].op == DiffOp::equal) {
            out.push_back({ParagraphChange::equal, a[script[k].index], {}});
            ++k;
            continue;
        }
        // A block of changes: removals, then insertions. Pair them in order as changed paragraphs.
        std::vector<std::size_t> removed, inserted;
        while (k < script.size() && script[k].op == DiffOp::remove)
            removed.push_back(script[k++].index);
        while (k < script.size() && script[k].op == DiffOp::insert)
            inserted.push_back(script[k++].index);
        const std::size_t pairs = std::min(removed.size(), inserted.size());
        for (std::size_t p = 0; p < pairs; ++p)
            out.push_back({ParagraphChange::change, {}, diff_words(a[removed[p]], b[inserted[p]])});
        for (std::size_t p = pairs; p < removed.size(); ++p)
            out.push_back({ParagraphChange::remove, a[removed[p]], {}});
        for (std::size_t p = pairs; p < inserted.size(); ++p)
            out.push_back({ParagraphChange::insert, b[inserted[p]], {}});
    }
    return out;
}

} // namespace

PolicyDiff diff_documents(const PolicyDocument& older, const PolicyDocument& newer) {
    PolicyDiff diff;
    for (const PolicySection& s : newer.sections) {
        SectionDiff d;
        d.id = s.id;
        d.number = s.number;
        d.title = s.title;
        if (const PolicySection* old = older.find(s.id)) {
            if (old->title != s.title) d.old_title = old->title;
            if (old->paragraphs != s.paragraphs || old->title != s.title) {
                d.change = SectionChange::changed;
                d.paragraphs = diff_paragraphs(old->paragraphs, s.paragraphs);
            }
        } else {
            d.change = SectionChange::added;
            for (const std::string& p : s.paragraphs)
                d.paragraphs.push_back({ParagraphChange::insert, p, {}});
        }
        diff.sections.push_back(std::move(d));
    }
    // Removed sections go after the nearest earlier section (in the older document) that is still
    // there, or first.
    std::size_t insert_at = 0;
    for (const PolicySection& s : older.sections) {
        const auto still = std::find_if(diff.sections.begin(), diff.sections.end(),
                                        [&](const SectionDiff& d) { return d.id == s.id; });
        if (still != diff.sections.end()) {
            insert_at = static_cast<std::size_t>(still - diff.sections.begin()) + 1;
            continue;
        }
        SectionDiff d;
        d.id = s.id;
        d.change = SectionChange::removed;
        d.number = s.number;
        d.title = s.title;
        for (const std::string& p : s.paragraphs)
            d.paragraphs.push_back({ParagraphChange::remove, p, {}});
        diff.sections.insert(diff.sections.begin() + static_cast<std::ptrdiff_t>(insert_at), std::move(d));
        ++insert_at;
    }
    return diff;
}

PolicyDiff diff_versions(const PolicyVersion& older, const PolicyVersion& newer) {
    PolicyDiff diff = diff_documents(older.document, newer.document);
    diff.from_version = older.number;
    diff.to_version = newer.number;
    return diff;
}

std::string diff_text(const PolicyDiff& diff, std::string_view language) {
    const bool en = language == "en";
    std::string out = (en ? "Changes from version " : "Ændringer fra version ") +
                      std::to_string(diff.from_version) + (en ? " to version " : " til version ") +
                      std::to_string(diff.to_version) + "\n";
    if (diff.empty()) return out + (en ? "No changes.\n" : "Ingen ændringer.\n");
    for (const SectionDiff& s : diff.sections) {
        if (s.change == SectionChange::unchanged) continue;
        const char* what = s.change == SectionChange::added     ? (en ? "added" : "tilføjet")
                           : s.change == SectionChange::removed ? (en ? "removed" : "fjernet")
                                                                : (en ? "changed" : "ændret");
        out += '\n';
        out += std::to_string(s.number);
        out += ". " + s.title + " (" + what + ")\n";
        if (!s.old_title.empty())
            out += (en ? "Title: [-" : "Overskrift: [-") + s.old_title + "-] {+" + s.title + "+}\n";
        for (const ParagraphDiff& p : s.paragraphs) {
            switch (p.change) {
            case ParagraphChange::equal:
                break;
            case ParagraphChange::insert:
                out += "+ " + p.text + "\n";
                break;
            case ParagraphChange::remove:
                out += "- " + p.text + "\n";
                break;
            case ParagraphChange::change: {
                std::string line;
                for (const DiffRun& r : p.runs) {
                    if (!line.empty()) line += ' ';
                    line += r.op == DiffOp::insert   ? "{+" + r.text + "+}"
                            : r.op == DiffOp::remove ? "[-" + r.text + "-]"
                                                     : r.text;
                }
                out += line + "\n";
                break;
            }
            }
        }
    }
    return out;
}

// ---- thresholds and alerts ----------------------------------------------------------------------

namespace {

std::optional<bool> yes_no(const json& answers, const char* key) {
    if (!answers.is_object()) return std::nullopt;
    const auto it = answers.find(key);
    if (it == answers.end() || !it->is_boolean()) return std::nullopt;
    return it->get<bool>();
}

// A number answered as an option id ("7") or a whole number (a scale).
std::optional<int> number(const json& answers, const char* key) {
    if (!answers.is_object()) return std::nullopt;
    const auto it = answers.find(key);
    if (it == answers.end()) return std::nullopt;
    if (it->is_number_integer()) {
        const long long n = it->get<long long>();
        if (n < 0 || n > 100000) return std::nullopt;
        return static_cast<int>(n);
    }
    if (!it->is_string()) return std::nullopt;
    const std::string& s = it->get_ref<const std::string&>();
    int n = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty() || n < 0) return std::nullopt;
    return n;
}

} // namespace

PolicyThresholds policy_thresholds(const json& answers) {
    PolicyThresholds t;
    t.contact_after_days = number(answers, "contact_after_days");
    t.frequent_absence_conversation = yes_no(answers, "frequent_absence_conversation");
    if (t.frequent_absence_conversation.value_or(false)) {
        t.frequent_spells = number(answers, "frequent_spells");
        t.frequent_months = number(answers, "frequent_months");
    }
    t.many_days_conversation = yes_no(answers, "many_days_conversation");
    if (t.many_days_conversation.value_or(false)) t.many_days = number(answers, "many_days");
    t.absence_conversation_weeks = number(answers, "absence_conversation_weeks");
    if (yes_no(answers, "sworn_statement").value_or(false))
        t.sworn_statement_from_day = number(answers, "sworn_statement_from_day");
    t.retention_years = number(answers, "retention_years");
    return t;
}

namespace {

AlertRuleChoice* first_of_kind(AlertChoices& choices, const AlertSettings& defaults, AlertKind kind) {
    for (AlertRuleChoice& c : choices.rules)
        if (const AlertRule* rule = defaults.find(c.id); rule && rule->kind == kind) return &c;
    return nullptr;
}

// The policy's own steps are named (alerts-default.json): their kinds hold other rules too.
AlertRuleChoice* step_named(AlertChoices& choices, const AlertSettings& defaults, std::string_view id) {
    if (!defaults.find(id)) return nullptr;
    for (AlertRuleChoice& c : choices.rules)
        if (c.id == id) return &c;
    return nullptr;
}

} // namespace

AlertChoices alert_choices_from_policy(const json& answers, const AlertSettings& defaults,
                                       const AlertChoices& current, std::vector<std::string>* set) {
    AlertChoices out = choices_of(apply_choices(defaults, current));
    const PolicyThresholds t = policy_thresholds(answers);
    // Each rule the policy speaks about is named in `set`, whatever it says.
    const auto says = [&](AlertRuleChoice* c, bool speaks) {
        if (c && speaks && set) set->push_back(c->id);
        return c && speaks;
    };
    if (AlertRuleChoice* c = first_of_kind(out, defaults, AlertKind::continuous_days);
        says(c, t.contact_after_days.has_value())) {
        c->enabled = true;
        c->days = *t.contact_after_days;
    }
    if (AlertRuleChoice* c = first_of_kind(out, defaults, AlertKind::spells_in_months);
        says(c, t.frequent_absence_conversation.has_value())) {
        c->enabled = *t.frequent_absence_conversation;
        if (c->enabled && t.frequent_spells && t.frequent_months) {
            c->spells = *t.frequent_spells;
            c->months = *t.frequent_months;
        }
    }
    if (AlertRuleChoice* c = first_of_kind(out, defaults, AlertKind::days_in_months);
        says(c, t.many_days_conversation.has_value())) {
        c->enabled = *t.many_days_conversation;
        if (c->enabled && t.many_days) {
            c->days = *t.many_days;
            c->months = 12;
        }
    }
    // "Senest N uger efter første sygedag" is day 7N + 1 (day 1 = the first sick day, as the law's
    // 4 weeks are day 29, docs/deadlines.md). Not earlier than the law: the law's step covers it.
    if (AlertRuleChoice* c = step_named(out, defaults, policy_alert::conversation);
        says(c, t.absence_conversation_weeks.has_value())) {
        const int day = 7 * *t.absence_conversation_weeks + 1;
        c->enabled = day < law_conversation_day;
        if (c->enabled) c->days = day;
    }
    // The day from which the organisation asks for documentation; no documentation: off.
    const std::optional<bool> asks = yes_no(answers, "sworn_statement");
    if (AlertRuleChoice* c = step_named(out, defaults, policy_alert::documentation);
        says(c, t.sworn_statement_from_day.has_value() || (asks && !*asks))) {
        c->enabled = t.sworn_statement_from_day.has_value();
        if (c->enabled) c->days = *t.sworn_statement_from_day;
    }
    return out;
}

namespace {

std::string plural(int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "7 dage i træk", "3 sygeperioder inden for 3 måneder", ...
std::string limit_text(const AlertRule& r, bool en) {
    switch (r.kind) {
    case AlertKind::continuous_days:
        return en ? plural(r.days, "day", "days") + " in a row" : plural(r.days, "dag", "dage") + " i træk";
    case AlertKind::spells_in_months:
        return en ? plural(r.spells, "spell", "spells") + " within " + plural(r.months, "month", "months")
                  : plural(r.spells, "sygeperiode", "sygeperioder") + " inden for " +
                        plural(r.months, "måned", "måneder");
    case AlertKind::days_in_months: {
        std::string s =
            en ? plural(r.days, "sick day", "sick days") + " within " + plural(r.months, "month", "months")
               : plural(r.days, "sygedag", "sygedage") + " inden for " + plural(r.months, "måned", "måneder");
        if (r.count == DayCount::working) s += en ? " (working days)" : " (arbejdsdage)";
        return s;
    }
    case AlertKind::bradford:
        return en ? "Bradford factor " + std::to_string(r.threshold) + " over " +
                        plural(r.weeks, "week", "weeks")
                  : "Bradford-faktor " + std::to_string(r.threshold) + " over " +
                        plural(r.weeks, "uge", "uger");
    case AlertKind::spell_day:
        return en ? "day " + std::to_string(r.days) + " of the absence"
                  : std::to_string(r.days) + ". sygedag";
    }
    return {};
}

} // namespace

std::vector<AlertChange> preview_alert_changes(const AlertSettings& defaults, const AlertChoices& current,
                                               const AlertChoices& proposed) {
    const AlertSettings before = apply_choices(defaults, current);
    const AlertSettings after = apply_choices(defaults, proposed);
    std::vector<AlertChange> out;
    for (const AlertRule& rule : defaults.rules) {
        const AlertRule* a = before.find(rule.id);
        const AlertRule* b = after.find(rule.id);
        if (!a || !b || (!a->enabled && !b->enabled)) continue;
        AlertChange change{rule.id, rule.title_da + ": ", rule.title_en + ": "};
        if (!a->enabled) {
            change.text_da += "slås til (" + limit_text(*b, false) + ").";
            change.text_en += "turned on (" + limit_text(*b, true) + ").";
        } else if (!b->enabled) {
            change.text_da += "slås fra (var " + limit_text(*a, false) + ").";
            change.text_en += "turned off (was " + limit_text(*a, true) + ").";
        } else if (limit_text(*a, false) != limit_text(*b, false)) {
            change.text_da += "ændres fra " + limit_text(*a, false) + " til " + limit_text(*b, false) + ".";
            change.text_en += "changes from " + limit_text(*a, true) + " to " + limit_text(*b, true) + ".";
        } else {
            continue;
        }
        out.push_back(std::move(change));
    }
    return out;
}

bool is_approved_policy_data(const json& data) {
    const auto status = data.find("status");
    return data.is_object() && status != data.end() && status->is_string() &&
           status->get_ref<const std::string&>() == to_string(PolicyStatus::approved);
}

std::optional<int> retention_years_from_policy(const json& answers) {
    const std::optional<int> years = policy_thresholds(answers).retention_years;
    if (!years || *years < retention_limits::min_years || *years > retention_limits::max_years) return std::nullopt;
    return years;
}

std::optional<AlertChange> preview_retention_change(int current_years, const json& answers) {
    const std::optional<int> years = retention_years_from_policy(answers);
    if (!years || *years == current_years) return std::nullopt;
    const auto da = [](int n) { return plural(n, "år", "år"); };
    const auto en = [](int n) { return plural(n, "year", "years"); };
    return AlertChange{"record_retention_years",
                       "Opbevaring af referater: ændres fra " + da(current_years) + " til " + da(*years) +
                           " efter sagens afslutning.",
                       "Keeping records: changes from " + en(current_years) + " to " + en(*years) +
                           " after the case closed."};
}

} // namespace naervaer
