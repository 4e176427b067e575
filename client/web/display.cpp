#include "display.hpp"

#include "platform/web/frame_scheduler.hpp"

#include "imgui.h"

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

extern "C" {
// library_display.js
void naervaer_js_display_install();
void naervaer_js_display_measure(float* out); // left, top, width, height, ratio, buffer w, buffer h
void naervaer_js_set_cursor(const char* css_cursor);
}

namespace naervaer::client::web {

namespace {
Display* instance = nullptr;

const char* css_cursor(int cursor) {
    switch (cursor) {
    case ImGuiMouseCursor_None:
        return "none";
    case ImGuiMouseCursor_TextInput:
        return "text";
    case ImGuiMouseCursor_ResizeAll:
        return "move";
    case ImGuiMouseCursor_ResizeNS:
        return "ns-resize";
    case ImGuiMouseCursor_ResizeEW:
        return "ew-resize";
    case ImGuiMouseCursor_ResizeNESW:
        return "nesw-resize";
    case ImGuiMouseCursor_ResizeNWSE:
        return "nwse-resize";
    case ImGuiMouseCursor_Hand:
        return "pointer";
    case ImGuiMouseCursor_NotAllowed:
        return "not-allowed";
    default:
        return "default";
    }
}
} // namespace

Display::Display(FrameScheduler& frames) : frames_(frames) {
    instance = this;
}

void Display::install() {
    naervaer_js_display_install();
}

bool Display::take_change() {
    const bool changed = changed_;
    changed_ = false;
    return changed;
}

DisplayMetrics Display::measure() const {
    float values[7] = {};
    naervaer_js_display_measure(values);
    DisplayMetrics metrics;
    metrics.left = values[0];
    metrics.top = values[1];
    metrics.width = values[2];
    metrics.height = values[3];
    metrics.pixel_ratio = values[4] > 0 ? values[4] : 1.0f;
    metrics.buffer_width = static_cast<int>(values[5]);
    metrics.buffer_height = static_cast<int>(values[6]);
    return metrics;
}

void Display::resize_buffer(int width, int height) const {
    emscripten_set_canvas_element_size("#canvas", width, height);
}

void Display::set_cursor(int imgui_cursor) {
    if (imgui_cursor == cursor_) return;
    cursor_ = imgui_cursor;
    naervaer_js_set_cursor(css_cursor(imgui_cursor));
}

void Display::changed() {
    changed_ = true;
    frames_.request();
}

} // namespace naervaer::client::web

extern "C" EMSCRIPTEN_KEEPALIVE void naervaer_display_changed() {
    if (naervaer::client::web::instance) naervaer::client::web::instance->changed();
}
