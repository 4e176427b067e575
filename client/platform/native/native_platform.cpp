#include "platform/native/native_platform.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace naervaer::client {

namespace {
constexpr std::string_view session_cookie_name = "naervaer_session";
}

NativePlatform::NativePlatform(Options options)
    : base_url_(std::move(options.base_url)), storage_file_(std::move(options.storage_file)),
      today_iso_(std::move(options.today_iso)), language_(std::move(options.language)) {
    if (storage_file_.empty()) return;
    if (std::ifstream cookie(cookie_file()); cookie) std::getline(cookie, session_cookie_);
    std::ifstream in(storage_file_);
    if (!in) return;
    std::stringstream text;
    text << in.rdbuf();
    const auto j = nlohmann::json::parse(text.str(), nullptr, false);
    if (!j.is_object()) return;
    for (const auto& [key, value] : j.items())
        if (value.is_string()) storage_[key] = value.get<std::string>();
}

NativePlatform::~NativePlatform() = default;

// ---- network --------------------------------------------------------------------------------

void NativePlatform::http(HttpRequest request, std::function<void(HttpResponse)> done) {
    requests_.push_back({std::move(request), std::move(done)});
}

std::size_t NativePlatform::pump() {
    std::size_t completed = 0;
    if (load_callback_) {
        auto done = std::move(load_callback_);
        load_callback_ = nullptr;
        done(storage_);
        ++completed;
    }
    // Only what was queued before this pump: answers may queue follow-ups (paging, retries).
    std::deque<Queued> batch;
    batch.swap(requests_);
    for (auto& queued : batch) {
        HttpResponse response = send(queued.request);
        queued.done(std::move(response));
        ++completed;
    }
    if (completed > 0) frame_requested_ = true; // the browser draws after a completion too
    return completed;
}

HttpResponse NativePlatform::send(const HttpRequest& request) {
    HttpResponse response;
    if (offline_ || base_url_.empty()) {
        response.error = "offline";
        return response;
    }
    ++requests_sent_;
    httplib::Client client(base_url_);
    client.set_connection_timeout(5);
    client.set_read_timeout(30);

    httplib::Request req;
    req.method = request.method;
    req.path = request.path;
    req.body = request.body;
    for (const auto& [name, value] : request.headers)
        req.headers.emplace(name, value);
    // What the browser adds on its own to a same-origin request.
    if (!session_cookie_.empty())
        req.headers.emplace("Cookie", std::string(session_cookie_name) + "=" + session_cookie_);
    if (!request.body.empty() && !req.has_header("Content-Type"))
        req.headers.emplace("Content-Type", "application/json");

    auto result = client.send(req);
    if (!result) {
        response.error = httplib::to_string(result.error());
        return response;
    }
    response.status = result->status;
    response.body = result->body;
    auto [first, last] = result->headers.equal_range("Set-Cookie");
    for (auto it = first; it != last; ++it)
        remember_cookies(it->second);
    return response;
}

void NativePlatform::remember_cookies(const std::string& header) {
    // "naervaer_session=VALUE; HttpOnly; SameSite=Strict; Path=/" (Max-Age=0 or an empty value
    // clears it). Only the session cookie matters to the app.
    const std::string prefix = std::string(session_cookie_name) + "=";
    if (header.rfind(prefix, 0) != 0) return;
    const auto end = header.find(';');
    std::string value =
        header.substr(prefix.size(), end == std::string::npos ? std::string::npos : end - prefix.size());
    const bool expired =
        header.find("Max-Age=0") != std::string::npos || header.find("max-age=0") != std::string::npos;
    set_session_cookie(expired ? std::string() : value);
}

void NativePlatform::set_session_cookie(const std::string& value) {
    session_cookie_ = value;
    if (storage_file_.empty()) return;
    std::ofstream out(cookie_file(), std::ios::trunc);
    out << session_cookie_;
}

std::filesystem::path NativePlatform::cookie_file() const {
    std::filesystem::path path = storage_file_;
    path += ".cookie";
    return path;
}

// ---- storage --------------------------------------------------------------------------------

void NativePlatform::storage_load(std::function<void(std::map<std::string, std::string>)> done) {
    load_callback_ = std::move(done);
}

void NativePlatform::storage_put(const std::string& key, std::string value) {
    storage_[key] = std::move(value);
    write_storage_file();
}

void NativePlatform::storage_remove(const std::string& key) {
    if (storage_.erase(key) > 0) write_storage_file();
}

void NativePlatform::write_storage_file() const {
    if (storage_file_.empty()) return;
    // Whole-file rewrite: fine for tests; the browser's IndexedDB writes key by key.
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [key, value] : storage_)
        j[key] = value;
    std::ofstream out(storage_file_, std::ios::trunc);
    out << j.dump();
}

void NativePlatform::download_file(const std::string& filename, const std::string& mime_type,
                                   const std::string& bytes) {
    downloads_.push_back({filename, mime_type, bytes});
}

bool NativePlatform::open_document(const std::string& filename, const std::string& mime_type,
                                   const std::string& bytes) {
    opened_.push_back({filename, mime_type, bytes});
    return true;
}

// ---- frames and overlays --------------------------------------------------------------------

void NativePlatform::request_frame_in(double milliseconds) {
    timers_due_ms_.insert(now_ms_ + milliseconds);
}

bool NativePlatform::take_frame_request() {
    bool requested = frame_requested_;
    frame_requested_ = false;
    // Timers that came due fire once, like the browser's setTimeout.
    const auto due_end = timers_due_ms_.upper_bound(now_ms_);
    if (due_end != timers_due_ms_.begin()) {
        timers_due_ms_.erase(timers_due_ms_.begin(), due_end);
        requested = true;
    }
    return requested;
}

double NativePlatform::next_timer_ms() const {
    const auto next = timers_due_ms_.upper_bound(now_ms_);
    return next == timers_due_ms_.end() ? -1 : *next - now_ms_;
}

bool NativePlatform::text_overlay(const std::string& key, Rect rect, std::string& text, std::size_t max_bytes,
                                  const std::string&) {
    frame_overlays_[key] = rect;
    auto edit = overlay_edits_.find(key);
    if (edit == overlay_edits_.end()) return false;
    // A textarea's maxlength counts characters, not bytes; cut at a UTF-8 boundary like it would.
    std::string typed = std::move(edit->second);
    overlay_edits_.erase(edit);
    if (typed.size() > max_bytes) {
        std::size_t cut = max_bytes;
        while (cut > 0 && (static_cast<unsigned char>(typed[cut]) & 0xC0) == 0x80)
            --cut;
        typed.resize(cut);
    }
    if (typed == text) return false;
    text = std::move(typed);
    return true;
}

void NativePlatform::end_frame() {
    shown_overlays_ = std::move(frame_overlays_);
    frame_overlays_.clear();
}

} // namespace naervaer::client
