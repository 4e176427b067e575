// The sickness absence policy in the client, by clicks against the real server (docs/policy.md, "In
// the app"): the admin answers the questionnaire and sees the clauses follow the answers, edits a
// section, saves a version, compares two versions, approves with the alerts' preview shown first
// (the approved version and the alert settings in one push), and downloads the DOCX, which unzips
// and parses; the draft autosaves offline; HR and team leaders read the approved version only.
#include "client_harness.hpp"

#include "app/policy_state.hpp"

#include <naervaer/alerts.hpp>
#include <naervaer/policy.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <string>

using namespace naervaer;
using namespace naervaer::client;
using namespace naervaer::testing;
using nlohmann::json;

namespace {

Date today() { return *Date::parse_iso(local_today_iso()); }

// A shell command's exit status and output (stdout and stderr).
struct CommandResult {
    int status = -1;
    std::string output;
};
CommandResult run(const std::string& command) {
    CommandResult r;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) r.output.append(buffer, n);
    r.status = ::pclose(pipe);
    return r;
}
void require_tool(const char* tool, const char* package) {
    REQUIRE_MESSAGE(std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0, tool,
                    " not found: install the Debian package ", package, " (scripts/setup.sh --test)");
}

json section(const json& sections, const std::string& id) {
    for (const json& s : sections)
        if (s["id"] == id) return s;
    return nullptr;
}

bool has_clause(const json& sections, const std::string& section_id, const std::string& clause_id) {
    const json s = section(sections, section_id);
    if (s.is_null()) return false;
    for (const json& c : s["clause_ids"])
        if (c == clause_id) return true;
    return false;
}

void choose(ClientHarness& c, const std::string& field, const std::string& option) {
    REQUIRE_MESSAGE(c.click("form." + field + ".option." + option), field, " ", option);
}
void yes_no(ClientHarness& c, const std::string& field, bool yes) {
    REQUIRE_MESSAGE(c.click("form." + field + (yes ? ".yes" : ".no")), field);
}

// Every required question of the questionnaire, answered by clicks as an admin would; the answers
// of a small private company with no care or many-days conversations and contact after 5 days.
void answer_questionnaire(ClientHarness& c) {
    REQUIRE(c.click("policy.tab.questionnaire"));
    choose(c, "company_size", "10_49");
    choose(c, "sector", "private");
    yes_no(c, "collective_agreement", false);
    yes_no(c, "union_rep", false);
    choose(c, "notify_whom", "leader");
    choose(c, "notify_how", "phone");
    choose(c, "notify_by", "by_0800");
    choose(c, "report_fit", "day_before");
    choose(c, "contact_after_days", "5");
    choose(c, "contact_frequency", "weekly");
    for (const char* f : {"sworn_statement", "doctor_certificate", "duration_certificate", "opportunity_statement"})
        yes_no(c, f, false);
    choose(c, "absence_conversation_weeks", "4");
    yes_no(c, "frequent_absence_conversation", false);
    yes_no(c, "many_days_conversation", false);
    for (const char* f : {"partial_return", "retention_plan_offer", "fast_track", "section_56", "round_table",
                          "child_first_sick_day", "apv_absence", "absence_statistics"})
        yes_no(c, f, false);
    choose(c, "retention_years", "5");
    REQUIRE(c.click("form.effective_date"));
    c.type(today().plus_days(30).danish());
    c.press(ImGuiKey_Tab);
    choose(c, "review", "yearly");
}

// Replaces a section's text through its "Redigér afsnit" textarea.
void edit_section(ClientHarness& c, const std::string& id, const std::string& text) {
    REQUIRE(c.click("policy.tab.document"));
    REQUIRE(c.click("policy.section.edit." + id));
    REQUIRE(c.state()["policy"]["editing_section"] == id);
    REQUIRE(c.shows("policy.section.text"));
    const std::string key = "policy-section-" + id;
    REQUIRE_MESSAGE(c.platform().visible_overlays().count(key) == 1, key);
    c.platform().type_into_overlay(key, text);
    c.frame();
    c.frame();
    REQUIRE(c.click("policy.section.save"));
}

json server_record(const TestServer& server, const std::string& type, const std::string& id) {
    Session admin(server);
    REQUIRE(admin.login(admin_email, admin_password).status == 200);
    const Reply reply = admin.get("/api/v1/records/" + type + "/" + id);
    return reply.status == 200 ? reply.body : json();
}

