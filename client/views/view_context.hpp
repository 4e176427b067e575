#pragma once
// What every view reads. Views draw from this and their own form, and append actions; they do not
// reach into the app or the sync engine (see app/actions.hpp for why).
#include "app/actions.hpp"
#include "app/directory.hpp"
#include "app/i18n.hpp"
#include "app/state.hpp"
#include "platform/platform.hpp"
#include "sync/sync_engine.hpp"

#include <naervaer/date.hpp>
#include <naervaer/sync.hpp>

namespace naervaer::client {

struct ViewContext {
    const I18n& i18n;
    const Directory& directory;
    const Replica& replica;
    const SyncStatus& sync;
    const SignedInUser& user;
    Date today;
    double now_ms;
    Platform& platform; // only for text overlays, which must be placed while the item is drawn

    const char* tr(std::string_view key) const { return i18n.tr(key); }
};

} // namespace naervaer::client
