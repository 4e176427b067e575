#pragma once
// The browser seam. Views, app state and the sync engine talk to the outside world only through
// this interface: one implementation runs in the browser (platform/web), a native stand-in runs
// the same code in unit tests (platform/native). No #ifdef __EMSCRIPTEN__ outside platform/.
//
// Threading: everything happens on the main thread. Completions (HTTP, storage loads) are queued
// by the implementation and delivered at the start of a frame, never in the middle of a view.
#include <ctime>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace naervaer::client {

struct HttpRequest {
    std::string method = "GET";
    std::string path; // same-origin path, e.g. "/api/v1/sync"
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

struct HttpResponse {
    int status = 0;     // 0: no answer (offline, connection refused, timeout)
    std::string body;
    std::string error;  // transport error text when status == 0
};

struct Rect {
    float x = 0, y = 0, w = 0, h = 0; // logical (CSS) pixels, origin top-left of the canvas
};

class Platform {
public:
    virtual ~Platform() = default;

    // ---- network ----
    // Same-origin request; the session cookie travels automatically.
    virtual void http(HttpRequest request, std::function<void(HttpResponse)> done) = 0;
    // The browser's idea of connectivity (navigator.onLine); a failed request is the real test.
    virtual bool online() const = 0;

    // ---- persistent key-value storage (IndexedDB in the browser) ----
    // Loads every stored pair once at start-up.
    virtual void storage_load(std::function<void(std::map<std::string, std::string>)> done) = 0;
    // Writes are queued in order; a later write of a key wins.
    virtual void storage_put(const std::string& key, std::string value) = 0;
    virtual void storage_remove(const std::string& key) = 0;

    // ---- clipboard and files ----
    virtual void set_clipboard_text(const std::string& text) = 0;
    virtual std::string clipboard_text() const = 0;
    virtual void download_file(const std::string& filename, const std::string& mime_type,
                               const std::string& bytes) = 0;
    // Opens a document in a new browser tab (a PDF, for the browser's print dialog). Returns false
    // when it could not (a blocked pop-up): the file was downloaded instead. Added after the first
    // version of this interface, hence the default, which downloads.
    virtual bool open_document(const std::string& filename, const std::string& mime_type,
                               const std::string& bytes) {
        download_file(filename, mime_type, bytes);
        return false;
    }

    // ---- time ----
    virtual double now_ms() const = 0;   // monotonic
    virtual std::string today_iso() const = 0; // local date, yyyy-mm-dd
    // Wall-clock time (seconds since 1970, UTC), for timestamps in exported files. Both
    // implementations read the system clock (the browser's Date under Emscripten).
    virtual std::time_t unix_time() const { return std::time(nullptr); }

    // ---- frames: render only when something changed ----
    virtual void request_frame() = 0;
    virtual void request_frame_in(double milliseconds) = 0; // a timer (retry, clock)

    // ---- long text: an HTML textarea over the ImGui item (wrapping, spellcheck, IME, mobile
    // keyboard). Call every frame the field is visible; returns true when `text` was changed by
    // the user since the last frame. Overlays not shown in a frame are hidden at frame end.
    virtual bool text_overlay(const std::string& key, Rect rect, std::string& text, std::size_t max_bytes,
                              const std::string& placeholder) = 0;
    virtual void end_frame() = 0;

    // ---- preferences that outlive the session (language) ----
    virtual std::string preferred_language() const = 0; // "da" or "en"
    // Remembers the user's choice for the next session. Added after the first version of this
    // interface, hence the empty default: an implementation without persistence may ignore it.
    virtual void set_preferred_language(const std::string& /*language*/) {}
};

} // namespace naervaer::client
