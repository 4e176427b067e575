#pragma once
// Case-insensitive search for names as Danish users type them: "ø" finds "Ø", "å" finds "Å".
// Folding covers ASCII and Latin-1 (which holds æ, ø, å and the accented letters of names in
// Danish workplaces); other characters are compared as they are.
#include <string>
#include <string_view>

namespace naervaer::client {

std::string fold_case(std::string_view utf8);
// True when `needle` (already folded) occurs in `folded_haystack`; an empty needle matches.
inline bool contains_folded(std::string_view folded_haystack, std::string_view folded_needle) {
    return folded_haystack.find(folded_needle) != std::string_view::npos;
}

} // namespace naervaer::client
