// The sickness absence policy: the shipped questionnaire and clause library, assembly for
// different organisations, placeholders, edits, versions and approval, the diff, and the policy as
// alert settings. Expected texts and section lists are worked out by hand from
// assets/policy/clauses.json and the answers in policy_fixture.hpp.
#include "naervaer/policy.hpp"

#include "assets_fixture.hpp"
#include "policy_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace naervaer;
using nlohmann::json;

namespace {

using namespace naervaer::test;

const Date today = policy_today;

json with(json answers, const json& changes) {
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it->is_null())
            answers.erase(it.key());
        else
            answers[it.key()] = *it;
    }
    return answers;
}

PolicyDocument assemble(const json& answers, std::string_view language = "da",
                        std::span<const PolicyEdit> edits = {}) {
    return assemble_policy(library(), questionnaire(), answers, language, edits);
}

std::vector<std::string> section_ids(const PolicyDocument& doc) {
    std::vector<std::string> out;
    for (const auto& s : doc.sections)
        out.push_back(s.id);
    return out;
}

std::vector<std::string> clauses_of(const PolicyDocument& doc, std::string_view section) {
    const PolicySection* s = doc.find(section);
    REQUIRE_MESSAGE(s != nullptr, "no section " << section);
    return s->clause_ids;
}

std::string whole_text(const PolicyDocument& doc) {
    std::string out = doc.title + "\n";
    for (const auto& s : doc.sections)
        out += s.title + "\n" + section_text(s) + "\n";
    return out;
}

bool contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

using Strings = std::vector<std::string>;

} // namespace

TEST_CASE("policy: the shipped questionnaire asks what the issue lists, with no free text about health") {
    const FormTemplate& q = questionnaire();
    CHECK(q.id == "policy_questionnaire");
    struct Expect {
        const char* id;
        FieldType type;
    };
    for (const auto& [id, type] : std::vector<Expect>{{"company_size", FieldType::choice},
                                                      {"sector", FieldType::choice},
                                                      {"collective_agreement", FieldType::yes_no},
                                                      {"notify_whom", FieldType::choice},
                                                      {"notify_by", FieldType::choice},
                                                      {"contact_after_days", FieldType::choice},
                                                      {"contact_frequency", FieldType::choice},
                                                      {"sworn_statement", FieldType::yes_no},
                                                      {"sworn_statement_from_day", FieldType::choice},
                                                      {"doctor_certificate", FieldType::yes_no},
                                                      {"opportunity_statement", FieldType::yes_no},
                                                      {"absence_conversation_weeks", FieldType::choice},
                                                      {"frequent_spells", FieldType::scale},
                                                      {"frequent_months", FieldType::choice},
                                                      {"many_days", FieldType::choice},
                                                      {"partial_return", FieldType::yes_no},
                                                      {"retention_plan_offer", FieldType::yes_no},
                                                      {"fast_track", FieldType::yes_no},
                                                      {"section_56", FieldType::yes_no},
                                                      {"child_first_sick_day", FieldType::yes_no},
                                                      {"apv_absence", FieldType::yes_no},
                                                      {"retention_years", FieldType::choice},
                                                      {"effective_date", FieldType::date}}) {
        INFO(id);
        const Field* f = q.find(id);
        REQUIRE(f != nullptr);
        CHECK(f->type == type);
    }
    // The law's deadline is the latest choice for the absence conversation (SDL § 7 a).
    CHECK(q.find("absence_conversation_weeks")->options.back().id == "4");
    // Thresholds of a conversation the policy does not hold are hidden.
    CHECK(q.find("frequent_spells")->show_if->field == "frequent_absence_conversation");
    CHECK(q.find("many_days")->show_if->field == "many_days_conversation");
    // Free text only for names and the workplace's own measures: nothing asks about an illness.
    Strings free_text;
    for (const Field* f : q.fields())
        if (f->type == FieldType::text || f->type == FieldType::long_text) free_text.push_back(f->id);
    CHECK(free_text == Strings{"organisation_name", "collective_agreement_name", "jobcenter_name",
                               "prevention_measures", "discussed_with"});
    // Both example organisations answer it completely and validly.
    CHECK(validate_answers(q, small_company(), today).ok());
    CHECK(validate_answers(q, large_public_employer(), today).ok());
    CHECK(validate_answers(q, with(small_company(), {{"notify_by", nullptr}}), today)
              .has("notify_by", "required"));
}

TEST_CASE(
    "policy: the shipped clause library parses, fits the questionnaire and has the fixed section order") {
    const ClauseLibrary& lib = library();
    CHECK(check_clause_library(lib, questionnaire()).empty());
    Strings titles;
    for (const auto& s : lib.sections)
        titles.push_back(s.title_da);
    CHECK(titles == Strings{"Formål", "Sygemelding og raskmelding", "Kontakt under sygdom", "Dokumentation",
                            "Samtaler", "Delvis raskmelding", "Fastholdelsesplan",
                            "Samarbejde med jobcenteret", "Barns første sygedag", "Forebyggelse og APV",
                            "Databeskyttelse", "Ikrafttræden og revision"});
    for (const auto& c : lib.clauses) {
        INFO(c.id);
        CHECK_FALSE(c.text_da.empty());
        CHECK_FALSE(c.text_en.empty());
    }
    // The legal bases law.md names with their sections; everything else is "Praksis" with a source.
    for (const auto& b : lib.legal_bases) {
        INFO(b.id);
        CHECK_FALSE(b.source.empty());
        if (b.ref_da == "Praksis") CHECK(b.ref_en == "Practice");
    }
    CHECK(lib.find_basis("sdl_7a")->ref_da == "Sygedagpengeloven § 7 a");
    CHECK(lib.find_basis("hol_2")->ref_da == "Helbredsoplysningsloven § 2");
    CHECK(lib.find_clause("conversations_absence")->legal_basis == Strings{"sdl_7a"});
    CHECK(lib.find_clause("retention_plan_case")->legal_basis == Strings{"sdl_7b_2"});
}

