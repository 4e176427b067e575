#pragma once
// The API's error answer (docs/api.md "Errors"): services throw an ApiError for a refused
// request, and the router turns it into
//   {"error": {"code", "message", "message_en", "fields"?, "changes"?}}
// with its status. Anything else that escapes a handler is a bug and answers a bare 500.
#include <nlohmann/json.hpp>

#include <exception>
#include <optional>
#include <string>

namespace naervaer {
class ValidationResult;
}

namespace naervaer::server {

class ApiError : public std::exception {
public:
    ApiError(int status, std::string code, std::string message_da, std::string message_en);

    int status() const { return status_; }
    const std::string& code() const { return code_; }
    const std::string& message_da() const { return message_da_; }
    const std::string& message_en() const { return message_en_; }
    const nlohmann::json& fields() const { return fields_; }
    const char* what() const noexcept override { return code_.c_str(); }

    // {"field": {"code","message","message_en"}}
    ApiError& with_fields(nlohmann::json fields);
    ApiError& with_changes(nlohmann::json changes);
    ApiError& with_retry_after(long seconds);
    std::optional<long> retry_after() const { return retry_after_; }

    nlohmann::json to_json() const;

private:
    int status_;
    std::string code_;
    std::string message_da_;
    std::string message_en_;
    nlohmann::json fields_;  // null when absent
    nlohmann::json changes_; // null when absent
    std::optional<long> retry_after_;
};

// Field errors built by the server itself, in the same shape ValidationResult::to_json() gives.
class FieldErrors {
public:
    void add(const std::string& field, std::string code, std::string message_da, std::string message_en);
    bool empty() const { return fields_.empty(); }
    const nlohmann::json& json() const { return fields_; }

private:
    nlohmann::json fields_ = nlohmann::json::object();
};

// The errors every route can give; the Danish text is what the UI shows.
namespace errors {
ApiError bad_request(nlohmann::json fields = nullptr);
ApiError validation(nlohmann::json fields);
ApiError unauthenticated();
ApiError session_expired();
ApiError invalid_credentials();
ApiError csrf();
ApiError cross_origin();
ApiError forbidden();
ApiError password_change_required();
ApiError not_found();
ApiError unsupported_media_type();
ApiError rate_limited(long retry_after_seconds);
ApiError internal();
} // namespace errors

} // namespace naervaer::server
