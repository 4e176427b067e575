#pragma once
// A headless ImGui context as the client tests drive it: frames are built but never rendered, and
// input goes through ImGui's IO as a backend would send it.
#include <imgui.h>

namespace naervaer::testing {

// A new current context: no ini file, a screen of `display_size`, keys mapped to themselves and
// the font atlas built (NewFrame needs it).
inline ImGuiContext* create_headless_imgui(ImVec2 display_size) {
    ImGuiContext* context = ImGui::CreateContext();
    ImGui::SetCurrentContext(context);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = display_size;
    io.DeltaTime = 1.0f / 60;
    for (int key = 0; key < ImGuiKey_COUNT; ++key)
        io.KeyMap[key] = key;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    return context;
}

// A left click at the centre of a rectangle, as a mouse would: move, press, release, each in its
// own frame (`frame()` builds one).
template <class Frame>
void click_centre(float x, float y, float w, float h, Frame&& frame) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(x + w / 2, y + h / 2);
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
}

} // namespace naervaer::testing
