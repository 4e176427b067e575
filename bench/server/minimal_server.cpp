// The yardstick: a cpp-httplib server tuned like the portal's (same worker pool, TCP_NODELAY,
// keep-alive) whose only handler returns a fixed JSON body. The portal's sync throughput is
// reported as a fraction of this one's, measured in the same run.
#include <httplib.h>

#include <csignal>
#include <sys/socket.h>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {
httplib::Server* running = nullptr;
void on_signal(int) {
    if (running) running->stop();
}
} // namespace

int main(int argc, char** argv) {
    const int port = argc > 1 ? std::atoi(argv[1]) : 8091;
    const std::size_t workers = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 64;
    httplib::Server server;
    server.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
    server.set_tcp_nodelay(true);
    server.set_keep_alive_max_count(100000);
    server.set_keep_alive_timeout(5);
    const std::string body = R"({"status":"ok","changes":[],"cursor":0})";
    auto fixed = [&body](const httplib::Request&, httplib::Response& res) {
        res.set_content(body, "application/json");
    };
    server.Get("/api/v1/sync", fixed);
    server.Post("/api/v1/sync", fixed);
    running = &server;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    // As the portal does (http/hardening.cpp): 0.11.4 listens with a backlog of 5, too short for
    // 32 clients connecting at once; a second listen() on the bound socket widens it.
    socket_t listening = INVALID_SOCKET;
    server.set_socket_options([&listening](socket_t sock) {
        const int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        listening = sock;
    });
    if (!server.bind_to_port("127.0.0.1", port)) return 1;
    ::listen(listening, SOMAXCONN);
    std::printf("minimal server on 127.0.0.1:%d\n", port);
    std::fflush(stdout);
    return server.listen_after_bind() ? 0 : 1;
}
