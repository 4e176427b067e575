// The diagnosis guard's matcher and its term file (see diagnosis_guard.hpp and docs/forms.md).
#include "naervaer/diagnosis_guard.hpp"

#include "json_fields.hpp"

#include <algorithm>
#include <cstdint>

namespace naervaer {

using detail::Fields;
using nlohmann::json;

namespace {

struct Word {
    std::size_t begin, end; // bytes in the original text
    std::string folded;
};

// Decodes one UTF-8 code point at `i` (advancing it); malformed bytes come out as U+FFFD.
uint32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return ++i, 0xfffd;
    uint32_t cp = len == 1 ? c : c & (0x7f >> len);
    for (int k = 1; k < len; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xc0) != 0x80) return ++i, 0xfffd;
        cp = (cp << 6) | (cc & 0x3f);
    }
    i += len;
    return cp;
}

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

uint32_t fold(uint32_t cp) {
    if (cp >= 'A' && cp <= 'Z') return cp + 32;
    if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7) return cp + 32; // Latin-1 capitals: Æ Ø Å É Ü ...
    return cp;
}

// Letters and digits of ASCII and Latin-1 / Latin Extended-A; everything else separates words.
bool is_word_char(uint32_t cp) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           (cp >= 0xc0 && cp <= 0x17f && cp != 0xd7 && cp != 0xf7);
}

std::vector<Word> split_words(std::string_view text) {
    std::vector<Word> words;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t start = i;
        const uint32_t cp = next_code_point(text, i);
        if (!is_word_char(cp)) continue;
        if (words.empty() || words.back().end != start) words.push_back({start, start, {}});
        append_utf8(words.back().folded, fold(cp));
        words.back().end = i;
    }
    return words;
}

// Does `word` (folded) match the pattern word `p`? First/last say where p sits in the pattern.
bool word_matches(std::string_view word, std::string_view p, bool first, bool last, const DiagnosisPattern& pattern,
                  const std::vector<std::string>& inflections) {
    // The part of `word` that must be p (+ ending): with a compound, any head may come before.
    auto matches_at = [&](std::size_t at) {
        std::string_view rest = word.substr(at);
        if (rest.substr(0, p.size()) != p) return false;
        std::string_view ending = rest.substr(p.size());
        if (!last) return ending.empty();
        if (pattern.stem) return true;
        return std::find(inflections.begin(), inflections.end(), ending) != inflections.end();
    };
    if (matches_at(0)) return true;
    if (!(first && pattern.compound)) return false;
    for (std::size_t at = 1; at + p.size() <= word.size(); ++at)
        if (matches_at(at)) return true;
    return false;
}

// Number of words matched from `words[i]`, or 0.
std::size_t match_at(const std::vector<Word>& words, std::size_t i, const DiagnosisPattern& p,
                     const std::vector<std::string>& inflections) {
    if (i + p.words.size() > words.size()) return 0;
    for (std::size_t k = 0; k < p.words.size(); ++k)
        if (!word_matches(words[i + k].folded, p.words[k], k == 0, k + 1 == p.words.size(), p, inflections))
            return 0;
    return p.words.size();
}

std::optional<DiagnosisPattern> compile(std::string term, const std::string& group) {
    DiagnosisPattern p;
    p.term = term;
    p.group = group;
    if (!term.empty() && term.front() == '*') p.compound = true, term.erase(0, 1);
    if (!term.empty() && term.back() == '*') p.stem = true, term.pop_back();
    for (const auto& w : split_words(term)) p.words.push_back(w.folded);
    // Only letters, digits, spaces and hyphens between the stars: a typo must not match nothing.
    std::size_t letters = 0;
    for (const auto& w : p.words) letters += w.size();
    std::size_t i = 0, other = 0;
    while (i < term.size()) {
        const uint32_t cp = next_code_point(term, i);
        if (!is_word_char(cp) && cp != ' ' && cp != '-') ++other;
    }
    if (p.words.empty() || other > 0 || letters < 3) return std::nullopt;
    return p;
}

std::vector<DiagnosisPattern> read_patterns(const Fields& f, const char* key, const std::string& group,
                                            bool required) {
    std::vector<DiagnosisPattern> out;
    const json* v = f.get(key, required);
    if (!v) return out;
    if (!v->is_array() || v->empty()) return f.error(key, "expected a non-empty array of terms"), out;
    for (std::size_t i = 0; i < v->size(); ++i) {
        const std::string at = std::string(key) + "[" + std::to_string(i) + "]";
        auto p = (*v)[i].is_string() ? compile((*v)[i].get<std::string>(), group) : std::nullopt;
        if (!p) f.error(at.c_str(), "expected a term of at least 3 letters, with * only at its ends");
        else if (std::any_of(out.begin(), out.end(), [&](const auto& x) { return x.term == p->term; }))
            f.error(at.c_str(), "duplicate term \"" + p->term + "\"");
        else out.push_back(std::move(*p));
    }
    return out;
}

} // namespace

