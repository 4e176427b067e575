// The employee page's case timeline: which spell is the case, and its deadlines under the rule set
// in force on its first sick day (docs/deadlines.md). Computed here, outside the frame's drawing,
// and only when its inputs change; the view draws the cached result.
#include "app/app_impl.hpp"

namespace naervaer::client {

using nlohmann::json;

namespace {

// The spell the user picked, if it is still one of the employee's; otherwise the ongoing one, else
// the latest (spells_of lists ongoing spells first, then the most recent).
const AbsenceSpell* case_spell(const Directory& directory, const std::string& employee_id,
                               const std::string& chosen_spell_id) {
    const auto& spells = directory.spells_of(employee_id);
    for (const auto& spell : spells)
        if (spell.id == chosen_spell_id) return &spell;
    return spells.empty() ? nullptr : &spells.front();
}

} // namespace

void App::Impl::select_spell(const std::string& spell_id) {
    state.selected_case.chosen_spell_id = spell_id;
}

void App::Impl::refresh_case() {
    SelectedCase& c = state.selected_case;
    const std::string& employee_id = state.selected_employee_id;
    const Date day = today();
    const AbsenceSpell* spell = case_spell(directory, employee_id, c.chosen_spell_id);
    const std::string spell_id = spell ? spell->id : std::string();
    // The directory's revision covers every edit of the spell (an expected return moves the fast
    // track window) and of the employee's other spells (the reassessment looks across them).
    if (c.employee_id == employee_id && c.spell_id == spell_id && c.today == day &&
        c.records_revision == directory_revision)
        return;
    c.employee_id = employee_id;
    c.spell_id = spell_id;
    c.today = day;
    c.records_revision = directory_revision;
    c.timeline.reset();
    c.referrals.clear();
    for (const ReferralRecord& r : state.referral.all)
        if (!employee_id.empty() && r.employee_id == employee_id) c.referrals.push_back(r);
    if (!spell) return;

    // The employee's payer picks the NemRefusion deadline; the case's marks make steps met and
    // give the fast-track request date, and so do its signed conversation records (an absence
    // conversation held meets the 4-week step; todos.hpp case_input).
    c.timeline = compute_case_timeline(
        rules.rule_sets, case_input(*spell, directory.employee(employee_id), directory.spells_of(employee_id),
                                    directory.marks(), day, directory.conversations_of(spell->id)));
}

json App::Impl::case_timeline_json() const {
    const SelectedCase& c = state.selected_case;
    // Only what the employee page shows.
    if (state.screen != Screen::employee || !c.timeline) return nullptr;
    json entries = json::array();
    for (const auto& e : c.timeline->entries)
        entries.push_back({{"id", e.rule_id},
                           {"due", e.due ? json(e.due->iso()) : json(nullptr)},
                           {"status", to_string(e.status)}});
    return {{"rule_set", c.timeline->rule_set_id}, {"spell_id", c.spell_id}, {"entries", std::move(entries)}};
}

} // namespace naervaer::client
