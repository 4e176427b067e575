#include "input_queue.hpp"

#include "imgui.h"

#include <bitset>

namespace naervaer::client::web {

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
    bool text_added = false;
    bool applied = false;

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
            // ImGui handles this frame's keys before its characters: a key pressed after text
            // waits, so "a, Backspace" does not become "Backspace, a".
            if (keys_changed[event.code] || (event.down && text_added)) return true;
            io.KeysDown[event.code] = event.down;
            keys_changed[event.code] = true;
            break;
        case InputEvent::Kind::Text:
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
