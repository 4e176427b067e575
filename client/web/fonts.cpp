#include "fonts.hpp"

#include "platform/ui_fonts.hpp"

#include "imgui.h"
#include "imgui_impl_opengl3.h"

#include <emscripten/emscripten.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

extern "C" {
// library_fonts.js
void naervaer_js_fonts_fetch();
}

namespace naervaer::client::web {

namespace {
Fonts* instance = nullptr;


struct FontFace {
    int file; // index into the loaded files: 0 regular, 1 bold
    float size;
};
// In UiFont order.
// unitsPerEm / (hhea ascender - descender) of a TrueType file; 0 when the tables are missing.
float em_per_line_height(const std::string& ttf) {
    const auto* data = reinterpret_cast<const unsigned char*>(ttf.data());
    const std::size_t size = ttf.size();
    auto u16 = [&](std::size_t at) { return at + 2 <= size ? unsigned(data[at] << 8 | data[at + 1]) : 0u; };
    auto i16 = [&](std::size_t at) { return static_cast<int>(static_cast<std::int16_t>(u16(at))); };
    auto u32 = [&](std::size_t at) { return std::size_t(u16(at)) << 16 | u16(at + 2); };
    std::size_t head = 0, hhea = 0;
    const unsigned tables = u16(4);
    for (unsigned i = 0; i < tables; ++i) {
        const std::size_t record = 12 + 16 * std::size_t(i);
        if (record + 16 > size) break;
        if (std::memcmp(data + record, "head", 4) == 0) head = u32(record + 8);
        if (std::memcmp(data + record, "hhea", 4) == 0) hhea = u32(record + 8);
    }
    if (!head || !hhea) return 0;
    const int units_per_em = static_cast<int>(u16(head + 18));
    const int line_height = i16(hhea + 4) - i16(hhea + 6);
    return line_height > 0 ? float(units_per_em) / float(line_height) : 0;
}

const FontFace kFaces[] = {{0, kUiFontSize}, {1, kUiHeadingSize}, {1, kUiFontSize}};
} // namespace

void Fonts::load(std::function<void()> ready) {
    instance = this;
    ready_ = std::move(ready);
    naervaer_js_fonts_fetch();
}

void Fonts::loaded(int index, std::string bytes) {
    if (index < 0 || index > 8) return;
    if (files_.size() <= static_cast<std::size_t>(index)) files_.resize(index + 1);
    files_[index] = std::move(bytes);
}

void Fonts::done() {
    if (!files_.empty())
        if (const float ratio = em_per_line_height(files_[0]); ratio > 0) em_per_size_ = ratio;
    if (auto ready = std::move(ready_)) ready();
}

void Fonts::build(float pixel_ratio) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();

    bool all_files = files_.size() >= 2;
    for (const auto& file : files_)
        all_files = all_files && !file.empty();
    if (all_files) {
        for (const FontFace& face : kFaces) {
            ImFontConfig config;
            config.FontDataOwnedByAtlas = false; // files_ keeps the bytes for the next rebuild
            // Rasterised at the device size, so no oversampling: it would only blur the 1:1 texels.
            config.OversampleH = 1;
            config.OversampleV = 1;
            config.PixelSnapH = true;
            std::string& data = files_[face.file];
            io.Fonts->AddFontFromMemoryTTF(data.data(), static_cast<int>(data.size()),
                                           face.size * pixel_ratio, &config, kUiGlyphRanges);
        }
    } else {
        // No fonts (offline without a cached shell, or a broken file): ImGui's built-in bitmap
        // font keeps the app usable, if not pretty.
        std::fprintf(stderr, "naervaer: UI fonts unavailable, using ImGui's default font\n");
        ImFontConfig config;
        config.SizePixels = 13.0f * pixel_ratio;
        io.Fonts->AddFontDefault(&config);
    }
    io.FontGlobalScale = 1.0f / pixel_ratio;
    io.Fonts->Build();

    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    // The GL texture has the pixels now; its CPU copy (megabytes of RGBA at ratio 2) is not needed any more.
    io.Fonts->ClearTexData();
}

} // namespace naervaer::client::web

// Takes ownership of the malloc'd bytes.
extern "C" EMSCRIPTEN_KEEPALIVE void naervaer_font_loaded(int index, char* bytes, std::size_t length) {
    std::string file(bytes, length);
    std::free(bytes);
    if (naervaer::client::web::instance) naervaer::client::web::instance->loaded(index, std::move(file));
}

extern "C" EMSCRIPTEN_KEEPALIVE void naervaer_fonts_done() {
    if (naervaer::client::web::instance) naervaer::client::web::instance->done();
}
