#include "text_input.hpp"

#include "browser_input.hpp"
#include "platform/web/frame_scheduler.hpp"
#include "platform/text_entry_hints.hpp"

#include "imgui.h"
#include "imgui_internal.h" // the active InputText and its caret position

#include <emscripten/emscripten.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

extern "C" {
// library_text_input.js
void naervaer_js_text_input_install();
void naervaer_js_text_input_want(int wanted);
void naervaer_js_text_input_place(float x, float y, float height);
void naervaer_js_text_input_secret(int secret);
}

namespace naervaer::client::web {

namespace {
TextInput* instance = nullptr;

// Frames a text field may be inactive before focus goes back to the canvas. Moving between fields
// (Tab, a click on the next field) can leave ImGui without an active field for a frame; giving
// focus away then would close and reopen a mobile keyboard, and iOS reopens it only inside a
// user gesture, so not at all.
constexpr int kReleaseFrames = 2;
} // namespace

TextInput::TextInput(BrowserInput& input, FrameScheduler& frames) : input_(input), frames_(frames) {
    instance = this;
}

TextInput::~TextInput() {
    if (instance == this) instance = nullptr;
}

void TextInput::install() {
    naervaer_js_text_input_install();
}

void TextInput::follow(const ImGuiContext& g) {
    // What io.WantTextInput will say in the next frame (an InputText was active in this one).
    const bool active = g.WantTextInputNextFrame == 1 && g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID;
    idle_frames_ = active ? 0 : std::min(idle_frames_ + 1, kReleaseFrames + 1);
    const bool wanted = active || (wanted_ && idle_frames_ <= kReleaseFrames);
    if (wanted != wanted_) {
        wanted_ = wanted;
        naervaer_js_text_input_want(wanted ? 1 : 0);
    }
    // Release pending: make sure the frames that count it down happen.
    if (wanted_ && !active) frames_.request();
    if (!active) return;

    // A masked field (password, CPR) gets a password element: keyboards neither suggest nor
    // learn what is typed there.
    const bool secret = ui::secret_text_active();
    if (secret != secret_) {
        secret_ = secret;
        naervaer_js_text_input_secret(secret ? 1 : 0);
    }

    // The caret (ImGui's IME position: its top-left, one pixel left) and line height. Read-only
    // fields leave the position at NewFrame's default (1, 1); the element then stays where it was.
    const ImVec2 caret = g.PlatformImePos;
    if (caret.x == 1.0f && caret.y == 1.0f) return;
    const float height = g.FontSize;
    if (std::fabs(caret.x - x_) < 0.5f && std::fabs(caret.y - y_) < 0.5f && height == height_) return;
    x_ = caret.x, y_ = caret.y, height_ = height;
    naervaer_js_text_input_place(caret.x + 1.0f, caret.y, height);
}

void TextInput::text(std::string text) {
    input_.push_text(std::move(text));
}

void TextInput::key(int dom_key_code, bool word) {
    input_.push_key_press(dom_key_code, word);
}

void TextInput::app_focus(bool focused) {
    input_.push_focus(focused);
}

} // namespace naervaer::client::web

extern "C" EMSCRIPTEN_KEEPALIVE void naervaer_text_input_text(char* text, std::size_t length) {
    std::string typed(text, length);
    std::free(text);
    if (naervaer::client::web::instance) naervaer::client::web::instance->text(std::move(typed));
}

extern "C" EMSCRIPTEN_KEEPALIVE void naervaer_text_input_key(int dom_key_code, int word) {
    if (naervaer::client::web::instance) naervaer::client::web::instance->key(dom_key_code, word != 0);
}

extern "C" EMSCRIPTEN_KEEPALIVE void naervaer_text_input_app_focus(int focused) {
    if (naervaer::client::web::instance) naervaer::client::web::instance->app_focus(focused != 0);
}