TEST_CASE("policy: clause library errors name their path") {
    auto errors_of = [](const std::string& clauses) {
        const std::string text = R"({"schema":1,"id":"c","version":1,"questionnaire":{"id":"q","version":1},
            "title_da":"T","title_en":"T","legal_bases":[{"id":"p","ref_da":"Praksis","ref_en":"Practice","source":"s"}],
            "sections":[{"id":"a","title_da":"A","title_en":"A"}],"clauses":)" +
                                 clauses + "}";
        return parse_clause_library(text).errors;
    };
    auto has = [](const Strings& errors, const std::string& message) {
        const bool found = std::find(errors.begin(), errors.end(), message) != errors.end();
        if (!found)
            for (const auto& e : errors)
                MESSAGE(e);
        return found;
    };
    CHECK(errors_of(R"([{"id":"x","section":"a","text_da":"Hej","text_en":"Hi","legal_basis":["p"]}])")
              .empty());
    CHECK(has(errors_of(R"([{"id":"x","section":"nope","text_da":"Hej","text_en":"Hi","legal_basis":[]}])"),
              "clauses[0].section: no section \"nope\""));
    CHECK(
        has(errors_of(R"([{"id":"x","section":"a","text_da":"Hej {{navn","text_en":"Hi","legal_basis":[]}])"),
            "clauses[0].text_da: unclosed placeholder at byte 4"));
    CHECK(has(
        errors_of(R"([{"id":"x","section":"a","text_da":"{{navn|upper}}","text_en":"Hi","legal_basis":[]}])"),
        "clauses[0].text_da: unknown filter \"upper\" (only |lower)"));
    CHECK(has(errors_of(R"([{"id":"x","section":"a","text_da":"Hej","legal_basis":[]}])"),
              "clauses[0].text_en: is required"));
    CHECK(has(errors_of(R"([{"id":"x","section":"a","text_da":"Hej","text_en":"Hi","legal_basis":["q"]}])"),
              "clauses[0].legal_basis[0]: no legal basis \"q\""));
    CHECK(has(
        errors_of(
            R"([{"id":"x","section":"a","condition":{"field":"f","equals":true,"answered":true},"text_da":"Hej","text_en":"Hi","legal_basis":[]}])"),
        "clauses[0].condition: expected exactly one of \"equals\" and \"answered\""));
    CHECK(has(
        errors_of(
            R"([{"id":"x","section":"a","condition":{"any":[{"field":"f","equals":true},{"equals":true}]},"text_da":"Hej","text_en":"Hi","legal_basis":[]}])"),
        "clauses[0].condition.any[1].field: is required"));
    CHECK(has(
        errors_of(R"([{"id":"x","section":"a","text_da":"Hej","text_en":"Hi","legal_basis":[],"note":1}])"),
        "clauses[0].note: unknown field"));
    CHECK(has(
        errors_of(
            R"([{"id":"x","section":"a","text_da":"A","text_en":"A","legal_basis":[]},{"id":"x","section":"a","text_da":"B","text_en":"B","legal_basis":[]}])"),
        "clauses[1].id: duplicate id \"x\""));
    CHECK(parse_clause_library("{").errors == Strings{"not valid JSON"});

    // Against a questionnaire: conditions and placeholders must fit its fields.
    const auto form = parse_form_template(R"({"schema":1,"id":"q","version":1,"title_da":"Q","title_en":"Q",
        "purpose_da":"P","purpose_en":"P","sections":[{"id":"s","title_da":"S","title_en":"S","fields":[
        {"id":"size","type":"choice","label_da":"Str","label_en":"Size","options":[{"id":"small","label_da":"Lille","label_en":"Small"}]},
        {"id":"name","type":"text","label_da":"Navn","label_en":"Name"},
        {"id":"note","type":"info","label_da":"N","label_en":"N"}]}]})");
    REQUIRE(form.ok());
    const auto lib =
        parse_clause_library(R"({"schema":1,"id":"c","version":1,"questionnaire":{"id":"q","version":2},
        "title_da":"{{name}}","title_en":"{{nobody}}","legal_bases":[],"sections":[{"id":"a","title_da":"A","title_en":"A"}],
        "clauses":[{"id":"x","section":"a","condition":{"all":[{"field":"size","equals":"large"},{"field":"name","equals":"Bo"},
        {"field":"note","answered":true}]},"text_da":"{{note}}","text_en":"{{name|lower}}","legal_basis":[]}]})");
    REQUIRE(lib.ok());
    CHECK(check_clause_library(*lib.library, *form.form) ==
          Strings{"questionnaire: the library is for q v2, not q v1",
                  "title_en: placeholder {{nobody}} names no field of the questionnaire",
                  "clauses[0].text_da: placeholder {{note}} names a field of type info, which has no text",
                  "clauses[0].condition.all[0].equals: expected an option id of \"size\"",
                  "clauses[0].condition.all[1].equals: a text field can only be tested with \"answered\"",
                  "clauses[0].condition.all[2].field: no answerable field \"note\""});
}

TEST_CASE("policy: a small company without a collective agreement gets the basic policy") {
    const PolicyDocument doc = assemble(small_company());
    CHECK(doc.title == "Sygefraværspolitik for Bageriet Ærø ApS");
    CHECK(doc.unfilled.empty());
    CHECK(section_ids(doc) == Strings{"purpose", "reporting", "contact", "documentation", "conversations",
                                      "partial_return", "retention_plan", "jobcenter", "prevention",
                                      "data_protection", "effective"});
    for (std::size_t i = 0; i < doc.sections.size(); ++i)
        CHECK(doc.sections[i].number == static_cast<int>(i) + 1);
    CHECK(clauses_of(doc, "purpose") == Strings{"purpose_aim", "purpose_small"});
    CHECK(clauses_of(doc, "reporting") == Strings{"reporting_sick", "reporting_cause", "reporting_fit"});
    CHECK(clauses_of(doc, "contact") == Strings{"contact_purpose", "contact_first", "contact_long"});
    CHECK(clauses_of(doc, "documentation") == Strings{"documentation_none"});
    CHECK(clauses_of(doc, "conversations") ==
          Strings{"conversations_absence", "conversations_support", "conversations_agreements"});
    CHECK(clauses_of(doc, "partial_return") == Strings{"partial_return_case", "partial_return_rules"});
    CHECK(clauses_of(doc, "retention_plan") == Strings{"retention_plan_right", "retention_plan_case"});
    CHECK(clauses_of(doc, "jobcenter") == Strings{"jobcenter_report", "jobcenter_follow_up"});
    CHECK(clauses_of(doc, "prevention") == Strings{"prevention_base"});
    CHECK(clauses_of(doc, "effective") == Strings{"effective_date", "effective_review"});

    const PolicySection& reporting = *doc.find("reporting");
    CHECK(reporting.title == "Sygemelding og raskmelding");
    REQUIRE(reporting.paragraphs.size() == 3);
    CHECK(reporting.paragraphs[0] ==
          "Medarbejderen melder sig syg til nærmeste leder senest kl. 8.00 på første "
          "sygedag. Sygemeldingen sker telefonisk og personligt (ikke sms eller e-mail).");
    CHECK(reporting.paragraphs[2] ==
          "Medarbejderen melder sig rask på samme måde. Raskmeldingen sker dagen før første arbejdsdag.");
    CHECK(reporting.legal_basis == Strings{"Praksis", "Helbredsoplysningsloven § 2"});
    CHECK(doc.find("contact")->paragraphs[1] ==
          "Er medarbejderen syg i 7 dage i træk, kontakter lederen medarbejderen.");
    CHECK(doc.find("contact")->paragraphs[2].starts_with(
        "Under længere sygdom holder leder og medarbejder kontakt hver uge."));
    CHECK(doc.find("conversations")
              ->paragraphs[0]
              .starts_with("Lederen holder en sygefraværssamtale med medarbejderen senest 4 uger efter "
                           "første sygedag (lovens frist)."));
    CHECK(doc.find("conversations")->legal_basis == Strings{"Sygedagpengeloven § 7 a", "Praksis"});
    CHECK(doc.find("jobcenter")->legal_basis ==
          Strings{"Sygedagpengeloven § 40", "Sygedagpengeloven § 13 b"});
    CHECK(doc.find("data_protection")->paragraphs[2] ==
          "Notater og referater fra et sygefraværsforløb gemmes kun, så længe der er et formål, og slettes "
          "senest 5 år "
          "efter, at forløbet er afsluttet.");
    CHECK(doc.find("effective")->paragraphs ==
          Strings{"Politikken gælder fra 01-02-2026 for alle medarbejdere i Bageriet Ærø ApS.",
                  "Politikken tages op til revision hvert år."});
    CHECK(doc.find("effective")->legal_basis.empty());
    // No fast track, no § 56, no round table and no child's sick day in its text.
    const std::string text = whole_text(doc);
    CHECK_FALSE(contains(text, "fast track"));
    CHECK_FALSE(contains(text, "refusion fra 1. sygedag"));
    CHECK_FALSE(contains(text, "rundbordssamtale"));
    CHECK_FALSE(contains(text, "barn"));
}

