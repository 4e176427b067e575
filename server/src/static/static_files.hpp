#pragma once
// Serves the web client (index.html, the wasm, the JS, fonts) from Config::web_root, from the same
// origin as the API so cookies just work and no CORS is needed (ARCHITECTURE.md).
#include <httplib.h>

#include <filesystem>
#include <optional>

namespace naervaer::server {

// The Content-Security-Policy of every static answer. 'wasm-unsafe-eval' lets the page compile
// its WebAssembly without allowing eval() of JS; 'unsafe-inline' styles are needed by
// Emscripten's generated JS, which sets element styles; blob: images serve file downloads
// (policy documents) previewed in the page.
inline constexpr const char* content_security_policy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'";

class StaticFiles {
public:
    // An empty or missing root serves nothing (API-only server).
    explicit StaticFiles(const std::filesystem::path& root);

    void handle(const httplib::Request& req, httplib::Response& res) const;

private:
    std::optional<std::filesystem::path> root_; // canonical

    std::optional<std::filesystem::path> resolve(const std::string& url_path) const;
};

// "text/javascript; charset=utf-8" etc., by file extension.
std::string content_type_for(const std::filesystem::path& file);
// Whether the client's Accept-Encoding allows gzip (and does not refuse it with q=0).
bool accepts_gzip(const std::string& accept_encoding);

} // namespace naervaer::server
