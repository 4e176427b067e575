// A conversation record as a PDF, read back with pdftotext: the snapshot's title, goals and labels,
// answers formatted for reading, hidden fields left out, amendments and the signature block.
#include "naervaer/form_pdf.hpp"

#include "assets_fixture.hpp"
#include "conversation_fixture.hpp"
#include "pdftotext.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace naervaer;
using naervaer::test::load_template;
using naervaer::test::pdftotext;
using nlohmann::json;

namespace {

Date day(int y, int m, int d) {
    return *Date::from_ymd(y, m, d);
}

RecordPdfContext anna_context(std::string language = "da") {
    RecordPdfContext ctx;
    ctx.organisation_name = "Demo ApS";
    ctx.employee_name = "Anna Jensen";
    ctx.employee_number = "1042";
    ctx.language = language;
    ctx.labels = record_pdf_labels(language);
    ctx.printed_on = day(2026, 3, 20);
    ctx.leader_name = "Bo Hansen";
    return ctx;
}

// The shared round table without adjustments, so one field is unanswered.
ConversationRecord round_table(const FormTemplate& form) {
    ConversationRecord r = naervaer::test::signed_round_table(form);
    r.answers.erase("adjustments");
    return r;
}

bool has_line_with(const std::string& text, std::initializer_list<std::string> parts) {
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        bool all = true;
        for (const auto& p : parts)
            all = all && line.find(p) != std::string::npos;
        if (all) return true;
    }
    return false;
}

std::size_t position(const std::string& text, const std::string& what) {
    const std::size_t at = text.find(what);
    CHECK_MESSAGE(at != std::string::npos, "missing: ", what);
    return at;
}

// A small template of its own for the field types the round table lacks.
const char* checkin_template = R"({
  "schema": 1, "id": "checkin", "version": 1,
  "title_da": "Opfølgning", "title_en": "Check-in",
  "purpose_da": "En kort opfølgning.", "purpose_en": "A short check-in.",
  "sections": [{"id": "main", "title_da": "Samtalen", "title_en": "The conversation", "fields": [
    {"id": "intro", "type": "info", "label_da": "Husk at spørge til arbejdet, ikke til sygdommen.",
     "label_en": "Ask about the work, not the illness."},
    {"id": "form", "type": "choice", "label_da": "Samtaleform", "label_en": "Form",
     "options": [{"id": "phone", "label_da": "Telefonisk", "label_en": "By phone"},
                 {"id": "in_person", "label_da": "Fremmøde", "label_en": "In person"}]},
    {"id": "topics", "type": "multi_choice", "label_da": "Emner", "label_en": "Topics",
     "options": [{"id": "hours", "label_da": "Arbejdstid", "label_en": "Hours"},
                 {"id": "tasks", "label_da": "Opgaver", "label_en": "Tasks"}]},
    {"id": "wellbeing", "type": "scale", "label_da": "Trivsel", "label_en": "Well-being",
     "scale": {"min": 1, "max": 5}},
    {"id": "gradual", "type": "yes_no", "label_da": "Delvis raskmelding?", "label_en": "Partial return?"},
    {"id": "gradual_plan", "type": "long_text", "label_da": "Plan for delvis raskmelding",
     "label_en": "Plan for the partial return", "show_if": {"field": "gradual", "equals": true}},
    {"id": "next", "type": "date", "label_da": "Næste kontakt", "label_en": "Next contact"},
    {"id": "note", "type": "long_text", "label_da": "Noter", "label_en": "Notes"},
    {"id": "employee_signature", "type": "signature", "label_da": "Medarbejderens kvittering",
     "label_en": "Employee's receipt"}
  ]}]
})";

} // namespace

