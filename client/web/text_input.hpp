#pragma once
// Text entry for ImGui's text fields through a hidden, editable HTML element
// (library_text_input.js). A canvas gets no IME composition, dictation, mobile keyboard or
// automation's inserted text; an editable element does. While ImGui has a text field active, the
// element holds DOM focus at the field's caret; otherwise the canvas has it back. What the browser
// inserts there (typed, pasted, composed, dictated) goes to ImGui as text through the input queue;
// deletions a virtual keyboard makes without a key event go as Backspace or Delete presses.
//
// Only this path carries printable text while the element has focus: its keydowns reach ImGui as
// key events without text (browser_input.cpp), so nothing arrives twice.
//
// Masked fields (password, CPR): ImGui 1.86 clears the active field's flags before the frame
// ends, so the text widgets note a masked active field (platform/text_entry_hints.hpp) and the
// element becomes type=password while it is active. It never shows or keeps what is typed
// either way (invisible, emptied after every delivery, composition not displayed).
#include <string>

struct ImGuiContext;

namespace naervaer::client::web {

class BrowserInput;
class FrameScheduler;

class TextInput {
  public:
    TextInput(BrowserInput& input, FrameScheduler& frames);
    ~TextInput();
    TextInput(const TextInput&) = delete;
    TextInput& operator=(const TextInput&) = delete;

    // Creates the element. Before BrowserInput::install, which listens to its keys.
    void install();

    // After each frame: follows ImGui's active text field (focus, caret position).
    void follow(const ImGuiContext& context);

    // Called from JS.
    void text(std::string text);
    void key(int dom_key_code, bool word);
    void app_focus(bool focused);

  private:
    BrowserInput& input_;
    FrameScheduler& frames_;
    bool wanted_ = false;      // focus is (to be) in the element
    bool secret_ = false;      // the element is type=password
    int idle_frames_ = 0;      // consecutive frames without an active text field
    float x_ = -1, y_ = -1, height_ = -1; // last caret sent
};

} // namespace naervaer::client::web