TEST_CASE("policy: a municipality-like large employer gets every clause it chose, twelve sections") {
    const PolicyDocument doc = assemble(large_public_employer());
    CHECK(doc.title == "Sygefraværspolitik for Nordby Kommune");
    CHECK(doc.unfilled.empty());
    REQUIRE(doc.sections.size() == 12);
    CHECK(doc.find("child")->number == 9);
    CHECK(doc.find("effective")->number == 12);
    CHECK(clauses_of(doc, "purpose") == Strings{"purpose_aim", "purpose_large", "purpose_agreement_named"});
    CHECK(clauses_of(doc, "documentation") == Strings{"documentation_sworn", "documentation_friattest",
                                                      "documentation_duration", "documentation_opportunity"});
    CHECK(clauses_of(doc, "conversations") == Strings{"conversations_absence", "conversations_support_rep",
                                                      "conversations_notes_public",
                                                      "conversations_agreements", "conversations_frequent",
                                                      "conversations_many_days", "conversations_care"});
    CHECK(clauses_of(doc, "partial_return") == Strings{"partial_return_offer", "partial_return_rules"});
    CHECK(clauses_of(doc, "retention_plan") == Strings{"retention_plan_right", "retention_plan_yes"});
    CHECK(clauses_of(doc, "jobcenter") == Strings{"jobcenter_named", "jobcenter_report",
                                                  "jobcenter_follow_up", "jobcenter_fast_track",
                                                  "jobcenter_section_56", "jobcenter_round_table"});
    CHECK(clauses_of(doc, "child") == Strings{"child_days"});
    CHECK(clauses_of(doc, "prevention") ==
          Strings{"prevention_base", "prevention_apv", "prevention_statistics", "prevention_measures"});
    CHECK(clauses_of(doc, "effective") ==
          Strings{"effective_date", "effective_review", "effective_discussed"});

    CHECK(doc.find("purpose")->paragraphs[2] == "Medarbejderne er omfattet af Overenskomst for "
                                                "kontorpersonale. Hvor overenskomsten har andre regler om "
                                                "sygdom, gælder overenskomsten.");
    CHECK(doc.find("reporting")->paragraphs[0] ==
          "Medarbejderen melder sig syg til nærmeste leder eller lederens stedfortræder inden arbejdstiden "
          "begynder på "
          "første sygedag. Sygemeldingen sker telefonisk eller på sms.");
    CHECK(doc.find("documentation")->paragraphs[0] ==
          "Virksomheden kan bede medarbejderen om en tro og love-erklæring om sygdommen fra 2. sygedag.");
    const auto& conv = doc.find("conversations")->paragraphs;
    CHECK(conv[0].starts_with(
        "Lederen holder en sygefraværssamtale med medarbejderen senest 2 uger efter første sygedag."));
    CHECK(conv[2] == "Som offentlig arbejdsgiver tager virksomheden notat af samtalerne.");
    CHECK(conv[4] == "Har en medarbejder haft 3 sygeperioder inden for 6 måneder, inviterer lederen til en "
                     "omsorgssamtale.");
    CHECK(conv[5] ==
          "Har en medarbejder været syg i 15 dage eller mere inden for 12 måneder, inviterer lederen til en "
          "omsorgssamtale.");
    // Not counting pregnancy-related absence and a child's first sick day towards a care
    // conversation is the policy's own choice (law.md has no rule on it): said so, cited as practice.
    CHECK(conv[6] == "Omsorgssamtalen handler om trivsel og om, hvad arbejdspladsen kan gøre – ikke om diagnoser. "
                     "Virksomheden har valgt, at fravær på grund af graviditet og barns første sygedag ikke tæller "
                     "med, når lederen vurderer, om der skal holdes en omsorgssamtale.");
    CHECK(doc.find("conversations")->clause_ids.back() == "conversations_care");
    CHECK(library().find_clause("conversations_care")->legal_basis ==
          Strings{"practice_care", "practice_care_count"});
    CHECK(library().find_basis("practice_care_count")->ref_da == "Praksis");
    CHECK(doc.find("conversations")->legal_basis ==
          Strings{"Sygedagpengeloven § 7 a", "Praksis"});
    CHECK(doc.find("jobcenter")->paragraphs[0] ==
          "Virksomheden samarbejder med Jobcenter Nordby om at fastholde syge medarbejdere.");
    CHECK(doc.find("jobcenter")->legal_basis ==
          Strings{"Praksis", "Sygedagpengeloven § 40", "Sygedagpengeloven § 13 b", "Sygedagpengeloven § 7 c",
                  "Sygedagpengeloven § 13 b, stk. 2", "Bekendtgørelse nr. 1710 af 30. december 2024, §§ 3-5",
                  "Sygedagpengeloven § 56"});
    CHECK(doc.find("prevention")->paragraphs[3] ==
          "Virksomheden har desuden disse forebyggende tiltag: Trivselsmåling hvert andet år.");
    CHECK(doc.find("effective")->paragraphs ==
          Strings{"Politikken gælder fra 01-03-2026 for alle medarbejdere i Nordby Kommune.",
                  "Politikken tages op til revision hvert andet år.",
                  "Politikken er drøftet med MED-udvalget."});
}

TEST_CASE("policy: a child's first sick day adds its section and renumbers the ones after it") {
    const PolicyDocument without = assemble(small_company());
    const PolicyDocument doc = assemble(
        with(small_company(), {{"child_first_sick_day", true}, {"child_sick_days", "first_and_second"}}));
    REQUIRE(doc.sections.size() == 12);
    CHECK(doc.find("jobcenter")->number == 8);
    CHECK(doc.find("child")->number == 9);
    CHECK(doc.find("child")->title == "Barns første sygedag");
    CHECK(
        doc.find("child")->paragraphs ==
        Strings{
            "Medarbejderen kan få fri til at passe sit syge barn på barnets første og anden sygedag efter de "
            "regler, der gælder for ansættelsen. Fraværet meldes som barns sygdom og tæller ikke med i "
            "medarbejderens eget sygefravær."});
    CHECK(doc.find("child")->legal_basis == Strings{"Praksis"});
    CHECK(without.find("prevention")->number == 9);
    CHECK(doc.find("prevention")->number == 10);
    CHECK(doc.find("effective")->number == 12);
}

TEST_CASE("policy: fast track, § 56 and the round table appear only when chosen") {
    const PolicyDocument without = assemble(small_company());
    CHECK_FALSE(contains(whole_text(without), "fast track"));
    CHECK_FALSE(contains(whole_text(without), "NemRefusion inden for de første 5 uger"));

    const PolicyDocument doc = assemble(with(small_company(), {{"fast_track", true}}));
    CHECK(clauses_of(doc, "jobcenter") ==
          Strings{"jobcenter_report", "jobcenter_follow_up", "jobcenter_fast_track"});
    CHECK(
        doc.find("jobcenter")
            ->paragraphs[2]
            .starts_with("Forventes en medarbejder ikke at være helt tilbage inden for 8 uger, beder "
                         "virksomheden kommunen om tidlig "
                         "opfølgning (fast track) via NemRefusion inden for de første 5 uger af fraværet."));
    CHECK(doc.find("jobcenter")->legal_basis ==
          Strings{"Sygedagpengeloven § 40", "Sygedagpengeloven § 13 b", "Sygedagpengeloven § 7 c",
                  "Sygedagpengeloven § 13 b, stk. 2", "Bekendtgørelse nr. 1710 af 30. december 2024, §§ 3-5"});

    const PolicyDocument round =
        assemble(with(small_company(), {{"section_56", true}, {"round_table", true}}));
    CHECK(clauses_of(round, "jobcenter") == Strings{"jobcenter_report", "jobcenter_follow_up",
                                                    "jobcenter_section_56", "jobcenter_round_table"});
    CHECK_FALSE(contains(whole_text(round), "fast track"));
}

