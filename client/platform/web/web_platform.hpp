#pragma once
// naervaer::client::Platform in the browser. Each concern lives in its own class (fetch, IndexedDB,
// clipboard, text overlays, frame scheduling); this class wires them together and adds the small
// things (connectivity, time, language preference, downloads).
//
// Beyond the Platform interface it offers the runner (client/web) what only a runner needs: the
// frame scheduler, the completion queue to drain at the start of a frame, and the clipboard.
#include "platform/platform.hpp"
#include "platform/web/clipboard.hpp"
#include "platform/web/completion_queue.hpp"
#include "platform/web/frame_scheduler.hpp"
#include "platform/web/http_client.hpp"
#include "platform/web/key_value_store.hpp"
#include "platform/web/text_overlays.hpp"

namespace naervaer::client {

class WebPlatform final : public Platform {
  public:
    WebPlatform();
    ~WebPlatform() override;
    WebPlatform(const WebPlatform&) = delete;
    WebPlatform& operator=(const WebPlatform&) = delete;

    // ---- Platform ----
    void http(HttpRequest request, std::function<void(HttpResponse)> done) override;
    bool online() const override { return online_; }
    void storage_load(std::function<void(std::map<std::string, std::string>)> done) override;
    void storage_put(const std::string& key, std::string value) override;
    void storage_remove(const std::string& key) override;
    void set_clipboard_text(const std::string& text) override { clipboard_.set_text(text); }
    std::string clipboard_text() const override { return clipboard_.text(); }
    void download_file(const std::string& filename, const std::string& mime_type,
                       const std::string& bytes) override;
    bool open_document(const std::string& filename, const std::string& mime_type,
                       const std::string& bytes) override;
    double now_ms() const override;
    std::string today_iso() const override;
    void request_frame() override { frames_.request(); }
    void request_frame_in(double milliseconds) override { frames_.request_in(milliseconds); }
    bool text_overlay(const std::string& key, Rect rect, std::string& text, std::size_t max_bytes,
                      const std::string& placeholder) override;
    void end_frame() override;
    std::string preferred_language() const override;
    void set_preferred_language(const std::string& language) override;

    // ---- for the runner ----
    web::FrameScheduler& frames() { return frames_; }
    web::Clipboard& clipboard() { return clipboard_; }
    web::TextOverlays& text_overlays() { return overlays_; }
    // Starts a frame: delivers queued completions. end_frame() may then be called by the app, the
    // runner or both; only the first call of a frame counts.
    void begin_frame();

    // Called from JS (library_platform.js) on the online/offline events.
    void set_online(bool online);

  private:
    web::FrameScheduler frames_;
    web::CompletionQueue completions_{frames_};
    web::HttpClient http_{completions_};
    web::KeyValueStore storage_{completions_};
    web::Clipboard clipboard_;
    web::TextOverlays overlays_{frames_};
    bool online_ = true;
    bool frame_ended_ = false;
};

} // namespace naervaer::client
