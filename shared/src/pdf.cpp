#include "naervaer/pdf.hpp"

#include "pdf_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <utility>

namespace naervaer {

namespace {

// ---- Text: UTF-8 in, cp1252 bytes out ----

// The code point at s[i], advancing i past it; an invalid or truncated sequence (overlong forms,
// surrogates and values above U+10FFFF included) yields U+FFFD and advances one byte.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = 0;
    char32_t cp = 0;
    if (c < 0x80) len = 1, cp = c;
    else if ((c & 0xe0) == 0xc0) len = 2, cp = c & 0x1f;
    else if ((c & 0xf0) == 0xe0) len = 3, cp = c & 0x0f;
    else if ((c & 0xf8) == 0xf0) len = 4, cp = c & 0x07;
    if (len == 0 || i + len > s.size()) return ++i, U'\uFFFD';
    for (int k = 1; k < len; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xc0) != 0x80) return ++i, U'\uFFFD';
        cp = (cp << 6) | (cc & 0x3f);
    }
    static constexpr char32_t min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_len[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return ++i, U'\uFFFD';
    i += len;
    return cp;
}

// Unicode of cp1252 0x80..0x9F; 0 where cp1252 defines no character. The rest of cp1252 is
// ASCII (0x00..0x7F) and Latin-1 (0xA0..0xFF), the same numbers as in Unicode.
constexpr char16_t cp1252_80_to_9f[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, // € ‚ ƒ „ … † ‡
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,      // ˆ ‰ Š ‹ Œ Ž
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // ‘ ’ “ ” • – —
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178, // ˜ ™ š › œ ž Ÿ
};

char to_cp1252(char32_t cp) {
    if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) return static_cast<char>(cp);
    for (std::size_t k = 0; k < 32; ++k) // cp >= 0x80 here, so the 0 entries never match
        if (cp1252_80_to_9f[k] == cp) return static_cast<char>(0x80 + k);
    return '?';
}

// cp1252 text ready to lay out: a tab becomes a space; other control characters, the soft
// hyphen (invisible unless a line breaks there, which this layout never does) and CR go.
std::string printable(std::string_view utf8) {
    std::string out = utf8_to_cp1252(utf8);
    std::size_t kept = 0;
    for (const char c : out) {
        const auto b = static_cast<unsigned char>(c);
        if (b == '\t') out[kept++] = ' ';
        else if (b == '\n' || (b >= 0x20 && b != 0x7f && b != 0xad)) out[kept++] = c;
    }
    out.resize(kept);
    return out;
}

// Width in 1/1000 em of cp1252 text.
long text_units(std::string_view cp1252, bool bold) {
    const unsigned short* widths = bold ? pdf_metrics::helvetica_bold_widths : pdf_metrics::helvetica_widths;
    long units = 0;
    for (const char c : cp1252) units += widths[static_cast<unsigned char>(c)];
    return units;
}

// Greedy line breaking of one line without '\n' at spaces (runs of spaces count as one); a word
// wider than the line is cut between characters. An empty line stays one empty line.
void wrap_line(std::string_view text, bool bold, long max_units, std::vector<std::string>& lines) {
    const long space = text_units(" ", bold);
    std::string current;
    long current_units = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ') {
            ++i;
            continue;
        }
        std::size_t end = text.find(' ', i);
        if (end == std::string_view::npos) end = text.size();
        std::string_view word = text.substr(i, end - i);
        i = end;
        long word_units = text_units(word, bold);
        if (!current.empty() && current_units + space + word_units <= max_units) {
            current += ' ';
            current.append(word);
            current_units += space + word_units;
            continue;
        }
        if (!current.empty()) lines.push_back(std::move(current));
        current.clear();
        while (word_units > max_units && word.size() > 1) {
            std::size_t cut = 1; // at least one character per line, however narrow the column
            long cut_units = text_units(word.substr(0, 1), bold);
            while (cut < word.size() && cut_units + text_units(word.substr(cut, 1), bold) <= max_units)
                cut_units += text_units(word.substr(cut++, 1), bold);
            lines.emplace_back(word.substr(0, cut));
            word.remove_prefix(cut);
            word_units -= cut_units;
        }
        current.assign(word);
        current_units = word_units;
    }
    lines.push_back(std::move(current));
}

