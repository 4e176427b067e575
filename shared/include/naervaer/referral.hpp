#pragma once
// Fast-track referrals and contact requests to the jobcentre (docs/referrals.md): whether a case may
// ask for fast track on a day and what else fits, the service standards of the jobcentres that
// promised them (assets/jobcenter/service_standards.json) and the legal deadline as dated
// indicators, the text block to paste into NemRefusion, the referral's status model, and routing
// to the jobcentre of the employee's home municipality. Pure functions, nothing throws (shared with
// the wasm client).
#include "naervaer/date.hpp"
#include "naervaer/form_template.hpp"
#include "naervaer/municipalities.hpp"
#include "naervaer/records.hpp"
#include "naervaer/rule_set.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace naervaer {

// ---- fast-track eligibility (SDL § 7 c) ---------------------------------------------------------

// Why a fast-track request is not possible on a day, in the order they are reported.
enum class FastTrackBlock {
    not_covered,       // not under the Sickness Benefit Act (pregnancy-related, child's first sick day)
    no_rule_set,       // the first sick day is before every rule set, or its set has no fast track
    before_absence,    // the day is before the first sick day
    absence_ended,     // the spell ended before the day: the employee is back
    already_requested, // fast track was requested already
    expected_back,     // the employee is expected back within 8 weeks (the rule's condition)
    // Ongoing, and the case says neither "not expected back within 8 weeks" nor an expected return:
    // the rule's condition cannot be answered yet (reported where expected_back would be).
    expectation_unknown,
    window_closed, // the day is after the last day of the window (day 35)
};
std::string_view to_string(FastTrackBlock b);

// What else fits the case (shown beside the answer, also when fast track is possible).
enum class ReferralAlternative {
    retention_plan,  // SDL § 7 b: not expected back within 8 weeks, ongoing; no deadline
    contact_request, // the jobcentre's hotline (seeds 000, 001): always, without CPR
};
std::string_view to_string(ReferralAlternative a);

struct AlternativeOption {
    ReferralAlternative id = ReferralAlternative::contact_request;
    std::string title_da, title_en;
    std::string text_da, text_en;
    std::string source;
};

struct FastTrackEligibility {
    bool eligible = false;
    std::vector<FastTrackBlock> blocks; // empty exactly when eligible
    std::optional<Date> last_day;       // the last day to ask: day 35 (first day + the rule's offset)
    int absence_day = 0;                // the day's number in the absence: the first sick day is 1
    int days_left = 0;                  // last_day - day: 0 = the last day, < 0 = closed that long ago
    std::string reason_da, reason_en;   // one sentence per block, or why it is possible and until when
    std::vector<AlternativeOption> alternatives;
    std::string rule_set_id;
    std::string source; // the rule's legal source
};

// Whether the employer may ask for fast track for `spell` on `day`, using the rule set in force on
// the first sick day: its `fast_track_window` rule gives the window (first day + offset, day 35
// under both shipped sets: "within the first 5 weeks" ends on day 35) and its condition (not
// expected back within the set's 8 weeks, see not_expected_back_within). `requested_on`: a request
// already made (the case's fast_track_requested_on).
FastTrackEligibility fast_track_eligibility(std::span<const RuleSet> sets, const AbsenceSpell& spell, Date day,
                                            std::optional<Date> requested_on = std::nullopt);

// How far back the day the request was made in NemRefusion may lie when the referral is sent in
// the portal: a device that was offline, or a request recorded a few days late, is fine; a date
// from long ago would start the jobcentre's 2-week clock in the past (docs/referrals.md).
inline constexpr int fast_track_request_grace_days = 7;

// ---- routing ------------------------------------------------------------------------------------

// A referral or contact request goes to the jobcentre of the employee's home municipality.
struct ReferralRoute {
    const Municipality* municipality = nullptr; // nothing: an unknown code ("unknown_municipality")
    bool ok() const { return municipality != nullptr; }
};
ReferralRoute route_referral(const Municipalities& all, std::string_view home_municipality_code);

