#pragma once
// A real Nærvær server for tests, started in-process on an ephemeral loopback port with a
// temporary data directory, and an HTTP session helper that carries the cookie and CSRF token.
// Header-only so every test suite (server, client) can include it:
//
//   naervaer::testing::TestServer server;              // demo organisation, fast hashing
//   REQUIRE(server.started());
//   naervaer::testing::Session admin(server);
//   admin.login("admin@demo.naervaer.dk", "demo-admin");
//   auto reply = admin.get("/api/v1/sync?since=0");
//
// Readiness is start()'s return: the socket is listening by then, so no test sleeps to wait.
#include "naervaer/server/server.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace naervaer::testing {

// A directory under the system's temp dir, removed with everything in it on destruction.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "naervaer-test-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// The system clock plus an offset the test moves forward: session expiry and rate-limit windows
// are tested without sleeping.
class ManualClock {
public:
    std::chrono::system_clock::time_point now() const {
        return std::chrono::system_clock::now() + std::chrono::seconds(offset_->load());
    }
    void advance(std::chrono::seconds by) { *offset_ += by.count(); }
    std::function<std::chrono::system_clock::time_point()> as_function() const {
        return [offset = offset_] { return std::chrono::system_clock::now() + std::chrono::seconds(offset->load()); };
    }

private:
    std::shared_ptr<std::atomic<long long>> offset_ = std::make_shared<std::atomic<long long>>(0);
};

class TestServer {
public:
    // Defaults: loopback, port 0, the demo organisation, minimal password hashing, quiet.
    explicit TestServer(const std::function<void(server::Config&)>& customize = {}) {
        config_.bind_address = "127.0.0.1";
        config_.port = 0;
        config_.data_dir = dir_.path() / "data";
        config_.demo = true;
        config_.quiet = true;
        config_.workers = 16;
        config_.password_hash_cost = server::PasswordHashCost::minimal_for_tests;
        config_.clock = clock_.as_function();
        if (customize) customize(config_);
        start();
    }
    ~TestServer() { stop(); }
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    bool started() const { return started_; }
    const std::string& error() const { return server_->error(); }
    int port() const { return server_->port(); }
    const server::Config& config() const { return config_; }
    ManualClock& clock() { return clock_; }
    const std::filesystem::path& temp_dir() const { return dir_.path(); }

    // Graceful stop, as on SIGTERM.
    void stop() {
        if (server_) server_->stop();
    }
    // A new server on the same data directory (a new port).
    bool restart() {
        stop();
        server_.reset();
        return start();
    }

    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port());
        c.set_connection_timeout(std::chrono::seconds(5));
        c.set_read_timeout(std::chrono::seconds(15));
        c.set_write_timeout(std::chrono::seconds(15));
        return c;
    }

private:
    TempDir dir_;
    ManualClock clock_;
    server::Config config_;
    std::unique_ptr<server::Server> server_;
    bool started_ = false;

    bool start() {
        server_ = std::make_unique<server::Server>(config_);
        started_ = server_->start();
        return started_;
    }
};

// An HTTP answer with its body parsed as JSON (null when it is not JSON).
struct Reply {
    int status = 0; // 0: no answer (connection failed)
    nlohmann::json body;
    std::string raw;
    httplib::Headers headers;

    std::string header(const std::string& name) const {
        const auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
    std::string error_code() const {
        return body.is_object() && body.contains("error") && body["error"].contains("code")
                   ? body["error"]["code"].get<std::string>()
                   : std::string();
    }
};

inline Reply to_reply(const httplib::Result& result) {
    Reply reply;
    if (!result) return reply;
    reply.status = result->status;
    reply.raw = result->body;
    reply.headers = result->headers;
    reply.body = nlohmann::json::parse(result->body, nullptr, false);
    if (reply.body.is_discarded()) reply.body = nullptr;
    return reply;
}

// A browser-like API session: keeps the session cookie and the CSRF token from login.
class Session {
public:
    explicit Session(const TestServer& server) : server_(server) {}

    Reply login(const std::string& email, const std::string& password) {
        Reply reply = post("/api/v1/auth/login", {{"email", email}, {"password", password}});
        if (reply.status == 200) {
            const std::string set_cookie = reply.header("Set-Cookie");
            cookie_ = set_cookie.substr(0, set_cookie.find(';'));
            csrf_ = reply.body.value("csrf_token", "");
        }
        return reply;
    }

    Reply get(const std::string& path, httplib::Headers extra = {}) const {
        auto client = server_.client();
        return to_reply(client.Get(path.c_str(), with_session(std::move(extra), false)));
    }
    Reply post(const std::string& path, const nlohmann::json& body, httplib::Headers extra = {}) const {
        return send("POST", path, body.dump(), "application/json", std::move(extra));
    }
    Reply patch(const std::string& path, const nlohmann::json& body, httplib::Headers extra = {}) const {
        return send("PATCH", path, body.dump(), "application/json", std::move(extra));
    }
    Reply send(const std::string& method, const std::string& path, const std::string& body,
               const std::string& content_type, httplib::Headers extra = {}) const {
        auto client = server_.client();
        const auto headers = with_session(std::move(extra), true);
        if (method == "POST") return to_reply(client.Post(path.c_str(), headers, body, content_type.c_str()));
        if (method == "PATCH") return to_reply(client.Patch(path.c_str(), headers, body, content_type.c_str()));
        if (method == "PUT") return to_reply(client.Put(path.c_str(), headers, body, content_type.c_str()));
        return to_reply(client.Delete(path.c_str(), headers, body, content_type.c_str()));
    }

    // POST /api/v1/sync with the given changes.
    Reply push(const nlohmann::json& changes, long long since = 0) const {
        return post("/api/v1/sync", {{"since", since}, {"changes", changes}});
    }

    const std::string& csrf() const { return csrf_; }
    void set_csrf(std::string token) { csrf_ = std::move(token); }
    const std::string& cookie() const { return cookie_; }
    void set_cookie(std::string cookie) { cookie_ = std::move(cookie); }
    bool send_csrf = true;

private:
    const TestServer& server_;
    std::string cookie_;
    std::string csrf_;

    httplib::Headers with_session(httplib::Headers headers, bool state_changing) const {
        if (!cookie_.empty()) headers.emplace("Cookie", cookie_);
        if (state_changing && send_csrf && !csrf_.empty() && headers.find("X-CSRF-Token") == headers.end()) {
            headers.emplace("X-CSRF-Token", csrf_);
        }
        return headers;
    }
};

} // namespace naervaer::testing