std::string fold_case(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t start = i;
        const uint32_t cp = next_code_point(text, i);
        if (cp == 0xfffd) out.append(text.substr(start, i - start)); // keep malformed bytes as they are
        else append_utf8(out, fold(cp));
    }
    return out;
}

DiagnosisTermsParse parse_diagnosis_terms(std::string_view json_text) {
    DiagnosisTermsParse out;
    auto& errors = out.errors;
    const json j = detail::parse_data_file(json_text, errors);
    if (j.is_discarded()) return out;
    Fields f(j, "", errors);
    f.only({"schema", "rule_da", "rule_en", "source", "note_en", "inflections", "exceptions", "groups"});
    f.schema(1);
    DiagnosisTerms t;
    t.rule_da = f.text("rule_da", true);
    t.rule_en = f.text("rule_en", true);
    t.source = f.text("source", true);
    if (const json* v = f.get("inflections", true)) {
        if (!v->is_array()) f.error("inflections", "expected an array of endings");
        else
            for (const auto& e : *v) {
                if (e.is_string()) t.inflections.push_back(fold_case(e.get<std::string>()));
                else f.error("inflections", "expected an array of endings");
            }
        if (std::find(t.inflections.begin(), t.inflections.end(), "") == t.inflections.end())
            f.error("inflections", "must contain \"\" (the word itself)");
    }
    t.exceptions = read_patterns(f, "exceptions", "", false);
    if (const json* groups = f.get("groups", true)) {
        if (!groups->is_array() || groups->empty()) {
            f.error("groups", "expected a non-empty array");
        } else {
            for (std::size_t i = 0; i < groups->size(); ++i) {
                Fields g((*groups)[i], "groups[" + std::to_string(i) + "]", errors);
                g.only({"id", "label_da", "label_en", "terms"});
                const std::string id = g.text("id", true);
                g.text("label_da", true);
                g.text("label_en", true);
                for (auto& p : read_patterns(g, "terms", id, true)) {
                    if (std::any_of(t.patterns.begin(), t.patterns.end(), [&](const auto& x) { return x.term == p.term; }))
                        g.error("terms", "duplicate term \"" + p.term + "\"");
                    t.patterns.push_back(std::move(p));
                }
            }
        }
    }
    if (errors.empty()) out.terms = std::move(t);
    return out;
}

std::vector<DiagnosisHit> find_diagnosis_terms(std::string_view text, const DiagnosisTerms& terms) {
    std::vector<DiagnosisHit> hits;
    const std::vector<Word> words = split_words(text);
    std::size_t i = 0;
    while (i < words.size()) {
        bool excepted = false;
        for (const auto& e : terms.exceptions)
            if (match_at(words, i, e, terms.inflections)) excepted = true;
        const DiagnosisPattern* best = nullptr;
        std::size_t best_len = 0;
        if (!excepted)
            for (const auto& p : terms.patterns)
                if (const std::size_t n = match_at(words, i, p, terms.inflections); n > best_len) best = &p, best_len = n;
        if (!best) {
            ++i;
            continue;
        }
        const std::size_t begin = words[i].begin, end = words[i + best_len - 1].end;
        hits.push_back({begin, end, std::string(text.substr(begin, end - begin)), best->term, best->group});
        i += best_len;
    }
    return hits;
}

std::vector<FieldDiagnosisHit> check_answers_for_diagnoses(const FormTemplate& form, const json& answers,
                                                           const DiagnosisTerms& terms) {
    std::vector<FieldDiagnosisHit> out;
    auto check = [&](const std::string& path, const json& v) {
        if (!v.is_string()) return;
        for (auto& hit : find_diagnosis_terms(v.get_ref<const std::string&>(), terms)) out.push_back({path, std::move(hit)});
    };
    if (!answers.is_object()) return out;
    for (const Field* f : form.fields()) {
        auto it = answers.find(f->id);
        if (it == answers.end()) continue;
        if ((f->type == FieldType::text || f->type == FieldType::long_text) && f->guard) check(f->id, *it);
        if (f->type == FieldType::task_list && f->guard && it->is_array())
            for (std::size_t r = 0; r < it->size(); ++r)
                if ((*it)[r].is_object() && (*it)[r].contains("text"))
                    check(f->id + "[" + std::to_string(r) + "].text", (*it)[r]["text"]);
        if (f->type == FieldType::signature && it->is_object() && it->contains("comment"))
            check(f->id + ".comment", (*it)["comment"]);
    }
    return out;
}

} // namespace naervaer
