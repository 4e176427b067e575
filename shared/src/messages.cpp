#include "messages.hpp"

#include <array>

namespace naervaer::detail {
namespace {

struct Entry {
    std::string_view code;
    std::string_view da;
    std::string_view en;
};

constexpr std::array entries{
    Entry{"required", "Skal udfyldes", "Required"},
    Entry{"type", "Forkert type (forventede {})", "Wrong type (expected {})"},
    Entry{"too_long", "Højst {} tegn", "At most {} characters"},
    Entry{"invalid_text", "Indeholder ugyldige tegn", "Contains invalid characters"},
    Entry{"invalid_id", "Ugyldigt id (1-64 tegn: bogstaver, tal, - og _)",
          "Invalid id (1-64 characters: letters, digits, - and _)"},
    Entry{"invalid_date", "Ugyldig dato (skriv dd-mm-åååå)", "Invalid date (write dd-mm-yyyy)"},
    Entry{"date_order", "Sidste sygedag ligger før første sygedag", "The last day is before the first sick day"},
    Entry{"expected_return_order", "Forventet tilbage ligger før første sygedag",
          "The expected return is before the first sick day"},
    Entry{"expected_return_within_8_weeks",
          "Forventet tilbage {} er inden for 8 uger, men fraværet er markeret som længere end 8 uger",
          "Expected back {} is within 8 weeks, but the absence is marked as longer than 8 weeks"},
    Entry{"overlap", "Overlapper et andet fravær for samme medarbejder ({})",
          "Overlaps another absence of the same employee ({})"},
    Entry{"before_employment", "Fraværet begynder før ansættelsen ({})", "The absence starts before employment ({})"},
    Entry{"hours_range", "Skal være mellem 0 og {} timer", "Must be between 0 and {} hours"},
    Entry{"weekly_hours_range", "Ugentlig arbejdstid skal være over 0 og højst {} timer",
          "Weekly hours must be above 0 and at most {}"},
    // Sygedagpengeloven § 4: partial absence counts only with at least 4 hours' absence a week.
    Entry{"partial_hours", "Ved delvis sygemelding skal der mangle mindst 4 timer om ugen: højst {} timers arbejde",
          "A partial absence needs at least 4 hours' absence a week: at most {} hours worked"},
    Entry{"invalid_cvr", "Ugyldigt CVR-nummer (8 cifre med gyldigt kontrolciffer)",
          "Invalid CVR number (8 digits with a valid check digit)"},
    Entry{"invalid_cpr", "Ugyldigt CPR-nummer (DDMMÅÅ-XXXX med en gyldig dato)",
          "Invalid CPR number (DDMMYY-XXXX with a valid date)"},
    Entry{"unknown_value", "Ukendt værdi: {}", "Unknown value: {}"},
    Entry{"unknown_reference", "Findes ikke eller er ikke tilgængelig", "Does not exist or is not accessible"},
    Entry{"invalid_email", "Ugyldig e-mailadresse", "Invalid e-mail address"},
    Entry{"negative", "Må ikke være negativ", "Must not be negative"},
    // A record id derived from its content (a to-do mark, the organisation's alert settings).
    Entry{"id_mismatch", "Forkert id (forventede {})", "Wrong id (expected {})"},
    Entry{"reserved_id", "Id'et er forbeholdt en anden slags post", "The id is reserved for another kind of record"},
    Entry{"done_before_case", "Datoen ligger før sagens første sygedag ({})",
          "The date is before the case's first sick day ({})"},
    Entry{"done_in_future",
          "Et trin markeres som udført, når det er gjort: datoen må ikke ligge efter i dag ({})",
          "A step is marked done once it was done: the date must not be after today ({})"},
    Entry{"range", "Uden for det tilladte interval ({})", "Outside the allowed range ({})"},
    Entry{"unknown", "Ukendt regel: {}", "Unknown rule: {}"},
    Entry{"duplicate", "Reglen er nævnt mere end én gang", "The rule is named more than once"},

    // ---- forms (form_answers.cpp, docs/forms.md) ----
    Entry{"unknown_field", "Feltet findes ikke i skabelonen: {}", "The template has no such field: {}"},
    Entry{"duplicate_value", "Valgt mere end én gang: {}", "Chosen more than once: {}"},
    Entry{"too_many", "Højst {} rækker", "At most {} rows"},
    Entry{"week_order", "Ugerne skal stå i stigende rækkefølge", "The weeks must be in increasing order"},
    Entry{"hours_decrease", "En gradvis tilbagevenden trapper op: færre timer end ugen før ({})",
          "A graded return steps up: fewer hours than the week before ({})"},
    Entry{"hours_above_normal", "Højst den normale ugentlige arbejdstid ({} timer)",
          "At most the normal weekly hours ({} hours)"},
    Entry{"future_date", "Datoen må ikke ligge efter i dag ({})", "The date must not be after today ({})"},

    // ---- conversation records (conversation_record.cpp, docs/forms.md) ----
    Entry{"invalid_template", "Skabelonen i referatet kan ikke læses ({})", "The record's template cannot be read ({})"},
    Entry{"template_mismatch", "Passer ikke med skabelonen i referatet ({})", "Does not match the record's template ({})"},
    Entry{"before_meeting", "Datoen ligger før samtalen ({})", "The date is before the conversation ({})"},
    Entry{"sign_off_on_draft", "En kladde er ikke underskrevet", "A draft is not signed"},
    Entry{"amendment_on_draft", "En kladde rettes direkte; rettelser hører til et underskrevet referat",
          "A draft is edited directly; amendments belong to a signed record"},
    Entry{"invalid_timestamp", "Ugyldigt tidspunkt (ISO 8601)", "Invalid timestamp (ISO 8601)"},
    // Also a sent referral's form (referral_record.cpp).
    Entry{"locked", "Kan ikke længere ændres: referatet er underskrevet eller henvisningen sendt",
          "Can no longer be changed: the record is signed or the referral sent"},
    Entry{"amendment_required", "Et underskrevet referat rettes kun med en begrundet rettelse",
          "A signed record changes only through an amendment with a reason"},
    Entry{"amendment_mismatch", "Rettelsen passer ikke med ændringen af svarene",
          "The amendment does not match the change to the answers"},
    Entry{"amendments_append_only", "Tidligere rettelser kan ikke ændres eller slettes",
          "Earlier amendments cannot be changed or removed"},
    Entry{"one_amendment", "Én rettelse ad gangen", "One amendment per change"},

    // ---- referral records (referral_record.cpp, docs/referrals.md) ----
    Entry{"invalid_status", "En ny henvisning er en kladde eller sendes straks",
          "A new referral is a draft or is sent at once"},
    Entry{"invalid_transition", "Den ændring er ikke mulig i henvisningens nuværende status",
          "That change is not possible in the referral's current status"},
    Entry{"unknown_municipality", "Ukendt kommunekode: {}", "Unknown municipality code: {}"},
    Entry{"before_sent", "Datoen ligger før henvisningen blev sendt ({})", "The date is before the referral was sent ({})"},
    Entry{"in_future", "Datoen må ikke ligge efter i dag ({})", "The date must not be after today ({})"},
    Entry{"not_fast_track", "Gælder kun en anmodning om fast track", "Applies to a fast-track request only"},
    Entry{"not_on_draft", "Udfyldes først, når henvisningen er sendt", "Filled in only once the referral is sent"},
    Entry{"invalid_time", "Ugyldigt klokkeslæt (skriv tt:mm)", "Invalid time (write hh:mm)"},
    Entry{"unknown_key", "Ukendt felt: {}", "Unknown field: {}"},
    Entry{"meeting_in_past", "Et møde aftales frem i tiden: datoen må ikke ligge før i dag ({})",
          "A meeting is booked ahead: the date must not be before today ({})"},

    // ---- conversation records on the server (server/src/services/sync_service.cpp, docs/api.md) ----
    Entry{"mismatch", "Spørgsmålene passer ikke med den udgivne skabelon ({})",
          "The questions do not match the published template ({})"},
    Entry{"signed_locked", "Et underskrevet referat kan ikke slettes", "A signed record cannot be deleted"},
    // A case with documented conversations is not deleted by accident (docs/retention.md).
    Entry{"has_conversation_records",
          "Sagen har samtalereferater ({}) og kan ikke slettes; slet først kladderne, underskrevne referater "
          "slettes efter opbevaringsperioden",
          "The case has conversation records ({}) and cannot be deleted; delete the drafts first, signed "
          "records are deleted after the retention period"},
    Entry{"employee_has_records",
          "Medarbejderen har samtalereferater eller henvisninger ({}) og kan ikke slettes; de slettes efter "
          "opbevaringsperioden",
          "The employee has conversation records or referrals ({}) and cannot be deleted; they are deleted "
          "after the retention period"},
    // A policy approval over a draft that changed meanwhile (server/src/services/sync_service.cpp).
    Entry{"stale_approval", "Kladden er ændret på en anden enhed siden; se den igen, før du godkender",
          "The draft was changed on another device since; look at it again before approving"},
    // ---- referrals on the server (server/src/services/referral_sync.cpp, docs/api.md) ----
    Entry{"sent_locked", "En sendt henvisning kan ikke slettes; den kan trækkes tilbage (afsluttes)",
          "A sent referral cannot be deleted; it can be withdrawn (closed)"},
    Entry{"request_date_too_old",
          "Anmodningsdatoen ligger for langt tilbage: den skal være fra {} eller senere (højst 7 dage før den "
          "sendes)",
          "The request date is too far back: it must be {} or later (at most 7 days before it is sent)"},
    Entry{"already_requested", "Der er allerede anmodet om fast track for denne sag (sendt {})",
          "Fast track has already been requested for this case (sent {})"},
    Entry{"home_municipality_unknown",
          "Medarbejderens bopælskommune er ikke oplyst: angiv den på medarbejderen, så anmodningen går til "
          "det rigtige jobcenter",
          "The employee's home municipality is not given: set it on the employee, so the request goes to the "
          "right jobcentre"},
    Entry{"not_home_municipality", "Skal sendes til jobcentret i medarbejderens bopælskommune ({})",
          "Must go to the jobcentre of the employee's home municipality ({})"},
    Entry{"has_referrals",
          "Sagen har henvisninger til jobcentret ({}) og kan ikke slettes eller flyttes; slet først kladderne",
          "The case has referrals to the jobcentre ({}) and cannot be deleted or moved; delete the drafts first"},
};

std::string fill(std::string_view text, const std::string& arg) {
    std::string out(text);
    if (auto pos = out.find("{}"); pos != std::string::npos) out.replace(pos, 2, arg);
    return out;
}

} // namespace

MessagePair validation_message(std::string_view code, const std::string& arg) {
    for (const auto& e : entries)
        if (e.code == code) return {fill(e.da, arg), fill(e.en, arg)};
    return {"Ugyldig værdi", "Invalid value"};
}

} // namespace naervaer::detail
