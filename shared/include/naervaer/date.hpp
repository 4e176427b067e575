#pragma once
// Civil dates without time zones. Every deadline in Danish sickness-absence law is counted in
// calendar days, weeks or working days from a day, so a date is a day number and nothing more.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace naervaer {

class Date {
public:
    constexpr Date() = default;
    // Days since 1970-01-01 (may be negative).
    static constexpr Date from_serial(int32_t days) {
        Date d;
        d.days_ = days;
        return d;
    }
    // Returns nothing when year/month/day is not a real date (e.g. 29-02-2023).
    static std::optional<Date> from_ymd(int year, int month, int day);
    // "2024-05-17" (the wire format).
    static std::optional<Date> parse_iso(std::string_view text);
    // "17-05-2024" (dd-mm-åååå, the UI format); also accepts "17.05.2024" and "17/05/2024".
    static std::optional<Date> parse_danish(std::string_view text);

    int32_t serial() const { return days_; }
    int year() const;
    int month() const;
    int day() const;
    // 0 = Monday ... 6 = Sunday (Danish weeks start on Monday).
    int weekday() const;
    bool is_weekend() const { return weekday() >= 5; }

    std::string iso() const;    // 2024-05-17
    std::string danish() const; // 17-05-2024

    Date plus_days(int n) const { return from_serial(days_ + n); }
    friend int operator-(Date a, Date b) { return a.days_ - b.days_; }
    friend constexpr auto operator<=>(Date, Date) = default;
    friend constexpr bool operator==(Date, Date) = default;

private:
    int32_t days_ = 0;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

} // namespace naervaer
