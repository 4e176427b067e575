#pragma once
// A filled round table (assets/templates/round_table.v1.json), held 10-03-2026 and signed by the
// employee two days later: the record the conversation-record and PDF tests share.
#include "naervaer/conversation_record.hpp"

#include "assets_fixture.hpp"

namespace naervaer::test {

inline nlohmann::json round_table_answers() {
    return nlohmann::json::parse(R"({
      "meeting_date": "2026-03-10",
      "participants": "Anna Jensen, Bo Hansen, Karin Lund",
      "placement_employee": "partly_fit",
      "placement_employer": "temporarily_unable",
      "plan": "Anna starter på 10 timer om ugen og trapper op.",
      "tasks": [{"text": "Kundeservice i telefon", "column": "can"},
                {"text": "Tunge løft på lageret", "column": "cannot"}],
      "adjustments": [{"text": "Hæve-sænkebord"}],
      "schedule": {"normal_hours": 37, "weeks": [{"week": 1, "hours": 10}, {"week": 3, "hours": 18.5}]},
      "agreements": [{"text": "Bestille hæve-sænkebord", "owner": "Bo Hansen", "due": "2026-03-24"},
                     {"text": "Kontakte jobcentret", "owner": "Fastholdelseskonsulent", "due": "2026-04-07"}],
      "follow_up_date": "2026-04-07"
    })");
}

inline SignOff anna_signs() {
    return {"Anna Jensen", *Date::from_ymd(2026, 3, 12), true, "", "u-bo", "Bo Hansen"};
}

// Record cr-1 of employee emp-7's case sp-19, filled with `form` (a round table, any version).
inline ConversationRecord signed_round_table(const FormTemplate& form) {
    ConversationRecord r =
        new_conversation_record(form, "cr-1", "emp-7", "sp-19", *Date::from_ymd(2026, 3, 10));
    r.answers = round_table_answers();
    r.status = ConversationStatus::signed_off;
    r.sign_off = anna_signs();
    return r;
}

} // namespace naervaer::test
