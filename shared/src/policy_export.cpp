// The policy as DOCX, PDF and Markdown, and its file name (docs/policy.md, "Export").
#include "naervaer/policy_export.hpp"

#include <array>

namespace naervaer {

namespace {

struct ExportWords {
    std::string_view contents, toc_heading, legal_basis, approved, by, draft, page;
};

const ExportWords& words_for(std::string_view language) {
    static constexpr ExportWords da{"Indhold", "Indholdsfortegnelse",    "Lovgrundlag",           "Godkendt",
                                    "af",      "Kladde – ikke godkendt", "Side {page} af {pages}"};
    static constexpr ExportWords en{"Contents",
                                    "Contents",
                                    "Legal basis",
                                    "Approved",
                                    "by",
                                    "Draft – not approved",
                                    "Page {page} of {pages}"};
    return language == "en" ? en : da;
}

std::string heading_text(const PolicySection& s) {
    return std::to_string(s.number) + ". " + s.title;
}

std::string legal_basis_line(const PolicySection& s, std::string_view language) {
    if (s.legal_basis.empty()) return {};
    std::string out = std::string(words_for(language).legal_basis) + ": ";
    for (std::size_t i = 0; i < s.legal_basis.size(); ++i)
        out += (i ? "; " : "") + s.legal_basis[i];
    return out;
}

std::string footer_left(const PolicyExportContext& c) {
    return c.organisation_name.empty() ? "Version " + std::to_string(c.version)
                                       : c.organisation_name + " · Version " + std::to_string(c.version);
}

// ---- Markdown ----------------------------------------------------------------------------------

std::string markdown_escape_line(std::string_view line) {
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string_view::npos) return {};
    line.remove_prefix(start);
    static constexpr std::string_view special = "\\`*_[]<>#|~&";
    std::string out;
    for (char c : line) {
        if (special.find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    // What would start a list, a heading underline or a block at the start of a line.
    if (out[0] == '-' || out[0] == '+' || out[0] == '=') return "\\" + out;
    std::size_t digits = 0;
    while (digits < out.size() && out[digits] >= '0' && out[digits] <= '9')
        ++digits;
    if (digits > 0 && digits < out.size() && (out[digits] == '.' || out[digits] == ')'))
        out.insert(digits, "\\");
    return out;
}

std::string markdown_paragraph(std::string_view text) {
    std::string out;
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        const std::string line = markdown_escape_line(text.substr(at, end - at));
        if (!line.empty()) {
            if (!out.empty()) out += "\\\n"; // a hard line break
            out += line;
        }
        if (end == text.size()) break;
        at = end + 1;
    }
    return out;
}

// ---- file names --------------------------------------------------------------------------------

// The ASCII spelling of a Latin-1 letter U+00C0-U+00FF, or "" for × and ÷.
std::string_view latin1_ascii(unsigned cp) {
    static constexpr std::array<std::string_view, 64> table{
        "a", "a", "a", "a", "a", "aa", "ae", "c", "e",  "e", "e", "e", "i", "i", "i",  "i",  // C0-CF
        "d", "n", "o", "o", "o", "o",  "o",  "",  "oe", "u", "u", "u", "u", "y", "th", "ss", // D0-DF
        "a", "a", "a", "a", "a", "aa", "ae", "c", "e",  "e", "e", "e", "i", "i", "i",  "i",  // E0-EF
        "d", "n", "o", "o", "o", "o",  "o",  "",  "oe", "u", "u", "u", "u", "y", "th", "y",  // F0-FF
    };
    return cp >= 0xC0 && cp <= 0xFF ? table[cp - 0xC0] : std::string_view();
}

} // namespace

PolicyExportContext export_context(const PolicyVersion& version, std::string organisation_name) {
    PolicyExportContext c;
    c.organisation_name = std::move(organisation_name);
    c.version = version.number;
    c.approved = version.status == PolicyStatus::approved;
    c.approved_on = version.approved_on;
    c.approved_by_name = version.approved_by_name;
    return c;
}

std::string policy_version_line(const PolicyExportContext& c, std::string_view language) {
    const ExportWords& w = words_for(language);
    std::string out = "Version " + std::to_string(c.version) + " · ";
    if (!c.approved) return out + std::string(w.draft);
    out += w.approved;
    if (c.approved_on) out += " " + c.approved_on->danish();
    if (!c.approved_by_name.empty()) out += " " + std::string(w.by) + " " + c.approved_by_name;
    return out;
}

std::string policy_markdown(const PolicyDocument& doc, const PolicyExportContext& context) {
    const ExportWords& w = words_for(doc.language);
    std::string out = "# " + markdown_paragraph(doc.title) + "\n\n";
    out += markdown_paragraph(policy_version_line(context, doc.language)) + "\n\n";
    if (!doc.sections.empty()) {
        out += "## " + std::string(w.contents) + "\n\n";
        for (const PolicySection& s : doc.sections)
            out += std::to_string(s.number) + ". " + markdown_paragraph(s.title) + "\n";
        out += "\n";
    }
    for (const PolicySection& s : doc.sections) {
        out += "## " + std::to_string(s.number) + ". " + markdown_paragraph(s.title) + "\n\n";
        for (const std::string& p : s.paragraphs)
            out += markdown_paragraph(p) + "\n\n";
        if (const std::string basis = legal_basis_line(s, doc.language); !basis.empty())
            out += "*" + markdown_paragraph(basis) + "*\n\n";
    }
    out.pop_back(); // one newline at the end
    return out;
}

PdfDocument policy_pdf(const PolicyDocument& doc, const PolicyExportContext& context) {
    const ExportWords& w = words_for(doc.language);
    PdfDocument pdf;
    pdf.title = doc.title;
    pdf.author = context.organisation_name;
    pdf.subject = policy_version_line(context, doc.language);
    pdf.language = doc.language == "en" ? "en-GB" : "da-DK";
    pdf.page_label = std::string(w.page);
    pdf.footer_left = footer_left(context);
    pdf.blocks.push_back(PdfHeading{doc.title, 1});
    pdf.blocks.push_back(PdfParagraph{policy_version_line(context, doc.language), false, true});
    if (!doc.sections.empty()) {
        pdf.blocks.push_back(PdfHeading{std::string(w.contents), 2});
        std::string contents;
        for (const PolicySection& s : doc.sections) {
            if (!contents.empty()) contents += '\n';
            contents += heading_text(s);
        }
        pdf.blocks.push_back(PdfParagraph{contents});
    }
    for (const PolicySection& s : doc.sections) {
        pdf.blocks.push_back(PdfHeading{heading_text(s), 2});
        for (const std::string& p : s.paragraphs)
            pdf.blocks.push_back(PdfParagraph{p});
        if (const std::string basis = legal_basis_line(s, doc.language); !basis.empty())
            pdf.blocks.push_back(PdfParagraph{basis, false, true});
    }
    return pdf;
}

DocxDocument policy_docx_document(const PolicyDocument& doc, const PolicyExportContext& context) {
    const ExportWords& w = words_for(doc.language);
    DocxDocument docx;
    docx.title = doc.title;
    docx.organisation = context.organisation_name;
    docx.language = doc.language == "en" ? "en-GB" : "da-DK";
    if (context.approved_on) docx.created = context.approved_on->iso() + "T00:00:00Z";
    docx.footer_left = footer_left(context);
    docx.page_label = std::string(w.page);
    docx.blocks.push_back(DocxTitle{doc.title});
    docx.blocks.push_back(DocxParagraph{policy_version_line(context, doc.language), true});
    DocxTableOfContents toc{std::string(w.toc_heading), {}};
    for (const PolicySection& s : doc.sections)
        toc.entries.emplace_back(1, heading_text(s));
    docx.blocks.push_back(std::move(toc));
    for (const PolicySection& s : doc.sections) {
        docx.blocks.push_back(DocxHeading{heading_text(s), 1});
        for (const std::string& p : s.paragraphs)
            docx.blocks.push_back(DocxParagraph{p});
        if (const std::string basis = legal_basis_line(s, doc.language); !basis.empty())
            docx.blocks.push_back(DocxParagraph{basis, true});
    }
    return docx;
}

std::string policy_docx(const PolicyDocument& doc, const PolicyExportContext& context) {
    return render_docx(policy_docx_document(doc, context));
}

std::string file_slug(std::string_view text) {
    std::string out;
    bool gap = false;
    auto put = [&](std::string_view s) {
        if (s.empty()) {
            gap = true;
            return;
        }
        if (gap && !out.empty()) out += '-';
        gap = false;
        out += s;
    };
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                put(std::string(1, static_cast<char>(c)));
            else if (c >= 'A' && c <= 'Z')
                put(std::string(1, static_cast<char>(c - 'A' + 'a')));
            else
                put({});
            continue;
        }
        // Two-byte UTF-8 of U+0080-U+07FF; Latin-1 letters are C3 80-BF.
        if ((c & 0xE0) == 0xC0 && i + 1 < text.size() &&
            (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
            const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
            put(latin1_ascii(cp));
            i += 2;
            continue;
        }
        // Anything else (other scripts, symbols, invalid bytes) separates words.
        ++i;
        while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
            ++i;
        put({});
    }
    return out;
}

std::string policy_file_name(std::string_view organisation_name, int version, std::string_view extension) {
    const std::string slug = file_slug(organisation_name);
    return "sygefravaerspolitik-" + (slug.empty() ? std::string() : slug + "-") + "v" +
           std::to_string(version) + "." + std::string(extension);
}

} // namespace naervaer
