// Conversation records: JSON, validation, the locking rules of a signed record, and what a record
// means for its case (agreement to-dos, prefill, the rule it meets). docs/forms.md,
// "Conversation records".
#include "naervaer/conversation_record.hpp"

#include "json_reader.hpp"

#include <algorithm>

namespace naervaer {

using detail::JsonReader;
using nlohmann::json;

namespace {
constexpr std::size_t reason_length = 1000;
constexpr std::size_t timestamp_length = 40;

const json& value_or_null(const json& answers, const std::string& key) {
    static const json null_value;
    if (!answers.is_object()) return null_value;
    auto it = answers.find(key);
    return it == answers.end() ? null_value : *it;
}

std::optional<FormTemplate> parse_snapshot(const ConversationRecord& r) {
    return parse_form_template_json(r.template_snapshot).form;
}
} // namespace

std::string_view to_string(ConversationStatus s) {
    return s == ConversationStatus::signed_off ? "signed" : "draft";
}

std::optional<ConversationStatus> conversation_status_from_string(std::string_view s) {
    if (s == "draft") return ConversationStatus::draft;
    if (s == "signed") return ConversationStatus::signed_off;
    return std::nullopt;
}

bool operator==(const SignOff& a, const SignOff& b) {
    return a.employee_name == b.employee_name && a.date == b.date && a.agreed == b.agreed &&
           a.comment == b.comment && a.recorded_by == b.recorded_by &&
           a.recorded_by_name == b.recorded_by_name;
}

bool operator==(const Amendment& a, const Amendment& b) {
    return a.at == b.at && a.by == b.by && a.by_name == b.by_name && a.reason == b.reason &&
           a.changed == b.changed && a.answers_before == b.answers_before;
}

ConversationRecord new_conversation_record(const FormTemplate& form, std::string id, std::string employee_id,
                                           std::string spell_id, Date held_on) {
    ConversationRecord r;
    r.id = std::move(id);
    r.employee_id = std::move(employee_id);
    r.spell_id = std::move(spell_id);
    r.template_id = form.id;
    r.template_version = form.version;
    r.template_snapshot = template_snapshot(form);
    r.held_on = held_on;
    return r;
}

// ---- JSON ------------------------------------------------------------------------------------

json to_json(const ConversationRecord& r) {
    json j = {{"employee_id", r.employee_id},
              {"spell_id", r.spell_id},
              {"template_id", r.template_id},
              {"template_version", r.template_version},
              {"template_snapshot", r.template_snapshot},
              {"answers", r.answers},
              {"held_on", r.held_on.iso()},
              {"status", to_string(r.status)}};
    if (r.sign_off) {
        const SignOff& s = *r.sign_off;
        j["sign_off"] = {{"employee_name", s.employee_name},
                         {"date", s.date.iso()},
                         {"agreed", s.agreed},
                         {"comment", s.comment},
                         {"recorded_by", s.recorded_by},
                         {"recorded_by_name", s.recorded_by_name}};
    } else {
        j["sign_off"] = nullptr;
    }
    json amendments = json::array();
    for (const auto& a : r.amendments)
        amendments.push_back({{"at", a.at},
                              {"by", a.by},
                              {"by_name", a.by_name},
                              {"reason", a.reason},
                              {"changed", a.changed},
                              {"answers_before", a.answers_before}});
    j["amendments"] = std::move(amendments);
    return j;
}

ConversationRecord decode_conversation_record(const json& data, std::string id, ValidationResult& errors) {
    JsonReader r(data, errors);
    ConversationRecord c;
    c.id = std::move(id);
    c.employee_id = r.string("employee_id", true, limits::id_length);
    c.spell_id = r.string("spell_id", true, limits::id_length);
    c.template_id = r.string("template_id", true, limits::id_length);
    c.template_version = r.integer("template_version", true, 0);
    if (!r.ok_object()) return c;
    const auto read_object = [&](const char* key, json& target) {
        auto it = data.find(key);
        if (it == data.end() || it->is_null())
            errors.add(key, "required");
        else if (!it->is_object())
            errors.add(key, "type", "object");
        else
            target = *it;
    };
    read_object("template_snapshot", c.template_snapshot);
    read_object("answers", c.answers);
    if (auto d = r.date("held_on", true)) c.held_on = *d;
    const std::string status = r.string("status", true, 16);
    if (auto s = conversation_status_from_string(status))
        c.status = *s;
    else if (!status.empty() && !errors.find("status"))
        errors.add("status", "unknown_value", status);

    if (auto it = data.find("sign_off"); it != data.end() && !it->is_null()) {
        if (!it->is_object()) {
            errors.add("sign_off", "type", "object");
        } else {
            JsonReader s(*it, errors, "sign_off");
            SignOff so;
            so.employee_name = s.string("employee_name", true, limits::name_length);
            if (auto d = s.date("date", true)) so.date = *d;
            if (!s.has("agreed")) errors.add("sign_off.agreed", "required");
            so.agreed = s.boolean("agreed", true);
            so.comment = s.string("comment", false, limits::note_length, true);
            so.recorded_by = s.string("recorded_by", true, limits::id_length);
            so.recorded_by_name = s.string("recorded_by_name", true, limits::name_length);
            c.sign_off = std::move(so);
        }
    }

    if (auto it = data.find("amendments"); it != data.end() && !it->is_null()) {
        if (!it->is_array()) {
            errors.add("amendments", "type", "array");
        } else {
            for (std::size_t i = 0; i < it->size(); ++i) {
                const json& item = (*it)[i];
                const std::string path = "amendments[" + std::to_string(i) + "]";
                JsonReader a(item, errors, path);
                Amendment am;
                am.at = a.string("at", true, timestamp_length);
                am.by = a.string("by", true, limits::id_length);
                am.by_name = a.string("by_name", true, limits::name_length);
                am.reason = a.string("reason", true, reason_length, true);
                am.changed = a.string_list("changed");
                am.answers_before = json::object();
                if (a.ok_object()) {
                    auto before = item.find("answers_before");
                    if (before == item.end() || before->is_null())
                        errors.add(path + ".answers_before", "required");
                    else if (!before->is_object())
                        errors.add(path + ".answers_before", "type", "object");
                    else
                        am.answers_before = *before;
                }
                c.amendments.push_back(std::move(am));
            }
        }
    }
    return c;
}

// ---- validation ------------------------------------------------------------------------------

ValidationResult validate(const ConversationRecord& r, Date today) {
    ValidationResult v;
    if (!is_valid_id(r.id)) v.add("id", "invalid_id");
    if (!is_valid_id(r.employee_id)) v.add("employee_id", "invalid_id");
    if (!is_valid_id(r.spell_id)) v.add("spell_id", "invalid_id");
    if (!is_valid_id(r.template_id)) v.add("template_id", "invalid_id");
    if (r.template_version < 1) v.add("template_version", "range", "1-");

    auto parsed = parse_form_template_json(r.template_snapshot);
    if (!parsed.ok()) {
        v.add("template_snapshot", "invalid_template",
              parsed.errors.empty() ? std::string() : parsed.errors.front());
    } else {
        FormTemplate form = *parsed.form;
        if (form.id != r.template_id) v.add("template_id", "template_mismatch", form.id);
        if (form.version != r.template_version)
            v.add("template_version", "template_mismatch", std::to_string(form.version));
        // A draft may be incomplete: required fields count from signing on.
        if (!r.is_signed())
            for (auto& section : form.sections)
                for (auto& field : section.fields)
                    field.required = false;
        v.merge(validate_answers(form, r.answers, today));
        for (std::size_t i = 0; i < r.amendments.size(); ++i) {
            const Amendment& a = r.amendments[i];
            const std::string path = "amendments[" + std::to_string(i) + "]";
            if (a.changed.empty()) v.add(path + ".changed", "required");
            for (std::size_t k = 0; k < a.changed.size(); ++k) {
                const std::string item = path + ".changed[" + std::to_string(k) + "]";
                const Field* f = form.find(a.changed[k]);
                if (!f || f->type == FieldType::info)
                    v.add(item, "unknown_field", a.changed[k]);
                else if (std::find(a.changed.begin(), a.changed.begin() + static_cast<std::ptrdiff_t>(k),
                                   a.changed[k]) != a.changed.begin() + static_cast<std::ptrdiff_t>(k))
                    v.add(item, "duplicate_value", a.changed[k]);
            }
            bool same_keys = a.answers_before.is_object() && a.answers_before.size() <= a.changed.size();
            if (same_keys)
                for (const auto& id : a.changed)
                    if (!a.answers_before.contains(id)) same_keys = false;
            if (!same_keys) v.add(path + ".answers_before", "amendment_mismatch");
        }
    }

    if (r.held_on > today) v.add("held_on", "future_date", today.danish());

    if (r.is_signed() && !r.sign_off) v.add("sign_off", "required");
    if (!r.is_signed() && r.sign_off) v.add("sign_off", "sign_off_on_draft");
    if (!r.is_signed() && !r.amendments.empty()) v.add("amendments", "amendment_on_draft");
    if (r.sign_off) {
        const SignOff& s = *r.sign_off;
        check_text(v, "sign_off.employee_name", s.employee_name, true, limits::name_length, false);
        if (s.date < r.held_on)
            v.add("sign_off.date", "before_meeting", r.held_on.danish());
        else if (s.date > today)
            v.add("sign_off.date", "future_date", today.danish());
        // An employee who disagrees says why (the sign-off's point: their account stands beside
        // the employer's).
        check_text(v, "sign_off.comment", s.comment, !s.agreed, limits::note_length, true);
        if (!is_valid_id(s.recorded_by)) v.add("sign_off.recorded_by", "invalid_id");
        check_text(v, "sign_off.recorded_by_name", s.recorded_by_name, true, limits::name_length, false);
    }
    for (std::size_t i = 0; i < r.amendments.size(); ++i) {
        const Amendment& a = r.amendments[i];
        const std::string path = "amendments[" + std::to_string(i) + "]";
        if (!is_iso_timestamp(a.at)) v.add(path + ".at", "invalid_timestamp");
        if (!is_valid_id(a.by)) v.add(path + ".by", "invalid_id");
        check_text(v, path + ".by_name", a.by_name, true, limits::name_length, false);
        check_text(v, path + ".reason", a.reason, true, reason_length, true);
    }
    return v;
}

// ---- locking ---------------------------------------------------------------------------------

std::vector<std::string> answer_difference(const json& before, const json& after) {
    std::vector<std::string> keys;
    for (const json* side : {&before, &after})
        if (side->is_object())
            for (auto it = side->begin(); it != side->end(); ++it)
                keys.push_back(it.key());
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::vector<std::string> out;
    for (const auto& k : keys)
        if (value_or_null(before, k) != value_or_null(after, k)) out.push_back(k);
    return out;
}

ChangeCheck check_change(const ConversationRecord& before, const ConversationRecord& after, Date today) {
    ChangeCheck v = validate(after, today);
    if (before.id != after.id) v.add("id", "locked");
    if (!before.is_signed()) {
        // A draft changes freely; signing it adds the sign-off (validate demands it), no amendments.
        if (after.is_signed() && !after.amendments.empty()) v.add("amendments", "amendment_on_draft");
        return v;
    }
    if (!after.is_signed()) v.add("status", "locked");
    if (after.employee_id != before.employee_id) v.add("employee_id", "locked");
    if (after.spell_id != before.spell_id) v.add("spell_id", "locked");
    if (after.template_id != before.template_id) v.add("template_id", "locked");
    if (after.template_version != before.template_version) v.add("template_version", "locked");
    if (after.template_snapshot != before.template_snapshot) v.add("template_snapshot", "locked");
    if (after.held_on != before.held_on) v.add("held_on", "locked");
    if (after.sign_off != before.sign_off) v.add("sign_off", "locked");

    const std::size_t old_count = before.amendments.size();
    if (after.amendments.size() < old_count ||
        !std::equal(before.amendments.begin(), before.amendments.end(), after.amendments.begin())) {
        v.add("amendments", "amendments_append_only");
        return v;
    }
    const std::vector<std::string> diff = answer_difference(before.answers, after.answers);
    const std::size_t added = after.amendments.size() - old_count;
    if (added == 0) {
        if (!diff.empty()) v.add("answers", "amendment_required");
        return v;
    }
    if (added > 1) {
        v.add("amendments", "one_amendment");
        return v;
    }
    const Amendment& a = after.amendments.back();
    const std::string path = "amendments[" + std::to_string(old_count) + "]";
    std::vector<std::string> changed = a.changed;
    std::sort(changed.begin(), changed.end());
    if (diff.empty() || changed != diff) {
        v.add(path + ".changed", "amendment_mismatch");
        return v;
    }
    for (const auto& id : diff) {
        if (!a.answers_before.is_object() || !a.answers_before.contains(id) ||
            a.answers_before[id] != value_or_null(before.answers, id)) {
            v.add(path + ".answers_before", "amendment_mismatch");
            break;
        }
    }
    return v;
}

ConversationRecord make_amendment(const ConversationRecord& before, const json& new_answers,
                                  std::string reason, std::string by, std::string by_name, std::string at) {
    ConversationRecord after = before;
    const std::vector<std::string> diff = answer_difference(before.answers, new_answers);
    if (diff.empty()) return after;
    Amendment a;
    a.at = std::move(at);
    a.by = std::move(by);
    a.by_name = std::move(by_name);
    a.reason = std::move(reason);
    a.changed = diff;
    a.answers_before = json::object();
    for (const auto& id : diff)
        a.answers_before[id] = value_or_null(before.answers, id);
    after.answers = new_answers;
    after.amendments.push_back(std::move(a));
    return after;
}

// ---- the case --------------------------------------------------------------------------------

std::string agreement_todo_key(std::string_view spell_id, std::string_view record_id, std::size_t row) {
    return std::string(spell_id) + "/agreement/" + std::string(record_id) + "/" + std::to_string(row);
}

std::vector<AgreementTodo> agreement_todos(const ConversationRecord& record) {
    if (!record.is_signed()) return {}; // before parsing: a draft has no agreements
    auto form = parse_snapshot(record);
    if (!form) return {};
    return agreement_todos(record, *form);
}

std::vector<AgreementTodo> agreement_todos(const ConversationRecord& record, const FormTemplate& form) {
    std::vector<AgreementTodo> out;
    if (!record.is_signed()) return out;
    const std::vector<Agreement> agreements = extract_agreements(form, record.answers);
    // extract_agreements keeps complete rows of visible agreement fields in form and row order:
    // walk the same rows to find each one's index, counting every row of every agreement field so
    // a key does not move when an earlier row is completed or a field shown.
    std::size_t next = 0, row_index = 0;
    for (const Field* f : form.fields()) {
        if (!f->agreement) continue;
        const json& rows = value_or_null(record.answers, f->id);
        if (!rows.is_array()) continue;
        for (const auto& row : rows) {
            const std::size_t index = row_index++;
            if (next >= agreements.size() || agreements[next].field_id != f->id || !row.is_object()) continue;
            const Agreement& a = agreements[next];
            const json& text = value_or_null(row, "text");
            const json& owner = value_or_null(row, "owner");
            const json& due = value_or_null(row, "due");
            if (text != json(a.text) || owner != json(a.owner) || due != json(a.due.iso())) continue;
            out.push_back({agreement_todo_key(record.spell_id, record.id, index), record.spell_id,
                           record.employee_id, record.id, index, a});
            ++next;
        }
    }
    return out;
}

json prefill_from_records(const FormTemplate& form, std::span<const ConversationRecord> newest_first,
                          const json& answers) {
    std::vector<FilledForm> earlier;
    earlier.reserve(newest_first.size());
    for (const auto& r : newest_first)
        earlier.push_back({r.template_snapshot, r.answers});
    return prefill_answers(form, earlier, answers);
}

std::optional<RuleMet> met_rule(const ConversationRecord& record) {
    if (!record.is_signed()) return std::nullopt; // before parsing: a draft meets nothing
    auto form = parse_snapshot(record);
    if (!form) return std::nullopt;
    return met_rule(record, *form);
}

std::optional<RuleMet> met_rule(const ConversationRecord& record, const FormTemplate& form) {
    if (!record.is_signed() || form.meets_rule.empty()) return std::nullopt;
    return RuleMet{form.meets_rule, record.held_on};
}

} // namespace naervaer
