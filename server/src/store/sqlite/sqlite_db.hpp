#pragma once
// Small RAII wrappers over the sqlite3 C API: a connection, its cached prepared statements and a
// scoped use of one statement (bindings and cursor are reset when the use ends).
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace naervaer::server::sqlite {

class SqliteError : public std::runtime_error {
public:
    SqliteError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
    int code() const { return code_; }

private:
    int code_;
};

class Statement {
public:
    explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}

    void bind(int index, std::string_view text);
    void bind(int index, const std::string& text) { bind(index, std::string_view(text)); }
    void bind(int index, int64_t value);
    void bind(int index, const std::optional<std::string>& text); // nullopt binds NULL
    void bind_null(int index);

    // true: a row is available; false: done.
    bool step();
    // For statements that return no rows (or whose rows are not needed).
    void run();

    bool is_null(int column) const;
    int64_t int64(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optional_text(int column) const;
    // Valid until the next step() or reset(): no copy.
    std::string_view text_view(int column) const;

    void reset();

private:
    struct Finalizer {
        void operator()(sqlite3_stmt* stmt) const;
    };
    std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
};

// A statement borrowed from the connection's cache for one use; it is reset on scope exit so the
// next user starts from a clean state and read locks are not held by a half-stepped cursor.
class StatementUse {
public:
    explicit StatementUse(Statement& statement) : statement_(statement) {}
    ~StatementUse() { statement_.reset(); }
    StatementUse(const StatementUse&) = delete;
    StatementUse& operator=(const StatementUse&) = delete;
    Statement* operator->() const { return &statement_; }
    Statement& operator*() const { return statement_; }

private:
    Statement& statement_;
};

class Connection {
public:
    explicit Connection(const std::filesystem::path& file);
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void exec(const char* sql);
    // Prepared once per connection and reused: SQL text is a compile-time constant at each call
    // site, so the cache is bounded by the number of distinct queries in the code.
    StatementUse use(const char* sql);
    int64_t changes() const;

private:
    struct Closer {
        void operator()(sqlite3* db) const;
    };
    std::unique_ptr<sqlite3, Closer> db_;
    std::map<std::string, Statement, std::less<>> cache_;
};

} // namespace naervaer::server::sqlite
