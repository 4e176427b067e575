#pragma once
// The replica's records decoded once into domain types, indexed for the screens: employees by
// name, spells by employee, departments by id, conversation records by case. Rebuilt only when the sync engine's revision
// changes, so a frame never decodes JSON.
#include <naervaer/alerts.hpp>
#include <naervaer/conversation_record.hpp>
#include <naervaer/date.hpp>
#include <naervaer/records.hpp>
#include <naervaer/sync.hpp>
#include <naervaer/todos.hpp>

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace naervaer::client {

class Directory {
  public:
    void rebuild(const Replica& replica);

    // Sorted by name.
    const std::vector<Department>& departments() const { return departments_; }
    const Department* department(const std::string& id) const;
    std::string department_name(const std::string& id) const;

    const Employee* employee(const std::string& id) const;
    // Every employee, sorted by name.
    const std::vector<Employee>& employees() const { return employees_; }
    // Employees whose name or number contains `search` (case-insensitive), in `department_id`
    // ("" = all), sorted by name.
    std::vector<const Employee*> employees_matching(const std::string& search,
                                                    const std::string& department_id) const;

    const AbsenceSpell* spell(const std::string& id) const;
    // An employee's spells: ongoing first, then the most recent first.
    const std::vector<AbsenceSpell>& spells_of(const std::string& employee_id) const;
    // The spell that covers `day` (an ongoing one covers every day from its first), if any.
    const AbsenceSpell* absence_on(const std::string& employee_id, Date day) const;
    const std::map<std::string, std::vector<AbsenceSpell>>& spells_by_employee() const { return spells_by_employee_; }

    // To-dos marked done, by to-do key.
    const DoneMarks& marks() const { return marks_; }
    const TodoDone* mark(std::string_view todo_key) const;
    // The organisation's stored alert choices; nothing while it keeps the defaults.
    const std::optional<AlertChoices>& alert_choices() const { return alert_choices_; }

    // Conversation records (docs/forms.md), by id and by case.
    const ConversationRecord* conversation(const std::string& id) const;
    // A case's records, newest meeting first (prefill reads them in this order).
    std::span<const ConversationRecord> conversations_of(const std::string& spell_id) const;
    const RecordsBySpell& conversations_by_spell() const { return conversations_by_spell_; }

  private:
    struct Folded {
        std::string name;
        std::string number;
    };
    std::vector<Department> departments_;
    std::map<std::string, std::size_t> department_index_;
    std::vector<Employee> employees_; // sorted by folded name
    std::vector<Folded> folded_;      // employees_[i]'s name and number, case-folded for search
    std::map<std::string, std::size_t> employee_index_;
    std::map<std::string, std::vector<AbsenceSpell>> spells_by_employee_;
    std::map<std::string, std::pair<std::string, std::size_t>> spell_index_; // id -> (employee, index)
    DoneMarks marks_;
    std::optional<AlertChoices> alert_choices_;
    RecordsBySpell conversations_by_spell_; // each newest meeting first
    std::map<std::string, std::pair<std::string, std::size_t>> conversation_index_; // id -> (spell, index)
};

} // namespace naervaer::client
