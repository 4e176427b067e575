#include "naervaer/sync.hpp"

#include "json_reader.hpp"
#include "naervaer/records.hpp"

#include <algorithm>
#include <set>

namespace naervaer {

using nlohmann::json;
using detail::JsonReader;

json to_json(const Record& r) {
    return {{"type", r.type},         {"id", r.id},         {"rev", r.rev},  {"updated_at", r.updated_at},
            {"updated_by", r.updated_by}, {"deleted", r.deleted}, {"data", r.data}};
}

json to_json(const Change& c) {
    return {{"type", c.type}, {"id", c.id}, {"base_rev", c.base_rev}, {"deleted", c.deleted}, {"data", c.data}};
}

json to_json(const PushRequest& p) {
    json changes = json::array();
    for (const auto& c : p.changes) changes.push_back(to_json(c));
    return {{"since", p.since}, {"changes", std::move(changes)}};
}

json to_json(const SyncResponse& r) {
    json accepted = json::array(), conflicts = json::array(), changes = json::array();
    for (const auto& a : r.accepted) accepted.push_back({{"type", a.type}, {"id", a.id}, {"rev", a.rev}});
    for (const auto& c : r.conflicts)
        conflicts.push_back({{"type", c.type}, {"id", c.id}, {"base_rev", c.base_rev}, {"server", to_json(c.server)}});
    for (const auto& rec : r.changes) changes.push_back(to_json(rec));
    return {{"accepted", std::move(accepted)},
            {"conflicts", std::move(conflicts)},
            {"changes", std::move(changes)},
            {"cursor", r.cursor},
            {"more", r.more}};
}

namespace {

// A non-negative integer field (revs and cursors). JSON numbers may arrive as doubles.
int64_t read_rev(const json& j, const char* key, const std::string& path, bool required, ValidationResult& errors) {
    const std::string field = path.empty() ? key : path + "." + key;
    if (!j.is_object() || !j.contains(key) || j[key].is_null()) {
        if (required) errors.add(field, "required");
        return 0;
    }
    const auto& v = j[key];
    if (!v.is_number_integer()) {
        errors.add(field, "type", "integer");
        return 0;
    }
    const int64_t n = v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)
                          ? -1
                          : v.get<int64_t>();
    if (n < 0) {
        errors.add(field, "negative");
        return 0;
    }
    return n;
}

bool read_type_and_id(JsonReader& r, std::string& type, std::string& id, ValidationResult& errors) {
    type = r.string("type", true, 32);
    id = r.string("id", true, limits::id_length);
    bool ok = true;
    if (!type.empty() && !is_sync_type(type)) errors.add(r.field("type"), "unknown_value", type), ok = false;
    if (!id.empty() && !is_valid_id(id)) errors.add(r.field("id"), "invalid_id"), ok = false;
    return ok && !type.empty() && !id.empty();
}

// What records and changes share: type, id, the deleted flag and the data object (which a
// deletion may leave out).
template <class Document>
void read_document(const json& j, JsonReader& r, Document& doc, ValidationResult& errors) {
    read_type_and_id(r, doc.type, doc.id, errors);
    doc.deleted = r.boolean("deleted", false);
    if (j.is_object() && j.contains("data") && j["data"].is_object()) doc.data = j["data"];
    else if (!doc.deleted) errors.add(r.field("data"), "type", "object");
}

} // namespace

std::optional<Record> decode_record(const json& j, ValidationResult& errors, const std::string& path) {
    const std::size_t before = errors.errors().size();
    JsonReader r(j, errors, path);
    Record rec;
    read_document(j, r, rec, errors);
    rec.rev = read_rev(j, "rev", path, true, errors);
    rec.updated_at = r.string("updated_at", false, 64);
    rec.updated_by = r.string("updated_by", false, limits::id_length);
    if (errors.errors().size() != before) return std::nullopt;
    return rec;
}

