#pragma once
// Files embedded at build time by cmake/embed_files.cmake (see client/CMakeLists.txt).
#include <string_view>

namespace naervaer::client::assets {
// The bytes of an embedded file by its path under assets/ (e.g. "i18n/da.json"); empty if unknown.
std::string_view file(std::string_view name);
} // namespace naervaer::client::assets
