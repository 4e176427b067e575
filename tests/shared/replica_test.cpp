#include "naervaer/sync.hpp"

#include <doctest/doctest.h>

using namespace naervaer;
using nlohmann::json;
using Key = Replica::Key;

namespace {
Record server_record(std::string type, std::string id, int64_t rev, json data) {
    return Record{std::move(type), std::move(id), rev, "2026-11-23T08:00:00Z", "u-hr", false, std::move(data)};
}

SyncResponse accept_all(const std::vector<Replica::Pending>& sent, int64_t first_rev) {
    SyncResponse r;
    int64_t rev = first_rev;
    for (const auto& p : sent) r.accepted.push_back({p.change.type, p.change.id, rev++});
    r.cursor = rev - 1;
    return r;
}
} // namespace

TEST_CASE("replica: a local edit shows at once and waits in the outbox") {
    Replica r;
    r.put_local("absence_spell", "sp-1", {{"note", "Ringede ind kl. 7"}});
    CHECK(r.get("absence_spell", "sp-1")->at("note") == "Ringede ind kl. 7");
    CHECK(r.pending_count() == 1);
    const auto sent = r.pending_changes();
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].change.base_rev == 0);
    r.apply(sent, accept_all(sent, 5));
    CHECK(r.pending_count() == 0);
    CHECK(r.server_version("absence_spell", "sp-1")->rev == 5);
    CHECK(r.cursor() == 5);
}

TEST_CASE("replica: an edit made while the push is in flight is kept and rebased") {
    Replica r;
    r.put_local("absence_spell", "sp-1", {{"note", "v1"}});
    const auto sent = r.pending_changes();
    r.put_local("absence_spell", "sp-1", {{"note", "v2"}}); // typed while waiting for the server
    r.apply(sent, accept_all(sent, 8));
    REQUIRE(r.pending_count() == 1);
    const auto next = r.pending_changes();
    CHECK(next[0].change.base_rev == 8);
    CHECK(next[0].change.data["note"] == "v2");
    CHECK(r.get("absence_spell", "sp-1")->at("note") == "v2");
}

TEST_CASE("replica: pulled changes update records but never hide a pending local edit") {
    Replica r;
    SyncResponse pull;
    pull.changes = {server_record("employee", "e-1", 3, {{"name", "Anne"}}),
                    server_record("employee", "e-2", 4, {{"name", "Bo"}})};
    pull.cursor = 4;
    r.apply({}, pull);
    r.put_local("employee", "e-1", {{"name", "Anne Ø."}});
    SyncResponse later;
    later.changes = {server_record("employee", "e-1", 6, {{"name", "Anne Østergaard"}}),
                     server_record("employee", "e-2", 7, {{"name", "Bo Ærø"}})};
    later.cursor = 7;
    r.apply({}, later);
    CHECK(r.get("employee", "e-1")->at("name") == "Anne Ø."); // mine, still pending
    CHECK(r.get("employee", "e-2")->at("name") == "Bo Ærø");
    CHECK(r.server_version("employee", "e-1")->rev == 6);
    CHECK(r.pending_changes()[0].change.base_rev == 3); // the server will call this a conflict
}

TEST_CASE("replica: a conflict keeps both versions until a person chooses") {
    Replica r;
    SyncResponse pull;
    pull.changes = {server_record("absence_spell", "sp-1", 3, {{"note", "base"}})};
    pull.cursor = 3;
    r.apply({}, pull);
    r.put_local("absence_spell", "sp-1", {{"note", "mine"}});
    const auto sent = r.pending_changes();
    SyncResponse answer;
    answer.conflicts.push_back({"absence_spell", "sp-1", 3, server_record("absence_spell", "sp-1", 9, {{"note", "theirs"}})});
    answer.cursor = 9;
    r.apply(sent, answer);

    CHECK(r.pending_count() == 0);
    REQUIRE(r.conflicts().size() == 1);
    const auto& c = r.conflicts().at(Key{"absence_spell", "sp-1"});
    CHECK(c.mine.data["note"] == "mine");
    CHECK(c.theirs.data["note"] == "theirs");
    CHECK(r.get("absence_spell", "sp-1")->at("note") == "mine");
    CHECK(r.pending_changes().empty()); // held back until resolved

    SUBCASE("keep mine: sent again on top of the server's version") {
        r.resolve_conflict(Key{"absence_spell", "sp-1"}, true);
        REQUIRE(r.pending_count() == 1);
        CHECK(r.pending_changes()[0].change.base_rev == 9);
        CHECK(r.pending_changes()[0].change.data["note"] == "mine");
    }
    SUBCASE("take theirs: the server's version shows") {
        r.resolve_conflict(Key{"absence_spell", "sp-1"}, false);
        CHECK(r.pending_count() == 0);
        CHECK(r.get("absence_spell", "sp-1")->at("note") == "theirs");
    }
    CHECK(r.conflicts().empty());
}

