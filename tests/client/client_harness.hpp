#pragma once
// One browser tab, natively: a NativePlatform, an App and a headless ImGui context (frames are
// built but never rendered). Input goes through ImGui's IO as a backend would send it, so focus,
// Tab and Enter behave as in the browser.
#include "app/app.hpp"
#include "headless_imgui.hpp"
#include "naervaer/date.hpp"
#include "naervaer/server/demo.hpp"
#include "platform/native/native_platform.hpp"
#include "support/test_server.hpp"

#include <doctest/doctest.h>
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>

namespace naervaer::testing {

// The demo organisation's logins, from the server's own definition of the demo.
inline const std::string admin_email{server::demo::admin_email};
inline const std::string admin_password{server::demo::admin_password};
inline const std::string hr_email{server::demo::hr_email};
inline const std::string hr_password{server::demo::hr_password};
inline const std::string leader_email{server::demo::leader_email};
inline const std::string leader_password{server::demo::leader_password};

// Demo employees with an ongoing sickness spell (server/src/demo/demo_organisation.cpp):
// day 25 of an ordinary spell (Produktion, wages), and day 46 of one not expected back within
// 8 weeks.
inline constexpr const char* employee_day_25 = "demo-emp-05";
inline constexpr const char* employee_long_term = "demo-emp-02";

// The machine's local date: the demo organisation is seeded relative to the server's today.
inline std::string local_today_iso() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

class ClientHarness {
  public:
    ClientHarness(const TestServer& server, const std::filesystem::path& storage_file, bool offline = false)
        : platform_(client::NativePlatform::Options{"http://127.0.0.1:" + std::to_string(server.port()),
                                                    storage_file, local_today_iso(), "da"}) {
        platform_.set_offline(offline);
        imgui_ = create_headless_imgui(ImVec2(1280, 800));
        app_ = std::make_unique<client::App>(platform_);
    }
    ~ClientHarness() {
        ImGui::SetCurrentContext(imgui_);
        app_.reset();
        ImGui::DestroyContext(imgui_);
    }
    ClientHarness(const ClientHarness&) = delete;
    ClientHarness& operator=(const ClientHarness&) = delete;

    client::NativePlatform& platform() { return platform_; }
    client::App& app() { return *app_; }

    void frame() {
        ImGui::SetCurrentContext(imgui_);
        ImGui::NewFrame();
        app_->frame();
        ImGui::Render();
    }

    // Delivers network answers and draws until nothing is left to do (timers in the future wait).
    void settle() {
        int quiet = 0;
        for (int i = 0; i < 200 && quiet < 2; ++i) {
            const bool work = platform_.pump() > 0;
            frame();
            quiet = work || platform_.take_frame_request() || platform_.has_pending_work() ? 0 : quiet + 1;
        }
    }

    // Moves the fake clock and lets due timers (retries, the periodic sync) run.
    void wait_ms(double ms) {
        platform_.advance_ms(ms);
        settle();
    }

    void dispatch(const client::Action& action) {
        app_->dispatch(action);
        settle();
    }

    void type(const std::string& text) {
        ImGui::SetCurrentContext(imgui_);
        ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
        frame();
    }

    // Clicks a date field and types `date` (dd-mm-åååå) over what it holds.
    void type_date(const std::string& anchor, naervaer::Date date) {
        REQUIRE_MESSAGE(click(anchor), anchor);
        press(ImGuiKey_End);
        for (int i = 0; i < 12; ++i) press(ImGuiKey_Backspace);
        type(date.danish());
    }

    // Clicks a text field and types `text` after what it holds.
    void type_text(const std::string& anchor, const std::string& text) {
        REQUIRE_MESSAGE(click(anchor), anchor);
        type(text);
    }

    void press(ImGuiKey key) {
        ImGui::SetCurrentContext(imgui_);
        ImGui::GetIO().KeysDown[key] = true;
        frame();
        ImGui::GetIO().KeysDown[key] = false;
        frame();
    }

    void set_display_size(float width, float height) {
        ImGui::SetCurrentContext(imgui_);
        ImGui::GetIO().DisplaySize = ImVec2(width, height);
    }

