// Form templates as data: every field type parses, broken templates give path errors, every
// shipped template parses with Danish and English everywhere and holds what the issue asks for,
// and an old record renders with its own snapshot after the template changed.
#include "naervaer/form_template.hpp"

#include "assets_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

using namespace naervaer;
using naervaer::test::load_template;
using nlohmann::json;

namespace {

bool has_error(const FormTemplateParse& p, std::string_view text) {
    return std::any_of(p.errors.begin(), p.errors.end(), [&](const auto& e) { return e.find(text) != std::string::npos; });
}

// A template with one section holding `fields` (JSON array text); tests break one thing at a time.
std::string with_fields(std::string_view fields, std::string_view extra = "") {
    return std::string(R"({"schema":1,"id":"t","version":1,"title_da":"T","title_en":"T","purpose_da":"P","purpose_en":"P",)") +
           std::string(extra) + R"("sections":[{"id":"s","title_da":"S","title_en":"S","fields":)" + std::string(fields) + "}]}";
}

std::filesystem::path templates_dir() {
    return std::filesystem::path(NAERVAER_ASSETS_DIR) / "templates";
}

// Every shipped template (shipped_template_files()), parsed; a file that does not parse fails the test.
std::vector<FormTemplate> shipped_templates() {
    std::vector<FormTemplate> out;
    for (const std::string_view file : shipped_template_files())
        out.push_back(load_template(std::filesystem::path(file).filename().string()));
    return out;
}

constexpr std::string_view steps =
    R"("staircase":[{"id":"up","label_da":"Op","label_en":"Up","description_da":"o","description_en":"u"},)"
    R"({"id":"down","label_da":"Ned","label_en":"Down","description_da":"n","description_en":"d"}],)";

} // namespace

TEST_CASE("form templates: every field type parses with its settings") {
    const std::string fields = R"([
      {"id":"intro","type":"info","label_da":"Velkommen","label_en":"Welcome"},
      {"id":"name","type":"text","label_da":"Navn","label_en":"Name","max_length":50,"guard":false},
      {"id":"note","type":"long_text","label_da":"Note","label_en":"Note","required":true,"prefill_key":"limitations"},
      {"id":"day","type":"date","label_da":"Dag","label_en":"Day"},
      {"id":"next","type":"date","label_da":"Næste","label_en":"Next","default":{"from":"day","days":28}},
      {"id":"form","type":"choice","label_da":"Form","label_en":"Form","options":[{"id":"a","label_da":"A","label_en":"A"}]},
      {"id":"many","type":"multi_choice","label_da":"Flere","label_en":"Several","options":[{"id":"a","label_da":"A","label_en":"A"},{"id":"b","label_da":"B","label_en":"B"}]},
      {"id":"ok","type":"yes_no","label_da":"OK?","label_en":"OK?"},
      {"id":"why","type":"long_text","label_da":"Hvorfor","label_en":"Why","show_if":{"field":"ok","equals":false}},
      {"id":"mood","type":"scale","label_da":"Humør","label_en":"Mood","scale":{"min":0,"max":10,"min_label_da":"Lav","min_label_en":"Low","max_label_da":"Høj","max_label_en":"High"}},
      {"id":"tasks","type":"task_list","label_da":"Opgaver","label_en":"Tasks","columns":[{"id":"can","label_da":"Kan","label_en":"Can"}],"max_rows":5},
      {"id":"deals","type":"task_list","label_da":"Aftaler","label_en":"Agreements","agreement":true},
      {"id":"hours","type":"hours_schedule","label_da":"Timer","label_en":"Hours","max_weeks":12,"max_hours":40,"non_decreasing":true},
      {"id":"me","type":"staircase","label_da":"Mig","label_en":"Me","compare_with":"boss"},
      {"id":"boss","type":"staircase","label_da":"Chef","label_en":"Boss"},
      {"id":"sign","type":"signature","label_da":"Underskrift","label_en":"Signature","help_da":"Hj","help_en":"He"}
    ])";
    auto p = parse_form_template(with_fields(fields, steps));
    for (const auto& e : p.errors)
        MESSAGE(e);
    REQUIRE(p.ok());
    const FormTemplate& t = *p.form;
    CHECK(t.fields().size() == 16);
    CHECK(t.find("intro")->type == FieldType::info);
    CHECK(t.find("name")->max_length == 50);
    CHECK_FALSE(t.find("name")->guard);
    CHECK(t.find("note")->guard);
    CHECK(t.find("note")->required);
    CHECK(t.find("note")->prefill_key == "limitations");
    CHECK(t.find("next")->date_default->from == "day");
    CHECK(t.find("next")->date_default->days == 28);
    CHECK(t.find("many")->options.size() == 2);
    CHECK(t.find("why")->show_if->field == "ok");
    CHECK(t.find("why")->show_if->equals_bool == false);
    CHECK(t.find("mood")->scale_min == 0);
    CHECK(t.find("mood")->scale_max == 10);
    CHECK(t.find("mood")->scale_max_label_en == "High");
    CHECK(t.find("tasks")->columns[0].id == "can");
    CHECK(t.find("tasks")->max_rows == 5);
    CHECK(t.find("deals")->agreement);
    CHECK(t.find("hours")->max_weeks == 12);
    CHECK(t.find("hours")->max_hours == 40);
    CHECK(t.find("hours")->non_decreasing);
    CHECK(t.find("me")->compare_with == "boss");
    CHECK(t.find("sign")->help_en == "He");
    CHECK(t.staircase.size() == 2);
    CHECK(t.step_index("down") == 1);
    CHECK(t.step_index("sideways") == -1);
    CHECK(field_type_from_string("hours_schedule") == FieldType::hours_schedule);
    CHECK(to_string(FieldType::multi_choice) == "multi_choice");
    CHECK_FALSE(field_type_from_string("checkbox"));
}

