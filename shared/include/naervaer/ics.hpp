#pragma once
// iCalendar (RFC 5545) text for a list of dated to-dos, importable into Outlook and Google
// Calendar: all-day VEVENTs with stable UIDs (re-importing updates instead of duplicating), CRLF
// line ends, lines folded at 75 octets without splitting a UTF-8 character, and text escaped
// (backslash, comma, semicolon, newline).
#include "naervaer/date.hpp"

#include <span>
#include <string>
#include <string_view>

namespace naervaer {

struct CalendarEvent {
    std::string uid; // unique and stable, e.g. "<todo key>@naervaer"
    Date date;       // all-day event on this date
    std::string summary;
    std::string description; // may contain newlines
    // A reminder this many minutes before the event's start (00:00 of `date`); 0 = none.
    int alarm_minutes_before = 0;
};

struct CalendarHeader {
    std::string name;      // X-WR-CALNAME, e.g. "Nærvær – frister"
    std::string timestamp; // DTSTAMP of every event, UTC "20261123T101500Z"
    // SEQUENCE of every event when > 0: a later export must carry a higher number, so importing it
    // again updates the events with the same UIDs instead of being ignored.
    int sequence = 0;
};

std::string to_icalendar(const CalendarHeader& header, std::span<const CalendarEvent> events);

} // namespace naervaer
