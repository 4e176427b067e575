#include "platform/web/text_overlays.hpp"

#include "imgui.h"

#include <emscripten/emscripten.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" {
// library_text_overlay.js
int naervaer_js_overlay_create();
void naervaer_js_overlay_place(int element, float x, float y, float w, float h, float clip_top,
                               float clip_right, float clip_bottom, float clip_left);
void naervaer_js_overlay_hide(int element);
void naervaer_js_overlay_set_text(int element, const char* text, std::size_t length);
char* naervaer_js_overlay_text(int element, std::uint32_t* length);
void naervaer_js_overlay_configure(int element, const char* placeholder, std::size_t max_length);
void naervaer_js_overlay_focus(int element);
void naervaer_js_overlay_style(const char* css_variables);
}

namespace naervaer::client::web {

namespace {
TextOverlays* instance = nullptr;

bool same_rect(const Rect& a, const Rect& b, float tolerance = 0.01f) {
    return std::fabs(a.x - b.x) <= tolerance && std::fabs(a.y - b.y) <= tolerance &&
           std::fabs(a.w - b.w) <= tolerance && std::fabs(a.h - b.h) <= tolerance;
}

// Cuts `text` to at most `max_bytes` without splitting a UTF-8 sequence.
void truncate_utf8(std::string& text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return;
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    text.resize(end);
}

std::string css_colour(ImGuiCol colour) {
    const ImVec4 c = ImGui::GetStyleColorVec4(colour);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "rgba(%d,%d,%d,%.3f)", int(c.x * 255 + 0.5f), int(c.y * 255 + 0.5f),
                  int(c.z * 255 + 0.5f), c.w);
    return buffer;
}
} // namespace

TextOverlays::TextOverlays(FrameScheduler& frames) : frames_(frames) {
    instance = this;
}

TextOverlays::~TextOverlays() {
    if (instance == this) instance = nullptr;
}

bool TextOverlays::show(const std::string& key, Rect rect, std::string& text, std::size_t max_bytes,
                        const std::string& placeholder) {
    if (!styled_this_frame_) {
        styled_this_frame_ = true;
        apply_style();
    }

    auto [it, created] = overlays_.try_emplace(key);
    Overlay& overlay = it->second;
    if (created) {
        if (free_elements_.empty()) {
            overlay.element = naervaer_js_overlay_create();
        } else {
            overlay.element = free_elements_.back();
            free_elements_.pop_back();
        }
        // A recycled element holds another field's text: always send this one's.
        overlay.synced = text;
        naervaer_js_overlay_set_text(overlay.element, text.data(), text.size());
    }
    overlay.shown = true;

    if (created || overlay.placeholder != placeholder || overlay.max_bytes != max_bytes) {
        overlay.placeholder = placeholder;
        overlay.max_bytes = max_bytes;
        // maxlength counts UTF-16 units, never more than UTF-8 bytes: a loose bound that stops
        // runaway pastes early; the exact byte limit is enforced below.
        naervaer_js_overlay_configure(overlay.element, placeholder.c_str(), max_bytes);
    }

    // The ImGui window's clip rectangle: a field scrolled half out of its window is cut the same
    // way ImGui cuts its own widgets.
    const ImDrawList* draw_list = ImGui::GetWindowDrawList();
    const ImVec2 clip_min = draw_list->GetClipRectMin();
    const ImVec2 clip_max = draw_list->GetClipRectMax();
    place(overlay, rect, Rect{clip_min.x, clip_min.y, clip_max.x - clip_min.x, clip_max.y - clip_min.y});

    // Keyboard users: activating the ImGui item under the overlay moves focus into the textarea.
    if (ImGui::IsItemActivated()) {
        const ImVec2 item_min = ImGui::GetItemRectMin();
        const ImVec2 item_size = ImGui::GetItemRectSize();
        if (same_rect(Rect{item_min.x, item_min.y, item_size.x, item_size.y}, rect, 1.0f))
            naervaer_js_overlay_focus(overlay.element);
    }

    // Two-way sync. The user's edit wins in the frame it arrives; otherwise a change the app made
    // to `text` (a template inserted, a reload) goes to the element.
    if (edited_.erase(overlay.element) > 0) {
        std::uint32_t length = 0;
        char* typed = naervaer_js_overlay_text(overlay.element, &length);
        std::string value(typed, length);
        std::free(typed);
        if (value.size() > max_bytes) {
            truncate_utf8(value, max_bytes);
            naervaer_js_overlay_set_text(overlay.element, value.data(), value.size());
        }
        overlay.synced = value;
        if (value != text) {
            text = std::move(value);
            return true;
        }
        return false;
    }
    if (text != overlay.synced) {
        overlay.synced = text;
        naervaer_js_overlay_set_text(overlay.element, text.data(), text.size());
    }
    return false;
}

