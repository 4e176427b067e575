#include "http/api_error.hpp"

namespace naervaer::server {

ApiError::ApiError(int status, std::string code, std::string message_da, std::string message_en)
    : status_(status), code_(std::move(code)), message_da_(std::move(message_da)),
      message_en_(std::move(message_en)) {}

ApiError& ApiError::with_fields(nlohmann::json fields) {
    fields_ = std::move(fields);
    return *this;
}

ApiError& ApiError::with_changes(nlohmann::json changes) {
    changes_ = std::move(changes);
    return *this;
}

ApiError& ApiError::with_retry_after(long seconds) {
    retry_after_ = seconds;
    return *this;
}

nlohmann::json ApiError::to_json() const {
    nlohmann::json error = {{"code", code_}, {"message", message_da_}, {"message_en", message_en_}};
    if (!fields_.is_null() && !fields_.empty()) error["fields"] = fields_;
    if (!changes_.is_null()) error["changes"] = changes_;
    return {{"error", std::move(error)}};
}

void FieldErrors::add(const std::string& field, std::string code, std::string message_da, std::string message_en) {
    if (fields_.contains(field)) return; // first error per field, like ValidationResult
    fields_[field] = {{"code", std::move(code)}, {"message", std::move(message_da)}, {"message_en", std::move(message_en)}};
}

namespace errors {

ApiError bad_request(nlohmann::json fields) {
    return ApiError(400, "bad_request", "Forespørgslen har et forkert format", "The request is malformed")
        .with_fields(std::move(fields));
}

ApiError validation(nlohmann::json fields) {
    return ApiError(422, "validation", "Nogle felter er ikke udfyldt korrekt", "Some fields are not valid")
        .with_fields(std::move(fields));
}

ApiError unauthenticated() {
    return ApiError(401, "unauthenticated", "Du er ikke logget ind", "You are not logged in");
}

ApiError session_expired() {
    return ApiError(401, "session_expired", "Du er blevet logget ud. Log ind igen",
                    "Your session has expired. Please log in again");
}

ApiError invalid_credentials() {
    // One answer for an unknown e-mail, a wrong password and a deactivated account, so the login
    // form does not tell which e-mail addresses have accounts.
    return ApiError(401, "invalid_credentials", "Forkert e-mail eller adgangskode", "Wrong e-mail or password");
}

ApiError csrf() {
    return ApiError(403, "csrf", "Forespørgslen mangler et gyldigt sikkerhedstoken",
                    "The request lacks a valid CSRF token");
}

ApiError cross_origin() {
    return ApiError(403, "csrf", "Forespørgslen kommer fra et andet website",
                    "The request comes from another origin");
}

ApiError forbidden() {
    return ApiError(403, "forbidden", "Du har ikke adgang til dette", "You may not do this");
}

ApiError password_change_required() {
    return ApiError(403, "password_change_required", "Du skal skifte din adgangskode først",
                    "You must change your password first");
}

ApiError not_found() { return ApiError(404, "not_found", "Findes ikke", "Not found"); }

ApiError unsupported_media_type() {
    return ApiError(415, "unsupported_media_type", "Forespørgslen skal være JSON (application/json)",
                    "The request must be JSON (application/json)");
}

ApiError rate_limited(long retry_after_seconds) {
    return ApiError(429, "rate_limited", "For mange forsøg. Prøv igen senere", "Too many attempts. Try again later")
        .with_retry_after(retry_after_seconds);
}

ApiError internal() {
    return ApiError(500, "internal", "Der skete en fejl på serveren", "The server failed to handle the request");
}

} // namespace errors

} // namespace naervaer::server
