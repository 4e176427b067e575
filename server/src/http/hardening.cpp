#include "http/hardening.hpp"

#include "http/api_error.hpp"
#include "http/api_router.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <memory>

#include <sys/socket.h>

namespace naervaer::server {

namespace {

bool expects_body(const std::string& method) {
    // The methods for which cpp-httplib reads a request body (detail::expect_content).
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE" || method == "PRI";
}

httplib::Server::HandlerResponse refuse(httplib::Response& res, const ApiError& error) {
    write_error(res, error);
    // The body was not read, so the connection cannot carry another request: the client must
    // close it. (0.11.4 decides keep-alive from the request alone; a well-behaved client honours
    // this header, and whatever else arrives on the socket fails to parse.)
    res.set_header("Connection", "close");
    return httplib::Server::HandlerResponse::Handled;
}

// Runs before cpp-httplib reads the body, so a refused body is never buffered.
httplib::Server::HandlerResponse check_body_framing(const httplib::Request& req, httplib::Response& res,
                                                    std::size_t payload_limit) {
    // Methods outside this list (PRI, ...) would have their body read by the library without any
    // content-reader route, so without the chunked limit.
    static const std::array<std::string_view, 7> known = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    if (std::find(known.begin(), known.end(), req.method) == known.end()) {
        return refuse(res, ApiError(405, "method_not_allowed", "Metoden understøttes ikke", "Method not allowed"));
    }
    const bool chunked = req.has_header("Transfer-Encoding");
    const bool has_length = req.has_header("Content-Length");
    if (!expects_body(req.method)) {
        // A GET with a body would leave the body on the socket to be parsed as the next request.
        if (chunked || (has_length && req.get_header_value("Content-Length") != "0")) {
            return refuse(res, errors::bad_request());
        }
        return httplib::Server::HandlerResponse::Unhandled;
    }
    // Chunked bodies are read by the routes through a counting ContentReader (api_router.cpp,
    // CVE-2025-46728). A body with neither length nor chunking is read until the peer closes:
    // refused.
    if (!chunked && !has_length) {
        return refuse(res, ApiError(411, "length_required", "Forespørgslen skal have Content-Length",
                                    "The request must have a Content-Length"));
    }
    // 0.11.4 inflates gzip/brotli request bodies, so a small compressed body could expand far
    // beyond what was sent. The API never needs compressed uploads.
    const std::string encoding = req.get_header_value("Content-Encoding");
    if (!encoding.empty() && encoding != "identity") return refuse(res, errors::unsupported_media_type());
    if (chunked) return httplib::Server::HandlerResponse::Unhandled;
    // Exactly one Content-Length of digits only: two differing lengths are a request-smuggling
    // trick, and the library's strtoull would read "abc" as 0.
    const std::string length_text = req.get_header_value("Content-Length");
    uint64_t length = 0;
    const auto [end, ec] = std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
    if (req.get_header_value_count("Content-Length") != 1 || ec != std::errc() ||
        end != length_text.data() + length_text.size()) {
        return refuse(res, errors::bad_request());
    }
    // Refused before reading. (A body between the limit and this is drained by the route and
    // answered 413, which the client then reliably receives.)
    if (length > std::max<uint64_t>(uint64_t{payload_limit} * 8, 1 << 20)) {
        return refuse(res, ApiError(413, "payload_too_large", "Forespørgslen er for stor", "The request is too large"));
    }
    return httplib::Server::HandlerResponse::Unhandled;
}

// JSON for errors the library answers itself (400 for an unparsable request, 404 for no route,
// 413, 414, ...), which would otherwise have an empty body.
httplib::Server::HandlerResponse library_error_as_json(const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled; // ours already
    switch (res.status) {
    case 404:
        write_error(res, errors::not_found());
        break;
    case 413:
        write_error(res, ApiError(413, "payload_too_large", "Forespørgslen er for stor", "The request is too large"));
        break;
    case 500:
        write_error(res, errors::internal());
        break;
    default:
        if (res.status >= 500) {
            write_json(res, res.status, errors::internal().to_json());
        } else {
            const int status = res.status;
            write_error(res, errors::bad_request());
            res.status = status;
        }
        break;
    }
    return httplib::Server::HandlerResponse::Handled;
}

} // namespace

void widen_listen_backlog(socket_t listen_socket) {
    if (listen_socket != INVALID_SOCKET) ::listen(listen_socket, SOMAXCONN);
}

void apply_hardening(httplib::Server& http, const Config& config, socket_t* listen_socket) {
    // TOOLCHAIN.md measured 290 → 47,000 requests/s from these three: a pool as large as the
    // expected keep-alive connections (each holds a worker while idle), Nagle off, and many
    // requests per connection. The pool is fixed-size, so threads are bounded by config.workers.
    const std::size_t workers = std::max<std::size_t>(1, config.workers);
    // The library owns the queue and deletes it; its API takes a raw owning pointer.
    http.new_task_queue = [workers] { return std::make_unique<httplib::ThreadPool>(workers).release(); };
    http.set_tcp_nodelay(true);
    // 0.11.4's default socket options add SO_REUSEPORT, which lets a second server bind the same
    // port and silently take half of the connections (with its own database). SO_REUSEADDR
    // alone still allows a quick restart over connections in TIME_WAIT.
    // The server creates one socket, the listening one, through this callback.
    http.set_socket_options([listen_socket](socket_t sock) {
        const int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (listen_socket) *listen_socket = sock;
    });
    http.set_keep_alive_max_count(100000);
    // An idle keep-alive connection holds a worker; bound how long.
    http.set_keep_alive_timeout(static_cast<time_t>(config.keep_alive_timeout.count()));
    http.set_read_timeout(config.read_timeout);
    http.set_write_timeout(config.write_timeout);
    http.set_payload_max_length(config.payload_limit);

    const std::size_t payload_limit = config.payload_limit;
    http.set_pre_routing_handler([payload_limit](const httplib::Request& req, httplib::Response& res) {
        return check_body_framing(req, res, payload_limit);
    });

    // 0.11.4 without an exception handler answers 500 with the exception's what() in an
    // EXCEPTION_WHAT header. With one, it calls it and writes whatever status and body it sets.
    http.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        try {
            if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "naervaer: internal error on %s %s: %s\n", req.method.c_str(), req.path.c_str(),
                         e.what());
        } catch (...) {
            std::fprintf(stderr, "naervaer: internal error on %s %s\n", req.method.c_str(), req.path.c_str());
        }
        res.headers.clear();
        write_error(res, errors::internal());
    });
    http.set_error_handler(httplib::Server::HandlerWithResponse(library_error_as_json));

    // On every answer, API and static alike.
    http.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Referrer-Policy", "no-referrer");
    });

    if (!config.quiet) {
        // Method, path and status only: query strings and bodies may carry personal data.
        http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
            std::printf("%s %s %d\n", req.method.c_str(), req.path.c_str(), res.status);
            std::fflush(stdout);
        });
    }
}

} // namespace naervaer::server
