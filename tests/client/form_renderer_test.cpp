// The form renderer (client/views/form_renderer.hpp) in a headless ImGui frame, without the App:
// every shipped template renders with an anchor per visible field, and the round table and the
// retention plan are filled in by clicks and typing as a person would.
#include "app/templates.hpp"
#include "headless_imgui.hpp"
#include "platform/native/native_platform.hpp"
#include "views/form_renderer.hpp"
#include "views/test_anchors.hpp"

#include <imgui.h>
#include <nlohmann/json.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>

using namespace naervaer;
using namespace naervaer::client;
using nlohmann::json;

namespace {

const LoadedTemplates& templates() {
    static const LoadedTemplates loaded = load_embedded_templates();
    return loaded;
}

const FormTemplate& shipped(std::string_view id) {
    const FormTemplate* form = templates().find(id);
    REQUIRE(form != nullptr);
    return *form;
}

// One form on a screen of its own: a NativePlatform (for the long-text overlays), the view context
// a screen gets from the App, and a window as tall as the form, so every field is visible.
class FormHarness {
  public:
    explicit FormHarness(const FormTemplate& form, std::string today = "2026-03-01")
        : form_(form), platform_(NativePlatform::Options{"", {}, today, "da"}), today_(*Date::parse_iso(today)) {
        imgui_ = testing::create_headless_imgui(ImVec2(1280, 6000));
        frame();
    }
    ~FormHarness() { ImGui::DestroyContext(imgui_); }
    FormHarness(const FormHarness&) = delete;
    FormHarness& operator=(const FormHarness&) = delete;

    json answers = json::object();
    FormUiState ui;
    FormRenderResult result;
    bool show_all_errors = false;
    I18n i18n;

    NativePlatform& platform() { return platform_; }

    void frame() {
        ImGui::SetCurrentContext(imgui_);
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("form", nullptr, ImGuiWindowFlags_NoDecoration);
        const ViewContext ctx{i18n, directory_, replica_, sync_, user_, today_, platform_.now_ms(), platform_};
        const ValidationResult errors = validate_answers(form_, answers, today_);
        result = form_fields(ctx, form_, answers, errors, show_all_errors,
                             templates().terms ? &*templates().terms : nullptr, ui);
        ImGui::End();
        ImGui::Render();
        platform_.end_frame();
    }

    bool shown(const std::string& anchor) const {
        ImGui::SetCurrentContext(imgui_);
        const auto& anchors = ui::test_anchors();
        return std::any_of(anchors.begin(), anchors.end(), [&](const ui::TestAnchor& a) { return a.name == anchor; });
    }

    // A left click at the centre of a named item of the last frame: move, press, release.
    bool click(const std::string& anchor) {
        frame();
        ImGui::SetCurrentContext(imgui_);
        const auto& anchors = ui::test_anchors();
        const auto it = std::find_if(anchors.begin(), anchors.end(),
                                     [&](const ui::TestAnchor& a) { return a.name == anchor; });
        if (it == anchors.end()) return false;
        testing::click_centre(it->x, it->y, it->w, it->h, [this] { frame(); });
        frame();
        return true;
    }

    void type(const std::string& text) {
        ImGui::SetCurrentContext(imgui_);
        ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
        frame();
        frame();
    }

    void press(ImGuiKey key, int times = 1) {
        ImGui::SetCurrentContext(imgui_);
        for (int i = 0; i < times; ++i) {
            ImGui::GetIO().KeysDown[key] = true;
            frame();
            ImGui::GetIO().KeysDown[key] = false;
            frame();
        }
    }

    // Clicks an input and types into it.
    void fill(const std::string& anchor, const std::string& text) {
        REQUIRE_MESSAGE(click(anchor), anchor);
        type(text);
    }

    // The user types into a long text's textarea (the browser's overlay).
    void type_into_long_text(const std::string& field_id, const std::string& text) {
        const std::string key = "form-" + form_.id + "-" + field_id;
        REQUIRE(platform_.visible_overlays().count(key) == 1);
        platform_.type_into_overlay(key, text);
        frame();
        frame();
    }

