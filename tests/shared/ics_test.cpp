// iCalendar writer (RFC 5545): the exact text, folding at 75 octets without splitting UTF-8,
// escaping, the alarm block and stable UIDs.
#include "naervaer/ics.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace naervaer;

namespace {
Date d(int y, int m, int day) {
    return *Date::from_ymd(y, m, day);
}

CalendarHeader header() {
    return {"Nærvær – frister", "20261123T101500Z", 0};
}

CalendarEvent conversation() {
    CalendarEvent e;
    e.uid = "s1/absence_conversation@naervaer";
    e.date = d(2026, 11, 27);
    e.summary = "Sygefraværssamtale";
    e.description = "Senest 4 uger efter første sygedag.";
    return e;
}

// The lines without their CRLF; fails when a line end is anything but CRLF.
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find("\r\n", start);
        REQUIRE(end != std::string::npos); // the text ends with CRLF
        out.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    for (const auto& l : out)
        CHECK(l.find_first_of("\r\n") == std::string::npos); // no bare CR or LF inside a line
    return out;
}

// RFC 5545 § 3.1 unfolding: a CRLF followed by one space disappears.
std::string unfold(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

// Well-formed UTF-8: every sequence complete, with the right number of continuation bytes.
bool valid_utf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}
} // namespace

TEST_CASE("ics: a one-event calendar, exactly") {
    // Fri 27-11-2026, all day: DTEND is the exclusive next day, Sat 28-11-2026.
    const std::vector<CalendarEvent> events = {conversation()};
    CHECK(to_icalendar(header(), events) == "BEGIN:VCALENDAR\r\n"
                                            "VERSION:2.0\r\n"
                                            "PRODID:-//Naervaer//Naervaer//DA\r\n"
                                            "CALSCALE:GREGORIAN\r\n"
                                            "METHOD:PUBLISH\r\n"
                                            "X-WR-CALNAME:Nærvær – frister\r\n"
                                            "BEGIN:VEVENT\r\n"
                                            "UID:s1/absence_conversation@naervaer\r\n"
                                            "DTSTAMP:20261123T101500Z\r\n"
                                            "DTSTART;VALUE=DATE:20261127\r\n"
                                            "DTEND;VALUE=DATE:20261128\r\n"
                                            "SUMMARY:Sygefraværssamtale\r\n"
                                            "DESCRIPTION:Senest 4 uger efter første sygedag.\r\n"
                                            "TRANSP:TRANSPARENT\r\n"
                                            "END:VEVENT\r\n"
                                            "END:VCALENDAR\r\n");
}

TEST_CASE("ics: no events is an empty calendar, an empty description is left out") {
    CHECK(to_icalendar(header(), {}) == "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Naervaer//Naervaer//DA\r\n"
                                        "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"
                                        "X-WR-CALNAME:Nærvær – frister\r\nEND:VCALENDAR\r\n");
    CalendarEvent e = conversation();
    e.description.clear();
    const std::vector<CalendarEvent> events = {e};
    const auto lines = lines_of(to_icalendar(header(), events));
    CHECK(std::find_if(lines.begin(), lines.end(), [](const std::string& l) {
              return l.rfind("DESCRIPTION", 0) == 0;
          }) == lines.end());
    CHECK(lines.size() == 15); // 6 header lines, BEGIN, 6 properties, END:VEVENT, END:VCALENDAR
}

TEST_CASE("ics: a long summary with æøå folds at 75 octets between characters") {
    // "SUMMARY:" is 8 octets. Summary = 66 × 'a' + "æøå" + 67 × 'b' + "Å" + "–" + "ok".
    // Line 1 may hold 75 octets: 8 + 66 = 74, then "æ" = C3 A6 would take octets 75-76, so the
    //   line breaks before it at 74 octets.
    // Line 2 = " " + rest, at most 74 octets of rest: "æøå" (6) + 67 × 'b' = 73, then "Å"
    //   (C3 85) would take 74-75 of the rest, so it breaks before it: 1 + 73 = 74 octets.
    // Line 3 = " Å–ok" (1 + 2 + 3 + 2 = 8 octets).
    const std::string summary = std::string(66, 'a') + "æøå" + std::string(67, 'b') + "Å–ok";
    CalendarEvent e = conversation();
    e.summary = summary;
    e.description.clear();
    const std::vector<CalendarEvent> events = {e};
    const std::string text = to_icalendar(header(), events);
    const std::string expected_fold = "SUMMARY:" + std::string(66, 'a') + "\r\n æøå" + std::string(67, 'b') +
                                      "\r\n Å–ok\r\n";
    CHECK(text.find(expected_fold) != std::string::npos);
    for (const auto& line : lines_of(text)) {
        CHECK(line.size() <= 75);
        CHECK(valid_utf8(line));
    }
    CHECK(unfold(text).find("\r\nSUMMARY:" + summary + "\r\n") != std::string::npos);
}

