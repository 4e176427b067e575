#pragma once
// The organisation's sickness absence policy on the server (record type "policy_version",
// docs/policy.md and docs/api.md): one record per version, scope NULL (every user of the
// organisation reads it, only admins write it; access.cpp). Every push runs the pure rules of
// policy.hpp against the clause library and the questionnaire the server embeds, and approval is
// stamped from the session. Called from sync_service.cpp's PushApplier.
#include "naervaer/policy.hpp"
#include "services/auth_context.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>

namespace naervaer::server {

// The clause library (assets/policy/clauses.json, embedded at build time like the templates) and
// the questionnaire it names (a shipped template). Parsed and checked against each other once;
// throws std::runtime_error naming every problem: the server must not accept policies it cannot
// check.
struct PolicyAssets {
    ClauseLibrary library;
    FormTemplate questionnaire;
};
// Loaded on first use and kept for the life of the process.
const PolicyAssets& embedded_policy_assets();

// The refused version of a conflict is kept only when it has the shape of a policy version:
// throws the 400 (wrong JSON types) or 422 (other decode errors) otherwise.
void check_policy_version_shape(const nlohmann::json& data);

// What to store for a push of `data` over `stored` (the live record, or nullptr for a new one) by
// `who` on `today` (in Denmark). Throws ApiError: 400 for a wrong JSON shape, 422 with field
// paths for a rule of policy.hpp (unknown_section, document_mismatch, approved_locked, ...).
// Approving (a draft, or a new record, pushed as "approved") is stamped here: approved_by,
// approved_by_name and approved_on come from the session and today, whatever the client sent.
// An approved version never changes. A new version's number is not taken by another version of
// the organisation ("number_taken"), and an approval is numbered above every approved version
// ("older_than_approved").
nlohmann::json prepare_policy_version(Transaction& tx, const std::string& id, const nlohmann::json& data,
                                      const StoredRecord* stored, const AuthContext& who, const PolicyAssets& assets,
                                      Date today);

// After `stored_data` (what prepare_policy_version returned) was written over `before` (the live
// record, or nullptr): when this write approved the version, the policy's retention period becomes
// the organisation's record_retention_years, in the same transaction, with an audit entry
// (organisation_updated, detail: the years and the version). One source of truth: the setting
// follows the approved policy (docs/policy.md).
void apply_policy_approval(Transaction& tx, const AuthContext& who, const nlohmann::json& stored_data,
                           const StoredRecord* before, const std::string& now);

// Drafts may be deleted; an approved version is kept (422 "approved_locked" on "status").
void refuse_approved_policy_delete(const StoredRecord& existing);

} // namespace naervaer::server
