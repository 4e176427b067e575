#pragma once
// The sync protocol on the server side (docs/api.md "Records and sync"): push (validate the whole
// batch, write it in one transaction or not at all), pull (paged, scoped to what the user may
// see) and reading one record by id. Every write, read and pull is audited.
#include "clock.hpp"
#include "naervaer/alerts.hpp"
#include "naervaer/sync.hpp"
#include "services/auth_context.hpp"
#include "services/shipped_templates.hpp"
#include "store/store.hpp"
#include "store/write_batcher.hpp"

#include <string>

namespace naervaer::server {

class SyncService {
public:
    // Pushes are written by `writer` (group commit); pull and read audit rows are queued on it.
    // `alert_defaults` are the rules an organisation's alert_settings record is checked against;
    // `templates` (kept by reference) the shipped form templates a new conversation record must use.
    SyncService(Store& store, WriteBatcher& writer, Clock clock, AlertSettings alert_defaults,
                const ShippedTemplates& templates);

    // The answers of push and pull come back as JSON text (docs/api.md): the stored records are
    // spliced in without being parsed.
    // Throws ApiError with `changes` listing every refused change when any is invalid; then
    // nothing of this push was written. Returns once the push is committed.
    std::string push(const AuthContext& who, const PushRequest& request);
    std::string pull(const AuthContext& who, int64_t since, std::size_t limit);
    // Throws 404 when the record does not exist, is deleted, belongs to another organisation or
    // lies outside a team leader's departments.
    Record read(const AuthContext& who, const std::string& type, const std::string& id);

private:
    Store& store_;
    WriteBatcher& writer_;
    Clock clock_;
    AlertSettings alert_defaults_;
    const ShippedTemplates& templates_;
};

} // namespace naervaer::server