TEST_CASE("ics: exactly 75 octets stay on one line, 76 fold") {
    // "SUMMARY:" (8) + 67 octets = 75: no fold. One more octet: 75 + " " + 1.
    CalendarEvent e = conversation();
    e.description.clear();
    e.summary = std::string(67, 'x');
    std::vector<CalendarEvent> events = {e};
    CHECK(to_icalendar(header(), events).find("SUMMARY:" + std::string(67, 'x') + "\r\nTRANSP") !=
          std::string::npos);
    events[0].summary = std::string(68, 'x');
    CHECK(to_icalendar(header(), events).find("SUMMARY:" + std::string(67, 'x') + "\r\n x\r\nTRANSP") !=
          std::string::npos);
}

TEST_CASE("ics: text escapes backslash, semicolon, comma and line breaks") {
    CalendarEvent e = conversation();
    e.summary = "Samtale; Anna, HR\\Team";
    e.description = "Linje 1\nLinje 2\r\nLinje 3";
    CalendarHeader h = header();
    h.name = "Frister, team A";
    const std::vector<CalendarEvent> events = {e};
    const auto lines = lines_of(to_icalendar(h, events));
    CHECK(std::find(lines.begin(), lines.end(), "X-WR-CALNAME:Frister\\, team A") != lines.end());
    CHECK(std::find(lines.begin(), lines.end(), "SUMMARY:Samtale\\; Anna\\, HR\\\\Team") != lines.end());
    CHECK(std::find(lines.begin(), lines.end(), "DESCRIPTION:Linje 1\\nLinje 2\\nLinje 3") != lines.end());
}

TEST_CASE("ics: an alarm is a display reminder the given minutes before the day starts") {
    // 15 hours before 00:00 = 09:00 the day before: TRIGGER:-PT900M.
    CalendarEvent e = conversation();
    e.alarm_minutes_before = 15 * 60;
    const std::vector<CalendarEvent> events = {e};
    const std::string text = to_icalendar(header(), events);
    CHECK(text.find("TRANSP:TRANSPARENT\r\n"
                    "BEGIN:VALARM\r\n"
                    "ACTION:DISPLAY\r\n"
                    "DESCRIPTION:Sygefraværssamtale\r\n"
                    "TRIGGER:-PT900M\r\n"
                    "END:VALARM\r\n"
                    "END:VEVENT\r\n") != std::string::npos);
    e.alarm_minutes_before = 0;
    const std::vector<CalendarEvent> without = {e};
    CHECK(to_icalendar(header(), without).find("VALARM") == std::string::npos);
}

TEST_CASE("ics: UIDs are the given stable ids, so a re-export differs only in DTSTAMP") {
    // Two events; the second on Thu 31-12-2026 ends on Fri 01-01-2027.
    CalendarEvent a = conversation();
    CalendarEvent b = conversation();
    b.uid = "s2/nemrefusion_report_wages@naervaer";
    b.date = d(2026, 12, 31);
    const std::vector<CalendarEvent> events = {a, b};
    const std::string first = to_icalendar(header(), events);
    CHECK(first == to_icalendar(header(), events)); // deterministic
    const auto lines = lines_of(first);
    CHECK(std::count(lines.begin(), lines.end(), "UID:s1/absence_conversation@naervaer") == 1);
    CHECK(std::count(lines.begin(), lines.end(), "UID:s2/nemrefusion_report_wages@naervaer") == 1);
    CHECK(std::count(lines.begin(), lines.end(), "DTSTART;VALUE=DATE:20261231") == 1);
    CHECK(std::count(lines.begin(), lines.end(), "DTEND;VALUE=DATE:20270101") == 1);

    CalendarHeader later = header();
    later.timestamp = "20261130T080000Z";
    std::string again = to_icalendar(later, events);
    for (std::size_t at = again.find("20261130T080000Z"); at != std::string::npos;
         at = again.find("20261130T080000Z"))
        again.replace(at, 16, "20261123T101500Z");
    CHECK(again == first);
}

TEST_CASE("ics: a sequence number follows DTSTAMP in every event, so a later export updates") {
    CalendarHeader h = header();
    h.sequence = 3'633'855; // minutes since 2020 of the export, as the client sets it
    const std::vector<CalendarEvent> events = {conversation()};
    const auto lines = lines_of(to_icalendar(h, events));
    const auto stamp = std::find(lines.begin(), lines.end(), "DTSTAMP:20261123T101500Z");
    REQUIRE(stamp != lines.end());
    REQUIRE(stamp + 1 != lines.end());
    CHECK(*(stamp + 1) == "SEQUENCE:3633855");
    // None without one (the exact calendar above has none).
    CHECK(to_icalendar(header(), events).find("SEQUENCE") == std::string::npos);
}

TEST_CASE("ics: text that is not UTF-8 still folds and ends (no endless loop)") {
    CalendarEvent e = conversation();
    e.summary = std::string(200, '\x80'); // continuation bytes only
    const std::vector<CalendarEvent> events = {e};
    const std::string text = to_icalendar(header(), events);
    for (const auto& line : lines_of(text))
        CHECK(line.size() <= 75);
    CHECK(unfold(text).find("SUMMARY:" + std::string(200, '\x80')) != std::string::npos);
}
