#pragma once
// The form engine's renderer (docs/forms.md): draws any FormTemplate with its answers and lets the
// user fill it in, every field type, in the current language. Answers are the engine's JSON shapes
// (form_template.hpp); what the user typed into dates and numbers stays in FormUiState until it
// parses, so a half-typed date is never an answer. Errors come from the caller (validate_answers):
// a field's error shows under it once its value exists (all of them with `show_all_errors`).
// With FormUiState::read_only the same form is shown disabled (a signed record), long texts as
// text; FormUiState::notes puts a line under a field's label (where a prefilled answer came from).
//
// Test anchors (test_anchors.hpp): every visible field is "form.<field id>" (the input itself for
// text, long text and dates; the whole block otherwise), and its parts are
//   form.<id>.option.<option id>  (choice, multi_choice)   form.<id>.yes  form.<id>.no  (yes_no)
//   form.<id>.value.<n>  (scale)                            form.<id>.step.<step id>  (staircase)
//   form.<id>.<row>.text  .column.<column id>  .owner  .due  .remove   form.<id>.add  (task_list)
//   form.<id>.normal_hours  form.<id>.weeks.<row>.week  .hours  .remove  form.<id>.add  (hours_schedule)
//   form.<id>.name  .date  .agreed.yes  .agreed.no  .comment  (signature)
//   form.<id>.guard  (a diagnosis warning; rows: form.<id>.<row>.text.guard)
//   form.<id>.comparison  (the text comparing two linked staircase placements)
#include "views/form_ui_state.hpp"
#include "views/view_context.hpp"

#include <naervaer/diagnosis_guard.hpp>
#include <naervaer/form_template.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace naervaer::client {

struct FormRenderResult {
    bool changed = false; // an answer changed this frame
    // Warnings and comparisons shown this frame, as shown (guard words and rule, "Placeringerne er
    // 2 trin fra hinanden"): for the caller's status and for tests.
    std::vector<std::string> notices;
};

// Draws the sections and visible fields of `form` top to bottom, editing `answers` (an object;
// fields whose show_if does not hold are not drawn, their values kept). `guard`: the diagnosis
// terms, or nullptr for no guard. Date fields with a default are filled in here.
FormRenderResult form_fields(const ViewContext& ctx, const FormTemplate& form, nlohmann::json& answers,
                             const ValidationResult& errors, bool show_all_errors, const DiagnosisTerms* guard,
                             FormUiState& ui_state);

// Where a draft stands, in one line under its form: cannot be saved (errors), not saved yet, new
// (`new_key`: nothing stored), saved at HH:MM, and whether the server has it (synced, waiting in the
// outbox, refused). The line is test anchor `anchor`. Conversation records and referrals share it.
struct DraftSaveState {
    bool save_blocked = false;
    bool dirty = false;
    bool stored = false;
    const std::string& saved_at;
};
void autosave_line(const ViewContext& ctx, const Replica::Key& key, const DraftSaveState& draft, const char* new_key,
                   const char* anchor);

} // namespace naervaer::client
