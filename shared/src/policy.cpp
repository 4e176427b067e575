// The sickness absence policy: the clause library, assembling a document from the questionnaire's
// answers, free-text edits, and versions with their checks (docs/policy.md). The diff and the
// alert settings are in policy_diff.cpp.
#include "naervaer/policy.hpp"

#include "json_fields.hpp"
#include "json_reader.hpp"
#include "messages.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace naervaer {

using detail::Fields;
using nlohmann::json;

namespace {

constexpr int max_condition_depth = 8;
constexpr std::size_t max_edit_length = limits::note_length;

bool is_identifier(std::string_view s) {
    if (s.empty() || s.size() > limits::id_length) return false;
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::string read_id(const Fields& f, const char* key) {
    std::string id = f.text(key, true);
    if (!id.empty() && !is_identifier(id)) f.error(key, "expected lower-case letters, digits and _");
    return id;
}

std::string index_path(const std::string& base, std::size_t i) {
    return base + "[" + std::to_string(i) + "]";
}

// ---- placeholders --------------------------------------------------------------------------------

struct Placeholder {
    std::size_t begin = 0, end = 0; // [begin, end) covers "{{...}}"
    std::string field;
    bool lower = false;
};

// The placeholders of a text, or an error message for the first malformed one.
std::vector<Placeholder> find_placeholders(std::string_view text, std::string* error) {
    std::vector<Placeholder> out;
    std::size_t pos = 0;
    while ((pos = text.find("{{", pos)) != std::string_view::npos) {
        const std::size_t close = text.find("}}", pos + 2);
        if (close == std::string_view::npos) {
            if (error) *error = "unclosed placeholder at byte " + std::to_string(pos);
            return out;
        }
        std::string_view inner = text.substr(pos + 2, close - pos - 2);
        Placeholder p{pos, close + 2, {}, false};
        if (const auto bar = inner.find('|'); bar != std::string_view::npos) {
            if (inner.substr(bar + 1) != "lower") {
                if (error)
                    *error = "unknown filter \"" + std::string(inner.substr(bar + 1)) + "\" (only |lower)";
                return out;
            }
            p.lower = true;
            inner = inner.substr(0, bar);
        }
        if (!is_identifier(inner)) {
            if (error) *error = "placeholder \"" + std::string(inner) + "\" is not a field id";
            return out;
        }
        p.field = std::string(inner);
        out.push_back(std::move(p));
        pos = close + 2;
    }
    return out;
}

void check_placeholders(const Fields& f, const char* key, const std::string& text) {
    std::string error;
    find_placeholders(text, &error);
    if (!error.empty()) f.error(key, error);
}

// ---- reading the library -------------------------------------------------------------------------

ClauseCondition read_condition(const json& j, const std::string& path, std::vector<std::string>& errors,
                               int depth) {
    ClauseCondition c;
    Fields f(j, path, errors);
    if (!j.is_object()) return c;
    if (depth > max_condition_depth) {
        f.error("", "conditions nest deeper than " + std::to_string(max_condition_depth));
        return c;
    }
    auto read_list = [&](const char* key, ClauseCondition::Kind kind) {
        f.only({key});
        c.kind = kind;
        const json* list = f.get(key, true);
        if (!list) return;
        if (!list->is_array() || list->empty()) return f.error(key, "expected a non-empty array");
        for (std::size_t i = 0; i < list->size(); ++i)
            c.children.push_back(read_condition((*list)[i], index_path(f.path(key), i), errors, depth + 1));
    };
    if (j.contains("all")) {
        read_list("all", ClauseCondition::Kind::all);
    } else if (j.contains("any")) {
        read_list("any", ClauseCondition::Kind::any);
    } else if (j.contains("not")) {
        f.only({"not"});
        c.kind = ClauseCondition::Kind::negation;
        if (const json* inner = f.get("not", true))
            c.children.push_back(read_condition(*inner, f.path("not"), errors, depth + 1));
    } else {
        f.only({"field", "equals", "answered"});
        c.field = read_id(f, "field");
        const bool has_equals = j.contains("equals"), has_answered = j.contains("answered");
        if (has_equals == has_answered) {
            f.error("", "expected exactly one of \"equals\" and \"answered\"");
        } else if (has_equals) {
            c.kind = ClauseCondition::Kind::equals;
            const json& v = j["equals"];
            if (!v.is_boolean() && !v.is_string() && !v.is_number_integer())
                f.error("equals", "expected true, false, an option id or a whole number");
            c.value = v;
        } else {
            c.kind = ClauseCondition::Kind::answered;
            c.answered = f.boolean("answered").value_or(true);
            if (!j["answered"].is_boolean()) f.error("answered", "expected true or false");
        }
    }
    return c;
}

// Every field a condition names, with the path of its `field` key.
void condition_fields(const ClauseCondition& c, const std::string& path,
                      std::vector<std::pair<const ClauseCondition*, std::string>>& out) {
    using K = ClauseCondition::Kind;
    switch (c.kind) {
    case K::equals:
    case K::answered:
        out.emplace_back(&c, path);
        break;
    case K::all:
    case K::any:
        for (std::size_t i = 0; i < c.children.size(); ++i)
            condition_fields(c.children[i], index_path(path + (c.kind == K::all ? ".all" : ".any"), i), out);
        break;
    case K::negation:
        if (!c.children.empty()) condition_fields(c.children.front(), path + ".not", out);
        break;
    }
}

bool answerable(FieldType t) {
    return t != FieldType::info;
}

bool fillable(FieldType t) {
    using T = FieldType;
    return t == T::text || t == T::long_text || t == T::choice || t == T::multi_choice || t == T::yes_no ||
           t == T::scale || t == T::date;
}

// ---- answers ------------------------------------------------------------------------------------

bool blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The answer to a field, or nullptr when the field is unknown, hidden, unanswered or blank.
const json* answer_of(const FormTemplate& form, const json& answers, std::string_view field_id) {
    const Field* field = form.find(field_id);
    if (!field || !answers.is_object() || !is_visible(*field, answers)) return nullptr;
    const auto it = answers.find(std::string(field_id));
    if (it == answers.end() || it->is_null()) return nullptr;
    if (it->is_string() && blank(it->get_ref<const std::string&>())) return nullptr;
    if ((it->is_array() || it->is_object()) && it->empty()) return nullptr;
    return &*it;
}

const std::string& pick(std::string_view language, const std::string& da, const std::string& en) {
    return language == "en" ? en : da;
}

std::string option_label(const Field& field, const std::string& id, std::string_view language) {
    for (const auto& o : field.options)
        if (o.id == id) return pick(language, o.label_da, o.label_en);
    return {};
}

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

// The answer as text in a sentence; empty when it cannot be shown (unanswered, wrong shape).
std::string answer_text(const Field& field, const json& v, std::string_view language) {
    using T = FieldType;
    switch (field.type) {
    case T::text:
    case T::long_text:
        return v.is_string() ? trim(v.get_ref<const std::string&>()) : std::string();
    case T::choice:
        return v.is_string() ? option_label(field, v.get<std::string>(), language) : std::string();
    case T::multi_choice: {
        if (!v.is_array()) return {};
        std::vector<std::string> labels;
        for (const auto& item : v)
            if (item.is_string())
                if (std::string l = option_label(field, item.get<std::string>(), language); !l.empty())
                    labels.push_back(std::move(l));
        std::string out;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            if (i > 0) out += i + 1 == labels.size() ? (language == "en" ? " and " : " og ") : ", ";
            out += labels[i];
        }
        return out;
    }
    case T::yes_no:
        if (!v.is_boolean()) return {};
        return v.get<bool>() ? (language == "en" ? "yes" : "ja") : (language == "en" ? "no" : "nej");
    case T::scale:
        return v.is_number_integer() ? std::to_string(v.get<long long>()) : std::string();
    case T::date:
        if (v.is_string())
            if (auto d = Date::parse_iso(v.get_ref<const std::string&>())) return d->danish();
        return {};
    default:
        return {};
    }
}

bool is_upper_at(std::string_view s, std::size_t i) {
    if (i >= s.size()) return false;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') return true;
    // Latin-1 capitals À-Þ (except ×) are C3 80-9E in UTF-8.
    if (c == 0xC3 && i + 1 < s.size()) {
        const auto d = static_cast<unsigned char>(s[i + 1]);
        return d >= 0x80 && d <= 0x9E && d != 0x97;
    }
    return false;
}

// The first letter in lower case, unless the next letter is a capital too ("HR-afdelingen").
std::string lower_first(std::string s) {
    if (s.empty() || !is_upper_at(s, 0)) return s;
    const std::size_t next = static_cast<unsigned char>(s[0]) == 0xC3 ? 2 : 1;
    if (is_upper_at(s, next)) return s;
    if (next == 1)
        s[0] = static_cast<char>(s[0] - 'A' + 'a');
    else
        s[1] = static_cast<char>(static_cast<unsigned char>(s[1]) + 0x20);
    return s;
}

void add_once(std::vector<std::string>& list, const std::string& item) {
    if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

// Fills the placeholders of `text`; fields without an answer become "[label]" and are added to
// `unfilled`.
std::string fill(std::string_view text, const FormTemplate& form, const json& answers,
                 std::string_view language, std::vector<std::string>& unfilled) {
    const auto placeholders = find_placeholders(text, nullptr);
    std::string out;
    std::size_t at = 0;
    for (const Placeholder& p : placeholders) {
        out.append(text.substr(at, p.begin - at));
        at = p.end;
        const Field* field = form.find(p.field);
        std::string value;
        if (const json* v = field ? answer_of(form, answers, p.field) : nullptr)
            value = answer_text(*field, *v, language);
        if (value.empty()) {
            add_once(unfilled, p.field);
            value = "[" + (field ? pick(language, field->label_da, field->label_en) : p.field) + "]";
        } else if (p.lower) {
            value = lower_first(std::move(value));
        }
        out += value;
    }
    out.append(text.substr(at));
    return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += separator;
        out += parts[i];
    }
    return out;
}

// ---- the policy's own messages ------------------------------------------------------------------

struct PolicyMessage {
    std::string_view code, da, en;
};

constexpr std::array policy_messages{
    PolicyMessage{"approved_locked", "En godkendt version kan ikke ændres; lav en ny version",
                  "An approved version cannot be changed; make a new version"},
    PolicyMessage{"admin_only", "Kun en administrator kan godkende politikken",
                  "Only an administrator can approve the policy"},
    PolicyMessage{"approval_date", "Godkendelsen dateres i dag ({})", "The approval is dated today ({})"},
    PolicyMessage{"changed_on_approval",
                  "Godkend den gemte kladde uden ændringer; gem ændringer som kladde først",
                  "Approve the saved draft without changes; save changes as a draft first"},
    PolicyMessage{"approval_on_draft", "En kladde er ikke godkendt", "A draft is not approved"},
    PolicyMessage{"number_locked", "Versionsnummeret kan ikke ændres", "The version number cannot change"},
    // Checked by the server against the organisation's other versions (docs/policy.md).
    PolicyMessage{"number_taken", "Version {} findes allerede; start kladden igen fra den gældende version",
                  "Version {} exists already; start the draft again from the policy in force"},
    PolicyMessage{"older_than_approved",
                  "Version {} er allerede godkendt: en ældre kladde kan ikke godkendes bagefter",
                  "Version {} is approved already: an older draft cannot be approved after it"},
    PolicyMessage{"document_mismatch", "Dokumentet passer ikke med svarene og redigeringerne",
                  "The document does not match the answers and edits"},
    PolicyMessage{"duplicate_section", "Afsnittet er redigeret mere end én gang ({})",
                  "The section is edited more than once ({})"},
    PolicyMessage{"unknown_section", "Ukendt afsnit: {}", "Unknown section: {}"},
    PolicyMessage{"questionnaire_mismatch", "Svarene hører til et andet spørgeskema ({})",
                  "The answers belong to another questionnaire ({})"},
    PolicyMessage{"unfilled", "Politikken mangler svar, der indgår i teksten: {}",
                  "The policy lacks answers its text uses: {}"},
};

} // namespace