const AlertSettings& alert_defaults() {
    static const AlertSettings defaults = [] {
        std::ifstream in(std::string(NAERVAER_RULES_DIR) + "/alerts-default.json");
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        AlertSettingsParse parsed = parse_alert_settings(text);
        REQUIRE(parsed.ok());
        return *parsed.settings;
    }();
    return defaults;
}

} // namespace

TEST_CASE("policy: the admin answers, edits, saves versions, compares, approves with the alerts' preview, and "
          "downloads a valid DOCX") {
    TestServer server;
    REQUIRE(server.started());
    ClientHarness c(server, {});
    c.sign_in(admin_email, admin_password);
    REQUIRE(c.click("nav.policy"));
    json s = c.state();
    REQUIRE(s["screen"] == "policy");
    REQUIRE(s["policy"]["editable"] == true);
    REQUIRE(s["policy"]["draft"].is_object());
    CHECK(s["policy"]["draft"]["number"] == 1);
    CHECK(s["policy"]["versions"].empty());
    CHECK(s["policy"]["approved"].is_null());
    // The organisation's name is filled in; nothing is stored until something changes.
    CHECK(s["policy"]["draft"]["answers"]["organisation_name"] == "Vendsyssel Emballage ApS");
    CHECK(s["policy"]["draft"]["autosave"]["state"] == "idle");
    // Unanswered, the contact clause shows the question in brackets and lists the field.
    const json unanswered = section(s["policy"]["draft"]["sections"], "contact");
    REQUIRE(unanswered.is_object());
    CHECK(unanswered["paragraphs"].dump().find("[Efter hvor mange sygedage i træk") != std::string::npos);

    // The clauses follow the answers.
    choose(c, "contact_after_days", "7");
    s = c.state();
    CHECK(section(s["policy"]["draft"]["sections"], "contact")["paragraphs"][1] ==
          "Er medarbejderen syg i 7 dage i træk, kontakter lederen medarbejderen.");
    yes_no(c, "fast_track", true);
    CHECK(has_clause(c.state()["policy"]["draft"]["sections"], "jobcenter", "jobcenter_fast_track"));
    answer_questionnaire(c); // contact after 5 days, no fast track
    s = c.state();
    const json contact = section(s["policy"]["draft"]["sections"], "contact");
    CHECK(contact["paragraphs"][1] == "Er medarbejderen syg i 5 dage i træk, kontakter lederen medarbejderen.");
    CHECK_FALSE(has_clause(s["policy"]["draft"]["sections"], "jobcenter", "jobcenter_fast_track"));
    CHECK(s["policy"]["draft"]["unfilled"].empty());
    // Each section shows its legal basis; the contact section's comes from practice (docs/policy.md).
    CHECK_FALSE(contact["legal_basis"].empty());
    REQUIRE(c.click("policy.tab.document"));
    CHECK(c.shows("policy.section.contact"));

    // The draft is autosaved once the answers rest, and reaches the server.
    c.wait_ms(1600);
    s = c.state();
    CHECK(s["policy"]["draft"]["autosave"]["state"] == "synced");
    const std::string first_id = s["policy"]["draft"]["id"];
    const json stored_first = server_record(server, "policy_version", first_id);
    REQUIRE(stored_first.is_object());
    CHECK(stored_first["data"]["status"] == "draft");
    CHECK(stored_first["data"]["answers"]["contact_after_days"] == "5");

    // A section edited as free text, then restored, then edited again.
    edit_section(c, "contact", "Lederen ringer til medarbejderen efter 5 dage.\n\nVi holder kontakt hver uge.");
    s = c.state();
    json edited = section(s["policy"]["draft"]["sections"], "contact");
    CHECK(edited["edited"] == true);
    CHECK(edited["paragraphs"] ==
          json::array({"Lederen ringer til medarbejderen efter 5 dage.", "Vi holder kontakt hver uge."}));
    REQUIRE(c.click("policy.section.revert.contact"));
    CHECK(section(c.state()["policy"]["draft"]["sections"], "contact")["edited"] == false);
    edit_section(c, "contact", "Lederen ringer til medarbejderen efter 5 dage.\n\nVi holder kontakt hver uge.");
    c.wait_ms(1600);

    // "Gem som ny version": version 1 is kept; the next change becomes version 2.
    REQUIRE(c.click("policy.save_version"));
    c.wait_ms(100);
    s = c.state();
    REQUIRE(s["policy"]["versions"].size() == 1);
    CHECK(s["policy"]["versions"][0]["number"] == 1);
    CHECK(s["policy"]["versions"][0]["status"] == "draft");
    CHECK(s["policy"]["draft"]["number"] == 2);
    edit_section(c, "contact", "Lederen ringer til medarbejderen efter 3 dage.\n\nVi holder kontakt hver uge.");
    c.wait_ms(1600);
    s = c.state();
    REQUIRE(s["policy"]["versions"].size() == 2);
    const std::string second_id = s["policy"]["draft"]["id"];
    CHECK(s["policy"]["versions"][1]["id"] == second_id);

    // The comparison shows the edit word by word.
    REQUIRE(c.click("policy.tab.versions"));
    REQUIRE(c.click("policy.version.from." + first_id));
    REQUIRE(c.click("policy.version.to." + second_id));
    s = c.state();
    REQUIRE(s["policy"]["diff"].is_object());
    const std::string diff = s["policy"]["diff"]["text"];
    CHECK(diff.find("Ændringer fra version 1 til version 2") == 0);
    CHECK(diff.find("Kontakt under sygdom (ændret)") != std::string::npos);
    CHECK(diff.find("Lederen ringer til medarbejderen efter [-5-] {+3+} dage.") != std::string::npos);
    CHECK(c.shows("policy.diff"));

    // Approval shows what changes in the alerts first. The demo keeps the default alerts (seed 003:
    // 7 days in a row; 3 spells within 3 months; many days off); the policy says 5 days and holds no
    // care conversation after frequent absence, and "many days" stays off.
    REQUIRE(c.click("policy.approve"));
    s = c.state();
    REQUIRE(s["policy"]["approving"] == true);
    CHECK(s["policy"]["approve_errors"].empty());
    CHECK(s["policy"]["alert_preview"] ==
          json::array({"Syg i en uge: ændres fra 7 dage i træk til 5 dage i træk.",
                       "Hyppigt fravær: slås fra (var 3 sygeperioder inden for 3 måneder)."}));
    const json approved_answers = s["policy"]["draft"]["answers"];

    // Confirmed: the approved version and the alert settings wait together, so they go in one push.
    REQUIRE(c.shows("policy.approve.confirm"));
    c.app().dispatch(action::Policy{action::PolicyOp::confirm_approve, {}, {}});
    CHECK(c.state()["pending"] == 2);
    c.settle();
    s = c.state();
    CHECK(s["pending"] == 0);
    REQUIRE(s["policy"]["approved"].is_object());
    CHECK(s["policy"]["approved"]["id"] == second_id);
    CHECK(s["policy"]["approved"]["number"] == 2);
    CHECK(s["policy"]["versions"][1]["status"] == "approved");
    CHECK(s["policy"]["versions"][1]["approved_by_name"] == "Annette Vestergaard");
    CHECK(s["policy"]["versions"][1]["approved_on"] == today().iso());
    // The next draft starts from the approved text.
    CHECK(s["policy"]["draft"]["number"] == 3);
    CHECK(section(s["policy"]["draft"]["sections"], "contact")["edited"] == true);

    const json approved = server_record(server, "policy_version", second_id);
    REQUIRE(approved.is_object());
    CHECK(approved["data"]["status"] == "approved");
    CHECK(approved["data"]["approved_by"] == "u_demo_admin");
    CHECK(approved["data"]["approved_on"] == today().iso());
    // The organisation's alert settings are the policy's.
    const json settings = server_record(server, "alert_settings", alert_settings_record_id("org_demo"));
    REQUIRE(settings.is_object());
    CHECK(settings["rev"].get<long long>() == approved["rev"].get<long long>() + 1);
    ValidationResult ignored;
    const AlertChoices stored = decode_alert_choices(settings["data"], ignored);
    const AlertChoices expected = alert_choices_from_policy(approved_answers, alert_defaults());
    CHECK(to_json(choices_of(apply_choices(alert_defaults(), stored))) ==
          to_json(choices_of(apply_choices(alert_defaults(), expected))));
    const AlertSettings effective = apply_choices(alert_defaults(), stored);
    CHECK(effective.find("continuous_week")->days == 5);
    CHECK(effective.find("continuous_week")->enabled);
    CHECK_FALSE(effective.find("frequent_spells")->enabled);
    CHECK_FALSE(effective.find("days_in_year")->enabled);

    // The approved version's DOCX: the file name carries the organisation and the version, and the
    // package unzips and every part parses.
    REQUIRE(c.click("policy.approved.docx"));
    const auto& downloads = c.platform().downloads();
    REQUIRE(downloads.size() == 1);
    CHECK(downloads[0].filename == "sygefravaerspolitik-vendsyssel-emballage-aps-v2.docx");
    CHECK(downloads[0].mime_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    require_tool("unzip", "unzip");
    require_tool("xmllint", "libxml2-utils");
    TempDir dir;
    const std::string file = (dir.path() / "policy.docx").string();
    {
        std::ofstream out(file, std::ios::binary);
        out << downloads[0].bytes;
    }
    CHECK(run("unzip -t '" + file + "'").status == 0);
    REQUIRE(run("cd '" + dir.path().string() + "' && unzip -q -o policy.docx -d parts").status == 0);
    for (const char* part : {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
                             "word/settings.xml", "word/footer1.xml", "docProps/core.xml"}) {
        const CommandResult lint = run("xmllint --noout '" + (dir.path() / "parts" / part).string() + "'");
        CHECK_MESSAGE(lint.status == 0, part, ": ", lint.output);
    }
    const std::string document = run("unzip -p '" + file + "' word/document.xml").output;
    CHECK(document.find("Lederen ringer til medarbejderen efter 3 dage.") != std::string::npos);
    CHECK(document.find("Version 2 · Godkendt " + today().danish() + " af Annette Vestergaard") != std::string::npos);

    // PDF and Markdown of the same version.
    REQUIRE(c.click("policy.approved.pdf"));
    REQUIRE(c.click("policy.approved.md"));
    REQUIRE(downloads.size() == 3);
    CHECK(downloads[1].filename == "sygefravaerspolitik-vendsyssel-emballage-aps-v2.pdf");
    CHECK(downloads[1].bytes.rfind("%PDF-", 0) == 0);
    CHECK(downloads[2].filename == "sygefravaerspolitik-vendsyssel-emballage-aps-v2.md");
    CHECK(downloads[2].bytes.find("Lederen ringer til medarbejderen efter 3 dage.") != std::string::npos);

    // The admin screen shows the rules the policy speaks about as set by it (version 2), and they
    // cannot be switched there; Bradford, which the policy does not mention, stays the admin's.
    REQUIRE(c.click("nav.admin"));
    for (const char* rule : {"continuous_week", "frequent_spells", "days_in_year", "policy_conversation",
                             "documentation_day"}) {
        const std::string anchor = std::string("admin.alerts.set_by_policy.") + rule;
        CHECK_MESSAGE(c.scroll_to(anchor).contains(anchor), rule);
    }
    CHECK(c.scroll_to("admin.alerts.state.bradford").contains("admin.alerts.state.bradford"));
    CHECK_FALSE(c.state()["items"].contains("admin.alerts.set_by_policy.bradford"));
    REQUIRE(c.click("admin.alerts.edit"));
    REQUIRE(c.click("admin.alerts.enabled.continuous_week")); // disabled: the click changes nothing
    REQUIRE(c.click("admin.alerts.enabled.bradford"));
    REQUIRE(c.click("admin.alerts.save"));
    c.settle();
    const json after = server_record(server, "alert_settings", alert_settings_record_id("org_demo"));
    const AlertSettings now = apply_choices(alert_defaults(), decode_alert_choices(after["data"], ignored));
    CHECK(now.find("continuous_week")->enabled);
    CHECK(now.find("continuous_week")->days == 5);
    CHECK(now.find("bradford")->enabled);

    // "Standard" resets what the admin chose, not what the policy says: Bradford goes back off,
    // the policy's 5 days stay.
    REQUIRE(c.click("admin.alerts.edit"));
    REQUIRE(c.click("admin.alerts.reset"));
    c.settle();
    const json reset = server_record(server, "alert_settings", alert_settings_record_id("org_demo"));
    const AlertSettings defaults_again = apply_choices(alert_defaults(), decode_alert_choices(reset["data"], ignored));
    CHECK(reset["rev"].get<long long>() > after["rev"].get<long long>());
    CHECK(defaults_again.find("continuous_week")->days == 5);
    CHECK_FALSE(defaults_again.find("bradford")->enabled);
    CHECK_FALSE(defaults_again.find("frequent_spells")->enabled); // the policy holds no care conversation
}

TEST_CASE("policy: HR and team leaders read the approved version and download it, without editing") {
    TestServer server;
    REQUIRE(server.started());
    // No approved version yet: they are told so.
    {
        ClientHarness c(server, {});
        c.sign_in(hr_email, hr_password);
        REQUIRE(c.click("nav.policy"));
        const json s = c.state();
        CHECK(s["policy"]["editable"] == false);
        CHECK(s["policy"]["approved"].is_null());
        CHECK(s["policy"]["draft"].is_null());
        CHECK_FALSE(s["items"].contains("form.contact_after_days"));
    }
    // An admin approves version 1 (through the API, as another device would).
    ClientHarness admin(server, {});
    admin.sign_in(admin_email, admin_password);
    REQUIRE(admin.click("nav.policy"));
    answer_questionnaire(admin);
    admin.wait_ms(1600);
    REQUIRE(admin.click("policy.approve"));
    REQUIRE(admin.click("policy.approve.confirm"));
    REQUIRE(admin.state()["policy"]["approved"].is_object());
    const std::string approved_id = admin.state()["policy"]["approved"]["id"];

    for (const auto& [email, password] : {std::pair{hr_email, hr_password}, std::pair{leader_email, leader_password}}) {
        ClientHarness c(server, {});
        c.sign_in(email, password);
        REQUIRE(c.click("nav.policy"));
        const json s = c.state();
        CHECK(s["policy"]["editable"] == false);
        CHECK(s["policy"]["draft"].is_null());
        REQUIRE(s["policy"]["approved"].is_object());
        CHECK(s["policy"]["approved"]["id"] == approved_id);
        CHECK(section(s["policy"]["approved"]["sections"], "contact")["paragraphs"][1] ==
              "Er medarbejderen syg i 5 dage i træk, kontakter lederen medarbejderen.");
        CHECK(c.shows("policy.section.contact"));
        // Nothing to edit: no questionnaire, no section buttons, no approval.
        const json items = c.scroll_to("policy.approve");
        CHECK_FALSE(items.contains("policy.approve"));
        CHECK_FALSE(items.contains("form.contact_after_days"));
        CHECK_FALSE(items.contains("policy.section.edit.contact"));
        // An edit dispatched anyway changes nothing.
        c.dispatch(action::Policy{action::PolicyOp::edit_section, "contact", {}});
        CHECK(c.state()["policy"]["editing_section"] == "");
        REQUIRE(c.click("policy.approved.docx"));
        REQUIRE(c.platform().downloads().size() == 1);
        CHECK(c.platform().downloads()[0].filename == "sygefravaerspolitik-vendsyssel-emballage-aps-v1.docx");
        CHECK(c.platform().downloads()[0].bytes.rfind("PK", 0) == 0);
    }
}

TEST_CASE("policy: the draft's answers are autosaved offline and reach the server when back online") {
    TestServer server;
    REQUIRE(server.started());
    TempDir storage;
    ClientHarness c(server, storage.path() / "storage.json");
    c.sign_in(admin_email, admin_password);
    REQUIRE(c.click("nav.policy"));
    c.platform().set_offline(true);
    choose(c, "contact_after_days", "10");
    c.wait_ms(1600);
    json s = c.state();
    CHECK(s["policy"]["draft"]["autosave"]["saves"] == 1);
    CHECK(s["policy"]["draft"]["autosave"]["state"] == "not_synced");
    const std::string id = s["policy"]["draft"]["id"];
    CHECK(server_record(server, "policy_version", id).is_null());
    bool in_storage = false;
    for (const auto& [key, value] : c.platform().stored())
        in_storage |= value.find(id) != std::string::npos && value.find("\"contact_after_days\":\"10\"") != std::string::npos;
    CHECK(in_storage);

    c.platform().set_offline(false);
    c.dispatch(action::SyncNow{});
    c.wait_ms(100);
    CHECK(c.state()["policy"]["draft"]["autosave"]["state"] == "synced");
    const json stored = server_record(server, "policy_version", id);
    REQUIRE(stored.is_object());
    CHECK(stored["data"]["answers"]["contact_after_days"] == "10");
}