TEST_CASE("replica: a refused change leaves the outbox for the person to fix, the rest goes on") {
    Replica r;
    r.put_local("absence_spell", "bad", {{"note", "x"}});
    r.put_local("absence_spell", "good", {{"note", "y"}});
    r.reject(Key{"absence_spell", "bad"}, "validation", "Sidste sygedag ligger før første sygedag");
    CHECK(r.pending_count() == 1);
    CHECK(r.pending_changes()[0].change.id == "good");
    CHECK(r.get("absence_spell", "bad")->at("note") == "x"); // still visible
    r.put_local("absence_spell", "bad", {{"note", "fixed"}}); // editing it re-queues it
    CHECK(r.rejected().empty());
    CHECK(r.pending_count() == 2);
}

TEST_CASE("replica: changes leave in the order records entered the outbox") {
    Replica r;
    r.put_local("employee", "e-new", {{"name", "Ny"}});
    r.put_local("absence_spell", "sp-new", {{"employee_id", "e-new"}});
    r.put_local("employee", "e-new", {{"name", "Ny Medarbejder"}}); // edited later, still first
    const auto out = r.pending_changes();
    REQUIRE(out.size() == 2);
    CHECK(out[0].change.id == "e-new");
    CHECK(out[1].change.id == "sp-new");
}

TEST_CASE("replica: deleting a record the server never saw just forgets it") {
    Replica r;
    r.put_local("absence_spell", "sp-1", {{"note", "x"}});
    r.delete_local("absence_spell", "sp-1");
    CHECK(r.pending_count() == 0);
    CHECK_FALSE(r.get("absence_spell", "sp-1"));

    SyncResponse pull;
    pull.changes = {server_record("absence_spell", "sp-2", 4, {{"note", "y"}})};
    r.apply({}, pull);
    r.delete_local("absence_spell", "sp-2");
    REQUIRE(r.pending_count() == 1);
    CHECK(r.pending_changes()[0].change.deleted);
    CHECK(r.pending_changes()[0].change.base_rev == 4);
    CHECK_FALSE(r.get("absence_spell", "sp-2"));
}

TEST_CASE("replica: outbox, conflicts and records survive persistence") {
    Replica r;
    SyncResponse pull;
    pull.changes = {server_record("absence_spell", "sp-1", 3, {{"note", "base"}}),
                    server_record("employee", "e-1", 2, {{"name", "Åse"}})};
    pull.cursor = 3;
    r.apply({}, pull);
    r.put_local("absence_spell", "sp-1", {{"note", "mine"}});
    const auto sent = r.pending_changes();
    SyncResponse answer;
    answer.conflicts.push_back({"absence_spell", "sp-1", 3, server_record("absence_spell", "sp-1", 9, {{"note", "theirs"}})});
    answer.cursor = 9;
    r.apply(sent, answer);
    r.put_local("absence_spell", "sp-2", {{"note", "offline æøå"}});

    const Replica back = Replica::from_json(json::parse(r.to_json().dump()));
    CHECK(back.cursor() == 9);
    CHECK(back.pending_count() == 1);
    CHECK(back.get("absence_spell", "sp-2")->at("note") == "offline æøå");
    CHECK(back.conflicts().size() == 1);
    CHECK(back.get("employee", "e-1")->at("name") == "Åse");
    // Sequence numbers continue after a restart, so new edits queue behind the old ones.
    Replica again = back;
    again.put_local("employee", "e-9", {{"name", "Ny"}});
    CHECK(again.pending_changes().back().change.id == "e-9");
}

TEST_CASE("replica: stored garbage is skipped, not thrown on") {
    const json junk = {{"local", {{"cursor", "x"}, {"outbox", {1, {{"change", 5}}, nullptr}}}}, {"server", "nope"}};
    const Replica r = Replica::from_json(junk);
    CHECK(r.pending_count() == 0);
    CHECK(r.cursor() == 0);
}
