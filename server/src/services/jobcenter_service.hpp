#pragma once
// The jobcentre's side of referrals (docs/api.md "Jobcentre"): a retention consultant's inbox of the
// referrals and contact requests sent to their municipality, one referral by id, and the
// consultant's actions (acknowledge, book a meeting, answer, record the first conversation, close).
//
// Only role consultant (403 for everyone else). A referral the consultant may not see (another
// municipality's, a draft, a deleted one, any record that is not a referral, an id that does not
// exist) answers 404, the same answer for all. The referral lives in the employer's organisation:
// an action writes it there with that organisation's next rev, so the employer's next pull shows
// it, and keeps the inbox row in step, in one transaction. Every answer that carries referrals is
// audited in the employer's organisation (who, which ids, never content).
#include "clock.hpp"
#include "naervaer/referral_record.hpp"
#include "services/auth_context.hpp"
#include "store/store.hpp"
#include "store/write_batcher.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace naervaer::server {

class JobcenterService {
public:
    JobcenterService(Store& store, WriteBatcher& writer, Clock clock);

    // {"municipality": {"code","name","jobcenter"}, "items": [item...]} (item: see referral()).
    nlohmann::json inbox(const AuthContext& who, InboxFilter filter);
    // {"id","rev","updated_at","data": <the referral, to_json(ReferralRecord)>,
    //  "organisation": {"id","name","cvr"}}
    nlohmann::json referral(const AuthContext& who, const std::string& id);
    // Applies one action (decode_jobcenter_action's body); answers the updated item.
    nlohmann::json act(const AuthContext& who, const std::string& id, const nlohmann::json& body);

private:
    Store& store_;
    WriteBatcher& writer_;
    Clock clock_;
};

} // namespace naervaer::server