    bool notice_contains(const std::string& text) const {
        return std::any_of(result.notices.begin(), result.notices.end(),
                           [&](const std::string& n) { return n.find(text) != std::string::npos; });
    }

    std::vector<std::string> shown_errors() const {
        ImGui::SetCurrentContext(imgui_);
        return ui::shown_errors();
    }

  private:
    const FormTemplate& form_;
    NativePlatform platform_;
    Date today_;
    Directory directory_;
    Replica replica_;
    SyncStatus sync_;
    SignedInUser user_;
    ImGuiContext* imgui_ = nullptr;
};

std::string message_da(const std::string& code) {
    ValidationResult r;
    r.add("x", code);
    return r.errors().front().message_da;
}

bool has_error(const std::vector<std::string>& errors, const std::string& text) {
    return std::any_of(errors.begin(), errors.end(),
                       [&](const std::string& e) { return e.find(text) != std::string::npos; });
}

} // namespace

TEST_CASE("templates: every template in assets/templates/ is embedded, listed and parses, and so do the terms") {
    std::vector<std::string> on_disk;
    for (const auto& file : std::filesystem::directory_iterator(NAERVAER_TEMPLATES_DIR))
        on_disk.push_back("templates/" + file.path().filename().string());
    std::sort(on_disk.begin(), on_disk.end());
    std::vector<std::string> listed(shipped_template_files().begin(), shipped_template_files().end());
    std::sort(listed.begin(), listed.end());
    CHECK(listed == on_disk);

    for (const auto& error : templates().errors)
        MESSAGE(error);
    CHECK(templates().errors.empty());
    CHECK(templates().templates.size() == listed.size());
    REQUIRE(templates().terms.has_value());
    CHECK(templates().find("round_table") != nullptr);
    CHECK(templates().find("no_such_form") == nullptr);

    // A missing file is named, not a crash.
    const LoadedTemplates broken = load_templates([](std::string_view) { return std::string_view(); });
    CHECK(broken.templates.empty());
    CHECK_FALSE(broken.terms.has_value());
    CHECK(broken.errors.size() == listed.size() + 1);
    CHECK(broken.errors.front().find(": not embedded") != std::string::npos);
}

TEST_CASE("form renderer: every shipped template renders with an anchor per visible field, in Danish and English") {
    REQUIRE(templates().templates.size() == shipped_template_files().size());
    for (const FormTemplate& form : templates().templates) {
        for (const char* language : {"da", "en"}) {
            CAPTURE(form.id);
            CAPTURE(language);
            FormHarness h(form);
            REQUIRE(h.i18n.set_language(language));
            h.frame();
            int visible = 0;
            for (const Field* f : form.fields()) {
                CAPTURE(f->id);
                const bool expected = is_visible(*f, h.answers);
                visible += expected;
                CHECK(h.shown("form." + f->id) == expected);
            }
            CHECK(visible > 0);
            // Nothing typed: no errors yet; an empty form submitted shows the required ones.
            CHECK(h.shown_errors().empty());
            h.show_all_errors = true;
            h.frame();
            const ValidationResult errors = validate_answers(form, h.answers, *Date::parse_iso("2026-03-01"));
            CHECK(h.shown_errors().size() == errors.errors().size());
        }
    }
}

