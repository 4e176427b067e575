#pragma once
// Completions (HTTP answers, storage loads) arrive from browser callbacks at any time between
// frames. The Platform contract delivers them at the start of a frame, never in the middle of a
// view, so they wait here until the runner drains the queue; posting one asks for that frame.
#include "platform/web/frame_scheduler.hpp"

#include <functional>
#include <utility>
#include <vector>

namespace naervaer::client::web {

class CompletionQueue {
  public:
    explicit CompletionQueue(FrameScheduler& frames) : frames_(frames) {}

    void post(std::function<void()> completion) {
        queue_.push_back(std::move(completion));
        frames_.request();
    }

    // Runs what is queued now; completions posted while running wait for the next frame, so one
    // chatty callback chain cannot starve rendering.
    void drain() {
        std::vector<std::function<void()>> ready;
        ready.swap(queue_);
        for (auto& completion : ready)
            completion();
    }

  private:
    FrameScheduler& frames_;
    std::vector<std::function<void()>> queue_;
};

} // namespace naervaer::client::web
