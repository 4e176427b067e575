// Answers to a form template: validation with field messages, defaults, "enter once" prefill,
// agreements that become to-dos and the staircase comparison (docs/forms.md). Answers come from
// users, so every value's type is checked before it is read (the wasm build has no exceptions).
#include "naervaer/form_template.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace naervaer {

using nlohmann::json;

namespace {

constexpr std::size_t row_text_length = 500;

// The answer of a field, or nullptr when it is absent or null.
const json* answer_of(const json& answers, const std::string& id) {
    if (!answers.is_object()) return nullptr;
    auto it = answers.find(id);
    return it == answers.end() || it->is_null() ? nullptr : &*it;
}

bool is_blank(const json& v) {
    if (v.is_null()) return true;
    if (v.is_string()) return v.get_ref<const std::string&>().find_first_not_of(" \t\r\n") == std::string::npos;
    if (v.is_array() || v.is_object()) return v.empty();
    return false;
}

const std::string* string_at(const json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

bool has_id(const std::vector<LabelledId>& items, std::string_view id) {
    return std::any_of(items.begin(), items.end(), [&](const auto& x) { return x.id == id; });
}

std::string number_text(double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

class AnswerChecker {
  public:
    AnswerChecker(const FormTemplate& form, Date today, ValidationResult& errors)
        : form_(form), today_(today), errors_(errors) {}

    void field(const Field& f, const json& v) {
        using T = FieldType;
        switch (f.type) {
        case T::info: errors_.add(f.id, "unknown_field", f.id); break;
        case T::text: text(f.id, v, f.max_length ? f.max_length : limits::short_text_length, false); break;
        case T::long_text: text(f.id, v, f.max_length ? f.max_length : limits::note_length, true); break;
        case T::date: date(f.id, v); break;
        case T::choice:
            if (!v.is_string()) errors_.add(f.id, "type", "option id");
            else if (!has_id(f.options, v.get_ref<const std::string&>())) errors_.add(f.id, "unknown_value", v.get<std::string>());
            break;
        case T::multi_choice: multi_choice(f, v); break;
        case T::yes_no:
            if (!v.is_boolean()) errors_.add(f.id, "type", "yes/no");
            break;
        case T::scale:
            if (!v.is_number_integer() && !v.is_number_unsigned()) errors_.add(f.id, "type", "integer");
            else if (v.get<double>() < f.scale_min || v.get<double>() > f.scale_max)
                errors_.add(f.id, "range", std::to_string(f.scale_min) + "-" + std::to_string(f.scale_max));
            break;
        case T::task_list: task_list(f, v); break;
        case T::hours_schedule: hours_schedule(f, v); break;
        case T::staircase:
            if (!v.is_string()) errors_.add(f.id, "type", "step id");
            else if (form_.step_index(v.get_ref<const std::string&>()) < 0) errors_.add(f.id, "unknown_value", v.get<std::string>());
            break;
        case T::signature: signature(f.id, v); break;
        }
    }

  private:
    void text(const std::string& path, const json& v, std::size_t max_len, bool newlines) {
        if (!v.is_string()) return errors_.add(path, "type", "text");
        const auto& s = v.get_ref<const std::string&>();
        if (!is_clean_text(s, newlines)) errors_.add(path, "invalid_text");
        else if (s.size() > max_len) errors_.add(path, "too_long", std::to_string(max_len));
    }

    std::optional<Date> date(const std::string& path, const json& v) {
        if (!v.is_string()) return errors_.add(path, "type", "date yyyy-mm-dd"), std::nullopt;
        auto d = Date::parse_iso(v.get_ref<const std::string&>());
        if (!d) errors_.add(path, "invalid_date");
        return d;
    }

    void multi_choice(const Field& f, const json& v) {
        if (!v.is_array()) return errors_.add(f.id, "type", "list of option ids");
        std::vector<std::string> seen;
        for (std::size_t i = 0; i < v.size(); ++i) {
            const std::string path = f.id + "[" + std::to_string(i) + "]";
            if (!v[i].is_string()) { errors_.add(path, "type", "option id"); continue; }
            const auto& id = v[i].get_ref<const std::string&>();
            if (!has_id(f.options, id)) errors_.add(path, "unknown_value", id);
            else if (std::find(seen.begin(), seen.end(), id) != seen.end()) errors_.add(path, "duplicate_value", id);
            seen.push_back(id);
        }
    }

    // Keys of an object answer the type does not have are errors: they would be stored unseen.
    void only(const std::string& path, const json& object, std::initializer_list<std::string_view> known) {
        for (auto it = object.begin(); it != object.end(); ++it)
            if (std::find(known.begin(), known.end(), it.key()) == known.end())
                errors_.add(path + "." + it.key(), "unknown_field", it.key());
    }

    void task_list(const Field& f, const json& v) {
        if (!v.is_array()) return errors_.add(f.id, "type", "list of rows");
        if (v.size() > f.max_rows) return errors_.add(f.id, "too_many", std::to_string(f.max_rows));
        for (std::size_t i = 0; i < v.size(); ++i) {
            const std::string path = f.id + "[" + std::to_string(i) + "]";
            const json& row = v[i];
            if (!row.is_object()) { errors_.add(path, "type", "object"); continue; }
            if (!f.columns.empty()) only(path, row, {"text", "column"});
            else if (f.agreement) only(path, row, {"text", "owner", "due"});
            else only(path, row, {"text"});
            required_text(path + ".text", row, "text", f.max_length ? f.max_length : row_text_length);
            if (!f.columns.empty()) {
                const std::string* column = string_at(row, "column");
                if (!row.contains("column") || row["column"].is_null()) errors_.add(path + ".column", "required");
                else if (!column) errors_.add(path + ".column", "type", "column id");
                else if (!has_id(f.columns, *column)) errors_.add(path + ".column", "unknown_value", *column);
            }
            if (f.agreement) {
                required_text(path + ".owner", row, "owner", limits::name_length);
                if (!row.contains("due") || row["due"].is_null()) errors_.add(path + ".due", "required");
                else date(path + ".due", row["due"]);
            }
        }
    }

    void required_text(const std::string& path, const json& object, const char* key, std::size_t max_len) {
        auto it = object.find(key);
        if (it == object.end() || is_blank(*it)) return errors_.add(path, "required");
        text(path, *it, max_len, false);
    }

    void hours_schedule(const Field& f, const json& v) {
        if (!v.is_object()) return errors_.add(f.id, "type", "object");
        only(f.id, v, {"normal_hours", "weeks"});
        double normal = f.max_hours;
        const auto n = v.find("normal_hours");
        if (n == v.end() || n->is_null()) errors_.add(f.id + ".normal_hours", "required");
        else if (!n->is_number()) errors_.add(f.id + ".normal_hours", "type", "number");
        else if (n->get<double>() <= 0 || n->get<double>() > f.max_hours)
            errors_.add(f.id + ".normal_hours", "weekly_hours_range", number_text(f.max_hours));
        else normal = n->get<double>();

        const auto weeks = v.find("weeks");
        if (weeks == v.end() || !weeks->is_array() || weeks->empty())
            return errors_.add(f.id + ".weeks", "required");
        if (weeks->size() > f.max_rows) return errors_.add(f.id + ".weeks", "too_many", std::to_string(f.max_rows));
        int last_week = 0;
        std::optional<double> last_hours;
        for (std::size_t i = 0; i < weeks->size(); ++i) {
            const std::string path = f.id + ".weeks[" + std::to_string(i) + "]";
            const json& row = (*weeks)[i];
            if (!row.is_object()) { errors_.add(path, "type", "object"); continue; }
            only(path, row, {"week", "hours"});
            const auto w = row.find("week");
            if (w == row.end() || !w->is_number_integer()) errors_.add(path + ".week", "type", "integer");
            else if (w->get<long long>() < 1 || w->get<long long>() > f.max_weeks)
                errors_.add(path + ".week", "range", "1-" + std::to_string(f.max_weeks));
            else if (w->get<int>() <= last_week) errors_.add(path + ".week", "week_order");
            else last_week = w->get<int>();

            const auto h = row.find("hours");
            if (h == row.end() || !h->is_number()) { errors_.add(path + ".hours", "type", "number"); continue; }
            const double hours = h->get<double>();
            if (!std::isfinite(hours) || hours < 0 || hours > f.max_hours)
                errors_.add(path + ".hours", "hours_range", number_text(f.max_hours));
            else if (hours > normal) errors_.add(path + ".hours", "hours_above_normal", number_text(normal));
            else if (f.non_decreasing && last_hours && hours < *last_hours)
                errors_.add(path + ".hours", "hours_decrease", number_text(*last_hours));
            last_hours = hours;
        }
    }

    void signature(const std::string& id, const json& v) {
        if (!v.is_object()) return errors_.add(id, "type", "object");
        only(id, v, {"name", "date", "agreed", "comment"});
        required_text(id + ".name", v, "name", limits::name_length);
        if (!v.contains("date") || v["date"].is_null()) errors_.add(id + ".date", "required");
        else if (auto d = date(id + ".date", v["date"]); d && *d > today_)
            errors_.add(id + ".date", "future_date", today_.danish());
        if (!v.contains("agreed") || v["agreed"].is_null()) errors_.add(id + ".agreed", "required");
        else if (!v["agreed"].is_boolean()) errors_.add(id + ".agreed", "type", "yes/no");
        if (v.contains("comment") && !v["comment"].is_null()) text(id + ".comment", v["comment"], limits::note_length, true);
    }

    const FormTemplate& form_;
    Date today_;
    ValidationResult& errors_;
};

// A prefilled value fitted to the field it goes into, or null when nothing of it fits.
json fit_value(const Field& to, const FormTemplate& form, const json& v) {
    using T = FieldType;
    switch (to.type) {
    case T::choice:
        return v.is_string() && has_id(to.options, v.get_ref<const std::string&>()) ? v : json();
    case T::staircase:
        return v.is_string() && form.step_index(v.get_ref<const std::string&>()) >= 0 ? v : json();
    case T::multi_choice: {
        json out = json::array();
        if (v.is_array())
            for (const auto& id : v)
                if (id.is_string() && has_id(to.options, id.get_ref<const std::string&>())) out.push_back(id);
        return out.empty() ? json() : out;
    }
    case T::task_list: {
        json out = json::array();
        if (!v.is_array()) return json();
        for (const auto& row : v) {
            const std::string* text = string_at(row, "text");
            if (!text || is_blank(*text)) continue;
            json r = {{"text", *text}};
            if (const std::string* c = string_at(row, "column"); c && has_id(to.columns, *c)) r["column"] = *c;
            if (to.agreement) {
                if (const std::string* o = string_at(row, "owner")) r["owner"] = *o;
                if (const std::string* d = string_at(row, "due")) r["due"] = *d;
            }
            out.push_back(std::move(r));
        }
        return out.empty() ? json() : out;
    }
    default:
        return v;
    }
}

} // namespace

bool is_visible(const Field& field, const json& answers) {
    if (!field.show_if) return true;
    const json* v = answer_of(answers, field.show_if->field);
    if (!v) return false;
    if (field.show_if->equals_bool) return v->is_boolean() && v->get<bool>() == *field.show_if->equals_bool;
    return field.show_if->equals && v->is_string() && v->get_ref<const std::string&>() == *field.show_if->equals;
}

ValidationResult validate_answers(const FormTemplate& form, const json& answers, Date today) {
    ValidationResult errors;
    if (!answers.is_object()) {
        errors.add("answers", "type", "object");
        return errors;
    }
    for (auto it = answers.begin(); it != answers.end(); ++it)
        if (!form.find(it.key())) errors.add(it.key(), "unknown_field", it.key());
    AnswerChecker check(form, today, errors);
    for (const Field* f : form.fields()) {
        const json* v = answer_of(answers, f->id);
        if (f->type != FieldType::info && (!v || is_blank(*v))) {
            if (f->required && is_visible(*f, answers)) errors.add(f->id, "required");
            continue;
        }
        if (!v) continue;
        check.field(*f, *v);
    }
    return errors;
}

json apply_defaults(const FormTemplate& form, const json& answers, Date today) {
    json out = answers.is_object() ? answers : json::object();
    for (const Field* f : form.fields()) {
        if (!f->date_default || answer_of(out, f->id)) continue;
        Date base = today;
        if (f->date_default->from != "today")
            if (const std::string* s = string_at(out, f->date_default->from.c_str()))
                if (auto d = Date::parse_iso(*s)) base = *d;
        out[f->id] = base.plus_days(f->date_default->days).iso();
    }
    return out;
}

json prefill_answers(const FormTemplate& form, std::span<const FilledForm> earlier, const json& answers) {
    json out = answers.is_object() ? answers : json::object();
    std::vector<std::optional<FormTemplate>> parsed; // each snapshot parsed once
    for (const auto& e : earlier) parsed.push_back(parse_form_template_json(e.template_snapshot).form);
    for (const Field* f : form.fields()) {
        if (f->prefill_key.empty()) continue;
        if (const json* v = answer_of(out, f->id); v && !is_blank(*v)) continue;
        for (std::size_t i = 0; i < earlier.size(); ++i) {
            if (!parsed[i]) continue;
            const Field* from = nullptr;
            for (const Field* g : parsed[i]->fields())
                if (g->prefill_key == f->prefill_key && g->type == f->type) from = g;
            const json* v = from ? answer_of(earlier[i].answers, from->id) : nullptr;
            if (!v || is_blank(*v)) continue;
            json fitted = fit_value(*f, form, *v);
            if (fitted.is_null()) continue;
            out[f->id] = std::move(fitted);
            break;
        }
    }
    return out;
}

std::vector<Agreement> extract_agreements(const FormTemplate& form, const json& answers) {
    std::vector<Agreement> out;
    for (const Field* f : form.fields()) {
        if (!f->agreement || !is_visible(*f, answers)) continue;
        const json* rows = answer_of(answers, f->id);
        if (!rows || !rows->is_array()) continue;
        for (const auto& row : *rows) {
            const std::string* text = string_at(row, "text");
            const std::string* owner = string_at(row, "owner");
            const std::string* due = string_at(row, "due");
            auto date = due ? Date::parse_iso(*due) : std::nullopt;
            if (text && owner && date && !is_blank(*text) && !is_blank(*owner))
                out.push_back({f->id, *text, *owner, *date});
        }
    }
    return out;
}

std::vector<StaircaseComparison> compare_staircases(const FormTemplate& form, const json& answers) {
    std::vector<StaircaseComparison> out;
    for (const Field* f : form.fields()) {
        if (f->type != FieldType::staircase || f->compare_with.empty()) continue;
        const std::string* a = string_at(answers, f->id.c_str());
        const std::string* b = string_at(answers, f->compare_with.c_str());
        if (!a || !b) continue;
        const int ia = form.step_index(*a), ib = form.step_index(*b);
        if (ia < 0 || ib < 0) continue;
        out.push_back({f->id, f->compare_with, *a, *b, std::abs(ia - ib)});
    }
    return out;
}

} // namespace naervaer
