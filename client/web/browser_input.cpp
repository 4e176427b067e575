#include "browser_input.hpp"

#include "platform/web/frame_scheduler.hpp"

#include "imgui.h"

#include <emscripten/html5.h>

#include <cfloat>
#include <cstring>

extern "C" {
// library_runner.js
int naervaer_js_is_mac();
}

namespace naervaer::client::web {

namespace {
constexpr const char* kCanvas = "#canvas";
constexpr const char* kTextField = "#naervaer-text-input"; // TextInput's, created before install()

// DOM keyCode values (stable across browsers for these keys).
enum DomKey : int {
    Backspace = 8,
    Tab = 9,
    Enter = 13,
    Shift = 16,
    Control = 17,
    Alt = 18,
    Escape = 27,
    Space = 32,
    PageUp = 33,
    PageDown = 34,
    End = 35,
    Home = 36,
    Left = 37,
    Up = 38,
    Right = 39,
    Down = 40,
    Insert = 45,
    Delete = 46,
    A = 65,
    C = 67,
    V = 86,
    X = 88,
    Y = 89,
    Z = 90,
    Meta = 91,
    MetaRight = 93,
    F1 = 112,
    F12 = 123,
    MetaFirefox = 224,
};

std::uint8_t modifiers(bool ctrl, bool shift, bool alt, bool meta) {
    return (ctrl ? InputEvent::Ctrl : 0) | (shift ? InputEvent::Shift : 0) | (alt ? InputEvent::Alt : 0) |
           (meta ? InputEvent::Super : 0);
}

// The DOM `key` of a keydown is the character typed when it is a single code point ("a", "Å",
// "€"); named keys are longer ("Enter", "ArrowLeft", "Dead").
bool is_single_character(const char* key) {
    const auto* p = reinterpret_cast<const unsigned char*>(key);
    if (p[0] < 0x20 || p[0] == 0x7F) return false;
    int length = p[0] < 0x80           ? 1
                 : (p[0] >> 5) == 0x6  ? 2
                 : (p[0] >> 4) == 0xE  ? 3
                 : (p[0] >> 3) == 0x1E ? 4
                                       : 0;
    if (length == 0) return false;
    for (int i = 1; i < length; ++i)
        if ((p[i] & 0xC0) != 0x80) return false;
    return p[length] == 0;
}

bool is_modifier(int key) {
    return key == Shift || key == Control || key == Alt || key == Meta || key == MetaRight ||
           key == MetaFirefox;
}

// ImGui numbers mouse buttons left, right, middle; the DOM left, middle, right.
int imgui_button(unsigned short dom_button) {
    switch (dom_button) {
    case 0:
        return 0;
    case 1:
        return 2;
    case 2:
        return 1;
    default:
        return dom_button < 5 ? dom_button : -1;
    }
}

// Keys ImGui edits and navigates with. In the hidden text field the browser must not act on them
// (it would move a caret, delete or leave the field), whatever modifiers are held.
bool is_editing_key(int key) {
    return key == Backspace || key == Tab || key == Enter || key == Escape || (key >= PageUp && key <= Down) ||
           key == Insert || key == Delete;
}

// keyCode 229: the key went to an IME or a virtual keyboard, whose text comes with input events.
constexpr int kImeKey = 229;
} // namespace

struct BrowserInput::Handlers {
    static void push_key_down(BrowserInput& self, const EmscriptenKeyboardEvent* e) {
        const int key = static_cast<int>(e->keyCode);
        if (key > 0 && key < 512 && !e->repeat) // ImGui repeats held keys itself
            self.push({.kind = InputEvent::Kind::Key,
                       .code = key,
                       .down = true,
                       .modifiers = modifiers(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey)});
    }

