// A large demo organisation for benchmarks: many employees, many spells, and on the newest case of
// every other employee a signed absence conversation with one agreement (so the to-do list's
// benchmark parses, matches and lists conversation records too), in one transaction.
#include "clock.hpp"
#include "demo/demo_seed.hpp"
#include "naervaer/conversation_record.hpp"
#include "naervaer/server/demo.hpp"
#include "services/shipped_templates.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace naervaer::server::demo {

namespace {

constexpr std::array<const char*, 12> first_names = {"Søren", "Mette", "Jens",  "Anne",  "Lars",  "Birthe",
                                                     "Mikkel", "Hanne", "Ødis", "Åse", "Kasper", "Ærtrud"};
constexpr std::array<const char*, 10> last_names = {"Kjær",  "Bøgh",    "Højgaard", "Østergaard", "Lønborg",
                                                    "Nørgaard", "Skærbæk", "Grønbæk", "Møller", "Ålbæk"};

// The demo team leader, who holds and records the conversations (as in the normal demo).
constexpr const char* leader_user_id = "u_demo_leder";
constexpr const char* leader_user_name = "Bent Kristiansen";

// A signed absence conversation (SDL § 7 a) of `spell`, filled with the shipped template (its
// snapshot, as a client's record has), held on the first sick day and signed by the employee the
// same day, agreeing one follow-up call two weeks later. Nothing when the record would not pass
// the checks a push must pass.
std::optional<ConversationRecord> absence_conversation(const FormTemplate& form, const AbsenceSpell& spell,
                                                       const std::string& employee_name, Date today) {
    const Date held = spell.first_day;
    ConversationRecord record =
        new_conversation_record(form, "demo-conv-" + spell.id.substr(std::string_view("demo-spell-").size()),
                                spell.employee_id, spell.id, held);
    record.answers = {{"meeting_date", held.iso()},
                      {"form", "in_person"},
                      {"return_how_when", "Medarbejderen forventer at være tilbage, når lægen siger god for det."},
                      {"next_contact", held.plus_days(14).iso()},
                      {"agreements", nlohmann::json::array({{{"text", "Opfølgende opkald til medarbejderen"},
                                                             {"owner", leader_user_name},
                                                             {"due", held.plus_days(14).iso()}}})}};
    record.status = ConversationStatus::signed_off;
    record.sign_off = SignOff{employee_name, held, true, "", leader_user_id, leader_user_name};
    if (!validate(record, today).ok()) return std::nullopt;
    return record;
}

} // namespace

bool seed_scaled(const Config& config, const ScaledOptions& options, std::string& error) {
    try {
        std::filesystem::create_directories(config.data_dir);
        sqlite::SqliteStore store(config.data_dir / "naervaer.sqlite3");
        const PasswordHasher hasher(config.password_hash_cost);
        const auto clock_now = effective_clock(config.clock)();
        const std::string now = iso_timestamp(clock_now);
        const Date today = Date::from_serial(static_cast<int32_t>(unix_seconds(clock_now) / 86400));

        auto tx = store.write();
        if (tx->count_organisations() > 0) {
            error = "the database already holds an organisation";
            return false;
        }
        const std::string org = "org_demo";
        tx->insert_organisation({org, std::string(organisation_name), "38172948", "Hjørring"}, now);
        insert_demo_users(*tx, hasher, org, now);
        const ShippedTemplates templates = embedded_templates();
        const FormTemplate* absence_form = templates.find("absence_conversation", 1);
        if (!absence_form) {
            error = "the shipped templates have no absence_conversation v1";
            return false;
        }

        const int departments = std::max(2, options.departments);
        const int employees = std::max(1, options.employees);
        const auto write = [&](const std::string& type, const std::string& id, nlohmann::json data,
                               std::optional<std::string> scope, std::optional<std::string> employee_id) {
            RecordWrite w{type, id, now, "u_demo_admin", false, std::move(data), std::move(scope),
                          std::move(employee_id)};
            tx->put_record(org, w);
        };
        // The first two departments keep the demo team leader's ids, so the leader's scope works.
        const auto department_id = [&](int d) {
            return d < 2 ? std::string(leader_department_ids[static_cast<std::size_t>(d)])
                         : "demo-dept-" + std::to_string(d + 1);
        };
        for (int d = 0; d < departments; ++d) {
            write(std::string(record_type::department), department_id(d),
                  {{"name", "Afdeling " + std::to_string(d + 1)}}, std::nullopt, std::nullopt);
        }
        int spells_left = std::max(0, options.spells);
        for (int e = 0; e < employees; ++e) {
            const std::string id = "demo-emp-" + std::to_string(e + 1);
            const std::string department = department_id(e % departments);
            Employee employee;
            employee.id = id;
            employee.name = std::string(first_names[static_cast<std::size_t>(e) % first_names.size()]) + " " +
                            last_names[static_cast<std::size_t>(e / 12) % last_names.size()];
            employee.employee_number = std::to_string(100000 + e);
            employee.department_id = department;
            employee.employment_start = today.plus_days(-4000);
            employee.weekly_hours = e % 5 == 0 ? 30 : 37;
            // Mostly wages, as in most workplaces; some benefit and some neither (SDL § 40).
            employee.nemrefusion_payer = e % 7 == 3    ? NemRefusionPayer::benefit
                                         : e % 11 == 5 ? NemRefusionPayer::none
                                                       : NemRefusionPayer::wages;
            write(std::string(record_type::employee), id, to_json(employee), department, std::nullopt);

            // Spread the spells evenly; each employee's go back from today without overlapping.
            const int share = spells_left / (employees - e);
            spells_left -= share;
            Date last = today.plus_days(-(e % 30));
            for (int s = 0; s < share; ++s) {
                AbsenceSpell spell;
                spell.id = "demo-spell-" + std::to_string(e + 1) + "-" + std::to_string(s + 1);
                spell.employee_id = id;
                const int length = 1 + (e + s) % 6;
                spell.first_day = last.plus_days(-(length - 1));
                if (s > 0 || e % 10 != 0) spell.last_day = last; // every tenth employee is absent now
                write(std::string(record_type::absence_spell), spell.id, to_json(spell), department, id);
                // The newest case of every other employee has a documented conversation.
                if (s == 0 && e % 2 == 0) {
                    auto record = absence_conversation(*absence_form, spell, employee.name, today);
                    if (!record) {
                        error = "the conversation record of " + spell.id + " does not validate";
                        return false;
                    }
                    write(std::string(record_type::conversation_record), record->id, to_json(*record), department, id);
                }
                last = spell.first_day.plus_days(-(7 + (e * 7 + s * 3) % 60));
            }
        }
        tx->commit();
        return true;
    } catch (const std::exception& e) {
        error = e.what();
        return false;
    }
}

} // namespace naervaer::server::demo
