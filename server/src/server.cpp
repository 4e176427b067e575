#include "naervaer/server/server.hpp"

#include "auth/passwords.hpp"
#include "clock.hpp"
#include "demo/demo_seed.hpp"
#include "http/api_router.hpp"
#include "http/hardening.hpp"
#include "http/routes.hpp"
#include "naervaer/server/demo.hpp"
#include "services/admin_service.hpp"
#include "services/alert_defaults.hpp"
#include "services/auth_service.hpp"
#include "services/jobcenter_service.hpp"
#include "services/referral_sync.hpp"
#include "services/retention_service.hpp"
#include "services/shipped_templates.hpp"
#include "services/sync_service.hpp"
#include "static/static_files.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/write_batcher.hpp"

#include <httplib.h>

#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <pthread.h>
#include <thread>

namespace naervaer::server {

namespace {

Date today_from(std::chrono::system_clock::time_point now) {
    // Civil "today" in UTC; the demo only needs dates near today.
    return Date::from_serial(static_cast<int32_t>(unix_seconds(now) / 86400));
}

} // namespace

struct Server::Impl {
    Config config;
    Clock clock;
    std::string error;
    int port = -1;
    AlertSettings alert_defaults;
    ShippedTemplates templates;

    std::unique_ptr<sqlite::SqliteStore> store;
    // Declared after the store, so it is destroyed (stopped, its queue written) before it.
    std::unique_ptr<WriteBatcher> writer;
    std::unique_ptr<PasswordHasher> hasher;
    std::unique_ptr<AuthService> auth;
    std::unique_ptr<SyncService> sync;
    std::unique_ptr<AdminService> admin;
    std::unique_ptr<JobcenterService> jobcenter;
    std::unique_ptr<RetentionService> retention;
    // Stopped (joined) before the writer and the store in stop().
    std::unique_ptr<RetentionScheduler> retention_schedule;
    std::unique_ptr<StaticFiles> static_files;
    std::unique_ptr<ApiRouter> router;
    httplib::Server http;
    socket_t listen_socket = INVALID_SOCKET;

    std::thread listener;
    std::mutex mutex;
    std::condition_variable listener_done_cv;
    bool listener_done = false;
    bool listening = false; // the listener thread was started
    bool started = false;
    bool stopped = false;

    explicit Impl(Config c) : config(std::move(c)), clock(effective_clock(config.clock)) {}

    void open() {
        std::filesystem::create_directories(config.data_dir);
        store = std::make_unique<sqlite::SqliteStore>(config.data_dir / "naervaer.sqlite3");
        hasher = std::make_unique<PasswordHasher>(config.password_hash_cost);
        if (config.demo) {
            const auto now = clock();
            demo::seed_if_empty(*store, *hasher, today_from(now), iso_timestamp(now));
        }
        writer = std::make_unique<WriteBatcher>(*store);
        auth = std::make_unique<AuthService>(*store, *hasher, clock, config);
        sync = std::make_unique<SyncService>(*store, *writer, clock, alert_defaults, templates);
        admin = std::make_unique<AdminService>(*store, *writer, *hasher, clock);
        jobcenter = std::make_unique<JobcenterService>(*store, *writer, clock);
        static_files = std::make_unique<StaticFiles>(config.web_root);
        // The first retention run finishes before the server answers anyone: records past their
        // time are gone before they can be read. Later runs come from the schedule.
        retention = std::make_unique<RetentionService>(*store, clock);
        const RetentionReport report = retention->run_once();
        if (!config.quiet && (report.records_deleted > 0 || report.failures > 0))
            std::printf("%s\n", describe(report).c_str());
        retention_schedule = std::make_unique<RetentionScheduler>(*retention, config.retention_interval, config.quiet);
    }

    void register_routes() {
        router = std::make_unique<ApiRouter>(http, *auth, config);
        router->get("/api/v1/health", Access::anonymous, [](ApiRequest&) {
            ApiResponse response;
            response.body = {{"status", "ok"}};
            return response;
        });
        register_auth_routes(*router, *auth);
        register_sync_routes(*router, *sync);
        register_admin_routes(*router, *admin);
        register_jobcenter_routes(*router, *jobcenter);
        router->add_not_found_fallback();
        // Registered last: cpp-httplib tries patterns in registration order.
        http.Get("/.*", [this](const httplib::Request& req, httplib::Response& res) { static_files->handle(req, res); });
        apply_hardening(http, config, &listen_socket);
    }

    bool bind() {
        port = config.port == 0 ? http.bind_to_any_port(config.bind_address)
                                : (http.bind_to_port(config.bind_address, config.port) ? config.port : -1);
        if (port <= 0) {
            error = "could not listen on " + config.bind_address + ":" + std::to_string(config.port);
            return false;
        }
        widen_listen_backlog(listen_socket);
        return true;
    }

