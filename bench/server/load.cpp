// Closed-loop HTTP load: C connections, each on its own thread with one keep-alive connection,
// send requests back to back for S seconds; every latency is recorded. Prints one JSON line:
// {"scenario","connections","seconds","requests","errors","rps","p50_ms","p99_ms","max_ms"}.
//
//   naervaer-load --port P --scenario minimal|pull|push [--connections 32] [--seconds 10]
//                 [--email E --password W] [--push-cursor advance|fixed]
//
// pull: an HR user asks for the changes since a cursor 50 revisions back (what a client that was
//       away for a moment asks), answered from the scaled demo organisation.
// push: each request creates one absence spell (a new id, dates that overlap nothing: employees
//       with an ongoing spell are skipped) and gets back the accepted rev and the changes since
//       its cursor.
#include "naervaer/date.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    int port = 8080;
    std::string scenario = "minimal";
    int connections = 32;
    int seconds = 10;
    std::string email = "hr@demo.naervaer.dk";
    std::string password = "demo-hr";
    // push: "advance" (default) sends the cursor the previous answer returned, as a real client
    // does, so each answer carries the changes made since this connection's last push; "fixed"
    // keeps the cursor of the start, so answers grow to the 2,000-record page over the run.
    std::string push_cursor = "advance";
};

struct Session {
    std::string cookie;
    std::string csrf;
};

bool login(httplib::Client& c, const Options& o, Session& s) {
    const json body = {{"email", o.email}, {"password", o.password}};
    auto res = c.Post("/api/v1/auth/login", body.dump(), "application/json");
    if (!res || res->status != 200) return false;
    const std::string set_cookie = res->get_header_value("Set-Cookie");
    s.cookie = set_cookie.substr(0, set_cookie.find(';'));
    auto j = json::parse(res->body, nullptr, false);
    if (!j.is_object() || !j.contains("csrf_token")) return false;
    s.csrf = j["csrf_token"].get<std::string>();
    return true;
}

// Employee ids and the current cursor, read by paging through a full pull once.
bool discover(httplib::Client& c, const Session& s, std::vector<std::string>& employees, int64_t& cursor) {
    int64_t since = 0;
    std::set<std::string> ongoing;
    for (;;) {
        auto res = c.Get(("/api/v1/sync?since=" + std::to_string(since)).c_str(), {{"Cookie", s.cookie}});
        if (!res || res->status != 200) return false;
        auto j = json::parse(res->body, nullptr, false);
        if (!j.is_object()) return false;
        for (const auto& r : j["changes"]) {
            if (r["deleted"].get<bool>()) continue;
            if (r["type"] == "employee") employees.push_back(r["id"].get<std::string>());
            // An ongoing spell (no last day) overlaps every later date: pushing a new spell for
            // that employee is rightly refused with 422, so such employees are left out.
            const auto last_day = r["data"].find("last_day");
            if (r["type"] == "absence_spell" && (last_day == r["data"].end() || last_day->is_null()))
                ongoing.insert(r["data"].value("employee_id", std::string()));
        }
        since = j["cursor"].get<int64_t>();
        if (!j["more"].get<bool>()) break;
    }
    cursor = since;
    std::erase_if(employees, [&](const std::string& id) { return ongoing.count(id) > 0; });
    return !employees.empty();
}