TEST_CASE("form templates: broken templates give path errors and no template") {
    auto one = [](std::string_view field, std::string_view extra = "") {
        return parse_form_template(with_fields(std::string("[") + std::string(field) + "]", extra));
    };
    CHECK(has_error(parse_form_template("{not json"), "not valid JSON"));
    CHECK(has_error(one(R"({"id":"a","type":"checkbox","label_da":"A","label_en":"A"})"),
                    "sections[0].fields[0].type: unknown type \"checkbox\""));
    CHECK(has_error(one(R"({"id":"a","type":"text","label_da":"A","label_en":"A","colour":"red"})"),
                    "fields[0].colour: not a key of a text field"));
    CHECK(has_error(one(R"({"id":"a","type":"text","label_da":"A","label_en":"A","options":[]})"),
                    "fields[0].options: not a key of a text field"));
    CHECK(has_error(one(R"({"id":"a","type":"text","label_en":"A"})"), "fields[0].label_da: is required"));
    CHECK(has_error(one(R"({"id":"a","type":"text","label_da":"A"})"), "fields[0].label_en: is required"));
    CHECK(has_error(one(R"({"id":"a","type":"text","label_da":"A","label_en":""})"), "fields[0].label_en: must not be empty"));
    CHECK(has_error(one(R"({"id":"a","type":"text","label_da":"A","label_en":"A","help_da":"H"})"), "fields[0].help_en: is required"));
    CHECK(has_error(one(R"({"id":"A b","type":"text","label_da":"A","label_en":"A"})"), "fields[0].id: expected lower-case"));
    CHECK(has_error(one(R"({"id":"a","type":"text","label_da":"A","label_en":"A"},{"id":"a","type":"date","label_da":"B","label_en":"B"})"),
                    "fields[1].id: duplicate id \"a\""));
    CHECK(has_error(one(R"({"id":"c","type":"choice","label_da":"C","label_en":"C","options":[{"id":"x","label_da":"X"}]})"),
                    "options[0].label_en: is required"));
    CHECK(has_error(one(R"({"id":"c","type":"choice","label_da":"C","label_en":"C"})"), "fields[0].options: is required"));
    CHECK(has_error(one(R"({"id":"s","type":"scale","label_da":"S","label_en":"S","scale":{"min":5,"max":1}})"), "scale.max: must be above min"));
    CHECK(has_error(one(R"({"id":"s","type":"staircase","label_da":"S","label_en":"S"})"), "needs the template's staircase"));
    CHECK(has_error(one(R"({"id":"s","type":"staircase","label_da":"S","label_en":"S","compare_with":"s"})", steps),
                    "compare_with: no other staircase field"));
    CHECK(has_error(one(R"({"id":"d","type":"date","label_da":"D","label_en":"D","default":{"from":"nope","days":28}})"),
                    "default.from: no date field \"nope\""));
    CHECK(has_error(one(R"({"id":"w","type":"text","label_da":"W","label_en":"W","show_if":{"field":"gone","equals":true}})"),
                    "show_if.field: no field \"gone\""));
    CHECK(has_error(one(R"({"id":"y","type":"yes_no","label_da":"Y","label_en":"Y"},{"id":"w","type":"text","label_da":"W","label_en":"W","show_if":{"field":"y","equals":"x"}})"),
                    "show_if.equals: expected true or false"));
    CHECK(has_error(one(R"({"id":"t","type":"task_list","label_da":"T","label_en":"T","agreement":true,"columns":[{"id":"a","label_da":"A","label_en":"A"}]})"),
                    "an agreement list has no columns"));
    CHECK(has_error(parse_form_template(R"({"schema":2,"id":"t","version":1,"title_da":"T","title_en":"T","purpose_da":"P","purpose_en":"P","sections":[]})"),
                    "schema: unsupported schema version 2"));
    CHECK(has_error(parse_form_template(R"({"schema":1,"id":"t","version":1,"title_da":"T","purpose_da":"P","purpose_en":"P","sections":[]})"),
                    "title_en: is required"));
    CHECK_FALSE(one(R"({"id":"a","type":"checkbox","label_da":"A","label_en":"A"})").ok());
}

