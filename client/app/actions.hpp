#pragma once
// What views ask for. A view never changes app state beyond its own form's text: it returns
// actions, and the app applies them after the frame's views are drawn (so a screen is never
// half-drawn in one state and half in another). Tests dispatch the same actions.
#include <string>
#include <variant>
#include <vector>

namespace naervaer::client {

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
                 action::SyncNow>;

using Actions = std::vector<Action>;

} // namespace naervaer::client
