// PDF writer: the file's structure (xref offsets, page count, stream lengths), cp1252 text, glyph
// widths from the generated metrics, line wrapping, pagination with page labels, and the text
// poppler's pdftotext extracts from it.
#include "naervaer/pdf.hpp"

#include "pdftotext.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

using namespace naervaer;
using naervaer::test::pdftotext;

namespace {

// The page geometry the layout promises: A4, 20 mm margins.
constexpr double left_edge = 56.69;
constexpr double right_edge = 595.28 - 56.69;

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

// The number after `key` (e.g. "/Count "), or -1.
long number_after(const std::string& text, const std::string& key, std::size_t from = 0) {
    const std::size_t at = text.find(key, from);
    if (at == std::string::npos) return -1;
    return std::strtol(text.c_str() + at + key.size(), nullptr, 10);
}

// Checks the cross-reference table: every in-use entry points at "<n> 0 obj". Returns the
// number of objects.
std::size_t check_xref(const std::string& pdf) {
    const std::size_t startxref = pdf.rfind("startxref\n");
    REQUIRE(startxref != std::string::npos);
    const auto xref = static_cast<std::size_t>(number_after(pdf, "startxref\n", startxref));
    REQUIRE(pdf.compare(xref, 7, "xref\n0 ") == 0);
    const auto count = static_cast<std::size_t>(number_after(pdf, "xref\n0 ", xref));
    REQUIRE(count > 1);
    std::size_t entry = pdf.find('\n', xref + 7) + 1;
    CHECK(pdf.substr(entry, 20) == "0000000000 65535 f \n");
    for (std::size_t n = 1; n < count; ++n) {
        entry += 20;
        const std::string line = pdf.substr(entry, 20);
        REQUIRE(line.size() == 20);
        CHECK(line.substr(10) == " 00000 n \n");
        const auto offset = static_cast<std::size_t>(std::stoul(line.substr(0, 10)));
        const std::string header = std::to_string(n) + " 0 obj\n";
        CHECK_MESSAGE(pdf.compare(offset, header.size(), header) == 0, "object ", n, " at ", offset);
    }
    CHECK(pdf.compare(entry + 20, 8, "trailer\n") == 0);
    CHECK(number_after(pdf, "/Size ", entry) == static_cast<long>(count));
    return count;
}

// The content streams in file order (= page order), each checked against its /Length.
std::vector<std::string> content_streams(const std::string& pdf) {
    std::vector<std::string> streams;
    for (std::size_t at = pdf.find("stream\n"); at != std::string::npos; at = pdf.find("stream\n", at + 1)) {
        if (at >= 3 && pdf.compare(at - 3, 3, "end") == 0) continue;
        const std::size_t dict = pdf.rfind("<< /Length ", at);
        REQUIRE(dict != std::string::npos);
        const auto length = static_cast<std::size_t>(number_after(pdf, "<< /Length ", dict));
        const std::size_t data = at + 7;
        CHECK(pdf.compare(data + length, 11, "\nendstream\n") == 0);
        streams.push_back(pdf.substr(data, length));
    }
    return streams;
}

// One "BT ... x y Td (text) Tj ET" of a content stream, the text as cp1252 bytes.
struct TextRun {
    bool bold = false;
    double size = 0;
    double x = 0;
    double y = 0;
    std::string bytes;
};

std::vector<TextRun> text_runs(const std::string& stream) {
    std::vector<TextRun> runs;
    std::istringstream lines(stream);
    std::string line;
    while (std::getline(lines, line)) {
        const std::size_t td = line.find(" Td (");
        if (td == std::string::npos) continue;
        TextRun run;
        std::istringstream head(line.substr(0, td));
        std::string token;
        std::vector<std::string> tokens;
        while (head >> token) tokens.push_back(token);
        REQUIRE(tokens.size() >= 5);
        run.bold = tokens[tokens.size() - 5] == "/F2";
        run.size = std::stod(tokens[tokens.size() - 4]);
        run.x = std::stod(tokens[tokens.size() - 2]);
        run.y = std::stod(tokens[tokens.size() - 1]);
        std::size_t i = td + 5;
        for (; i < line.size() && line[i] != ')'; ++i) {
            if (line[i] != '\\') {
                run.bytes += line[i];
            } else if (line[i + 1] >= '0' && line[i + 1] <= '7') {
                run.bytes += static_cast<char>(std::stoi(line.substr(i + 1, 3), nullptr, 8));
                i += 3;
            } else {
                run.bytes += line[++i];
            }
        }
        REQUIRE(line.compare(i, 4, ") Tj") == 0);
        runs.push_back(run);
    }
    return runs;
}

// cp1252 bytes of Latin-1 letters back to UTF-8 (the wrapping test's text has no others).
std::string latin1_to_utf8(const std::string& bytes) {
    std::string out;
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        REQUIRE((b < 0x80 || b >= 0xa0));
        if (b < 0x80) {
            out += c;
        } else {
            out += static_cast<char>(0xc0 | (b >> 6));
            out += static_cast<char>(0x80 | (b & 0x3f));
        }
    }
    return out;
}

