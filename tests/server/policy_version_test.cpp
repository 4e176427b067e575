// The sickness absence policy on the server (record type "policy_version", docs/policy.md): admins
// write versions, everyone in the organisation reads them; each push runs the rules of policy.hpp
// against the embedded clause library and questionnaire; approval is stamped from the session; an
// approved version never changes and is never deleted; drafts may be.
#include "conversation_helpers.hpp"
#include "services/alert_defaults.hpp"
#include "services/policy_records.hpp"

#include "naervaer/alerts.hpp"
#include "naervaer/policy.hpp"

using namespace naervaer::testing;
using nlohmann::json;

namespace {

const naervaer::server::PolicyAssets& assets() { return naervaer::server::embedded_policy_assets(); }

// A small private company's complete answers (every required question answered; the conversation
// thresholds of care and many-days conversations left out as the policy holds neither).
json complete_answers() {
    return {{"organisation_name", "Vendsyssel Emballage ApS"},
            {"company_size", "10_49"},
            {"sector", "private"},
            {"collective_agreement", false},
            {"union_rep", false},
            {"notify_whom", "leader"},
            {"notify_how", "phone"},
            {"notify_by", "by_0800"},
            {"report_fit", "day_before"},
            {"contact_after_days", "5"},
            {"contact_frequency", "weekly"},
            {"sworn_statement", false},
            {"doctor_certificate", false},
            {"duration_certificate", false},
            {"opportunity_statement", false},
            {"absence_conversation_weeks", "4"},
            {"frequent_absence_conversation", false},
            {"many_days_conversation", false},
            {"partial_return", false},
            {"retention_plan_offer", false},
            {"fast_track", false},
            {"section_56", false},
            {"round_table", false},
            {"child_first_sick_day", false},
            {"apv_absence", false},
            {"absence_statistics", false},
            {"retention_years", "5"},
            {"effective_date", "2026-02-01"},
            {"review", "yearly"}};
}

naervaer::PolicyVersion draft(int number, json answers, std::vector<naervaer::PolicyEdit> edits = {}) {
    return naervaer::make_policy_draft(number, assets().library, assets().questionnaire, std::move(answers),
                                       std::move(edits), "da");
}

json policy_change(const std::string& id, const json& data, long long base_rev = 0) {
    return {{"type", "policy_version"}, {"id", id}, {"base_rev", base_rev}, {"data", data}};
}

json pushed_draft(const Session& admin, const std::string& id, const naervaer::PolicyVersion& version) {
    const Reply pushed = admin.push(json::array({policy_change(id, naervaer::to_json(version))}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
    return read_record(admin, "policy_version", id);
}

// The approval as a client sends it: the stored draft with status "approved".
json approval_of(json data) {
    data["status"] = "approved";
    data["approved_by"] = "u_demo_admin";
    data["approved_by_name"] = "Annette Vestergaard";
    data["approved_on"] = danish_day(0);
    return data;
}

json approved_version(const Session& admin, const std::string& id) {
    const json stored = pushed_draft(admin, id, draft(1, complete_answers()));
    const Reply approved =
        admin.push(json::array({policy_change(id, approval_of(stored["data"]), stored["rev"])}));
    REQUIRE_MESSAGE(approved.status == 200, approved.raw);
    return read_record(admin, "policy_version", id);
}

} // namespace

TEST_CASE("policy: the server embeds the clause library and its questionnaire, checked against each other") {
    const auto& loaded = assets();
    CHECK(loaded.library.id == "policy_clauses");
    CHECK(loaded.questionnaire.id == loaded.library.questionnaire_id);
    CHECK(loaded.questionnaire.version == loaded.library.questionnaire_version);
    CHECK(naervaer::check_clause_library(loaded.library, loaded.questionnaire).empty());
    // Twelve sections in the documented order (docs/policy.md).
    REQUIRE(loaded.library.sections.size() == 12);
    CHECK(loaded.library.sections.front().title_da == "Formål");
    CHECK(loaded.library.sections.back().title_da == "Ikrafttræden og revision");
}

TEST_CASE("policy: an admin writes a draft, HR and team leaders read it but cannot write") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    Session hr = demo_hr(server);
    Session leader = demo_leader(server);

    // An incomplete draft is fine (only approval needs every answer).
    json answers = complete_answers();
    answers.erase("review");
    const json stored = pushed_draft(admin, "policy-1-a", draft(1, answers));
    CHECK(stored["data"]["status"] == "draft");
    CHECK(stored["data"]["number"] == 1);
    CHECK(stored["data"]["answers"] == answers);
    CHECK(stored["updated_by"] == "u_demo_admin");

    // Everyone in the organisation pulls and reads the policy, a team leader too.
    CHECK(pulled_ids(hr).count("policy-1-a") == 1);
    CHECK(pulled_ids(leader).count("policy-1-a") == 1);
    CHECK(read_record(leader, "policy_version", "policy-1-a")["data"] == stored["data"]);

    // Neither HR nor a team leader writes a version: not a new one, not a change, not a deletion.
    const json hr_draft = naervaer::to_json(draft(2, complete_answers()));
    CHECK(hr.push(json::array({policy_change("policy-2-hr", hr_draft)})).status == 403);
    CHECK(leader.push(json::array({policy_change("policy-2-tl", hr_draft)})).status == 403);
    json changed = stored["data"];
    changed["answers"]["contact_after_days"] = "7";
    changed["document"] = naervaer::to_json(
        naervaer::assemble_policy(assets().library, assets().questionnaire, changed["answers"], "da"));
    CHECK(hr.push(json::array({policy_change("policy-1-a", changed, stored["rev"])})).status == 403);
    CHECK(leader.push(json::array({delete_change("policy_version", "policy-1-a", stored["rev"])})).status == 403);
    CHECK(read_record(admin, "policy_version", "policy-1-a")["rev"] == stored["rev"]);
    CHECK(admin.get("/api/v1/records/policy_version/policy-2-hr").status == 404);

    // The admin changes the draft's answers (and the document they assemble to).
    const Reply updated = admin.push(json::array({policy_change("policy-1-a", changed, stored["rev"])}));
    REQUIRE_MESSAGE(updated.status == 200, updated.raw);
    CHECK(read_record(hr, "policy_version", "policy-1-a")["data"]["answers"]["contact_after_days"] == "7");
}

TEST_CASE("policy: approval is stamped with the session's admin and today, whatever the client sent") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    const json stored = pushed_draft(admin, "policy-1-a", draft(1, complete_answers()));

