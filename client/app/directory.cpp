#include "app/directory.hpp"

#include "app/text_search.hpp"

#include <algorithm>

namespace naervaer::client {

void Directory::rebuild(const Replica& replica) {
    // Records from the server were validated there; records typed here were validated before
    // saving. Decoding errors are therefore not expected, and a record that has them is still
    // shown with what could be read rather than hidden.
    ValidationResult ignored;

    departments_.clear();
    department_index_.clear();
    for (const auto& [id, data] : replica.list(std::string(record_type::department)))
        departments_.push_back(decode_department(data, id, ignored));
    std::sort(departments_.begin(), departments_.end(),
              [](const Department& a, const Department& b) { return fold_case(a.name) < fold_case(b.name); });
    for (std::size_t i = 0; i < departments_.size(); ++i)
        department_index_[departments_[i].id] = i;

    struct Entry {
        Employee employee;
        Folded folded;
    };
    std::vector<Entry> entries;
    for (const auto& [id, data] : replica.list(std::string(record_type::employee))) {
        Entry entry{decode_employee(data, id, ignored), {}};
        entry.folded = {fold_case(entry.employee.name), fold_case(entry.employee.employee_number)};
        entries.push_back(std::move(entry));
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.folded.name != b.folded.name ? a.folded.name < b.folded.name : a.employee.id < b.employee.id;
    });
    employees_.clear();
    folded_.clear();
    employee_index_.clear();
    employees_.reserve(entries.size());
    folded_.reserve(entries.size());
    for (auto& entry : entries) {
        employee_index_[entry.employee.id] = employees_.size();
        employees_.push_back(std::move(entry.employee));
        folded_.push_back(std::move(entry.folded));
    }

    spells_by_employee_.clear();
    spell_index_.clear();
    for (const auto& [id, data] : replica.list(std::string(record_type::absence_spell))) {
        AbsenceSpell spell = decode_absence_spell(data, id, ignored);
        spells_by_employee_[spell.employee_id].push_back(std::move(spell));
    }
    for (auto& [employee_id, spells] : spells_by_employee_) {
        std::sort(spells.begin(), spells.end(), [](const AbsenceSpell& a, const AbsenceSpell& b) {
            if (a.ongoing() != b.ongoing()) return a.ongoing();
            return a.first_day > b.first_day;
        });
        for (std::size_t i = 0; i < spells.size(); ++i)
            spell_index_[spells[i].id] = {employee_id, i};
    }

    marks_.clear();
    for (const auto& [id, data] : replica.list(std::string(record_type::todo_done))) {
        TodoDone mark = decode_todo_done(data, id, ignored);
        std::string key = mark.todo_key;
        marks_.insert_or_assign(std::move(key), std::move(mark));
    }

    // Conversation records: the snapshot stays JSON here (views read its title; the conversation
    // screen parses it when a record is opened).
    conversations_by_spell_.clear();
    conversation_index_.clear();
    for (const auto& [id, data] : replica.list(std::string(record_type::conversation_record))) {
        ConversationRecord record = decode_conversation_record(data, id, ignored);
        std::string spell_id = record.spell_id;
        conversations_by_spell_[std::move(spell_id)].push_back(std::move(record));
    }
    for (auto& [spell_id, records] : conversations_by_spell_) {
        std::sort(records.begin(), records.end(), [](const ConversationRecord& a, const ConversationRecord& b) {
            return a.held_on != b.held_on ? a.held_on > b.held_on : a.id > b.id;
        });
        for (std::size_t i = 0; i < records.size(); ++i)
            conversation_index_[records[i].id] = {spell_id, i};
    }

    // One record per organisation; a team leader's replica has it too (it is not department data).
    alert_choices_.reset();
    for (const auto& [id, data] : replica.list(std::string(record_type::alert_settings))) {
        ValidationResult errors;
        AlertChoices choices = decode_alert_choices(data, errors);
        if (errors.ok()) alert_choices_ = std::move(choices);
    }
}

const TodoDone* Directory::mark(std::string_view todo_key) const {
    auto it = marks_.find(todo_key);
    return it == marks_.end() ? nullptr : &it->second;
}

const ConversationRecord* Directory::conversation(const std::string& id) const {
    auto it = conversation_index_.find(id);
    if (it == conversation_index_.end()) return nullptr;
    return &conversations_by_spell_.find(it->second.first)->second[it->second.second];
}

std::span<const ConversationRecord> Directory::conversations_of(const std::string& spell_id) const {
    auto it = conversations_by_spell_.find(spell_id);
    if (it == conversations_by_spell_.end()) return {};
    return it->second;
}

const Department* Directory::department(const std::string& id) const {
    auto it = department_index_.find(id);
    return it == department_index_.end() ? nullptr : &departments_[it->second];
}

std::string Directory::department_name(const std::string& id) const {
    const Department* d = department(id);
    return d ? d->name : std::string();
}

const Employee* Directory::employee(const std::string& id) const {
    auto it = employee_index_.find(id);
    return it == employee_index_.end() ? nullptr : &employees_[it->second];
}

std::vector<const Employee*> Directory::employees_matching(const std::string& search,
                                                           const std::string& department_id) const {
    const std::string needle = fold_case(search);
    std::vector<const Employee*> out;
    for (std::size_t i = 0; i < employees_.size(); ++i) {
        if (!department_id.empty() && employees_[i].department_id != department_id) continue;
        if (!contains_folded(folded_[i].name, needle) && !contains_folded(folded_[i].number, needle)) continue;
        out.push_back(&employees_[i]);
    }
    return out;
}

const AbsenceSpell* Directory::spell(const std::string& id) const {
    auto it = spell_index_.find(id);
    if (it == spell_index_.end()) return nullptr;
    return &spells_by_employee_.at(it->second.first)[it->second.second];
}

const std::vector<AbsenceSpell>& Directory::spells_of(const std::string& employee_id) const {
    static const std::vector<AbsenceSpell> none;
    auto it = spells_by_employee_.find(employee_id);
    return it == spells_by_employee_.end() ? none : it->second;
}

const AbsenceSpell* Directory::absence_on(const std::string& employee_id, Date day) const {
    for (const auto& spell : spells_of(employee_id))
        if (spell.first_day <= day && (!spell.last_day || day <= *spell.last_day)) return &spell;
    return nullptr;
}

} // namespace naervaer::client