TEST_CASE("form renderer: the round table's placements are compared side by side and the follow-up follows the meeting") {
    const FormTemplate& form = shipped("round_table");
    FormHarness h(form);

    // The three goals come first, as text.
    CHECK(h.shown("form.goal_shared_understanding"));
    // The follow-up is 28 days after today while the meeting date is empty, then after the meeting.
    CHECK(h.answers["follow_up_date"] == "2026-03-29");
    h.fill("form.meeting_date", "10-03-2026");
    CHECK(h.answers["meeting_date"] == "2026-03-10");
    CHECK(h.answers["follow_up_date"] == "2026-04-07");
    CHECK(h.ui.typed["follow_up_date"].text == "07-04-2026");

    // The employee and the employer place the employee on different steps.
    CHECK_FALSE(h.shown("form.placement_employee.comparison"));
    REQUIRE(h.click("form.placement_employee.step.fully_fit"));
    REQUIRE(h.click("form.placement_employer.step.other_tasks"));
    CHECK(h.answers["placement_employee"] == "fully_fit");
    CHECK(h.answers["placement_employer"] == "other_tasks");
    CHECK(h.shown("form.placement_employee.comparison"));
    CHECK(h.notice_contains("Placeringerne er 2 trin fra hinanden"));
    // Side by side: the same steps at the same height, the employer's to the right.
    const auto& anchors = ui::test_anchors();
    auto rect = [&](const std::string& name) {
        const auto it = std::find_if(anchors.begin(), anchors.end(), [&](const auto& a) { return a.name == name; });
        REQUIRE(it != anchors.end());
        return *it;
    };
    CHECK(rect("form.placement_employee.step.partly_fit").y == doctest::Approx(rect("form.placement_employer.step.partly_fit").y));
    CHECK(rect("form.placement_employee.step.partly_fit").x < rect("form.placement_employer.step.partly_fit").x);

    // One step apart, then the same step: a shared understanding.
    REQUIRE(h.click("form.placement_employer.step.partly_fit"));
    CHECK(h.notice_contains("Placeringerne er 1 trin fra hinanden"));
    REQUIRE(h.click("form.placement_employer.step.fully_fit"));
    CHECK(h.notice_contains("Samme placering"));
    CHECK_FALSE(h.notice_contains("trin fra hinanden"));

    // The user's own follow-up date stays when the meeting moves.
    REQUIRE(h.click("form.follow_up_date"));
    h.press(ImGuiKey_Backspace, 10);
    h.type("15-04-2026");
    CHECK(h.answers["follow_up_date"] == "2026-04-15");
    REQUIRE(h.click("form.meeting_date"));
    h.press(ImGuiKey_Backspace, 10);
    h.type("11-03-2026");
    CHECK(h.answers["meeting_date"] == "2026-03-11");
    CHECK(h.answers["follow_up_date"] == "2026-04-15");

    // An agreement row: text, owner and due date become an agreement.
    REQUIRE(h.click("form.agreements.add"));
    h.fill("form.agreements.0.text", "Ring til medarbejderen");
    h.fill("form.agreements.0.owner", "Leder");
    h.fill("form.agreements.0.due", "20-03-2026");
    const auto agreements = extract_agreements(form, h.answers);
    REQUIRE(agreements.size() == 1);
    CHECK(agreements[0].text == "Ring til medarbejderen");
    CHECK(agreements[0].owner == "Leder");
    CHECK(agreements[0].due.iso() == "2026-03-20");
}