// Lines of cp1252 `text` at most `width` points wide at `size`; '\n' breaks a line.
std::vector<std::string> wrap(std::string_view text, bool bold, double size, double width) {
    const long max_units = static_cast<long>(width * 1000 / size);
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (;;) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        wrap_line(text.substr(start, end - start), bold, max_units, lines);
        if (end == text.size()) break;
        start = end + 1;
    }
    return lines;
}

// ---- PDF syntax ----

// A number with at most two decimals, locale-independent: "56.69", "10", "-3.5".
void append_number(std::string& out, double value) {
    long long hundredths = std::llround(value * 100);
    if (hundredths < 0) out += '-', hundredths = -hundredths;
    out += std::to_string(hundredths / 100);
    const int fraction = static_cast<int>(hundredths % 100);
    if (fraction != 0) {
        out += '.';
        out += static_cast<char>('0' + fraction / 10);
        if (fraction % 10 != 0) out += static_cast<char>('0' + fraction % 10);
    }
}

// Numeric operands and their operator, e.g. "56.69 700 Td ".
void append_operation(std::string& out, std::initializer_list<double> operands, std::string_view op) {
    for (const double operand : operands) {
        append_number(out, operand);
        out += ' ';
    }
    out += op;
}

// A literal string: ( ) \ escaped, bytes outside printable ASCII as three octal digits, so the
// file stays 7-bit and a viewer maps each byte through WinAnsiEncoding.
void append_literal(std::string& out, std::string_view bytes) {
    out += '(';
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        if (c == '(' || c == ')' || c == '\\') {
            out += '\\';
            out += c;
        } else if (b < 0x20 || b >= 0x7f) {
            out += '\\';
            out += static_cast<char>('0' + (b >> 6));
            out += static_cast<char>('0' + ((b >> 3) & 7));
            out += static_cast<char>('0' + (b & 7));
        } else {
            out += c;
        }
    }
    out += ')';
}