    json tampered = approval_of(stored["data"]);
    tampered["approved_by"] = "u_demo_hr";
    tampered["approved_by_name"] = "Mallory";
    tampered["approved_on"] = danish_day(-30);
    const Reply approved = admin.push(json::array({policy_change("policy-1-a", tampered, stored["rev"])}));
    REQUIRE_MESSAGE(approved.status == 200, approved.raw);
    const json after = read_record(admin, "policy_version", "policy-1-a");
    CHECK(after["data"]["status"] == "approved");
    CHECK(after["data"]["approved_by"] == "u_demo_admin");
    CHECK(after["data"]["approved_by_name"] == "Annette Vestergaard");
    CHECK(after["data"]["approved_on"] == danish_day(0));
    // Nothing else changed.
    CHECK(after["data"]["answers"] == stored["data"]["answers"]);
    CHECK(after["data"]["document"] == stored["data"]["document"]);

    // A version pushed as approved when it is created is stamped the same way.
    json direct = approval_of(naervaer::to_json(draft(2, complete_answers())));
    direct["approved_by_name"] = "Someone Else";
    const Reply created = admin.push(json::array({policy_change("policy-2-a", direct)}));
    REQUIRE_MESSAGE(created.status == 200, created.raw);
    const json second = read_record(admin, "policy_version", "policy-2-a");
    CHECK(second["data"]["approved_by_name"] == "Annette Vestergaard");
    CHECK(second["data"]["approved_on"] == danish_day(0));
}

