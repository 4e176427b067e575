#pragma once
// The native stand-in for the browser, for tests and tools. Everything the browser does on its
// own (network timing, connectivity, the clock, the user typing into an HTML textarea) is under the
// test's control here:
//   - HTTP requests are queued and only sent and answered by pump(), so a test decides when a
//     result arrives (and can edit in between);
//   - set_offline(true) answers every request with status 0 without touching the network;
//   - storage lives in memory and, when a file is given, is written through to it as JSON, so a
//     new platform on the same file is a "reload" of the page (the session cookie is kept beside
//     it, in "<file>.cookie", as the browser keeps its cookies across a reload);
//   - the clock only moves when the test advances it.
#include "platform/platform.hpp"

#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace naervaer::client {

class NativePlatform final : public Platform {
  public:
    struct Options {
        std::string base_url;               // e.g. "http://127.0.0.1:8123"; empty: always offline
        std::filesystem::path storage_file; // empty: memory only
        std::string today_iso = "2024-05-17";
        std::string language = "da";
    };

    explicit NativePlatform(Options options);
    ~NativePlatform() override;

    // ---- Platform ----
    void http(HttpRequest request, std::function<void(HttpResponse)> done) override;
    bool online() const override { return !offline_; }
    void storage_load(std::function<void(std::map<std::string, std::string>)> done) override;
    void storage_put(const std::string& key, std::string value) override;
    void storage_remove(const std::string& key) override;
    void set_clipboard_text(const std::string& text) override { clipboard_ = text; }
    std::string clipboard_text() const override { return clipboard_; }
    void download_file(const std::string& filename, const std::string& mime_type,
                       const std::string& bytes) override;
    bool open_document(const std::string& filename, const std::string& mime_type,
                       const std::string& bytes) override;
    double now_ms() const override { return now_ms_; }
    std::string today_iso() const override { return today_iso_; }
    void request_frame() override { frame_requested_ = true; }
    void request_frame_in(double milliseconds) override;
    bool text_overlay(const std::string& key, Rect rect, std::string& text, std::size_t max_bytes,
                      const std::string& placeholder) override;
    void end_frame() override;
    std::string preferred_language() const override { return language_; }
    void set_preferred_language(const std::string& language) override { language_ = language; }

    // ---- test controls ----
    // Sends the queued requests and delivers their answers and any storage load, in order.
    // Requests queued by the callbacks wait for the next pump. Returns how many completed.
    std::size_t pump();
    bool has_pending_work() const { return !requests_.empty() || load_callback_ != nullptr; }
    void set_offline(bool offline) { offline_ = offline; }
    // Forgets the session cookie (as if the server's session ended and the browser lost it) or
    // replaces it (a stale one: the server answers 401).
    void set_session_cookie(const std::string& value);
    const std::string& session_cookie() const { return session_cookie_; }
    void advance_ms(double milliseconds) { now_ms_ += milliseconds; }
    void set_today_iso(std::string iso) { today_iso_ = std::move(iso); }
    // The next text_overlay() call for `key` reports that the user typed `text`.
    void type_into_overlay(const std::string& key, std::string text) {
        overlay_edits_[key] = std::move(text);
    }
    // Overlays shown in the last completed frame, with their rectangles.
    const std::map<std::string, Rect>& visible_overlays() const { return shown_overlays_; }
    const std::map<std::string, std::string>& stored() const { return storage_; }
    // Frame requests since the last call (true when the app asked to be drawn again).
    bool take_frame_request();
    // The earliest timer the app asked for that is still in the future, in ms from now
    // (negative: none).
    double next_timer_ms() const;
    std::size_t requests_sent() const { return requests_sent_; }
    // Files the app offered for download, oldest first.
    struct Download {
        std::string filename;
        std::string mime_type;
        std::string bytes;
    };
    const std::vector<Download>& downloads() const { return downloads_; }
    // Documents the app opened in a new tab (open_document), oldest first.
    const std::vector<Download>& opened_documents() const { return opened_; }

  private:
    struct Queued {
        HttpRequest request;
        std::function<void(HttpResponse)> done;
    };
    HttpResponse send(const HttpRequest& request);
    void remember_cookies(const std::string& set_cookie_header);
    void write_storage_file() const;
    std::filesystem::path cookie_file() const;

    std::string base_url_;
    std::filesystem::path storage_file_;
    std::string today_iso_;
    std::string language_;

    std::deque<Queued> requests_;
    std::function<void(std::map<std::string, std::string>)> load_callback_;
    std::map<std::string, std::string> storage_;
    std::string session_cookie_;
    std::string clipboard_;
    std::vector<Download> downloads_;
    std::vector<Download> opened_;
    std::map<std::string, std::string> overlay_edits_;
    std::map<std::string, Rect> frame_overlays_;
    std::map<std::string, Rect> shown_overlays_;
    double now_ms_ = 1'000'000;
    std::multiset<double> timers_due_ms_;
    bool frame_requested_ = false;
    bool offline_ = false;
    std::size_t requests_sent_ = 0;
};

} // namespace naervaer::client