TEST_CASE("form renderer: the retention plan's tasks and hours schedule are filled in rows, refusing shows the reason instead") {
    const FormTemplate& form = shipped("retention_plan");
    FormHarness h(form);
    CHECK_FALSE(h.shown("form.tasks")); // shown only once the employer has not refused
    REQUIRE(h.click("form.employer_refuses.no"));
    CHECK(h.answers["employer_refuses"] == false);
    CHECK(h.shown("form.tasks"));
    CHECK(h.shown("form.schedule"));
    CHECK_FALSE(h.shown("form.refusal_reason"));

    REQUIRE(h.click("form.tasks.add"));
    REQUIRE(h.click("form.tasks.add"));
    h.fill("form.tasks.0.text", "Kundeservice");
    REQUIRE(h.click("form.tasks.0.column.can"));
    h.fill("form.tasks.1.text", "Lager");
    REQUIRE(h.click("form.tasks.1.column.cannot"));
    CHECK(h.answers["tasks"] == json::parse(R"([{"text":"Kundeservice","column":"can"},{"text":"Lager","column":"cannot"}])"));
    REQUIRE(h.click("form.tasks.0.remove"));
    CHECK(h.answers["tasks"] == json::parse(R"([{"text":"Lager","column":"cannot"}])"));

    h.fill("form.schedule.normal_hours", "37");
    REQUIRE(h.click("form.schedule.add"));
    h.fill("form.schedule.weeks.0.hours", "10");
    REQUIRE(h.click("form.schedule.add")); // week 2, from week 1's hours
    REQUIRE(h.click("form.schedule.weeks.1.hours"));
    h.press(ImGuiKey_Backspace, 2);
    h.type("18,5");
    CHECK(h.answers["schedule"] ==
          json::parse(R"({"normal_hours":37,"weeks":[{"week":1,"hours":10},{"week":2,"hours":18.5}]})"));
    const ValidationResult errors = validate_answers(form, h.answers, *Date::parse_iso("2026-03-01"));
    CHECK_FALSE(errors.find("schedule"));
    CHECK_FALSE(errors.find("tasks"));

    // Hours stepping down break the graded return: the shared rule's error shows under the schedule.
    REQUIRE(h.click("form.schedule.weeks.1.hours"));
    h.press(ImGuiKey_Backspace, 4);
    h.type("5");
    CHECK(has_error(h.shown_errors(), "Række 2, Timer: "));

    // The employer refuses: the reason appears, the plan's rows go (their values kept).
    REQUIRE(h.click("form.employer_refuses.yes"));
    CHECK(h.shown("form.refusal_reason"));
    CHECK_FALSE(h.shown("form.schedule"));
    CHECK_FALSE(h.shown("form.tasks"));
    CHECK(h.answers.contains("schedule"));
}

TEST_CASE("form renderer: a date that does not exist is an error and no answer") {
    FormHarness h(shipped("round_table"));
    h.fill("form.meeting_date", "31-02-2026");
    CHECK_FALSE(h.answers.contains("meeting_date"));
    CHECK(has_error(h.shown_errors(), message_da("invalid_date")));
    // A half-typed date is no answer either; a whole one is.
    REQUIRE(h.click("form.meeting_date"));
    h.press(ImGuiKey_Backspace, 10);
    h.type("28-02-2");
    CHECK_FALSE(h.answers.contains("meeting_date"));
    h.type("026");
    CHECK(h.answers["meeting_date"] == "2026-02-28");
    CHECK_FALSE(has_error(h.shown_errors(), message_da("invalid_date")));
}

TEST_CASE("form renderer: a diagnosis in guarded text is a warning with the § 2 rule until it is rephrased") {
    FormHarness h(shipped("round_table"));
    const DiagnosisTerms& terms = *templates().terms;
    const std::size_t runs = h.ui.guard_runs;

    h.type_into_long_text("plan", "Hun har en depression og kan ikke løfte.");
    CHECK(h.shown("form.plan.guard"));
    CHECK(h.notice_contains("depression"));
    CHECK(h.notice_contains(terms.rule_da));
    CHECK(h.answers["plan"] == "Hun har en depression og kan ikke løfte."); // a warning, not a block
    // The matcher ran once for the new text, not once per frame.
    const std::size_t after = h.ui.guard_runs;
    CHECK(after == runs + 1);
    h.frame();
    h.frame();
    CHECK(h.ui.guard_runs == after);

    // In English, the English rule.
    REQUIRE(h.i18n.set_language("en"));
    h.frame();
    CHECK(h.notice_contains(terms.rule_en));
    REQUIRE(h.i18n.set_language("da"));

    h.type_into_long_text("plan", "Hun kan ikke løfte tunge ting de næste fire uger.");
    CHECK_FALSE(h.shown("form.plan.guard"));
    CHECK_FALSE(h.notice_contains(terms.rule_da));

    // Task rows are guarded too; names (participants, guard: false) are not.
    REQUIRE(h.click("form.tasks.add"));
    h.fill("form.tasks.0.text", "Sygemeldt med stress");
    CHECK(h.shown("form.tasks.0.text.guard"));
    h.fill("form.participants", "Stress Hansen");
    CHECK_FALSE(h.shown("form.participants.guard"));
}
