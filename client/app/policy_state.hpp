#pragma once
// The sickness absence policy screen ("Sygefraværspolitik", docs/policy.md "In the app"): its one
// action type and its state, apart from actions.hpp and state.hpp so those grow by a line each.
// Versions are synced records (type "policy_version"); the admin's working draft is the newest
// draft version, autosaved to the replica like a conversation draft (offline too).
#include "views/form_ui_state.hpp"

#include <naervaer/alerts.hpp>
#include <naervaer/policy.hpp>

#include <optional>
#include <string>
#include <vector>

namespace naervaer::client {

namespace action {

enum class PolicyOp {
    show,            // the screen (admins: the working draft; others: the approved version)
    edited,          // the view changed the draft's answers
    edit_section,    // id: "Redigér afsnit"
    save_section,    // the open section's text into the draft's edits
    cancel_section,
    revert_section,  // id: "Gendan afsnit" (back to the generated text)
    save_version,    // "Gem som ny version": the draft is kept as it is, editing goes on in the next
    diff_from,       // id: a version to compare from ("" clears)
    diff_to,         // id: a version to compare to
    start_approve,   // shows what changes in the alerts first
    cancel_approve,
    confirm_approve, // pushes the approved version and the alert settings in one push
    download,        // id: a version ("" = the working draft), format: "docx", "pdf" or "md"
};

struct Policy {
    PolicyOp op = PolicyOp::show;
    std::string id;
    std::string format;
};

} // namespace action

// A stored version as the replica has it.
struct PolicyVersionEntry {
    std::string id;
    PolicyVersion version;
    bool synced = true; // the server has exactly this (no local change waiting)
};

// What the screen reads beyond its state: the clause library, the questionnaire and the default
// alert rules (nullptr when they failed to load: the screen says so).
struct PolicyResources {
    const ClauseLibrary* library = nullptr;
    const FormTemplate* questionnaire = nullptr;
    const AlertSettings* alert_defaults = nullptr;
};

// What the approved policy sets in the portal (alert_choices_from_policy): those alert rules are
// shown as set by the policy on the admin screen and are not edited there (one source of truth).
struct PolicyInForce {
    int number = 0; // 0: no approved policy
    std::optional<Date> approved_on;
    nlohmann::json answers; // the approved version's answers (null: none)
    std::vector<std::string> alert_rules;
    bool sets(std::string_view rule_id) const {
        for (const std::string& id : alert_rules)
            if (id == rule_id) return true;
        return false;
    }
};

struct PolicyForm {
    static constexpr double autosave_ms = 1'500;

    // The replica (user) this state belongs to: another sign-in starts afresh.
    std::string owner;

    // The organisation's versions, by number (rebuilt when the replica changes).
    std::vector<PolicyVersionEntry> versions;
    uint64_t versions_revision = 0;

    // The working draft (admins only): the newest draft version, or a new one stored once edited.
    std::string draft_id;
    PolicyVersion draft;
    bool draft_stored = false;
    FormUiState ui;                  // the questionnaire renderer's typed text
    ValidationResult answer_errors;  // validate_answers of the draft's answers
    bool dirty = false;
    double changed_ms = 0;
    int saves = 0;
    std::string saved_at; // "14:05"
    bool save_blocked = false;

    // "Redigér afsnit": the section whose text is open, and the text as typed.
    std::string editing_section;
    std::string edit_text;

    // Comparing two versions (record ids; the older number is the "from").
    std::string diff_from, diff_to;
    std::optional<PolicyDiff> diff;
    std::string diff_text;

    // "Godkend": the alerts' preview first, then the push.
    bool approving = false;
    PolicyInForce in_force;
    std::string awaiting_approval;               // the version whose approval was pushed
    std::optional<int> approved_retention_years; // what the server sets when it accepts it
    std::vector<AlertChange> alert_preview;
    AlertChoices proposed_alerts;
    PolicyCheck approve_errors;

    // A message for the screen: an i18n key ("policy.notice.*") and the values for its "{}".
    std::string notice_key;
    std::string notice_first, notice_second;
    int downloads = 0;
    std::string last_download; // the file name
};

class I18n;
// The form's notice in the current language; "" when there is none.
std::string policy_notice(const I18n& i18n, const PolicyForm& form);

} // namespace naervaer::client
