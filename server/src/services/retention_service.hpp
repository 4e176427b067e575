#pragma once
// The retention job (docs/retention.md): an organisation keeps conversation records for
// `record_retention_years` (1-20, default 5) after their case closed. A live record is due when its
// case (a live absence spell of a live employee) has a last day and last day + N calendar years is
// before today in Denmark; 29 February + N years is 28 February when that year has none. Due records
// become tombstones (their data dropped, clients pull the deletion) together with the to-do marks of
// their agreements, each with a deletion-log row (by "retention", reason "retention", never content),
// in one write transaction per organisation, which also writes one audit row with the counts.
#include "clock.hpp"
#include "naervaer/date.hpp"
#include "store/store.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace naervaer::server {

// The name the deletion log shows for the job ("by" is retention_actor).
inline constexpr const char* retention_actor_name = "Automatisk sletning (opbevaringsperiode)";

// Whether a record of a case that closed on `last_day` is due on `today` with `years` of retention.
bool retention_due(Date last_day, int years, Date today);

struct RetentionReport {
    std::size_t organisations = 0;   // looked at
    std::size_t records_deleted = 0; // conversation records
    std::size_t marks_deleted = 0;   // agreement marks taken along
    std::size_t referrals_deleted = 0; // closed referrals of closed cases
    std::size_t failures = 0;        // organisations whose transaction failed (rolled back; retried next run)
};

class RetentionService {
public:
    RetentionService(Store& store, Clock clock);

    // One pass over every organisation. `stop` is asked between organisations (shutdown).
    RetentionReport run_once(const std::function<bool()>& stop = {});

private:
    Store& store_;
    Clock clock_;
};

// Runs a job at start-up's end and then every `interval` on its own thread until stop().
class RetentionScheduler {
public:
    RetentionScheduler(RetentionService& service, std::chrono::seconds interval, bool quiet);
    ~RetentionScheduler(); // stop()
    RetentionScheduler(const RetentionScheduler&) = delete;
    RetentionScheduler& operator=(const RetentionScheduler&) = delete;

    void start();
    // Wakes the thread and joins it; a pass in progress ends after its current organisation.
    void stop();
    std::size_t runs() const; // passes completed (for tests)

private:
    RetentionService& service_;
    std::chrono::seconds interval_;
    bool quiet_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::size_t runs_ = 0;
    std::thread thread_;
};

// A line for the log: "retention: 2 records (1 agreement mark) deleted in 3 organisations".
std::string describe(const RetentionReport& report);

} // namespace naervaer::server