double percentile(std::vector<double>& v, double p) {
    if (v.empty()) return 0;
    const std::size_t k = std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--port") o.port = std::stoi(v);
        else if (k == "--scenario") o.scenario = v;
        else if (k == "--connections") o.connections = std::stoi(v);
        else if (k == "--seconds") o.seconds = std::stoi(v);
        else if (k == "--email") o.email = v;
        else if (k == "--password") o.password = v;
        else if (k == "--push-cursor") o.push_cursor = v;
        else {
            std::fprintf(stderr, "unknown option %s\n", k.c_str());
            return 2;
        }
    }

    Session session;
    std::vector<std::string> employees;
    int64_t cursor = 0;
    if (o.scenario != "minimal") {
        httplib::Client setup("127.0.0.1", o.port);
        setup.set_read_timeout(60, 0);
        if (!login(setup, o, session) || !discover(setup, session, employees, cursor)) {
            std::fprintf(stderr, "setup failed (login or first pull)\n");
            return 1;
        }
    }

    std::atomic<bool> stop{false};
    std::atomic<uint64_t> sequence{0};
    std::vector<std::vector<double>> latencies(static_cast<std::size_t>(o.connections));
    std::vector<uint64_t> errors(static_cast<std::size_t>(o.connections), 0);
    // Per connection: answer status (0: no answer) -> count, and the first error body seen.
    std::vector<std::map<int, uint64_t>> error_statuses(static_cast<std::size_t>(o.connections));
    std::vector<std::string> first_error_body(static_cast<std::size_t>(o.connections));
    std::vector<std::thread> threads;
    const std::string pull_path = "/api/v1/sync?since=" + std::to_string(std::max<int64_t>(0, cursor - 50));

    for (int t = 0; t < o.connections; ++t) {
        threads.emplace_back([&, t] {
            httplib::Client c("127.0.0.1", o.port);
            c.set_keep_alive(true);
            c.set_tcp_nodelay(true);
            c.set_read_timeout(30, 0);
            const httplib::Headers headers = {{"Cookie", session.cookie}, {"X-CSRF-Token", session.csrf}};
            auto& lat = latencies[static_cast<std::size_t>(t)];
            int64_t my_cursor = cursor;
            lat.reserve(100000);
            while (!stop.load(std::memory_order_relaxed)) {
                const auto start = Clock::now();
                httplib::Result res{nullptr, httplib::Error::Unknown};
                if (o.scenario == "minimal") {
                    res = c.Get("/api/v1/sync");
                } else if (o.scenario == "pull") {
                    res = c.Get(pull_path.c_str(), headers);
                } else {
                    // A new spell per request: employee g mod N, two days starting 3·(g div N) days
                    // after 01-01-2031, so no two pushes overlap and none meets a seeded spell.
                    const uint64_t g = sequence.fetch_add(1);
                    const std::string& emp = employees[g % employees.size()];
                    const int offset = static_cast<int>(g / employees.size()) * 3;
                    const naervaer::Date first_day = naervaer::Date::from_ymd(2031, 1, 1)->plus_days(offset);
                    const std::string first = first_day.iso(), last = first_day.plus_days(1).iso();
                    const json body = {{"since", my_cursor},
                                       {"changes",
                                        {{{"type", "absence_spell"},
                                          {"id", "bench-" + std::to_string(t) + "-" + std::to_string(g)},
                                          {"base_rev", 0},
                                          {"data",
                                           {{"employee_id", emp},
                                            {"first_day", first},
                                            {"last_day", last},
                                            {"kind", "sickness"},
                                            {"partial", false},
                                            {"note", ""}}}}}}};
                    res = c.Post("/api/v1/sync", headers, body.dump(), "application/json");
                }
                const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
                if (!res || res->status != 200) {
                    ++errors[static_cast<std::size_t>(t)];
                    // An HTTP status, or minus httplib's Error code when no answer came.
                    ++error_statuses[static_cast<std::size_t>(t)][res ? res->status : -static_cast<int>(res.error())];
                    if (res && first_error_body[static_cast<std::size_t>(t)].empty())
                        first_error_body[static_cast<std::size_t>(t)] = res->body.substr(0, 300);
                    if (!res) {
                        if (std::getenv("NAERVAER_LOAD_DEBUG"))
                            std::fprintf(stderr, "connection %d request %zu: no answer after %.1f ms (%s)\n", t,
                                         lat.size() + static_cast<std::size_t>(errors[static_cast<std::size_t>(t)]) - 1,
                                         ms, httplib::to_string(res.error()).c_str());
                        c.stop();
                    }
                } else {
                    lat.push_back(ms);
                    if (o.scenario == "push" && o.push_cursor == "advance") {
                        // The answer ends with ..."cursor":N,"more":false}: no need to parse it all.
                        const auto at = res->body.rfind("\"cursor\":");
                        if (at != std::string::npos) my_cursor = std::strtoll(res->body.c_str() + at + 9, nullptr, 10);
                    }
                }
            }
        });
    }
    const auto began = Clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(o.seconds));
    stop = true;
    for (auto& th : threads) th.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - began).count();

    std::vector<double> all;
    uint64_t error_count = 0;
    for (std::size_t i = 0; i < latencies.size(); ++i) {
        all.insert(all.end(), latencies[i].begin(), latencies[i].end());
        error_count += errors[i];
    }
    json statuses = json::object();
    std::string sample;
    for (std::size_t i = 0; i < error_statuses.size(); ++i) {
        for (const auto& [status, n] : error_statuses[i]) {
            const std::string key = std::to_string(status);
            statuses[key] = statuses.value(key, uint64_t{0}) + n;
        }
        if (sample.empty()) sample = first_error_body[i];
    }
    if (!sample.empty()) std::fprintf(stderr, "first error body: %s\n", sample.c_str());
    const double max_ms = all.empty() ? 0 : *std::max_element(all.begin(), all.end());
    json out = {{"scenario", o.scenario},
                      {"connections", o.connections},
                      {"seconds", elapsed},
                      {"requests", all.size()},
                      {"errors", error_count},
                      {"error_statuses", statuses},
                      {"rps", static_cast<double>(all.size()) / elapsed},
                      {"p50_ms", percentile(all, 0.50)},
                      {"p99_ms", percentile(all, 0.99)},
                      {"max_ms", max_ms}};
    if (o.scenario == "push") out["push_cursor"] = o.push_cursor;
    std::printf("%s\n", out.dump().c_str());
    return error_count > all.size() / 100 ? 1 : 0;
}
