#include "store/write_batcher.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace naervaer::server {

WriteBatcher::WriteBatcher(Store& store) : WriteBatcher(store, Options{}) {}

WriteBatcher::WriteBatcher(Store& store, Options options) : store_(store), options_(options) {
    thread_ = std::thread([this] { run(); });
}

WriteBatcher::~WriteBatcher() { stop(); }

void WriteBatcher::submit(const std::function<void(Transaction&)>& work) {
    Job job{&work, nullptr, false};
    {
        std::unique_lock lock(mutex_);
        if (stopping_) throw std::runtime_error("the writer is stopped");
        jobs_.push_back(&job);
        wake_.notify_one();
        finished_.wait(lock, [&] { return job.done; });
    }
    if (job.error) std::rethrow_exception(job.error);
}

void WriteBatcher::audit(AuditEntry entry) {
    std::lock_guard lock(mutex_);
    if (stopped_) {
        // Only after stop(), i.e. after the HTTP workers were joined: nothing should get here.
        std::fprintf(stderr, "naervaer: audit row after shutdown not written (%s)\n", entry.action.c_str());
        return;
    }
    audits_.push_back(std::move(entry));
    ++audits_queued_;
    // The writer is woken by the first row (it then collects for audit_delay) and by a full batch.
    if (audits_.size() == 1 || audits_.size() == options_.max_audit_rows_per_batch) wake_.notify_one();
}

void WriteBatcher::flush() {
    std::unique_lock lock(mutex_);
    const uint64_t target = audits_queued_;
    ++flush_waiters_;
    wake_.notify_one();
    finished_.wait(lock, [&] { return audits_settled_ >= target || stopped_; });
    --flush_waiters_;
}

void WriteBatcher::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        wake_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
}

uint64_t WriteBatcher::batches_committed() const {
    std::lock_guard lock(mutex_);
    return batches_committed_;
}

std::size_t WriteBatcher::queued_writes() const {
    std::lock_guard lock(mutex_);
    return jobs_.size();
}

void WriteBatcher::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] { return stopping_ || !jobs_.empty() || !audits_.empty(); });
        if (jobs_.empty() && !audits_.empty() && !stopping_ && flush_waiters_ == 0) {
            // Audit rows alone wait a little for company: one commit (one fsync) for many.
            wake_.wait_for(lock, options_.audit_delay, [&] {
                return stopping_ || !jobs_.empty() || flush_waiters_ > 0 ||
                       audits_.size() >= options_.max_audit_rows_per_batch;
            });
        }
        if (jobs_.empty() && audits_.empty()) {
            if (stopping_) break;
            continue;
        }
        // Whatever queued while the previous batch committed goes into this one.
        std::vector<Job*> jobs;
        const std::size_t job_count = std::min(jobs_.size(), options_.max_writes_per_batch);
        jobs.assign(jobs_.begin(), jobs_.begin() + static_cast<std::ptrdiff_t>(job_count));
        jobs_.erase(jobs_.begin(), jobs_.begin() + static_cast<std::ptrdiff_t>(job_count));
        std::vector<AuditEntry> audits;
        const std::size_t audit_count = std::min(audits_.size(), options_.max_audit_rows_per_batch);
        audits.reserve(audit_count);
        for (std::size_t i = 0; i < audit_count; ++i) {
            audits.push_back(std::move(audits_.front()));
            audits_.pop_front();
        }
        const bool last_chance = stopping_;
        lock.unlock();

        const bool committed = write_batch(jobs, audits);

        lock.lock();
        if (committed) ++batches_committed_;
        for (Job* job : jobs) job->done = true;
        if (committed || last_chance || audit_failures_ >= 3) {
            if (!committed && !audits.empty()) {
                std::fprintf(stderr, "naervaer: %zu audit rows could not be written\n", audits.size());
            }
            audits_settled_ += audits.size();
            audit_failures_ = 0;
        } else {
            // The database refused the commit (disk full, I/O error): the rows go back to the
            // front, in order, and are tried again shortly.
            ++audit_failures_;
            for (auto it = audits.rbegin(); it != audits.rend(); ++it) audits_.push_front(std::move(*it));
        }
        finished_.notify_all();
        if (!committed && !last_chance) {
            lock.unlock();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            lock.lock();
        }
    }
    stopped_ = true;
    finished_.notify_all();
}

bool WriteBatcher::write_batch(std::vector<Job*>& jobs, std::vector<AuditEntry>& audits) {
    std::size_t applied = 0; // jobs whose savepoint was handled
    try {
        auto tx = store_.write();
        for (Job* job : jobs) {
            tx->savepoint();
            try {
                (*job->work)(*tx);
            } catch (...) {
                job->error = std::current_exception();
                // Undoes this job only. Should the rollback itself fail (the connection lost the
                // transaction), the whole batch fails below: nothing of it was committed.
                tx->rollback_to_savepoint();
            }
            tx->release_savepoint();
            ++applied;
        }
        if (!audits.empty()) {
            tx->savepoint();
            try {
                for (const AuditEntry& entry : audits) tx->append_audit(entry);
                tx->release_savepoint();
            } catch (const std::exception& e) {
                // A row the database refuses must not take the batch's writes with it.
                std::fprintf(stderr, "naervaer: %zu audit rows refused: %s\n", audits.size(), e.what());
                tx->rollback_to_savepoint();
                tx->release_savepoint();
            }
        }
        tx->commit();
        return true;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "naervaer: a write batch failed: %s\n", e.what());
        const auto error = std::current_exception();
        // Every write of the batch is rolled back: those that had succeeded fail with the
        // batch's error; those refused on their own keep their answer (they wrote nothing either).
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            if (i >= applied || !jobs[i]->error) jobs[i]->error = error;
        }
        return false;
    }
}

} // namespace naervaer::server
