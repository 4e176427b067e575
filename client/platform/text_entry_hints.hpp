#pragma once
// What the browser's text entry should know about the active ImGui field. A password or CPR
// field must not be typed into a plain text element: mobile keyboards would suggest, learn and
// sync what is typed there. The text widgets note it while drawing; the web runner asks after
// the frame. Header-only: the views and the runner (also the blank benchmark app) both use it.
#include "imgui.h"

namespace naervaer::client::ui {

namespace detail {
// The frame in which a masked field was last active, and in which ImGui context: one number
// instead of per-frame bookkeeping (a frame that draws no masked field simply does not set it).
inline int secret_frame = -1;
inline const ImGuiContext* secret_context = nullptr;
} // namespace detail

// Called by the text widgets when the field they drew is active and masked (Password flag).
inline void note_secret_text_active() {
    detail::secret_frame = ImGui::GetFrameCount();
    detail::secret_context = ImGui::GetCurrentContext();
}

// True when the frame just drawn (ImGui's current frame) had such a field active.
inline bool secret_text_active() {
    return detail::secret_context == ImGui::GetCurrentContext() && detail::secret_frame == ImGui::GetFrameCount();
}

} // namespace naervaer::client::ui
