// The diagnosis guard: the shipped term list parses and is large enough, diagnoses are found in
// Danish and English with inflections, compounds and ÆØÅ in any case, words about functions and
// unrelated words that contain a term are not, and hits carry byte offsets into the text.
#include "naervaer/diagnosis_guard.hpp"

#include "assets_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace naervaer;
using naervaer::test::load_template;
using naervaer::test::shipped_terms;
using nlohmann::json;

namespace {

std::vector<std::string> hit_words(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& h : find_diagnosis_terms(text, shipped_terms())) out.push_back(h.text);
    return out;
}

bool hits(std::string_view text) {
    return !find_diagnosis_terms(text, shipped_terms()).empty();
}

bool has_error(const DiagnosisTermsParse& p, std::string_view text) {
    return std::any_of(p.errors.begin(), p.errors.end(), [&](const auto& e) { return e.find(text) != std::string::npos; });
}

} // namespace

TEST_CASE("diagnosis guard: the shipped list parses, holds 150+ terms and the rule of § 2 in both languages") {
    const DiagnosisTerms& t = shipped_terms();
    CHECK(t.patterns.size() >= 150);
    CHECK(t.rule_da.find("Helbredsoplysningsloven § 2") != std::string::npos);
    CHECK(t.rule_da.find("diagnosen") != std::string::npos);
    CHECK(t.rule_en.find("§ 2") != std::string::npos);
    CHECK(t.rule_en.find("diagnosis") != std::string::npos);
    CHECK(t.source == "Helbredsoplysningsloven § 2");
}

TEST_CASE("diagnosis guard: diagnoses hit, with inflections, stems and compounds") {
    CHECK(hit_words("Hun har en depression.") == std::vector<std::string>{"depression"});
    CHECK(hit_words("Depressionen er værre") == std::vector<std::string>{"Depressionen"});
    CHECK(hit_words("han er depressiv") == std::vector<std::string>{"depressiv"});
    CHECK(hit_words("fødselsdepression") == std::vector<std::string>{"fødselsdepression"});
    CHECK(hit_words("Kræften er tilbage") == std::vector<std::string>{"Kræften"});
    CHECK(hit_words("behandling for brystkræft") == std::vector<std::string>{"brystkræft"});
    CHECK(hit_words("Slidgigt i knæet og leddegigten") == std::vector<std::string>{"Slidgigt", "leddegigten"});
    CHECK(hit_words("type 2-diabetes") == std::vector<std::string>{"diabetes"});
    CHECK(hit_words("She is diabetic and has migraines") == std::vector<std::string>{"diabetic", "migraines"});
    CHECK(hit_words("multipel sclerose") == std::vector<std::string>{"sclerose"});
    CHECK(hit_words("sygemeldt med stress") == std::vector<std::string>{"stress"});
    CHECK(hit_words("stressen fylder") == std::vector<std::string>{"stressen"});
    CHECK(hit_words("forhøjet blodtryk") == std::vector<std::string>{"forhøjet blodtryk"});
    CHECK(hit_words("had a heart attack") == std::vector<std::string>{"heart attack"});
    CHECK(hit_words("fik diagnosen i går") == std::vector<std::string>{"diagnosen"});
    CHECK(hits("angst for at køre bil"));
    CHECK(hits("knoglebrud i foden"));
    CHECK(hits("covid-19"));
}

TEST_CASE("diagnosis guard: case folding covers ÆØÅ, and offsets are bytes of the original text") {
    CHECK(hit_words("MIGRÆNE") == std::vector<std::string>{"MIGRÆNE"});
    CHECK(hit_words("LEUKÆMI") == std::vector<std::string>{"LEUKÆMI"});
    CHECK(hit_words("Hjernerystelse efter uheld") == std::vector<std::string>{"Hjernerystelse"});
    CHECK(hit_words("SUKKERSYGE") == std::vector<std::string>{"SUKKERSYGE"});
    CHECK(fold_case("ÆØÅ Æbler ØL Århus É") == "æøå æbler øl århus é");
    const std::string text = "Øl og KRÆFT";
    const auto h = find_diagnosis_terms(text, shipped_terms());
    REQUIRE(h.size() == 1);
    CHECK(h[0].begin == 7); // "Øl og " is 7 bytes: Ø takes two
    CHECK(h[0].end == text.size());
    CHECK(h[0].term == "*kræft");
    CHECK(h[0].group == "cancer");
}