TEST_CASE("policy: conditions read visible answers only, an unnamed agreement and partial documentation") {
    // A collective agreement without its name: the general clause, no placeholder left.
    const PolicyDocument unnamed = assemble(with(small_company(), {{"collective_agreement", true}}));
    CHECK(clauses_of(unnamed, "purpose") == Strings{"purpose_aim", "purpose_small", "purpose_agreement"});
    CHECK(unnamed.find("purpose")->paragraphs[2] ==
          "Hvor overenskomsten har andre regler om sygdom, gælder overenskomsten.");
    CHECK(unnamed.unfilled.empty());
    // A name left behind after answering "no": the field is hidden, so the answer does not count.
    const PolicyDocument hidden =
        assemble(with(small_company(),
                      {{"collective_agreement", false}, {"collective_agreement_name", "HK-overenskomsten"}}));
    CHECK(clauses_of(hidden, "purpose") == Strings{"purpose_aim", "purpose_small"});
    CHECK_FALSE(contains(whole_text(hidden), "HK-overenskomsten"));
    // One kind of documentation: its clause, and no "does not ask for documentation".
    const PolicyDocument one = assemble(with(small_company(), {{"doctor_certificate", true}}));
    CHECK(clauses_of(one, "documentation") == Strings{"documentation_friattest"});
    // A blank free text counts as not answered.
    const PolicyDocument blank = assemble(with(small_company(), {{"jobcenter_name", "   "}}));
    CHECK(clauses_of(blank, "jobcenter") == Strings{"jobcenter_report", "jobcenter_follow_up"});
    // Condition semantics directly: all / any / not.
    ClauseCondition yes{ClauseCondition::Kind::equals, "fast_track", true, true, {}};
    ClauseCondition none{ClauseCondition::Kind::answered, "jobcenter_name", json(), false, {}};
    ClauseCondition both{ClauseCondition::Kind::all, "", json(), true, {yes, none}};
    ClauseCondition negated{ClauseCondition::Kind::negation, "", json(), true, {both}};
    const json a = with(small_company(), {{"fast_track", true}});
    CHECK(condition_holds(both, questionnaire(), a));
    CHECK_FALSE(condition_holds(negated, questionnaire(), a));
    CHECK_FALSE(condition_holds(both, questionnaire(), with(a, {{"jobcenter_name", "Jobcenter Vest"}})));
}

TEST_CASE("policy: placeholders take labels in the document's language, lower-case unless an abbreviation") {
    const PolicyDocument en = assemble(small_company(), "en");
    CHECK(en.language == "en");
    CHECK(en.title == "Sickness absence policy for Bageriet Ærø ApS");
    CHECK(en.find("reporting")->title == "Reporting sick and reporting fit");
    CHECK(en.find("reporting")->paragraphs[0] ==
          "The employee reports sick to their immediate manager no later than 8.00 on the first day of "
          "sickness. "
          "The report is made by phone and in person (not by text message or e-mail).");
    CHECK(en.find("reporting")->paragraphs[2] ==
          "The employee reports fit in the same way, the day before the first working day back.");
    CHECK(assemble(large_public_employer(), "en").find("reporting")->paragraphs[2] ==
          "The employee reports fit in the same way, on the first working day back.");
    CHECK(assemble(large_public_employer()).find("reporting")->paragraphs[2] ==
          "Medarbejderen melder sig rask på samme måde. Raskmeldingen sker på første arbejdsdag efter "
          "sygdommen.");
    CHECK(en.find("contact")->paragraphs[1] ==
          "When the employee has been sick for 7 days in a row, the manager contacts the employee.");
    CHECK(en.find("conversations")->legal_basis ==
          Strings{"Sickness Benefit Act (sygedagpengeloven) § 7 a", "Practice"});
    CHECK(en.find("effective")->paragraphs[0] ==
          "The policy applies from 01-02-2026 to all employees of Bageriet Ærø ApS.");

    const json hr = with(small_company(), {{"notify_whom", "hr"}});
    CHECK(assemble(hr)
              .find("reporting")
              ->paragraphs[0]
              .starts_with("Medarbejderen melder sig syg til HR-afdelingen senest"));
    CHECK(assemble(hr, "en")
              .find("reporting")
              ->paragraphs[0]
              .starts_with("The employee reports sick to the HR department no"));
    // Anything but "en" is Danish.
    CHECK(assemble(small_company(), "de").language == "da");
}

TEST_CASE("policy: a placeholder without an answer shows the question and is listed") {
    const PolicyDocument doc =
        assemble(with(small_company(), {{"organisation_name", nullptr}, {"notify_by", nullptr}}));
    CHECK(doc.title == "Sygefraværspolitik for [Virksomhedens navn]");
    CHECK(doc.find("reporting")->paragraphs[0] == "Medarbejderen melder sig syg til nærmeste leder [Hvornår "
                                                  "skal sygemeldingen ske?]. Sygemeldingen sker "
                                                  "telefonisk og personligt (ikke sms eller e-mail).");
    CHECK(doc.find("effective")->paragraphs[0] ==
          "Politikken gælder fra 01-02-2026 for alle medarbejdere i [Virksomhedens navn].");
    CHECK(doc.unfilled == Strings{"organisation_name", "notify_by"});
}

TEST_CASE("policy: split_paragraphs and section_text") {
    CHECK(split_paragraphs("  Et.\r\n\r\n\n To  \nlinjer  \n \n") == Strings{"Et.", "To\nlinjer"});
    CHECK(split_paragraphs(" \n\t\n").empty());
    PolicySection s;
    s.paragraphs = {"A", "B b"};
    CHECK(section_text(s) == "A\n\nB b");
}

TEST_CASE("policy: an edited section keeps the user's text across re-assembly and says when it is outdated") {
    const PolicyDocument generated = assemble(small_company());
    const std::string base = section_text(*generated.find("contact"));
    std::vector<PolicyEdit> edits = set_section_text(
        {}, generated, "contact", "Vi ringer til dig.\r\n\r\n\r\nVi holder kontakt hver uge.  \n");
    REQUIRE(edits.size() == 1);
    CHECK(edits[0].section_id == "contact");
    CHECK(edits[0].text == "Vi ringer til dig.\n\nVi holder kontakt hver uge.");
    CHECK(edits[0].base_text == base);

    const PolicyDocument doc = assemble(small_company(), "da", edits);
    const PolicySection& contact = *doc.find("contact");
    CHECK(contact.paragraphs == Strings{"Vi ringer til dig.", "Vi holder kontakt hver uge."});
    CHECK(contact.edited);
    CHECK_FALSE(contact.edit_outdated);
    CHECK(contact.number == 3);
    CHECK(contact.clause_ids == Strings{"contact_purpose", "contact_first", "contact_long"});
    CHECK_FALSE(doc.find("reporting")->edited);

    // New answers: the edit stays; it is outdated because the generated text changed (7 -> 5 days),
    // and the numbering follows the new sections.
    const json changed =
        with(small_company(),
             {{"contact_after_days", "5"}, {"child_first_sick_day", true}, {"child_sick_days", "first"}});
    const PolicyDocument again = assemble(changed, "da", edits);
    CHECK(again.find("contact")->paragraphs == contact.paragraphs);
    CHECK(again.find("contact")->edit_outdated);
    CHECK(again.find("effective")->number == 12);
    // An answer that changes nothing in the section keeps the edit current.
    CHECK_FALSE(
        assemble(with(small_company(), {{"fast_track", true}}), "da", edits).find("contact")->edit_outdated);

    // Setting the generated text again removes the edit; so does revert_section.
    CHECK(set_section_text(edits, generated, "contact", base + "\n").empty());
    CHECK(revert_section(edits, "contact").empty());
    // A section the document lacks cannot be edited.
    CHECK(set_section_text(edits, generated, "child", "Tekst") == edits);
    // Replacing an edit keeps one per section.
    edits = set_section_text(edits, generated, "contact", "Ny tekst.");
    REQUIRE(edits.size() == 1);
    CHECK(edits[0].text == "Ny tekst.");

    // An edit of a section that no longer applies is kept aside, not lost.
    const json with_child =
        with(small_company(), {{"child_first_sick_day", true}, {"child_sick_days", "first"}});
    const auto child_edits =
        set_section_text({}, assemble(with_child), "child", "Fri på barnets første sygedag.");
    const PolicyDocument no_child = assemble(small_company(), "da", child_edits);
    CHECK(no_child.find("child") == nullptr);
    CHECK(no_child.unused_edits == Strings{"child"});
    CHECK(assemble(with_child, "da", child_edits).find("child")->paragraphs ==
          Strings{"Fri på barnets første sygedag."});
}