// ---- ClauseLibrary ------------------------------------------------------------------------------

const PolicySectionDef* ClauseLibrary::find_section(std::string_view section_id) const {
    for (const auto& s : sections)
        if (s.id == section_id) return &s;
    return nullptr;
}

const PolicyLegalBasis* ClauseLibrary::find_basis(std::string_view basis_id) const {
    for (const auto& b : legal_bases)
        if (b.id == basis_id) return &b;
    return nullptr;
}

const PolicyClause* ClauseLibrary::find_clause(std::string_view clause_id) const {
    for (const auto& c : clauses)
        if (c.id == clause_id) return &c;
    return nullptr;
}

ClauseLibraryParse parse_clause_library(std::string_view json_text) {
    ClauseLibraryParse out;
    auto& errors = out.errors;
    const json j = detail::parse_data_file(json_text, errors);
    if (j.is_discarded()) return out;
    Fields f(j, "", errors);
    f.only({"schema", "id", "version", "questionnaire", "note_en", "title_da", "title_en", "legal_bases",
            "sections", "clauses"});
    f.schema(1);

    ClauseLibrary lib;
    lib.id = read_id(f, "id");
    lib.version = f.integer("version", true, 1, 1000000).value_or(1);
    if (const json* q = f.get("questionnaire", true)) {
        Fields qf(*q, "questionnaire", errors);
        qf.only({"id", "version"});
        lib.questionnaire_id = read_id(qf, "id");
        lib.questionnaire_version = qf.integer("version", true, 1, 1000000).value_or(1);
    }
    lib.title_da = f.text("title_da", true);
    lib.title_en = f.text("title_en", true);
    check_placeholders(f, "title_da", lib.title_da);
    check_placeholders(f, "title_en", lib.title_en);

    if (const json* bases = f.get("legal_bases", true)) {
        if (!bases->is_array()) {
            f.error("legal_bases", "expected an array");
        } else {
            for (std::size_t i = 0; i < bases->size(); ++i) {
                Fields b((*bases)[i], index_path("legal_bases", i), errors);
                b.only({"id", "ref_da", "ref_en", "source"});
                PolicyLegalBasis basis{read_id(b, "id"), b.text("ref_da", true), b.text("ref_en", true),
                                       b.text("source", true)};
                if (!basis.id.empty() && lib.find_basis(basis.id))
                    b.error("id", "duplicate id \"" + basis.id + "\"");
                lib.legal_bases.push_back(std::move(basis));
            }
        }
    }

    if (const json* sections = f.get("sections", true)) {
        if (!sections->is_array() || sections->empty()) {
            f.error("sections", "expected a non-empty array");
        } else {
            for (std::size_t i = 0; i < sections->size(); ++i) {
                Fields s((*sections)[i], index_path("sections", i), errors);
                s.only({"id", "title_da", "title_en"});
                PolicySectionDef def{read_id(s, "id"), s.text("title_da", true), s.text("title_en", true)};
                if (!def.id.empty() && lib.find_section(def.id))
                    s.error("id", "duplicate id \"" + def.id + "\"");
                lib.sections.push_back(std::move(def));
            }
        }
    }

    if (const json* clauses = f.get("clauses", true)) {
        if (!clauses->is_array() || clauses->empty()) {
            f.error("clauses", "expected a non-empty array");
        } else {
            for (std::size_t i = 0; i < clauses->size(); ++i) {
                const std::string path = index_path("clauses", i);
                Fields c((*clauses)[i], path, errors);
                c.only({"id", "section", "condition", "text_da", "text_en", "legal_basis"});
                PolicyClause clause;
                clause.id = read_id(c, "id");
                if (!clause.id.empty() && lib.find_clause(clause.id))
                    c.error("id", "duplicate id \"" + clause.id + "\"");
                clause.section = read_id(c, "section");
                if (!clause.section.empty() && !lib.find_section(clause.section))
                    c.error("section", "no section \"" + clause.section + "\"");
                if (const json* cond = c.get("condition", false))
                    clause.condition = read_condition(*cond, c.path("condition"), errors, 1);
                clause.text_da = c.text("text_da", true);
                clause.text_en = c.text("text_en", true);
                check_placeholders(c, "text_da", clause.text_da);
                check_placeholders(c, "text_en", clause.text_en);
                if (const json* basis = c.get("legal_basis", true)) {
                    if (!basis->is_array()) {
                        c.error("legal_basis", "expected an array of legal basis ids");
                    } else {
                        for (std::size_t k = 0; k < basis->size(); ++k) {
                            const json& id = (*basis)[k];
                            const std::string kpath = index_path(c.path("legal_basis"), k);
                            if (!id.is_string())
                                errors.push_back(kpath + ": expected a legal basis id");
                            else if (!lib.find_basis(id.get<std::string>()))
                                errors.push_back(kpath + ": no legal basis \"" + id.get<std::string>() +
                                                 "\"");
                            else if (std::find(clause.legal_basis.begin(), clause.legal_basis.end(),
                                               id.get<std::string>()) != clause.legal_basis.end())
                                errors.push_back(kpath + ": duplicate \"" + id.get<std::string>() + "\"");
                            else
                                clause.legal_basis.push_back(id.get<std::string>());
                        }
                    }
                }
                lib.clauses.push_back(std::move(clause));
            }
        }
    }
    if (errors.empty()) out.library = std::move(lib);
    return out;
}

