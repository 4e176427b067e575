#include "views/test_anchors.hpp"

#include <imgui.h>

#include <algorithm>

namespace naervaer::client::ui {

namespace {
struct Registry {
    // The frame the entries belong to. Native tests run several ImGui contexts side by side (two
    // "browsers"), so the context is part of the key.
    const ImGuiContext* context = nullptr;
    int frame = -1;
    std::vector<TestAnchor> anchors;
    std::vector<std::string> errors;
    std::string active; // the anchor of the item ImGui holds active (a text field being edited)
};

Registry& registry() {
    static Registry r;
    return r;
}

bool is_current(const Registry& r) {
    return r.context == ImGui::GetCurrentContext() && r.frame == ImGui::GetFrameCount();
}

// The registry for recording in this frame: a new frame starts empty (capacity is kept).
Registry& this_frame() {
    Registry& r = registry();
    if (!is_current(r)) {
        r.context = ImGui::GetCurrentContext();
        r.frame = ImGui::GetFrameCount();
        r.anchors.clear();
        r.errors.clear();
        r.active.clear();
    }
    return r;
}
} // namespace

void test_anchor(std::string_view name, std::string_view suffix) {
    if (!ImGui::GetCurrentContext() || !ImGui::IsItemVisible()) return;
    ImVec2 min = ImGui::GetItemRectMin();
    ImVec2 max = ImGui::GetItemRectMax();
    // The visible part: an item half scrolled out of a child window is clicked where it shows.
    const ImVec2 clip_min = ImGui::GetWindowDrawList()->GetClipRectMin();
    const ImVec2 clip_max = ImGui::GetWindowDrawList()->GetClipRectMax();
    min = ImVec2(std::max(min.x, clip_min.x), std::max(min.y, clip_min.y));
    max = ImVec2(std::min(max.x, clip_max.x), std::min(max.y, clip_max.y));
    if (max.x <= min.x || max.y <= min.y) return;

    TestAnchor anchor;
    anchor.name.assign(name);
    if (!suffix.empty()) anchor.name.append(".").append(suffix);
    anchor.x = min.x;
    anchor.y = min.y;
    anchor.w = max.x - min.x;
    anchor.h = max.y - min.y;
    Registry& r = this_frame();
    // The first: a group that holds the active field is anchored after it, and is active too.
    if (r.active.empty() && ImGui::IsItemActive()) r.active = anchor.name;
    r.anchors.push_back(std::move(anchor));
}

void note_shown_error(std::string_view message) {
    if (!ImGui::GetCurrentContext() || message.empty()) return;
    this_frame().errors.emplace_back(message);
}

const std::vector<TestAnchor>& test_anchors() {
    static const std::vector<TestAnchor> none;
    const Registry& r = registry();
    return ImGui::GetCurrentContext() && is_current(r) ? r.anchors : none;
}

const std::string& active_anchor() {
    static const std::string none;
    const Registry& r = registry();
    return ImGui::GetCurrentContext() && is_current(r) ? r.active : none;
}

const std::vector<std::string>& shown_errors() {
    static const std::vector<std::string> none;
    const Registry& r = registry();
    return ImGui::GetCurrentContext() && is_current(r) ? r.errors : none;
}

} // namespace naervaer::client::ui