TEST_CASE("policy: versions round-trip through JSON and wrong types are errors with paths") {
    const PolicyDocument generated = assemble(small_company());
    auto edits = set_section_text({}, generated, "purpose", "Vi passer på hinanden.");
    PolicyVersion v = make_policy_draft(2, library(), questionnaire(), small_company(), edits, "da");
    v.status = PolicyStatus::approved;
    v.approved_by = "u-anne";
    v.approved_by_name = "Anne Admin";
    v.approved_on = today;
    const json j = to_json(v);
    CHECK(j["status"] == "approved");
    CHECK(j["approved_on"] == "2026-01-05");
    CHECK(j["document"]["sections"][0]["edited"] == true);
    PolicyCheck errors;
    const PolicyVersion back = decode_policy_version(j, errors);
    for (const auto& e : errors.errors())
        MESSAGE(e.field << ": " << e.code);
    CHECK(errors.ok());
    CHECK(back == v);
    // Through text too (what the wire and the database carry).
    PolicyCheck errors2;
    CHECK(decode_policy_version(json::parse(j.dump()), errors2) == v);

    PolicyCheck bad;
    decode_policy_version(json::parse(R"({"number":"1","status":"final","answers":[],"language":"da",
        "questionnaire_id":"policy_questionnaire","questionnaire_version":1,"clauses_version":1,
        "edits":[{"section_id":5,"text":"x"}],
        "document":{"language":"da","title":"T","sections":[{"id":"a","number":1,"title":"A","paragraphs":[1]}]}})"),
                          bad);
    CHECK(bad.has("number", "type"));
    CHECK(bad.has("status", "unknown_value"));
    CHECK(bad.has("answers", "type"));
    CHECK(bad.has("edits[0].section_id", "type"));
    CHECK(bad.has("document.sections[0].paragraphs[0]", "type"));
    PolicyCheck missing;
    decode_policy_version(json::object(), missing);
    CHECK(missing.has("document", "required"));
    CHECK(missing.has("questionnaire_id", "required"));
    PolicyCheck not_object;
    decode_policy_version(json::array(), not_object);
    CHECK(not_object.has("data", "type"));
}

TEST_CASE("policy: only an admin approves, and an approved version never changes") {
    const PolicyVersion draft = make_policy_draft(1, library(), questionnaire(), small_company(), {}, "da");
    CHECK(validate(draft, library(), questionnaire(), today).ok());
    CHECK(check_document(draft, library(), questionnaire()).ok());
    CHECK(can_approve_policy(Role::admin));
    CHECK_FALSE(can_approve_policy(Role::hr));
    CHECK_FALSE(can_approve_policy(Role::team_leader));

    const PolicyApproval by_hr =
        approve_policy(draft, library(), questionnaire(), Role::hr, "u-hanne", "Hanne HR", today);
    CHECK_FALSE(by_hr.version);
    CHECK(by_hr.errors.has("status", "admin_only"));
    CHECK(by_hr.errors.to_json()["status"]["message"] == "Kun en administrator kan godkende politikken");
    CHECK(by_hr.errors.to_json()["status"]["message_en"] == "Only an administrator can approve the policy");

    const PolicyApproval ok =
        approve_policy(draft, library(), questionnaire(), Role::admin, "u-anne", "Anne Admin", today);
    for (const auto& e : ok.errors.errors())
        MESSAGE(e.field << ": " << e.code);
    REQUIRE(ok.version);
    const PolicyVersion& approved = *ok.version;
    CHECK(approved.status == PolicyStatus::approved);
    CHECK(approved.approved_by == "u-anne");
    CHECK(approved.approved_on == today);
    CHECK(approved.document == draft.document);
    CHECK(check_policy_change(draft, approved, library(), questionnaire(), Role::admin, today).ok());
    CHECK(validate(approved, library(), questionnaire(), today).ok());

    // Once approved, nothing changes, not even by an admin.
    PolicyVersion changed = approved;
    changed.answers["contact_after_days"] = "5";
    changed.document = assemble(changed.answers);
    const PolicyCheck locked = check_policy_change(approved, changed, library(), questionnaire(), Role::admin, today);
    CHECK(locked.has("answers", "approved_locked"));
    CHECK(locked.has("document", "approved_locked"));
    CHECK(locked.errors().size() == 2);
    PolicyVersion reopened = approved;
    reopened.status = PolicyStatus::draft;
    reopened.approved_by.clear();
    reopened.approved_by_name.clear();
    reopened.approved_on.reset();
    CHECK(check_policy_change(approved, reopened, library(), questionnaire(), Role::admin, today)
              .has("status", "approved_locked"));
    CHECK(check_policy_change(approved, approved, library(), questionnaire(), Role::admin, today).ok());
    // Approving again is refused.
    const PolicyApproval again =
        approve_policy(approved, library(), questionnaire(), Role::admin, "u-anne", "Anne Admin", today);
    CHECK_FALSE(again.version);
    CHECK(again.errors.has("status", "approved_locked"));

    // The next version starts as a draft from the approved one.
    const PolicyVersion next = next_policy_draft(approved, 2, library(), questionnaire());
    CHECK(next.number == 2);
    CHECK(next.status == PolicyStatus::draft);
    CHECK(next.approved_by.empty());
    CHECK_FALSE(next.approved_on);
    CHECK(next.answers == approved.answers);
    CHECK(next.document == approved.document);
    const std::vector<PolicyVersion> versions{draft, next};
    CHECK(next_policy_version_number(versions) == 3);
    CHECK(next_policy_version_number({}) == 1);
}

