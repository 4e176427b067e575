#include "http/json_body.hpp"
#include "http/routes.hpp"
#include "services/auth_service.hpp"

namespace naervaer::server {

namespace {

std::string session_cookie(const std::string& token, std::chrono::seconds ttl, bool secure) {
    // HttpOnly: scripts (and so injected scripts) cannot read it. SameSite=Strict: browsers do not
    // send it on requests started by other sites, the first line against CSRF.
    std::string cookie = std::string(session_cookie_name) + "=" + token +
                         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(ttl.count());
    if (secure) cookie += "; Secure";
    return cookie;
}

std::string expired_cookie(bool secure) {
    std::string cookie = std::string(session_cookie_name) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
    if (secure) cookie += "; Secure";
    return cookie;
}

} // namespace

void register_auth_routes(ApiRouter& router, AuthService& auth) {
    const Config& config = router.config();

    router.post("/api/v1/auth/login", Access::anonymous, [&auth, &config](ApiRequest& request) {
        BodyReader body(request.body);
        const auto email = body.string("email", true);
        const auto password = body.string("password", true);
        body.finish();
        // req.remote_addr is the socket's peer address. Never a header: a client can send
        // REMOTE_ADDR itself and in cpp-httplib 0.11.4 it would shadow the real one
        // (CVE-2025-66570).
        LoginOutcome outcome = auth.login(*email, *password, request.http.remote_addr);
        ApiResponse response;
        response.body = session_json(outcome.context, outcome.organisation);
        response.headers.emplace_back("Set-Cookie", session_cookie(outcome.token, config.session_ttl,
                                                                   config.secure_cookies));
        return response;
    });

    router.post("/api/v1/auth/logout", Access::session_before_password_change, [&auth, &config](ApiRequest& request) {
        auth.logout(*request.who);
        ApiResponse response;
        response.headers.emplace_back("Set-Cookie", expired_cookie(config.secure_cookies));
        return response;
    });

    router.get("/api/v1/auth/me", Access::session_before_password_change, [&auth](ApiRequest& request) {
        ApiResponse response;
        response.body = session_json(*request.who, auth.organisation_of(*request.who));
        return response;
    });

    router.post("/api/v1/auth/password", Access::session_before_password_change, [&auth](ApiRequest& request) {
        BodyReader body(request.body);
        const auto current = body.string("current_password", true);
        const auto replacement = body.string("new_password", true);
        body.finish();
        auth.change_password(*request.who, *current, *replacement);
        return ApiResponse{};
    });
}

} // namespace naervaer::server
