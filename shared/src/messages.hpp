#pragma once
// The catalogue of validation messages, Danish and English, by code.
#include <string>
#include <string_view>

namespace naervaer::detail {

struct MessagePair {
    std::string da;
    std::string en;
};

// Fills "{}" with `arg`. An unknown code yields a generic message (and is a bug caught in tests).
MessagePair validation_message(std::string_view code, const std::string& arg);

} // namespace naervaer::detail
