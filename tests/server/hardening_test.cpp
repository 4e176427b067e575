// Bad input and the cpp-httplib 0.11.4 weak spots: each answer is a 4xx JSON error with the right
// code, and the server stays healthy afterwards.
#include "helpers.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace naervaer::testing;
using nlohmann::json;

namespace {

// Sends raw bytes and reads the answer until the server closes (or 5 s pass).
std::string raw_exchange(int port, const std::string& request) {
    struct Socket {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        ~Socket() {
            if (fd >= 0) ::close(fd);
        }
    } socket;
    const int fd = socket.fd;
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    REQUIRE(::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
    std::string answer;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
        answer.append(buffer, static_cast<std::size_t>(n));
        if (answer.find("\r\n\r\n") != std::string::npos && answer.find('}') != std::string::npos) break;
    }
    return answer;
}

void check_healthy(const TestServer& server) {
    const Reply health = Session(server).get("/api/v1/health");
    CHECK(health.status == 200);
    CHECK(health.body["status"] == "ok");
}

} // namespace

TEST_CASE("hardening: malformed JSON, invalid UTF-8 and deep nesting each answer 400 with their own code") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);

    const Reply malformed = hr.send("POST", "/api/v1/sync", R"({"since": 0, "changes": [)", "application/json");
    CHECK(malformed.status == 400);
    CHECK(malformed.error_code() == "malformed_json");

    const Reply utf8 = hr.send("POST", "/api/v1/sync", "{\"since\": 0, \"x\": \"\xC3\x28\"}", "application/json");
    CHECK(utf8.status == 400);
    CHECK(utf8.error_code() == "invalid_utf8");

    const Reply surrogate = hr.send("POST", "/api/v1/sync", "{\"x\": \"\xED\xA0\x80\"}", "application/json");
    CHECK(surrogate.error_code() == "invalid_utf8");

    // Far deeper than the recursive parser's stack could take.
    const std::string deep = std::string(200000, '[') + std::string(200000, ']');
    const Reply too_deep = hr.send("POST", "/api/v1/sync", deep, "application/json");
    CHECK(too_deep.status == 400);
    CHECK(too_deep.error_code() == "too_deep");

    // Brackets inside strings do not count as nesting.
    const Reply in_string = hr.send("POST", "/api/v1/sync", R"({"since": 0, "changes": [], "x": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})",
                                    "application/json");
    CHECK(in_string.status == 200);
    check_healthy(server);
}

TEST_CASE("hardening: state-changing API requests that are not application/json answer 415") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    const Reply text = hr.send("POST", "/api/v1/sync", R"({"since":0,"changes":[]})", "text/plain");
    CHECK(text.status == 415);
    CHECK(text.error_code() == "unsupported_media_type");
}

TEST_CASE("hardening: a body over the payload limit answers 413 payload_too_large before it is read") {
    TestServer server([](naervaer::server::Config& c) { c.payload_limit = 64 * 1024; });
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    const std::string big = R"({"since":0,"changes":[],"pad":")" + std::string(100 * 1024, 'x') + "\"}";
    const Reply reply = hr.send("POST", "/api/v1/sync", big, "application/json");
    CHECK(reply.status == 413);
    CHECK(reply.error_code() == "payload_too_large");
    check_healthy(server);
}

TEST_CASE("hardening: a chunked body beyond the limit answers 413 JSON and the server stays healthy") {
    // CVE-2025-46728: cpp-httplib 0.11.4 reads chunked request bodies without the payload limit.
    TestServer server([](naervaer::server::Config& c) { c.payload_limit = 64 * 1024; });
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    const httplib::Headers headers = {{"Cookie", hr.cookie()}, {"X-CSRF-Token", hr.csrf()}};
    // A content provider without a length makes the client send Transfer-Encoding: chunked.
    const auto chunked_post = [&](const std::string& path, std::size_t total) {
        auto client = server.client();
        const std::string piece(16 * 1024, ' ');
        std::size_t sent = 0;
        return to_reply(client.Post(
            path.c_str(), headers,
            [&, total](size_t, httplib::DataSink& sink) {
                if (sent >= total) {
                    sink.done();
                    return true;
                }
                sent += piece.size();
                return sink.write(piece.data(), piece.size());
            },
            "application/json"));
    };
    for (const std::string path : {"/api/v1/sync", "/api/v1/nothing-here", "/not-api"}) {
        const Reply reply = chunked_post(path, 256 * 1024);
        CHECK_MESSAGE(reply.status == 413, path);
        CHECK_MESSAGE(reply.error_code() == "payload_too_large", path);
    }
    // Far beyond the limit the server stops reading; whatever the client sees, it stays up.
    chunked_post("/api/v1/sync", 8 * 1024 * 1024);
    check_healthy(server);
    CHECK(hr.get("/api/v1/auth/me").status == 200);

    // A chunked body within the limit is read normally.
    auto client = server.client();
    const std::string small = R"({"since":0,"changes":[]})";
    bool done = false;
    const Reply ok = to_reply(client.Post(
        "/api/v1/sync", headers,
        [&](size_t, httplib::DataSink& sink) {
            if (!done) sink.write(small.data(), small.size());
            done = true;
            sink.done();
            return true;
        },
        "application/json"));
    CHECK(ok.status == 200);
}

TEST_CASE("hardening: a body without Content-Length or chunking answers 411, the PRI method 405") {
    TestServer server;
    REQUIRE(server.started());
    // Such bodies are read until the peer closes in 0.11.4: refused before reading. The
    // httplib client always sends a length, so this request goes over a raw socket.
    const std::string answer = raw_exchange(server.port(), "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                           "Content-Type: application/json\r\n\r\n{}");
    CHECK(answer.starts_with("HTTP/1.1 411"));
    CHECK(answer.find("length_required") != std::string::npos);
    // PRI is a method the library reads a body for without any route: refused up front.
    const std::string pri = raw_exchange(server.port(), "PRI /x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                        "Transfer-Encoding: chunked\r\n\r\n");
    CHECK(pri.starts_with("HTTP/1.1 405"));
    check_healthy(server);
}

TEST_CASE("hardening: unknown API paths answer 404 JSON and API answers are never cached") {
    TestServer server;
    REQUIRE(server.started());
    Session hr = demo_hr(server);
    const Reply unknown = hr.get("/api/v1/nothing-here");
    CHECK(unknown.status == 404);
    CHECK(unknown.error_code() == "not_found");
    CHECK(hr.post("/api/v2/sync", json::object()).error_code() == "not_found");
    CHECK(hr.get("/api/v1/records/no_such_type/x").status == 404);

    const Reply me = hr.get("/api/v1/auth/me");
    CHECK(me.header("Cache-Control") == "no-store");
    CHECK(me.header("X-Content-Type-Options") == "nosniff");
    CHECK(me.header("Content-Type").starts_with("application/json"));
}