TEST_CASE("a filled round table prints its title, goals, placements, agreements and signatures") {
    const FormTemplate form = load_template("round_table.v1.json");
    const PdfDocument doc = record_pdf(round_table(form), anna_context());
    CHECK(doc.title == "Rundbordssamtale – Anna Jensen");
    CHECK(doc.footer_left == "Demo ApS · udskrevet 20-03-2026");
    const std::string pdf = render_pdf(doc);
    const std::string text = pdftotext(pdf, "");
    const std::string layout = pdftotext(pdf, "-layout");

    const std::size_t title = position(text, "Rundbordssamtale");
    position(text, "Anna Jensen");
    CHECK(has_line_with(layout, {"Medarbejdernr.", "1042"}));
    CHECK(has_line_with(layout, {"Dato for samtalen", "10-03-2026"}));
    CHECK(has_line_with(layout, {"Status", "Underskrevet"}));

    // The three goals, in order, after the title.
    const std::size_t g1 = position(text, "1. En fælles opfattelse af situationen");
    const std::size_t g2 = position(text, "2. En plan for tilbagevenden");
    const std::size_t g3 = position(text, "3. En aftale om det videre forløb");
    CHECK(title < g1);
    CHECK(g1 < g2);
    CHECK(g2 < g3);

    // Both placements side by side, by step label, and the mismatch (steps 2 and 4: 2 apart).
    CHECK(has_line_with(layout, {"Delvist arbejdsdygtig i eget job", "Midlertidigt uarbejdsdygtig"}));
    CHECK(text.find("partly_fit") == std::string::npos);
    position(text, "Placeringerne er forskellige: 2 trin fra hinanden.");

    // Task columns by label, the hours schedule with a decimal comma, the agreements as rows.
    CHECK(has_line_with(layout, {"Kundeservice i telefon", "Kan"}));
    CHECK(has_line_with(layout, {"Tunge løft på lageret", "Kan ikke"}));
    position(text, "Normal ugentlig arbejdstid: 37 timer");
    CHECK(has_line_with(layout, {"3", "18,5"}));
    CHECK(has_line_with(layout, {"Aftale", "Ansvarlig", "Frist"}));
    CHECK(has_line_with(layout, {"Bestille hæve-sænkebord", "Bo Hansen", "24-03-2026"}));
    CHECK(has_line_with(layout, {"Kontakte jobcentret", "Fastholdelseskonsulent", "07-04-2026"}));
    CHECK(has_line_with(layout, {"Opfølgningsmøde", "07-04-2026"}));
    // Unanswered: said so.
    CHECK(has_line_with(layout, {"Hvad betyder forskellen", "Ikke udfyldt"}));

    // Footer and signatures.
    position(text, "Side 1 af 2");
    position(text, "Side 2 af 2");
    CHECK(text.find("Side 3") == std::string::npos);
    position(text, "Demo ApS · udskrevet 20-03-2026");
    CHECK(has_line_with(layout, {"Underskrevet af", "Anna Jensen, 12-03-2026, Enig"}));
    CHECK(has_line_with(layout, {"Registreret af", "Bo Hansen"}));
    CHECK(has_line_with(layout, {"Medarbejder", "Leder"}));
    CHECK(has_line_with(layout, {"Dato", "Dato"}));
    // No amendments, no heading for them.
    CHECK(text.find("Rettelser efter underskrift") == std::string::npos);
}

TEST_CASE("amendments are listed at the end with when, who, why and which fields") {
    const FormTemplate form = load_template("round_table.v1.json");
    const ConversationRecord before = round_table(form);
    json answers = before.answers;
    answers["plan"] = "Anna starter på 12 timer om ugen.";
    const ConversationRecord amended = make_amendment(before, answers, "Timetallet var skrevet forkert",
                                                      "u-bo", "Bo Hansen", "2026-03-13T09:30:00Z");
    const std::string text = pdftotext(render_pdf(record_pdf(amended, anna_context())), "");
    const std::size_t heading = position(text, "Rettelser efter underskrift");
    const std::size_t line =
        position(text, "13-03-2026 09:30 UTC, Bo Hansen: Timetallet var skrevet forkert");
    position(text, "Ændrede felter: Planen");
    position(text, "Anna starter på 12 timer om ugen.");
    CHECK(text.find("Anna starter på 10 timer") == std::string::npos);
    CHECK(heading < line);
    CHECK(line < position(text, "Underskrevet af"));
}