std::vector<std::string> words_of(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> words;
    std::string word;
    while (in >> word) words.push_back(word);
    return words;
}

const std::string long_paragraph =
    "Formålet med samtalen er at finde ud af, hvordan medarbejderen kan vende tilbage til arbejdet, "
    "helt eller delvist, og hvad arbejdspladsen kan gøre for at støtte det. Samtalen handler om "
    "arbejdsfunktioner, skånehensyn, hjælpemidler og en plan for den videre kontakt. Lægelige "
    "oplysninger og diagnoser hører ikke hjemme i referatet, og lederen spørger ikke til dem. "
    "Aftalerne skrives ned, og begge parter får en kopi af referatet, når det er underskrevet.";

// A conversation record over two pages: the signatures after a page break.
PdfDocument conversation_record() {
    PdfDocument doc;
    doc.title = "Sygefraværssamtale – Anna Jensen";
    doc.author = "Nærvær";
    doc.footer_left = "Demo ApS · udskrevet 23-11-2026";
    doc.blocks.push_back(PdfHeading{"Sygefraværssamtale"});
    doc.blocks.push_back(PdfLabelValue{"Medarbejder", "Anna Jensen"});
    doc.blocks.push_back(PdfLabelValue{"Bemærkning", "æøå ÆØÅ € – „citat“"});
    doc.blocks.push_back(PdfHeading{"Aftaler", 2});
    doc.blocks.push_back(PdfBulletList{{"Nedsat tid i to uger", "Opfølgning den 7. december"}});
    doc.blocks.push_back(PdfParagraph{long_paragraph});
    doc.blocks.push_back(PdfPageBreak{});
    doc.blocks.push_back(PdfSignatureBlock{{{"Medarbejder", "Anna Jensen"}, {"Leder", "Bo Hansen"}}});
    return doc;
}

} // namespace

TEST_CASE("a PDF has a header, a trailer, exact xref offsets and its page count") {
    const std::string pdf = render_pdf(conversation_record());
    CHECK(pdf.rfind("%PDF-1.4\n", 0) == 0);
    REQUIRE(pdf.size() > 6);
    CHECK(pdf.substr(pdf.size() - 6) == "%%EOF\n");
    const std::size_t objects = check_xref(pdf);
    CHECK(number_after(pdf, "/Count ") == 2);
    CHECK(count_of(pdf, "/Type /Page ") == 2);
    CHECK(objects == 6 + 2 * 2); // catalog, pages, 2 fonts, info, then page + contents per page
    CHECK(content_streams(pdf).size() == 2);
    CHECK(pdf.find("/BaseFont /Helvetica /Encoding /WinAnsiEncoding") != std::string::npos);
    CHECK(pdf.find("/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding") != std::string::npos);
    CHECK(pdf.find("/Lang (da-DK)") != std::string::npos);
    CHECK(pdf.find("/MediaBox [0 0 595.28 841.89]") != std::string::npos);
}

TEST_CASE("a PDF is the same bytes every time and has a page even when empty") {
    CHECK(render_pdf(conversation_record()) == render_pdf(conversation_record()));
    const std::string empty = render_pdf(PdfDocument{});
    check_xref(empty);
    CHECK(number_after(empty, "/Count ") == 1);
    CHECK(empty.find("(Side 1 af 1) Tj") != std::string::npos);
    CHECK(empty.find("/CreationDate") == std::string::npos);
    CHECK(empty.find("/Title") == std::string::npos);
}

