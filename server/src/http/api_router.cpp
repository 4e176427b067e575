#include "http/api_router.hpp"

#include "auth/tokens.hpp"
#include "http/json_body.hpp"
#include "services/auth_service.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace naervaer::server {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

bool is_json_content_type(const httplib::Request& req) {
    const std::string type = req.get_header_value("Content-Type");
    const std::string_view media = std::string_view(type).substr(0, type.find(';'));
    const auto end = media.find_last_not_of(" \t");
    return end != std::string_view::npos && iequals(media.substr(0, end + 1), "application/json");
}

} // namespace

void write_json(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    // error_handler_t::replace: a string that is not valid UTF-8 (it cannot come from a request,
    // which is checked, but could from an old database row) must not throw while answering.
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                    "application/json; charset=utf-8");
}

void write_json_text(httplib::Response& res, int status, std::string&& json_text) {
    res.status = status;
    // What set_content does, without copying the body (0.11.4 has no rvalue overload).
    res.body = std::move(json_text);
    res.headers.erase("Content-Type");
    res.set_header("Content-Type", "application/json; charset=utf-8");
}

void write_error(httplib::Response& res, const ApiError& error) {
    write_json(res, error.status(), error.to_json());
    if (error.retry_after()) res.set_header("Retry-After", std::to_string(*error.retry_after()));
}

std::string session_token_from_cookies(const httplib::Request& req) {
    const auto range = req.headers.equal_range("Cookie");
    for (auto it = range.first; it != range.second; ++it) {
        std::string_view rest = it->second;
        while (!rest.empty()) {
            const auto end = rest.find(';');
            std::string_view pair = rest.substr(0, end);
            rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
            const auto start = pair.find_first_not_of(' ');
            if (start == std::string_view::npos) continue;
            pair.remove_prefix(start);
            const auto eq = pair.find('=');
            if (eq == std::string_view::npos) continue;
            if (pair.substr(0, eq) == session_cookie_name) return std::string(pair.substr(eq + 1));
        }
    }
    return {};
}

bool origin_matches_host(const httplib::Request& req) {
    if (!req.has_header("Origin")) return true; // same-origin GETs and non-browser clients
    const std::string origin = req.get_header_value("Origin");
    const std::string host = req.get_header_value("Host");
    if (host.empty()) return false;
    for (const std::string_view scheme : {"http://", "https://"}) {
        if (origin.size() > scheme.size() && iequals(std::string_view(origin).substr(0, scheme.size()), scheme)) {
            return iequals(std::string_view(origin).substr(scheme.size()), host);
        }
    }
    return false; // "null" (sandboxed frames, file://) and anything else
}

ApiRouter::ApiRouter(httplib::Server& http, AuthService& auth, const Config& config)
    : http_(http), auth_(auth), config_(config) {}

BodyRead read_limited_body(const httplib::ContentReader& reader, std::size_t limit, std::size_t drain_limit) {
    BodyRead read;
    std::size_t total = 0;
    read.complete = reader([&](const char* data, std::size_t length) {
        total += length;
        if (total > drain_limit) return false;
        if (total > limit) {
            read.too_large = true;
            std::string().swap(read.body); // discard what was kept
            return true;
        }
        read.body.append(data, length);
        return true;
    });
    if (total > limit) read.too_large = true;
    return read;
}

namespace {

std::size_t drain_limit_for(std::size_t limit) { return std::max<std::size_t>(limit * 8, 1 << 20); }

ApiError payload_too_large() {
    return ApiError(413, "payload_too_large", "Forespørgslen er for stor", "The request is too large");
}

} // namespace

void ApiRouter::get(const std::string& pattern, Access access, ApiHandler handler) {
    http_.Get(pattern, wrap(access, std::move(handler)));
}

void ApiRouter::post(const std::string& pattern, Access access, ApiHandler handler) {
    http_.Post(pattern, wrap_with_body(access, std::move(handler)));
}

