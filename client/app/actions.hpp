#pragma once
// What views ask for. A view never changes app state beyond its own form's text: it returns
// actions, and the app applies them after the frame's views are drawn (so a screen is never
// half-drawn in one state and half in another). Tests dispatch the same actions.
#include <naervaer/date.hpp>

#include "app/jobcenter_state.hpp" // action::Jobcenter (the consultant's screens)
#include "app/referral_action.hpp" // action::Referral (the employer's jobcentre screens)
#include "app/policy_state.hpp"     // action::Policy (the sickness absence policy screen)

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace naervaer::client {

// One to-do as the screens name it: which step of which case, for the "mark as done" form.
struct TodoTarget {
    std::string todo_key;
    std::string employee_id;
    std::string spell_id;
    std::string rule_id;
    std::string title_da, title_en;
    std::optional<Date> due;
};

namespace action {
struct SubmitLogin {};
struct SubmitPasswordChange {};
struct Logout {
    bool confirmed = false; // with unsynced changes the user confirms first
};
struct CancelLogout {};
struct SetLanguage {
    std::string language; // "da" or "en"
};
struct ShowEmployees {};
struct ShowEmployee {
    std::string employee_id;
};
// Shows this spell's case timeline on the employee page.
struct SelectSpell {
    std::string spell_id;
};
struct NewSpell {
    std::string employee_id;
};
struct EditSpell {
    std::string spell_id;
};
struct SaveSpell {};
struct StartCloseSpell {
    std::string spell_id;
};
struct SaveCloseSpell {};
struct NewEmployee {};
struct EditEmployee {
    std::string employee_id;
};
struct SaveEmployee {};
struct CancelEdit {};
struct ShowConflicts {};
struct ResolveConflict {
    std::string type, id;
    bool keep_mine = true;
};
struct ResolveRejected {
    std::string type, id;
    bool retry = false; // false: discard my change
};
struct ShowAdmin {};
struct CreateDepartment {};
struct RenameDepartment {};
struct CreateUser {};
struct ResetPassword {
    std::string user_id;
};
struct SetUserActive {
    std::string user_id;
    bool active = true;
};
struct DismissOneTimePassword {};
struct EditOrganisation {};
struct SaveOrganisation {};
struct CancelOrganisation {};
struct SyncNow {};
struct ShowHome {};
// Opens the "mark as done" form for one to-do (from the home screen or a case's timeline).
struct StartMarkTodo {
    TodoTarget target;
};
struct SaveMarkTodo {};
// Takes a mark back: the to-do is open again.
struct UnmarkTodo {
    std::string todo_key;
};
struct ExportCalendar {};
struct EditAlertSettings {};
struct SaveAlertSettings {};
struct ResetAlertSettings {}; // back to the defaults (seed 003)
struct CancelAlertSettings {};
// Conversation records (docs/forms.md, "In the app").
// A new record of a template for a case (absence spell), prefilled from the case's other records.
struct NewConversation {
    std::string spell_id;
    std::string template_id;
};
struct OpenConversation {
    std::string record_id;
};
// The view changed the open record's answers or meeting date: the autosave waits for a pause.
struct ConversationEdited {};
// Back to the case; a draft with changes is saved first.
struct CloseConversation {};
struct StartSignOff {};
struct CancelSignOff {};
struct SignConversation {};
struct StartAmendment {};
struct CancelAmendment {};
struct SaveAmendment {};
struct DeleteDraft {}; // after the view's confirmation
struct DownloadConversationPdf {};
struct PrintConversation {}; // the PDF in a new browser tab, for the browser's print dialog
} // namespace action

using Action =
    std::variant<action::SubmitLogin, action::SubmitPasswordChange, action::Logout, action::CancelLogout,
                 action::SetLanguage, action::ShowEmployees, action::ShowEmployee, action::SelectSpell,
                 action::NewSpell, action::EditSpell, action::SaveSpell, action::StartCloseSpell,
                 action::SaveCloseSpell, action::NewEmployee, action::EditEmployee, action::SaveEmployee,
                 action::CancelEdit, action::ShowConflicts, action::ResolveConflict, action::ResolveRejected,
                 action::ShowAdmin, action::CreateDepartment, action::RenameDepartment, action::CreateUser,
                 action::ResetPassword, action::SetUserActive, action::DismissOneTimePassword,
                 action::EditOrganisation, action::SaveOrganisation, action::CancelOrganisation,
                 action::SyncNow, action::ShowHome, action::StartMarkTodo, action::SaveMarkTodo,
                 action::UnmarkTodo, action::ExportCalendar, action::EditAlertSettings,
                 action::SaveAlertSettings, action::ResetAlertSettings, action::CancelAlertSettings,
                 action::NewConversation, action::OpenConversation, action::ConversationEdited,
                 action::CloseConversation, action::StartSignOff, action::CancelSignOff,
                 action::SignConversation, action::StartAmendment, action::CancelAmendment,
                 action::SaveAmendment, action::DeleteDraft, action::DownloadConversationPdf,
                 action::PrintConversation, action::Jobcenter, action::Referral, action::Policy>;

using Actions = std::vector<Action>;

} // namespace naervaer::client