    // Keydown on the canvas, which is not editable: a printable `key` is the text typed.
    static EM_BOOL key_down(int, const EmscriptenKeyboardEvent* e, void* user) {
        auto& self = *static_cast<BrowserInput*>(user);
        const int key = static_cast<int>(e->keyCode);
        const bool shortcut = self.mac_ ? e->metaKey : e->ctrlKey;

        // Paste: ImGui reads the clipboard the moment it sees the shortcut, but the page only gets
        // the text with the browser's 'paste' event that follows this keydown. So the browser
        // keeps this key, and paste() replays the shortcut once the text is here.
        if (shortcut && !e->altKey && key == V) return EM_FALSE;

        push_key_down(self, e);

        // Text: Ctrl+Alt is AltGr on Windows (Danish "@", "€", "{"), which types characters.
        const bool types = is_single_character(e->key) && !e->metaKey && (!e->ctrlKey || e->altKey);
        if (types) self.push({.kind = InputEvent::Kind::Text, .text = e->key});

        // Keep the browser's hands off what ImGui uses (Tab would leave the canvas, Backspace and
        // Space would navigate or scroll, "'" and "/" open quick find in Firefox). Let through
        // what the browser or the user needs: copy and cut (so the page gets its copy events),
        // browser shortcuts (reload, new tab, zoom), function keys.
        if (shortcut) return key == A || key == Z || key == Y ? EM_TRUE : EM_FALSE;
        if (key >= F1 && key <= F12) return EM_FALSE;
        if (is_modifier(key)) return EM_FALSE;
        return EM_TRUE;
    }

    // Keydown in TextInput's hidden field: only the key. A printable key's default action inserts
    // its character into the field, and TextInput takes it from there (so do dead keys, AltGr,
    // IME and virtual keyboards, which have no single-character `key`).
    static EM_BOOL text_field_key_down(int, const EmscriptenKeyboardEvent* e, void* user) {
        auto& self = *static_cast<BrowserInput*>(user);
        const int key = static_cast<int>(e->keyCode);
        if (key == kImeKey) return EM_FALSE;
        const bool shortcut = self.mac_ ? e->metaKey : e->ctrlKey;
        // Paste lands in the field as inserted text: nothing for ImGui to replay.
        if (shortcut && !e->altKey && key == V) return EM_FALSE;

        push_key_down(self, e);

        if (is_editing_key(key)) return EM_TRUE;
        // Select all, undo and redo are ImGui's; copy and cut stay the browser's too (ImGui writes
        // the clipboard itself, the field is empty), as do the browser's own shortcuts.
        if (shortcut) return key == A || key == Z || key == Y ? EM_TRUE : EM_FALSE;
        return EM_FALSE;
    }

    static EM_BOOL key_up(int, const EmscriptenKeyboardEvent* e, void* user) {
        auto& self = *static_cast<BrowserInput*>(user);
        const int key = static_cast<int>(e->keyCode);
        if (key > 0 && key < 512 && key != kImeKey)
            self.push({.kind = InputEvent::Kind::Key,
                       .code = key,
                       .down = false,
                       .modifiers = modifiers(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey)});
        return EM_FALSE;
    }

