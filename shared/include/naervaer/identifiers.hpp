#pragma once
// Danish registration numbers: CVR (companies) and CPR (persons).
#include "naervaer/date.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace naervaer {

// CVR: 8 digits, the first not 0, weighted sum with 2,7,6,5,4,3,2,1 divisible by 11.
bool is_valid_cvr(std::string_view cvr);

// CPR: DDMMYY-SSSS or DDMMYYSSSS. The modulus-11 check was dropped in 2007, so only the date
// part is checked; the 7th digit with the year gives the century (CPR-kontoret's table).
// Returns the birth date, or nothing when the number cannot be a CPR number.
std::optional<Date> cpr_birth_date(std::string_view cpr);
// "DDMMYY-SSSS" from either accepted form; empty when invalid.
std::string normalize_cpr(std::string_view cpr);
// Shows only the date part: "170584-XXXX". Returns "" for an invalid number.
std::string mask_cpr(std::string_view cpr);

} // namespace naervaer
