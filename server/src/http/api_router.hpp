#pragma once
// Registers API routes on the HTTP server with one request pipeline, so no handler can forget a
// step. For every /api/v1 request, in order:
//   1. Cache-Control: no-store (answers carry personal data);
//   2. an Origin header naming another origin is refused (403 csrf);
//   3. session routes: the cookie's session is resolved (401), a user who must change the
//      password is held at /auth/password (403 password_change_required);
//   4. state-changing methods: X-CSRF-Token must match the session's token (403 csrf; not on
//      login, which has no session yet) and the body must be application/json (415);
//   5. the body is checked and parsed (400 invalid_utf8 / too_deep / malformed_json);
//   6. the handler runs; an ApiError becomes its JSON answer, anything else a bare 500.
#include "http/api_error.hpp"
#include "naervaer/server/server.hpp"
#include "services/auth_context.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace naervaer::server {

class AuthService;

enum class Access {
    anonymous,                     // health, login
    session,                       // everything else
    session_before_password_change // /auth/me, /auth/password, /auth/logout
};

struct ApiRequest {
    const httplib::Request& http;
    const AuthContext* who = nullptr; // set on session routes
    nlohmann::json body;              // parsed body of state-changing requests, {} otherwise
};

struct ApiResponse {
    int status = 200;
    nlohmann::json body = nlohmann::json::object();
    // Already serialized JSON; when not empty it is sent instead of `body` (sync answers are
    // assembled from stored JSON text without a tree).
    std::string raw_body;
    std::vector<std::pair<std::string, std::string>> headers;
};

using ApiHandler = std::function<ApiResponse(ApiRequest&)>;

inline constexpr const char* session_cookie_name = "naervaer_session";

class ApiRouter {
public:
    ApiRouter(httplib::Server& http, AuthService& auth, const Config& config);

    void get(const std::string& pattern, Access access, ApiHandler handler);
    void post(const std::string& pattern, Access access, ApiHandler handler);
    void patch(const std::string& pattern, Access access, ApiHandler handler);
    // Any other /api path answers 404 JSON, and any other body-carrying request anywhere has its
    // body drained within the limit before a 404; call after registering the routes.
    void add_not_found_fallback();

    const Config& config() const { return config_; }

private:
    httplib::Server& http_;
    AuthService& auth_;
    const Config& config_;

    httplib::Server::Handler wrap(Access access, ApiHandler handler);
    httplib::Server::HandlerWithContentReader wrap_with_body(Access access, ApiHandler handler);
    void run(const httplib::Request& req, httplib::Response& res, Access access, bool state_changing,
             const std::string& body, const ApiHandler& handler);
};

// Reads a request body through cpp-httplib's ContentReader, keeping at most `limit` bytes.
// CVE-2025-46728: 0.11.4 applies no limit to chunked bodies when it buffers them itself, so every
// body-carrying route reads this way. A body over the limit is drained and discarded up to
// `drain_limit` so the client, still sending, reliably receives the 413 (closing on unread data
// makes the kernel reset the connection, and the answer can be lost); past that the read stops.
struct BodyRead {
    std::string body;
    bool complete = false;
    bool too_large = false;
};
BodyRead read_limited_body(const httplib::ContentReader& reader, std::size_t limit, std::size_t drain_limit);

void write_json(httplib::Response& res, int status, const nlohmann::json& body);
void write_json_text(httplib::Response& res, int status, std::string&& json_text);
void write_error(httplib::Response& res, const ApiError& error);
// The session token from the request's cookies, or "" when there is none.
std::string session_token_from_cookies(const httplib::Request& req);
// Whether an Origin header, when present, names this server's own origin.
bool origin_matches_host(const httplib::Request& req);

} // namespace naervaer::server