TEST_CASE("policy: approval in one push with the alert settings the policy states") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    Session leader = demo_leader(server);
    const json stored = pushed_draft(admin, "policy-1-a", draft(1, complete_answers()));

    const auto defaults = naervaer::server::embedded_alert_defaults();
    const naervaer::AlertChoices choices = naervaer::alert_choices_from_policy(stored["data"]["answers"], defaults);
    const json settings = {{"type", "alert_settings"},
                           {"id", naervaer::alert_settings_record_id("org_demo")},
                           {"base_rev", 0},
                           {"data", naervaer::to_json(choices)}};
    const Reply pushed = admin.push(
        json::array({policy_change("policy-1-a", approval_of(stored["data"]), stored["rev"]), settings}));
    REQUIRE_MESSAGE(pushed.status == 200, pushed.raw);
    CHECK(pushed.body["accepted"].size() == 2);
    // The policy says "contact after 5 days in a row" and holds no care or many-days conversation.
    const json read = read_record(leader, "alert_settings", "alerts-org_demo");
    bool seen_week = false;
    for (const json& rule : read["data"]["rules"]) {
        if (rule["id"] == "continuous_week") {
            seen_week = true;
            CHECK(rule["enabled"] == true);
            CHECK(rule["days"] == 5);
        }
    }
    CHECK(seen_week);

    // An approval that fails takes the alert settings down with it: nothing of the push is written.
    const json second = pushed_draft(admin, "policy-2-a", draft(2, [] {
                                         json a = complete_answers();
                                         a.erase("review");
                                         return a;
                                     }()));
    json other_settings = settings;
    other_settings["base_rev"] = read["rev"];
    other_settings["data"]["rules"] = json::array();
    const Reply refused = admin.push(
        json::array({policy_change("policy-2-a", approval_of(second["data"]), second["rev"]), other_settings}));
    CHECK(refused.status == 422);
    CHECK(read_record(admin, "alert_settings", "alerts-org_demo")["rev"] == read["rev"]);
    CHECK(read_record(admin, "policy_version", "policy-2-a")["data"]["status"] == "draft");
}

TEST_CASE("policy: an approved version never changes and is never deleted, a draft may be deleted") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    const json approved = approved_version(admin, "policy-1-a");

    json changed = approved["data"];
    changed["answers"]["contact_after_days"] = "7";
    changed["document"] = naervaer::to_json(
        naervaer::assemble_policy(assets().library, assets().questionnaire, changed["answers"], "da"));
    const Reply refused = admin.push(json::array({policy_change("policy-1-a", changed, approved["rev"])}));
    CHECK(refused.status == 422);
    CHECK(refused_field(refused, "answers")["code"] == "approved_locked");
    CHECK(refused_field(refused, "document")["code"] == "approved_locked");

    // Not even the approval's own data: a new approver or date is refused, not restamped.
    json restamped = approved["data"];
    restamped["approved_by_name"] = "Annette V.";
    const Reply restamp = admin.push(json::array({policy_change("policy-1-a", restamped, approved["rev"])}));
    CHECK(restamp.status == 422);
    CHECK(refused_field(restamp, "approved_by_name")["code"] == "approved_locked");

    // Back to draft is a change too.
    json back = approved["data"];
    back["status"] = "draft";
    back.erase("approved_by");
    back.erase("approved_by_name");
    back.erase("approved_on");
    const Reply unapprove = admin.push(json::array({policy_change("policy-1-a", back, approved["rev"])}));
    CHECK(unapprove.status == 422);
    CHECK(refused_field(unapprove, "status")["code"] == "approved_locked");

    const Reply deleted = admin.push(json::array({delete_change("policy_version", "policy-1-a", approved["rev"])}));
    CHECK(deleted.status == 422);
    CHECK(refused_field(deleted, "status")["code"] == "approved_locked");
    const json still = read_record(admin, "policy_version", "policy-1-a");
    CHECK(still["rev"] == approved["rev"]);
    CHECK(still["data"] == approved["data"]);

    // A draft goes.
    const json second = pushed_draft(admin, "policy-2-a", draft(2, complete_answers()));
    const Reply gone = admin.push(json::array({delete_change("policy_version", "policy-2-a", second["rev"])}));
    REQUIRE_MESSAGE(gone.status == 200, gone.raw);
    CHECK(admin.get("/api/v1/records/policy_version/policy-2-a").status == 404);
}