    void run_listener() {
        {
            std::lock_guard lock(mutex);
            listening = true;
        }
        listener = std::thread([this] {
            try {
                http.listen_after_bind();
            } catch (const std::exception& e) {
                std::fprintf(stderr, "naervaer: the listener failed: %s\n", e.what());
            } catch (...) {
                std::fprintf(stderr, "naervaer: the listener failed\n");
            }
            std::lock_guard lock(mutex);
            listener_done = true;
            listener_done_cv.notify_all();
        });
        // httplib::Server::stop() does nothing until the accept loop has marked itself running,
        // so start() returns only once it has: a stop() right after start() then always works.
        // Connections made before that wait in the listen backlog, so this is about stop() only.
        while (!http.is_running()) {
            std::lock_guard lock(mutex);
            if (listener_done) break;
            std::this_thread::yield();
        }
    }
};

Server::Server(Config config) : impl_(std::make_unique<Impl>(std::move(config))) {}

Server::~Server() { stop(); }

bool Server::start() {
    if (impl_->started) return false;
    impl_->started = true;
    try {
        impl_->alert_defaults = embedded_alert_defaults();
        impl_->templates = embedded_templates();
        (void)referral_assets(); // municipalities and rule sets: loaded once, or the server does not start
    } catch (const std::exception& e) {
        impl_->error = e.what();
        return false;
    }
    try {
        impl_->open();
        impl_->register_routes();
    } catch (const std::exception& e) {
        impl_->error = std::string("could not open the database: ") + e.what();
        return false;
    }
    if (!impl_->bind()) return false;
    impl_->run_listener();
    impl_->retention_schedule->start();
    return true;
}

int Server::port() const { return impl_->port; }

const std::string& Server::error() const { return impl_->error; }

void Server::stop() {
    {
        std::lock_guard lock(impl_->mutex);
        if (impl_->stopped) return;
        impl_->stopped = true;
    }
    // Closes the listening socket; the accept loop ends and the worker pool finishes the
    // requests it holds before it is joined. Idle keep-alive connections end within their
    // keep-alive poll.
    impl_->http.stop();
    if (impl_->listener.joinable()) impl_->listener.join();
    // A retention pass in progress ends after its current organisation's transaction.
    if (impl_->retention_schedule) impl_->retention_schedule->stop();
    // Every acknowledged write was committed before its answer. The writer thread then commits
    // the audit rows still queued (pulls and reads answered just before), and closing
    // checkpoints the WAL.
    if (impl_->writer) impl_->writer->stop();
    if (impl_->store) impl_->store->close();
}

void Server::wait() {
    std::unique_lock lock(impl_->mutex);
    impl_->listener_done_cv.wait(lock, [this] { return !impl_->listening || impl_->listener_done; });
}

std::optional<RetentionSummary> run_retention_once(const Config& config, std::string& error) {
    try {
        const auto file = config.data_dir / "naervaer.sqlite3";
        if (!std::filesystem::exists(file)) {
            error = "no database at " + file.string();
            return std::nullopt;
        }
        sqlite::SqliteStore store(file);
        RetentionService service(store, effective_clock(config.clock));
        const RetentionReport report = service.run_once();
        store.close();
        return RetentionSummary{report.organisations, report.records_deleted, report.marks_deleted, report.failures,
                                report.referrals_deleted};
    } catch (const std::exception& e) {
        error = e.what();
        return std::nullopt;
    }
}

int run_server(const Config& config) {
    // SIGINT/SIGTERM are blocked in every thread (the pool inherits this mask) and taken by
    // sigwait below: shutdown runs as ordinary code, not inside a signal handler.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    Server server(config);
    if (!server.start()) {
        std::fprintf(stderr, "naervaer-server: %s\n", server.error().c_str());
        return 1;
    }
    std::printf("Nærvær listens on http://%s:%d/\n", config.bind_address.c_str(), server.port());
    if (config.demo) {
        std::printf("Demo organisation \"%.*s\". Logins:\n", static_cast<int>(demo::organisation_name.size()),
                    demo::organisation_name.data());
        const auto line = [](const char* role, std::string_view email, std::string_view password) {
            std::printf("  %-12s %-34.*s %.*s\n", role, static_cast<int>(email.size()), email.data(),
                        static_cast<int>(password.size()), password.data());
        };
        line("admin", demo::admin_email, demo::admin_password);
        line("HR", demo::hr_email, demo::hr_password);
        line("team leader", demo::leader_email, demo::leader_password);
        line("consultant", demo::consultant_hjoerring_email, demo::consultant_password);
        line("consultant", demo::consultant_herning_email, demo::consultant_password);
    }
    std::fflush(stdout);

    int received = 0;
    sigwait(&signals, &received);
    std::printf("Stopping (signal %d): finishing requests in flight\n", received);
    std::fflush(stdout);
    server.stop();
    return 0;
}

} // namespace naervaer::server
