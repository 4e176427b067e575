#pragma once
// The canvas follows the window. Its CSS box is the whole viewport (index.html); its drawing
// buffer must match the device pixels behind that box, which change with the window size, the
// browser zoom and the monitor (devicePixelRatio). The browser reports such changes between
// frames; the runner picks them up at the start of the next one.
namespace naervaer::client::web {

class FrameScheduler;

struct DisplayMetrics {
    float left = 0, top = 0;                 // canvas position in the page, CSS pixels
    float width = 0, height = 0;             // canvas size, CSS pixels
    float pixel_ratio = 1;                   // devicePixelRatio
    int buffer_width = 0, buffer_height = 0; // drawing buffer, device pixels
};

class Display {
  public:
    explicit Display(FrameScheduler& frames);

    // Listens for resizes and ratio changes; the first measure() is always "changed".
    void install();
    // True once after a change was reported; then measure() has news.
    bool take_change();
    DisplayMetrics measure() const;
    // Sizes the canvas's drawing buffer (not its CSS box).
    void resize_buffer(int width, int height) const;
    // The CSS cursor for ImGui's cursor (ImGuiMouseCursor), applied only when it changes.
    void set_cursor(int imgui_cursor);

    void changed(); // from JS (library_display.js)

  private:
    FrameScheduler& frames_;
    bool changed_ = true;
    int cursor_ = -2;
};

} // namespace naervaer::client::web
