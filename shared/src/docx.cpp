// The DOCX writer: WordprocessingML parts and a ZIP archive of stored entries (docs/policy.md,
// "DOCX"). Part and element names follow ECMA-376 (Office Open XML), transitional; child
// elements are written in the order its schema requires, which Word checks.
#include "naervaer/docx.hpp"

#include <algorithm>
#include <array>

namespace naervaer {

namespace {

constexpr std::string_view xml_declaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr std::string_view ns_w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view ns_r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view ns_rels = "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr std::string_view rel_type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

// A4 portrait with 2 cm margins, in twentieths of a point.
constexpr int page_width = 11906, page_height = 16838, margin = 1134;
constexpr int text_width = page_width - 2 * margin;

constexpr std::array<std::uint32_t, 256> crc_table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
        std::uint32_t c = n;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        t[n] = c;
    }
    return t;
}();

void put16(std::string& out, std::uint32_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
}

void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xFFFF);
    put16(out, v >> 16);
}

// Decodes one UTF-8 character at `i`; returns its code point (U+FFFD for an invalid sequence) and
// advances `i` past it (one byte for an invalid one).
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    int len;
    std::uint32_t cp, min;
    if ((c & 0xE0) == 0xC0)
        len = 2, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
        len = 3, cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
        len = 4, cp = c & 0x07, min = 0x10000;
    else {
        ++i;
        return 0xFFFD;
    }
    if (i + static_cast<std::size_t>(len) > s.size()) {
        ++i;
        return 0xFFFD;
    }
    for (int k = 1; k < len; ++k) {
        const auto d = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
        if ((d & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (d & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return 0xFFFD;
    }
    i += static_cast<std::size_t>(len);
    return cp;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// <w:r> runs of a text: plain text in <w:t>, '\n' as <w:br/>, '\t' as <w:tab/>.
std::string runs(std::string_view text, std::string_view run_properties = {}) {
    std::string out;
    std::string pending;
    auto flush = [&] {
        if (pending.empty()) return;
        out += "<w:r>";
        out += run_properties;
        out += "<w:t xml:space=\"preserve\">" + xml_text(pending) + "</w:t></w:r>";
        pending.clear();
    };
    for (char c : text) {
        if (c == '\n' || c == '\t') {
            flush();
            out += "<w:r>";
            out += run_properties;
            out += c == '\n' ? "<w:br/></w:r>" : "<w:tab/></w:r>";
        } else if (c != '\r') {
            pending += c;
        }
    }
    flush();
    return out;
}

std::string paragraph(std::string_view style, std::string_view text) {
    std::string out = "<w:p>";
    if (!style.empty()) out += "<w:pPr><w:pStyle w:val=\"" + std::string(style) + "\"/></w:pPr>";
    return out + runs(text) + "</w:p>\n";
}

std::string table_of_contents(const DocxTableOfContents& toc) {
    std::string out;
    if (!toc.heading.empty()) out += paragraph("TOCHeading", toc.heading);
    const std::string tabs = "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"" +
                             std::to_string(text_width) + "\"/></w:tabs>";
    auto entry_start = [&](int level) {
        return "<w:p><w:pPr><w:pStyle w:val=\"" + std::string(level >= 2 ? "TOC2" : "TOC1") + "\"/>" + tabs +
               "</w:pPr>";
    };
    // The field begins in the first entry's paragraph and ends in a paragraph of its own.
    const std::string begin =
        "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r>"
        "<w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-2\" \\h \\z \\u </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>";
    if (toc.entries.empty()) {
        out += entry_start(1) + begin + "</w:p>\n";
    } else {
        for (std::size_t i = 0; i < toc.entries.size(); ++i)
            out += entry_start(toc.entries[i].first) + (i == 0 ? begin : std::string()) +
                   runs(toc.entries[i].second) + "</w:p>\n";
    }
    out += "<w:p><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>\n";
    return out;
}

std::string document_xml(const DocxDocument& doc) {
    std::string body;
    for (const DocxBlock& block : doc.blocks) {
        if (const auto* t = std::get_if<DocxTitle>(&block))
            body += paragraph("Title", t->text);
        else if (const auto* h = std::get_if<DocxHeading>(&block))
            body += paragraph(h->level >= 2 ? "Heading2" : "Heading1", h->text);
        else if (const auto* p = std::get_if<DocxParagraph>(&block))
            body += paragraph(p->muted ? "Muted" : "", p->text);
        else if (const auto* toc = std::get_if<DocxTableOfContents>(&block))
            body += table_of_contents(*toc);
    }
    return std::string(xml_declaration) + "<w:document xmlns:w=\"" + std::string(ns_w) + "\" xmlns:r=\"" +
           std::string(ns_r) + "\">\n<w:body>\n" + body +
           "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>"
           "<w:pgSz w:w=\"" +
           std::to_string(page_width) + "\" w:h=\"" + std::to_string(page_height) +
           "\"/>"
           "<w:pgMar w:top=\"" +
           std::to_string(margin) + "\" w:right=\"" + std::to_string(margin) + "\" w:bottom=\"" +
           std::to_string(margin) + "\" w:left=\"" + std::to_string(margin) +
           "\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>\n</w:body>\n</w:document>\n";
}

std::string footer_xml(const DocxDocument& doc) {
    std::string p = "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:tabs><w:tab w:val=\"right\" w:pos=\"" +
                    std::to_string(text_width) + "\"/></w:tabs></w:pPr>" + runs(doc.footer_left) +
                    "<w:r><w:tab/></w:r>";
    std::string_view label = doc.page_label;
    while (!label.empty()) {
        const auto page = label.find("{page}"), pages = label.find("{pages}");
        const auto next = std::min(page, pages);
        if (next == std::string_view::npos) {
            p += runs(label);
            break;
        }
        p += runs(label.substr(0, next));
        const bool is_pages = next == pages;
        p += std::string("<w:fldSimple w:instr=\" ") + (is_pages ? "NUMPAGES" : "PAGE") +
             " \"><w:r><w:t>1</w:t></w:r></w:fldSimple>";
        label.remove_prefix(next + (is_pages ? 7 : 6));
    }
    p += "</w:p>";
    return std::string(xml_declaration) + "<w:ftr xmlns:w=\"" + std::string(ns_w) + "\" xmlns:r=\"" +
           std::string(ns_r) + "\">" + p + "</w:ftr>\n";
}

std::string styles_xml(const DocxDocument& doc) {
    const std::string lang = xml_text(doc.language);
    auto style = [](std::string_view id, std::string_view name, std::string_view based_on,
                    std::string_view ppr, std::string_view rpr, bool q_format = true) {
        std::string s = "<w:style w:type=\"paragraph\" w:styleId=\"" + std::string(id) +
                        "\"><w:name w:val=\"" + std::string(name) + "\"/>";
        if (!based_on.empty())
            s += "<w:basedOn w:val=\"" + std::string(based_on) + "\"/><w:next w:val=\"Normal\"/>";
        if (q_format) s += "<w:qFormat/>";
        if (!ppr.empty()) s += "<w:pPr>" + std::string(ppr) + "</w:pPr>";
        if (!rpr.empty()) s += "<w:rPr>" + std::string(rpr) + "</w:rPr>";
        return s + "</w:style>\n";
    };
    std::string out = std::string(xml_declaration) + "<w:styles xmlns:w=\"" + std::string(ns_w) + "\">\n";
    out += "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" "
           "w:eastAsia=\"Calibri\" "
           "w:cs=\"Calibri\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"" +
           lang +
           "\"/></w:rPr>"
           "</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"160\" w:line=\"264\" "
           "w:lineRule=\"auto\"/></w:pPr>"
           "</w:pPrDefault></w:docDefaults>\n";
    out += "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
           "w:val=\"Normal\"/><w:qFormat/></w:style>\n";
    out += style("Title", "Title", "Normal", "<w:spacing w:after=\"240\"/>",
                 "<w:b/><w:bCs/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>");
    out += style(
        "Heading1", "heading 1", "Normal",
        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/>",
        "<w:b/><w:bCs/><w:sz w:val=\"30\"/><w:szCs w:val=\"30\"/>");
    out += style(
        "Heading2", "heading 2", "Normal",
        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"1\"/>",
        "<w:b/><w:bCs/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>");
    out += style("TOCHeading", "TOC Heading", "Normal",
                 "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>",
                 "<w:b/><w:bCs/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>");
    out += style("TOC1", "toc 1", "Normal", "<w:spacing w:after=\"60\"/>", "");
    out += style("TOC2", "toc 2", "Normal", "<w:spacing w:after=\"60\"/><w:ind w:left=\"220\"/>", "");
    out += style("Muted", "Muted", "Normal", "",
                 "<w:color w:val=\"595959\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>");
    out += style("Footer", "footer", "Normal", "<w:spacing w:after=\"0\"/>",
                 "<w:color w:val=\"595959\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/>", false);
    return out + "</w:styles>\n";
}

std::string settings_xml() {
    // CT_Settings is a sequence: defaultTabStop, characterSpacingControl, updateFields, compat.
    return std::string(xml_declaration) + "<w:settings xmlns:w=\"" + std::string(ns_w) +
           "\"><w:defaultTabStop w:val=\"709\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
           "<w:updateFields w:val=\"true\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" "
           "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>\n";
}

std::string content_types_xml() {
    const std::string wml = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    auto over = [](std::string_view part, const std::string& type) {
        return "<Override PartName=\"" + std::string(part) + "\" ContentType=\"" + type + "\"/>";
    };
    return std::string(xml_declaration) +
           "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
           "<Default Extension=\"rels\" "
           "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
           "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
           over("/word/document.xml", wml + "document.main+xml") +
           over("/word/styles.xml", wml + "styles+xml") + over("/word/settings.xml", wml + "settings+xml") +
           over("/word/footer1.xml", wml + "footer+xml") +
           over("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml") +
           over("/docProps/app.xml",
                "application/vnd.openxmlformats-officedocument.extended-properties+xml") +
           "</Types>\n";
}

std::string relationship(std::string_view id, std::string_view type, std::string_view target) {
    return "<Relationship Id=\"" + std::string(id) + "\" Type=\"" + std::string(type) + "\" Target=\"" +
           std::string(target) + "\"/>";
}

std::string package_rels_xml() {
    return std::string(xml_declaration) + "<Relationships xmlns=\"" + std::string(ns_rels) + "\">" +
           relationship("rId1", std::string(rel_type) + "officeDocument", "word/document.xml") +
           relationship(
               "rId2",
               "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
               "docProps/core.xml") +
           relationship("rId3", std::string(rel_type) + "extended-properties", "docProps/app.xml") +
           "</Relationships>\n";
}

std::string document_rels_xml() {
    return std::string(xml_declaration) + "<Relationships xmlns=\"" + std::string(ns_rels) + "\">" +
           relationship("rIdStyles", std::string(rel_type) + "styles", "styles.xml") +
           relationship("rIdSettings", std::string(rel_type) + "settings", "settings.xml") +
           relationship("rIdFooter1", std::string(rel_type) + "footer", "footer1.xml") + "</Relationships>\n";
}

std::string core_xml(const DocxDocument& doc) {
    std::string out =
        std::string(xml_declaration) +
        "<cp:coreProperties "
        "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        "<dc:title>" +
        xml_text(doc.title) +
        "</dc:title>"
        "<dc:creator>" +
        xml_text(doc.organisation) +
        "</dc:creator>"
        "<dc:language>" +
        xml_text(doc.language) + "</dc:language>";
    if (!doc.created.empty())
        out += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + xml_text(doc.created) + "</dcterms:created>";
    return out + "</cp:coreProperties>\n";
}

std::string app_xml(const DocxDocument& doc) {
    return std::string(xml_declaration) +
           "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
           "<Company>" +
           xml_text(doc.organisation) + "</Company></Properties>\n";
}

} // namespace

std::uint32_t crc32(std::string_view bytes) {
    std::uint32_t c = 0xFFFFFFFFu;
    for (char ch : bytes)
        c = crc_table[(c ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

std::string zip_store(std::span<const ZipEntry> entries) {
    constexpr std::uint32_t dos_time = 0;                          // 00:00:00
    constexpr std::uint32_t dos_date = (0u << 9) | (1u << 5) | 1u; // 1980-01-01
    constexpr std::uint32_t version = 20;                          // 2.0: what stored entries need
    std::string out, central;
    for (const ZipEntry& e : entries) {
        const std::uint32_t offset = static_cast<std::uint32_t>(out.size());
        const std::uint32_t crc = crc32(e.data);
        const auto size = static_cast<std::uint32_t>(e.data.size());
        const auto name_length = static_cast<std::uint32_t>(e.name.size());
        // Local file header.
        put32(out, 0x04034b50);
        put16(out, version);
        put16(out, 0x0800); // bit 11: names are UTF-8
        put16(out, 0);      // stored
        put16(out, dos_time);
        put16(out, dos_date);
        put32(out, crc);
        put32(out, size);
        put32(out, size);
        put16(out, name_length);
        put16(out, 0); // no extra field
        out += e.name;
        out += e.data;
        // Central directory entry.
        put32(central, 0x02014b50);
        put16(central, version); // made by: MS-DOS, 2.0
        put16(central, version);
        put16(central, 0x0800);
        put16(central, 0);
        put16(central, dos_time);
        put16(central, dos_date);
        put32(central, crc);
        put32(central, size);
        put32(central, size);
        put16(central, name_length);
        put16(central, 0); // extra
        put16(central, 0); // comment
        put16(central, 0); // disk
        put16(central, 0); // internal attributes
        put32(central, 0); // external attributes
        put32(central, offset);
        central += e.name;
    }
    const auto central_offset = static_cast<std::uint32_t>(out.size());
    const auto central_size = static_cast<std::uint32_t>(central.size());
    out += central;
    put32(out, 0x06054b50); // end of central directory
    put16(out, 0);
    put16(out, 0);
    put16(out, static_cast<std::uint32_t>(entries.size()));
    put16(out, static_cast<std::uint32_t>(entries.size()));
    put32(out, central_size);
    put32(out, central_offset);
    put16(out, 0); // comment length
    return out;
}

std::string xml_text(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const std::uint32_t cp = next_code_point(s, i);
        switch (cp) {
        case '&':
            out += "&amp;";
            continue;
        case '<':
            out += "&lt;";
            continue;
        case '>':
            out += "&gt;";
            continue;
        case '"':
            out += "&quot;";
            continue;
        case '\'':
            out += "&apos;";
            continue;
        default:
            break;
        }
        const bool control = (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F);
        if (control || cp == 0xFFFE || cp == 0xFFFF) continue;
        append_utf8(out, cp);
    }
    return out;
}

std::vector<ZipEntry> docx_parts(const DocxDocument& document) {
    return {
        {"[Content_Types].xml", content_types_xml()},  {"_rels/.rels", package_rels_xml()},
        {"word/document.xml", document_xml(document)}, {"word/_rels/document.xml.rels", document_rels_xml()},
        {"word/styles.xml", styles_xml(document)},     {"word/settings.xml", settings_xml()},
        {"word/footer1.xml", footer_xml(document)},    {"docProps/core.xml", core_xml(document)},
        {"docProps/app.xml", app_xml(document)},
    };
}

std::string render_docx(const DocxDocument& document) {
    const auto parts = docx_parts(document);
    return zip_store(parts);
}

} // namespace naervaer