void ApiRouter::patch(const std::string& pattern, Access access, ApiHandler handler) {
    http_.Patch(pattern, wrap_with_body(access, std::move(handler)));
}

void ApiRouter::add_not_found_fallback() {
    http_.Get("/api/.*", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        write_error(res, errors::not_found());
    });
    // For every path, not only /api: cpp-httplib buffers the body of a request no
    // content-reader route matches without any limit for chunked bodies (CVE-2025-46728).
    const std::size_t limit = config_.payload_limit;
    const auto drain_then_not_found = [limit](const httplib::Request&, httplib::Response& res,
                                              const httplib::ContentReader& reader) {
        const BodyRead read = read_limited_body(reader, limit, drain_limit_for(limit));
        // The library itself answers a Content-Length over its limit with status 413.
        const bool too_large = read.too_large || res.status == 413;
        res.set_header("Cache-Control", "no-store");
        write_error(res, too_large ? payload_too_large() : errors::not_found());
        if (!read.complete) res.set_header("Connection", "close");
    };
    const std::string any = ".*";
    http_.Post(any, drain_then_not_found);
    http_.Put(any, drain_then_not_found);
    http_.Patch(any, drain_then_not_found);
    http_.Delete(any, drain_then_not_found);
}

httplib::Server::Handler ApiRouter::wrap(Access access, ApiHandler handler) {
    return [this, access, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
        run(req, res, access, false, std::string(), handler);
    };
}

httplib::Server::HandlerWithContentReader ApiRouter::wrap_with_body(Access access, ApiHandler handler) {
    return [this, access, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res,
                                                        const httplib::ContentReader& reader) {
        const std::size_t limit = config_.payload_limit;
        const BodyRead read = read_limited_body(reader, limit, drain_limit_for(limit));
        // The library itself skips a Content-Length body over its limit and sets status 413.
        const bool too_large = read.too_large || res.status == 413;
        if (too_large || !read.complete) {
            res.set_header("Cache-Control", "no-store");
            write_error(res, too_large ? payload_too_large() : errors::bad_request());
            // What is left of the body is still on the socket.
            if (!read.complete) res.set_header("Connection", "close");
            return;
        }
        run(req, res, access, true, read.body, handler);
    };
}

void ApiRouter::run(const httplib::Request& req, httplib::Response& res, Access access, bool state_changing,
                    const std::string& body, const ApiHandler& handler) {
    res.set_header("Cache-Control", "no-store");
    try {
        if (!origin_matches_host(req)) throw errors::cross_origin();

        ApiRequest request{req, nullptr, nlohmann::json::object()};
        AuthContext who;
        if (access != Access::anonymous) {
            who = auth_.authenticate(session_token_from_cookies(req));
            if (who.user.user.must_change_password && access == Access::session) {
                throw errors::password_change_required();
            }
            // Double-submit is not enough against a sibling subdomain that can set cookies, so
            // the token lives server-side and is compared in constant time.
            if (state_changing && !constant_time_equal(req.get_header_value("X-CSRF-Token"), who.session.csrf_token)) {
                throw errors::csrf();
            }
            request.who = &who;
        }
        if (state_changing) {
            if (!is_json_content_type(req)) throw errors::unsupported_media_type();
            request.body = parse_json_body(body);
        }

        ApiResponse response = handler(request);
        if (!response.raw_body.empty()) {
            write_json_text(res, response.status, std::move(response.raw_body));
        } else {
            write_json(res, response.status, response.body);
        }
        for (auto& [name, value] : response.headers) res.set_header(name, value);
    } catch (const ApiError& error) {
        write_error(res, error);
    } catch (const std::exception& e) {
        // The cause goes to the server's log, never to the client (docs/api.md: a 500 carries
        // no internals).
        std::fprintf(stderr, "naervaer: internal error on %s %s: %s\n", req.method.c_str(), req.path.c_str(),
                     e.what());
        write_error(res, errors::internal());
    }
}

} // namespace naervaer::server
