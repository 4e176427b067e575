#pragma once
// What the form renderer (views/form_renderer.hpp) keeps between frames for one open form, apart
// from the renderer itself so the app's state (app/state.hpp) can hold it without the views.
#include <naervaer/diagnosis_guard.hpp>

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
    // A signed record is shown, not edited: every input is disabled and long texts are drawn as
    // text (their browser textareas are not placed). Date defaults are not applied either.
    bool read_only = false;
    // A line shown under a field's label, by field id: where a prefilled answer came from
    // ("Udfyldt fra Rundbordssamtale 10-03-2026").
    std::map<std::string, std::string, std::less<>> notes;
};

} // namespace naervaer::client
