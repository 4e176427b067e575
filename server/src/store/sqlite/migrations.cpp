#include "store/sqlite/migrations.hpp"

#include "clock.hpp"

#include <string>

namespace naervaer::server::sqlite {

void migrate(Connection& db, std::span<const Migration> migrations) {
    // BEGIN IMMEDIATE: two servers starting on the same file migrate one after the other, and
    // the second sees the first's schema_migrations rows.
    db.exec("BEGIN IMMEDIATE");
    try {
        db.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        int64_t applied = 0;
        {
            auto q = db.use("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
            if (q->step()) applied = q->int64(0);
        }
        const int64_t newest = migrations.empty() ? 0 : migrations.back().version;
        if (applied > newest) {
            throw SqliteError(0, "the database schema (version " + std::to_string(applied) +
                                     ") is newer than this server (version " + std::to_string(newest) + ")");
        }
        for (const Migration& m : migrations) {
            if (m.version <= applied) continue;
            db.exec(m.sql);
            auto q = db.use("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
            q->bind(1, static_cast<int64_t>(m.version));
            q->bind(2, std::string_view(m.name));
            q->bind(3, iso_timestamp(std::chrono::system_clock::now()));
            q->run();
        }
        db.exec("COMMIT");
    } catch (...) {
        db.exec("ROLLBACK");
        throw;
    }
}

} // namespace naervaer::server::sqlite