std::vector<std::string> check_clause_library(const ClauseLibrary& library,
                                              const FormTemplate& questionnaire) {
    std::vector<std::string> errors;
    if (library.questionnaire_id != questionnaire.id ||
        library.questionnaire_version != questionnaire.version)
        errors.push_back("questionnaire: the library is for " + library.questionnaire_id + " v" +
                         std::to_string(library.questionnaire_version) + ", not " + questionnaire.id + " v" +
                         std::to_string(questionnaire.version));

    auto check_text = [&](const std::string& path, const std::string& text) {
        for (const Placeholder& p : find_placeholders(text, nullptr)) {
            const Field* field = questionnaire.find(p.field);
            if (!field)
                errors.push_back(path + ": placeholder {{" + p.field +
                                 "}} names no field of the questionnaire");
            else if (!fillable(field->type))
                errors.push_back(path + ": placeholder {{" + p.field + "}} names a field of type " +
                                 std::string(to_string(field->type)) + ", which has no text");
        }
    };
    check_text("title_da", library.title_da);
    check_text("title_en", library.title_en);

    for (std::size_t i = 0; i < library.clauses.size(); ++i) {
        const PolicyClause& clause = library.clauses[i];
        const std::string path = index_path("clauses", i);
        check_text(path + ".text_da", clause.text_da);
        check_text(path + ".text_en", clause.text_en);
        if (!clause.condition) continue;
        std::vector<std::pair<const ClauseCondition*, std::string>> refs;
        condition_fields(*clause.condition, path + ".condition", refs);
        for (const auto& [c, cpath] : refs) {
            const Field* field = questionnaire.find(c->field);
            if (!field || !answerable(field->type)) {
                errors.push_back(cpath + ".field: no answerable field \"" + c->field + "\"");
                continue;
            }
            if (c->kind != ClauseCondition::Kind::equals) continue;
            const json& v = c->value;
            switch (field->type) {
            case FieldType::yes_no:
                if (!v.is_boolean())
                    errors.push_back(cpath + ".equals: expected true or false for a yes_no field");
                break;
            case FieldType::choice:
                if (!v.is_string() || option_label(*field, v.get<std::string>(), "da").empty())
                    errors.push_back(cpath + ".equals: expected an option id of \"" + field->id + "\"");
                break;
            case FieldType::scale:
                if (!v.is_number_integer() || v.get<long long>() < field->scale_min ||
                    v.get<long long>() > field->scale_max)
                    errors.push_back(cpath + ".equals: expected a whole number from " +
                                     std::to_string(field->scale_min) + " to " +
                                     std::to_string(field->scale_max));
                break;
            default:
                errors.push_back(cpath + ".equals: a " + std::string(to_string(field->type)) +
                                 " field can only be tested with \"answered\"");
                break;
            }
        }
    }
    return errors;
}

