#pragma once
// The portal's HTTP server. `main()` only reads flags and environment into a Config and calls
// run_server(); tests start the same server in-process on an ephemeral loopback port.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace naervaer::server {

// Argon2id cost for password hashes. `interactive` is libsodium's recommended level for logins;
// `minimal_for_tests` (OPSLIMIT_MIN/MEMLIMIT_MIN) lets test suites log in hundreds of times.
// Never use it in production: it makes offline guessing of a leaked hash cheap.
enum class PasswordHashCost { interactive, minimal_for_tests };

struct Config {
    std::string bind_address = "127.0.0.1";
    int port = 8080;                      // 0: pick a free port (tests)
    std::filesystem::path data_dir = "data"; // holds naervaer.sqlite3
    std::filesystem::path web_root;       // index.html, wasm, JS; empty: API only
    bool demo = false;                    // seed the demo organisation into an empty database
    bool secure_cookies = false;          // add `Secure` (behind TLS)
    std::chrono::seconds session_ttl{8 * 3600};
    std::size_t workers = 64;             // every keep-alive connection holds one while it waits
    std::size_t payload_limit = 1 << 20;  // bytes of a request body
    std::chrono::seconds read_timeout{10};
    std::chrono::seconds write_timeout{10};
    std::chrono::seconds keep_alive_timeout{5};
    // Failed logins allowed per window before 429, per account and per client address.
    int login_failures_per_account = 5;
    int login_failures_per_address = 20;
    std::chrono::seconds login_window{15 * 60};
    bool quiet = false;                   // no request log lines on stdout
    PasswordHashCost password_hash_cost = PasswordHashCost::interactive;
    // The server's "now" (sessions, rate-limit windows, record timestamps, demo dates, retention).
    // Empty: the system clock. Tests pass a clock they can move forward.
    std::function<std::chrono::system_clock::time_point()> clock;
    // The retention job (docs/retention.md) runs when the server starts and then this often.
    std::chrono::seconds retention_interval{24 * 3600};
};

// A server running on its own threads. start() returns once it accepts connections (or failed);
// stop() finishes in-flight requests and closes the database.
class Server {
public:
    explicit Server(Config config);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    bool start();              // false: could not open the database or bind; see error()
    int port() const;          // the bound port (after start)
    const std::string& error() const;
    void stop();               // graceful; safe to call twice
    void wait();               // blocks until stopped

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Runs until SIGINT/SIGTERM, then shuts down gracefully. Returns the process exit code.
int run_server(const Config& config);

// What one run of the retention job did (docs/retention.md).
struct RetentionSummary {
    std::size_t organisations = 0;
    std::size_t records_deleted = 0; // conversation records
    std::size_t marks_deleted = 0;   // to-do marks of their agreements
    std::size_t failures = 0;        // organisations whose deletion failed and was rolled back
    std::size_t referrals_deleted = 0; // closed referrals of closed cases        // organisations whose deletion failed and was rolled back
};

// `--run-retention`: opens (and migrates) the database in config.data_dir, runs the retention job
// once with config.clock and closes it. Safe while a server runs on the same directory. Returns
// nothing and sets `error` when the database cannot be opened.
std::optional<RetentionSummary> run_retention_once(const Config& config, std::string& error);

} // namespace naervaer::server
