#pragma once
// Browser events arrive between frames, but ImGui 1.86 reads input as state ("is the button down
// now?"). A click whose press and release fall into one frame would vanish, a tap would land before
// the pointer moved to it, and a key typed after text would be handled before that text. The queue
// keeps events in order and applies, per frame, only as many as ImGui can tell apart; the rest wait
// for the next frame (apply() says so, and the runner asks for one). Nothing is ever dropped.
//
// Per frame: a button changes at most once and no move follows a button change; a key changes at
// most once; text and key presses never share a frame (ImGui handles a frame's characters before
// its keys, whatever order they came in); and text waits while ImGui moves keyboard focus (Tab,
// SetKeyboardFocusHere), or the field receiving the focus would throw it away. Typing costs two
// frames a character, far faster than anyone types; automation's bursts drain in order.
#include <cstdint>
#include <deque>
#include <string>

struct ImGuiIO;

namespace naervaer::client::web {

struct InputEvent {
    enum class Kind : std::uint8_t {
        MouseMove,   // x, y: position in logical pixels (-FLT_MAX: no pointer)
        MouseButton, // code: ImGui button 0..4; down
        Wheel,       // x, y: horizontal and vertical wheel steps
        Key,         // code: index into io.KeysDown; down
        Text,        // text: UTF-8 characters typed
        Focus,       // down: the canvas gained (true) or lost (false) keyboard focus
        Barrier,     // what follows goes to a later frame than what precedes
    };
    enum Modifier : std::uint8_t { Ctrl = 1, Shift = 2, Alt = 4, Super = 8 };

    Kind kind = Kind::Barrier;
    float x = 0, y = 0;
    int code = 0;
    bool down = false;
    std::uint8_t modifiers = 0; // state with this event (MouseMove, MouseButton, Wheel, Key)
    std::string text;
};

class InputQueue {
  public:
    void push(InputEvent event);
    // Applies what one frame can take. Returns true when events remain for later frames.
    bool apply(ImGuiIO& io);
    bool empty() const { return events_.empty(); }

  private:
    std::deque<InputEvent> events_;
    int text_held_frames_ = 0; // consecutive frames that held text back for a focus move
};

} // namespace naervaer::client::web
