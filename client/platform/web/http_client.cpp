#include "platform/web/http_client.hpp"

#include <emscripten/emscripten.h>

#include <cstdlib>
#include <string>
#include <utility>

extern "C" {
// library_http.js. Headers travel as "Name: value\r\n" lines: HTTP forbids CR and LF inside them.
void naervaer_js_http_send(int id, const char* method, const char* path, const char* headers,
                           const char* body, std::size_t body_length, double timeout_ms);
}

namespace naervaer::client::web {

namespace {
// One client per page: the JS side answers by request id through a plain C function.
HttpClient* instance = nullptr;
} // namespace

HttpClient::HttpClient(CompletionQueue& completions) : completions_(completions) {
    instance = this;
}

HttpClient::~HttpClient() {
    if (instance == this) instance = nullptr;
}

void HttpClient::send(const HttpRequest& request, std::function<void(HttpResponse)> done) {
    const int id = next_id_++;
    pending_.emplace(id, std::move(done));
    std::string headers;
    for (const auto& [name, value] : request.headers)
        headers += name + ": " + value + "\r\n";
    naervaer_js_http_send(id, request.method.c_str(), request.path.c_str(), headers.c_str(),
                          request.body.data(), request.body.size(), kTimeoutMs);
}

void HttpClient::finish(int id, HttpResponse response) {
    const auto it = pending_.find(id);
    if (it == pending_.end()) return;
    auto done = std::move(it->second);
    pending_.erase(it);
    completions_.post(
        [done = std::move(done), response = std::move(response)]() mutable { done(std::move(response)); });
}

} // namespace naervaer::client::web

// Takes ownership of the malloc'd body and error blocks.
extern "C" EMSCRIPTEN_KEEPALIVE void naervaer_http_done(int id, int status, char* body,
                                                        std::size_t body_length, char* error,
                                                        std::size_t error_length) {
    naervaer::client::HttpResponse response;
    response.status = status;
    if (body) response.body.assign(body, body_length);
    if (error) response.error.assign(error, error_length);
    std::free(body);
    std::free(error);
    if (naervaer::client::web::instance) naervaer::client::web::instance->finish(id, std::move(response));
}
