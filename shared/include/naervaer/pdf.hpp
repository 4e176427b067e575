#pragma once
// A small PDF writer for printable records (conversation records, later referrals and policies):
// a document is a list of blocks laid out top to bottom on A4 portrait pages with 20 mm margins,
// in Helvetica and Helvetica-Bold (PDF standard fonts, not embedded, WinAnsiEncoding), with a
// footer on every page. Pure computation, no I/O: render_pdf returns the file's bytes, the same
// bytes for the same document. See docs/pdf.md.
//
// Text is UTF-8. The standard fonts can show Windows-1252 (cp1252) only: Danish letters, é, €,
// en/em dash, typographic quotes and the like; any other character is printed as '?'.
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace naervaer {

struct PdfHeading {
    std::string text;
    int level = 1; // 1: document title size, 2: section
};

// Wrapped to the text width; '\n' starts a new line.
struct PdfParagraph {
    std::string text;
    bool bold = false;
    bool muted = false; // grey, e.g. for hints or "not filled in"
};

// A field of a record: the label bold in a left column, the value wrapped in the right one.
struct PdfLabelValue {
    std::string label;
    std::string value;
};

struct PdfBulletList {
    std::vector<std::string> items;
};

struct PdfTableColumn {
    std::string header;
    double weight = 1; // share of the text width, relative to the other columns
};

// A ruled table with a bold header row, repeated on each page the table continues on. Cells wrap
// within their column; a row missing cells is padded with empty ones, extra cells are ignored.
struct PdfTable {
    std::vector<PdfTableColumn> columns;
    std::vector<std::vector<std::string>> rows;
};

struct PdfSpacer {
    double height_pt = 12;
};

// Starts a new page, unless the current one is still empty.
struct PdfPageBreak {};

// One place to sign: a date line and a signature line side by side, captions under them.
struct PdfSignature {
    std::string caption;              // under the signature line, e.g. "Medarbejder", "Leder"
    std::string name;                 // printed under the caption when not empty
    std::string date_caption = "Dato"; // under the date line; empty: no date line
};

// Signatures two per row, never split across pages.
struct PdfSignatureBlock {
    std::vector<PdfSignature> signatures;
};

using PdfBlock = std::variant<PdfHeading, PdfParagraph, PdfLabelValue, PdfBulletList, PdfTable, PdfSpacer,
                              PdfPageBreak, PdfSignatureBlock>;

struct PdfDocument {
    // The document information (any UTF-8; shown in the viewer's title bar and properties).
    std::string title;
    std::string author;        // empty: left out
    std::string subject;       // empty: left out
    std::string creation_date; // a PDF date as given, e.g. "D:20261123101500+01'00'"; empty: left out
    std::string language = "da-DK";

    std::vector<PdfBlock> blocks;

    // Footer of every page: `page_label` right-aligned with "{page}" and "{pages}" replaced by the
    // page number and the page count; `footer_left` (e.g. organisation and printed date) at the left.
    std::string page_label = "Side {page} af {pages}";
    std::string footer_left;
};

// The PDF 1.4 file for `document`: at least one page, every page with its footer.
std::string render_pdf(const PdfDocument& document);

// The width of `utf8` set in Helvetica (or Helvetica-Bold) at `size` points, in points, as the
// layout measures it (no kerning; characters outside cp1252 measure as '?').
double text_width_pt(std::string_view utf8, bool bold, double size);

// `utf8` as Windows-1252 bytes, the encoding of the text in the PDF: a character cp1252 lacks and an
// invalid UTF-8 byte become '?'.
std::string utf8_to_cp1252(std::string_view utf8);

} // namespace naervaer
