#pragma once
// Keyboard, mouse, wheel, touch and focus events of the page, turned into ImGui 1.86 input through
// the InputQueue. Keys are indexed by the DOM keyCode, which io.KeyMap[] maps for ImGui.
//
// Keyboard events come from the canvas (id "canvas", tabindex 0) and from TextInput's hidden text
// field, which holds focus while an ImGui text field is active; typing in a textarea overlay never
// reaches ImGui. On the canvas a keydown's printable `key` is the text typed; in the text field the
// text comes from the browser's input events instead (TextInput), and keydowns are keys only.
// Pointer moves and releases are watched on the window, so a drag that leaves the canvas still ends.
#include "input_queue.hpp"

#include <functional>
#include <string>

struct ImGuiIO;

namespace naervaer::client::web {

class FrameScheduler;

class BrowserInput {
  public:
    explicit BrowserInput(FrameScheduler& frames);
    BrowserInput(const BrowserInput&) = delete;
    BrowserInput& operator=(const BrowserInput&) = delete;

    // Sets up io.KeyMap and the platform's behaviour flags, and starts listening.
    void install(ImGuiIO& io);

    // Where the canvas sits in the page (CSS pixels), to turn client coordinates into ImGui's.
    void set_canvas_origin(float left, float top) { origin_x_ = left, origin_y_ = top; }

    // Replays the paste shortcut after the browser delivered the pasted text (see Clipboard).
    void paste();

    // From TextInput (the hidden text field): text the browser inserted there; a key press a
    // virtual keyboard made without key events (DOM keyCode; `word` adds Ctrl, Alt on a Mac);
    // the page's keyboard focus entering or leaving the app (canvas and text field together).
    void push_text(std::string text);
    void push_key_press(int dom_key_code, bool word);
    void push_focus(bool focused);

    // Applies one frame's worth of input. Returns true when more is waiting.
    bool apply(ImGuiIO& io) { return queue_.apply(io); }
    bool pending() const { return !queue_.empty(); }

  private:
    struct Handlers; // the html5.h callbacks, in browser_input.cpp

    void push(InputEvent event);

    FrameScheduler& frames_;
    InputQueue queue_;
    float origin_x_ = 0, origin_y_ = 0;
    bool mac_ = false;          // Cmd instead of Ctrl for shortcuts
    unsigned buttons_down_ = 0; // bit per ImGui button pressed on the canvas
    long touch_id_ = -1;        // the touch acting as the mouse, -1 for none
};

} // namespace naervaer::client::web
