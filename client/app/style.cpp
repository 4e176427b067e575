#include "app/style.hpp"

#include <imgui.h>

namespace naervaer::client {

void apply_style() {
    ImGui::StyleColorsLight();
    ImGuiStyle& s = ImGui::GetStyle();
    s.WindowPadding = ImVec2(20, 16);
    s.FramePadding = ImVec2(10, 6);
    s.ItemSpacing = ImVec2(10, 8);
    s.ItemInnerSpacing = ImVec2(8, 6);
    s.CellPadding = ImVec2(8, 6);
    s.WindowRounding = 0; // the one window is the page
    s.FrameRounding = 4;
    s.GrabRounding = 4;
    s.PopupRounding = 4;
    s.ChildRounding = 4;
    s.WindowBorderSize = 0;
    s.FrameBorderSize = 1;

    ImVec4* c = s.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Text] = ImVec4(0.12f, 0.14f, 0.17f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_Border] = ImVec4(0.80f, 0.81f, 0.83f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.90f, 0.91f, 0.92f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.83f, 0.86f, 0.90f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.76f, 0.81f, 0.88f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.86f, 0.90f, 0.95f, 1.0f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.80f, 0.86f, 0.94f, 1.0f);
    c[ImGuiCol_HeaderActive] = ImVec4(0.74f, 0.82f, 0.92f, 1.0f);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.92f, 0.93f, 0.94f, 1.0f);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0, 0, 0, 0.025f);
    c[ImGuiCol_NavHighlight] = ImVec4(0.16f, 0.38f, 0.62f, 1.0f);
}

} // namespace naervaer::client
