#pragma once
// cpp-httplib 0.11.4 (Debian 12) settings and guards that later upstream versions fixed or
// changed. Each guard cites the problem it closes.
#include "naervaer/server/server.hpp"

#include <httplib.h>

namespace naervaer::server {

// Timeouts, worker pool, keep-alive, payload limit, body-framing rules, JSON 500s and the
// security headers every answer carries.
void apply_hardening(httplib::Server& http, const Config& config);

} // namespace naervaer::server
