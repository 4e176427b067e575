#pragma once
// Fast-track referrals and contact requests to the jobcentre (docs/referrals.md): whether a case may
// ask for fast track on a day and what else fits, the jobcentres' service standards as dated
// indicators counted in Danish working days, the text block to paste into NemRefusion, the
// referral's status model, and routing to the jobcentre of the employee's home municipality.
// Pure functions, nothing throws (shared with the wasm client).
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
    window_closed,     // the day is after the last day of the window (day 35)
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

enum class ReferralStatus { sent, received, meeting_booked, answered, closed };
std::string_view to_string(ReferralStatus s);
std::optional<ReferralStatus> referral_status_from_string(std::string_view s);
std::string_view status_label_da(ReferralStatus s); // "Sendt", "Modtaget", "Møde aftalt", ...
std::string_view status_label_en(ReferralStatus s);

enum class ReferralActor { employer, jobcenter };

// The status changes each side may make:
//   jobcentre: sent -> received (acknowledged); received -> meeting_booked | answered | closed;
//              meeting_booked -> answered | closed; answered -> meeting_booked | closed;
//              sent -> closed (e.g. addressed to the wrong municipality).
//   employer:  any open status -> closed (withdrawn, e.g. the employee is back).
// closed is final (a new question is a new referral). Keeping the status is no change: moving a
// booked meeting changes the booking, not the status.
bool can_change_status(ReferralStatus from, ReferralStatus to, ReferralActor actor);
std::vector<ReferralStatus> next_statuses(ReferralStatus from, ReferralActor actor);

// ---- service standards --------------------------------------------------------------------------

enum class IndicatorStatus {
    open,    // not done, due today or later
    met,     // done on or before the due day (a booked meeting counts on its date)
    late,    // done, after the due day
    overdue, // not done and the due day has passed
};
std::string_view to_string(IndicatorStatus s);

struct ServiceIndicator {
    // "acknowledged_same_working_day", "meeting_within_5_working_days",
    // "first_conversation_within_2_weeks" (fast track only)
    std::string id;
    Date due;
    IndicatorStatus status = IndicatorStatus::open;
    std::optional<Date> done_on;
    int days_left = 0;         // due - today, calendar days
    int working_days_left = 0; // Danish working days from today to due (> 0 ahead); negative when overdue
    std::string title_da, title_en;
    std::string source;
};

struct ReferralDates {
    ReferralKind kind = ReferralKind::fast_track;
    Date sent_on;                                // the day the jobcentre got it in its inbox
    std::optional<Date> acknowledged_on;         // status received
    std::optional<Date> meeting_on;              // the booked meeting's date
    std::optional<Date> fast_track_requested_on; // the legal request date; sent_on when not given
    std::optional<Date> first_conversation_on;   // the municipality's first follow-up conversation
};

// The indicators of one referral relative to `today`:
//   - acknowledged the same working day (seed 001, standard 1): due = sent_on when it is a working
//     day, else the next working day (something sent on a Saturday is received on Monday);
//   - a meeting at the workplace within 5 working days (seed 001, standard 2): the 5th working day
//     after the received day above;
//   - fast track only: the municipality's first follow-up conversation within 2 weeks of the
//     request (SDL § 13 b stk. 2), calendar days: the request + the offset of the rule set's
//     municipality_follow_up_after_fast_track rule (14 days; law.md's 2 weeks without `rules`).
std::vector<ServiceIndicator> service_indicators(const ReferralDates& dates, Date today,
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