TEST_CASE("UTF-8 becomes cp1252, with '?' for what cp1252 lacks") {
    CHECK(utf8_to_cp1252("æøå ÆØÅ") == "\xE6\xF8\xE5 \xC6\xD8\xC5");
    CHECK(utf8_to_cp1252("€–„“”é§") == "\x80\x96\x84\x93\x94\xE9\xA7");
    CHECK(utf8_to_cp1252("a→b") == "a?b");       // U+2192
    CHECK(utf8_to_cp1252("ok 😀") == "ok ?");     // one '?' for a 4-byte character
    CHECK(utf8_to_cp1252("\xC3(x\xFF") == "?(x?"); // invalid UTF-8
    CHECK(utf8_to_cp1252("\xC2\x81") == "?");      // U+0081, a C1 control, is not cp1252 0x81
}

TEST_CASE("text in content streams is escaped and in cp1252") {
    PdfDocument doc;
    doc.blocks.push_back(PdfHeading{"Sygefraværssamtale"});
    doc.blocks.push_back(PdfParagraph{"a (b) \\ c → €"});
    const std::string pdf = render_pdf(doc);
    CHECK(pdf.find("(Sygefrav\\346rssamtale) Tj") != std::string::npos);
    CHECK(pdf.find("(a \\(b\\) \\\\ c ? \\200) Tj") != std::string::npos);
    // The file itself is 7-bit.
    for (const char c : pdf) REQUIRE(static_cast<unsigned char>(c) < 0x80);
}

TEST_CASE("document information: ASCII as a literal, other text as UTF-16BE with a BOM") {
    PdfDocument doc;
    doc.title = "Æ (1)";
    doc.subject = "Referat (1)";
    doc.creation_date = "D:20261123101500+01'00'";
    const std::string pdf = render_pdf(doc);
    CHECK(pdf.find("/Title <FEFF00C60020002800310029>") != std::string::npos);
    CHECK(pdf.find("/Subject (Referat \\(1\\))") != std::string::npos);
    CHECK(pdf.find("/CreationDate (D:20261123101500+01'00')") != std::string::npos);
    doc.title = "😀";
    CHECK(render_pdf(doc).find("/Title <FEFFD83DDE00>") != std::string::npos); // surrogate pair
}

TEST_CASE("text widths come from the generated Helvetica metrics") {
    // H 722 + e 556 + l 222 + l 222 + o 556 = 2278/1000 em, at 12 pt:
    CHECK(text_width_pt("Hello", false, 12) == doctest::Approx(27.336));
    // Helvetica-Bold: H 722 + e 556 + l 278 + l 278 + o 611 = 2445
    CHECK(text_width_pt("Hello", true, 1000) == doctest::Approx(2445));
    // æ 889, ø 611, å 556, € 556, – 556 (AFM widths, mapped through the glyph names)
    CHECK(text_width_pt("æøå€–", false, 1000) == doctest::Approx(3168));
    CHECK(text_width_pt("ÆØÅ", true, 1000) == doctest::Approx(1000 + 778 + 722));
    // cp1252 0x27 and 0x60 are quotesingle (191) and grave (333), not quoteright/quoteleft (222)
    CHECK(text_width_pt("'`", false, 1000) == doctest::Approx(191 + 333));
    CHECK(text_width_pt("„“", false, 1000) == doctest::Approx(333 + 333));
    CHECK(text_width_pt("→", false, 1000) == doctest::Approx(text_width_pt("?", false, 1000)));
    CHECK(text_width_pt("", false, 12) == 0);
}

TEST_CASE("a long paragraph wraps into lines no wider than the text width, keeping every word") {
    PdfDocument doc;
    doc.blocks.push_back(PdfParagraph{long_paragraph});
    const std::string pdf = render_pdf(doc);
    const std::vector<std::string> streams = content_streams(pdf);
    REQUIRE(streams.size() == 1);
    std::vector<TextRun> runs = text_runs(streams[0]);
    runs.resize(runs.size() - 1); // the footer's page label
    REQUIRE(runs.size() >= 4);
    std::string joined;
    double previous_y = 1e9;
    for (const TextRun& run : runs) {
        const std::string line = latin1_to_utf8(run.bytes);
        const double width = text_width_pt(line, run.bold, run.size);
        CHECK(run.x >= left_edge);
        CHECK_MESSAGE(run.x + width <= right_edge + 0.01, line);
        CHECK(run.y < previous_y); // one line under the other
        previous_y = run.y;
        joined += line + " ";
    }
    CHECK(words_of(joined) == words_of(long_paragraph));
    // Greedy: the first word of each line did not fit on the line before.
    for (std::size_t i = 0; i + 1 < runs.size(); ++i) {
        const std::string next_word = words_of(latin1_to_utf8(runs[i + 1].bytes)).front();
        CHECK(runs[i].x + text_width_pt(latin1_to_utf8(runs[i].bytes) + " " + next_word, false, runs[i].size) >
              right_edge);
    }
}