TEST_CASE("diagnosis guard: functions and unrelated words do not hit") {
    CHECK_FALSE(hits("kan ikke løfte over 10 kg"));
    CHECK_FALSE(hits("kan højst arbejde 4 timer i træk og har brug for pauser"));
    CHECK_FALSE(hits("Cannot stand for more than an hour; needs a chair at the till"));
    CHECK_FALSE(hits("Vi mangler arbejdskræfter, og hun har brugt mange kræfter på projektet"));
    CHECK_FALSE(hits("kræfterne slap op"));
    CHECK_FALSE(hits("En stresset periode med stressede kolleger"));
    CHECK_FALSE(hits("stresshåndtering"));     // "stress" is a whole word, not a prefix
    CHECK_FALSE(hits("kolonne, kolde hænder")); // "kol" (COPD) is a whole word
    CHECK_FALSE(hits("a stroke of luck"));
    CHECK_FALSE(hits("diagnostisk værktøj"));
    CHECK_FALSE(hits("Sygemeldt, forventes tilbage om to uger"));
    CHECK_FALSE(hits(""));
    CHECK_FALSE(hits("\xff\xfe broken bytes"));
}

TEST_CASE("diagnosis guard: broken term files give errors") {
    auto parse = [](std::string_view extra) {
        return parse_diagnosis_terms(std::string(R"({"schema":1,"rule_da":"r","rule_en":"r","source":"s","inflections":["","en"],)") +
                                     std::string(extra) + "}");
    };
    CHECK(parse(R"("groups":[{"id":"g","label_da":"G","label_en":"G","terms":["gigt"]}])").ok());
    CHECK(has_error(parse(R"("groups":[{"id":"g","label_da":"G","label_en":"G","terms":["g*t"]}])"), "groups[0].terms[0]"));
    CHECK(has_error(parse(R"("groups":[{"id":"g","label_da":"G","label_en":"G","terms":["*"]}])"), "at least 3 letters"));
    CHECK(has_error(parse(R"("groups":[{"id":"g","label_da":"G","label_en":"G","terms":["gigt","gigt"]}])"), "duplicate term"));
    CHECK(has_error(parse(R"("groups":[{"id":"g","label_da":"G","terms":["gigt"]}])"), "groups[0].label_en: is required"));
    CHECK(has_error(parse(R"("colour":1,"groups":[{"id":"g","label_da":"G","label_en":"G","terms":["gigt"]}])"), "colour: unknown field"));
    CHECK(has_error(parse_diagnosis_terms(R"({"schema":1,"rule_da":"r","rule_en":"r","source":"s","inflections":["en"],"groups":[]})"),
                    "must contain \"\""));
    CHECK(has_error(parse_diagnosis_terms("[1,2"), "not valid JSON"));
}

TEST_CASE("diagnosis guard: a form's guarded free text is checked, with answer paths") {
    const FormTemplate t = load_template("round_table.v1.json");
    const json answers = {{"participants", "Hanne fra Kræftens Bekæmpelse"}, // not guarded: names of people and bodies
                          {"plan", "Starter med 10 timer.\nHun har migræne om morgenen."},
                          {"adjustments", {{{"text", "Mørkt rum ved migræneanfald"}}, {{"text", "Hæve-sænkebord"}}}},
                          {"placement_employee", "partly_fit"}};
    const auto hits = check_answers_for_diagnoses(t, answers, shipped_terms());
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].field == "plan");
    CHECK(hits[0].hit.text == "migræne");
    CHECK(hits[1].field == "adjustments[0].text");
    CHECK(hits[1].hit.text == "migræneanfald");

    const FormTemplate plan = load_template("retention_plan.v1.json");
    const json signed_ = {{"signature_employee", {{"name", "A"}, {"date", "2025-03-03"}, {"agreed", false}, {"comment", "Min gigt tillader det ikke"}}}};
    const auto s = check_answers_for_diagnoses(plan, signed_, shipped_terms());
    REQUIRE(s.size() == 1);
    CHECK(s[0].field == "signature_employee.comment");
}