    static EM_BOOL mouse_down(int, const EmscriptenMouseEvent* e, void* user) {
        auto& self = *static_cast<BrowserInput*>(user);
        const int button = imgui_button(e->button);
        if (button < 0) return EM_FALSE;
        const auto mods = modifiers(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
        self.push({.kind = InputEvent::Kind::MouseMove,
                   .x = e->clientX - self.origin_x_,
                   .y = e->clientY - self.origin_y_,
                   .modifiers = mods});
        self.push({.kind = InputEvent::Kind::MouseButton, .code = button, .down = true, .modifiers = mods});
        self.buttons_down_ |= 1u << button;
        // Not prevented: the default action is what moves keyboard focus to the canvas (unless the
        // press goes to a text field: library_text_input.js then moves it to its hidden field).
        return EM_FALSE;
    }

    static EM_BOOL mouse_up(int, const EmscriptenMouseEvent* e, void* user) {
        auto& self = *static_cast<BrowserInput*>(user);
        const int button = imgui_button(e->button);
        // Only releases of presses that began on the canvas: a click in a textarea is not ImGui's.
        if (button < 0 || !(self.buttons_down_ & (1u << button))) return EM_FALSE;
        self.buttons_down_ &= ~(1u << button);
        const auto mods = modifiers(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
        self.push({.kind = InputEvent::Kind::MouseMove,
                   .x = e->clientX - self.origin_x_,
                   .y = e->clientY - self.origin_y_,
                   .modifiers = mods});
        self.push({.kind = InputEvent::Kind::MouseButton, .code = button, .down = false, .modifiers = mods});
        return EM_FALSE;
    }

    static EM_BOOL mouse_move(int, const EmscriptenMouseEvent* e, void* user) {
        auto& self = *static_cast<BrowserInput*>(user);
        if (self.touch_id_ >= 0) return EM_FALSE; // a touch is already acting as the mouse
        self.push({.kind = InputEvent::Kind::MouseMove,
                   .x = e->clientX - self.origin_x_,
                   .y = e->clientY - self.origin_y_,
                   .modifiers = modifiers(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey)});
        return EM_FALSE;
    }

    static EM_BOOL mouse_leave(int, const EmscriptenMouseEvent*, void* user) {
        auto& self = *static_cast<BrowserInput*>(user);
        if (self.buttons_down_ == 0)
            self.push({.kind = InputEvent::Kind::MouseMove, .x = -FLT_MAX, .y = -FLT_MAX});
        return EM_FALSE;
    }

    static EM_BOOL wheel(int, const EmscriptenWheelEvent* e, void* user) {
        auto& self = *static_cast<BrowserInput*>(user);
        // Ctrl+wheel is the browser's zoom (and the pinch gesture on touchpads): leave it alone;
        // the zoom arrives as a change of devicePixelRatio.
        if (e->mouse.ctrlKey) return EM_FALSE;
        // ImGui counts wheel "lines". Browsers report pixels (about 100 per notch), lines or pages.
        double scale = 1.0 / 100.0;
        if (e->deltaMode == DOM_DELTA_LINE)
            scale = 1.0 / 3.0;
        else if (e->deltaMode == DOM_DELTA_PAGE)
            scale = 10.0;
        self.push(
            {.kind = InputEvent::Kind::Wheel,
             .x = static_cast<float>(-e->deltaX * scale),
             .y = static_cast<float>(-e->deltaY * scale),
             .modifiers = modifiers(e->mouse.ctrlKey, e->mouse.shiftKey, e->mouse.altKey, e->mouse.metaKey)});
        return EM_TRUE; // no page scroll behind the canvas
    }

    // Touch: the first finger acts as the left mouse button. The pointer moves in one frame and
    // presses in the next, so ImGui sees what is under the finger before the press.
    static EM_BOOL touch(int type, const EmscriptenTouchEvent* e, void* user) {
        auto& self = *static_cast<BrowserInput*>(user);
        for (int i = 0; i < e->numTouches; ++i) {
            const EmscriptenTouchPoint& t = e->touches[i];
            if (!t.isChanged) continue;
            const float x = static_cast<float>(t.clientX) - self.origin_x_;
            const float y = static_cast<float>(t.clientY) - self.origin_y_;
            if (type == EMSCRIPTEN_EVENT_TOUCHSTART && self.touch_id_ < 0) {
                self.touch_id_ = t.identifier;
                self.push({.kind = InputEvent::Kind::MouseMove, .x = x, .y = y});
                self.push({.kind = InputEvent::Kind::Barrier});
                self.push({.kind = InputEvent::Kind::MouseButton, .code = 0, .down = true});
            } else if (t.identifier == self.touch_id_ && type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
                self.push({.kind = InputEvent::Kind::MouseMove, .x = x, .y = y});
            } else if (t.identifier == self.touch_id_) { // end or cancel
                self.touch_id_ = -1;
                self.push({.kind = InputEvent::Kind::MouseMove, .x = x, .y = y});
                self.push({.kind = InputEvent::Kind::MouseButton, .code = 0, .down = false});
                self.push({.kind = InputEvent::Kind::Barrier});
                // No hover is left behind where the finger lifted.
                self.push({.kind = InputEvent::Kind::MouseMove, .x = -FLT_MAX, .y = -FLT_MAX});
            }
        }
        // Prevented: no synthetic mouse events, no page scrolling or zooming under the finger.
        return EM_TRUE;
    }
};

BrowserInput::BrowserInput(FrameScheduler& frames) : frames_(frames) {}

void BrowserInput::install(ImGuiIO& io) {
    mac_ = naervaer_js_is_mac() != 0;
    io.ConfigMacOSXBehaviors = mac_;
    io.BackendPlatformName = "naervaer_web";
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;

    io.KeyMap[ImGuiKey_Tab] = Tab;
    io.KeyMap[ImGuiKey_LeftArrow] = Left;
    io.KeyMap[ImGuiKey_RightArrow] = Right;
    io.KeyMap[ImGuiKey_UpArrow] = Up;
    io.KeyMap[ImGuiKey_DownArrow] = Down;
    io.KeyMap[ImGuiKey_PageUp] = PageUp;
    io.KeyMap[ImGuiKey_PageDown] = PageDown;
    io.KeyMap[ImGuiKey_Home] = Home;
    io.KeyMap[ImGuiKey_End] = End;
    io.KeyMap[ImGuiKey_Insert] = Insert;
    io.KeyMap[ImGuiKey_Delete] = Delete;
    io.KeyMap[ImGuiKey_Backspace] = Backspace;
    io.KeyMap[ImGuiKey_Space] = Space;
    io.KeyMap[ImGuiKey_Enter] = Enter;
    io.KeyMap[ImGuiKey_Escape] = Escape;
    io.KeyMap[ImGuiKey_KeyPadEnter] = Enter; // the DOM gives the keypad's Enter the same keyCode
    io.KeyMap[ImGuiKey_A] = A;
    io.KeyMap[ImGuiKey_C] = C;
    io.KeyMap[ImGuiKey_V] = V;
    io.KeyMap[ImGuiKey_X] = X;
    io.KeyMap[ImGuiKey_Y] = Y;
    io.KeyMap[ImGuiKey_Z] = Z;

    emscripten_set_keydown_callback(kCanvas, this, EM_FALSE, &Handlers::key_down);
    emscripten_set_keyup_callback(kCanvas, this, EM_FALSE, &Handlers::key_up);
    emscripten_set_keydown_callback(kTextField, this, EM_FALSE, &Handlers::text_field_key_down);
    emscripten_set_keyup_callback(kTextField, this, EM_FALSE, &Handlers::key_up);
    emscripten_set_mousedown_callback(kCanvas, this, EM_FALSE, &Handlers::mouse_down);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, this, EM_FALSE, &Handlers::mouse_up);
    emscripten_set_mousemove_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, this, EM_FALSE, &Handlers::mouse_move);
    emscripten_set_mouseleave_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, this, EM_FALSE,
                                       &Handlers::mouse_leave);
    emscripten_set_wheel_callback(kCanvas, this, EM_FALSE, &Handlers::wheel);
    emscripten_set_touchstart_callback(kCanvas, this, EM_FALSE, &Handlers::touch);
    emscripten_set_touchmove_callback(kCanvas, this, EM_FALSE, &Handlers::touch);
    emscripten_set_touchend_callback(kCanvas, this, EM_FALSE, &Handlers::touch);
    emscripten_set_touchcancel_callback(kCanvas, this, EM_FALSE, &Handlers::touch);
    // Focus: TextInput reports it, for the canvas and its field as one.
}