TEST_CASE("form templates: offered_from and order say where a template is offered, and are not in its snapshot") {
    auto offered = parse_form_template(with_fields(R"([{"id":"a","type":"text","label_da":"A","label_en":"A"}])",
                                                   R"("offered_from":"case","order":20,)"));
    REQUIRE(offered.ok());
    CHECK(offered.form->offered_from == "case");
    CHECK(offered.form->order == 20);
    CHECK_FALSE(template_snapshot(*offered.form).contains("offered_from"));
    CHECK_FALSE(template_snapshot(*offered.form).contains("order"));
    // Moving a template in the list is not a new version: its snapshot equals the unplaced one's.
    auto unplaced = parse_form_template(with_fields(R"([{"id":"a","type":"text","label_da":"A","label_en":"A"}])"));
    REQUIRE(unplaced.ok());
    CHECK(unplaced.form->offered_from.empty());
    CHECK(unplaced.form->order == 0);
    CHECK(template_snapshot(*offered.form) == template_snapshot(*unplaced.form));

    const auto one = [](std::string_view extra) {
        return parse_form_template(with_fields(R"([{"id":"a","type":"text","label_da":"A","label_en":"A"}])", extra));
    };
    CHECK(has_error(one(R"("offered_from":"menu","order":1,)"), "offered_from: expected \"case\""));
    CHECK(has_error(one(R"("offered_from":"case",)"), "order: is required"));
    CHECK(has_error(one(R"("order":3,)"), "order: only for a template with offered_from"));
    CHECK(has_error(one(R"("offered_from":"case","order":0,)"), "order: must be between 1 and 1000"));
    CHECK(has_error(one(R"("offered_from":"case","order":"1",)"), "order: expected an integer"));
    CHECK(has_error(one(R"("offered_from":true,"order":1,)"), "offered_from: expected a string"));
    CHECK(has_error(one(R"("offered":"case",)"), "offered: unknown field"));
}