TEST_CASE(
    "policy: approval needs complete answers, the saved draft unchanged, today's date and a true document") {
    // Incomplete: a required answer is missing and its placeholder unfilled.
    const PolicyVersion incomplete = make_policy_draft(
        1, library(), questionnaire(), with(small_company(), {{"notify_by", nullptr}}), {}, "da");
    CHECK(validate(incomplete, library(), questionnaire(), today).ok()); // a draft may be incomplete
    const PolicyApproval refused =
        approve_policy(incomplete, library(), questionnaire(), Role::admin, "u-anne", "Anne Admin", today);
    CHECK_FALSE(refused.version);
    CHECK(refused.errors.has("answers.notify_by", "required"));
    CHECK(refused.errors.has("document.unfilled", "unfilled"));
    CHECK(refused.errors.find("document.unfilled")->message_da ==
          "Politikken mangler svar, der indgår i teksten: notify_by");

    const PolicyVersion draft = make_policy_draft(1, library(), questionnaire(), small_company(), {}, "da");
    // Approving and changing in one step is refused.
    PolicyVersion sneaky = draft;
    sneaky.status = PolicyStatus::approved;
    sneaky.approved_by = "u-anne";
    sneaky.approved_by_name = "Anne Admin";
    sneaky.approved_on = today;
    sneaky.answers["fast_track"] = true;
    CHECK(check_policy_change(draft, sneaky, library(), questionnaire(), Role::admin, today)
              .has("answers", "changed_on_approval"));
    // Dated another day.
    PolicyVersion backdated = sneaky;
    backdated.answers = draft.answers;
    backdated.approved_on = today.plus_days(-3);
    const PolicyCheck date = check_policy_change(draft, backdated, library(), questionnaire(), Role::admin, today);
    CHECK(date.has("approved_on", "approval_date"));
    CHECK(date.find("approved_on")->message_da == "Godkendelsen dateres i dag (05-01-2026)");
    // A number changed.
    PolicyVersion renumbered = draft;
    renumbered.number = 7;
    CHECK(check_policy_change(draft, renumbered, library(), questionnaire(), Role::hr, today)
              .has("number", "number_locked"));
    // A draft may change its answers (any role that may edit drafts; the server scopes who).
    PolicyVersion edited = draft;
    edited.answers["fast_track"] = true;
    edited.document = assemble(edited.answers);
    CHECK(check_policy_change(draft, edited, library(), questionnaire(), Role::hr, today).ok());
    // A document that does not follow from the answers is refused at approval.
    PolicyVersion tampered = draft;
    tampered.document.sections[0].paragraphs[0] = "Noget andet.";
    CHECK(check_document(tampered, library(), questionnaire()).has("document", "document_mismatch"));
    CHECK(approve_policy(tampered, library(), questionnaire(), Role::admin, "u-anne", "Anne Admin", today)
              .errors.has("document", "document_mismatch"));
}

TEST_CASE("policy: validate checks language, questionnaire, answers, edits and approval data") {
    PolicyVersion v = make_policy_draft(1, library(), questionnaire(), small_company(), {}, "da");
    v.language = "sv";
    v.questionnaire_version = 2;
    v.answers["contact_after_days"] = "8";
    v.answers["favourite_colour"] = "blå";
    v.edits = {{"contact", "Tekst", ""},
               {"contact", "Igen", ""},
               {"Bad Id", "x", ""},
               {"purpose", "  \n", ""},
               {"reporting", "Styretegn\x07", ""}};
    v.approved_by = "u-anne";
    const PolicyCheck c = validate(v, library(), questionnaire(), today);
    CHECK(c.has("language", "unknown_value"));
    CHECK(c.has("questionnaire_id", "questionnaire_mismatch"));
    CHECK(c.has("answers.contact_after_days", "unknown_value"));
    CHECK(c.has("answers.favourite_colour", "unknown_field"));
    CHECK(c.has("edits[1].section_id", "duplicate_section"));
    CHECK(c.has("edits[2].section_id", "unknown_section"));
    CHECK(c.has("edits[3].text", "required"));
    CHECK(c.has("edits[4].text", "invalid_text"));
    CHECK(c.has("approved_by", "approval_on_draft"));

    PolicyVersion future = make_policy_draft(1, library(), questionnaire(), small_company(), {}, "da");
    future.status = PolicyStatus::approved;
    future.approved_by = "u-anne";
    future.approved_on = today.plus_days(1);
    const PolicyCheck f = validate(future, library(), questionnaire(), today);
    CHECK(f.has("approved_on", "future_date"));
    CHECK(f.has("approved_by_name", "required"));
}

TEST_CASE("policy: an edit must name a section of the clause library, spelling alone is not enough") {
    // "sickness_pay" is a well-formed id, but the library has no such section: the edit could never
    // be shown. "child" is a library section that the small company's document leaves out (no
    // child's first sick day): the edit is kept as an unused edit and is valid.
    PolicyVersion v = make_policy_draft(1, library(), questionnaire(), small_company(),
                                        {{"sickness_pay", "Løn under sygdom efter overenskomsten.", ""},
                                         {"child", "Barns første sygedag efter overenskomsten.", ""}},
                                        "da");
    REQUIRE(library().find_section("sickness_pay") == nullptr);
    REQUIRE(library().find_section("child") != nullptr);
    REQUIRE(v.document.find("child") == nullptr);
    const PolicyCheck c = validate(v, library(), questionnaire(), today);
    CHECK(c.has("edits[0].section_id", "unknown_section"));
    CHECK(c.find("edits[0].section_id")->message_da == "Ukendt afsnit: sickness_pay");
    CHECK(c.find("edits[0].section_id")->message_en == "Unknown section: sickness_pay");
    CHECK_FALSE(c.find("edits[1].section_id"));
    CHECK(c.errors().size() == 1);
    // check_policy_change refuses such a draft too, and so approval.
    const PolicyVersion clean = make_policy_draft(1, library(), questionnaire(), small_company(), {}, "da");
    CHECK(check_policy_change(clean, v, library(), questionnaire(), Role::admin, today)
              .has("edits[0].section_id", "unknown_section"));
    CHECK(approve_policy(v, library(), questionnaire(), Role::admin, "u-anne", "Anne Admin", today)
              .errors.has("edits[0].section_id", "unknown_section"));
    // Every section of the library may be edited.
    for (const auto& section : library().sections) {
        PolicyVersion one = clean;
        one.edits = {{section.id, "Egen tekst.", ""}};
        INFO(section.id);
        CHECK_FALSE(validate(one, library(), questionnaire(), today).find("edits[0].section_id"));
    }
}

TEST_CASE("policy: diff_words gives the runs of a shortest edit") {
    CHECK(diff_words("a b c d", "a x c d e") == std::vector<DiffRun>{{DiffOp::equal, "a"},
                                                                     {DiffOp::remove, "b"},
                                                                     {DiffOp::insert, "x"},
                                                                     {DiffOp::equal, "c d"},
                                                                     {DiffOp::insert, "e"}});
    CHECK(diff_words("same  words\nhere", "same words here") ==
          std::vector<DiffRun>{{DiffOp::equal, "same words here"}});
    CHECK(diff_words("", "ny tekst") == std::vector<DiffRun>{{DiffOp::insert, "ny tekst"}});
    CHECK(diff_words("gammel tekst", "") == std::vector<DiffRun>{{DiffOp::remove, "gammel tekst"}});
    CHECK(diff_words("hver uge", "hver 14. dag") == std::vector<DiffRun>{{DiffOp::equal, "hver"},
                                                                         {DiffOp::remove, "uge"},
                                                                         {DiffOp::insert, "14. dag"}});
}

