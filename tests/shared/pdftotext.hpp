#pragma once
// Runs poppler's pdftotext on PDF bytes, for tests that read back what a PDF says.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace naervaer::test {

// Runs pdftotext (poppler-utils) on `pdf` and returns the extracted UTF-8 text.
inline std::string pdftotext(const std::string& pdf, const std::string& options) {
    REQUIRE_MESSAGE(
        std::system("command -v pdftotext >/dev/null 2>&1") == 0,
        "pdftotext not found: install the Debian package poppler-utils (scripts/setup.sh --test)");
    const auto path =
        std::filesystem::temp_directory_path() / ("naervaer_pdf_test_" + std::to_string(::getpid()) + ".pdf");
    {
        std::ofstream file(path, std::ios::binary);
        file << pdf;
    }
    const std::string command = "pdftotext " + options + " -enc UTF-8 '" + path.string() + "' - 2>&1";
    std::string text;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        text.append(buffer, n);
    const int status = ::pclose(pipe);
    std::filesystem::remove(path);
    REQUIRE_MESSAGE(status == 0, "pdftotext failed: ", text);
    return text;
}

} // namespace naervaer::test
