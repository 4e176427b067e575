#pragma once
// The fonts a runner puts into ImGui's atlas, in this order (io.Fonts->Fonts[i]). The browser
// runner loads Noto Sans subset to Latin-1 and Danish punctuation (see client/web/fonts.cpp); a
// runner without fonts (native tests) has none, and ui_font() then answers ImGui's default font,
// so views can push fonts without caring where they run.
#include "imgui.h"

namespace naervaer::client {

// Heading is second because views written before this header took Fonts[1] as the heading font.
enum class UiFont { Regular = 0, Heading = 1, Bold = 2 };

// The code points in the atlas: the same the build keeps when it subsets the TTF files
// (client/web/CMakeLists.txt, NAERVAER_FONT_UNICODES), Latin-1 and the punctuation of Danish
// text. ImGui pairs, zero-terminated. tests/client checks that every UI string fits in them.
inline constexpr ImWchar kUiGlyphRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x00FF, // ASCII, Latin-1 (æ ø å, « », §, ½)
    0x2010, 0x2011,                 // hyphen, non-breaking hyphen
    0x2013, 0x2014,                 // – —
    0x2018, 0x201A,                 // ‘ ’ ‚
    0x201C, 0x201E,                 // “ ” „
    0x2022, 0x2022,                 // •
    0x2026, 0x2026,                 // …
    0x2030, 0x2030,                 // ‰
    0x2039, 0x203A,                 // ‹ › (back and forward links)
    0x20AC, 0x20AC,                 // €
    0x2122, 0x2122,                 // ™
    0x2212, 0x2212,                 // −
    0,
};

// Sizes in logical (CSS) pixels.
inline constexpr float kUiFontSize = 16.0f;
inline constexpr float kUiHeadingSize = 21.0f;

inline ImFont* ui_font(UiFont font) {
    const ImVector<ImFont*>& fonts = ImGui::GetIO().Fonts->Fonts;
    const int index = static_cast<int>(font);
    return index < fonts.Size ? fonts[index] : ImGui::GetFont();
}

} // namespace naervaer::client