bool condition_holds(const ClauseCondition& c, const FormTemplate& questionnaire, const json& answers) {
    using K = ClauseCondition::Kind;
    switch (c.kind) {
    case K::equals: {
        const json* v = answer_of(questionnaire, answers, c.field);
        return v && *v == c.value;
    }
    case K::answered:
        return (answer_of(questionnaire, answers, c.field) != nullptr) == c.answered;
    case K::all:
        return std::all_of(c.children.begin(), c.children.end(), [&](const ClauseCondition& x) {
            return condition_holds(x, questionnaire, answers);
        });
    case K::any:
        return std::any_of(c.children.begin(), c.children.end(), [&](const ClauseCondition& x) {
            return condition_holds(x, questionnaire, answers);
        });
    case K::negation:
        return !c.children.empty() && !condition_holds(c.children.front(), questionnaire, answers);
    }
    return false;
}

// ---- the document -------------------------------------------------------------------------------

bool operator==(const PolicyEdit& a, const PolicyEdit& b) {
    return a.section_id == b.section_id && a.text == b.text && a.base_text == b.base_text;
}

bool operator==(const PolicySection& a, const PolicySection& b) {
    return a.id == b.id && a.number == b.number && a.title == b.title && a.paragraphs == b.paragraphs &&
           a.legal_basis == b.legal_basis && a.clause_ids == b.clause_ids && a.edited == b.edited &&
           a.edit_outdated == b.edit_outdated;
}

