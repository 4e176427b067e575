#pragma once
// Same-origin HTTP through the browser's fetch(). Answers are delivered through the completion
// queue, so they reach the app at the start of a frame.
#include "platform/platform.hpp"
#include "platform/web/completion_queue.hpp"

#include <functional>
#include <unordered_map>

namespace naervaer::client::web {

class HttpClient {
  public:
    // A request without an answer after this long counts as failed (status 0), like a network error.
    static constexpr double kTimeoutMs = 30000;

    explicit HttpClient(CompletionQueue& completions);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    void send(const HttpRequest& request, std::function<void(HttpResponse)> done);

    // Called from JS (library_http.js) through the exported C function.
    void finish(int id, HttpResponse response);

  private:
    CompletionQueue& completions_;
    std::unordered_map<int, std::function<void(HttpResponse)>> pending_;
    int next_id_ = 1;
};

} // namespace naervaer::client::web