TEST_CASE("policy: the diff of two versions shows added, removed and changed sections with exact text") {
    const json v1_answers =
        with(small_company(), {{"child_first_sick_day", true}, {"child_sick_days", "first"}});
    const json v2_answers = with(small_company(), {{"contact_after_days", "5"}, {"fast_track", true}});
    const PolicyVersion v1 = make_policy_draft(1, library(), questionnaire(), v1_answers, {}, "da");
    const PolicyVersion v2 = make_policy_draft(2, library(), questionnaire(), v2_answers, {}, "da");
    const PolicyDiff diff = diff_versions(v1, v2);
    CHECK(diff.from_version == 1);
    CHECK(diff.to_version == 2);
    CHECK_FALSE(diff.empty());
    Strings order;
    for (const auto& s : diff.sections)
        order.push_back(s.id);
    CHECK(order == Strings{"purpose", "reporting", "contact", "documentation", "conversations",
                           "partial_return", "retention_plan", "jobcenter", "child", "prevention",
                           "data_protection", "effective"});
    const auto& contact = diff.sections[2];
    CHECK(contact.change == SectionChange::changed);
    REQUIRE(contact.paragraphs.size() == 3);
    CHECK(contact.paragraphs[0].change == ParagraphChange::equal);
    CHECK(contact.paragraphs[1].change == ParagraphChange::change);
    CHECK(contact.paragraphs[1].runs ==
          std::vector<DiffRun>{{DiffOp::equal, "Er medarbejderen syg i"},
                               {DiffOp::remove, "7"},
                               {DiffOp::insert, "5"},
                               {DiffOp::equal, "dage i træk, kontakter lederen medarbejderen."}});
    CHECK(diff.sections[8].change == SectionChange::removed);
    CHECK(diff.sections[8].number == 9);
    CHECK(diff.sections[9].change == SectionChange::unchanged); // renumbered 10 -> 9, same text

    CHECK(diff_text(diff, "da") ==
          "Ændringer fra version 1 til version 2\n"
          "\n"
          "3. Kontakt under sygdom (ændret)\n"
          "Er medarbejderen syg i [-7-] {+5+} dage i træk, kontakter lederen medarbejderen.\n"
          "\n"
          "8. Samarbejde med jobcenteret (ændret)\n"
          "+ Forventes en medarbejder ikke at være helt tilbage inden for 8 uger, beder virksomheden "
          "kommunen om tidlig "
          "opfølgning (fast track) via NemRefusion inden for de første 5 uger af fraværet. Medarbejderen får "
          "besked og "
          "kan selv svare på de samme spørgsmål. Kommunen holder den første samtale senest 2 uger efter "
          "anmodningen.\n"
          "\n"
          "9. Barns første sygedag (fjernet)\n"
          "- Medarbejderen kan få fri til at passe sit syge barn på barnets første sygedag efter de regler, "
          "der gælder "
          "for ansættelsen. Fraværet meldes som barns sygdom og tæller ikke med i medarbejderens eget "
          "sygefravær.\n");

    // The other way round: the child's section is added, in English labels.
    const PolicyDiff back = diff_versions(v2, v1);
    const std::string en = diff_text(back, "en");
    CHECK(en.starts_with("Changes from version 2 to version 1\n\n3. Kontakt under sygdom (changed)\n"
                         "Er medarbejderen syg i [-5-] {+7+} dage i træk"));
    CHECK(contains(en, "\n9. Barns første sygedag (added)\n+ Medarbejderen kan få fri"));
    CHECK(contains(en, "\n- Forventes en medarbejder ikke"));

    // No changes.
    const PolicyVersion same = make_policy_draft(3, library(), questionnaire(), v2_answers, {}, "da");
    CHECK(diff_versions(v2, same).empty());
    CHECK(diff_text(diff_versions(v2, same), "da") ==
          "Ændringer fra version 2 til version 3\nIngen ændringer.\n");
    CHECK(diff_text(diff_versions(v2, same), "en") == "Changes from version 2 to version 3\nNo changes.\n");
}

TEST_CASE("policy: an edited paragraph diffs word by word, an extra paragraph as inserted") {
    const PolicyDocument generated = assemble(small_company());
    const auto edits =
        set_section_text({}, generated, "contact",
                         section_text(*generated.find("contact")) + "\n\nHusk at passe på dig selv.");
    const PolicyDocument edited = assemble(small_company(), "da", edits);
    const auto edits2 = set_section_text(
        {}, generated, "contact",
        "Leder og medarbejder holder tæt kontakt under sygdommen.\n\nHusk at passe på dig selv.");
    const PolicyDocument edited2 = assemble(small_company(), "da", edits2);
    PolicyDiff d = diff_documents(edited, edited2);
    d.from_version = 2;
    d.to_version = 3;
    CHECK(diff_text(d, "da") ==
          "Ændringer fra version 2 til version 3\n"
          "\n"
          "3. Kontakt under sygdom (ændret)\n"
          "Leder og medarbejder holder {+tæt+} kontakt under sygdommen. [-Kontakten handler om, hvordan og "
          "hvornår "
          "medarbejderen kan vende tilbage, og hvad arbejdspladsen kan gøre – ikke om diagnosen.-]\n"
          "- Er medarbejderen syg i 7 dage i træk, kontakter lederen medarbejderen.\n"
          "- Under længere sygdom holder leder og medarbejder kontakt hver uge. Lederen skriver kort ned, "
          "hvad der blev "
          "talt om og aftalt (kontaktnotat).\n");
}

TEST_CASE("policy: thresholds are read from the answers the policy states") {
    const PolicyThresholds large = policy_thresholds(large_public_employer());
    CHECK(large.contact_after_days == 5);
    CHECK(large.frequent_absence_conversation == true);
    CHECK(large.frequent_spells == 3);
    CHECK(large.frequent_months == 6);
    CHECK(large.many_days_conversation == true);
    CHECK(large.many_days == 15);
    CHECK(large.absence_conversation_weeks == 2);
    CHECK(large.sworn_statement_from_day == 2);
    CHECK(large.retention_years == 3);

    const PolicyThresholds small = policy_thresholds(small_company());
    CHECK(small.contact_after_days == 7);
    CHECK(small.frequent_absence_conversation == false);
    CHECK_FALSE(small.frequent_spells);
    CHECK_FALSE(small.many_days);
    CHECK(small.absence_conversation_weeks == 4);
    CHECK_FALSE(small.sworn_statement_from_day);
    CHECK(small.retention_years == 5);
    // A threshold left behind by a "no" does not count; nonsense is not a number.
    const PolicyThresholds left = policy_thresholds(with(
        small_company(), {{"frequent_spells", 4}, {"frequent_months", "6"}, {"contact_after_days", "7x"}}));
    CHECK_FALSE(left.frequent_spells);
    CHECK_FALSE(left.contact_after_days);
    CHECK_FALSE(policy_thresholds(json::array()).contact_after_days);
}

