#pragma once
// The application: state, sync engine and views. The runner (client/web/main.cpp in the browser,
// tests natively) owns the ImGui context, fonts and input, and calls frame() between
// ImGui::NewFrame() and ImGui::Render().
#include "app/actions.hpp"
#include "platform/platform.hpp"

#include <memory>
#include <string>

namespace naervaer::client {

class App {
  public:
    explicit App(Platform& platform);
    ~App();

    // Delivers queued completions, runs the sync engine's timers, then draws every window.
    // It ends with Platform::end_frame(), since it is the app that placed this frame's overlays.
    void frame();
    // A small JSON read-out of what the user sees, for browser tests and diagnostics
    // (no health data beyond what is on screen).
    std::string state_json() const;
    // Applies an action as if a view had returned it (tests; deep links later). The screen shows
    // the result from the next frame on.
    void dispatch(const Action& action);
    // Benchmark (bench/client): times `runs` computations of every case timeline and alert of
    // every employee in the replica, and of the to-do list; JSON with the medians in ms.
    std::string measure_todos(int runs);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace naervaer::client
