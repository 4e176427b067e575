#pragma once
// Referrals (record type "referral", referral_record.hpp) on the server: what an employer's push of
// one does (sync_service.cpp calls these) and the assets both sides of a referral are checked with
// (docs/api.md "referral", docs/referrals.md).
//
// A push of a referral by admin or HR: the record decoded (wrong JSON types 400, the rest 422);
// its employee a live employee of the organisation and its case a live absence spell of that
// employee (fast track: both required; a contact request: optional); a new record filled with its
// kind's template exactly as shipped; apply_employer_change decides what is stored (server-owned
// fields, sent_on, history and the employer stamped by the server). A fast track sent in this push
// must be within the fast-track window (fast_track_eligibility with the server's rule sets and the
// stored case) on the request day: 422 "fast_track_not_eligible". Every non-draft version keeps the
// jobcentres' inbox row in step, in the same transaction.
#include "clock.hpp"
#include "naervaer/municipalities.hpp"
#include "naervaer/referral_record.hpp"
#include "naervaer/rule_set.hpp"
#include "naervaer/sync.hpp"
#include "services/auth_context.hpp"
#include "services/shipped_templates.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace naervaer::server {

struct ReferralAssets {
    Municipalities municipalities; // assets/jobcenter/municipalities.json
    std::vector<RuleSet> rule_sets; // the shipped deadline rule sets (fast-track window)
};
// Loaded once from the embedded assets; throws std::runtime_error naming the problem the first
// time when they do not load (Server::start calls it, so a broken build does not start).
const ReferralAssets& referral_assets();

// Fills `write` (data, scope, employee) for the push of `change` by `who`. `existing` is the live
// record the change replaces, or nullptr for a new one. Throws ApiError.
void prepare_referral(Transaction& tx, const AuthContext& who, const Change& change, const StoredRecord* existing,
                      const ShippedTemplates& templates, Date today, const std::string& now, RecordWrite& write);

// After the record was written: a sent (or later) referral's inbox row follows its status.
void update_inbox_of(Transaction& tx, const std::string& org_id, const RecordWrite& write);

// A sent referral is never deleted (the jobcentre has it): 422 "status" "sent_locked".
void refuse_sent_referral_delete(const StoredRecord& existing);

// The inbox row of a referral as stored (nothing for a draft or an unreadable record).
std::optional<InboxRow> inbox_row_of(const std::string& org_id, const std::string& record_id,
                                     const ReferralRecord& referral, const std::string& now);

// Decode errors of code "type" mean the wrong JSON shape (400); anything else is 422.
[[noreturn]] void throw_referral_invalid(const ValidationResult& result);

// Whether a stored referral is closed (withdrawn by the employer or closed by the jobcentre).
bool is_closed_referral(const StoredRecord& record);

} // namespace naervaer::server
