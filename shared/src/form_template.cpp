// Parsing form templates (assets/templates/*.json). Errors name the path in the file and are for
// the developers who edit the files; answers are validated in form_answers.cpp.
#include "naervaer/form_template.hpp"

#include "json_fields.hpp"

#include <algorithm>
#include <array>
#include <tuple>
#include <utility>

namespace naervaer {

using detail::Fields;
using nlohmann::json;

namespace {

constexpr std::array<std::pair<FieldType, std::string_view>, 12> type_names{{
    {FieldType::info, "info"},
    {FieldType::text, "text"},
    {FieldType::long_text, "long_text"},
    {FieldType::date, "date"},
    {FieldType::choice, "choice"},
    {FieldType::multi_choice, "multi_choice"},
    {FieldType::yes_no, "yes_no"},
    {FieldType::scale, "scale"},
    {FieldType::task_list, "task_list"},
    {FieldType::hours_schedule, "hours_schedule"},
    {FieldType::staircase, "staircase"},
    {FieldType::signature, "signature"},
}};

bool is_identifier(std::string_view s) {
    if (s.empty() || s.size() > limits::id_length) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// Reads an id that other parts of the file (and stored answers) refer to.
std::string read_id(const Fields& f, const char* key) {
    std::string id = f.text(key, true);
    if (!id.empty() && !is_identifier(id)) f.error(key, "expected lower-case letters, digits and _");
    return id;
}

// A Danish and an English text under `<key>_da` and `<key>_en`: both or (unless required) neither.
std::pair<std::string, std::string> read_pair(const Fields& f, const std::string& key, bool required) {
    const std::string da = key + "_da", en = key + "_en";
    const bool any = f.get(da.c_str(), false) || f.get(en.c_str(), false);
    auto out = std::pair{f.text(da.c_str(), required || any), f.text(en.c_str(), required || any)};
    return out;
}

std::vector<LabelledId> read_labelled_ids(const Fields& f, const char* key, std::vector<std::string>& errors) {
    std::vector<LabelledId> out;
    const json* v = f.get(key, true);
    if (!v) return out;
    if (!v->is_array() || v->empty()) return f.error(key, "expected a non-empty array"), out;
    for (std::size_t i = 0; i < v->size(); ++i) {
        Fields o((*v)[i], f.path(key) + "[" + std::to_string(i) + "]", errors);
        o.only({"id", "label_da", "label_en"});
        LabelledId item{read_id(o, "id"), o.text("label_da", true), o.text("label_en", true)};
        if (std::any_of(out.begin(), out.end(), [&](const auto& x) { return x.id == item.id; }))
            o.error("id", "duplicate id \"" + item.id + "\"");
        out.push_back(std::move(item));
    }
    return out;
}

// Which keys a field of each type may have, beyond the common ones.
bool key_allowed(FieldType t, std::string_view key) {
    using T = FieldType;
    if (key == "id" || key == "type" || key == "label_da" || key == "label_en" || key == "help_da" ||
        key == "help_en" || key == "show_if")
        return true;
    if (t == T::info) return false;
    if (key == "required" || key == "prefill_key") return true;
    if (key == "max_length" || key == "guard") return t == T::text || t == T::long_text || t == T::task_list;
    if (key == "options") return t == T::choice || t == T::multi_choice;
    if (key == "scale") return t == T::scale;
    if (key == "columns" || key == "agreement") return t == T::task_list;
    if (key == "max_rows") return t == T::task_list || t == T::hours_schedule;
    if (key == "max_weeks" || key == "max_hours" || key == "non_decreasing") return t == T::hours_schedule;
    if (key == "compare_with") return t == T::staircase;
    if (key == "default") return t == T::date;
    return false;
}

Field read_field(const json& j, const std::string& path, std::vector<std::string>& errors) {
    Fields f(j, path, errors);
    Field field;
    field.id = read_id(f, "id");
    const std::string type = f.text("type", true);
    if (auto t = field_type_from_string(type))
        field.type = *t;
    else if (!type.empty())
        f.error("type", "unknown type \"" + type + "\"");
    if (j.is_object())
        for (auto it = j.begin(); it != j.end(); ++it)
            if (!key_allowed(field.type, it.key()))
                f.error(it.key().c_str(), "not a key of a " + type + " field");

    std::tie(field.label_da, field.label_en) = read_pair(f, "label", true);
    std::tie(field.help_da, field.help_en) = read_pair(f, "help", false);
    field.required = f.boolean("required").value_or(false);
    field.guard = f.boolean("guard").value_or(true);
    field.prefill_key = f.text("prefill_key", false);
    if (auto n = f.integer("max_length", false, 1, static_cast<int>(limits::note_length)))
        field.max_length = static_cast<std::size_t>(*n);

    using T = FieldType;
    switch (field.type) {
    case T::choice:
    case T::multi_choice:
        field.options = read_labelled_ids(f, "options", errors);
        break;
    case T::scale:
        if (const json* v = f.get("scale", true)) {
            Fields s(*v, f.path("scale"), errors);
            s.only({"min", "max", "min_label_da", "min_label_en", "max_label_da", "max_label_en"});
            field.scale_min = s.integer("min", true, -100, 100).value_or(1);
            field.scale_max = s.integer("max", true, -100, 100).value_or(5);
            if (field.scale_min >= field.scale_max) s.error("max", "must be above min");
            std::tie(field.scale_min_label_da, field.scale_min_label_en) = read_pair(s, "min_label", false);
            std::tie(field.scale_max_label_da, field.scale_max_label_en) = read_pair(s, "max_label", false);
        }
        break;
    case T::task_list:
        if (f.get("columns", false)) field.columns = read_labelled_ids(f, "columns", errors);
        field.agreement = f.boolean("agreement").value_or(false);
        if (field.agreement && !field.columns.empty()) f.error("agreement", "an agreement list has no columns");
        field.max_rows = static_cast<std::size_t>(f.integer("max_rows", false, 1, 200).value_or(30));
        break;
    case T::hours_schedule:
        field.max_rows = static_cast<std::size_t>(f.integer("max_rows", false, 1, 200).value_or(30));
        field.max_weeks = f.integer("max_weeks", false, 1, 260).value_or(52);
        field.max_hours = f.integer("max_hours", false, 1, static_cast<int>(limits::max_weekly_hours))
                              .value_or(static_cast<int>(limits::max_weekly_hours));
        field.non_decreasing = f.boolean("non_decreasing").value_or(false);
        break;
    case T::staircase:
        field.compare_with = f.text("compare_with", false);
        break;
    case T::date:
        if (const json* v = f.get("default", false)) {
            Fields d(*v, f.path("default"), errors);
            d.only({"from", "days"});
            DateDefault dd;
            if (d.get("from", false)) dd.from = read_id(d, "from");
            dd.days = d.integer("days", true, -3650, 3650).value_or(0);
            field.date_default = dd;
        }
        break;
    default:
        break;
    }

    if (const json* v = f.get("show_if", false)) {
        Fields c(*v, f.path("show_if"), errors);
        c.only({"field", "equals"});
        FieldCondition cond;
        cond.field = read_id(c, "field");
        if (const json* eq = c.get("equals", true)) {
            if (eq->is_boolean())
                cond.equals_bool = eq->get<bool>();
            else if (eq->is_string())
                cond.equals = eq->get<std::string>();
            else
                c.error("equals", "expected true, false or an option id");
        }
        field.show_if = std::move(cond);
    }
    return field;
}

// Cross-field checks, once every field is known.
void check_references(const FormTemplate& t, std::vector<std::string>& errors) {
    for (std::size_t s = 0; s < t.sections.size(); ++s) {
        for (std::size_t i = 0; i < t.sections[s].fields.size(); ++i) {
            const Field& f = t.sections[s].fields[i];
            const std::string path = "sections[" + std::to_string(s) + "].fields[" + std::to_string(i) + "]";
            if (f.show_if) {
                const Field* target = t.find(f.show_if->field);
                if (!target || target == &f)
                    errors.push_back(path + ".show_if.field: no field \"" + f.show_if->field + "\"");
                else if (target->show_if)
                    errors.push_back(path + ".show_if.field: \"" + target->id + "\" is itself conditional");
                else if (target->type == FieldType::yes_no && !f.show_if->equals_bool)
                    errors.push_back(path + ".show_if.equals: expected true or false for a yes_no field");
                else if (target->type == FieldType::choice &&
                         (!f.show_if->equals ||
                          std::none_of(target->options.begin(), target->options.end(),
                                       [&](const auto& o) { return o.id == *f.show_if->equals; })))
                    errors.push_back(path + ".show_if.equals: expected an option id of \"" + target->id + "\"");
                else if (target->type != FieldType::yes_no && target->type != FieldType::choice)
                    errors.push_back(path + ".show_if.field: must be a yes_no or choice field");
            }
            if (f.type == FieldType::staircase) {
                if (t.staircase.empty()) errors.push_back(path + ": a staircase field needs the template's staircase");
                if (!f.compare_with.empty()) {
                    const Field* other = t.find(f.compare_with);
                    if (!other || other == &f || other->type != FieldType::staircase)
                        errors.push_back(path + ".compare_with: no other staircase field \"" + f.compare_with + "\"");
                }
            }
            if (f.date_default && f.date_default->from != "today") {
                const Field* from = t.find(f.date_default->from);
                if (!from || from == &f || from->type != FieldType::date)
                    errors.push_back(path + ".default.from: no date field \"" + f.date_default->from + "\"");
            }
        }
    }
}

} // namespace

std::string_view to_string(FieldType t) {
    for (const auto& [type, name] : type_names)
        if (type == t) return name;
    return "text";
}

std::optional<FieldType> field_type_from_string(std::string_view s) {
    for (const auto& [type, name] : type_names)
        if (name == s) return type;
    return std::nullopt;
}

std::vector<const Field*> FormTemplate::fields() const {
    std::vector<const Field*> out;
    for (const auto& s : sections)
        for (const auto& f : s.fields) out.push_back(&f);
    return out;
}

const Field* FormTemplate::find(std::string_view field_id) const {
    for (const auto& s : sections)
        for (const auto& f : s.fields)
            if (f.id == field_id) return &f;
    return nullptr;
}

int FormTemplate::step_index(std::string_view step_id) const {
    for (std::size_t i = 0; i < staircase.size(); ++i)
        if (staircase[i].id == step_id) return static_cast<int>(i);
    return -1;
}

FormTemplateParse parse_form_template(std::string_view json_text) {
    FormTemplateParse out;
    const json j = detail::parse_data_file(json_text, out.errors);
    return j.is_discarded() ? out : parse_form_template_json(j);
}

FormTemplateParse parse_form_template_json(const json& j) {
    FormTemplateParse out;
    auto& errors = out.errors;
    Fields f(j, "", errors);
    f.only({"schema", "id", "version", "title_da", "title_en", "purpose_da", "purpose_en", "meets_rule",
            "printable", "offered_from", "order", "staircase", "sections", "note_en"});
    f.schema(1);

    FormTemplate t;
    t.id = read_id(f, "id");
    t.version = f.integer("version", true, 1, 1000000).value_or(1);
    std::tie(t.title_da, t.title_en) = read_pair(f, "title", true);
    std::tie(t.purpose_da, t.purpose_en) = read_pair(f, "purpose", true);
    if (f.get("meets_rule", false)) t.meets_rule = read_id(f, "meets_rule");
    t.printable = f.boolean("printable").value_or(false);
    t.offered_from = f.text("offered_from", false);
    if (!t.offered_from.empty() && t.offered_from != "case")
        f.error("offered_from", "expected \"case\" (or no offered_from: a form with its own screen)");
    if (t.offered_from.empty()) {
        if (f.get("order", false)) f.error("order", "only for a template with offered_from");
    } else {
        t.order = f.integer("order", true, 1, 1000).value_or(0);
    }

    if (const json* steps = f.get("staircase", false)) {
        if (!steps->is_array() || steps->size() < 2) {
            f.error("staircase", "expected an array of at least two steps");
        } else {
            for (std::size_t i = 0; i < steps->size(); ++i) {
                Fields s((*steps)[i], "staircase[" + std::to_string(i) + "]", errors);
                s.only({"id", "label_da", "label_en", "description_da", "description_en"});
                StaircaseStep step;
                step.id = read_id(s, "id");
                std::tie(step.label_da, step.label_en) = read_pair(s, "label", true);
                std::tie(step.description_da, step.description_en) = read_pair(s, "description", true);
                if (t.step_index(step.id) >= 0) s.error("id", "duplicate id \"" + step.id + "\"");
                t.staircase.push_back(std::move(step));
            }
        }
    }

    if (const json* sections = f.get("sections", true)) {
        if (!sections->is_array() || sections->empty()) {
            f.error("sections", "expected a non-empty array");
        } else {
            for (std::size_t s = 0; s < sections->size(); ++s) {
                const std::string spath = "sections[" + std::to_string(s) + "]";
                Fields sf((*sections)[s], spath, errors);
                sf.only({"id", "title_da", "title_en", "fields"});
                Section section;
                section.id = read_id(sf, "id");
                std::tie(section.title_da, section.title_en) = read_pair(sf, "title", true);
                const json* fields = sf.get("fields", true);
                if (fields && (!fields->is_array() || fields->empty())) {
                    sf.error("fields", "expected a non-empty array");
                } else if (fields) {
                    for (std::size_t i = 0; i < fields->size(); ++i) {
                        const std::string fpath = spath + ".fields[" + std::to_string(i) + "]";
                        Field field = read_field((*fields)[i], fpath, errors);
                        if (!field.id.empty() &&
                            (t.find(field.id) || std::any_of(section.fields.begin(), section.fields.end(),
                                                             [&](const Field& x) { return x.id == field.id; })))
                            errors.push_back(fpath + ".id: duplicate id \"" + field.id + "\"");
                        section.fields.push_back(std::move(field));
                    }
                }
                t.sections.push_back(std::move(section));
            }
        }
    }
    if (errors.empty()) check_references(t, errors);
    if (errors.empty()) {
        t.source = j;
        t.source.erase("offered_from");
        t.source.erase("order");
        out.form = std::move(t);
    }
    return out;
}

json template_snapshot(const FormTemplate& form) {
    return form.source;
}

std::vector<std::string_view> conversation_template_ids(std::span<const FormTemplate> shipped) {
    std::vector<const FormTemplate*> newest;
    for (const FormTemplate& form : shipped) {
        auto same_id = std::find_if(newest.begin(), newest.end(), [&](const FormTemplate* t) { return t->id == form.id; });
        if (same_id == newest.end())
            newest.push_back(&form);
        else if (form.version > (*same_id)->version)
            *same_id = &form;
    }
    std::erase_if(newest, [](const FormTemplate* t) { return t->offered_from != "case"; });
    std::sort(newest.begin(), newest.end(), [](const FormTemplate* a, const FormTemplate* b) {
        return std::tie(a->order, a->id) < std::tie(b->order, b->id);
    });
    std::vector<std::string_view> ids;
    for (const FormTemplate* form : newest) ids.push_back(form->id);
    return ids;
}

} // namespace naervaer
