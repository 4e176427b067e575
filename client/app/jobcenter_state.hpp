#pragma once
// The jobcentre's side of referrals in the client (docs/referrals.md, "The jobcentre's inbox"):
// a retention consultant (Role::consultant) works online only. There is no replica and no sync:
// the inbox and each referral are read from the jobcentre API when shown, and every action is a
// POST answered with the updated referral (app/jobcenter_actions.cpp, views/inbox_view.cpp).
#include "views/form_ui_state.hpp"

#include <naervaer/date.hpp>
#include <naervaer/form_template.hpp>
#include <naervaer/referral.hpp>
#include <naervaer/referral_record.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace naervaer::client {

namespace action {
// Everything the consultant's screens ask for, as one action (app/jobcenter_actions.cpp).
struct Jobcenter {
    enum class Op {
        show_inbox,    // the inbox, reloaded
        refresh,       // reload the inbox (and the open referral)
        set_filter,    // arg: "open", "closed" or "all"
        open_referral, // arg: the referral's id
        open_panel,    // arg: "book_meeting", "answer", "first_conversation" or "close"
        cancel_panel,
        submit, // arg: the action ("acknowledge" needs no panel; the others send their panel)
    };
    Op op = Op::show_inbox;
    std::string arg;
};
} // namespace action

// One row of the inbox: the referral, who sent it, and its service indicators for today.
struct InboxItem {
    ReferralRecord record;
    std::string organisation_name;
    std::string organisation_cvr;
    std::vector<ServiceIndicator> indicators;
    bool overdue = false;     // an open referral with an overdue indicator
    int most_overdue = 0;     // the lowest working_days_left among overdue indicators (< 0)
};

// The form under an action button of the referral screen, as typed.
struct JobcenterPanel {
    std::string action; // "" = none open; else the JobcenterAction's wire name
    std::string date;   // dd-mm-åååå (book_meeting, first_conversation)
    std::string time;   // "HH:MM" or ""
    std::string place;
    std::string participants;
    std::string text; // the answer
    std::string note; // the closing note
    // Field errors: the client's own checks, then the server's 422 (field -> {code, message, message_en}).
    nlohmann::json field_errors = nlohmann::json::object();
    bool focus = true;
};

struct ReferralDetail {
    std::string id;
    bool loading = false;
    std::optional<InboxItem> item; // the referral as last read, with its indicators
    std::optional<FormTemplate> form; // its own snapshot, parsed once per read
    nlohmann::json answers = nlohmann::json::object(); // a copy for the read-only renderer
    FormUiState ui;
    JobcenterPanel panel;
    bool busy = false; // an action is on its way
    std::string error_da, error_en;
};

struct JobcenterState {
    std::string filter = "open"; // open | closed | all
    bool loading = false;
    bool loaded = false;
    bool offline = false; // the last request got no answer: "Indbakken kræver forbindelse"
    std::string error_da, error_en;
    std::string municipality_code;
    std::string municipality_name;
    std::string jobcenter_name; // "Jobcenter Hjørring"
    std::vector<InboxItem> items; // overdue first, then open before closed, oldest first
    int overdue_count = 0;
    Date computed_for;            // the day the indicators were computed for
    uint64_t requests = 0;        // inbox requests sent (tests: no polling)
    ReferralDetail detail;
};

class I18n;

// The item's service indicators for `today` (service_indicators with the embedded standards and,
// for fast track's legal deadline, the rule set in force on the request date); `overdue` only
// while the referral is open (app/jobcenter_actions.cpp).
void compute_indicators(InboxItem& item, Date today, std::span<const RuleSet> rule_sets);
// The actions a consultant may take on the referral now, in button order.
std::vector<JobcenterAction> available_actions(const ReferralRecord& record);
// "Kvittering: i dag", "Møde: 3 arbejdsdage tilbage", "Møde: overskredet med 2 arbejdsdage"
// (views/inbox_view.cpp).
std::string indicator_badge(const I18n& i18n, const ServiceIndicator& indicator);

} // namespace naervaer::client