bool operator==(const PolicyDocument& a, const PolicyDocument& b) {
    return a.language == b.language && a.title == b.title && a.sections == b.sections &&
           a.unfilled == b.unfilled && a.unused_edits == b.unused_edits;
}

const PolicySection* PolicyDocument::find(std::string_view section_id) const {
    for (const auto& s : sections)
        if (s.id == section_id) return &s;
    return nullptr;
}

std::string section_text(const PolicySection& section) {
    return join(section.paragraphs, "\n\n");
}

std::vector<std::string> split_paragraphs(std::string_view text) {
    std::vector<std::string> out;
    std::vector<std::string> lines; // of the current paragraph
    auto flush = [&] {
        std::string p = trim(join(lines, "\n"));
        if (!p.empty()) out.push_back(std::move(p));
        lines.clear();
    };
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t end = text.find_first_of("\r\n", at);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(at, end - at);
        if (blank(line))
            flush();
        else
            lines.push_back(std::string(line.substr(0, line.find_last_not_of(" \t") + 1)));
        if (end == text.size()) break;
        at = end + 1;
        if (text[end] == '\r' && at < text.size() && text[at] == '\n') ++at;
    }
    flush();
    return out;
}

PolicyDocument assemble_policy(const ClauseLibrary& library, const FormTemplate& questionnaire,
                               const json& answers, std::string_view language,
                               std::span<const PolicyEdit> edits) {
    PolicyDocument doc;
    doc.language = language == "en" ? "en" : "da";
    const std::string& lang = doc.language;
    doc.title =
        fill(pick(lang, library.title_da, library.title_en), questionnaire, answers, lang, doc.unfilled);

    int number = 0;
    for (const PolicySectionDef& def : library.sections) {
        PolicySection section;
        section.id = def.id;
        section.title = pick(lang, def.title_da, def.title_en);
        std::vector<std::string> unfilled;
        for (const PolicyClause& clause : library.clauses) {
            if (clause.section != def.id) continue;
            if (clause.condition && !condition_holds(*clause.condition, questionnaire, answers)) continue;
            const std::string text =
                fill(pick(lang, clause.text_da, clause.text_en), questionnaire, answers, lang, unfilled);
            for (std::string& p : split_paragraphs(text))
                section.paragraphs.push_back(std::move(p));
            section.clause_ids.push_back(clause.id);
            for (const std::string& id : clause.legal_basis)
                if (const PolicyLegalBasis* basis = library.find_basis(id))
                    add_once(section.legal_basis, pick(lang, basis->ref_da, basis->ref_en));
        }
        if (section.clause_ids.empty()) continue;
        section.number = ++number;
        const auto edit = std::find_if(edits.begin(), edits.end(),
                                       [&](const PolicyEdit& e) { return e.section_id == def.id; });
        if (edit != edits.end()) {
            const std::string generated = section_text(section);
            section.paragraphs = split_paragraphs(edit->text);
            section.edited = true;
            section.edit_outdated = edit->base_text != generated;
        } else {
            for (const std::string& field : unfilled)
                add_once(doc.unfilled, field);
        }
        doc.sections.push_back(std::move(section));
    }
    for (const PolicyEdit& e : edits)
        if (!doc.find(e.section_id)) add_once(doc.unused_edits, e.section_id);
    return doc;
}

std::vector<PolicyEdit> set_section_text(std::vector<PolicyEdit> edits, const PolicyDocument& generated,
                                         std::string_view section_id, std::string_view text) {
    const PolicySection* section = generated.find(section_id);
    if (!section) return edits;
    const std::string base = section_text(*section);
    const std::string normalized = join(split_paragraphs(text), "\n\n");
    const auto it = std::find_if(edits.begin(), edits.end(),
                                 [&](const PolicyEdit& e) { return e.section_id == section_id; });
    if (normalized == base) {
        if (it != edits.end()) edits.erase(it);
        return edits;
    }
    PolicyEdit edit{std::string(section_id), normalized, base};
    if (it != edits.end())
        *it = std::move(edit);
    else
        edits.push_back(std::move(edit));
    return edits;
}

std::vector<PolicyEdit> revert_section(std::vector<PolicyEdit> edits, std::string_view section_id) {
    std::erase_if(edits, [&](const PolicyEdit& e) { return e.section_id == section_id; });
    return edits;
}