TEST_CASE("form templates: a case offers the newest version of each template that says so, by order") {
    const auto form = [](std::string_view id, int version, std::string_view placement) {
        json j = json::parse(with_fields(R"([{"id":"a","type":"text","label_da":"A","label_en":"A"}])", placement));
        j["id"] = id;
        j["version"] = version;
        auto parsed = parse_form_template_json(j);
        REQUIRE(parsed.ok());
        return *parsed.form;
    };
    const std::vector<FormTemplate> shipped{
        form("plan", 1, R"("offered_from":"case","order":20,)"),
        form("note", 2, R"("offered_from":"case","order":30,)"),
        form("note", 1, R"("offered_from":"case","order":5,)"),    // v2 moved it after the plan
        form("talk", 1, R"("offered_from":"case","order":20,)"),   // same order as the plan: by id
        form("retired", 1, R"("offered_from":"case","order":1,)"),
        form("retired", 2, ""),                                   // no longer offered from a case
        form("referral", 1, ""),
    };
    CHECK(conversation_template_ids(shipped) == std::vector<std::string_view>{"plan", "talk", "note"});
    CHECK(conversation_template_ids({}).empty());
}

TEST_CASE("form templates: every file in assets/templates/ is shipped, named by its id and version") {
    std::vector<std::string> on_disk;
    for (const auto& entry : std::filesystem::directory_iterator(templates_dir()))
        on_disk.push_back("templates/" + entry.path().filename().string());
    std::sort(on_disk.begin(), on_disk.end());
    const auto files = shipped_template_files();
    CHECK(std::vector<std::string>(files.begin(), files.end()) == on_disk);
    const std::vector<FormTemplate> shipped = shipped_templates();
    REQUIRE(shipped.size() == files.size());
    for (std::size_t i = 0; i < files.size(); ++i)
        CHECK(files[i] == "templates/" + shipped[i].id + ".v" + std::to_string(shipped[i].version) + ".json");
}

TEST_CASE("form templates: every shipped template parses with Danish and English everywhere") {
    for (const FormTemplate& t : shipped_templates()) {
        INFO(t.id);
        CHECK_FALSE(t.title_da.empty());
        CHECK_FALSE(t.title_en.empty());
        CHECK_FALSE(t.purpose_da.empty());
        CHECK_FALSE(t.purpose_en.empty());
        for (const auto& s : t.sections) {
            CHECK_FALSE(s.title_da.empty());
            CHECK_FALSE(s.title_en.empty());
        }
        for (const Field* f : t.fields()) {
            INFO(f->id);
            CHECK_FALSE(f->label_da.empty());
            CHECK_FALSE(f->label_en.empty());
            CHECK(f->help_da.empty() == f->help_en.empty());
            for (const auto& o : f->options) CHECK((!o.label_da.empty() && !o.label_en.empty()));
            for (const auto& c : f->columns) CHECK((!c.label_da.empty() && !c.label_en.empty()));
        }
        for (const auto& step : t.staircase)
            CHECK((!step.label_da.empty() && !step.label_en.empty() && !step.description_da.empty() && !step.description_en.empty()));
    }
}

TEST_CASE("form templates: every version of a template stays shipped, from 1 to the newest") {
    // A record filled offline with an old version must still be accepted, so no version is removed.
    std::map<std::string, std::vector<int>> versions;
    for (const FormTemplate& t : shipped_templates()) versions[t.id].push_back(t.version);
    REQUIRE_FALSE(versions.empty());
    for (auto& [id, numbers] : versions) {
        INFO(id);
        std::sort(numbers.begin(), numbers.end());
        for (std::size_t i = 0; i < numbers.size(); ++i) CHECK(numbers[i] == static_cast<int>(i) + 1);
    }
}

