#include "platform/web/clipboard.hpp"

#include <emscripten/emscripten.h>

#include <cstdlib>
#include <utility>

extern "C" {
// library_clipboard.js
void naervaer_js_clipboard_install();
void naervaer_js_clipboard_write(const char* text, std::size_t length);
}

namespace naervaer::client::web {

namespace {
Clipboard* instance = nullptr;
} // namespace

Clipboard::Clipboard() {
    instance = this;
    naervaer_js_clipboard_install();
}

Clipboard::~Clipboard() {
    if (instance == this) instance = nullptr;
}

void Clipboard::set_text(const std::string& text) {
    text_ = text;
    naervaer_js_clipboard_write(text.data(), text.size());
}

void Clipboard::pasted(std::string text) {
    text_ = std::move(text);
    if (on_paste_) on_paste_();
}

} // namespace naervaer::client::web

// Takes ownership of the malloc'd text.
extern "C" EMSCRIPTEN_KEEPALIVE void naervaer_clipboard_pasted(char* text, std::size_t length) {
    std::string pasted(text, length);
    std::free(text);
    if (naervaer::client::web::instance) naervaer::client::web::instance->pasted(std::move(pasted));
}
