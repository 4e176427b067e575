#pragma once
// The system clipboard, within what a web page may do without asking. Writing goes to
// navigator.clipboard on copy. Reading is asynchronous and permission-gated, so the page never
// reads it: a paste arrives as the DOM 'paste' event (the user pressed Ctrl+V or Cmd+V), its text
// becomes the clipboard text, and the paste handler (the runner) replays the shortcut into ImGui.
#include <functional>
#include <string>

namespace naervaer::client::web {

class Clipboard {
  public:
    Clipboard();
    ~Clipboard();
    Clipboard(const Clipboard&) = delete;
    Clipboard& operator=(const Clipboard&) = delete;

    void set_text(const std::string& text);
    const std::string& text() const { return text_; }

    void set_paste_handler(std::function<void()> handler) { on_paste_ = std::move(handler); }

    // Called from JS (library_clipboard.js) when text was pasted onto the page outside any
    // HTML text field.
    void pasted(std::string text);

  private:
    std::string text_;
    std::function<void()> on_paste_;
};

} // namespace naervaer::client::web
