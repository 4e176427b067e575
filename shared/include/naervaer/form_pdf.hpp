#pragma once
// A conversation record as a printable document (docs/forms.md, "Conversation records"): the
// snapshot's own title, purpose, sections and labels (so an old record prints what was asked then),
// the answers formatted for reading, amendments, and signature lines. render_pdf(record_pdf(...))
// gives the bytes. Pure computation, no I/O.
#include "naervaer/conversation_record.hpp"
#include "naervaer/date.hpp"
#include "naervaer/pdf.hpp"

#include <string>
#include <string_view>

namespace naervaer {

// The fixed words of the printout. record_pdf_labels("da") / ("en") give the defaults; the client
// may fill them from its UI strings instead.
struct RecordPdfLabels {
    std::string employee;           // "Medarbejder"
    std::string employee_number;    // "Medarbejdernr."
    std::string held_on;            // "Dato for samtalen"
    std::string status;             // "Status"
    std::string status_draft;       // "Kladde – ikke underskrevet"
    std::string status_signed;      // "Underskrevet"
    std::string printed;            // "udskrevet" (footer: "<organisation> · udskrevet dd-mm-åååå")
    std::string page;               // "Side {page} af {pages}"
    std::string not_answered;       // "Ikke udfyldt"
    std::string yes, no;            // "Ja", "Nej"
    std::string scale_of;           // "{value} af {max}"
    std::string task;               // "Opgave" (task-list column)
    std::string assessment;         // "Vurdering" (the column of a task with columns)
    std::string agreement;          // "Aftale"
    std::string owner;              // "Ansvarlig"
    std::string due;                // "Frist"
    std::string week;               // "Uge"
    std::string hours;              // "Timer pr. uge"
    std::string normal_hours;       // "Normal ugentlig arbejdstid: {hours} timer"
    std::string same_step;          // "Samme placering: en fælles opfattelse."
    std::string mismatch;           // "Placeringerne er forskellige: {steps} trin fra hinanden."
    std::string agreed, disagreed;  // signature answers: "Enig", "Ikke enig"
    std::string comment;            // "Bemærkning"
    std::string sign_off_heading;   // "Underskrift"
    std::string signed_by;          // "Underskrevet af" (the employee)
    std::string recorded_by;        // "Registreret af"
    std::string amendments_heading; // "Rettelser efter underskrift"
    std::string amendment_line;     // "{at}, {by}: {reason}"
    std::string changed_fields;     // "Ændrede felter"
    std::string leader;             // "Leder" (signature caption)
    std::string date;               // "Dato" (signature date caption)
};
RecordPdfLabels record_pdf_labels(std::string_view language);

struct RecordPdfContext {
    std::string organisation_name;
    std::string employee_name;
    std::string employee_number; // "" leaves it out
    std::string language = "da"; // "da" or "en": which labels of the snapshot to print
    Date printed_on;
    std::string leader_name; // printed under the leader's signature line ("" leaves it empty)
    RecordPdfLabels labels = record_pdf_labels("da");
};

// The document. A snapshot that does not parse prints the header and a line saying so.
PdfDocument record_pdf(const ConversationRecord& record, const RecordPdfContext& context);

} // namespace naervaer
