#pragma once
// The application: state, sync engine and views. The runner (client/web/main.cpp in the browser,
// tests natively) owns the ImGui context, fonts and input, and calls frame() between
// ImGui::NewFrame() and ImGui::Render().
#include "platform/platform.hpp"

#include <memory>
#include <string>

namespace naervaer::client {

class App {
public:
    explicit App(Platform& platform);
    ~App();

    // Delivers queued completions, runs the sync engine's timers, then draws every window.
    void frame();
    // A small JSON read-out of what the user sees, for browser tests and diagnostics
    // (no health data beyond what is on screen).
    std::string state_json() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace naervaer::client
