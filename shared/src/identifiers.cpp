#include "naervaer/identifiers.hpp"

namespace naervaer {
namespace {

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

// The ten digits of a CPR number written as DDMMYY-SSSS or DDMMYYSSSS, or "" when neither.
std::string cpr_digits(std::string_view cpr) {
    std::string digits;
    if (cpr.size() == 11 && cpr[6] == '-') {
        digits.append(cpr.substr(0, 6)).append(cpr.substr(7));
    } else if (cpr.size() == 10) {
        digits.assign(cpr);
    }
    return digits.size() == 10 && all_digits(digits) ? digits : std::string{};
}

} // namespace

bool is_valid_cvr(std::string_view cvr) {
    if (cvr.size() != 8 || !all_digits(cvr) || cvr[0] == '0') return false;
    static constexpr int weights[8] = {2, 7, 6, 5, 4, 3, 2, 1};
    int sum = 0;
    for (int i = 0; i < 8; ++i) sum += (cvr[i] - '0') * weights[i];
    return sum % 11 == 0;
}

std::optional<Date> cpr_birth_date(std::string_view cpr) {
    const std::string d = cpr_digits(cpr);
    if (d.empty()) return std::nullopt;
    const int day = (d[0] - '0') * 10 + (d[1] - '0');
    const int month = (d[2] - '0') * 10 + (d[3] - '0');
    const int yy = (d[4] - '0') * 10 + (d[5] - '0');
    const int seventh = d[6] - '0';
    // Century from the 7th digit (CPR-kontoret): 0-3 → 1900s; 4 and 9 → 2000-2036, else 1900s;
    // 5-8 → 2000-2057, else 1858-1899 (too old to be an employee: rejected by from_ymd).
    int century = 1900;
    if (seventh == 4 || seventh == 9) century = yy <= 36 ? 2000 : 1900;
    else if (seventh >= 5 && seventh <= 8) century = yy <= 57 ? 2000 : 1800;
    return Date::from_ymd(century + yy, month, day);
}

std::string normalize_cpr(std::string_view cpr) {
    if (!cpr_birth_date(cpr)) return {};
    const std::string d = cpr_digits(cpr);
    return d.substr(0, 6) + "-" + d.substr(6);
}

std::string mask_cpr(std::string_view cpr) {
    const std::string n = normalize_cpr(cpr);
    return n.empty() ? std::string{} : n.substr(0, 7) + "XXXX";
}

} // namespace naervaer
