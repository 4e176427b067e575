#pragma once
// What the jobcentre screens of the employer ask for (docs/referrals.md, "In the app"): fast-track
// requests, contact requests and the service catalogue. One action type with an operation, so the
// app's list of actions (actions.hpp) grows by one entry only.
#include <string>

namespace naervaer::client::action {

enum class ReferralOp {
    start_fast_track,    // spell_id: "Anmod om fast track" (eligibility first; a draft under way resumes)
    new_contact_request, // "Kontakt jobcentret": employee_id, spell_id and service_id optional
    open,                // id: a referral of the organisation
    edited,              // the view changed the open draft's answers or municipality
    back,                // leave the referral screen (a changed draft is saved first)
    start_send,          // the confirm panel ("Anmodet i NemRefusion den")
    cancel_send,
    confirm_send,        // pushes the referral as sent (and, for fast track, the case's request date)
    copy_text,           // the NemRefusion text to the clipboard
    download_pdf,        // the form as a PDF for the employee
    start_withdraw,
    cancel_withdraw,
    confirm_withdraw,    // -> closed, with the optional note
    delete_draft,        // after the view's confirmation
    show_catalogue,      // "Jobcentret": the organisation's referrals and the service catalogue
};

struct Referral {
    ReferralOp op = ReferralOp::open;
    std::string id;
    std::string spell_id;
    std::string employee_id;
    std::string service_id;
};

} // namespace naervaer::client::action
