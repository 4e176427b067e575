#pragma once
// One writer thread that folds concurrent writes into few transactions (group commit):
//
// - submit(work): the request's write runs inside a shared write transaction, in its own
//   SAVEPOINT, so one failing write is rolled back alone while the others of the batch commit.
//   submit() returns (or rethrows the work's exception) only after the batch's COMMIT, i.e. after
//   the fsync of synchronous=FULL: an acknowledged write is durable, and one fsync covers every
//   write that queued while the previous batch was committing.
// - audit(entry): read audit rows (pulls, reads by id) are queued without waiting and written in
//   the next batch, at the latest `audit_delay` (10 ms) later. The request path never holds the
//   database write lock for them. flush() waits until everything queued so far is committed;
//   stop() writes what is queued and ends the thread (graceful shutdown loses nothing).
//
// Nothing here is SQL: it speaks the Store/Transaction interface.
#include "store/store.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace naervaer::server {

class WriteBatcher {
public:
    struct Options {
        // How long a lone audit row may wait for company. Every commit also makes each reader
        // connection drop its page cache at its next transaction (SQLite does so when the WAL
        // changed), so fewer, larger audit commits keep pulls fast.
        std::chrono::milliseconds audit_delay{10};
        std::size_t max_writes_per_batch = 256;
        std::size_t max_audit_rows_per_batch = 4096;
    };

    explicit WriteBatcher(Store& store);
    WriteBatcher(Store& store, Options options);
    ~WriteBatcher(); // stop()
    WriteBatcher(const WriteBatcher&) = delete;
    WriteBatcher& operator=(const WriteBatcher&) = delete;

    // Runs `work` on the writer thread inside the batch's transaction and returns after the batch
    // committed. When `work` throws, its savepoint is rolled back and the exception is rethrown
    // here; when the batch cannot commit, every write of it fails with the store's exception.
    // `work` may reference the caller's stack: the caller waits until it has run.
    void submit(const std::function<void(Transaction&)>& work);
    // Queues an audit row; never blocks on the database.
    void audit(AuditEntry entry);
    // Returns once every audit row queued before the call is committed (or failed to be).
    void flush();
    // Writes what is queued and joins the thread; later submit() calls throw. Idempotent.
    void stop();

    // For tests and diagnostics.
    uint64_t batches_committed() const;
    std::size_t queued_writes() const;

private:
    struct Job {
        const std::function<void(Transaction&)>* work;
        std::exception_ptr error;
        bool done = false;
    };

    Store& store_;
    Options options_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;     // the writer: work arrived or stop
    std::condition_variable finished_; // submitters and flushers: a batch ended
    std::vector<Job*> jobs_;
    std::deque<AuditEntry> audits_;
    uint64_t audits_queued_ = 0;  // audit rows ever queued
    uint64_t audits_settled_ = 0; // of those, committed or given up
    int flush_waiters_ = 0;
    int audit_failures_ = 0;      // batches in a row that failed to commit
    uint64_t batches_committed_ = 0;
    bool stopping_ = false;
    bool stopped_ = false;
    std::thread thread_;

    void run();
    // One transaction: each job in its savepoint, then the audit rows. false: nothing committed.
    bool write_batch(std::vector<Job*>& jobs, std::vector<AuditEntry>& audits);
};

} // namespace naervaer::server
