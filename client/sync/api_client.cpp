#include "sync/api_client.hpp"

#include "sync/json_fields.hpp"

namespace naervaer::client {

using nlohmann::json;

namespace {

ApiError client_error(std::string code, std::string da, std::string en) {
    ApiError e;
    e.code = std::move(code);
    e.message_da = std::move(da);
    e.message_en = std::move(en);
    return e;
}

} // namespace

ApiResult ApiClient::decode(const HttpResponse& response) {
    ApiResult result;
    result.status = response.status;
    if (response.status == 0) {
        result.error =
            client_error("offline", "Ingen forbindelse til serveren", "No connection to the server");
        return result;
    }
    result.body = json::parse(response.body, nullptr, false);
    const bool success = response.status >= 200 && response.status < 300;
    if (result.body.is_discarded() || !result.body.is_object()) {
        result.body = json::object();
        // A proxy's HTML error page, a truncated body: say what the status says.
        result.error =
            success ? client_error("bad_response", "Uventet svar fra serveren",
                                   "Unexpected answer from the server")
                    : client_error("http_" + std::to_string(response.status),
                                   "Serveren svarede med fejl " + std::to_string(response.status),
                                   "The server answered with error " + std::to_string(response.status));
        return result;
    }
    if (success) return result;

    ApiError error = client_error("http_" + std::to_string(response.status),
                                  "Serveren svarede med fejl " + std::to_string(response.status),
                                  "The server answered with error " + std::to_string(response.status));
    if (auto it = result.body.find("error"); it != result.body.end() && it->is_object()) {
        if (auto code = string_field(*it, "code"); !code.empty()) error.code = std::move(code);
        if (auto da = string_field(*it, "message"); !da.empty()) error.message_da = std::move(da);
        if (auto en = string_field(*it, "message_en"); !en.empty()) error.message_en = std::move(en);
        if (auto f = it->find("fields"); f != it->end() && f->is_object()) error.fields = *f;
        if (auto c = it->find("changes"); c != it->end() && c->is_array()) error.changes = *c;
    }
    result.error = std::move(error);
    return result;
}

void ApiClient::get(const std::string& path, Callback done) {
    send("GET", path, nullptr, std::move(done));
}

void ApiClient::post(const std::string& path, const json& body, Callback done) {
    send("POST", path, &body, std::move(done));
}

void ApiClient::patch(const std::string& path, const json& body, Callback done) {
    send("PATCH", path, &body, std::move(done));
}

void ApiClient::send(std::string method, const std::string& path, const json* body, Callback done) {
    HttpRequest request;
    request.method = std::move(method);
    request.path = path;
    if (body) {
        // Invalid UTF-8 must not throw (no exceptions in the browser build): replace it instead.
        request.body = body->dump(-1, ' ', false, json::error_handler_t::replace);
        request.headers.emplace_back("Content-Type", "application/json");
        if (!csrf_token_.empty()) request.headers.emplace_back("X-CSRF-Token", csrf_token_);
    }
    platform_.http(std::move(request),
                   [done = std::move(done)](HttpResponse response) { done(decode(response)); });
}

} // namespace naervaer::client
