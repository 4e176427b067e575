#include "naervaer/referral.hpp"

#include "json_fields.hpp"
#include "naervaer/calendar.hpp"
#include "naervaer/reassessment.hpp" // counts_as_sickness_benefit
#include "naervaer/timeline.hpp"     // not_expected_back_within

#include <algorithm>
#include <array>

namespace naervaer {

using nlohmann::json;

// ---- names --------------------------------------------------------------------------------------

std::string_view to_string(FastTrackBlock b) {
    switch (b) {
    case FastTrackBlock::not_covered:
        return "not_covered";
    case FastTrackBlock::no_rule_set:
        return "no_rule_set";
    case FastTrackBlock::before_absence:
        return "before_absence";
    case FastTrackBlock::absence_ended:
        return "absence_ended";
    case FastTrackBlock::already_requested:
        return "already_requested";
    case FastTrackBlock::expected_back:
        return "expected_back";
    case FastTrackBlock::expectation_unknown:
        return "expectation_unknown";
    case FastTrackBlock::window_closed:
        return "window_closed";
    }
    return "not_covered";
}

std::string_view to_string(ReferralAlternative a) {
    return a == ReferralAlternative::retention_plan ? "retention_plan" : "contact_request";
}

std::string_view to_string(ReferralKind k) {
    return k == ReferralKind::fast_track ? "fast_track" : "contact_request";
}

std::optional<ReferralKind> referral_kind_from_string(std::string_view s) {
    if (s == "fast_track") return ReferralKind::fast_track;
    if (s == "contact_request") return ReferralKind::contact_request;
    return std::nullopt;
}

namespace {

struct StatusName {
    ReferralStatus status;
    std::string_view id, da, en;
};
constexpr std::array<StatusName, 6> status_names{{
    {ReferralStatus::draft, "draft", "Kladde", "Draft"},
    {ReferralStatus::sent, "sent", "Sendt", "Sent"},
    {ReferralStatus::received, "received", "Modtaget", "Received"},
    {ReferralStatus::meeting_booked, "meeting_booked", "Møde aftalt", "Meeting booked"},
    {ReferralStatus::answered, "answered", "Besvaret", "Answered"},
    {ReferralStatus::closed, "closed", "Afsluttet", "Closed"},
}};

const StatusName& name_of(ReferralStatus s) {
    for (const auto& n : status_names)
        if (n.status == s) return n;
    return status_names[0];
}

} // namespace

std::string_view to_string(ReferralStatus s) {
    return name_of(s).id;
}
std::string_view status_label_da(ReferralStatus s) {
    return name_of(s).da;
}
std::string_view status_label_en(ReferralStatus s) {
    return name_of(s).en;
}

std::optional<ReferralStatus> referral_status_from_string(std::string_view s) {
    for (const auto& n : status_names)
        if (n.id == s) return n.status;
    return std::nullopt;
}

std::string_view to_string(IndicatorStatus s) {
    switch (s) {
    case IndicatorStatus::open:
        return "open";
    case IndicatorStatus::met:
        return "met";
    case IndicatorStatus::late:
        return "late";
    case IndicatorStatus::overdue:
        return "overdue";
    }
    return "open";
}

// ---- eligibility --------------------------------------------------------------------------------

namespace {

std::string days_da(int n) {
    return std::to_string(n) + (n == 1 ? " dag" : " dage");
}
std::string days_en(int n) {
    return std::to_string(n) + (n == 1 ? " day" : " days");
}

void add_sentence(std::string& text, const std::string& sentence) {
    if (!text.empty()) text += ' ';
    text += sentence;
}

AlternativeOption retention_plan_option(const Rule* rule) {
    AlternativeOption o;
    o.id = ReferralAlternative::retention_plan;
    o.title_da = "Fastholdelsesplan";
    o.title_en = "Retention plan";
    o.text_da = "Medarbejderen kan når som helst bede om en fastholdelsesplan, som I laver sammen; "
                "loven sætter ingen frist for den.";
    o.text_en = "The employee may ask for a retention plan at any time, made jointly; the law sets no "
                "deadline for it.";
    o.source = rule ? rule->source : "Sygedagpengeloven § 7 b";
    return o;
}

AlternativeOption contact_request_option() {
    AlternativeOption o;
    o.id = ReferralAlternative::contact_request;
    o.title_da = "Henvendelse til jobcentret";
    o.title_en = "Contact request to the jobcentre";
    o.text_da = "Spørg jobcentrets fastholdelsesteam til råd om medarbejderen, uden CPR-nummer og uden "
                "frist.";
    o.text_en = "Ask the jobcentre's retention team for advice about the employee, without a CPR number "
                "and without a deadline.";
    o.source = "Jobcentrenes servicestandarder (seed 001) og servicepakke (seed 000)";
    return o;
}

} // namespace

FastTrackEligibility fast_track_eligibility(std::span<const RuleSet> sets, const AbsenceSpell& spell, Date day,
                                            std::optional<Date> requested_on) {
    FastTrackEligibility out;
    out.absence_day = day - spell.first_day + 1;
    auto block = [&](FastTrackBlock b, const std::string& da, const std::string& en) {
        out.blocks.push_back(b);
        add_sentence(out.reason_da, da);
        add_sentence(out.reason_en, en);
    };

    const RuleSet* set = rule_set_in_force(sets, spell.first_day);
    const Rule* window = set ? set->find("fast_track_window") : nullptr;
    // Only a window counted from the first sick day is understood here (both shipped sets).
    if (window && (window->kind != RuleKind::window || window->anchor != RuleAnchor::first_sick_day)) window = nullptr;
    const Rule* plan = set ? set->find("retention_plan") : nullptr;
    const int weeks = set ? set->expected_absence_weeks : 8;
    const bool covered = counts_as_sickness_benefit(spell);
    const bool not_back = not_expected_back_within(spell, weeks);
    const bool ended = spell.last_day && *spell.last_day < day;

    if (set) out.rule_set_id = set->id;
    if (window) {
        out.last_day = spell.first_day.plus_days(window->offset_days);
        out.days_left = *out.last_day - day;
        out.source = window->source;
    }

    if (!covered)
        block(FastTrackBlock::not_covered, "Fraværet er ikke omfattet af sygedagpengeloven, så der kan ikke anmodes om fast track.",
              "The absence is not under the Sickness Benefit Act, so fast track cannot be requested.");
    if (covered && !window)
        block(FastTrackBlock::no_rule_set,
              "Der er ingen regler for fast track for et fravær med første sygedag " + spell.first_day.danish() + ".",
              "There are no fast-track rules for an absence whose first sick day is " + spell.first_day.danish() + ".");
    if (day < spell.first_day)
        block(FastTrackBlock::before_absence, "Fraværet er ikke begyndt: første sygedag er " + spell.first_day.danish() + ".",
              "The absence has not begun: the first sick day is " + spell.first_day.danish() + ".");
    if (ended)
        block(FastTrackBlock::absence_ended,
              "Fraværet sluttede " + spell.last_day->danish() + "; fast track gælder et igangværende fravær.",
              "The absence ended on " + spell.last_day->danish() + "; fast track is for an ongoing absence.");
    if (requested_on)
        block(FastTrackBlock::already_requested, "Der er anmodet om fast track " + requested_on->danish() + ".",
              "Fast track was requested on " + requested_on->danish() + ".");
    if (window && window->conditions.not_expected_back_within_8_weeks &&
        *window->conditions.not_expected_back_within_8_weeks != not_back) {
        // An ongoing case that says neither way has not answered the question: say so instead of
        // asserting that the employee will be back.
        const bool unknown = spell.ongoing() && !spell.not_expected_back_within_8_weeks && !spell.expected_return;
        if (unknown)
            block(FastTrackBlock::expectation_unknown,
                  "Det er ikke oplyst, om medarbejderen forventes tilbage inden for " + std::to_string(weeks) +
                      " uger. Svar på det på sagen: fast track kræver, at fraværet forventes at vare længere.",
                  "It is not recorded whether the employee is expected back within " + std::to_string(weeks) +
                      " weeks. Answer that on the case: fast track needs an absence expected to last longer.");
        else
            block(FastTrackBlock::expected_back,
                  "Medarbejderen forventes tilbage inden for " + std::to_string(weeks) +
                      " uger; fast track kræver, at fraværet forventes at vare længere.",
                  "The employee is expected back within " + std::to_string(weeks) +
                      " weeks; fast track needs an absence expected to last longer.");
    }
    if (window && out.days_left < 0) {
        // The window's length as the rule gives it: whole weeks only when it is whole weeks.
        const int window_days = window->offset_days + 1;
        const bool whole_weeks = window_days % 7 == 0;
        const std::string length_da = whole_weeks ? std::to_string(window_days / 7) + " uger" : days_da(window_days);
        const std::string length_en = whole_weeks ? std::to_string(window_days / 7) + " weeks" : days_en(window_days);
        block(FastTrackBlock::window_closed,
              "Fristen var " + out.last_day->danish() + " (dag " + std::to_string(window_days) +
                  "): anmodningen skal ske inden for de første " + length_da + " af fraværet, og " + day.danish() +
                  " er dag " + std::to_string(out.absence_day) + ".",
              "The deadline was " + out.last_day->danish() + " (day " + std::to_string(window_days) +
                  "): the request must be made within the first " + length_en + " of absence, and " +
                  day.danish() + " is day " + std::to_string(out.absence_day) + ".");
    }

    out.eligible = out.blocks.empty();
    if (out.eligible) {
        const std::string until_da = "Du kan anmode om fast track til og med " + out.last_day->danish() + " (dag " +
                                     std::to_string(window->offset_days + 1) + " af fraværet). ";
        const std::string until_en = "You can ask for fast track up to and including " + out.last_day->danish() +
                                     " (day " + std::to_string(window->offset_days + 1) + " of the absence). ";
        if (out.days_left == 0) {
            out.reason_da = until_da + day.danish() + " er sidste dag.";
            out.reason_en = until_en + day.danish() + " is the last day.";
        } else {
            out.reason_da = until_da + day.danish() + " er dag " + std::to_string(out.absence_day) + ": " +
                            days_da(out.days_left) + " tilbage.";
            out.reason_en = until_en + day.danish() + " is day " + std::to_string(out.absence_day) + ": " +
                            days_en(out.days_left) + " left.";
        }
    }

    // What else fits: the retention plan under its own rule's condition while the employee is
    // still away; a contact request always.
    const bool plan_condition =
        plan && (!plan->conditions.not_expected_back_within_8_weeks ||
                 *plan->conditions.not_expected_back_within_8_weeks == not_back);
    if (covered && plan_condition && !ended && day >= spell.first_day) out.alternatives.push_back(retention_plan_option(plan));
    out.alternatives.push_back(contact_request_option());
    return out;
}

// ---- routing ------------------------------------------------------------------------------------

ReferralRoute route_referral(const Municipalities& all, std::string_view home_municipality_code) {
    return ReferralRoute{all.find_by_code(home_municipality_code)};
}

// ---- status -------------------------------------------------------------------------------------

bool can_change_status(ReferralStatus from, ReferralStatus to, ReferralActor actor) {
    using S = ReferralStatus;
    if (from == to || from == S::closed) return false;
    // A draft is the employer's alone: sent, or deleted (never closed, never seen by the jobcentre).
    if (from == S::draft) return actor == ReferralActor::employer && to == S::sent;
    if (to == S::draft) return false;
    if (actor == ReferralActor::employer) return to == S::closed;
    switch (from) {
    case S::draft:
        return false;
    case S::sent:
        return to == S::received || to == S::closed;
    case S::received:
        return to == S::meeting_booked || to == S::answered || to == S::closed;
    case S::meeting_booked:
        return to == S::answered || to == S::closed;
    case S::answered:
        return to == S::meeting_booked || to == S::closed;
    case S::closed:
        return false;
    }
    return false;
}

std::vector<ReferralStatus> next_statuses(ReferralStatus from, ReferralActor actor) {
    std::vector<ReferralStatus> out;
    for (const auto& n : status_names)
        if (can_change_status(from, n.status, actor)) out.push_back(n.status);
    return out;
}

// ---- service standards: the data ----------------------------------------------------------------

std::string_view to_string(StandardMeasure m) {
    return m == StandardMeasure::meeting ? "meeting" : "acknowledged";
}

bool ServiceStandardAgreement::covers(std::string_view municipality_code) const {
    return std::find(municipality_codes.begin(), municipality_codes.end(), municipality_code) !=
           municipality_codes.end();
}

const ServiceStandardAgreement* ServiceStandards::for_municipality(std::string_view municipality_code) const {
    const ServiceStandardAgreement* fallback = nullptr;
    for (const auto& a : agreements) {
        if (a.covers(municipality_code)) return &a;
        if (a.is_default) fallback = &a;
    }
    return municipality_code.empty() ? nullptr : fallback;
}

namespace {

bool is_municipality_code(const std::string& s) {
    return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string indexed(const std::string& base, std::size_t i) {
    return base + "[" + std::to_string(i) + "]";
}

} // namespace

ServiceStandardsParse parse_service_standards(std::string_view json_text) {
    using detail::Fields;
    ServiceStandardsParse out;
    auto& errors = out.errors;
    const json j = detail::parse_data_file(json_text, errors);
    if (j.is_discarded()) return out;
    Fields f(j, "", errors);
    f.only({"schema", "source", "note_en", "agreements"});
    f.schema(1);
    ServiceStandards result;
    result.source = f.text("source", true);
    std::vector<std::string> codes_seen, ids_seen;
    if (const json* list = f.get("agreements", true)) {
        if (!list->is_array()) {
            f.error("agreements", "expected an array");
        } else {
            for (std::size_t i = 0; i < list->size(); ++i) {
                const std::string path = indexed("agreements", i);
                Fields a((*list)[i], path, errors);
                a.only({"id", "title_da", "title_en", "source", "default", "municipality_codes", "standards"});
                ServiceStandardAgreement agreement;
                agreement.id = a.text("id", true);
                agreement.is_default = a.boolean("default").value_or(false);
                if (agreement.is_default &&
                    std::any_of(result.agreements.begin(), result.agreements.end(),
                                [](const ServiceStandardAgreement& other) { return other.is_default; }))
                    a.error("default", "only one agreement is the default");
                agreement.title_da = a.text("title_da", true);
                agreement.title_en = a.text("title_en", true);
                agreement.source = a.text("source", true);
                if (!agreement.id.empty()) {
                    if (std::find(ids_seen.begin(), ids_seen.end(), agreement.id) != ids_seen.end())
                        a.error("id", "duplicate id \"" + agreement.id + "\"");
                    ids_seen.push_back(agreement.id);
                }
                if (agreement.is_default) {
                    if (a.get("municipality_codes", false))
                        a.error("municipality_codes", "the default agreement names no municipality");
                } else if (const json* codes = a.get("municipality_codes", true)) {
                    if (!codes->is_array() || codes->empty()) {
                        a.error("municipality_codes", "expected a non-empty array of 3-digit codes");
                    } else {
                        for (std::size_t k = 0; k < codes->size(); ++k) {
                            const json& c = (*codes)[k];
                            const std::string cpath = indexed(a.path("municipality_codes"), k);
                            if (!c.is_string() || !is_municipality_code(c.get_ref<const std::string&>())) {
                                errors.push_back(cpath + ": expected a 3-digit municipality code");
                                continue;
                            }
                            const std::string& code = c.get_ref<const std::string&>();
                            if (std::find(codes_seen.begin(), codes_seen.end(), code) != codes_seen.end())
                                errors.push_back(cpath + ": municipality " + code +
                                                 " is listed twice (a jobcentre keeps one set of promises)");
                            codes_seen.push_back(code);
                            agreement.municipality_codes.push_back(code);
                        }
                    }
                }
                if (const json* standards = a.get("standards", true)) {
                    if (!standards->is_array() || standards->empty()) {
                        a.error("standards", "expected a non-empty array");
                    } else {
                        for (std::size_t k = 0; k < standards->size(); ++k) {
                            Fields st((*standards)[k], indexed(a.path("standards"), k), errors);
                            st.only({"id", "measures", "working_days", "title_da", "title_en", "source"});
                            ServiceStandard standard;
                            standard.id = st.text("id", true);
                            const std::string measures = st.text("measures", true);
                            if (measures == "meeting")
                                standard.measures = StandardMeasure::meeting;
                            else if (measures == "acknowledged")
                                standard.measures = StandardMeasure::acknowledged;
                            else if (!measures.empty())
                                st.error("measures", "expected \"acknowledged\" or \"meeting\", not \"" + measures + "\"");
                            standard.working_days = st.integer("working_days", true, 0, 30).value_or(0);
                            standard.title_da = st.text("title_da", true);
                            standard.title_en = st.text("title_en", true);
                            standard.source = st.text("source", true);
                            if (!standard.id.empty() &&
                                std::any_of(agreement.standards.begin(), agreement.standards.end(),
                                            [&](const ServiceStandard& other) { return other.id == standard.id; }))
                                st.error("id", "duplicate id \"" + standard.id + "\"");
                            agreement.standards.push_back(std::move(standard));
                        }
                    }
                }
                result.agreements.push_back(std::move(agreement));
            }
        }
    }
    if (errors.empty()) out.standards = std::move(result);
    return out;
}

std::vector<std::string> check_service_standards(const ServiceStandards& standards, const Municipalities& all) {
    std::vector<std::string> errors;
    for (std::size_t i = 0; i < standards.agreements.size(); ++i) {
        const auto& codes = standards.agreements[i].municipality_codes;
        for (std::size_t k = 0; k < codes.size(); ++k)
            if (!all.find_by_code(codes[k]))
                errors.push_back(indexed(indexed("agreements", i) + ".municipality_codes", k) + ": no municipality " +
                                 codes[k]);
    }
    return errors;
}

// ---- service indicators -------------------------------------------------------------------------

namespace {

ServiceIndicator indicator(std::string id, Date due, std::optional<Date> done, Date today) {
    ServiceIndicator i;
    i.id = std::move(id);
    i.due = due;
    i.done_on = done;
    i.days_left = due - today;
    // Past the due day it is overdue even before a working day has gone by (a weekend or holiday
    // right after it): never 0, which means "due today".
    i.working_days_left =
        today <= due ? working_days_between(today, due) : -std::max(1, working_days_between(due, today));
    if (done) i.status = *done <= due ? IndicatorStatus::met : IndicatorStatus::late;
    else i.status = today > due ? IndicatorStatus::overdue : IndicatorStatus::open;
    return i;
}

} // namespace

std::vector<ServiceIndicator> service_indicators(const ReferralDates& dates, Date today,
                                                 const ServiceStandards& standards, const RuleSet* rules) {
    std::vector<ServiceIndicator> out;
    // What the jobcentre promised, if it promised anything.
    if (const ServiceStandardAgreement* promised = standards.for_municipality(dates.municipality_code)) {
        // Received on the day it was sent, or on the next working day when sent on a weekend or holiday.
        const Date received = add_working_days(dates.sent_on, 0);
        for (const ServiceStandard& standard : promised->standards) {
            const std::optional<Date> done =
                standard.measures == StandardMeasure::acknowledged ? dates.acknowledged_on : dates.meeting_on;
            ServiceIndicator i = indicator(standard.id, add_working_days(received, standard.working_days), done, today);
            i.title_da = standard.title_da;
            i.title_en = standard.title_en;
            i.source = standard.source;
            out.push_back(std::move(i));
        }
    }

    if (dates.kind == ReferralKind::fast_track) {
        int offset = 14; // law.md: "within 2 weeks of the request"
        std::string source = "Sygedagpengeloven § 13 b, stk. 2";
        if (rules)
            if (const Rule* r = rules->find("municipality_follow_up_after_fast_track");
                r && r->anchor == RuleAnchor::fast_track_request) {
                offset = r->offset_days;
                source = r->source;
            }
        const Date requested = dates.fast_track_requested_on.value_or(dates.sent_on);
        ServiceIndicator first = indicator("first_conversation_within_2_weeks", requested.plus_days(offset),
                                           dates.first_conversation_on, today);
        first.title_da = "Kommunens første opfølgningssamtale inden for 2 uger efter anmodningen";
        first.title_en = "The municipality's first follow-up conversation within 2 weeks of the request";
        first.source = std::move(source);
        out.push_back(std::move(first));
    }
    return out;
}

// ---- text ---------------------------------------------------------------------------------------

std::size_t utf8_length(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text)
        if ((c & 0xc0) != 0x80) ++n;
    return n;
}

namespace {

// Byte length of the first `points` code points of `text`.
std::size_t prefix_bytes(std::string_view text, std::size_t points) {
    std::size_t i = 0, seen = 0;
    while (i < text.size()) {
        if ((static_cast<unsigned char>(text[i]) & 0xc0) != 0x80) {
            if (seen == points) return i;
            ++seen;
        }
        ++i;
    }
    return text.size();
}

// Wraps one paragraph (no line breaks) into `lines`: the first line starts with `prefix`, later
// ones with `indent`; afterwards `prefix` is `indent`, so a next paragraph continues indented.
void wrap_paragraph(std::string_view para, std::size_t width, std::string_view& prefix, std::string_view indent,
                    std::vector<std::string>& lines) {
    std::string line(prefix);
    std::size_t used = utf8_length(prefix);
    bool has_word = false;
    bool pushed = false;
    auto push = [&] {
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        lines.push_back(std::move(line));
        line.assign(indent);
        used = utf8_length(indent);
        has_word = false;
        pushed = true;
    };
    std::size_t i = 0;
    while (i < para.size()) {
        if (para[i] == ' ') {
            ++i;
            continue;
        }
        std::size_t end = para.find(' ', i);
        if (end == std::string_view::npos) end = para.size();
        std::string_view word = para.substr(i, end - i);
        i = end;
        while (!word.empty()) {
            const std::size_t need = utf8_length(word) + (has_word ? 1 : 0);
            if (used + need <= width) {
                if (has_word) line += ' ';
                line.append(word);
                used += need;
                has_word = true;
                break;
            }
            if (has_word) {
                push();
                continue;
            }
            // The word alone does not fit on a line: break it where the line is full.
            const std::size_t cut = prefix_bytes(word, width > used ? width - used : 1);
            line.append(word.substr(0, cut));
            word.remove_prefix(cut);
            has_word = true;
            if (!word.empty()) push();
        }
    }
    // The last words, or an empty paragraph as a line of its own (the prefix without spaces).
    if (has_word || !pushed) push();
    prefix = indent;
}

} // namespace

std::vector<std::string> wrap_text(std::string_view text, std::size_t width, std::string_view first_prefix,
                                   std::string_view indent) {
    std::vector<std::string> lines;
    if (width < 2) width = 2;
    std::string_view prefix = first_prefix;
    std::size_t start = 0;
    while (true) {
        std::size_t end = text.find('\n', start);
        std::string_view para = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (!para.empty() && para.back() == '\r') para.remove_suffix(1);
        wrap_paragraph(para, width, prefix, indent, lines);
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return lines;
}

namespace {

constexpr std::size_t text_width = 80;

const json& answer(const json& answers, std::string_view id) {
    static const json null_value;
    if (!answers.is_object()) return null_value;
    const auto it = answers.find(std::string(id));
    return it == answers.end() ? null_value : *it;
}

std::string string_answer(const json& answers, std::string_view id) {
    const json& v = answer(answers, id);
    if (!v.is_string()) return {};
    std::string s = v.get<std::string>();
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    s.erase(0, first);
    s.erase(s.find_last_not_of(" \t\r\n") + 1);
    return s;
}

std::optional<Date> date_answer(const json& answers, std::string_view id) {
    const json& v = answer(answers, id);
    if (!v.is_string()) return std::nullopt;
    return Date::parse_iso(v.get_ref<const std::string&>());
}

std::string label_of(const std::vector<LabelledId>& items, std::string_view id) {
    for (const auto& i : items)
        if (i.id == id) return i.label_da;
    return std::string(id);
}

std::string choice_answer(const FormTemplate& form, const json& answers, std::string_view id) {
    const json& v = answer(answers, id);
    const Field* f = form.find(id);
    if (!v.is_string() || !f) return {};
    return label_of(f->options, v.get_ref<const std::string&>());
}

std::string multi_choice_answer(const FormTemplate& form, const json& answers, std::string_view id) {
    const json& v = answer(answers, id);
    const Field* f = form.find(id);
    std::string out;
    if (!v.is_array() || !f) return out;
    for (const auto& item : v)
        if (item.is_string()) out += (out.empty() ? "" : ", ") + label_of(f->options, item.get_ref<const std::string&>());
    return out;
}

struct TaskRow {
    std::string text, column;
};
std::vector<TaskRow> task_rows(const FormTemplate& form, const json& answers, std::string_view id) {
    std::vector<TaskRow> rows;
    const json& v = answer(answers, id);
    const Field* f = form.find(id);
    if (!v.is_array() || !f) return rows;
    for (const auto& row : v) {
        if (!row.is_object()) continue;
        TaskRow r;
        if (const auto t = row.find("text"); t != row.end() && t->is_string()) r.text = t->get<std::string>();
        if (const auto c = row.find("column"); c != row.end() && c->is_string())
            r.column = label_of(f->columns, c->get_ref<const std::string&>());
        if (r.text.find_first_not_of(" \t\r\n") != std::string::npos) rows.push_back(std::move(r));
    }
    return rows;
}

class Block {
  public:
    void line(std::string_view text = {}) { add(text, {}, {}); }
    // "Label: value", continuation lines indented under the value's start.
    void labelled(std::string_view label, std::string_view value) {
        const std::string prefix = std::string(label) + ": ";
        add(value, prefix, "   ");
    }
    void item(std::string_view text, std::string_view indent = "   ") {
        const std::string prefix = std::string(indent) + "- ";
        add(text, prefix, std::string(indent) + "  ");
    }
    std::string str() const {
        std::string out;
        for (const auto& l : lines_)
            out.append(l).append("\n");
        return out;
    }

  private:
    void add(std::string_view text, std::string_view prefix, std::string_view indent) {
        for (auto& l : wrap_text(text, text_width, prefix, indent))
            lines_.push_back(std::move(l));
    }
    std::vector<std::string> lines_;
};

} // namespace

std::string nemrefusion_text(const FormTemplate& form, const json& answers, std::string_view employer_name) {
    Block b;
    b.line("Anmodning om tidlig opfølgning (fast track), sygedagpengeloven § 7 c");
    if (!employer_name.empty()) b.labelled("Arbejdsgiver", employer_name);
    std::string employee = string_answer(answers, "employee_name");
    if (const std::string job = string_answer(answers, "job_title"); !job.empty())
        employee += (employee.empty() ? "" : ", ") + job;
    if (!employee.empty()) b.labelled("Medarbejder", employee);
    if (const auto first = date_answer(answers, "first_sick_day")) {
        const json& partial = answer(answers, "partial");
        std::string text = first->danish();
        if (partial.is_boolean() && partial.get<bool>()) text += " (delvist sygemeldt)";
        b.labelled("Første sygedag", text);
    }
    if (const std::string d = choice_answer(form, answers, "expected_duration"); !d.empty())
        b.labelled("Forventet varighed", d);
    if (const auto back = date_answer(answers, "expected_return")) b.labelled("Forventet tilbage", back->danish());

    // The three questions of bek. 1710/2024 § 3, in its order.
    b.line();
    b.line("Arbejdsgiverens svar (bek. nr. 1710 af 30/12/2024 § 3):");
    const auto tasks = task_rows(form, answers, "tasks");
    const std::string limitations = string_answer(answers, "limitations");
    if (tasks.empty() && limitations.empty()) {
        b.labelled("1. Påvirkede arbejdsfunktioner", "Ikke besvaret");
    } else {
        b.line("1. Påvirkede arbejdsfunktioner:");
        for (const auto& t : tasks)
            b.item(t.column.empty() ? t.text : t.column + ": " + t.text);
        if (!limitations.empty()) b.labelled("   Begrænsninger", limitations);
    }
    const std::string since = string_answer(answers, "affected_since");
    b.labelled("2. Hvor længe har sygdommen påvirket arbejdet", since.empty() ? "Ikke besvaret" : since);
    const json& adapted = answer(answers, "work_adapted");
    b.labelled("3. Er arbejdet tilpasset medarbejderens tilstand",
               adapted.is_boolean() ? (adapted.get<bool>() ? "Ja" : "Nej") : "Ikke besvaret");
    if (adapted.is_boolean() && adapted.get<bool>())
        for (const auto& t : task_rows(form, answers, "adjustments_tried"))
            b.item(t.text);

    const std::string offers = multi_choice_answer(form, answers, "workplace_offers");
    const auto adjustments = task_rows(form, answers, "adjustments");
    const std::string other_tasks = string_answer(answers, "other_tasks");
    const std::string note = string_answer(answers, "offer_note");
    if (!offers.empty() || !adjustments.empty() || !other_tasks.empty() || !note.empty()) {
        b.line();
        b.labelled("Arbejdspladsen kan tilbyde", offers.empty() ? "se nedenfor" : offers);
        for (const auto& t : adjustments)
            b.item(t.text);
        if (!other_tasks.empty()) b.labelled("   Andre opgaver", other_tasks);
        if (!note.empty()) b.labelled("   Bemærkninger", note);
    }

    const auto informed_on = date_answer(answers, "employee_informed_on");
    const std::string informed_how = choice_answer(form, answers, "employee_informed_how");
    if (informed_on || !informed_how.empty()) {
        b.line();
        std::string text = informed_on ? informed_on->danish() : std::string();
        if (!informed_how.empty()) text += (text.empty() ? "" : ", ") + informed_how;
        b.labelled("Medarbejderen er orienteret", text);
    }

    std::string contact = string_answer(answers, "contact_name");
    if (const std::string role = string_answer(answers, "contact_role"); !role.empty())
        contact += (contact.empty() ? "" : ", ") + role;
    if (const std::string phone = string_answer(answers, "contact_phone"); !phone.empty())
        contact += (contact.empty() ? "tlf. " : ", tlf. ") + phone;
    if (const std::string email = string_answer(answers, "contact_email"); !email.empty())
        contact += (contact.empty() ? "" : ", ") + email;
    if (!contact.empty()) b.labelled("Kontaktperson", contact);
    return b.str();
}

} // namespace naervaer