TEST_CASE("policy: approval needs a complete, unchanged draft, and a draft keeps its number") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);

    json answers = complete_answers();
    answers.erase("review");
    const json incomplete = pushed_draft(admin, "policy-1-a", draft(1, answers));
    const Reply refused =
        admin.push(json::array({policy_change("policy-1-a", approval_of(incomplete["data"]), incomplete["rev"])}));
    CHECK(refused.status == 422);
    CHECK(refused_field(refused, "answers.review")["code"] == "required");
    CHECK(read_record(admin, "policy_version", "policy-1-a")["data"]["status"] == "draft");

    // Approving something else than what is stored: the answers changed in the same push.
    const json complete = pushed_draft(admin, "policy-2-a", draft(2, complete_answers()));
    json other = naervaer::to_json(draft(2, [] {
        json a = complete_answers();
        a["contact_after_days"] = "10";
        return a;
    }()));
    const Reply changed_on_approval =
        admin.push(json::array({policy_change("policy-2-a", approval_of(other), complete["rev"])}));
    CHECK(changed_on_approval.status == 422);
    CHECK(refused_field(changed_on_approval, "answers")["code"] == "changed_on_approval");

    json renumbered = complete["data"];
    renumbered["number"] = 7;
    const Reply number = admin.push(json::array({policy_change("policy-2-a", renumbered, complete["rev"])}));
    CHECK(number.status == 422);
    CHECK(refused_field(number, "number")["code"] == "number_locked");
}

TEST_CASE("policy: unknown sections, documents that are not what the answers say, and wrong shapes") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);

    // An edit of a section the clause library does not have: 422 with its path.
    json data = naervaer::to_json(draft(1, complete_answers()));
    data["edits"] = json::array({{{"section_id", "bonus_scheme"}, {"text", "Alle får bonus."}, {"base_text", ""}}});
    data["document"] = naervaer::to_json(naervaer::assemble_policy(
        assets().library, assets().questionnaire, data["answers"], "da",
        std::vector<naervaer::PolicyEdit>{{"bonus_scheme", "Alle får bonus.", ""}}));
    const Reply unknown_section = admin.push(json::array({policy_change("policy-1-a", data)}));
    CHECK(unknown_section.status == 422);
    CHECK(refused_field(unknown_section, "edits[0].section_id")["code"] == "unknown_section");

    // A document naming a clause the library does not have (or saying what the answers do not).
    json forged = naervaer::to_json(draft(1, complete_answers()));
    forged["document"]["sections"][0]["clause_ids"].push_back("secret_clause");
    const Reply unknown_clause = admin.push(json::array({policy_change("policy-1-b", forged)}));
    CHECK(unknown_clause.status == 422);
    CHECK(refused_field(unknown_clause, "document")["code"] == "document_mismatch");
    json rewritten = naervaer::to_json(draft(1, complete_answers()));
    rewritten["document"]["sections"][0]["paragraphs"][0] = "Sygefravær tolereres ikke.";
    const Reply mismatch = admin.push(json::array({policy_change("policy-1-c", rewritten)}));
    CHECK(refused_field(mismatch, "document")["code"] == "document_mismatch");

    // An answer the questionnaire does not allow, with its path.
    json wrong_answer = naervaer::to_json(draft(1, complete_answers()));
    wrong_answer["answers"]["contact_after_days"] = "8";
    const Reply answer = admin.push(json::array({policy_change("policy-1-d", wrong_answer)}));
    CHECK(answer.status == 422);
    CHECK_FALSE(refused_field(answer, "answers.contact_after_days").is_null());

    // A wrong JSON type is the client's bug: 400, with the path.
    json wrong_type = naervaer::to_json(draft(1, complete_answers()));
    wrong_type["edits"] = json::array({{{"section_id", 3}, {"text", "x"}, {"base_text", ""}}});
    const Reply shape = admin.push(json::array({policy_change("policy-1-e", wrong_type)}));
    CHECK(shape.status == 400);
    CHECK(refused_field(shape, "edits[0].section_id")["code"] == "type");

    for (const char* id : {"policy-1-a", "policy-1-b", "policy-1-c", "policy-1-d", "policy-1-e"})
        CHECK(admin.get(std::string("/api/v1/records/policy_version/") + id).status == 404);
}

