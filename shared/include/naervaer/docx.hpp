#pragma once
// A small DOCX (Office Open XML, WordprocessingML) writer for documents made of headings and
// paragraphs, such as the sickness absence policy (docs/policy.md). The package is a ZIP archive
// written here with stored (uncompressed) entries and their CRC-32, so there is no compression
// library to build for WebAssembly. Pure computation, no I/O: the same document gives the same
// bytes. Opens in Word and LibreOffice; the tests unzip it, parse every part with xmllint and
// convert it with LibreOffice.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace naervaer {

// ---- ZIP ------------------------------------------------------------------------------------------

// CRC-32 as ZIP uses it (IEEE 802.3, reflected polynomial 0xEDB88320): "123456789" -> 0xCBF43926.
std::uint32_t crc32(std::string_view bytes);

struct ZipEntry {
    std::string name; // "word/document.xml": forward slashes, no leading slash
    std::string data;
};
// A ZIP archive of stored entries in the given order, dated 1980-01-01 00:00 (the earliest DOS
// date, so the bytes do not depend on the clock). Entries and the archive must stay below 4 GiB
// (no ZIP64); a document of text is a few tens of KB.
std::string zip_store(std::span<const ZipEntry> entries);

// ---- XML text ---------------------------------------------------------------------------------------

// UTF-8 text as XML character data or attribute value: & < > " ' escaped; characters XML 1.0
// forbids or that are control characters (C0 except tab and newline, DEL, C1, U+FFFE, U+FFFF)
// dropped; an invalid UTF-8 byte becomes U+FFFD. Tab and newline are kept (the writer turns them
// into <w:tab/> and <w:br/> inside paragraphs).
std::string xml_text(std::string_view utf8);

// ---- the document model ---------------------------------------------------------------------------

struct DocxTitle {
    std::string text;
};
// Heading 1 or 2 (the styles "heading 1"/"heading 2", outline levels 1 and 2, so the table of
// contents lists them).
struct DocxHeading {
    std::string text;
    int level = 1;
};
// '\n' breaks the line, '\t' is a tab.
struct DocxParagraph {
    std::string text;
    bool muted = false; // small grey text (e.g. a legal basis or the version line)
};
// A table-of-contents field, TOC \o "1-2" \h \z \u, that Word fills when the document opens
// (settings: updateFields) and LibreOffice on Tools > Update. Until then it shows `entries`
// (level, text) as its last result, so the list reads right even before an update.
struct DocxTableOfContents {
    std::string heading;
    std::vector<std::pair<int, std::string>> entries;
};

using DocxBlock = std::variant<DocxTitle, DocxHeading, DocxParagraph, DocxTableOfContents>;

struct DocxDocument {
    // docProps/core.xml: dc:title, dc:creator (the organisation), dc:language; dcterms:created
    // when `created` is set (W3C date-time, e.g. "2026-01-05T00:00:00Z"). docProps/app.xml: Company.
    std::string title;
    std::string organisation;
    std::string language = "da-DK";
    std::string created;

    std::vector<DocxBlock> blocks;

    // The footer of every page: `footer_left`, a tab, then `page_label` with "{page}" and
    // "{pages}" as PAGE and NUMPAGES fields.
    std::string footer_left;
    std::string page_label = "Side {page} af {pages}";
};

// The package: [Content_Types].xml, _rels/.rels, word/document.xml, word/_rels/document.xml.rels,
// word/styles.xml, word/settings.xml, word/footer1.xml, docProps/core.xml, docProps/app.xml.
std::string render_docx(const DocxDocument& document);

// The XML parts by name, before zipping (for tests and debugging).
std::vector<ZipEntry> docx_parts(const DocxDocument& document);

} // namespace naervaer
