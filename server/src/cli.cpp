#include "cli.hpp"

#include <charconv>

namespace naervaer::server {

namespace {

std::optional<long long> parse_integer(const std::string& text, long long min, long long max) {
    long long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) return std::nullopt;
    return value;
}

bool is_true(const std::string& value) { return value == "1" || value == "true" || value == "yes"; }

} // namespace

std::string usage() {
    return "Usage: naervaer-server [options]\n"
           "  --port N            TCP port (env NAERVAER_PORT, default 8080; 0 picks a free port)\n"
           "  --bind ADDRESS      listen address (env NAERVAER_BIND, default 127.0.0.1)\n"
           "  --data-dir DIR      database directory (env NAERVAER_DATA_DIR, default ./data)\n"
           "  --web-root DIR      web client files (env NAERVAER_WEB_ROOT; none: API only)\n"
           "  --demo              seed the demo organisation into an empty database (env NAERVAER_DEMO=1)\n"
           "  --secure-cookies    mark the session cookie Secure (serve behind TLS)\n"
           "  --session-ttl SECS  session lifetime in seconds (default 28800)\n"
           "  --workers N         worker threads; each keep-alive connection holds one (default 64)\n"
           "  --quiet             no request log\n"
           "  --run-retention     delete the conversation records past the retention period, then exit\n"
           "  --create-jobcenter CODE --consultant EMAIL:NAME [--consultant EMAIL:NAME ...]\n"
           "                      create the jobcentre of municipality CODE (3 digits) and its retention\n"
           "                      consultants, print their one-time passwords, then exit\n"
           "  --help              this text\n";
}

std::optional<CommandLine> parse_command_line(const std::vector<std::string>& args,
                                              const std::function<const char*(const char*)>& getenv,
                                              std::string& error) {
    CommandLine out;
    Config& c = out.config;

    // Environment first, so flags parsed afterwards override it.
    const auto env = [&](const char* name) -> std::optional<std::string> {
        const char* value = getenv(name);
        if (!value || !*value) return std::nullopt;
        return std::string(value);
    };
    const auto set_port = [&](const std::string& text, const std::string& source) {
        const auto port = parse_integer(text, 0, 65535);
        if (!port) {
            error = source + ": not a port number: " + text;
            return false;
        }
        c.port = static_cast<int>(*port);
        return true;
    };
    if (const auto v = env("NAERVAER_PORT"); v && !set_port(*v, "NAERVAER_PORT")) return std::nullopt;
    if (const auto v = env("NAERVAER_BIND")) c.bind_address = *v;
    if (const auto v = env("NAERVAER_DATA_DIR")) c.data_dir = *v;
    if (const auto v = env("NAERVAER_WEB_ROOT")) c.web_root = *v;
    if (const auto v = env("NAERVAER_DEMO")) c.demo = is_true(*v);

    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& flag = args[i];
        const auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= args.size()) {
                error = flag + " needs a value";
                return std::nullopt;
            }
            return args[++i];
        };
        if (flag == "--help" || flag == "-h") {
            out.show_help = true;
        } else if (flag == "--demo") {
            c.demo = true;
        } else if (flag == "--secure-cookies") {
            c.secure_cookies = true;
        } else if (flag == "--quiet") {
            c.quiet = true;
        } else if (flag == "--run-retention") {
            out.run_retention = true;
        } else if (flag == "--create-jobcenter") {
            const auto v = value();
            if (!v) return std::nullopt;
            if (v->size() != 3 || v->find_first_not_of("0123456789") != std::string::npos) {
                error = "--create-jobcenter: a 3-digit municipality code expected, got " + *v;
                return std::nullopt;
            }
            out.create_jobcenter = *v;
        } else if (flag == "--consultant") {
            const auto v = value();
            if (!v) return std::nullopt;
            const auto colon = v->find(':');
            if (colon == std::string::npos || colon == 0 || colon + 1 == v->size()) {
                error = "--consultant: EMAIL:NAME expected, got " + *v;
                return std::nullopt;
            }
            out.consultants.push_back({v->substr(0, colon), v->substr(colon + 1)});
        } else if (flag == "--port") {
            const auto v = value();
            if (!v || !set_port(*v, "--port")) return std::nullopt;
        } else if (flag == "--bind") {
            const auto v = value();
            if (!v) return std::nullopt;
            c.bind_address = *v;
        } else if (flag == "--data-dir") {
            const auto v = value();
            if (!v) return std::nullopt;
            c.data_dir = *v;
        } else if (flag == "--web-root") {
            const auto v = value();
            if (!v) return std::nullopt;
            c.web_root = *v;
        } else if (flag == "--session-ttl") {
            const auto v = value();
            if (!v) return std::nullopt;
            const auto seconds = parse_integer(*v, 60, 30LL * 24 * 3600);
            if (!seconds) {
                error = "--session-ttl: seconds between 60 and 2592000 expected, got " + *v;
                return std::nullopt;
            }
            c.session_ttl = std::chrono::seconds(*seconds);
        } else if (flag == "--workers") {
            const auto v = value();
            if (!v) return std::nullopt;
            const auto workers = parse_integer(*v, 1, 4096);
            if (!workers) {
                error = "--workers: a number between 1 and 4096 expected, got " + *v;
                return std::nullopt;
            }
            c.workers = static_cast<std::size_t>(*workers);
        } else {
            error = "unknown option: " + flag;
            return std::nullopt;
        }
    }
    if (out.consultants.empty() != out.create_jobcenter.empty()) {
        error = "--create-jobcenter and --consultant go together";
        return std::nullopt;
    }
    return out;
}

} // namespace naervaer::server