void TextOverlays::place(Overlay& overlay, Rect rect, Rect clip) {
    const float left = std::max(rect.x, clip.x);
    const float top = std::max(rect.y, clip.y);
    const float right = std::min(rect.x + rect.w, clip.x + clip.w);
    const float bottom = std::min(rect.y + rect.h, clip.y + clip.h);
    const bool visible = right > left && bottom > top;

    if (!visible) {
        if (overlay.visible) naervaer_js_overlay_hide(overlay.element);
        overlay.visible = false;
        return;
    }
    if (overlay.visible && same_rect(overlay.rect, rect) && same_rect(overlay.clip, clip)) return;
    overlay.visible = true;
    overlay.rect = rect;
    overlay.clip = clip;
    // clip-path insets are measured from each edge of the element itself.
    naervaer_js_overlay_place(overlay.element, rect.x, rect.y, rect.w, rect.h, top - rect.y,
                              rect.x + rect.w - right, rect.y + rect.h - bottom, left - rect.x);
}

void TextOverlays::end_frame() {
    styled_this_frame_ = false;
    for (auto it = overlays_.begin(); it != overlays_.end();) {
        Overlay& overlay = it->second;
        if (overlay.shown) {
            overlay.shown = false;
            ++it;
            continue;
        }
        if (overlay.visible) naervaer_js_overlay_hide(overlay.element);
        edited_.erase(overlay.element);
        free_elements_.push_back(overlay.element);
        it = overlays_.erase(it);
    }
}

void TextOverlays::edited(int element) {
    edited_.insert(element);
    frames_.request();
}

// The app may draw the field around a focused textarea differently: give it a frame.
void TextOverlays::focus_changed() {
    frames_.request();
}

// The textareas take their look from ImGui's style, so they match whatever theme the app sets.
void TextOverlays::apply_style() {
    const ImGuiStyle& style = ImGui::GetStyle();
    char metrics[224];
    std::snprintf(metrics, sizeof metrics,
                  "--overlay-font-size:%.2fpx;--overlay-line-height:%.2fpx;--overlay-padding:%.1fpx %.1fpx;"
                  "--overlay-radius:%.1fpx;--overlay-border-width:%.1fpx;",
                  ImGui::GetFontSize() * em_per_font_size_, ImGui::GetTextLineHeightWithSpacing(),
                  style.FramePadding.y, style.FramePadding.x, style.FrameRounding,
                  std::max(style.FrameBorderSize, 1.0f));
    std::string css = metrics;
    css += "--overlay-background:" + css_colour(ImGuiCol_FrameBg) + ";";
    css += "--overlay-text:" + css_colour(ImGuiCol_Text) + ";";
    css += "--overlay-placeholder:" + css_colour(ImGuiCol_TextDisabled) + ";";
    css += "--overlay-border:" + css_colour(ImGuiCol_Border) + ";";
    css += "--overlay-focus:" + css_colour(ImGuiCol_NavHighlight) + ";";
    css += "--overlay-selection:" + css_colour(ImGuiCol_TextSelectedBg) + ";";
    if (css == style_) return;
    style_ = std::move(css);
    naervaer_js_overlay_style(style_.c_str());
}

} // namespace naervaer::client::web

extern "C" EMSCRIPTEN_KEEPALIVE void naervaer_overlay_edited(int element) {
    if (naervaer::client::web::instance) naervaer::client::web::instance->edited(element);
}

extern "C" EMSCRIPTEN_KEEPALIVE void naervaer_overlay_focus_changed() {
    if (naervaer::client::web::instance) naervaer::client::web::instance->focus_changed();
}
