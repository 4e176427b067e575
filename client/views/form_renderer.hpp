#pragma once
// The form engine's renderer (docs/forms.md): draws any FormTemplate with its answers and lets the
// user fill it in, every field type, in the current language. Answers are the engine's JSON shapes
// (form_template.hpp); what the user typed into dates and numbers stays in FormUiState until it
// parses, so a half-typed date is never an answer. Errors come from the caller (validate_answers):
// a field's error shows under it once its value exists (all of them with `show_all_errors`).
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
#include "views/view_context.hpp"

#include <naervaer/diagnosis_guard.hpp>
#include <naervaer/form_template.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace naervaer::client {

// What the renderer keeps between frames for one open form (a new form: a new state).
struct FormUiState {
    // Text typed into dates and numbers, by answer path ("meeting_date", "agreements[1].due",
    // "schedule.weeks[0].hours"), with the answer it stands for (null while it does not parse). An
    // answer changed elsewhere (a default, a removed row) replaces the text.
    struct Typed {
        std::string text;
        nlohmann::json value;
    };
    std::map<std::string, Typed, std::less<>> typed;
    // Date fields holding their default ("follow-up 28 days after the meeting"): they follow the
    // date they count from until the user types one of their own (then they are in user_dates).
    std::set<std::string, std::less<>> defaulted;
    std::set<std::string, std::less<>> user_dates;
    // Diagnosis-guard hits by answer path, for the text they were found in: the matcher runs only
    // when the text changed, never per frame.
    struct GuardHits {
        std::string text;
        std::vector<DiagnosisHit> hits;
    };
    std::map<std::string, GuardHits, std::less<>> guard;
    std::size_t guard_runs = 0; // times the matcher ran
};

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

} // namespace naervaer::client
