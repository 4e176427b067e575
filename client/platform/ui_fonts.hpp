#pragma once
// The fonts a runner puts into ImGui's atlas, in this order (io.Fonts->Fonts[i]). The browser
// runner loads Noto Sans subset to Latin-1 and Danish punctuation (see client/web/fonts.cpp); a
// runner without fonts (native tests) has none, and ui_font() then answers ImGui's default font,
// so views can push fonts without caring where they run.
#include "imgui.h"

namespace naervaer::client {

// Heading is second because views written before this header took Fonts[1] as the heading font.
enum class UiFont { Regular = 0, Heading = 1, Bold = 2 };

// Sizes in logical (CSS) pixels.
inline constexpr float kUiFontSize = 16.0f;
inline constexpr float kUiHeadingSize = 21.0f;

inline ImFont* ui_font(UiFont font) {
    const ImVector<ImFont*>& fonts = ImGui::GetIO().Fonts->Fonts;
    const int index = static_cast<int>(font);
    return index < fonts.Size ? fonts[index] : ImGui::GetFont();
}

} // namespace naervaer::client
