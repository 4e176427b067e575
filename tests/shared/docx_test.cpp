// The policy's downloads: the ZIP and DOCX writer checked with the real tools (unzip, xmllint,
// LibreOffice, pdftotext; installed by scripts/setup.sh --test, and a test fails when one is
// missing), the Markdown's exact shape, the PDF's text, and the file names.
#include "naervaer/docx.hpp"
#include "naervaer/policy_export.hpp"

#include "pdftotext.hpp"
#include "policy_fixture.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

using namespace naervaer;
using namespace naervaer::test;
using nlohmann::json;

namespace {

struct CommandResult {
    int status = -1;
    std::string output; // stdout and stderr
};

CommandResult run(const std::string& command) {
    CommandResult r;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        r.output.append(buffer, n);
    r.status = ::pclose(pipe);
    return r;
}

void require_tool(const char* tool, const char* package) {
    REQUIRE_MESSAGE(std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0, tool,
                    " not found: install the Debian package ", package, " (scripts/setup.sh --test)");
}

// A fresh directory under the system's temp folder, removed when the test ends.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "naervaer_docx_XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    std::string write(const std::string& name, const std::string& bytes) const {
        const auto file = path / name;
        std::ofstream out(file, std::ios::binary);
        out << bytes;
        return file.string();
    }
    std::string read(const std::string& name) const {
        std::ifstream in(path / name, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }
};

std::uint32_t le32(const std::string& s, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24;
}

std::uint32_t le16(const std::string& s, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = haystack.find(needle); pos != std::string::npos;
         pos = haystack.find(needle, pos + needle.size()))
        ++n;
    return n;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// The large employer's policy (twelve sections, the child's sick day as section 9), approved.
PolicyVersion approved_policy(const json& answers = large_public_employer()) {
    PolicyVersion v = make_policy_draft(2, library(), questionnaire(), answers, {}, "da");
    v.status = PolicyStatus::approved;
    v.approved_by = "u-anne";
    v.approved_by_name = "Anne Admin";
    v.approved_on = policy_today;
    return v;
}

const std::vector<std::string> part_names{
    "[Content_Types].xml", "_rels/.rels",       "word/document.xml", "word/_rels/document.xml.rels",
    "word/styles.xml",     "word/settings.xml", "word/footer1.xml",  "docProps/core.xml",
    "docProps/app.xml"};

} // namespace

TEST_CASE("docx: CRC-32 check values") {
    CHECK(crc32("") == 0u);
    CHECK(crc32("123456789") == 0xCBF43926u);
    CHECK(crc32("The quick brown fox jumps over the lazy dog") == 0x414FA339u);
}

TEST_CASE("docx: a stored ZIP archive has the documented headers and unzip reads it back byte for byte") {
    require_tool("unzip", "unzip");
    const std::vector<ZipEntry> entries{
        {"hello.txt", "hello"}, {"dir/data.txt", "æøå € \n\x01"}, {"empty", ""}};
    const std::string zip = zip_store(entries);
    // First local header: signature, version 2.0, UTF-8 names, stored, 1980-01-01, CRC, sizes, name.
    CHECK(le32(zip, 0) == 0x04034b50u);
    CHECK(le16(zip, 4) == 20);
    CHECK(le16(zip, 6) == 0x0800);
    CHECK(le16(zip, 8) == 0);
    CHECK(le16(zip, 12) == 0x21);
    CHECK(le32(zip, 14) == crc32("hello"));
    CHECK(le32(zip, 18) == 5);
    CHECK(le32(zip, 22) == 5);
    CHECK(le16(zip, 26) == 9);
    CHECK(zip.substr(30, 14) == "hello.txthello");
    // End of central directory: 3 entries, and the central directory where it says.
    const std::size_t eocd = zip.size() - 22;
    CHECK(le32(zip, eocd) == 0x06054b50u);
    CHECK(le16(zip, eocd + 10) == 3);
    const std::uint32_t central = le32(zip, eocd + 16);
    CHECK(le32(zip, central) == 0x02014b50u);
    CHECK(central + le32(zip, eocd + 12) == eocd);
    CHECK(zip == zip_store(entries)); // deterministic

    TempDir dir;
    const std::string file = dir.write("test.zip", zip);
    const CommandResult test = run("unzip -t '" + file + "'");
    INFO(test.output);
    CHECK(test.status == 0);
    CHECK(contains(test.output, "No errors detected"));
    CHECK(run("unzip -p '" + file + "' 'dir/data.txt'").output == "æøå € \n\x01");
    CHECK(run("unzip -p '" + file + "' hello.txt").output == "hello");
    CHECK(run("unzip -Z1 '" + file + "'").output == "hello.txt\ndir/data.txt\nempty\n");
    // A flipped byte in the data is caught by the CRC.
    std::string broken = zip;
    broken[30 + 9] = 'j';
    CHECK(run("unzip -t '" + dir.write("broken.zip", broken) + "'").status != 0);
}

