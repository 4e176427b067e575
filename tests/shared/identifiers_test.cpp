#include "naervaer/identifiers.hpp"

#include <doctest/doctest.h>

using namespace naervaer;

TEST_CASE("CVR: the modulus-11 check with weights 2,7,6,5,4,3,2,1") {
    // 24256790: 2·2+4·7+2·6+5·5+6·4+7·3+9·2+0·1 = 132 = 12·11.
    CHECK(is_valid_cvr("24256790"));
    // 61056416: 12+7+0+25+24+12+2+6 = 88 = 8·11.
    CHECK(is_valid_cvr("61056416"));
    CHECK_FALSE(is_valid_cvr("24256791")); // check digit off by one
    CHECK_FALSE(is_valid_cvr("2425679"));  // 7 digits
    CHECK_FALSE(is_valid_cvr("242567900"));
    CHECK_FALSE(is_valid_cvr("2425 679"));
    CHECK_FALSE(is_valid_cvr("00000000")); // no CVR starts with 0
    CHECK_FALSE(is_valid_cvr(""));
}

TEST_CASE("CPR: the date part and the century from the 7th digit") {
    CHECK(cpr_birth_date("010190-1234") == Date::from_ymd(1990, 1, 1));
    CHECK(cpr_birth_date("0101901234") == Date::from_ymd(1990, 1, 1));
    CHECK(cpr_birth_date("290200-4123") == Date::from_ymd(2000, 2, 29)); // 4 and 00 → 2000, leap
    CHECK_FALSE(cpr_birth_date("290201-1234"));                          // 1901 had no 29 February
    CHECK(cpr_birth_date("010137-4000") == Date::from_ymd(1937, 1, 1)); // 4 and 37 → 1900s
    CHECK(cpr_birth_date("150505-5678") == Date::from_ymd(2005, 5, 15)); // 5 and 05 → 2000s
    CHECK_FALSE(cpr_birth_date("150560-5678"));                          // 5 and 60 → 1860
    CHECK_FALSE(cpr_birth_date("320190-1234"));
    CHECK_FALSE(cpr_birth_date("011390-1234"));
    CHECK_FALSE(cpr_birth_date("010190 1234"));
    CHECK_FALSE(cpr_birth_date("010190-123"));
}

TEST_CASE("CPR: shown masked, stored normalized") {
    CHECK(normalize_cpr("0101901234") == "010190-1234");
    CHECK(mask_cpr("010190-1234") == "010190-XXXX");
    CHECK(mask_cpr("not a cpr") == "");
}
