#pragma once
// Render on demand. A frame runs only when something asked for one: input, a network or storage
// completion, or a timer. Requests made before the next animation frame collapse into one frame,
// and timed requests share a single browser timer armed for the earliest deadline, so an idle page
// costs nothing.
#include <functional>
#include <set>

namespace naervaer::client::web {

class FrameScheduler {
  public:
    FrameScheduler() = default;
    FrameScheduler(const FrameScheduler&) = delete;
    FrameScheduler& operator=(const FrameScheduler&) = delete;

    // The runner's frame. Requests made before it is set are kept and served once it is.
    void set_frame_callback(std::function<void()> frame);

    void request();                       // a frame as soon as the browser can show one
    void request_in(double milliseconds); // a frame no earlier than this from now

  private:
    static int on_animation_frame(double time, void* self);
    static void on_hidden_frame(void* self);
    static void on_deadline(void* self);
    void run_frame();
    void arm_timer();

    std::function<void()> frame_;
    bool frame_pending_ = false;
    bool wants_frame_ = false; // requested before the callback existed

    // Deadlines in timer ticks (see frame_scheduler.cpp); a set, so equal deadlines merge.
    std::set<long long> deadlines_;
    long timer_id_ = 0;
    long long armed_deadline_ = -1;
};

} // namespace naervaer::client::web