json to_json(const PolicyDocument& document) {
    json sections = json::array();
    for (const PolicySection& s : document.sections)
        sections.push_back({{"id", s.id},
                            {"number", s.number},
                            {"title", s.title},
                            {"paragraphs", s.paragraphs},
                            {"legal_basis", s.legal_basis},
                            {"clause_ids", s.clause_ids},
                            {"edited", s.edited},
                            {"edit_outdated", s.edit_outdated}});
    return {{"language", document.language},
            {"title", document.title},
            {"sections", std::move(sections)},
            {"unfilled", document.unfilled},
            {"unused_edits", document.unused_edits}};
}

// ---- PolicyCheck ----------------------------------------------------------------------------------

void PolicyCheck::add(std::string field, std::string code, const std::string& arg) {
    for (const PolicyMessage& m : policy_messages) {
        if (m.code != code) continue;
        auto fill_arg = [&](std::string_view text) {
            std::string out(text);
            if (auto pos = out.find("{}"); pos != std::string::npos) out.replace(pos, 2, arg);
            return out;
        };
        errors_.push_back({std::move(field), std::move(code), fill_arg(m.da), fill_arg(m.en)});
        return;
    }
    auto msg = detail::validation_message(code, arg);
    errors_.push_back({std::move(field), std::move(code), std::move(msg.da), std::move(msg.en)});
}

void PolicyCheck::add_error(FieldError error) {
    errors_.push_back(std::move(error));
}

void PolicyCheck::merge(const ValidationResult& other, std::string_view field_prefix) {
    for (FieldError e : other.errors()) {
        e.field = std::string(field_prefix) + e.field;
        errors_.push_back(std::move(e));
    }
}

void PolicyCheck::merge(const PolicyCheck& other) {
    errors_.insert(errors_.end(), other.errors_.begin(), other.errors_.end());
}

const FieldError* PolicyCheck::find(std::string_view field) const {
    for (const auto& e : errors_)
        if (e.field == field) return &e;
    return nullptr;
}

bool PolicyCheck::has(std::string_view field, std::string_view code) const {
    return std::any_of(errors_.begin(), errors_.end(),
                       [&](const FieldError& e) { return e.field == field && e.code == code; });
}

json PolicyCheck::to_json() const {
    json out = json::object();
    for (const auto& e : errors_)
        if (!out.contains(e.field))
            out[e.field] = {{"code", e.code}, {"message", e.message_da}, {"message_en", e.message_en}};
    return out;
}

// ---- versions -------------------------------------------------------------------------------------

std::string_view to_string(PolicyStatus s) {
    return s == PolicyStatus::approved ? "approved" : "draft";
}

std::optional<PolicyStatus> policy_status_from_string(std::string_view s) {
    if (s == "draft") return PolicyStatus::draft;
    if (s == "approved") return PolicyStatus::approved;
    return std::nullopt;
}

bool operator==(const PolicyVersion& a, const PolicyVersion& b) {
    return a.number == b.number && a.status == b.status && a.approved_by == b.approved_by &&
           a.approved_by_name == b.approved_by_name && a.approved_on == b.approved_on &&
           a.questionnaire_id == b.questionnaire_id && a.questionnaire_version == b.questionnaire_version &&
           a.clauses_version == b.clauses_version && a.language == b.language && a.answers == b.answers &&
           a.edits == b.edits && a.document == b.document;
}

json to_json(const PolicyVersion& v) {
    json edits = json::array();
    for (const PolicyEdit& e : v.edits)
        edits.push_back({{"section_id", e.section_id}, {"text", e.text}, {"base_text", e.base_text}});
    json out = {{"number", v.number},
                {"status", to_string(v.status)},
                {"questionnaire_id", v.questionnaire_id},
                {"questionnaire_version", v.questionnaire_version},
                {"clauses_version", v.clauses_version},
                {"language", v.language},
                {"answers", v.answers},
                {"edits", std::move(edits)},
                {"document", to_json(v.document)}};
    if (!v.approved_by.empty()) out["approved_by"] = v.approved_by;
    if (!v.approved_by_name.empty()) out["approved_by_name"] = v.approved_by_name;
    if (v.approved_on) out["approved_on"] = v.approved_on->iso();
    return out;
}

