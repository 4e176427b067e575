#pragma once
// The SQLite Store: one database file in WAL mode, a small pool of connections (WAL lets readers
// run beside the single writer), and an in-process writer lock so concurrent writers queue on a
// mutex instead of spinning in SQLite's busy handler.
#include "store/store.hpp"

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

namespace naervaer::server::sqlite {

class Connection;

class SqliteStore final : public Store {
public:
    // Opens (or creates) the file and applies pending migrations. Throws SqliteError.
    explicit SqliteStore(std::filesystem::path file);
    ~SqliteStore() override;

    std::unique_ptr<Transaction> read() override;
    std::unique_ptr<Transaction> write() override;
    void close() override;

    // For the transaction: connections go back to the pool when it ends.
    void release(std::unique_ptr<Connection> connection);

private:
    std::unique_ptr<Connection> acquire();
    std::unique_ptr<Connection> open_connection() const;

    std::filesystem::path file_;
    std::mutex pool_mutex_;
    std::vector<std::unique_ptr<Connection>> idle_;
    bool closed_ = false;
    std::mutex write_mutex_;
};

} // namespace naervaer::server::sqlite
