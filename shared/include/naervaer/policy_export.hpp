#pragma once
// Downloads of the sickness absence policy (docs/policy.md, "Export"): DOCX (docx.hpp), PDF
// (pdf.hpp) and Markdown, each with the title, the version line, a table of contents and the
// numbered sections with their legal basis. The file name carries the organisation and the version.
// Pure computation, no I/O.
#include "naervaer/date.hpp"
#include "naervaer/docx.hpp"
#include "naervaer/pdf.hpp"
#include "naervaer/policy.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace naervaer {

struct PolicyExportContext {
    std::string organisation_name;
    int version = 1;
    bool approved = false;
    std::optional<Date> approved_on;
    std::string approved_by_name;
};
PolicyExportContext export_context(const PolicyVersion& version, std::string organisation_name);

// The line under the title, in the document's language:
//   "Version 2 · Godkendt 05-01-2026 af Anne Admin" / "Version 3 · Kladde – ikke godkendt"
//   "Version 2 · Approved 05-01-2026 by Anne Admin" / "Version 3 · Draft – not approved"
std::string policy_version_line(const PolicyExportContext& context, std::string_view language);

// Markdown (CommonMark):
//   # <title>
//
//   <version line>
//
//   ## Indhold            (Contents)
//
//   1. Formål
//   2. ...
//
//   ## 1. Formål
//
//   <paragraph>
//
//   *Lovgrundlag: Sygedagpengeloven § 7 a; Praksis*     (Legal basis: ...)
// A line break inside a paragraph is a hard break ("\" at the line's end); characters with a
// meaning in Markdown are escaped with "\".
std::string policy_markdown(const PolicyDocument& document, const PolicyExportContext& context);

// The PDF: title, version line, contents, numbered sections (heading level 2), legal basis in grey;
// the footer "<organisation> · Version N" and "Side N af M" / "Page N of M".
PdfDocument policy_pdf(const PolicyDocument& document, const PolicyExportContext& context);

// The DOCX: title (style Title), version line, a table-of-contents field over the sections,
// each section as "Heading 1" ("1. Formål") with its paragraphs and its legal basis; the same footer.
DocxDocument policy_docx_document(const PolicyDocument& document, const PolicyExportContext& context);
std::string policy_docx(const PolicyDocument& document, const PolicyExportContext& context);

// "sygefravaerspolitik-<organisation slug>-v<version>.<extension>", e.g.
// "sygefravaerspolitik-aeroe-oekologi-a-s-v2.docx".
std::string policy_file_name(std::string_view organisation_name, int version, std::string_view extension);
// Lower-case ASCII letters and digits with single hyphens between words: æ -> ae, ø -> oe,
// å -> aa (capitals too), other accented Latin-1 letters without their accent (é -> e, ü -> u,
// ß -> ss); anything else separates words. Empty when nothing is left.
std::string file_slug(std::string_view text);

} // namespace naervaer
