#pragma once
// The employer's jobcentre screens (docs/referrals.md, "In the app"): the open referral (a
// fast-track request or a contact request) as it is being filled in, sent, followed and withdrawn,
// and the service catalogue's browsing state. Like a conversation record, the draft is autosaved
// into the replica about autosave_ms after the last change and when the screen is left.
#include "views/form_ui_state.hpp"

#include <naervaer/form_template.hpp>
#include <naervaer/referral.hpp>
#include <naervaer/referral_record.hpp>
#include <naervaer/validation.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace naervaer::client {

struct ReferralForm {
    static constexpr double autosave_ms = 1'500;

    ReferralRecord record;            // the working copy; id "" = nothing open
    std::optional<FormTemplate> form; // the record's own snapshot, parsed once when opened
    FormUiState ui;
    bool stored = false;   // in the replica
    bool editable = false; // a draft the signed-in user may change (admin or HR)
    // Fast track: the answer for the case today (shown above the form, and alone when not possible).
    std::optional<FastTrackEligibility> eligibility;
    std::string municipality_search; // the combo's filter, as typed
    ValidationResult errors;
    bool show_all_errors = false; // after a refused send: required fields count
    std::vector<std::string> notices;
    std::string nemrefusion; // the text block (fast track), recomputed after each change

    bool dirty = false;
    double changed_ms = 0;
    int saves = 0;
    std::string saved_at;
    bool save_blocked = false;

    // "Send": the confirm panel.
    bool confirming_send = false;
    std::string requested_on; // dd-mm-åååå as typed: the day it was requested in NemRefusion
    ValidationResult send_errors;
    // "Træk tilbage".
    bool withdrawing = false;
    std::string withdraw_note;
    bool confirm_delete = false;

    std::string notice_key; // a message for the whole screen ("sendes når du er online igen", ...)
    std::string refusal;    // the server's words when it refused the last push of this referral
    uint64_t seen_revision = 0;
    bool audited = false;
    int copies = 0;
    int downloads = 0;
};

// A send waiting for the server's answer (the case's fast-track mark goes with it, linked in the
// sync engine: if the server refuses the referral, the mark is discarded instead of going out alone).
struct PendingSend {
    std::string referral_id;
};

struct ReferralState {
    // Every referral the user sees, decoded from the replica when it changes (newest first).
    std::vector<ReferralRecord> all;
    uint64_t revision = 0;
    ReferralForm open;
    std::vector<PendingSend> sends;
    int back = 0; // where "Tilbage" goes: 0 the employee page, 1 the jobcentre screen
    // The jobcentre screen: which package of the catalogue shows.
    std::string package = "basic";
    std::string catalogue_employee_id; // a contact request from the catalogue is about this employee
};

} // namespace naervaer::client
