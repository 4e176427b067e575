#pragma once
// JSON over the platform's HTTP: adds the CSRF header and content type to state-changing requests
// and turns every answer into an ApiResult, so callers branch on one shape instead of parsing
// bodies and statuses each time. Never throws: a body that is not JSON is an error, not a crash.
#include "platform/platform.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace naervaer::client {

// {"error": {"code", "message", "message_en", "fields", "changes"}} of docs/api.md, or a
// client-made one: "offline" (no answer) and "bad_response" (not the JSON we expect).
struct ApiError {
    std::string code;
    std::string message_da;
    std::string message_en;
    nlohmann::json fields = nlohmann::json::object(); // field -> {code, message, message_en}
    nlohmann::json changes = nlohmann::json::array(); // sync: [{index, type, id, code, message, ...}]

    const std::string& message(const std::string& language) const {
        return language == "en" && !message_en.empty() ? message_en : message_da;
    }
};

struct ApiResult {
    int status = 0;
    nlohmann::json body; // the parsed answer (discarded when not JSON)
    std::optional<ApiError> error;

    bool ok() const { return !error; }
    bool offline() const { return status == 0; }
};

class ApiClient {
  public:
    using Callback = std::function<void(ApiResult)>;

    explicit ApiClient(Platform& platform) : platform_(platform) {}

    // The token from login or /auth/me; sent as X-CSRF-Token on every state-changing request.
    void set_csrf_token(std::string token) { csrf_token_ = std::move(token); }
    const std::string& csrf_token() const { return csrf_token_; }

    void get(const std::string& path, Callback done);
    void post(const std::string& path, const nlohmann::json& body, Callback done);
    void patch(const std::string& path, const nlohmann::json& body, Callback done);

    // Exposed for tests of the decoding rules.
    static ApiResult decode(const HttpResponse& response);

  private:
    void send(std::string method, const std::string& path, const nlohmann::json* body, Callback done);

    Platform& platform_;
    std::string csrf_token_;
};

} // namespace naervaer::client