namespace {

// An array of strings at `key` of `j`; type errors with paths.
std::vector<std::string> read_strings(const json& j, const char* key, const std::string& path,
                                      std::size_t max_len, bool allow_newlines, ValidationResult& errors) {
    std::vector<std::string> out;
    if (!j.is_object() || !j.contains(key) || j[key].is_null()) return out;
    const json& list = j[key];
    const std::string base = path.empty() ? key : path + "." + key;
    if (!list.is_array()) {
        errors.add(base, "type", "array");
        return out;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string item = index_path(base, i);
        if (!list[i].is_string()) {
            errors.add(item, "type", "string");
            continue;
        }
        const auto& s = list[i].get_ref<const std::string&>();
        if (!is_clean_text(s, allow_newlines))
            errors.add(item, "invalid_text");
        else if (s.size() > max_len)
            errors.add(item, "too_long", std::to_string(max_len));
        out.push_back(s);
    }
    return out;
}

PolicyDocument decode_document(const json& j, const std::string& path, ValidationResult& errors) {
    PolicyDocument doc;
    detail::JsonReader r(j, errors, path);
    if (!r.ok_object()) return doc;
    doc.language = r.string("language", true, 8);
    doc.title = r.string("title", true, limits::short_text_length * 2);
    doc.unfilled = read_strings(j, "unfilled", path, limits::id_length, false, errors);
    doc.unused_edits = read_strings(j, "unused_edits", path, limits::id_length, false, errors);
    const auto it = j.find("sections");
    if (it == j.end() || !it->is_array()) {
        errors.add(path + ".sections", it == j.end() ? "required" : "type", it == j.end() ? "" : "array");
        return doc;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string spath = index_path(path + ".sections", i);
        const json& sj = (*it)[i];
        detail::JsonReader s(sj, errors, spath);
        if (!s.ok_object()) continue;
        PolicySection section;
        section.id = s.string("id", true, limits::id_length);
        section.number = s.integer("number", true, 0);
        section.title = s.string("title", true, limits::short_text_length);
        section.paragraphs = read_strings(sj, "paragraphs", spath, max_edit_length, true, errors);
        section.legal_basis =
            read_strings(sj, "legal_basis", spath, limits::short_text_length, false, errors);
        section.clause_ids = read_strings(sj, "clause_ids", spath, limits::id_length, false, errors);
        section.edited = s.boolean("edited", false);
        section.edit_outdated = s.boolean("edit_outdated", false);
        doc.sections.push_back(std::move(section));
    }
    return doc;
}

} // namespace

PolicyVersion decode_policy_version(const json& data, PolicyCheck& errors) {
    ValidationResult v;
    PolicyVersion out;
    detail::JsonReader r(data, v);
    if (r.ok_object()) {
        out.number = r.integer("number", true, 0);
        const std::string status = r.string("status", true, 16);
        if (auto s = policy_status_from_string(status))
            out.status = *s;
        else if (!status.empty())
            v.add("status", "unknown_value", status);
        out.approved_by = r.string("approved_by", false, limits::id_length);
        out.approved_by_name = r.string("approved_by_name", false, limits::name_length);
        out.approved_on = r.date("approved_on", false);
        out.questionnaire_id = r.string("questionnaire_id", true, limits::id_length);
        out.questionnaire_version = r.integer("questionnaire_version", true, 0);
        out.clauses_version = r.integer("clauses_version", true, 0);
        out.language = r.string("language", true, 8);
        if (const auto it = data.find("answers"); it == data.end() || it->is_null())
            v.add("answers", "required");
        else if (!it->is_object())
            v.add("answers", "type", "object");
        else
            out.answers = *it;
        if (const auto it = data.find("edits"); it != data.end() && !it->is_null()) {
            if (!it->is_array()) {
                v.add("edits", "type", "array");
            } else {
                for (std::size_t i = 0; i < it->size(); ++i) {
                    detail::JsonReader e((*it)[i], v, index_path("edits", i));
                    if (!e.ok_object()) continue;
                    PolicyEdit edit;
                    edit.section_id = e.string("section_id", true, limits::id_length);
                    edit.text = e.string("text", false, max_edit_length, true);
                    edit.base_text = e.string("base_text", false, max_edit_length * 4, true);
                    out.edits.push_back(std::move(edit));
                }
            }
        }
        if (const auto it = data.find("document"); it == data.end() || it->is_null())
            v.add("document", "required");
        else
            out.document = decode_document(*it, "document", v);
    }
    errors.merge(v);
    return out;
}

PolicyVersion make_policy_draft(int number, const ClauseLibrary& library, const FormTemplate& questionnaire,
                                json answers, std::vector<PolicyEdit> edits, std::string language) {
    PolicyVersion v;
    v.number = number;
    v.questionnaire_id = questionnaire.id;
    v.questionnaire_version = questionnaire.version;
    v.clauses_version = library.version;
    v.language = language == "en" ? "en" : "da";
    v.answers = answers.is_object() ? std::move(answers) : json::object();
    v.edits = std::move(edits);
    v.document = assemble_policy(library, questionnaire, v.answers, v.language, v.edits);
    return v;
}

int next_policy_version_number(std::span<const PolicyVersion> versions) {
    int highest = 0;
    for (const auto& v : versions)
        highest = std::max(highest, v.number);
    return highest + 1;
}

