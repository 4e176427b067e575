#include "runner.hpp"

#include "imgui.h"
#include "imgui_impl_opengl3.h"

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>

extern "C" {
// library_runner.js
void naervaer_js_runner_install();
void naervaer_js_runner_frame(double frames, int first_frame);
void naervaer_js_runner_failed(const char* reason);
}

namespace naervaer::client::web {

namespace {
Runner* instance = nullptr;

// Frames rendered after the last input event: ImGui resolves hover, opens popups and sizes
// auto-resizing windows over the next frame or two.
constexpr int kSettleFrames = 3;
// Frames whose output may keep changing without input before the runner stops asking (something
// that animates for real asks the platform for frames itself).
constexpr int kMaxUnsettledFrames = 10;

// A 64-bit hash of everything ImGui asked to draw: an unchanged hash means an unchanged picture.
std::uint64_t hash_draw_data(const ImDrawData& data, std::uint64_t seed) {
    std::uint64_t h = seed ^ 0x9E3779B97F4A7C15ull;
    auto mix = [&h](const void* bytes, std::size_t size) {
        const auto* p = static_cast<const unsigned char*>(bytes);
        std::size_t i = 0;
        for (; i + 8 <= size; i += 8) {
            std::uint64_t word;
            std::memcpy(&word, p + i, 8);
            h = (h ^ word) * 0x100000001B3ull;
            h ^= h >> 29;
        }
        for (; i < size; ++i)
            h = (h ^ p[i]) * 0x100000001B3ull;
    };
    mix(&data.DisplaySize, sizeof data.DisplaySize);
    mix(&data.FramebufferScale, sizeof data.FramebufferScale);
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        mix(list.VtxBuffer.Data, list.VtxBuffer.size_in_bytes());
        mix(list.IdxBuffer.Data, list.IdxBuffer.size_in_bytes());
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            mix(&cmd.ClipRect, sizeof cmd.ClipRect);
            mix(&cmd.TextureId, sizeof cmd.TextureId);
            mix(&cmd.VtxOffset, sizeof cmd.VtxOffset);
            mix(&cmd.IdxOffset, sizeof cmd.IdxOffset);
            mix(&cmd.ElemCount, sizeof cmd.ElemCount);
        }
    }
    return h;
}

// At a fractional pixel ratio (browser zoom 110 %, 125 %, 150 %...) ImGui's whole logical pixels
// fall between device pixels and text would be resampled. Moving every vertex to the nearest
// device pixel keeps each glyph quad texel-exact (both corners move alike, so sizes are kept).
void snap_to_device_pixels(ImDrawData& data, float ratio) {
    const float inverse = 1.0f / ratio;
    for (int n = 0; n < data.CmdListsCount; ++n)
        for (ImDrawVert& vertex : data.CmdLists[n]->VtxBuffer) {
            vertex.pos.x = std::round(vertex.pos.x * ratio) * inverse;
            vertex.pos.y = std::round(vertex.pos.y * ratio) * inverse;
        }
}

bool is_whole(float value) {
    return std::fabs(value - std::round(value)) < 1e-3f;
}
} // namespace

Runner::Runner(WebPlatform& platform)
    : platform_(platform), input_(platform.frames()), text_input_(input_, platform.frames()),
      display_(platform.frames()) {
    instance = this;
}

bool Runner::init() {
    EmscriptenWebGLContextAttributes attributes;
    emscripten_webgl_init_context_attributes(&attributes);
    attributes.majorVersion = 2;
    attributes.minorVersion = 0;
    attributes.alpha = EM_FALSE;     // an opaque canvas composites cheaper
    attributes.antialias = EM_FALSE; // ImGui anti-aliases its own shapes
    attributes.depth = EM_FALSE;
    attributes.stencil = EM_FALSE;
    // preserveDrawingBuffer stays off: a frame that draws nothing leaves the last picture shown.
    const EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context = emscripten_webgl_create_context("#canvas", &attributes);
    if (context <= 0 || emscripten_webgl_make_context_current(context) != EMSCRIPTEN_RESULT_SUCCESS) {
        naervaer_js_runner_failed("webgl2");
        return false;
    }

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // window layout is the app's business, not a file's
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // A blinking caret would need a frame every half second in an idle, focused text field.
    io.ConfigInputTextCursorBlink = false;

    io.ClipboardUserData = this;
    io.SetClipboardTextFn = [](void* self, const char* text) {
        static_cast<Runner*>(self)->platform_.set_clipboard_text(text);
    };
    io.GetClipboardTextFn = [](void* self) -> const char* {
        auto& runner = *static_cast<Runner*>(self);
        runner.clipboard_ = runner.platform_.clipboard_text();
        return runner.clipboard_.c_str();
    };
    platform_.clipboard().set_paste_handler([this] { input_.paste(); });

    if (!ImGui_ImplOpenGL3_Init("#version 300 es") || !ImGui_ImplOpenGL3_CreateDeviceObjects()) {
        naervaer_js_runner_failed("webgl2");
        return false;
    }
    // The device objects exist now (the backend would otherwise create them lazily in the first
    // NewFrame, re-uploading the atlas after Fonts::build and leaking its texture).
    text_input_.install(); // its field must exist before input_ listens to its keys
    input_.install(io);
    display_.install();
    naervaer_js_runner_install();
    return true;
}