TEST_CASE("docx: XML text is escaped, control characters dropped, bad UTF-8 replaced") {
    CHECK(xml_text("A & B < C > \"D\" 'E'") == "A &amp; B &lt; C &gt; &quot;D&quot; &apos;E&apos;");
    CHECK(xml_text("æøå ÆØÅ € – “x” 😀") == "æøå ÆØÅ € – “x” 😀");
    CHECK(xml_text("a\x01"
                   "b\x1f"
                   "c\x7f"
                   "d\tE\nF\rG") == "abcd\tE\nFG");
    CHECK(xml_text("C1\xC2\x85 and \xEF\xBF\xBE \xEF\xBF\xBF end") == "C1 and   end");
    CHECK(xml_text("bad \xFF byte \xC3") == "bad \xEF\xBF\xBD byte \xEF\xBF\xBD");
    CHECK(xml_text("\xED\xA0\x80") ==
          "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // a UTF-16 surrogate is not UTF-8
}

TEST_CASE(
    "docx: the policy package has its parts, every part parses, with headings, a TOC field and properties") {
    require_tool("unzip", "unzip");
    require_tool("xmllint", "libxml2-utils");
    const PolicyVersion v = approved_policy();
    const std::string bytes = policy_docx(v.document, export_context(v, "Nordby Kommune"));
    CHECK(bytes == policy_docx(v.document, export_context(v, "Nordby Kommune"))); // deterministic

    TempDir dir;
    const std::string file = dir.write("policy.docx", bytes);
    const CommandResult test = run("unzip -t '" + file + "'");
    INFO(test.output);
    REQUIRE(test.status == 0);
    std::string listed;
    for (const auto& name : part_names)
        listed += name + "\n";
    CHECK(run("unzip -Z1 '" + file + "'").output == listed);
    REQUIRE(run("cd '" + dir.path.string() + "' && unzip -q -o policy.docx -d parts").status == 0);
    for (const auto& name : part_names) {
        INFO(name);
        const CommandResult lint = run("xmllint --noout '" + (dir.path / "parts" / name).string() + "'");
        CHECK_MESSAGE(lint.status == 0, lint.output);
    }

    const std::string document = dir.read("parts/word/document.xml");
    CHECK(contains(document,
                   "<w:instrText xml:space=\"preserve\"> TOC \\o \"1-2\" \\h \\z \\u </w:instrText>"));
    CHECK(count(document, "w:fldCharType=\"begin\"") == 1);
    CHECK(count(document, "w:fldCharType=\"separate\"") == 1);
    CHECK(count(document, "w:fldCharType=\"end\"") == 1);
    CHECK(count(document, "<w:pStyle w:val=\"Heading1\"/>") == 12);
    CHECK(count(document, "<w:pStyle w:val=\"TOC1\"/>") == 12); // the field's last result lists the sections
    CHECK(contains(document, "<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">9. "
                             "Barns første sygedag</w:t>"));
    CHECK(contains(document, "<w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t "
                             "xml:space=\"preserve\">Sygefraværspolitik for Nordby Kommune</w:t>"));
    CHECK(contains(document, ">Version 2 · Godkendt 05-01-2026 af Anne Admin<"));
    CHECK(contains(document, ">Lovgrundlag: Sygedagpengeloven § 7 a; Praksis<"));
    CHECK(contains(document, "<w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>"));

    const std::string styles = dir.read("parts/word/styles.xml");
    CHECK(contains(styles, "w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"));
    CHECK(contains(styles, "w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"));
    CHECK(contains(styles, "<w:outlineLvl w:val=\"0\"/>"));
    CHECK(contains(styles, "<w:outlineLvl w:val=\"1\"/>"));
    CHECK(contains(styles, "<w:lang w:val=\"da-DK\"/>"));
    CHECK(contains(dir.read("parts/word/settings.xml"), "<w:updateFields w:val=\"true\"/>"));
    const std::string core = dir.read("parts/docProps/core.xml");
    CHECK(contains(core, "<dc:title>Sygefraværspolitik for Nordby Kommune</dc:title>"));
    CHECK(contains(core, "<dc:creator>Nordby Kommune</dc:creator>"));
    CHECK(contains(core,
                   "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-01-05T00:00:00Z</dcterms:created>"));
    CHECK(contains(dir.read("parts/docProps/app.xml"), "<Company>Nordby Kommune</Company>"));
    const std::string footer = dir.read("parts/word/footer1.xml");
    CHECK(contains(footer, ">Nordby Kommune · Version 2</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t "
                           "xml:space=\"preserve\">Side </w:t></w:r>"
                           "<w:fldSimple w:instr=\" PAGE \">"));
    CHECK(
        contains(footer, "<w:t xml:space=\"preserve\"> af </w:t></w:r><w:fldSimple w:instr=\" NUMPAGES \">"));
    const std::string rels = dir.read("parts/word/_rels/document.xml.rels");
    CHECK(contains(rels, "Target=\"styles.xml\""));
    CHECK(contains(rels, "Target=\"settings.xml\""));
}

TEST_CASE("docx: user text is escaped and control characters dropped, and the parts still parse") {
    require_tool("unzip", "unzip");
    require_tool("xmllint", "libxml2-utils");
    const json answers = large_public_employer();
    const PolicyDocument generated = assemble_policy(library(), questionnaire(), answers, "da");
    const auto edits = set_section_text({}, generated, "purpose",
                                        "Ærø & Søn <Holding> \"betaler\" 100 €\x07.\nNy linje\tog tab.");
    const PolicyVersion v = make_policy_draft(1, library(), questionnaire(), answers, edits, "da");
    const std::string bytes = policy_docx(v.document, export_context(v, "Ærø & Søn <Holding>"));

    TempDir dir;
    dir.write("policy.docx", bytes);
    REQUIRE(run("cd '" + dir.path.string() + "' && unzip -q -o policy.docx -d parts").status == 0);
    for (const auto& name : part_names) {
        INFO(name);
        CHECK(run("xmllint --noout '" + (dir.path / "parts" / name).string() + "'").status == 0);
    }
    const std::string document = dir.read("parts/word/document.xml");
    CHECK(contains(
        document,
        "<w:t xml:space=\"preserve\">Ærø &amp; Søn &lt;Holding&gt; &quot;betaler&quot; 100 €.</w:t></w:r>"
        "<w:r><w:br/></w:r><w:r><w:t xml:space=\"preserve\">Ny linje</w:t></w:r><w:r><w:tab/></w:r>"
        "<w:r><w:t xml:space=\"preserve\">og tab.</w:t></w:r>"));
    CHECK(contains(dir.read("parts/docProps/core.xml"),
                   "<dc:creator>Ærø &amp; Søn &lt;Holding&gt;</dc:creator>"));
    CHECK(contains(dir.read("parts/word/footer1.xml"), ">Ærø &amp; Søn &lt;Holding&gt; · Version 1</w:t>"));
    CHECK(contains(document, ">Version 1 · Kladde – ikke godkendt<"));
}

TEST_CASE("docx: LibreOffice converts the policy to a PDF whose text has the Danish headings") {
    require_tool("libreoffice", "libreoffice-writer-nogui");
    const PolicyVersion v = approved_policy();
    TempDir dir;
    const std::string file =
        dir.write("policy.docx", policy_docx(v.document, export_context(v, "Nordby Kommune")));
    // A profile of its own in the temp folder: no HOME profile is needed or touched.
    const std::string profile = "file://" + (dir.path / "profile").string();
    const CommandResult convert =
        run("cd '" + dir.path.string() +
            "' && env -u HOME libreoffice --headless --norestore "
            "-env:UserInstallation=" +
            profile + " --convert-to pdf --outdir '" + dir.path.string() + "' '" + file + "'");
    INFO(convert.output);
    REQUIRE(convert.status == 0);
    const std::string pdf = dir.read("policy.pdf");
    REQUIRE(pdf.starts_with("%PDF-"));
    const std::string text = pdftotext(pdf, "");
    INFO(text);
    CHECK(contains(text, "Sygefraværspolitik for Nordby Kommune"));
    CHECK(contains(text, "Indholdsfortegnelse"));
    for (const auto& s : v.document.sections)
        CHECK(count(text, std::to_string(s.number) + ". " + s.title) >= 2); // TOC + heading
    CHECK(contains(text, "9. Barns første sygedag"));
    CHECK(contains(text, "10. Forebyggelse og APV"));
    CHECK(contains(text, "12. Ikrafttræden og revision"));
    CHECK(contains(text, "Lovgrundlag: Helbredsoplysningsloven § 2"));
    CHECK(contains(text, "Side 1 af "));
    CHECK(contains(text, "Nordby Kommune · Version 2"));
}

TEST_CASE("policy export: the version line in both languages") {
    PolicyExportContext c{"Demo ApS", 2, true, policy_today, "Anne Admin"};
    CHECK(policy_version_line(c, "da") == "Version 2 · Godkendt 05-01-2026 af Anne Admin");
    CHECK(policy_version_line(c, "en") == "Version 2 · Approved 05-01-2026 by Anne Admin");
    c.approved = false;
    c.version = 3;
    CHECK(policy_version_line(c, "da") == "Version 3 · Kladde – ikke godkendt");
    CHECK(policy_version_line(c, "en") == "Version 3 · Draft – not approved");
    const PolicyVersion v = approved_policy();
    const PolicyExportContext from = export_context(v, "Nordby Kommune");
    CHECK(from.version == 2);
    CHECK(from.approved);
    CHECK(from.approved_on == policy_today);
    CHECK(from.approved_by_name == "Anne Admin");
}

TEST_CASE("policy export: Markdown has the exact shape, with escaping and hard line breaks") {
    PolicyDocument doc;
    doc.title = "Sygefraværspolitik for Ærø & Co";
    doc.sections = {{"purpose",
                     1,
                     "Formål",
                     {"Første afsnit.", "Linje 1\nLinje 2", "2. maj er fridag."},
                     {"Praksis"},
                     {},
                     true,
                     false},
                    {"conversations",
                     2,
                     "Samtaler",
                     {"*Vigtigt*: 1. samtale", "- ikke en liste"},
                     {"Sygedagpengeloven § 7 a", "Praksis"},
                     {},
                     false,
                     false},
                    {"effective", 3, "Ikrafttræden", {"Fra 01-02-2026."}, {}, {}, false, false}};
    const PolicyExportContext c{"Ærø & Co", 2, true, policy_today, "Anne Admin"};
    CHECK(policy_markdown(doc, c) == "# Sygefraværspolitik for Ærø \\& Co\n"
                                     "\n"
                                     "Version 2 · Godkendt 05-01-2026 af Anne Admin\n"
                                     "\n"
                                     "## Indhold\n"
                                     "\n"
                                     "1. Formål\n"
                                     "2. Samtaler\n"
                                     "3. Ikrafttræden\n"
                                     "\n"
                                     "## 1. Formål\n"
                                     "\n"
                                     "Første afsnit.\n"
                                     "\n"
                                     "Linje 1\\\n"
                                     "Linje 2\n"
                                     "\n"
                                     "2\\. maj er fridag.\n"
                                     "\n"
                                     "*Lovgrundlag: Praksis*\n"
                                     "\n"
                                     "## 2. Samtaler\n"
                                     "\n"
                                     "\\*Vigtigt\\*: 1. samtale\n"
                                     "\n"
                                     "\\- ikke en liste\n"
                                     "\n"
                                     "*Lovgrundlag: Sygedagpengeloven § 7 a; Praksis*\n"
                                     "\n"
                                     "## 3. Ikrafttræden\n"
                                     "\n"
                                     "Fra 01-02-2026.\n");

    // The assembled policy in English: the English words.
    const PolicyVersion v = make_policy_draft(1, library(), questionnaire(), small_company(), {}, "en");
    const std::string md = policy_markdown(v.document, export_context(v, "Bageriet Ærø ApS"));
    CHECK(md.starts_with("# Sickness absence policy for Bageriet Ærø ApS\n\nVersion 1 · Draft – not "
                         "approved\n\n## Contents\n\n"
                         "1. Purpose\n2. Reporting sick and reporting fit\n"));
    CHECK(contains(md, "\n## 5. Conversations\n\nThe manager holds an absence conversation with the employee "
                       "no later than 4 weeks"));
    CHECK(contains(md, "\n*Legal basis: Sickness Benefit Act (sygedagpengeloven) § 7 a; Practice*\n"));
}

TEST_CASE("policy export: the PDF's text has the title, numbered sections, legal bases and page numbers") {
    const PolicyVersion v = approved_policy();
    const PdfDocument pdf = policy_pdf(v.document, export_context(v, "Nordby Kommune"));
    CHECK(pdf.title == "Sygefraværspolitik for Nordby Kommune");
    CHECK(pdf.author == "Nordby Kommune");
    CHECK(pdf.footer_left == "Nordby Kommune · Version 2");
    CHECK(pdf.page_label == "Side {page} af {pages}");
    const std::string text = pdftotext(render_pdf(pdf), "");
    INFO(text);
    CHECK(text.starts_with("Sygefraværspolitik for Nordby Kommune\n"));
    CHECK(contains(text, "Version 2 · Godkendt 05-01-2026 af Anne Admin"));
    for (const auto& s : v.document.sections)
        CHECK(count(text, std::to_string(s.number) + ". " + s.title) == 2); // contents + heading
    CHECK(contains(text, "Lovgrundlag: Sygedagpengeloven § 7 a; Praksis"));
    CHECK_FALSE(contains(text, "Barselloven")); // the care clause's counting is the policy's choice
    const std::size_t pages = count(text, "\f");
    REQUIRE(pages >= 2);
    for (std::size_t p = 1; p <= pages; ++p)
        CHECK(contains(text, "Side " + std::to_string(p) + " af " + std::to_string(pages)));
    CHECK_FALSE(contains(text, "Side " + std::to_string(pages + 1) + " af"));

    PolicyVersion en = make_policy_draft(1, library(), questionnaire(), small_company(), {}, "en");
    const PdfDocument english = policy_pdf(en.document, export_context(en, "Bageriet Ærø ApS"));
    CHECK(english.page_label == "Page {page} of {pages}");
    CHECK(english.language == "en-GB");
    CHECK(contains(pdftotext(render_pdf(english), ""),
                   "Legal basis: Sickness Benefit Act (sygedagpengeloven) § 7 a; Practice"));
}

TEST_CASE("policy export: file names carry the organisation as an ASCII slug and the version") {
    CHECK(policy_file_name("Ærø Økologi A/S", 2, "docx") == "sygefravaerspolitik-aeroe-oekologi-a-s-v2.docx");
    CHECK(policy_file_name("Demo ApS", 1, "pdf") == "sygefravaerspolitik-demo-aps-v1.pdf");
    CHECK(policy_file_name("  Café Åbo & Søn  ", 12, "md") == "sygefravaerspolitik-cafe-aabo-soen-v12.md");
    CHECK(policy_file_name("Straße 12 – Ærlig", 3, "docx") ==
          "sygefravaerspolitik-strasse-12-aerlig-v3.docx");
    CHECK(policy_file_name("日本", 3, "md") == "sygefravaerspolitik-v3.md");
    CHECK(policy_file_name("", 1, "docx") == "sygefravaerspolitik-v1.docx");
    CHECK(file_slug("ÆØÅ æøå") == "aeoeaa-aeoeaa");
    CHECK(file_slug("a\xFF"
                    "b") == "a-b");
}
