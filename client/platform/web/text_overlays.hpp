#pragma once
// Long free text edited in real HTML <textarea> elements placed over the canvas: the browser brings
// wrapping, spellcheck (lang="da"), IME, mobile keyboards and accessibility that a canvas text box
// lacks. Elements come from a pool; each frame the app shows the ones it needs (Platform::
// text_overlay), and end_frame() hides and returns to the pool every one not shown that frame.
//
// Focus: a click puts the textarea in focus; Tab, Shift+Tab or Escape in it hands focus back to the
// canvas (ImGui). Keyboard users reach it through the ImGui item it covers: when the item submitted
// just before text_overlay() has the same rectangle and is activated (Enter or Space on a focused
// InvisibleButton, say), the textarea takes focus.
#include "platform/platform.hpp"
#include "platform/web/frame_scheduler.hpp"

#include <cstddef>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace naervaer::client::web {

class TextOverlays {
  public:
    explicit TextOverlays(FrameScheduler& frames);
    ~TextOverlays();
    TextOverlays(const TextOverlays&) = delete;
    TextOverlays& operator=(const TextOverlays&) = delete;

    // CSS font-size per ImGui font size (the runner knows the font file; see web/fonts.hpp).
    void set_em_per_font_size(float ratio) { em_per_font_size_ = ratio; }

    bool show(const std::string& key, Rect rect, std::string& text, std::size_t max_bytes,
              const std::string& placeholder);
    void end_frame();

    // Called from JS (library_text_overlay.js): the user edited an element; one gained or lost focus.
    void edited(int element);
    void focus_changed();

  private:
    struct Overlay {
        int element = 0;      // the JS pool's id
        bool shown = false;   // shown in the current frame
        bool visible = false; // currently displayed (not fully clipped)
        Rect rect;
        Rect clip;
        std::string synced; // the text both sides agree on
        std::string placeholder;
        std::size_t max_bytes = 0;
    };

    void apply_style();
    void place(Overlay& overlay, Rect rect, Rect clip);

    FrameScheduler& frames_;
    std::unordered_map<std::string, Overlay> overlays_;
    std::vector<int> free_elements_;
    std::set<int> edited_;
    std::string style_; // last CSS variables sent, to skip unchanged updates
    bool styled_this_frame_ = false;
    float em_per_font_size_ = 1.0f;
};

} // namespace naervaer::client::web