void BrowserInput::paste() {
    // A whole key press, modifier included: the paste may come from the browser's menu with no key
    // held, and ImGui 1.86 misreads a shortcut whose modifier appears in the same frame as the key
    // (seen: the field's text replaced instead of pasted into).
    const int modifier = mac_ ? Meta : Control;
    const std::uint8_t mods = mac_ ? InputEvent::Super : InputEvent::Ctrl;
    push({.kind = InputEvent::Kind::Key, .code = modifier, .down = true, .modifiers = mods});
    push({.kind = InputEvent::Kind::Barrier});
    push({.kind = InputEvent::Kind::Key, .code = V, .down = true, .modifiers = mods});
    push({.kind = InputEvent::Kind::Key, .code = V, .down = false, .modifiers = mods});
    push({.kind = InputEvent::Kind::Key, .code = modifier, .down = false, .modifiers = 0});
}

void BrowserInput::push_text(std::string text) {
    push({.kind = InputEvent::Kind::Text, .text = std::move(text)});
}

void BrowserInput::push_key_press(int dom_key_code, bool word) {
    if (!word) {
        push({.kind = InputEvent::Kind::Key, .code = dom_key_code, .down = true});
        push({.kind = InputEvent::Kind::Key, .code = dom_key_code, .down = false});
        return;
    }
    // ImGui's word modifier (Alt on a Mac), pressed a frame ahead as for paste().
    const int modifier = mac_ ? Alt : Control;
    const std::uint8_t mods = mac_ ? InputEvent::Alt : InputEvent::Ctrl;
    push({.kind = InputEvent::Kind::Key, .code = modifier, .down = true, .modifiers = mods});
    push({.kind = InputEvent::Kind::Barrier});
    push({.kind = InputEvent::Kind::Key, .code = dom_key_code, .down = true, .modifiers = mods});
    push({.kind = InputEvent::Kind::Key, .code = dom_key_code, .down = false, .modifiers = mods});
    push({.kind = InputEvent::Kind::Key, .code = modifier, .down = false, .modifiers = 0});
}

void BrowserInput::push_focus(bool focused) {
    push({.kind = InputEvent::Kind::Focus, .down = focused});
}

void BrowserInput::push(InputEvent event) {
    queue_.push(std::move(event));
    frames_.request();
}

} // namespace naervaer::client::web