TEST_CASE("policy: the policy becomes alert choices, with a preview of what changes") {
    const AlertSettings& defaults = alert_defaults();
    const AlertChoices current = choices_of(defaults);
    const AlertChoices proposed = alert_choices_from_policy(large_public_employer(), defaults);
    CHECK(validate(proposed, defaults).ok());
    const AlertSettings applied = apply_choices(defaults, proposed);
    CHECK(applied.find("continuous_week")->enabled);
    CHECK(applied.find("continuous_week")->days == 5);
    CHECK(applied.find("frequent_spells")->enabled);
    CHECK(applied.find("frequent_spells")->spells == 3);
    CHECK(applied.find("frequent_spells")->months == 6);
    CHECK(applied.find("days_in_year")->enabled);
    CHECK(applied.find("days_in_year")->days == 15);
    CHECK(applied.find("days_in_year")->months == 12);
    CHECK(applied.find("days_in_year")->count == DayCount::calendar);
    CHECK_FALSE(applied.find("bradford")->enabled); // the policy says nothing about it

    // The conversation within 2 weeks is day 15 (first day + 14); the sworn statement from day 2.
    CHECK(applied.find("policy_conversation")->enabled);
    CHECK(applied.find("policy_conversation")->days == 15);
    CHECK(applied.find("documentation_day")->enabled);
    CHECK(applied.find("documentation_day")->days == 2);

    const auto changes = preview_alert_changes(defaults, current, proposed);
    REQUIRE(changes.size() == 5);
    CHECK(changes[0].rule_id == "continuous_week");
    CHECK(changes[0].text_da == "Syg i en uge: ændres fra 7 dage i træk til 5 dage i træk.");
    CHECK(changes[0].text_en == "Sick for a week: changes from 7 days in a row to 5 days in a row.");
    CHECK(changes[1].text_da == "Hyppigt fravær: ændres fra 3 sygeperioder inden for 3 måneder til 3 "
                                "sygeperioder inden for 6 måneder.");
    CHECK(changes[1].text_en ==
          "Frequent absence: changes from 3 spells within 3 months to 3 spells within 6 months.");
    CHECK(changes[2].text_da == "Mange sygedage: slås til (15 sygedage inden for 12 måneder).");
    CHECK(changes[2].text_en == "Many sick days: turned on (15 sick days within 12 months).");
    CHECK(changes[3].text_da == "Sygefraværssamtale efter politikken: slås til (15. sygedag).");
    CHECK(changes[3].text_en == "Absence conversation by the policy: turned on (day 15 of the absence).");
    CHECK(changes[4].text_da == "Dokumentation for sygdom: slås til (2 dage i træk).");
    CHECK(changes[4].text_en == "Documentation of sickness: turned on (2 days in a row).");

    // The small company holds no care conversations: that alert goes off; the week stays as it is.
    const AlertChoices small = alert_choices_from_policy(small_company(), defaults);
    const auto off = preview_alert_changes(defaults, current, small);
    REQUIRE(off.size() == 1);
    CHECK(off[0].rule_id == "frequent_spells");
    CHECK(off[0].text_da == "Hyppigt fravær: slås fra (var 3 sygeperioder inden for 3 måneder).");
    CHECK(off[0].text_en == "Frequent absence: turned off (was 3 spells within 3 months).");

    // The organisation's own choice on what the policy does not state (Bradford) is kept.
    AlertChoices mine = current;
    for (auto& r : mine.rules)
        if (r.id == "bradford") r.enabled = true;
    const AlertChoices kept = alert_choices_from_policy(small_company(), defaults, mine);
    CHECK(apply_choices(defaults, kept).find("bradford")->enabled);
    CHECK(preview_alert_changes(defaults, mine, kept).size() == 1);

    // No answers: nothing changes.
    CHECK(preview_alert_changes(defaults, current, alert_choices_from_policy(json::object(), defaults))
              .empty());
    // From a current choice of 1 day, singular words.
    AlertChoices one = current;
    for (auto& r : one.rules)
        if (r.id == "continuous_week") r.days = 1;
    CHECK(preview_alert_changes(defaults, one, alert_choices_from_policy(small_company(), defaults, one))[0]
              .text_da == "Syg i en uge: ændres fra 1 dag i træk til 7 dage i træk.");
}

TEST_CASE("policy: the conversation's weeks become a day of the absence, never past the law's") {
    const AlertSettings& defaults = alert_defaults();
    const auto conversation = [&](const json& answers) {
        return *apply_choices(defaults, alert_choices_from_policy(answers, defaults)).find("policy_conversation");
    };
    // "Senest 3 uger efter første sygedag": first day + 21 = day 22.
    const AlertRule three = conversation(with(large_public_employer(), {{"absence_conversation_weeks", "3"}}));
    CHECK(three.enabled);
    CHECK(three.days == 22);
    // 4 weeks is the law's own deadline (day 29): the law's step covers it, the policy's is off,
    // also when it was on before.
    AlertChoices on = choices_of(defaults);
    for (auto& r : on.rules)
        if (r.id == "policy_conversation") r.enabled = true, r.days = 15;
    const AlertChoices four =
        alert_choices_from_policy(with(large_public_employer(), {{"absence_conversation_weeks", "4"}}), defaults, on);
    CHECK_FALSE(apply_choices(defaults, four).find("policy_conversation")->enabled);
    // Not answered: left as it was.
    json unanswered = large_public_employer();
    unanswered.erase("absence_conversation_weeks");
    CHECK(apply_choices(defaults, alert_choices_from_policy(unanswered, defaults, on)).find("policy_conversation")->enabled);

    // Documentation: no sworn statement turns the step off; a "yes" without a day leaves it.
    AlertChoices doc_on = choices_of(defaults);
    for (auto& r : doc_on.rules)
        if (r.id == "documentation_day") r.enabled = true, r.days = 3;
    const AlertChoices none = alert_choices_from_policy(small_company(), defaults, doc_on);
    CHECK_FALSE(apply_choices(defaults, none).find("documentation_day")->enabled);
    json yes_no_day = large_public_employer();
    yes_no_day.erase("sworn_statement_from_day");
    const AlertRule kept = *apply_choices(defaults, alert_choices_from_policy(yes_no_day, defaults, doc_on))
                                .find("documentation_day");
    CHECK(kept.enabled);
    CHECK(kept.days == 3);
}

TEST_CASE("policy: the retention period becomes the organisation's, previewed before approval") {
    // The large employer's policy keeps records 3 years; the organisation keeps 5 (the default).
    CHECK(retention_years_from_policy(large_public_employer()) == 3);
    const auto change = preview_retention_change(5, large_public_employer());
    REQUIRE(change.has_value());
    CHECK(change->rule_id == "record_retention_years");
    CHECK(change->text_da == "Opbevaring af referater: ændres fra 5 år til 3 år efter sagens afslutning.");
    CHECK(change->text_en == "Keeping records: changes from 5 years to 3 years after the case closed.");
    // Already 3: nothing to say. One year: singular in English.
    CHECK_FALSE(preview_retention_change(3, large_public_employer()).has_value());
    CHECK(preview_retention_change(2, with(large_public_employer(), {{"retention_years", "1"}}))->text_en ==
          "Keeping records: changes from 2 years to 1 year after the case closed.");
    // Not answered, or outside what the portal allows (1-20 years): no change.
    json unanswered = large_public_employer();
    unanswered.erase("retention_years");
    CHECK_FALSE(retention_years_from_policy(unanswered).has_value());
    CHECK_FALSE(retention_years_from_policy(with(large_public_employer(), {{"retention_years", "30"}})).has_value());
    CHECK_FALSE(preview_retention_change(5, unanswered).has_value());
}

TEST_CASE("policy: the rules a policy speaks about are named, those it is silent on are not") {
    const AlertSettings& defaults = alert_defaults();
    std::vector<std::string> set;
    (void)alert_choices_from_policy(large_public_employer(), defaults, {}, &set);
    CHECK(set == std::vector<std::string>{"continuous_week", "frequent_spells", "days_in_year", "policy_conversation",
                                          "documentation_day"});
    // The small company holds no care or many-days conversations and asks for no documentation:
    // it speaks about those rules too (they are off), and holds the conversation at 4 weeks.
    set.clear();
    (void)alert_choices_from_policy(small_company(), defaults, {}, &set);
    CHECK(set == std::vector<std::string>{"continuous_week", "frequent_spells", "days_in_year", "policy_conversation",
                                          "documentation_day"});
    // Nothing answered: nothing set; Bradford never.
    set.clear();
    (void)alert_choices_from_policy(json::object(), defaults, {}, &set);
    CHECK(set.empty());
}