TEST_CASE("form templates: a case offers the promised conversations and plans, each once, in a clear order") {
    const std::vector<FormTemplate> shipped = shipped_templates();
    const std::vector<std::string_view> offered = conversation_template_ids(shipped);
    std::set<std::string_view> distinct(offered.begin(), offered.end());
    CHECK(distinct.size() == offered.size());

    // docs/forms.md, "The seven templates".
    for (const std::string_view promised : {"absence_conversation", "care_conversation", "contact_note", "round_table",
                                            "empowerment", "retention_plan", "opportunity_statement_part1"}) {
        INFO(promised);
        CHECK(distinct.count(promised) == 1);
    }
    // Forms with screens of their own (referrals, the policy) are not conversations.
    for (const std::string_view own_screen : {"fast_track_referral", "contact_request", "policy_questionnaire"}) {
        INFO(own_screen);
        CHECK(distinct.count(own_screen) == 0);
    }

    // No two offered templates share a place in the list (the newest version of each decides).
    std::set<int> orders;
    for (const std::string_view id : offered) {
        const FormTemplate* newest = nullptr;
        for (const FormTemplate& t : shipped)
            if (t.id == id && (!newest || t.version > newest->version)) newest = &t;
        REQUIRE(newest);
        INFO(id);
        CHECK(newest->offered_from == "case");
        CHECK(orders.insert(newest->order).second);
    }
}

TEST_CASE("form templates: the absence conversation asks what the issue lists and meets the 4-week rule") {
    const FormTemplate t = load_template("absence_conversation.v1.json");
    CHECK(t.title_da == "Sygefraværssamtale");
    CHECK(t.meets_rule == "absence_conversation");
    CHECK(t.find("return_how_when")->required);
    CHECK(t.find("gradual_return")->type == FieldType::yes_no);
    CHECK(t.find("gradual_return_plan")->show_if->field == "gradual_return");
    CHECK(t.find("adjustments")->prefill_key == "adjustments");
    CHECK(t.find("tasks")->prefill_key == "tasks");
    CHECK(t.find("work_from_home")->type == FieldType::choice);
    CHECK(t.find("opportunity_statement")->type == FieldType::yes_no);
    CHECK(t.find("agreements")->agreement);
    CHECK(t.find("next_contact")->type == FieldType::date);
}

TEST_CASE("form templates: the round table shows the three goals first, compares two placements, follows up after 28 days") {
    const FormTemplate t = load_template("round_table.v1.json");
    const auto fields = t.fields();
    REQUIRE(fields.size() > 3);
    for (int i = 0; i < 3; ++i) CHECK(fields[i]->type == FieldType::info);
    CHECK(fields[0]->label_da.find("fælles opfattelse") != std::string::npos);
    CHECK(fields[1]->label_en.find("plan for return") != std::string::npos);
    CHECK(fields[2]->label_en.find("who does what and when") != std::string::npos);
    CHECK(t.staircase.size() == 5);
    CHECK(t.staircase.front().id == "fully_fit");
    CHECK(t.staircase.back().id == "long_term_unable");
    CHECK(t.find("placement_employee")->type == FieldType::staircase);
    CHECK(t.find("placement_employee")->compare_with == "placement_employer");
    CHECK(t.find("placement_employer")->type == FieldType::staircase);
    CHECK(t.find("agreements")->agreement);
    const Field* follow_up = t.find("follow_up_date");
    REQUIRE(follow_up->date_default);
    CHECK(follow_up->date_default->from == "meeting_date");
    CHECK(follow_up->date_default->days == 28);
}

