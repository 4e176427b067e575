#pragma once
// Loads the shipped form templates and diagnosis terms from assets/ (the files the client will
// embed), so the tests check the real data, not a copy of it.
#include "naervaer/diagnosis_guard.hpp"
#include "naervaer/form_template.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace naervaer::test {

inline std::string read_asset(const std::string& path) {
    std::ifstream in(std::string(NAERVAER_ASSETS_DIR) + "/" + path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open assets/" << path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline FormTemplate load_template(const std::string& name) {
    auto parsed = parse_form_template(read_asset("templates/" + name));
    for (const auto& e : parsed.errors)
        MESSAGE(name << ": " << e);
    REQUIRE(parsed.ok());
    return *parsed.form;
}

inline const DiagnosisTerms& shipped_terms() {
    static const DiagnosisTerms terms = [] {
        auto parsed = parse_diagnosis_terms(read_asset("guard/diagnosis-terms.json"));
        for (const auto& e : parsed.errors)
            MESSAGE("diagnosis-terms.json: " << e);
        REQUIRE(parsed.ok());
        return *parsed.terms;
    }();
    return terms;
}

} // namespace naervaer::test