void Runner::start(RunnerHooks hooks) {
    hooks_ = std::move(hooks);
    fonts_.load([this] {
        platform_.text_overlays().set_em_per_font_size(fonts_.em_per_size());
        running_ = true;
        last_time_ms_ = emscripten_get_now();
        platform_.frames().set_frame_callback([this] { frame(); });
        platform_.frames().request();
    });
}

void Runner::update_display() {
    if (!display_.take_change()) return;
    metrics_ = display_.measure();
    input_.set_canvas_origin(metrics_.left, metrics_.top);
    display_.resize_buffer(metrics_.buffer_width, metrics_.buffer_height);

    ImGuiIO& io = ImGui::GetIO();
    const float ratio = metrics_.pixel_ratio;
    // The OpenGL backend sizes its viewport as int(DisplaySize × FramebufferScale); it must come out
    // as the exact buffer size, or the picture is scaled by a fraction of a pixel and blurs.
    float width = metrics_.buffer_width / ratio;
    float height = metrics_.buffer_height / ratio;
    while (static_cast<int>(width * ratio) < metrics_.buffer_width)
        width = std::nextafter(width, FLT_MAX);
    while (static_cast<int>(height * ratio) < metrics_.buffer_height)
        height = std::nextafter(height, FLT_MAX);
    io.DisplaySize = ImVec2(width, height);
    io.DisplayFramebufferScale = ImVec2(ratio, ratio);

    if (ratio != font_ratio_) {
        font_ratio_ = ratio;
        fonts_.build(ratio);
    }
    last_output_hash_ = 0; // a new buffer is empty: draw the next frame whatever it looks like
}

void Runner::frame() {
    if (!running_) return;
    ImGuiIO& io = ImGui::GetIO();

    platform_.begin_frame();
    update_display();
    const bool had_input = input_.pending();
    const bool more_input = input_.apply(io);

    const double now = emscripten_get_now();
    // Real elapsed time, even after a long idle pause: ImGui times double-clicks with it.
    io.DeltaTime = static_cast<float>(std::max(now - last_time_ms_, 1.0) / 1000.0);
    last_time_ms_ = now;

    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    if (hooks_.frame) hooks_.frame();
    ImGui::Render();
    text_input_.follow(*ImGui::GetCurrentContext());
    display_.set_cursor(io.MouseDrawCursor ? ImGuiMouseCursor_None : ImGui::GetMouseCursor());
    const bool changed = render();
    platform_.end_frame(); // no-op when the app already ended its frame

    ++frames_;
    const bool first = !first_frame_shown_;
    first_frame_shown_ = true;
    naervaer_js_runner_frame(static_cast<double>(frames_), first ? 1 : 0);

    // Decide whether another frame is owed.
    if (had_input)
        settle_frames_ = kSettleFrames;
    else if (settle_frames_ > 0)
        --settle_frames_;
    unsettled_frames_ = changed ? unsettled_frames_ + 1 : 0;

    bool held = false; // ImGui repeats held keys and buttons on its own clock
    for (bool down : io.MouseDown)
        held = held || down;
    for (int key : io.KeyMap)
        held = held || (key >= 0 && io.KeysDown[key]);

    if (more_input || settle_frames_ > 0 || held || (changed && unsettled_frames_ < kMaxUnsettledFrames))
        platform_.frames().request();
}

bool Runner::render() {
    ImDrawData& data = *ImGui::GetDrawData();
    if (!is_whole(metrics_.pixel_ratio)) snap_to_device_pixels(data, metrics_.pixel_ratio);

    const std::uint64_t hash =
        hash_draw_data(data, metrics_.buffer_width * 65537ull + metrics_.buffer_height);
    if (hash == last_output_hash_) return false; // the canvas already shows exactly this
    last_output_hash_ = hash;

    const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glViewport(0, 0, metrics_.buffer_width, metrics_.buffer_height);
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(&data);
    return true;
}

} // namespace naervaer::client::web

// window.naervaerMeasure(runs): valid until the next call.
extern "C" EMSCRIPTEN_KEEPALIVE const char* naervaer_measure(int runs) {
    static std::string result;
    result = naervaer::client::web::instance ? naervaer::client::web::instance->measure(runs) : "{}";
    return result.c_str();
}

// window.naervaerState(): valid until the next call.
extern "C" EMSCRIPTEN_KEEPALIVE const char* naervaer_state_json() {
    static std::string state;
    state = naervaer::client::web::instance ? naervaer::client::web::instance->state_json() : "{}";
    return state.c_str();
}