    // A left click at the centre of a named item of the last frame (test_anchors.hpp), as a
    // mouse would: move, press, release, each in its own frame. Returns false when not shown.
    // An item below the visible part of the screen is first scrolled to with the mouse wheel, as
    // a person would.
    bool click(const std::string& item) {
        const nlohmann::json items = scroll_to(item);
        if (!items.contains(item)) return false;
        const auto& r = items[item];
        click_centre(r[0].get<float>(), r[1].get<float>(), r[2].get<float>(), r[3].get<float>(), [this] { frame(); });
        settle();
        return true;
    }

    // Scrolls the screen with the mouse wheel until a named item shows (a person looking for
    // it), and returns the last frame's items. An item that is on screen already stays put.
    nlohmann::json scroll_to(const std::string& item) {
        // One more frame first: the last input may still move things (an error that goes away
        // once the field's new text is read), and a person clicks what they see now.
        frame();
        nlohmann::json items = state()["items"];
        ImGui::SetCurrentContext(imgui_);
        ImGuiIO& io = ImGui::GetIO();
        const auto wheel = [&](float turn) {
            io.MousePos = ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2);
            io.MouseWheel = turn;
            frame();
            io.MouseWheel = 0;
            frame();
            items = state()["items"];
        };
        if (!fully_shown(items, item)) {
            // From the top down, so an item above the visible part is found too.
            for (int turn = 0; turn < 60; ++turn)
                wheel(+1);
            for (int turn = 0; turn < 60 && !fully_shown(items, item); ++turn)
                wheel(-1);
        }
        return items;
    }

    // Whether a named item is on the screen, scrolling to it if need be.
    bool shows(const std::string& item) { return scroll_to(item).contains(item); }

    // Types into a long text's textarea (the browser's overlay, placed only while the field is
    // on screen): scrolls to it first, as a person would.
    void type_into_long_text(const std::string& form_id, const std::string& field_id, const std::string& text) {
        REQUIRE_MESSAGE(shows("form." + field_id), field_id);
        const std::string key = "form-" + form_id + "-" + field_id;
        REQUIRE_MESSAGE(platform_.visible_overlays().count(key) == 1, key);
        platform_.type_into_overlay(key, text);
        frame();
        frame();
    }

    // The login screen as a person uses it: the e-mail field has focus, Tab, password, Enter.
    void sign_in(const std::string& email, const std::string& password) {
        settle();
        type(email);
        press(ImGuiKey_Tab);
        type(password);
        press(ImGuiKey_Enter);
        settle();
    }

    nlohmann::json state() const { return nlohmann::json::parse(app_->state_json()); }

    // The key of the visible note overlay of the spell form.
    std::string note_overlay_key() const {
        for (const auto& [key, rect] : platform_.visible_overlays())
            if (key.rfind("spell-note-", 0) == 0) return key;
        return {};
    }

  private:
    // Enough of it shows to hit it (items clipped at the edge report their visible part).
    static bool fully_shown(const nlohmann::json& items, const std::string& item) {
        return items.contains(item) && items[item][3].get<float>() >= 12;
    }

    client::NativePlatform platform_;
    ImGuiContext* imgui_ = nullptr;
    std::unique_ptr<client::App> app_;
};

// An employee of the demo organisation without an ongoing spell, so a spell from today is valid.
inline std::string employee_without_ongoing_spell(const TestServer& server) {
    Session admin(server);
    admin.login(admin_email, admin_password);
    const Reply pulled = admin.get("/api/v1/sync?since=0&limit=2000");
    std::set<std::string> employees, absent;
    for (const auto& record : pulled.body["changes"]) {
        if (record["type"] == "employee") employees.insert(record["id"].get<std::string>());
        if (record["type"] == "absence_spell" && record["data"]["last_day"].is_null())
            absent.insert(record["data"]["employee_id"].get<std::string>());
    }
    for (const auto& id : employees)
        if (!absent.count(id)) return id;
    return {};
}

inline nlohmann::json find_spell(const nlohmann::json& state, const std::string& id) {
    for (const auto& spell : state["spells"])
        if (spell["id"] == id) return spell;
    return nullptr;
}

} // namespace naervaer::testing
