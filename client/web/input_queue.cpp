#include "input_queue.hpp"

#include "imgui.h"
#include "imgui_internal.h" // GImGui: whether a focus move is in flight (see apply)

#include <bitset>

namespace naervaer::client::web {

namespace {
// Frames text may wait for a focus move before it goes in regardless: a view that requested focus
// every frame would otherwise hold the keyboard forever. ImGui needs exactly one frame.
constexpr int kMaxTextHoldFrames = 2;

// ImGui 1.86 moves keyboard focus over two frames: the frame that sees Tab (or a view's
// SetKeyboardFocusHere) only submits the move, and the next frame applies it and activates the
// new field. That field ignores and then clears the characters of its activation frame
// (InputTextEx: `!input_requested_by_nav`), so text applied then would be lost.
bool focus_move_in_flight() {
    const ImGuiContext* g = ImGui::GetCurrentContext();
    return g && (g->NavMoveSubmitted || g->NavNextActivateId != 0);
}
} // namespace

void InputQueue::push(InputEvent event) {
    // Pointer moves between two frames only matter as their last position.
    if (event.kind == InputEvent::Kind::MouseMove && !events_.empty() &&
        events_.back().kind == InputEvent::Kind::MouseMove) {
        events_.back() = std::move(event);
        return;
    }
    events_.push_back(std::move(event));
}

bool InputQueue::apply(ImGuiIO& io) {
    constexpr int kButtons = IM_ARRAYSIZE(io.MouseDown);
    constexpr int kKeys = IM_ARRAYSIZE(io.KeysDown);
    std::bitset<kButtons> buttons_changed;
    std::bitset<kKeys> keys_changed;
    bool any_button_changed = false;
    bool key_pressed = false;
    bool text_added = false;
    bool applied = false;

    text_held_frames_ = focus_move_in_flight() ? text_held_frames_ + 1 : 0;
    const bool hold_text = text_held_frames_ > 0 && text_held_frames_ <= kMaxTextHoldFrames;

    while (!events_.empty()) {
        const InputEvent& event = events_.front();
        switch (event.kind) {
        case InputEvent::Kind::MouseMove:
            // Moving after a press in the same frame would move the press.
            if (any_button_changed) return true;
            io.MousePos = ImVec2(event.x, event.y);
            break;
        case InputEvent::Kind::MouseButton:
            if (event.code < 0 || event.code >= kButtons) break;
            if (buttons_changed[event.code]) return true;
            io.MouseDown[event.code] = event.down;
            buttons_changed[event.code] = true;
            any_button_changed = true;
            break;
        case InputEvent::Kind::Wheel:
            io.MouseWheelH += event.x;
            io.MouseWheel += event.y;
            break;
        case InputEvent::Kind::Key:
            if (event.code < 0 || event.code >= kKeys) break;
            // Within a frame ImGui picks its own order (navigation keys in NewFrame, before any
            // widget; an InputText's characters before its editing keys), not the user's. So a key
            // press and text never share a frame: a press after text waits for the next one.
            if (keys_changed[event.code] || (event.down && text_added)) return true;
            io.KeysDown[event.code] = event.down;
            keys_changed[event.code] = true;
            key_pressed = key_pressed || event.down;
            break;
        case InputEvent::Kind::Text:
            // ... and text after a key press waits too ("Backspace, a" would otherwise become
            // "a, Backspace"; after Tab the text would go to the field losing focus). hold_text
            // then keeps it out of the frame that hands focus over, so it lands in the new field.
            if (key_pressed || hold_text) return true;
            io.AddInputCharactersUTF8(event.text.c_str());
            text_added = true;
            break;
        case InputEvent::Kind::Focus:
            io.AddFocusEvent(event.down);
            break;
        case InputEvent::Kind::Barrier:
            if (applied) {
                events_.pop_front();
                return !events_.empty();
            }
            break;
        }
        if (event.kind == InputEvent::Kind::MouseMove || event.kind == InputEvent::Kind::MouseButton ||
            event.kind == InputEvent::Kind::Wheel || event.kind == InputEvent::Kind::Key) {
            io.KeyCtrl = event.modifiers & InputEvent::Ctrl;
            io.KeyShift = event.modifiers & InputEvent::Shift;
            io.KeyAlt = event.modifiers & InputEvent::Alt;
            io.KeySuper = event.modifiers & InputEvent::Super;
        }
        if (event.kind != InputEvent::Kind::Barrier) applied = true;
        events_.pop_front();
    }
    return false;
}

} // namespace naervaer::client::web