// ---- the referral's status ----------------------------------------------------------------------

enum class ReferralKind { fast_track, contact_request };
std::string_view to_string(ReferralKind k);
std::optional<ReferralKind> referral_kind_from_string(std::string_view s);

// draft: the employer's, not yet sent (the jobcentre never sees it).
enum class ReferralStatus { draft, sent, received, meeting_booked, answered, closed };
std::string_view to_string(ReferralStatus s);
std::optional<ReferralStatus> referral_status_from_string(std::string_view s);
std::string_view status_label_da(ReferralStatus s); // "Kladde", "Sendt", "Modtaget", "Møde aftalt", ...
std::string_view status_label_en(ReferralStatus s);

enum class ReferralActor { employer, jobcenter };

// The status changes each side may make:
//   employer:  draft -> sent (a draft is otherwise deleted, never closed);
//   jobcentre: sent -> received (acknowledged); received -> meeting_booked | answered | closed;
//              meeting_booked -> answered | closed; answered -> meeting_booked | closed;
//              sent -> closed (e.g. addressed to the wrong municipality).
//   employer:  any open status -> closed (withdrawn, e.g. the employee is back).
// closed is final (a new question is a new referral). Keeping the status is no change: moving a
// booked meeting changes the booking, not the status.
bool can_change_status(ReferralStatus from, ReferralStatus to, ReferralActor actor);
std::vector<ReferralStatus> next_statuses(ReferralStatus from, ReferralActor actor);

// ---- service standards --------------------------------------------------------------------------

// A jobcentre's promise is not law: only the jobcentres that signed an agreement of service
// standards promise anything (assets/jobcenter/service_standards.json; seed 001: the 8 jobcentres
// of the province of West Jutland). What a standard measures:
enum class StandardMeasure {
    acknowledged, // the referral acknowledged (status received): ReferralDates::acknowledged_on
    meeting,      // a meeting held or booked: ReferralDates::meeting_on
};
std::string_view to_string(StandardMeasure m);

struct ServiceStandard {
    std::string id; // the indicator's id: "acknowledged_same_working_day"
    StandardMeasure measures = StandardMeasure::acknowledged;
    // Due on the n-th working day after the day received (0: the day received itself).
    int working_days = 0;
    std::string title_da, title_en;
    std::string source;
};

// The standards a group of jobcentres signed up to, and the municipalities (3-digit codes) whose
// jobcentres did; or (is_default) the portal's default targets for every jobcentre that signed
// none, so each consultant's inbox measures the same service times (docs/referrals.md).
struct ServiceStandardAgreement {
    std::string id;
    std::string title_da, title_en;
    std::string source;
    bool is_default = false;                     // no municipality_codes: every other jobcentre
    std::vector<std::string> municipality_codes;
    std::vector<ServiceStandard> standards; // in file order

    bool covers(std::string_view municipality_code) const;
};

struct ServiceStandards {
    std::string source;
    std::vector<ServiceStandardAgreement> agreements;

    // The agreement the municipality's jobcentre signed, else the default targets (when the file
    // has them and a municipality is named), else nullptr: nothing is measured but the law.
    const ServiceStandardAgreement* for_municipality(std::string_view municipality_code) const;
};

struct ServiceStandardsParse {
    std::optional<ServiceStandards> standards; // set only when `errors` is empty
    std::vector<std::string> errors;           // "agreements[0].standards[1].measures: ..." (for developers)
    bool ok() const { return standards.has_value(); }
};
// Strict: unknown keys, a code that is not 3 digits or is listed twice (in one agreement or in
// two: a jobcentre keeps one set of promises), duplicate ids, an unknown `measures`, working days
// outside 0-30 and missing Danish or English texts are errors; so are a second default agreement
// and a default agreement with municipality codes.
ServiceStandardsParse parse_service_standards(std::string_view json_text);
// The codes that name no municipality of `all` ("agreements[0].municipality_codes[2]: no
// municipality 999"), for the test that keeps the two files in step.
std::vector<std::string> check_service_standards(const ServiceStandards& standards, const Municipalities& all);

