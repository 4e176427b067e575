// The web client's files: security headers, MIME types, precompressed variants, no traversal.
#include "helpers.hpp"

#include <fstream>

using namespace naervaer::testing;

namespace {

void write_file(const std::filesystem::path& path, const std::string& content) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
}

// A web root inside the server's temp dir, with a secret file beside it (outside the root).
struct WebFixture {
    TestServer server{[](naervaer::server::Config& c) {
        c.web_root = c.data_dir.parent_path() / "web";
        std::filesystem::create_directories(c.web_root);
    }};
    WebFixture() {
        const auto web = server.temp_dir() / "web";
        write_file(web / "index.html", "<!doctype html><title>Nærvær</title>");
        write_file(web / "app.js", "console.log('hej');");
        write_file(web / "app.js.gz", std::string("\x1f\x8b precompressed bytes", 21));
        write_file(web / "app.wasm", std::string("\0asm\1\0\0\0", 8));
        write_file(web / "fonts" / "inter.ttf", "ttf");
        write_file(web / ".git" / "config", "secret");
        write_file(server.temp_dir() / "secret.txt", "outside the web root");
    }
    Reply get(const std::string& path, httplib::Headers headers = {}) {
        auto client = server.client();
        client.set_decompress(false); // see the bytes as sent
        return to_reply(client.Get(path.c_str(), headers));
    }
};

} // namespace

TEST_CASE("static: / serves index.html with CSP, nosniff, no-referrer and no-cache") {
    WebFixture web;
    REQUIRE(web.server.started());
    const Reply index = web.get("/");
    REQUIRE(index.status == 200);
    CHECK(index.raw.find("Nærvær") != std::string::npos);
    CHECK(index.header("Content-Type") == "text/html; charset=utf-8");
    const std::string csp = index.header("Content-Security-Policy");
    CHECK(csp.find("default-src 'self'") != std::string::npos);
    CHECK(csp.find("'wasm-unsafe-eval'") != std::string::npos);
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(index.header("X-Content-Type-Options") == "nosniff");
    CHECK(index.header("Referrer-Policy") == "no-referrer");
    CHECK(index.header("Cache-Control") == "no-cache");
}

TEST_CASE("static: wasm, JS and fonts get their MIME types") {
    WebFixture web;
    REQUIRE(web.server.started());
    CHECK(web.get("/app.wasm").header("Content-Type") == "application/wasm");
    CHECK(web.get("/app.wasm").raw.size() == 8);
    CHECK(web.get("/app.js").header("Content-Type") == "text/javascript; charset=utf-8");
    CHECK(web.get("/fonts/inter.ttf").header("Content-Type") == "font/ttf");
}

TEST_CASE("static: a precompressed .gz goes to clients that accept gzip, the plain file to the rest") {
    WebFixture web;
    REQUIRE(web.server.started());
    const Reply gzipped = web.get("/app.js", {{"Accept-Encoding", "gzip, deflate, br"}});
    REQUIRE(gzipped.status == 200);
    CHECK(gzipped.header("Content-Encoding") == "gzip");
    CHECK(gzipped.header("Vary") == "Accept-Encoding");
    CHECK(gzipped.raw == std::string("\x1f\x8b precompressed bytes", 21));
    CHECK(gzipped.header("Content-Type") == "text/javascript; charset=utf-8");

    const Reply plain = web.get("/app.js", {{"Accept-Encoding", "gzip;q=0, identity"}});
    CHECK(plain.header("Content-Encoding").empty());
    CHECK(plain.raw == "console.log('hej');");
}

TEST_CASE("static: paths cannot leave the web root or reach hidden files") {
    WebFixture web;
    REQUIRE(web.server.started());
    for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/fonts/../../secret.txt", "/fonts/%2E%2E/%2E%2E/secret.txt",
                             "/.git/config", "/%2egit/config", "/fonts/..%2f..%2fsecret.txt", "/app.js%00.html"}) {
        const Reply reply = web.get(path);
        CHECK_MESSAGE(reply.status == 404, path);
        CHECK_MESSAGE(reply.raw.find("outside") == std::string::npos, path);
        CHECK_MESSAGE(reply.raw.find("secret") == std::string::npos, path);
    }
    CHECK(web.get("/no-such-file.js").status == 404);
}
