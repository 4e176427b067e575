// The sync engine on its own (no views): against the real server where the server's answer
// matters, against nothing where only the absence of an answer does.
#include "client_harness.hpp"

#include "sync/api_client.hpp"
#include "sync/replica_store.hpp"
#include "sync/sync_engine.hpp"

#include <doctest/doctest.h>

using namespace naervaer;
using namespace naervaer::client;
using naervaer::testing::local_today_iso;
using nlohmann::json;

namespace {

// A signed-in engine: login through the same ApiClient the app uses.
struct EngineFixture {
    explicit EngineFixture(const std::string& base_url, const std::string& today = local_today_iso())
        : platform(NativePlatform::Options{base_url, {}, today, "da"}), api(platform), engine(platform, api) {
    }

    bool login(const std::string& email, const std::string& password) {
        bool ok = false;
        api.post("/api/v1/auth/login", {{"email", email}, {"password", password}}, [&](ApiResult r) {
            ok = r.ok();
            if (ok) {
                api.set_csrf_token(r.body["csrf_token"].get<std::string>());
                engine.open({}, r.body["user"]["id"].get<std::string>());
            }
        });
        platform.pump();
        return ok;
    }
    // Ticks and delivers until nothing is in flight and no attempt is due.
    void settle() {
        for (int i = 0; i < 50; ++i) {
            engine.tick();
            if (platform.pump() == 0 && !platform.has_pending_work()) {
                engine.tick();
                if (!platform.has_pending_work()) return;
            }
        }
    }

    NativePlatform platform;
    ApiClient api;
    SyncEngine engine;
};

json spell_data(const std::string& employee_id, const std::string& first_day, const std::string& note) {
    return {{"employee_id", employee_id},
            {"first_day", first_day},
            {"last_day", nullptr},
            {"partial", false},
            {"not_expected_back_within_8_weeks", false},
            {"kind", "sickness"},
            {"note", note},
            {"expected_return", nullptr}};
}

} // namespace

TEST_CASE("sync: a change the server rejects is set aside and does not block the others") {
    naervaer::testing::TestServer server;
    REQUIRE(server.started());
    const std::string employee = naervaer::testing::employee_without_ongoing_spell(server);
    EngineFixture f("http://127.0.0.1:" + std::to_string(server.port()));
    REQUIRE(f.login(testing::hr_email, testing::hr_password));
    f.engine.resume();
    f.settle();
    REQUIRE(f.engine.replica().cursor() > 0);

    // Invalid on the server: no first sick day. Queued first, so it leads the push.
    json invalid = spell_data(employee, local_today_iso(), "invalid");
    invalid.erase("first_day");
    f.engine.put("absence_spell", "s-invalid", invalid);
    f.engine.put("absence_spell", "s-valid", spell_data(employee, local_today_iso(), "valid"));
    CHECK(f.engine.status().pending == 2);
    f.settle();

    const SyncStatus s = f.engine.status();
    CHECK(s.pending == 0);
    CHECK(s.rejected == 1);
    CHECK(f.engine.replica().rejected().count({"absence_spell", "s-invalid"}) == 1);
    const Record* valid = f.engine.replica().server_version("absence_spell", "s-valid");
    REQUIRE(valid != nullptr);
    CHECK(valid->rev > 0);
    // Still visible locally, so the user can fix it.
    CHECK(f.engine.replica().get("absence_spell", "s-invalid").has_value());
}

TEST_CASE("sync: without an answer it retries with a growing delay, and at once when back online") {
    // Nothing listens on port 1: every request gets status 0, as when the server is down.
    EngineFixture f("http://127.0.0.1:1");
    f.engine.open({}, "u1");
    f.engine.resume();
    f.engine.put("absence_spell", "s1", spell_data("e1", "2024-05-01", ""));

    f.settle();
    CHECK_FALSE(f.engine.status().online);
    CHECK(f.engine.status().pending == 1);
    const double first = f.platform.next_timer_ms();
    CHECK(first == doctest::Approx(SyncEngine::first_retry_ms));

    const std::size_t before = f.platform.requests_sent();
    f.platform.advance_ms(first);
    f.settle();
    CHECK(f.platform.requests_sent() == before + 1);
    CHECK(f.platform.next_timer_ms() == doctest::Approx(2 * SyncEngine::first_retry_ms));

    // The browser says offline: no requests at all; back online: one straight away.
    f.platform.set_offline(true);
    f.engine.tick();
    f.platform.set_offline(false);
    const std::size_t sent = f.platform.requests_sent();
    f.engine.tick();
    f.platform.pump();
    CHECK(f.platform.requests_sent() == sent + 1);
}

TEST_CASE("sync: the outbox and the records survive a reload through the storage seam") {
    NativePlatform platform({{}, {}, "2024-05-17", "da"});
    ReplicaStore store(platform);
    Replica replica = store.open({}, "u1");

    SyncResponse pulled;
    pulled.cursor = 7;
    pulled.changes.push_back(
        Record{"employee", "e1", 7, "2024-05-01T10:00:00Z", "u0", false, {{"name", "Åse Ørum"}}});
    replica.apply({}, pulled);
    store.save_records(replica, {{"employee", "e1"}});
    replica.put_local("absence_spell", "s1", spell_data("e1", "2024-05-02", "note"));
    store.save_local(replica);

    // Per-record keys: an edit rewrote only the small local part.
    CHECK(platform.stored().count("replica/u1/local") == 1);
    CHECK(platform.stored().count("replica/u1/record/employee/e1") == 1);

    ReplicaStore reopened_store(platform);
    const Replica reopened = reopened_store.open(platform.stored(), "u1");
    CHECK(reopened.cursor() == 7);
    CHECK(reopened.pending_count() == 1);
    CHECK(reopened.get("employee", "e1").value()["name"] == "Åse Ørum");
    CHECK(reopened.get("absence_spell", "s1").value()["note"] == "note");

    // Another user's replica is a different set of keys.
    ReplicaStore other(platform);
    CHECK(other.open(platform.stored(), "u2").pending_count() == 0);

    reopened_store.forget();
    CHECK(platform.stored().empty());
}
