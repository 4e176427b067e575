// Small pieces of the client: text search, form parsing, strings, API error decoding.
#include "app/forms.hpp"
#include "app/embedded_assets.hpp"
#include "app/i18n.hpp"
#include "app/templates.hpp"
#include "platform/ui_fonts.hpp"
#include "app/text_search.hpp"
#include "sync/api_client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace naervaer;
using namespace naervaer::client;

TEST_CASE("search: folds ASCII and Danish letters to lower case") {
    CHECK(client::fold_case("ÆBLE Øster ÅSE") == "æble øster åse");
    CHECK(contains_folded(client::fold_case("Søren Ærø"), client::fold_case("ærØ")));
    CHECK(client::fold_case("×") == "×"); // no case
}

TEST_CASE("forms: decimals take a Danish comma or a point") {
    CHECK(parse_decimal("18,5").value() == doctest::Approx(18.5));
    CHECK(parse_decimal(" 37 ").value() == doctest::Approx(37));
    CHECK_FALSE(parse_decimal("1e3").has_value());
    CHECK_FALSE(parse_decimal("").has_value());
    CHECK(format_decimal(18.5) == "18,5");
    CHECK(format_decimal(37) == "37");
}

TEST_CASE("forms: a spell form reports parse errors before rule errors, per field") {
    SpellForm form = new_spell_form("s-1", "e-1", *Date::parse_iso("2024-05-17"));
    CHECK(form.first_day == "17-05-2024");
    form.first_day = "31-02-2024";
    form.last_day = "01-01-2024";
    SpellDraft draft = read_spell_form(form, nullptr, {});
    REQUIRE(draft.errors.find("first_day"));
    CHECK(draft.errors.find("first_day")->code == "invalid_date");

    form.first_day = "10-05-2024";
    draft = read_spell_form(form, nullptr, {});
    CHECK_FALSE(draft.errors.find("first_day"));
    REQUIRE(draft.errors.find("last_day"));
    CHECK(draft.errors.find("last_day")->code == "date_order");

    form.last_day = "";
    form.partial = true;
    form.hours_worked = "";
    draft = read_spell_form(form, nullptr, {});
    CHECK(draft.errors.has("hours_worked_per_week", "required"));
}

TEST_CASE("forms: the last sick day defaults to yesterday, but not before the first sick day") {
    AbsenceSpell spell;
    spell.id = "s";
    spell.first_day = *Date::parse_iso("2024-05-10");
    CHECK(close_spell_form_for(spell, *Date::parse_iso("2024-05-17")).last_day == "16-05-2024");
    spell.first_day = *Date::parse_iso("2024-05-17");
    CHECK(close_spell_form_for(spell, *Date::parse_iso("2024-05-17")).last_day == "17-05-2024");
}

TEST_CASE("i18n: Danish and English have the same keys, lookups fall back to Danish, then the key") {
    const auto da = I18n::load_embedded("da");
    const auto en = I18n::load_embedded("en");
    REQUIRE(da.size() > 50);
    for (const auto& [key, text] : da)
        CHECK_MESSAGE(en.count(key) == 1, key);
    for (const auto& [key, text] : en)
        CHECK_MESSAGE(da.count(key) == 1, key);

    I18n i18n;
    CHECK(std::string(i18n.tr("spell.close")) == "Raskmeld");
    CHECK(i18n.set_language("en"));
    CHECK(std::string(i18n.tr("spell.close")) == "Return to work");
    CHECK(std::string(i18n.tr("no.such.key")) == "no.such.key");
    CHECK_FALSE(i18n.set_language("de"));
    CHECK(i18n.format("status.pending", "3") == "3 not synced");
}

namespace {
// Every code point of `text` not in the atlas, with `origin` in the failure message.
void check_in_atlas(const std::string& origin, const std::string& text) {
    // A code point outside the subset renders as '?': the build keeps only these ranges.
    auto covered = [](uint32_t cp) {
        for (const ImWchar* r = kUiGlyphRanges; r[0] != 0; r += 2)
            if (cp >= r[0] && cp <= r[1]) return true;
        return false;
    };
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        uint32_t cp = len == 1 ? c : c & (0x3f >> (len - 1));
        for (int k = 1; k < len && i + k < text.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3f);
        i += static_cast<std::size_t>(len);
        if (cp == '\n') continue;
        CHECK_MESSAGE(covered(cp), (origin + " has code point " + std::to_string(cp)));
    }
}

// Every string in a JSON document (labels, help, options, steps, info, the guard's rule).
void check_json_in_atlas(const std::string& origin, const nlohmann::json& value) {
    if (value.is_string()) check_in_atlas(origin, value.get<std::string>());
    if (value.is_structured())
        for (const auto& item : value.items())
            check_json_in_atlas(origin + "/" + item.key(), item.value());
}
} // namespace

TEST_CASE("fonts: every character of the UI strings is in the font atlas") {
    for (const char* language : {"da", "en"})
        for (const auto& [key, text] : I18n::load_embedded(language))
            check_in_atlas(std::string(language) + ":" + key, text);
}

TEST_CASE("fonts: every character of the form templates and the diagnosis terms is in the font atlas") {
    std::vector<std::string_view> files(shipped_template_files().begin(), shipped_template_files().end());
    files.push_back(diagnosis_terms_file);
    for (const std::string_view file : files) {
        const nlohmann::json document = nlohmann::json::parse(assets::file(file), nullptr, false);
        REQUIRE_MESSAGE(document.is_object(), file);
        check_json_in_atlas(std::string(file), document);
    }
}

TEST_CASE("api: error bodies, non-JSON bodies and no answer all decode to an ApiError") {
    ApiResult r = ApiClient::decode(
        {422,
         R"({"error":{"code":"validation","message":"Ugyldig","message_en":"Invalid","fields":{"x":{}}}})",
         ""});
    REQUIRE(r.error);
    CHECK(r.error->code == "validation");
    CHECK(r.error->message("en") == "Invalid");
    CHECK(r.error->message("da") == "Ugyldig");
    CHECK(r.error->fields.contains("x"));

    r = ApiClient::decode({502, "<html>Bad gateway</html>", ""});
    REQUIRE(r.error);
    CHECK(r.error->code == "http_502");

    r = ApiClient::decode({200, "not json", ""});
    REQUIRE(r.error);
    CHECK(r.error->code == "bad_response");

    r = ApiClient::decode({0, "", "connection refused"});
    CHECK(r.offline());
    CHECK(r.error->code == "offline");

    r = ApiClient::decode({200, R"({"ok":true})", ""});
    CHECK(r.ok());
}