std::optional<Change> decode_change(const json& j, ValidationResult& errors, const std::string& path) {
    const std::size_t before = errors.errors().size();
    JsonReader r(j, errors, path);
    Change c;
    read_document(j, r, c, errors);
    c.base_rev = read_rev(j, "base_rev", path, true, errors);
    if (errors.errors().size() != before) return std::nullopt;
    return c;
}

std::optional<PushRequest> decode_push_request(const json& j, ValidationResult& errors) {
    const std::size_t before = errors.errors().size();
    if (!j.is_object()) {
        errors.add("body", "type", "object");
        return std::nullopt;
    }
    PushRequest p;
    p.since = read_rev(j, "since", "", false, errors);
    if (j.contains("changes")) {
        const auto& arr = j["changes"];
        if (!arr.is_array()) errors.add("changes", "type", "array");
        else if (arr.size() > sync_limits::max_changes_per_push)
            errors.add("changes", "too_long", std::to_string(sync_limits::max_changes_per_push));
        else
            for (std::size_t i = 0; i < arr.size(); ++i)
                if (auto c = decode_change(arr[i], errors, "changes[" + std::to_string(i) + "]"))
                    p.changes.push_back(std::move(*c));
    }
    if (errors.errors().size() != before) return std::nullopt;
    return p;
}

std::optional<SyncResponse> decode_sync_response(const json& j, ValidationResult& errors) {
    const std::size_t before = errors.errors().size();
    if (!j.is_object()) {
        errors.add("body", "type", "object");
        return std::nullopt;
    }
    SyncResponse r;
    auto array = [&](const char* key) -> const json* {
        if (!j.contains(key)) return nullptr;
        if (!j[key].is_array()) {
            errors.add(key, "type", "array");
            return nullptr;
        }
        return &j[key];
    };
    if (const json* a = array("accepted"))
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string path = "accepted[" + std::to_string(i) + "]";
            JsonReader rd((*a)[i], errors, path);
            Accepted acc;
            read_type_and_id(rd, acc.type, acc.id, errors);
            acc.rev = read_rev((*a)[i], "rev", path, true, errors);
            r.accepted.push_back(std::move(acc));
        }
    if (const json* a = array("conflicts"))
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string path = "conflicts[" + std::to_string(i) + "]";
            const json& c = (*a)[i];
            JsonReader rd(c, errors, path);
            Conflict con;
            read_type_and_id(rd, con.type, con.id, errors);
            con.base_rev = read_rev(c, "base_rev", path, false, errors);
            if (c.is_object() && c.contains("server")) {
                if (auto rec = decode_record(c["server"], errors, path + ".server")) con.server = std::move(*rec);
            } else
                errors.add(path + ".server", "required");
            r.conflicts.push_back(std::move(con));
        }
    if (const json* a = array("changes"))
        for (std::size_t i = 0; i < a->size(); ++i)
            if (auto rec = decode_record((*a)[i], errors, "changes[" + std::to_string(i) + "]"))
                r.changes.push_back(std::move(*rec));
    r.cursor = read_rev(j, "cursor", "", true, errors);
    if (j.contains("more") && j["more"].is_boolean()) r.more = j["more"].get<bool>();
    if (errors.errors().size() != before) return std::nullopt;
    return r;
}

std::vector<std::string> differing_fields(const json& a, const json& b) {
    std::set<std::string> keys;
    if (a.is_object())
        for (auto it = a.begin(); it != a.end(); ++it) keys.insert(it.key());
    if (b.is_object())
        for (auto it = b.begin(); it != b.end(); ++it) keys.insert(it.key());
    std::vector<std::string> out;
    for (const auto& k : keys) {
        const json* va = a.is_object() && a.contains(k) ? &a[k] : nullptr;
        const json* vb = b.is_object() && b.contains(k) ? &b[k] : nullptr;
        // A missing key and an explicit null mean the same thing on the wire.
        const bool na = !va || va->is_null(), nb = !vb || vb->is_null();
        if (na && nb) continue;
        if (na != nb || *va != *vb) out.push_back(k);
    }
    return out;
}

} // namespace naervaer