TEST_CASE("form templates: the retention plan has the task columns, hours schedule and the refusal branch") {
    const FormTemplate t = load_template("retention_plan.v1.json");
    CHECK(t.meets_rule == "retention_plan");
    const Field* tasks = t.find("tasks");
    REQUIRE(tasks->columns.size() == 3);
    CHECK(tasks->columns[0].id == "can");
    CHECK(tasks->columns[1].id == "with_adjustment");
    CHECK(tasks->columns[2].id == "cannot");
    CHECK(t.find("adjustments_tried")->type == FieldType::task_list);
    CHECK(t.find("adjustments")->label_en == "Adjustments from now on");
    CHECK(t.find("schedule")->type == FieldType::hours_schedule);
    CHECK(t.find("schedule")->non_decreasing);
    CHECK(t.find("municipal_offers")->type == FieldType::multi_choice);
    CHECK(t.find("review_date")->type == FieldType::date);
    CHECK(t.find("employee_view")->type == FieldType::long_text);
    CHECK(t.find("refusal_reason")->show_if->equals_bool == true);
    CHECK(tasks->show_if->equals_bool == false);
    CHECK(t.find("signature_employee")->type == FieldType::signature);
}

TEST_CASE("form templates: empowerment asks the three questions, the opportunity statement is printable") {
    const FormTemplate e = load_template("empowerment.v1.json");
    CHECK(e.find("coming_from")->label_da == "1. Hvilken situation kommer du fra?");
    CHECK(e.find("going_to")->label_da == "2. Hvor skal du hen?");
    CHECK(e.find("employer_says")->label_da == "3. Hvad siger arbejdsgiver?");
    const FormTemplate m = load_template("opportunity_statement_part1.v1.json");
    CHECK(m.printable);
    CHECK(m.find("limitations")->required);
    CHECK(m.find("affected_functions")->required);
    CHECK(m.find("adjustments")->prefill_key == "adjustments");
    CHECK(load_template("contact_note.v1.json").title_da == "Kontaktnotat ved langvarig sygdom");
    CHECK(load_template("care_conversation.v1.json").title_da == "Omsorgssamtale");
}

TEST_CASE("form templates: an old record renders with its own snapshot after the template changed") {
    const FormTemplate v1 = load_template("empowerment.v1.json");
    const json snapshot = template_snapshot(v1);
    const json answers = {{"meeting_date", "2025-02-03"}, {"coming_from", "Lager"}, {"going_to", "Kontor"}, {"employer_says", "Ja"}};

    // Version 2 rewords the first question and adds a field.
    json changed = v1.source;
    changed["version"] = 2;
    changed["sections"][1]["fields"][0]["label_da"] = "1. Hvor står du i dag?";
    changed["sections"][1]["fields"][0]["label_en"] = "1. Where are you today?";
    changed["sections"][1]["fields"].push_back(
        {{"id", "support"}, {"type", "long_text"}, {"label_da", "Støtte"}, {"label_en", "Support"}, {"required", true}});
    auto v2 = parse_form_template_json(changed);
    REQUIRE(v2.ok());
    CHECK(v2.form->find("coming_from")->label_da == "1. Hvor står du i dag?");

    // The record shows what was asked then, and is still valid against it.
    auto old = parse_form_template_json(snapshot);
    REQUIRE(old.ok());
    CHECK(old.form->version == 1);
    CHECK(old.form->find("coming_from")->label_da == "1. Hvilken situation kommer du fra?");
    CHECK(old.form->find("coming_from")->label_en == "1. Where are you coming from?");
    CHECK(old.form->find("support") == nullptr);
    CHECK(validate_answers(*old.form, answers, *Date::from_ymd(2025, 2, 3)).ok());
    CHECK(validate_answers(*v2.form, answers, *Date::from_ymd(2025, 2, 3)).has("support", "required"));
    // The snapshot survives a JSON round trip (how a record stores it).
    CHECK(parse_form_template(snapshot.dump()).form->find("going_to")->label_da == "2. Hvor skal du hen?");
}