TEST_CASE("policy: another organisation's version answers 404, to read and to write") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    const json approved = approved_version(admin, "policy-1-a");
    const json drafted = pushed_draft(admin, "policy-2-a", draft(2, complete_answers()));

    const OtherOrganisation other = create_other_organisation(server);
    Session other_admin = login(server, other.admin_email, other.admin_password);
    CHECK(other_admin.get("/api/v1/records/policy_version/policy-1-a").status == 404);
    CHECK(pulled_ids(other_admin).count("policy-1-a") == 0);
    json data = drafted["data"];
    CHECK(other_admin.push(json::array({policy_change("policy-2-a", data, drafted["rev"])})).status == 404);
    CHECK(other_admin.push(json::array({policy_change("policy-2-a", data)})).status == 404);
    CHECK(other_admin.push(json::array({delete_change("policy_version", "policy-2-a", drafted["rev"])})).status ==
          404);
    CHECK(read_record(admin, "policy_version", "policy-2-a")["rev"] == drafted["rev"]);
    CHECK(read_record(admin, "policy_version", "policy-1-a")["data"] == approved["data"]);
}

TEST_CASE("policy: a refused stale write is kept as a conflict only when it has the shape of a version") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    const json first = pushed_draft(admin, "policy-1-a", draft(1, complete_answers()));
    json changed = first["data"];
    changed["answers"]["contact_after_days"] = "7";
    changed["document"] = naervaer::to_json(
        naervaer::assemble_policy(assets().library, assets().questionnaire, changed["answers"], "da"));
    REQUIRE(admin.push(json::array({policy_change("policy-1-a", changed, first["rev"])})).status == 200);

    // Another device still at the first rev: a conflict, its version kept.
    const Reply stale = admin.push(json::array({policy_change("policy-1-a", first["data"], first["rev"])}));
    REQUIRE_MESSAGE(stale.status == 200, stale.raw);
    CHECK(stale.body["conflicts"].size() == 1);

    json broken = first["data"];
    broken["answers"] = "not an object";
    const Reply bad = admin.push(json::array({policy_change("policy-1-a", broken, first["rev"])}));
    CHECK(bad.status == 400);
}

