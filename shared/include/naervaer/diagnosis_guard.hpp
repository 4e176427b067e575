#pragma once
// The diagnosis guard: free text in forms is checked against a list of diagnosis terms
// (assets/guard/diagnosis-terms.json, Danish and English) and the user is warned with the rule of
// Helbredsoplysningsloven § 2 and may rephrase. It is a warning, never a block: the employee may
// volunteer a diagnosis (law.md, "Health data"). The matcher is deliberately simple so a hit can
// be explained (docs/forms.md, "Diagnosis guard"):
//   - text is split into words (letters and digits, UTF-8 aware); case is folded, ÆØÅ to æøå;
//   - "kræft"   matches the word with one of the file's inflection endings (kræft, kræften);
//   - "depressi*" matches any word starting with the stem (depression, depressionen, depressiv);
//   - "*gigt"   also matches the word as the last part of a compound (slidgigt, leddegigten);
//   - "hjerte anfald" (several words) matches those words in a row;
//   - a word matched by an exception pattern ("*kræfter", "stresset") never hits.
#include "naervaer/form_template.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace naervaer {

struct DiagnosisPattern {
    std::vector<std::string> words; // folded; several words must follow each other
    bool compound = false;          // leading '*': the first word may be the end of a compound
    bool stem = false;              // trailing '*': the last word may continue
    std::string term;               // as written in the file
    std::string group;              // group id
};

struct DiagnosisTerms {
    std::string rule_da, rule_en; // Helbredsoplysningsloven § 2, shown with a warning
    std::string source;
    std::vector<std::string> inflections; // endings a plain last word may take ("" = none)
    std::vector<DiagnosisPattern> patterns;
    std::vector<DiagnosisPattern> exceptions;
};

struct DiagnosisTermsParse {
    std::optional<DiagnosisTerms> terms; // set only when `errors` is empty
    std::vector<std::string> errors;
    bool ok() const { return terms.has_value(); }
};
DiagnosisTermsParse parse_diagnosis_terms(std::string_view json_text);

struct DiagnosisHit {
    std::size_t begin = 0, end = 0; // byte offsets into the checked text
    std::string text;               // the words as written
    std::string term;               // the pattern that matched
    std::string group;
};

// Every hit in `text`, in order, not overlapping.
std::vector<DiagnosisHit> find_diagnosis_terms(std::string_view text, const DiagnosisTerms& terms);

// Lower-cases ASCII and Latin-1 letters (Æ -> æ, Ø -> ø, Å -> å, É -> é) in UTF-8 text.
std::string fold_case(std::string_view text);

// Hits in every guarded free-text answer of a form: text and long_text fields, task-list row texts
// (path "tasks[1].text") and signature comments.
struct FieldDiagnosisHit {
    std::string field; // answer path
    DiagnosisHit hit;
};
std::vector<FieldDiagnosisHit> check_answers_for_diagnoses(const FormTemplate& form, const nlohmann::json& answers,
                                                           const DiagnosisTerms& terms);

} // namespace naervaer
