#pragma once
// The UI fonts (platform/ui_fonts.hpp), rasterised for the device: at size × devicePixelRatio with
// io.FontGlobalScale = 1 / ratio, so one atlas texel is one device pixel and text stays crisp on
// any screen and zoom level. A ratio change rebuilds the atlas.
//
// The TTF files are fetched by loader.js in parallel with the wasm, so they are usually in memory
// by the time main() runs; library_fonts.js hands them over.
#include <functional>
#include <string>
#include <vector>

namespace naervaer::client::web {

class Fonts {
  public:
    // Asks for the font files; `ready` runs once they are in (or failed: ImGui's default font).
    void load(std::function<void()> ready);
    // Rebuilds ImGui's atlas and the GL texture for a pixel ratio. Call outside a frame.
    void build(float pixel_ratio);

    // CSS font-size per ImGui font size: ImGui sizes a font by its line height (ascent - descent),
    // CSS by its em square. For Noto Sans about 0.73; 1 until the fonts are in.
    float em_per_size() const { return em_per_size_; }

    void loaded(int index, std::string bytes); // from JS
    void done();                               // from JS

  private:
    // Kept for rebuilds: ImGui reads the TTF data again on every atlas build.
    std::vector<std::string> files_;
    std::function<void()> ready_;
    float em_per_size_ = 1.0f;
};

} // namespace naervaer::client::web
