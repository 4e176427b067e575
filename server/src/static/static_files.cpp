#include "static/static_files.hpp"

#include "http/api_error.hpp"
#include "http/api_router.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>

namespace naervaer::server {

namespace fs = std::filesystem;

namespace {

bool is_inside(const fs::path& root, const fs::path& candidate) {
    // Component-wise, so /srv/web-evil is not "inside" /srv/web.
    const auto [root_end, _] = std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
    return root_end == root.end();
}

std::optional<std::string> read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream out;
    out << in.rdbuf();
    return std::move(out).str();
}

bool is_regular(const fs::path& file) {
    std::error_code ec;
    return fs::is_regular_file(file, ec);
}

} // namespace

std::string content_type_for(const fs::path& file) {
    static const std::map<std::string, std::string> types = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".wasm", "application/wasm"},
        {".json", "application/json; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".ttf", "font/ttf"},
        {".woff2", "font/woff2"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".txt", "text/plain; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
    };
    std::string extension = file.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto it = types.find(extension);
    return it != types.end() ? it->second : "application/octet-stream";
}

bool accepts_gzip(const std::string& accept_encoding) {
    std::string_view rest = accept_encoding;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        std::string_view item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        const auto start = item.find_first_not_of(' ');
        if (start == std::string_view::npos) continue;
        item.remove_prefix(start);
        const auto semicolon = item.find(';');
        std::string_view coding = item.substr(0, semicolon);
        while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
        if (coding != "gzip" && coding != "*") continue;
        if (semicolon != std::string_view::npos) {
            std::string_view params = item.substr(semicolon + 1);
            params.remove_prefix(std::min(params.find_first_not_of(' '), params.size()));
            if (params.starts_with("q=0") && params.find_first_of("123456789", 3) == std::string_view::npos) {
                continue; // q=0, q=0.0, q=0.000: explicitly refused
            }
        }
        return true;
    }
    return false;
}

StaticFiles::StaticFiles(const fs::path& root) {
    if (root.empty()) return;
    std::error_code ec;
    fs::path canonical = fs::canonical(root, ec);
    if (!ec && fs::is_directory(canonical, ec)) root_ = std::move(canonical);
}

std::optional<fs::path> StaticFiles::resolve(const std::string& url_path) const {
    if (!root_) return std::nullopt;
    std::string relative = url_path == "/" ? std::string("index.html") : url_path.substr(1);
    // No NUL, no backslashes, and no dot segments or hidden files (.., ., .git): the checks run
    // on the decoded path cpp-httplib hands over, and canonicalisation below backs them up.
    if (relative.find('\0') != std::string::npos || relative.find('\\') != std::string::npos) return std::nullopt;
    for (const auto& part : fs::path(relative)) {
        const std::string s = part.string();
        if (s.empty() || s.front() == '.') return std::nullopt;
    }
    std::error_code ec;
    const fs::path candidate = fs::weakly_canonical(*root_ / relative, ec);
    // Symbolic links pointing out of the root resolve outside it and are refused too.
    if (ec || !is_inside(*root_, candidate) || !is_regular(candidate)) return std::nullopt;
    return candidate;
}

void StaticFiles::handle(const httplib::Request& req, httplib::Response& res) const {
    const auto file = resolve(req.path);
    if (!file) {
        write_error(res, errors::not_found());
        return;
    }
    res.set_header("Content-Security-Policy", content_security_policy);
    // The files have stable names (no content hash), so the browser must revalidate each time;
    // index.html above all, as it names the rest.
    res.set_header("Cache-Control", "no-cache");

    fs::path chosen = *file;
    fs::path gzipped = *file;
    gzipped += ".gz";
    const bool has_gzip = is_regular(gzipped) && is_inside(*root_, fs::weakly_canonical(gzipped));
    if (has_gzip) {
        res.set_header("Vary", "Accept-Encoding");
        if (accepts_gzip(req.get_header_value("Accept-Encoding"))) {
            chosen = gzipped;
            res.set_header("Content-Encoding", "gzip");
        }
    }
    auto content = read_file(chosen);
    if (!content) {
        write_error(res, errors::not_found());
        return;
    }
    res.status = 200;
    if (!has_gzip) {
        // cpp-httplib may compress this on the fly for clients that accept it.
        res.set_content(*content, content_type_for(*file));
        return;
    }
    // cpp-httplib 0.11.4 compresses any text/* body when Accept-Encoding mentions gzip, even one
    // that already has a Content-Encoding (the .gz would be gzipped twice) or that the client
    // refused with q=0. It leaves bodies from a sized content provider alone, so precompressed
    // files, and plain files refused compression, go out that way.
    const auto shared = std::make_shared<const std::string>(std::move(*content));
    res.set_content_provider(shared->size(), content_type_for(*file),
                             [shared](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                 const std::size_t available = shared->size() - std::min(offset, shared->size());
                                 return sink.write(shared->data() + offset, std::min(length, available));
                             });
}

} // namespace naervaer::server