enum class IndicatorStatus {
    open,    // not done, due today or later
    met,     // done on or before the due day (a booked meeting counts on its date)
    late,    // done, after the due day
    overdue, // not done and the due day has passed
};
std::string_view to_string(IndicatorStatus s);

struct ServiceIndicator {
    // A promised standard's id ("acknowledged_same_working_day", "meeting_within_5_working_days"
    // in the shipped file) or the legal "first_conversation_within_2_weeks" (fast track only)
    std::string id;
    Date due;
    IndicatorStatus status = IndicatorStatus::open;
    std::optional<Date> done_on;
    int days_left = 0; // due - today, calendar days
    // Danish working days from today to due: 0 on the due day, > 0 ahead; once today is after due,
    // minus the working days in (due, today] and never above -1 (-1 on a weekend or holiday right
    // after the due day: overdue is never 0).
    int working_days_left = 0;
    std::string title_da, title_en;
    std::string source;
};

struct ReferralDates {
    ReferralKind kind = ReferralKind::fast_track;
    std::string municipality_code;               // whose jobcentre it went to (route_referral)
    Date sent_on;                                // the day the jobcentre got it in its inbox
    std::optional<Date> acknowledged_on;         // status received
    std::optional<Date> meeting_on;              // the booked meeting's date
    std::optional<Date> fast_track_requested_on; // the legal request date; sent_on when not given
    std::optional<Date> first_conversation_on;   // the municipality's first follow-up conversation
};

// The indicators of one referral relative to `today`:
//   - the standards of the agreement that dates.municipality_code's jobcentre signed
//     (standards.for_municipality), in file order, each due on its n-th working day after the day
//     received: sent_on when it is a working day, else the next working day (something sent on a
//     Saturday is received on Monday). The shipped file (seed 001, West Jutland only): acknowledged
//     the same working day (0), a meeting at the workplace within 5 working days (5). A jobcentre
//     that signed nothing gets none of these;
//   - fast track only, for every jobcentre: the municipality's first follow-up conversation within
//     2 weeks of the request (SDL § 13 b stk. 2), calendar days: the request + the offset of the
//     rule set's municipality_follow_up_after_fast_track rule (14 days; law.md's 2 weeks without
//     `rules`).
std::vector<ServiceIndicator> service_indicators(const ReferralDates& dates, Date today,
                                                 const ServiceStandards& standards,
                                                 const RuleSet* rules = nullptr);

// ---- the NemRefusion text block -----------------------------------------------------------------

// Plain Danish text to paste into NemRefusion's request for early follow-up, built from a
// fast_track_referral form (`form` the template or the record's snapshot, for option labels):
// employee, first sick day, expected duration and return, the three questions of bek. 1710/2024
// ("Ikke besvaret" when left open: the answers are optional), what the workplace can offer, when
// and how the employee was told, and the employer's contact person. The employee's own view is
// left out: the municipality asks the employee directly. Dates as dd-mm-åååå; no line is longer
// than 80 characters (code points, not bytes); lines end in "\n". `employer_name` may be empty.
std::string nemrefusion_text(const FormTemplate& form, const nlohmann::json& answers,
                             std::string_view employer_name = {});

// Wraps text at spaces into lines of at most `width` code points; a word longer than the room left
// is broken. Line breaks in `text` are kept. Each line after the first gets `indent` (counted in
// the width). Used for the NemRefusion block; exposed for tests and the client's preview.
std::vector<std::string> wrap_text(std::string_view text, std::size_t width, std::string_view first_prefix = {},
                                   std::string_view indent = {});
// Code points in UTF-8 text.
std::size_t utf8_length(std::string_view text);

} // namespace naervaer