// A text string outside content streams (document information, /Lang): printable ASCII as a
// literal, anything else as UTF-16BE with a byte order mark, in hex.
void append_text_string(std::string& out, std::string_view utf8) {
    if (std::all_of(utf8.begin(), utf8.end(), [](char c) { return c >= 0x20 && c < 0x7f; })) {
        append_literal(out, utf8);
        return;
    }
    static constexpr char hex[] = "0123456789ABCDEF";
    const auto append_unit = [&](std::uint32_t unit) {
        for (int shift = 12; shift >= 0; shift -= 4) out += hex[(unit >> shift) & 0xf];
    };
    out += "<FEFF";
    std::size_t i = 0;
    while (i < utf8.size()) {
        const char32_t cp = next_code_point(utf8, i);
        if (cp >= 0x10000) {
            append_unit(0xd800 + ((cp - 0x10000) >> 10));
            append_unit(0xdc00 + ((cp - 0x10000) & 0x3ff));
        } else {
            append_unit(cp);
        }
    }
    out += '>';
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

// ---- Layout ----

// A4 portrait in points, 20 mm margins; the footer's baseline 12 mm above the paper's edge.
constexpr double page_width = 595.28;
constexpr double page_height = 841.89;
constexpr double margin = 56.69;
constexpr double text_width = page_width - 2 * margin;
constexpr double top = page_height - margin;
constexpr double bottom = margin;
constexpr double footer_baseline = 34.02;

struct Style {
    double size;
    double leading; // height of one line
    bool bold = false;
    bool muted = false;
};
constexpr Style body{10, 14};
constexpr Style body_bold{10, 14, true};
constexpr Style heading_1{16, 20, true};
constexpr Style heading_2{12.5, 16, true};
constexpr Style small{8.5, 11, false, true};

constexpr double paragraph_gap = 6; // after a paragraph, a list, a table
constexpr double row_gap = 3;       // after a label/value row and a list item
constexpr double cell_padding = 4;  // inside table cells, left and right; 3 above and below
constexpr double label_share = 0.32; // of the text width, for the labels of label/value rows
constexpr char bullet[] = "\x95";    // • in cp1252

// A column of text in a row: where it starts, its lines and their style.
struct Cell {
    double x;
    Style style;
    std::vector<std::string> lines;
};

Cell cell(double x, double width, Style style, std::string_view utf8) {
    return {x, style, wrap(printable(utf8), style.bold, style.size, width)};
}

// Lays blocks out top to bottom, one content stream per page.
class Layout {
public:
    std::vector<std::string> pages{1};

    void operator()(const PdfHeading& heading) {
        const Style& style = heading.level <= 1 ? heading_1 : heading_2;
        if (!page_empty_) y_ -= heading.level <= 1 ? 10 : 8;
        std::vector<Cell> cells{cell(margin, text_width, style, heading.text)};
        // Keep the heading with the first two lines of what follows.
        make_room(static_cast<double>(cells[0].lines.size()) * style.leading + 2 * body.leading);
        put_row(cells, false);
        y_ -= 4;
    }

    void operator()(const PdfParagraph& paragraph) {
        Style style = paragraph.bold ? body_bold : body;
        style.muted = paragraph.muted;
        std::vector<Cell> cells{cell(margin, text_width, style, paragraph.text)};
        put_row(cells, false);
        y_ -= paragraph_gap;
    }

    void operator()(const PdfLabelValue& row) {
        const double label_width = text_width * label_share;
        const double gap = 10;
        std::vector<Cell> cells{cell(margin, label_width - gap, body_bold, row.label),
                                cell(margin + label_width, text_width - label_width, body, row.value)};
        put_row(cells, true);
        y_ -= row_gap;
    }

    void operator()(const PdfBulletList& list) {
        const double indent = 14;
        for (const std::string& item : list.items) {
            std::vector<Cell> cells{{margin + 3, body, {bullet}},
                                    cell(margin + indent, text_width - indent, body, item)};
            put_row(cells, false);
            y_ -= row_gap;
        }
        y_ -= paragraph_gap - row_gap;
    }

    void operator()(const PdfTable& table) {
        if (table.columns.empty()) return;
        double total_weight = 0;
        for (const auto& column : table.columns) total_weight += std::max(column.weight, 0.0);
        column_x_.clear();
        double x = margin;
        for (const auto& column : table.columns) {
            column_x_.push_back(x);
            x += total_weight > 0 ? text_width * std::max(column.weight, 0.0) / total_weight
                                  : text_width / static_cast<double>(table.columns.size());
        }
        column_x_.push_back(margin + text_width);

        std::vector<std::string> header;
        for (const auto& column : table.columns) header.push_back(column.header);
        header_ = table_row(header, body_bold);
        make_room(row_height(header_) + row_height(table_row({}, body)));
        put_table_header();
        for (const auto& cells : table.rows) {
            std::vector<Cell> row = table_row(cells, body);
            y_ -= 3;
            put_row(row, true, /*repeat_header=*/true);
            y_ -= 3;
            rule(0.4, 0.75);
        }
        header_.clear();
        y_ -= paragraph_gap;
    }

    void operator()(const PdfSpacer& spacer) {
        if (page_empty_) return;
        if (fits(spacer.height_pt)) y_ -= spacer.height_pt;
        else new_page();
    }

    void operator()(const PdfPageBreak&) {
        if (!page_empty_) new_page();
    }

    void operator()(const PdfSignatureBlock& block) {
        const double column_gap = 28;
        const double column_width = (text_width - column_gap) / 2;
        const double room_to_sign = 40;
        for (std::size_t first = 0; first < block.signatures.size(); first += 2) {
            const std::size_t count = std::min<std::size_t>(2, block.signatures.size() - first);
            bool any_name = false;
            for (std::size_t k = first; k < first + count; ++k) any_name = any_name || !block.signatures[k].name.empty();
            make_room(room_to_sign + small.leading * (any_name ? 2 : 1) + 4);
            const double line_y = y_ - room_to_sign;
            std::vector<Cell> captions;
            for (std::size_t k = 0; k < count; ++k) {
                const PdfSignature& signature = block.signatures[first + k];
                double x = margin + static_cast<double>(k) * (column_width + column_gap);
                double signature_width = column_width;
                if (!signature.date_caption.empty()) {
                    const double date_width = column_width * 0.3;
                    line(x, line_y, x + date_width, line_y, 0.6, 0);
                    captions.push_back(cell(x, date_width, small, signature.date_caption));
                    x += date_width + 12;
                    signature_width -= date_width + 12;
                }
                line(x, line_y, x + signature_width, line_y, 0.6, 0);
                std::string caption = signature.caption;
                if (!signature.name.empty()) caption += "\n" + signature.name;
                captions.push_back(cell(x, signature_width, small, caption));
            }
            y_ = line_y - 2;
            put_row(captions, true);
            y_ -= 14;
        }
    }

    // The footer of every page, once the page count is known.
    void add_footers(const PdfDocument& document) {
        const std::string left = printable(document.footer_left);
        for (std::size_t i = 0; i < pages.size(); ++i) {
            std::string label = document.page_label;
            replace_all(label, "{page}", std::to_string(i + 1));
            replace_all(label, "{pages}", std::to_string(pages.size()));
            label = printable(label);
            const double label_width = static_cast<double>(text_units(label, false)) * small.size / 1000;
            text(pages[i], margin, footer_baseline, left, small);
            text(pages[i], page_width - margin - label_width, footer_baseline, label, small);
        }
    }

private:
    double y_ = top; // the top of the next line on the current page
    bool page_empty_ = true;
    std::vector<double> column_x_; // the current table's column edges, and the right edge last
    std::vector<Cell> header_;     // the current table's header row

    bool fits(double height) const { return y_ - height >= bottom - 0.01; }

    void new_page() {
        pages.emplace_back();
        y_ = top;
        page_empty_ = true;
    }

    // A new page unless `height` fits below (or the page is empty: then nothing would help).
    void make_room(double height) {
        if (!fits(height) && !page_empty_) new_page();
    }

    static double row_height(const std::vector<Cell>& cells) {
        double height = 0;
        for (const Cell& c : cells)
            height = std::max(height, static_cast<double>(std::max<std::size_t>(c.lines.size(), 1)) * c.style.leading);
        return height + 6; // table rows: padding above and below
    }

    std::vector<Cell> table_row(const std::vector<std::string>& texts, Style style) const {
        std::vector<Cell> cells;
        for (std::size_t k = 0; k + 1 < column_x_.size(); ++k) {
            const std::string_view text = k < texts.size() ? std::string_view(texts[k]) : std::string_view();
            cells.push_back(cell(column_x_[k] + cell_padding, column_x_[k + 1] - column_x_[k] - 2 * cell_padding,
                                 style, text));
        }
        return cells;
    }

    void put_table_header() {
        y_ -= 3;
        put_row(header_, true);
        y_ -= 3;
        rule(0.8, 0.3);
    }

    // Text lines of the cells side by side, line by line, starting a new page when a line does
    // not fit. `keep_together` moves the whole row to the next page first when it fits there.
    void put_row(const std::vector<Cell>& cells, bool keep_together, bool repeat_header = false) {
        std::size_t line_count = 0;
        double leading = 0;
        for (const Cell& c : cells) {
            line_count = std::max(line_count, c.lines.size());
            leading = std::max(leading, c.style.leading);
        }
        const double height = static_cast<double>(line_count) * leading;
        const auto break_page = [&] {
            new_page();
            if (repeat_header) put_table_header(), y_ -= 3;
        };
        if (keep_together && !fits(height) && !page_empty_ && height <= top - bottom) break_page();
        for (std::size_t i = 0; i < line_count; ++i) {
            if (!fits(leading) && !page_empty_) break_page();
            for (const Cell& c : cells)
                if (i < c.lines.size()) text(pages.back(), c.x, y_ - c.style.size, c.lines[i], c.style);
            y_ -= leading;
            page_empty_ = false;
        }
    }

    // A horizontal rule under the current position, across the text width.
    void rule(double width, double gray) {
        line(margin, y_, margin + text_width, y_, width, gray);
    }

    void line(double x1, double y1, double x2, double y2, double width, double gray) {
        std::string& out = pages.back();
        out += "q ";
        append_operation(out, {width}, "w ");
        append_operation(out, {gray}, "G ");
        append_operation(out, {x1, y1}, "m ");
        append_operation(out, {x2, y2}, "l S Q\n");
        page_empty_ = false;
    }

    static void text(std::string& out, double x, double baseline, std::string_view cp1252, const Style& style) {
        if (cp1252.empty()) return;
        out += style.muted ? "q 0.4 g BT " : "BT ";
        out += style.bold ? "/F2 " : "/F1 ";
        append_operation(out, {style.size}, "Tf ");
        append_operation(out, {x, baseline}, "Td ");
        append_literal(out, cp1252);
        out += style.muted ? " Tj ET Q\n" : " Tj ET\n";
    }
};

// Appends "<number> 0 obj\n" and records where it starts.
void begin_object(std::string& out, std::vector<std::size_t>& offsets, std::size_t number) {
    if (offsets.size() <= number) offsets.resize(number + 1);
    offsets[number] = out.size();
    out += std::to_string(number);
    out += " 0 obj\n";
}

} // namespace