TEST_CASE("a word wider than its column is cut, and '\\n' breaks a line") {
    PdfDocument doc;
    doc.blocks.push_back(PdfTable{{{"A", 1}, {"B", 9}}, {{"Arbejdsmiljørepræsentant", "x"}}});
    doc.blocks.push_back(PdfParagraph{"første linje\nanden linje"});
    const std::vector<TextRun> runs = text_runs(content_streams(render_pdf(doc))[0]);
    std::string cut;
    bool first_line = false;
    bool second_line = false;
    for (const TextRun& run : runs) {
        if (run.x == doctest::Approx(60.69) && !run.bold) cut += run.bytes; // column A's cells
        first_line = first_line || run.bytes == "f\xF8rste linje";
        second_line = second_line || run.bytes == "anden linje";
        CHECK(run.x + text_width_pt(latin1_to_utf8(run.bytes), run.bold, run.size) <= right_edge + 0.01);
    }
    CHECK(latin1_to_utf8(cut) == "Arbejdsmiljørepræsentant");
    CHECK(first_line);
    CHECK(second_line);
}

TEST_CASE("overflowing text adds pages, each with \"Side N af M\"") {
    PdfDocument doc;
    doc.blocks.push_back(PdfHeading{"Sygefraværssamtale"});
    for (int i = 0; i < 12; ++i) doc.blocks.push_back(PdfParagraph{long_paragraph}); // ~1.5 pages
    const std::string pdf = render_pdf(doc);
    check_xref(pdf);
    CHECK(number_after(pdf, "/Count ") == 2);
    const std::vector<std::string> streams = content_streams(pdf);
    REQUIRE(streams.size() == 2);
    CHECK(streams[0].find("(Side 1 af 2) Tj") != std::string::npos);
    CHECK(streams[1].find("(Side 2 af 2) Tj") != std::string::npos);
    CHECK(streams[0].find("(Side 2 af 2)") == std::string::npos);
    for (const std::string& stream : streams)
        for (const TextRun& run : text_runs(stream)) {
            if (run.size > 9) CHECK(run.y >= 56.69); // body text above the bottom margin
            else CHECK(run.y == doctest::Approx(34.02)); // the footer
        }

    doc.page_label = "Page {page} of {pages}";
    doc.footer_left = "Demo ApS";
    const std::string english = render_pdf(doc);
    CHECK(english.find("(Page 2 of 2) Tj") != std::string::npos);
    CHECK(count_of(english, "(Demo ApS) Tj") == 2);
}

TEST_CASE("a long table repeats its header row on the next page") {
    PdfTable table{{{"Dato", 1}, {"Aftale", 3}}, {}};
    for (int i = 0; i < 70; ++i) table.rows.push_back({std::to_string(i + 1) + ". dag", "Opfølgning"});
    PdfDocument doc;
    doc.blocks.push_back(table);
    const std::vector<std::string> streams = content_streams(render_pdf(doc));
    REQUIRE(streams.size() == 2);
    for (const std::string& stream : streams) CHECK(stream.find("/F2 10 Tf 60.69 ") != std::string::npos);
    CHECK(count_of(streams[0] + streams[1], "(Dato) Tj") == 2);
    CHECK(count_of(streams[0] + streams[1], ". dag) Tj") == 70);
}

TEST_CASE("pdftotext extracts the Danish text, page labels and signature captions in reading order") {
    const std::string pdf = render_pdf(conversation_record());
    for (const std::string options : {"-layout", ""}) {
        CAPTURE(options);
        const std::string text = pdftotext(pdf, options);
        std::size_t at = 0;
        for (const std::string expected : {"Sygefraværssamtale", "Anna Jensen", "æøå ÆØÅ € – „citat“",
                                           "Nedsat tid i to uger", "Side 1 af 2", "Medarbejder", "Leder",
                                           "Bo Hansen", "Side 2 af 2"}) {
            const std::size_t found = text.find(expected, at);
            CHECK_MESSAGE(found != std::string::npos, "\"", expected, "\" after offset ", at, " in:\n", text);
            if (found != std::string::npos) at = found + expected.size();
        }
        CHECK(text.find("Demo ApS · udskrevet 23-11-2026") != std::string::npos);
    }
}