TEST_CASE(
    "choices, multi-choice, yes/no, scale, dates, info and signatures read as text, hidden fields stay out") {
    auto parsed = parse_form_template(checkin_template);
    for (const auto& e : parsed.errors)
        MESSAGE(e);
    REQUIRE(parsed.ok());
    ConversationRecord r = new_conversation_record(*parsed.form, "cr-3", "emp-7", "sp-19", day(2026, 3, 16));
    r.answers = json::parse(R"({
      "form": "phone", "topics": ["tasks", "hours"], "wellbeing": 3, "gradual": false,
      "gradual_plan": "Skjult plan", "next": "2026-03-30",
      "employee_signature": {"name": "Anna Jensen", "date": "2026-03-16", "agreed": false,
                             "comment": "Jeg ønsker flere timer"}
    })");
    CHECK(validate(r, day(2026, 3, 20)).ok());

    std::string layout = pdftotext(render_pdf(record_pdf(r, anna_context())), "-layout");
    CHECK(layout.find("Husk at spørge til arbejdet, ikke til sygdommen.") != std::string::npos);
    CHECK(has_line_with(layout, {"Samtaleform", "Telefonisk"}));
    CHECK(has_line_with(layout, {"Emner", "Opgaver, Arbejdstid"}));
    CHECK(has_line_with(layout, {"Trivsel", "3 af 5"}));
    CHECK(has_line_with(layout, {"Delvis raskmelding?", "Nej"}));
    CHECK(has_line_with(layout, {"Næste kontakt", "30-03-2026"}));
    CHECK(has_line_with(layout, {"Noter", "Ikke udfyldt"}));
    CHECK(has_line_with(layout, {"Medarbejderens kvittering", "Anna Jensen, 16-03-2026, Ikke enig"}));
    CHECK(layout.find("Bemærkning: Jeg ønsker flere timer") != std::string::npos);
    CHECK(layout.find("Plan for delvis raskmelding") == std::string::npos);
    CHECK(layout.find("Skjult plan") == std::string::npos);
    CHECK(has_line_with(layout, {"Status", "Kladde – ikke underskrevet"}));
    // A draft: signature lines to sign, no recorded sign-off.
    CHECK(layout.find("Underskrevet af") == std::string::npos);
    CHECK(has_line_with(layout, {"Medarbejder", "Leder"}));

    r.answers["gradual"] = true;
    layout = pdftotext(render_pdf(record_pdf(r, anna_context())), "-layout");
    CHECK(has_line_with(layout, {"Delvis raskmelding?", "Ja"}));
    CHECK(has_line_with(layout, {"Plan for delvis raskmelding", "Skjult plan"}));

    // In English: the snapshot's English labels and the English page label.
    const std::string en = pdftotext(render_pdf(record_pdf(r, anna_context("en"))), "-layout");
    CHECK(en.find("Check-in") != std::string::npos);
    CHECK(has_line_with(en, {"Form", "By phone"}));
    CHECK(has_line_with(en, {"Well-being", "3 of 5"}));
    CHECK(has_line_with(en, {"Partial return?", "Yes"}));
    CHECK(en.find("Page 1 of 1") != std::string::npos);
    CHECK(has_line_with(en, {"Employee", "Leader"}));
}

TEST_CASE("an old record prints its own template version after the template changed") {
    const FormTemplate v1 = load_template("round_table.v1.json");
    const ConversationRecord old = round_table(v1);

    // Version 2 renames the meeting and the agreements list.
    json doc = template_snapshot(v1);
    doc["version"] = 2;
    doc["title_da"] = "Rundbordsmøde";
    doc["sections"][4]["fields"][0]["label_da"] = "Aftaler og ansvar";
    auto v2 = parse_form_template_json(doc);
    REQUIRE(v2.ok());
    const ConversationRecord fresh = round_table(*v2.form);

    const std::string old_text = pdftotext(render_pdf(record_pdf(old, anna_context())), "-layout");
    CHECK(old_text.find("Rundbordssamtale") != std::string::npos);
    CHECK(old_text.find("Aftaler: hvem gør hvad og hvornår") != std::string::npos);
    CHECK(old_text.find("Rundbordsmøde") == std::string::npos);
    CHECK(old_text.find("Aftaler og ansvar") == std::string::npos);

    const std::string new_text = pdftotext(render_pdf(record_pdf(fresh, anna_context())), "-layout");
    CHECK(new_text.find("Rundbordsmøde") != std::string::npos);
    CHECK(new_text.find("Aftaler og ansvar") != std::string::npos);
}
