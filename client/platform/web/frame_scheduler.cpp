#include "platform/web/frame_scheduler.hpp"

#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cmath>

namespace naervaer::client::web {

namespace {
// Browsers clamp timers to about 4 ms anyway; deadlines closer than that share one timer.
constexpr double kTickMs = 4.0;

bool page_hidden() {
    EmscriptenVisibilityChangeEvent status{};
    return emscripten_get_visibility_status(&status) == EMSCRIPTEN_RESULT_SUCCESS && status.hidden;
}
} // namespace

void FrameScheduler::set_frame_callback(std::function<void()> frame) {
    frame_ = std::move(frame);
    if (wants_frame_) {
        wants_frame_ = false;
        request();
    }
}

void FrameScheduler::request() {
    if (!frame_) {
        wants_frame_ = true;
        return;
    }
    if (frame_pending_) return;
    frame_pending_ = true;
    // A hidden tab gets no animation frames at all. Its frames still matter (the sync engine runs
    // inside them and must keep sending the outbox), so they run from a timer instead, which the
    // browser throttles for background tabs on its own.
    if (page_hidden())
        emscripten_set_timeout(&FrameScheduler::on_hidden_frame, 0, this);
    else
        emscripten_request_animation_frame(&FrameScheduler::on_animation_frame, this);
}

void FrameScheduler::request_in(double milliseconds) {
    if (!(milliseconds > 0)) { // also catches NaN
        request();
        return;
    }
    const double due = emscripten_get_now() + milliseconds;
    deadlines_.insert(static_cast<long long>(std::ceil(due / kTickMs)));
    arm_timer();
}

int FrameScheduler::on_animation_frame(double, void* self) {
    static_cast<FrameScheduler*>(self)->run_frame();
    return EM_FALSE; // one frame per request: no animation loop
}

void FrameScheduler::on_hidden_frame(void* self) {
    static_cast<FrameScheduler*>(self)->run_frame();
}

void FrameScheduler::on_deadline(void* opaque) {
    auto* self = static_cast<FrameScheduler*>(opaque);
    self->armed_deadline_ = -1;
    const auto now_tick = static_cast<long long>(std::floor(emscripten_get_now() / kTickMs));
    self->deadlines_.erase(self->deadlines_.begin(), self->deadlines_.upper_bound(now_tick));
    self->request();
    self->arm_timer();
}

void FrameScheduler::run_frame() {
    frame_pending_ = false; // before the frame, so the frame itself may ask for the next one
    if (frame_) frame_();
}

void FrameScheduler::arm_timer() {
    if (deadlines_.empty()) return;
    const long long first = *deadlines_.begin();
    if (armed_deadline_ >= 0 && armed_deadline_ <= first) return; // an earlier timer is armed
    if (armed_deadline_ >= 0) emscripten_clear_timeout(timer_id_);
    const double wait = std::max(0.0, static_cast<double>(first) * kTickMs - emscripten_get_now());
    timer_id_ = emscripten_set_timeout(&FrameScheduler::on_deadline, wait, this);
    armed_deadline_ = first;
}

} // namespace naervaer::client::web