std::string utf8_to_cp1252(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    std::size_t i = 0;
    while (i < utf8.size()) out += to_cp1252(next_code_point(utf8, i));
    return out;
}

double text_width_pt(std::string_view utf8, bool bold, double size) {
    return static_cast<double>(text_units(utf8_to_cp1252(utf8), bold)) * size / 1000;
}

std::string render_pdf(const PdfDocument& document) {
    Layout layout;
    for (const PdfBlock& block : document.blocks) std::visit(layout, block);
    layout.add_footers(document);
    const std::vector<std::string>& pages = layout.pages;

    // Objects: 1 catalog, 2 page tree, 3 and 4 the fonts, 5 the document information, then each
    // page followed by its content stream.
    constexpr std::size_t first_page = 6;
    const std::size_t object_count = first_page + 2 * pages.size();
    std::vector<std::size_t> offsets(object_count, 0);
    std::string out;
    std::size_t size = 1000;
    for (const auto& page : pages) size += page.size() + 300;
    out.reserve(size);
    out += "%PDF-1.4\n";

    begin_object(out, offsets, 1);
    out += "<< /Type /Catalog /Pages 2 0 R /Lang ";
    append_text_string(out, document.language);
    out += " /ViewerPreferences << /DisplayDocTitle true >> >>\nendobj\n";

    begin_object(out, offsets, 2);
    out += "<< /Type /Pages /Kids [";
    for (std::size_t i = 0; i < pages.size(); ++i) {
        out += i == 0 ? "" : " ";
        out += std::to_string(first_page + 2 * i);
        out += " 0 R";
    }
    out += "] /Count ";
    out += std::to_string(pages.size());
    out += " >>\nendobj\n";

    const char* const fonts[] = {"Helvetica", "Helvetica-Bold"};
    for (std::size_t f = 0; f < 2; ++f) {
        begin_object(out, offsets, 3 + f);
        out += "<< /Type /Font /Subtype /Type1 /BaseFont /";
        out += fonts[f];
        out += " /Encoding /WinAnsiEncoding >>\nendobj\n";
    }

    begin_object(out, offsets, 5);
    out += "<< /Producer (Naervaer)";
    const std::pair<const char*, const std::string*> info[] = {
        {"Title", &document.title}, {"Author", &document.author}, {"Subject", &document.subject}};
    for (const auto& [key, value] : info) {
        if (value->empty()) continue;
        out += " /";
        out += key;
        out += ' ';
        append_text_string(out, *value);
    }
    if (!document.creation_date.empty()) {
        out += " /CreationDate ";
        append_literal(out, document.creation_date);
    }
    out += " >>\nendobj\n";

    for (std::size_t i = 0; i < pages.size(); ++i) {
        const std::size_t page = first_page + 2 * i;
        begin_object(out, offsets, page);
        out += "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ";
        append_number(out, page_width);
        out += ' ';
        append_number(out, page_height);
        out += "] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ";
        out += std::to_string(page + 1);
        out += " 0 R >>\nendobj\n";
        begin_object(out, offsets, page + 1);
        out += "<< /Length ";
        out += std::to_string(pages[i].size());
        out += " >>\nstream\n";
        out += pages[i];
        out += "\nendstream\nendobj\n";
    }

    // Cross-reference table: 20-byte entries, "nnnnnnnnnn ggggg n" and a two-byte line end.
    const std::size_t xref = out.size();
    out += "xref\n0 ";
    out += std::to_string(object_count);
    out += "\n0000000000 65535 f \n";
    for (std::size_t n = 1; n < object_count; ++n) {
        std::string offset = std::to_string(offsets[n]);
        out.append(10 - offset.size(), '0');
        out += offset;
        out += " 00000 n \n";
    }
    out += "trailer\n<< /Size ";
    out += std::to_string(object_count);
    out += " /Root 1 0 R /Info 5 0 R >>\nstartxref\n";
    out += std::to_string(xref);
    out += "\n%%EOF\n";
    return out;
}

} // namespace naervaer
