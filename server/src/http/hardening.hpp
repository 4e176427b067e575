#pragma once
// cpp-httplib 0.11.4 (Debian 12) settings and guards that later upstream versions fixed or
// changed. Each guard cites the problem it closes.
#include "naervaer/server/server.hpp"

#include <httplib.h>

namespace naervaer::server {

// Timeouts, worker pool, keep-alive, payload limit, body-framing rules, JSON 500s and the
// security headers every answer carries. `listen_socket`, when given, receives the listening
// socket when it is created (see widen_listen_backlog).
void apply_hardening(httplib::Server& http, const Config& config, socket_t* listen_socket = nullptr);

// 0.11.4 calls listen(fd, 5): a burst of connections (32 clients starting at once) overflows the
// accept queue, and some of those clients get no answer to their first request for a second or
// more, or a reset. Calling listen() again on the bound socket raises the backlog (Linux).
// Call after a successful bind, before the accept loop runs.
void widen_listen_backlog(socket_t listen_socket);

} // namespace naervaer::server
