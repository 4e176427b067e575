#include "naervaer/sync.hpp"

#include <doctest/doctest.h>

using namespace naervaer;
using nlohmann::json;

TEST_CASE("sync protocol: a push request is decoded with its changes") {
    const json body = {{"since", 12},
                       {"changes",
                        {{{"type", "absence_spell"}, {"id", "sp-1"}, {"base_rev", 0}, {"data", {{"note", "x"}}}},
                         {{"type", "employee"}, {"id", "e-1"}, {"base_rev", 7}, {"deleted", true}}}}};
    ValidationResult errors;
    auto p = decode_push_request(body, errors);
    REQUIRE(p);
    CHECK(errors.ok());
    CHECK(p->since == 12);
    REQUIRE(p->changes.size() == 2);
    CHECK(p->changes[0].data["note"] == "x");
    CHECK(p->changes[1].deleted);
    CHECK(p->changes[1].base_rev == 7);
}

TEST_CASE("sync protocol: bad changes are reported with their path") {
    const json body = {{"since", "12"},
                       {"changes",
                        {{{"type", "payroll"}, {"id", "x"}, {"base_rev", 0}, {"data", json::object()}},
                         {{"type", "employee"}, {"id", "../etc"}, {"base_rev", -1}, {"data", 3}}}}};
    ValidationResult errors;
    CHECK_FALSE(decode_push_request(body, errors));
    CHECK(errors.has("since", "type"));
    CHECK(errors.has("changes[0].type", "unknown_value"));
    CHECK(errors.has("changes[1].id", "invalid_id"));
    CHECK(errors.has("changes[1].base_rev", "negative"));
    CHECK(errors.has("changes[1].data", "type"));
}

TEST_CASE("sync protocol: too many changes in one push are refused") {
    json changes = json::array();
    for (std::size_t i = 0; i <= sync_limits::max_changes_per_push; ++i)
        changes.push_back({{"type", "employee"}, {"id", "e" + std::to_string(i)}, {"base_rev", 0}, {"data", json::object()}});
    ValidationResult errors;
    CHECK_FALSE(decode_push_request({{"changes", changes}}, errors));
    CHECK(errors.has("changes", "too_long"));
}

TEST_CASE("sync protocol: a response round-trips") {
    SyncResponse r;
    r.accepted.push_back({"absence_spell", "sp-1", 41});
    r.conflicts.push_back({"employee", "e-1", 3, Record{"employee", "e-1", 9, "2026-01-01T00:00:00Z", "u1", false, {{"name", "A"}}}});
    r.changes.push_back(Record{"absence_spell", "sp-1", 41, "t", "u1", false, {{"note", "æøå"}}});
    r.cursor = 41;
    r.more = true;
    ValidationResult errors;
    auto back = decode_sync_response(to_json(r), errors);
    REQUIRE(back);
    CHECK(back->accepted.at(0).rev == 41);
    CHECK(back->conflicts.at(0).server.rev == 9);
    CHECK(back->conflicts.at(0).server.data["name"] == "A");
    CHECK(back->changes.at(0).data["note"] == "æøå");
    CHECK(back->cursor == 41);
    CHECK(back->more);
}

TEST_CASE("sync protocol: differing fields treat a missing key like null") {
    const json a = {{"note", "a"}, {"last_day", nullptr}, {"partial", false}};
    const json b = {{"note", "b"}, {"partial", false}, {"kind", "sickness"}};
    CHECK(differing_fields(a, b) == std::vector<std::string>{"kind", "note"});
    CHECK(differing_fields(a, a).empty());
}