TEST_CASE("policy: a version number is taken once, and an older draft is not approved after a newer one") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    const json first = pushed_draft(admin, "policy-1-a", draft(1, complete_answers()));
    // Another device starts its own version 1: refused, the first stands.
    const Reply twin = admin.push(json::array({policy_change("policy-1-b", naervaer::to_json(draft(1, complete_answers())))}));
    CHECK(twin.status == 422);
    CHECK(refused_field(twin, "number")["code"] == "number_taken");
    CHECK(admin.get("/api/v1/records/policy_version/policy-1-b").status == 404);

    // Version 2 is approved; version 1, still a draft, can no longer be.
    const json second = pushed_draft(admin, "policy-2-a", draft(2, complete_answers()));
    REQUIRE(admin.push(json::array({policy_change("policy-2-a", approval_of(second["data"]), second["rev"])})).status ==
            200);
    const Reply older = admin.push(json::array({policy_change("policy-1-a", approval_of(first["data"]), first["rev"])}));
    CHECK(older.status == 422);
    CHECK(refused_field(older, "number")["code"] == "older_than_approved");
    CHECK(read_record(admin, "policy_version", "policy-1-a")["data"]["status"] == "draft");
    // Editing that old draft is still allowed (it keeps its number), and version 3 is approved.
    const json third = pushed_draft(admin, "policy-3-a", draft(3, complete_answers()));
    CHECK(admin.push(json::array({policy_change("policy-3-a", approval_of(third["data"]), third["rev"])})).status == 200);
}

TEST_CASE("policy: approving a draft that changed meanwhile refuses the whole push, alert settings included") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    const json stored = pushed_draft(admin, "policy-1-a", draft(1, complete_answers()));
    // Another device edits the draft: its rev moves on.
    json edited = stored["data"];
    edited["answers"]["contact_after_days"] = "7";
    edited = naervaer::to_json(draft(1, edited["answers"]));
    REQUIRE(admin.push(json::array({policy_change("policy-1-a", edited, stored["rev"])})).status == 200);

    const auto defaults = naervaer::server::embedded_alert_defaults();
    const json settings = {{"type", "alert_settings"},
                           {"id", naervaer::alert_settings_record_id("org_demo")},
                           {"base_rev", 0},
                           {"data", naervaer::to_json(naervaer::alert_choices_from_policy(stored["data"]["answers"], defaults))}};
    const Reply stale = admin.push(
        json::array({policy_change("policy-1-a", approval_of(stored["data"]), stored["rev"]), settings}));
    CHECK(stale.status == 422);
    CHECK(refused_field(stale, "base_rev")["code"] == "stale_approval");
    CHECK(admin.get("/api/v1/records/alert_settings/alerts-org_demo").status == 404); // never written
    CHECK(read_record(admin, "policy_version", "policy-1-a")["data"]["status"] == "draft");

    // The same approval sent again after its answer was lost is not "changed on another device":
    // it is answered as a conflict with what the server has, like any stale push.
    const json current = read_record(admin, "policy_version", "policy-1-a");
    REQUIRE(admin.push(json::array({policy_change("policy-1-a", approval_of(current["data"]), current["rev"])}))
                .status == 200);
    const Reply retry =
        admin.push(json::array({policy_change("policy-1-a", approval_of(current["data"]), current["rev"])}));
    CHECK_MESSAGE(retry.status == 200, retry.raw);
    CHECK(retry.body["conflicts"].size() == 1);
}

TEST_CASE("policy: approval sets the organisation's retention period from the policy, audited") {
    TestServer server;
    REQUIRE(server.started());
    Session admin = demo_admin(server);
    const auto retention = [&] { return admin.get("/api/v1/auth/me").body["organisation"]["record_retention_years"]; };
    REQUIRE(retention() == 5);
    // A draft says 2 years: nothing changes until it is approved.
    json answers = complete_answers();
    answers["retention_years"] = "2";
    const json stored = pushed_draft(admin, "policy-1-a", draft(1, answers));
    CHECK(retention() == 5);
    REQUIRE(admin.push(json::array({policy_change("policy-1-a", approval_of(stored["data"]), stored["rev"])})).status ==
            200);
    CHECK(retention() == 2);
    const Reply audit = admin.get("/api/v1/admin/audit?limit=20");
    bool logged = false;
    if (audit.status == 200)
        for (const json& e : audit.body["entries"])
            logged = logged || (e["action"] == "organisation_updated" && e["detail"]["record_retention_years"] == 2 &&
                                e["detail"]["policy_version"] == 1);
    CHECK_MESSAGE(logged, audit.raw);
}
