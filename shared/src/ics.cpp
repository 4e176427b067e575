#include "naervaer/ics.hpp"

#include <cstdio>

namespace naervaer {

namespace {

// RFC 5545 § 3.3.11: backslash, semicolon and comma are escaped, a line break becomes "\n".
// Other control characters are not allowed in TEXT and are dropped (a tab is kept).
void append_text(std::string& out, std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case ';':
            out += "\\;";
            break;
        case ',':
            out += "\\,";
            break;
        case '\r':
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i; // CRLF is one line break
            out += "\\n";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            if ((static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) || c == '\t') out += c;
        }
    }
}

// 20261123: DATE values (§ 3.3.4).
std::string ics_date(Date d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year(), d.month(), d.day());
    return buf;
}

// Appends one content line with its CRLF, folded so no line exceeds 75 octets (§ 3.1): a
// continuation line starts with a space, which counts, and a UTF-8 sequence is never split.
void append_folded(std::string& out, std::string_view line) {
    std::size_t room = 75;
    while (line.size() > room) {
        std::size_t cut = room;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
            --cut; // line[cut] continues a sequence: break before the sequence starts
        if (cut == 0) cut = room; // not UTF-8 at all (validated text never is): cut anyway, never loop
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        room = 74;
    }
    out.append(line);
    out += "\r\n";
}

// Appends "NAME:<escaped value>" as one folded line; `line` is a reused buffer.
void append_text_property(std::string& out, std::string& line, std::string_view name, std::string_view value) {
    line.assign(name);
    line += ':';
    append_text(line, value);
    append_folded(out, line);
}

} // namespace

std::string to_icalendar(const CalendarHeader& header, std::span<const CalendarEvent> events) {
    std::string out;
    out.reserve(200 + events.size() * 400);
    std::string line;
    append_folded(out, "BEGIN:VCALENDAR");
    append_folded(out, "VERSION:2.0");
    append_folded(out, "PRODID:-//Naervaer//Naervaer//DA");
    append_folded(out, "CALSCALE:GREGORIAN");
    append_folded(out, "METHOD:PUBLISH");
    append_text_property(out, line, "X-WR-CALNAME", header.name);
    for (const auto& e : events) {
        append_folded(out, "BEGIN:VEVENT");
        append_text_property(out, line, "UID", e.uid);
        append_folded(out, "DTSTAMP:" + header.timestamp);
        if (header.sequence > 0) append_folded(out, "SEQUENCE:" + std::to_string(header.sequence));
        // All-day: DTEND is exclusive, so the next day (§ 3.6.1).
        append_folded(out, "DTSTART;VALUE=DATE:" + ics_date(e.date));
        append_folded(out, "DTEND;VALUE=DATE:" + ics_date(e.date.plus_days(1)));
        append_text_property(out, line, "SUMMARY", e.summary);
        if (!e.description.empty()) append_text_property(out, line, "DESCRIPTION", e.description);
        // A deadline is not a meeting: it does not make the person busy.
        append_folded(out, "TRANSP:TRANSPARENT");
        if (e.alarm_minutes_before > 0) {
            append_folded(out, "BEGIN:VALARM");
            append_folded(out, "ACTION:DISPLAY");
            append_text_property(out, line, "DESCRIPTION", e.summary);
            append_folded(out, "TRIGGER:-PT" + std::to_string(e.alarm_minutes_before) + "M");
            append_folded(out, "END:VALARM");
        }
        append_folded(out, "END:VEVENT");
    }
    append_folded(out, "END:VCALENDAR");
    return out;
}

} // namespace naervaer
