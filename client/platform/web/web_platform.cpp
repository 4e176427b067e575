#include "platform/web/web_platform.hpp"

#include <emscripten/emscripten.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <utility>

extern "C" {
// library_platform.js
int naervaer_js_online_install();
char* naervaer_js_preference(const char* name);
void naervaer_js_set_preference(const char* name, const char* value);
void naervaer_js_download(const char* filename, const char* mime_type, const char* bytes, std::size_t length);
int naervaer_js_open_document(const char* filename, const char* mime_type, const char* bytes, std::size_t length);
}

namespace naervaer::client {

namespace {
WebPlatform* instance = nullptr;
constexpr const char* kLanguagePreference = "naervaer.lang";
} // namespace

WebPlatform::WebPlatform() {
    instance = this;
    online_ = naervaer_js_online_install() != 0;
}

WebPlatform::~WebPlatform() {
    if (instance == this) instance = nullptr;
}

void WebPlatform::http(HttpRequest request, std::function<void(HttpResponse)> done) {
    http_.send(request, std::move(done));
}

void WebPlatform::storage_load(std::function<void(std::map<std::string, std::string>)> done) {
    storage_.load(std::move(done));
}

void WebPlatform::storage_put(const std::string& key, std::string value) {
    storage_.put(key, value);
}

void WebPlatform::storage_remove(const std::string& key) {
    storage_.remove(key);
}

void WebPlatform::download_file(const std::string& filename, const std::string& mime_type,
                                const std::string& bytes) {
    naervaer_js_download(filename.c_str(), mime_type.c_str(), bytes.data(), bytes.size());
}

bool WebPlatform::open_document(const std::string& filename, const std::string& mime_type,
                                const std::string& bytes) {
    if (naervaer_js_open_document(filename.c_str(), mime_type.c_str(), bytes.data(), bytes.size()) != 0) return true;
    download_file(filename, mime_type, bytes); // the pop-up was blocked: the file is still the user's
    return false;
}

double WebPlatform::now_ms() const {
    return emscripten_get_now();
}

std::string WebPlatform::today_iso() const {
    // Emscripten's localtime asks the browser's Date, so this is the user's local calendar day.
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", local.tm_year + 1900, local.tm_mon + 1,
                  local.tm_mday);
    return buffer;
}

bool WebPlatform::text_overlay(const std::string& key, Rect rect, std::string& text, std::size_t max_bytes,
                               const std::string& placeholder) {
    return overlays_.show(key, rect, text, max_bytes, placeholder);
}

std::string WebPlatform::preferred_language() const {
    char* stored = naervaer_js_preference(kLanguagePreference);
    std::string language = stored ? stored : "";
    std::free(stored);
    return language == "en" ? "en" : "da"; // Danish unless the user chose English
}

void WebPlatform::set_preferred_language(const std::string& language) {
    naervaer_js_set_preference(kLanguagePreference, language.c_str());
}

void WebPlatform::begin_frame() {
    frame_ended_ = false;
    completions_.drain();
}

void WebPlatform::end_frame() {
    if (frame_ended_) return; // a second call would hide the overlays the frame just showed
    frame_ended_ = true;
    overlays_.end_frame();
}

void WebPlatform::set_online(bool online) {
    if (online_ == online) return;
    online_ = online;
    frames_.request(); // the app shows connectivity, and the sync engine may retry at once
}

} // namespace naervaer::client

extern "C" EMSCRIPTEN_KEEPALIVE void naervaer_online_changed(int online) {
    if (naervaer::client::instance) naervaer::client::instance->set_online(online != 0);
}
