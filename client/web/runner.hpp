#pragma once
// The browser runner: owns the WebGL2 context, ImGui and its OpenGL backend, the fonts and the
// input, and renders a frame only when something changed. The application is a pair of callbacks
// (hello_imgui's shape): the real client passes App, the blank benchmark app a single window.
//
// What asks for a frame: an input event, a completion or timer of the platform, a display change.
// After input ImGui gets a few frames to settle (hover, popups, window auto-size), and keeps
// getting them while its output still changes; an idle page renders nothing at all.
#include "browser_input.hpp"
#include "display.hpp"
#include "fonts.hpp"
#include "text_input.hpp"

#include "platform/web/web_platform.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace naervaer::client::web {

struct RunnerHooks {
    std::function<void()> frame;             // between ImGui::NewFrame() and ImGui::Render()
    std::function<std::string()> state_json; // window.naervaerState()
    // window.naervaerMeasure(runs): benchmark read-out (bench/client), JSON; optional.
    std::function<std::string(int)> measure;
};

class Runner {
  public:
    explicit Runner(WebPlatform& platform);
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    // Creates the WebGL2 context and ImGui. On failure (no WebGL2) the page shows why; false.
    bool init();
    // Starts rendering once the fonts are in. Returns at once; the browser drives the frames.
    void start(RunnerHooks hooks);

    std::string state_json() const { return hooks_.state_json ? hooks_.state_json() : "{}"; }
    std::string measure(int runs) const { return hooks_.measure ? hooks_.measure(runs) : "{}"; }

  private:
    void frame();
    void update_display();
    bool render(); // false when the frame looked exactly like the previous one

    WebPlatform& platform_;
    BrowserInput input_;
    TextInput text_input_; // follows ImGui's active text field after every frame
    Display display_;
    Fonts fonts_;
    RunnerHooks hooks_;

    DisplayMetrics metrics_;
    float font_ratio_ = 0; // the pixel ratio the atlas was built for
    bool running_ = false;
    double last_time_ms_ = 0;
    std::uint64_t frames_ = 0;
    bool first_frame_shown_ = false;
    int settle_frames_ = 0;    // frames still owed after the last input
    int unsettled_frames_ = 0; // consecutive frames whose output changed
    std::uint64_t last_output_hash_ = 0;
    std::string clipboard_; // what ImGui's GetClipboardTextFn last returned (must outlive the call)
};

} // namespace naervaer::client::web