PolicyCheck validate(const PolicyVersion& v, const ClauseLibrary& library, const FormTemplate& questionnaire,
                     Date today) {
    PolicyCheck out;
    if (v.number < 1) out.add("number", "range", "1–");
    if (v.language != "da" && v.language != "en") out.add("language", "unknown_value", v.language);
    if (v.questionnaire_id != questionnaire.id || v.questionnaire_version != questionnaire.version)
        out.add("questionnaire_id", "questionnaire_mismatch",
                v.questionnaire_id + " v" + std::to_string(v.questionnaire_version));
    if (!v.answers.is_object()) {
        out.add("answers", "type", "object");
    } else {
        const ValidationResult answers = validate_answers(questionnaire, v.answers, today);
        for (const FieldError& e : answers.errors()) {
            if (e.code == "required" && v.status == PolicyStatus::draft)
                continue;        // a draft may be incomplete
            FieldError copy = e; // the engine's messages, which may carry an argument
            copy.field = "answers." + e.field;
            out.add_error(std::move(copy));
        }
    }
    for (std::size_t i = 0; i < v.edits.size(); ++i) {
        const PolicyEdit& e = v.edits[i];
        const std::string path = index_path("edits", i);
        // A section of the library: an edit of a section that does not exist could never be shown.
        if (!library.find_section(e.section_id)) out.add(path + ".section_id", "unknown_section", e.section_id);
        for (std::size_t k = 0; k < i; ++k)
            if (v.edits[k].section_id == e.section_id) {
                out.add(path + ".section_id", "duplicate_section", e.section_id);
                break;
            }
        if (!is_clean_text(e.text, true))
            out.add(path + ".text", "invalid_text");
        else if (e.text.size() > max_edit_length)
            out.add(path + ".text", "too_long", std::to_string(max_edit_length));
        else if (blank(e.text))
            out.add(path + ".text", "required");
    }
    if (v.status == PolicyStatus::approved) {
        if (!is_valid_id(v.approved_by)) out.add("approved_by", "required");
        if (blank(v.approved_by_name)) out.add("approved_by_name", "required");
        if (!v.approved_on)
            out.add("approved_on", "required");
        else if (*v.approved_on > today)
            out.add("approved_on", "future_date", today.danish());
    } else if (!v.approved_by.empty() || !v.approved_by_name.empty() || v.approved_on) {
        out.add(!v.approved_by.empty()        ? "approved_by"
                : !v.approved_by_name.empty() ? "approved_by_name"
                                              : "approved_on",
                "approval_on_draft");
    }
    return out;
}

PolicyCheck check_document(const PolicyVersion& v, const ClauseLibrary& library,
                           const FormTemplate& questionnaire) {
    PolicyCheck out;
    if (v.clauses_version != library.version)
        out.add("clauses_version", "document_mismatch");
    else if (!(assemble_policy(library, questionnaire, v.answers, v.language, v.edits) == v.document))
        out.add("document", "document_mismatch");
    return out;
}

bool can_approve_policy(Role role) {
    return role == Role::admin;
}

namespace {

// The fields of two versions that differ, by their wire names.
std::vector<std::string> differing_fields(const PolicyVersion& a, const PolicyVersion& b) {
    std::vector<std::string> out;
    if (a.number != b.number) out.push_back("number");
    if (a.status != b.status) out.push_back("status");
    if (a.approved_by != b.approved_by) out.push_back("approved_by");
    if (a.approved_by_name != b.approved_by_name) out.push_back("approved_by_name");
    if (a.approved_on != b.approved_on) out.push_back("approved_on");
    if (a.questionnaire_id != b.questionnaire_id) out.push_back("questionnaire_id");
    if (a.questionnaire_version != b.questionnaire_version) out.push_back("questionnaire_version");
    if (a.clauses_version != b.clauses_version) out.push_back("clauses_version");
    if (a.language != b.language) out.push_back("language");
    if (a.answers != b.answers) out.push_back("answers");
    if (!(a.edits == b.edits)) out.push_back("edits");
    if (!(a.document == b.document)) out.push_back("document");
    return out;
}

bool is_approval_field(const std::string& f) {
    return f == "status" || f == "approved_by" || f == "approved_by_name" || f == "approved_on";
}

} // namespace

PolicyCheck check_policy_change(const PolicyVersion& before, const PolicyVersion& after, const ClauseLibrary& library,
                                const FormTemplate& questionnaire, Role role, Date today) {
    PolicyCheck out;
    const auto changed = differing_fields(before, after);
    if (before.status == PolicyStatus::approved) {
        for (const std::string& f : changed)
            out.add(f, "approved_locked");
        return out;
    }
    if (before.number != after.number) out.add("number", "number_locked");
    if (after.status == PolicyStatus::approved) {
        if (!can_approve_policy(role)) out.add("status", "admin_only");
        for (const std::string& f : changed)
            if (!is_approval_field(f) && f != "number") out.add(f, "changed_on_approval");
        if (after.approved_on && *after.approved_on != today)
            out.add("approved_on", "approval_date", today.danish());
        if (!after.document.unfilled.empty())
            out.add("document.unfilled", "unfilled", join(after.document.unfilled, ", "));
    }
    out.merge(validate(after, library, questionnaire, today));
    return out;
}

PolicyApproval approve_policy(const PolicyVersion& draft, const ClauseLibrary& library,
                              const FormTemplate& questionnaire, Role role, std::string user_id,
                              std::string user_name, Date today) {
    PolicyApproval out;
    PolicyVersion approved = draft;
    approved.status = PolicyStatus::approved;
    approved.approved_by = std::move(user_id);
    approved.approved_by_name = std::move(user_name);
    approved.approved_on = today;
    if (draft.status == PolicyStatus::approved) {
        out.errors.add("status", "approved_locked");
        return out;
    }
    out.errors = check_policy_change(draft, approved, library, questionnaire, role, today);
    out.errors.merge(check_document(draft, library, questionnaire));
    if (out.errors.ok()) out.version = std::move(approved);
    return out;
}

PolicyVersion next_policy_draft(const PolicyVersion& from, int number, const ClauseLibrary& library,
                                const FormTemplate& questionnaire) {
    return make_policy_draft(number, library, questionnaire, from.answers, from.edits, from.language);
}

} // namespace naervaer
