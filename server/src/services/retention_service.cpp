#include "services/retention_service.hpp"

#include "naervaer/month_arithmetic.hpp"
#include "services/audit.hpp"
#include "services/case_records.hpp"
#include "services/referral_sync.hpp"

#include <cstdio>
#include <exception>

namespace naervaer::server {

bool retention_due(Date last_day, int years, Date today) {
    // add_months keeps the day of the month, or takes the month's last day when it has none:
    // 29-02-2024 + 5 years = 28-02-2029.
    return add_months(last_day, 12 * years) < today;
}

RetentionService::RetentionService(Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

RetentionReport RetentionService::run_once(const std::function<bool()>& stop) {
    RetentionReport report;
    const auto clock_now = clock_();
    const Date today = danish_today(clock_now);
    const std::string now = iso_timestamp(clock_now);
    std::vector<Organisation> organisations;
    {
        auto tx = store_.read();
        organisations = tx->list_organisations();
    }
    for (const Organisation& organisation : organisations) {
        if (stop && stop()) break;
        ++report.organisations;
        try {
            // Candidates are read inside the write transaction, so a push cannot change a case
            // between the decision and the deletion.
            auto tx = store_.write();
            std::size_t records = 0, marks = 0;
            const auto log = [&](const std::string& type, const std::string& id,
                                 const std::optional<std::string>& employee_id) {
                tx->append_deletion({organisation.id, now, retention_actor, retention_actor_name, type, id, employee_id,
                                     deletion_reason::retention});
                // Refused versions kept for the record hold its content too.
                tx->delete_conflicts(organisation.id, id);
            };
            for (const ClosedCaseRecord& candidate :
                 tx->records_of_closed_cases(organisation.id, record_type::conversation_record)) {
                const auto last_day = Date::parse_iso(candidate.spell_last_day);
                if (!last_day || !retention_due(*last_day, organisation.record_retention_years, today)) continue;
                tx->put_record(organisation.id,
                               tombstone_of(std::string(record_type::conversation_record), candidate.id,
                                            candidate.scope_department, candidate.employee_id, now, retention_actor));
                log(std::string(record_type::conversation_record), candidate.id, candidate.employee_id);
                ++records;
                if (!candidate.employee_id) continue;
                for (const StoredRecord& mark :
                     marks_with_prefix(*tx, organisation.id, *candidate.employee_id,
                                       agreement_mark_prefix(candidate.spell_id, candidate.id))) {
                    tx->put_record(organisation.id, tombstone_of(mark, now, retention_actor));
                    log(mark.record.type, mark.record.id, mark.employee_id);
                    ++marks;
                }
            }
            // Closed referrals of a closed case go on the same schedule (an open one is still the
            // jobcentre's business and stays).
            std::size_t referrals = 0;
            for (const ClosedCaseRecord& candidate :
                 tx->records_of_closed_cases(organisation.id, record_type::referral)) {
                const auto last_day = Date::parse_iso(candidate.spell_last_day);
                if (!last_day || !retention_due(*last_day, organisation.record_retention_years, today)) continue;
                const auto stored = tx->find_record(candidate.id);
                if (!stored || !is_closed_referral(*stored)) continue;
                tx->put_record(organisation.id, tombstone_of(*stored, now, retention_actor));
                log(std::string(record_type::referral), candidate.id, candidate.employee_id);
                ++referrals;
            }
            // One row per organisation and run, also when nothing was due: the log shows the job ran.
            AuditEntry entry;
            entry.org_id = organisation.id;
            entry.at = now;
            entry.action = audit_action::retention;
            entry.record_type = std::string(record_type::conversation_record);
            entry.detail = {{"deleted", records},
                            {"marks_deleted", marks},
                            {"referrals_deleted", referrals},
                            {"retention_years", organisation.record_retention_years},
                            {"today", today.iso()}};
            tx->append_audit(entry);
            tx->commit();
            report.records_deleted += records;
            report.marks_deleted += marks;
            report.referrals_deleted += referrals;
        } catch (const std::exception& e) {
            // Rolled back; the next run tries again. Other organisations go on.
            ++report.failures;
            std::fprintf(stderr, "naervaer: retention failed for an organisation: %s\n", e.what());
        }
    }
    return report;
}

std::string describe(const RetentionReport& report) {
    std::string text = "retention: " + std::to_string(report.records_deleted) + " conversation record(s), " +
                       std::to_string(report.marks_deleted) + " agreement mark(s) and " +
                       std::to_string(report.referrals_deleted) + " closed referral(s) deleted in " +
                       std::to_string(report.organisations) + " organisation(s)";
    if (report.failures > 0) text += ", " + std::to_string(report.failures) + " failed";
    return text;
}

RetentionScheduler::RetentionScheduler(RetentionService& service, std::chrono::seconds interval, bool quiet)
    : service_(service), interval_(interval), quiet_(quiet) {}

RetentionScheduler::~RetentionScheduler() { stop(); }

void RetentionScheduler::start() {
    thread_ = std::thread([this] {
        std::unique_lock lock(mutex_);
        for (;;) {
            if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) return;
            lock.unlock();
            RetentionReport report;
            try {
                report = service_.run_once([this] {
                    std::lock_guard guard(mutex_);
                    return stopping_;
                });
            } catch (const std::exception& e) {
                std::fprintf(stderr, "naervaer: retention failed: %s\n", e.what());
            }
            if (!quiet_ && (report.records_deleted > 0 || report.failures > 0))
                std::printf("%s\n", describe(report).c_str());
            lock.lock();
            ++runs_;
            wake_.notify_all();
        }
    });
}

void RetentionScheduler::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

std::size_t RetentionScheduler::runs() const {
    std::lock_guard lock(mutex_);
    return runs_;
}

} // namespace naervaer::server
