// The form engine's renderer: one function per field type, each editing a copy of its answer that
// is written back when it changed (an emptied answer is removed: absent is "not answered").
#include "views/form_renderer.hpp"

#include "views/test_anchors.hpp"
#include "views/widgets.hpp"

#include "app/forms.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

namespace naervaer::client {

namespace {

using nlohmann::json;

// One error shown under a field: its answer path and message.
struct ShownError {
    std::string path;
    std::string message;
};

class FormDrawer {
  public:
    FormDrawer(const ViewContext& ctx, const FormTemplate& form, json& answers, const ValidationResult& errors,
               bool show_all, const DiagnosisTerms* guard, FormUiState& ui)
        : ctx_(ctx), form_(form), answers_(answers), errors_(errors), show_all_(show_all), guard_(guard), ui_(ui) {}

    FormRenderResult draw() {
        if (!ui_.read_only) apply_date_defaults();
        ImGui::BeginDisabled(ui_.read_only);
        std::set<std::string, std::less<>> drawn; // the second of two linked placements
        for (const Section& section : form_.sections) {
            bool any = false;
            for (const Field& f : section.fields)
                any |= is_visible(f, answers_);
            if (!any) continue;
            ui::subheading(ctx_.i18n.pick(section.title_da, section.title_en).c_str());
            for (const Field& f : section.fields) {
                if (!is_visible(f, answers_) || drawn.count(f.id)) continue;
                ImGui::PushID(f.id.c_str());
                if (const Field* partner = f.type == FieldType::staircase ? partner_of(f) : nullptr) {
                    staircase_pair(f, *partner);
                    drawn.insert(partner->id);
                } else {
                    field(f);
                }
                ImGui::PopID();
            }
        }
        ImGui::EndDisabled();
        return std::move(result_);
    }

  private:
    // ---- answers ------------------------------------------------------------------------------
    json answer(const std::string& id) const {
        const auto it = answers_.find(id);
        return it == answers_.end() ? json() : *it;
    }

    // Removes null members of objects (an emptied sub-field), then an empty object or list is null.
    static void prune(json& v) {
        if (v.is_object()) {
            for (auto it = v.begin(); it != v.end();) {
                if (it->is_null()) it = v.erase(it);
                else ++it;
            }
        }
        if ((v.is_object() || v.is_array()) && v.empty()) v = nullptr;
    }

    void store(const std::string& id, json value, const json& before) {
        prune(value);
        if (value == before) return;
        if (value.is_null()) answers_.erase(id);
        else answers_[id] = std::move(value);
        result_.changed = true;
    }

    void apply_date_defaults() {
        json probe = answers_;
        for (const auto& id : ui_.defaulted)
            probe.erase(id);
        json filled;
        for (const Field* f : form_.fields()) {
            if (f->type != FieldType::date || !f->date_default || ui_.user_dates.count(f->id)) continue;
            if (answers_.contains(f->id) && !ui_.defaulted.count(f->id)) continue; // a stored answer
            if (filled.is_null()) filled = apply_defaults(form_, probe, ctx_.today);
            const auto it = filled.find(f->id);
            if (it == filled.end()) continue;
            if (answer(f->id) != *it) {
                answers_[f->id] = *it;
                result_.changed = true;
            }
            ui_.defaulted.insert(f->id);
        }
    }

    // ---- small widgets --------------------------------------------------------------------------
    static std::string anchor_of(std::string_view path) {
        // "tasks[2].text" -> "form.tasks.2.text"
        std::string out = "form.";
        for (char c : path) {
            if (c == '[') out += '.';
            else if (c != ']') out += c;
        }
        return out;
    }

    void label(const Field& f) {
        std::string text = ctx_.i18n.pick(f.label_da, f.label_en);
        if (f.required) text += " *";
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        if (!f.help_da.empty()) ui::muted_text(ctx_.i18n.pick(f.help_da, f.help_en).c_str());
        if (const auto note = ui_.notes.find(f.id); note != ui_.notes.end())
            ui::colored_text(ui::color::accent, note->second);
    }

    // A one-line text in `slot` (a string or null). Returns true when it changed.
    static bool string_input(const char* id, json& slot, float width, const char* anchor,
                             const char* hint = nullptr) {
        std::string text = slot.is_string() ? slot.get<std::string>() : std::string();
        ImGui::SetNextItemWidth(width);
        const bool changed = ui::input_text(id, text, 0, hint);
        ui::test_anchor(anchor);
        if (changed) slot = text.empty() ? json() : json(text);
        return changed;
    }

    enum class Typed { date, decimal, week };

    static std::string display(const json& v, Typed kind) {
        if (v.is_null()) return {};
        if (kind == Typed::date) {
            const auto d = v.is_string() ? Date::parse_iso(v.get_ref<const std::string&>()) : std::nullopt;
            return d ? d->danish() : std::string();
        }
        return v.is_number() ? format_decimal(v.get<double>()) : std::string();
    }

    static json parse(const std::string& text, Typed kind) {
        if (kind == Typed::date) {
            const auto d = Date::parse_danish(text);
            return d ? json(d->iso()) : json();
        }
        const auto number = parse_decimal(text);
        if (!number || !std::isfinite(*number)) return nullptr;
        const bool whole = *number == std::floor(*number) && std::abs(*number) < 1e9;
        if (kind == Typed::week) return whole ? json(static_cast<int>(*number)) : json();
        return whole ? json(static_cast<int>(*number)) : json(*number);
    }

    // A date or number typed as text (dd-mm-åååå, "18,5"); `slot` gets the value only once the
    // text parses. A text that does not parse is an error under the field at `path`.
    bool typed_input(const std::string& path, json& slot, Typed kind, float width) {
        FormUiState::Typed& typed = ui_.typed[path];
        if (typed.value != slot) {
            typed.text = display(slot, kind);
            typed.value = slot;
        }
        const std::string id = "##" + path;
        ImGui::SetNextItemWidth(width);
        const bool changed =
            ui::input_text(id.c_str(), typed.text, 0, kind == Typed::date ? ctx_.tr("date.hint") : nullptr);
        ui::test_anchor(anchor_of(path));
        if (changed) {
            typed.value = parse(typed.text, kind);
            slot = typed.value;
        }
        if (!typed.text.empty() && typed.value.is_null()) {
            if (kind == Typed::date) {
                ValidationResult local;
                local.add(path, "invalid_date");
                local_errors_.push_back({path, ctx_.i18n.message(local.errors().front())});
            } else {
                local_errors_.push_back(
                    {path, ctx_.tr(kind == Typed::week ? "form.invalid_week" : "form.invalid_number")});
            }
        }
        return changed;
    }

    // The diagnosis guard on one free text: the matcher runs when the text changed since the last
    // check of this path; hits show as a warning with the rule of Helbredsoplysningsloven § 2.
    void guard_text(const std::string& path, const json& slot) {
        if (!guard_) return;
        const std::string text = slot.is_string() ? slot.get<std::string>() : std::string();
        FormUiState::GuardHits& cached = ui_.guard[path];
        if (cached.text != text) {
            cached.text = text;
            cached.hits = text.empty() ? std::vector<DiagnosisHit>{} : find_diagnosis_terms(text, *guard_);
            ++ui_.guard_runs;
        }
        if (cached.hits.empty()) return;
        std::vector<std::string> words;
        for (const auto& hit : cached.hits)
            if (std::find(words.begin(), words.end(), hit.text) == words.end()) words.push_back(hit.text);
        std::string joined;
        for (const auto& w : words)
            joined += (joined.empty() ? "" : ", ") + ("\u201C" + w + "\u201D");
        const std::string warning = ctx_.i18n.format("form.guard_warning", joined);
        const std::string& rule = ctx_.i18n.pick(guard_->rule_da, guard_->rule_en);
        ImGui::BeginGroup();
        ui::colored_text(ui::color::warning, warning);
        ui::muted_text(rule.c_str());
        ImGui::EndGroup();
        ui::test_anchor(anchor_of(path), "guard");
        result_.notices.push_back(warning);
        result_.notices.push_back(rule);
    }

    // The field's errors: what did not parse first, then the shared validation's for values that
    // exist (all of them once the form was submitted), each named by row and part.
    void errors_of(const Field& f) {
        std::vector<ShownError> shown = std::move(local_errors_);
        local_errors_.clear();
        for (const auto& e : errors_.errors()) {
            const std::string_view path = e.field;
            if (path.rfind(f.id, 0) != 0) continue;
            if (path.size() > f.id.size() && path[f.id.size()] != '[' && path[f.id.size()] != '.') continue;
            if (!show_all_ && !value_at(path)) continue;
            if (std::any_of(shown.begin(), shown.end(), [&](const ShownError& s) { return s.path == path; }))
                continue;
            shown.push_back({e.field, ctx_.i18n.message(e)});
        }
        for (const auto& s : shown)
            ui::error_text(locator(f, s.path) + s.message);
    }

    // "12" -> 12 (the index in an answer path; paths come from the shared validation).
    static std::size_t index_at(std::string_view digits) {
        std::size_t index = 0;
        std::from_chars(digits.data(), digits.data() + digits.size(), index);
        return index;
    }

    // The answer at a path such as "schedule.weeks[1].hours", or nullptr.
    const json* value_at(std::string_view path) const {
        const json* v = &answers_;
        std::size_t i = 0;
        while (i < path.size() && v) {
            if (path[i] == '.') ++i;
            if (path[i] == '[') {
                const std::size_t end = path.find(']', i);
                const std::size_t index = index_at(path.substr(i + 1, end - i - 1));
                v = v->is_array() && index < v->size() ? &(*v)[index] : nullptr;
                i = end + 1;
                continue;
            }
            const std::size_t end = std::min(path.find('.', i), path.find('[', i));
            const std::string key(path.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
            const auto it = v->is_object() ? v->find(key) : v->end();
            v = v->is_object() && it != v->end() ? &*it : nullptr;
            i = end == std::string_view::npos ? path.size() : end;
        }
        return v && !v->is_null() ? v : nullptr;
    }

    // "Række 2, ansvarlig: " for "agreements[1].owner"; "" for the field itself.
    std::string locator(const Field& f, std::string_view path) const {
        std::string out;
        const std::string_view rest = path.substr(f.id.size());
        if (const std::size_t open = rest.find('['); open != std::string_view::npos) {
            const std::size_t close = rest.find(']', open);
            const std::size_t row = index_at(rest.substr(open + 1, close - open - 1)) + 1;
            out = ctx_.i18n.format("form.row", std::to_string(row));
        }
        if (const std::size_t dot = rest.rfind('.'); dot != std::string_view::npos) {
            const std::string part = "form.part." + std::string(rest.substr(dot + 1));
            out += (out.empty() ? "" : ", ") + std::string(ctx_.tr(part));
        }
        return out.empty() ? out : out + ": ";
    }

    // ---- fields ---------------------------------------------------------------------------------
    void field(const Field& f) {
        const json before = answer(f.id);
        json value = before;
        const std::string anchor = anchor_of(f.id);
        using T = FieldType;
        if (f.type == T::info) {
            ImGui::Bullet();
            ImGui::SameLine();
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(ctx_.i18n.pick(f.label_da, f.label_en).c_str());
            ImGui::PopTextWrapPos();
            ui::test_anchor(anchor);
            return;
        }
        label(f);
        switch (f.type) {
        case T::info: break;
        case T::text:
            string_input("##text", value, -FLT_MIN, anchor.c_str());
            if (f.guard) guard_text(f.id, value);
            break;
        case T::long_text: long_text(f, value); break;
        case T::date:
            if (typed_input(f.id, value, Typed::date, 160)) {
                ui_.user_dates.insert(f.id);
                ui_.defaulted.erase(f.id);
            }
            if (ui_.defaulted.count(f.id)) ui::muted_text(ctx_.tr("form.date_defaulted"));
            break;
        case T::choice:
            ImGui::BeginGroup();
            for (const auto& o : f.options) {
                if (ImGui::RadioButton(ctx_.i18n.pick(o.label_da, o.label_en).c_str(), value == o.id)) value = o.id;
                ui::test_anchor(anchor + ".option", o.id);
            }
            ImGui::EndGroup();
            ui::test_anchor(anchor);
            break;
        case T::multi_choice: multi_choice(f, value); break;
        case T::yes_no:
            ImGui::BeginGroup();
            if (ImGui::RadioButton(ctx_.tr("common.yes"), value == true)) value = true;
            ui::test_anchor(anchor, "yes");
            ImGui::SameLine();
            if (ImGui::RadioButton(ctx_.tr("common.no"), value == false)) value = false;
            ui::test_anchor(anchor, "no");
            ImGui::EndGroup();
            ui::test_anchor(anchor);
            break;
        case T::scale: scale(f, value); break;
        case T::task_list: task_list(f, value); break;
        case T::hours_schedule: hours_schedule(f, value); break;
        case T::staircase:
            staircase_steps(f, value, false);
            ui::test_anchor(anchor);
            break;
        case T::signature: signature(f, value); break;
        }
        store(f.id, std::move(value), before);
        errors_of(f);
        ui::vertical_space(0.5f);
    }

    // An HTML textarea over the item in the browser (wrapping, spellcheck, IME); ImGui draws the frame.
    void long_text(const Field& f, json& value) {
        std::string text = value.is_string() ? value.get<std::string>() : std::string();
        const std::size_t max = f.max_length ? f.max_length : limits::note_length;
        if (ui_.read_only) {
            // Shown as text, as long as it is: a disabled form places no browser textarea.
            ImGui::Indent();
            ImGui::BeginGroup();
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(text.empty() ? "\u2013" : text.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndGroup();
            ui::test_anchor(anchor_of(f.id));
            ImGui::Unindent();
            if (f.guard) guard_text(f.id, value);
            return;
        }
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const ImVec2 size(ImGui::GetContentRegionAvail().x, ImGui::GetTextLineHeight() * 6);
        ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y),
                                                  ImGui::GetColorU32(ImGuiCol_FrameBg),
                                                  ImGui::GetStyle().FrameRounding);
        ImGui::Dummy(size);
        ui::test_anchor(anchor_of(f.id));
        if (ImGui::IsItemVisible() &&
            ctx_.platform.text_overlay("form-" + form_.id + "-" + f.id, Rect{pos.x, pos.y, size.x, size.y}, text,
                                       max, ctx_.tr("form.long_text_placeholder")))
            value = text.empty() ? json() : json(text);
        const std::string counter = std::to_string(text.size()) + " / " + std::to_string(max);
        ui::muted_text(counter.c_str());
        if (f.guard) guard_text(f.id, value);
    }

    void multi_choice(const Field& f, json& value) {
        const std::string anchor = anchor_of(f.id);
        ImGui::BeginGroup();
        for (const auto& o : f.options) {
            bool on = value.is_array() && std::find(value.begin(), value.end(), json(o.id)) != value.end();
            if (ImGui::Checkbox(ctx_.i18n.pick(o.label_da, o.label_en).c_str(), &on)) {
                // Rebuilt in the options' order, each once.
                json chosen = json::array();
                for (const auto& other : f.options) {
                    const bool was = value.is_array() &&
                                     std::find(value.begin(), value.end(), json(other.id)) != value.end();
                    if (other.id == o.id ? on : was) chosen.push_back(other.id);
                }
                value = std::move(chosen);
            }
            ui::test_anchor(anchor + ".option", o.id);
        }
        ImGui::EndGroup();
        ui::test_anchor(anchor);
    }

    void scale(const Field& f, json& value) {
        const std::string anchor = anchor_of(f.id);
        ImGui::BeginGroup();
        if (!f.scale_min_label_da.empty()) {
            ui::muted_text(ctx_.i18n.pick(f.scale_min_label_da, f.scale_min_label_en).c_str());
            ImGui::SameLine();
        }
        for (int n = f.scale_min; n <= f.scale_max; ++n) {
            const std::string label = std::to_string(n);
            if (ImGui::RadioButton(label.c_str(), value == n)) value = n;
            ui::test_anchor(anchor + ".value", label);
            ImGui::SameLine();
        }
        if (!f.scale_max_label_da.empty())
            ImGui::TextDisabled("%s", ctx_.i18n.pick(f.scale_max_label_da, f.scale_max_label_en).c_str());
        else
            ImGui::NewLine();
        ImGui::EndGroup();
        ui::test_anchor(anchor);
    }

    // One row per task: its text and a column (can / with adjustment / cannot) or, for agreements,
    // an owner and a due date; rows are added and removed with buttons.
    void task_list(const Field& f, json& value) {
        const std::string anchor = anchor_of(f.id);
        if (!value.is_array()) value = json::array();
        ImGui::BeginGroup();
        std::optional<std::size_t> remove;
        const int columns = 2 + static_cast<int>(f.columns.size()) + (f.agreement ? 2 : 0);
        if (!value.empty() &&
            ImGui::BeginTable("##rows", columns, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn(ctx_.tr(f.agreement ? "form.agreement" : "form.task"),
                                    ImGuiTableColumnFlags_WidthStretch, 4);
            for (const auto& c : f.columns)
                ImGui::TableSetupColumn(ctx_.i18n.pick(c.label_da, c.label_en).c_str(),
                                        ImGuiTableColumnFlags_WidthStretch, 1.2f);
            if (f.agreement) {
                ImGui::TableSetupColumn(ctx_.tr("form.part.owner"), ImGuiTableColumnFlags_WidthStretch, 2);
                ImGui::TableSetupColumn(ctx_.tr("form.part.due"), ImGuiTableColumnFlags_WidthStretch, 1.5f);
            }
            ImGui::TableSetupColumn("##remove", ImGuiTableColumnFlags_WidthFixed);
            ImGui::TableHeadersRow();
            for (std::size_t i = 0; i < value.size(); ++i) {
                json& row = value[i];
                if (!row.is_object()) row = json::object();
                const std::string path = f.id + "[" + std::to_string(i) + "]";
                const std::string row_anchor = anchor_of(path);
                ImGui::PushID(static_cast<int>(i));
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                string_input("##text", row["text"], -FLT_MIN, (row_anchor + ".text").c_str());
                for (const auto& c : f.columns) {
                    ImGui::TableNextColumn();
                    ImGui::PushID(c.id.c_str());
                    if (ImGui::RadioButton("##column", row.contains("column") && row["column"] == c.id))
                        row["column"] = c.id;
                    ui::test_anchor(row_anchor + ".column", c.id);
                    ImGui::PopID();
                }
                if (f.agreement) {
                    ImGui::TableNextColumn();
                    string_input("##owner", row["owner"], -FLT_MIN, (row_anchor + ".owner").c_str());
                    ImGui::TableNextColumn();
                    typed_input(path + ".due", row["due"], Typed::date, -FLT_MIN);
                }
                ImGui::TableNextColumn();
                if (ImGui::SmallButton(ctx_.tr("form.remove_row"))) remove = i;
                ui::test_anchor(row_anchor, "remove");
                ImGui::PopID();
                prune(row);
                if (row.is_null()) row = json::object();
            }
            ImGui::EndTable();
        }
        if (ui::button(ctx_.tr("form.add_row"), value.size() < f.max_rows)) value.push_back(json::object());
        ui::test_anchor(anchor, "add");
        ImGui::EndGroup();
        ui::test_anchor(anchor);
        if (f.guard)
            for (std::size_t i = 0; i < value.size(); ++i)
                guard_text(f.id + "[" + std::to_string(i) + "].text",
                           value[i].contains("text") ? value[i]["text"] : json());
        if (remove) value.erase(*remove);
    }

    // A graded return: the normal weekly hours, then hours per week number.
    void hours_schedule(const Field& f, json& value) {
        const std::string anchor = anchor_of(f.id);
        if (!value.is_object()) value = json::object();
        ImGui::BeginGroup();
        ui::muted_text(ctx_.tr("form.part.normal_hours"));
        typed_input(f.id + ".normal_hours", value["normal_hours"], Typed::decimal, 120);
        json& weeks = value["weeks"];
        if (!weeks.is_array()) weeks = json::array();
        std::optional<std::size_t> remove;
        if (!weeks.empty() && ImGui::BeginTable("##weeks", 3, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit)) {
            ImGui::TableSetupColumn(ctx_.tr("form.part.week"), ImGuiTableColumnFlags_WidthFixed, 100);
            ImGui::TableSetupColumn(ctx_.tr("form.part.hours"), ImGuiTableColumnFlags_WidthFixed, 120);
            ImGui::TableSetupColumn("##remove", ImGuiTableColumnFlags_WidthFixed);
            ImGui::TableHeadersRow();
            for (std::size_t i = 0; i < weeks.size(); ++i) {
                json& row = weeks[i];
                if (!row.is_object()) row = json::object();
                const std::string path = f.id + ".weeks[" + std::to_string(i) + "]";
                ImGui::PushID(static_cast<int>(i));
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                typed_input(path + ".week", row["week"], Typed::week, -FLT_MIN);
                ImGui::TableNextColumn();
                typed_input(path + ".hours", row["hours"], Typed::decimal, -FLT_MIN);
                ImGui::TableNextColumn();
                if (ImGui::SmallButton(ctx_.tr("form.remove_row"))) remove = i;
                ui::test_anchor(anchor_of(path), "remove");
                ImGui::PopID();
                prune(row);
                if (row.is_null()) row = json::object();
            }
            ImGui::EndTable();
        }
        if (ui::button(ctx_.tr("form.add_week"), weeks.size() < f.max_rows)) {
            // The next week, at the last week's hours: a plan steps up from there.
            json row = json::object();
            const json* last = weeks.empty() ? nullptr : &weeks.back();
            const int week = last && last->contains("week") && (*last)["week"].is_number_integer()
                                 ? (*last)["week"].get<int>() + 1
                                 : 1;
            row["week"] = std::min(week, f.max_weeks);
            if (last && last->contains("hours")) row["hours"] = (*last)["hours"];
            weeks.push_back(std::move(row));
        }
        ui::test_anchor(anchor, "add");
        if (remove) weeks.erase(*remove);
        if (weeks.empty()) value.erase("weeks");
        ImGui::EndGroup();
        ui::test_anchor(anchor);
    }

    void signature(const Field& f, json& value) {
        const std::string anchor = anchor_of(f.id);
        if (!value.is_object()) value = json::object();
        ImGui::BeginGroup();
        ui::muted_text(ctx_.tr("form.part.name"));
        string_input("##name", value["name"], 320, (anchor + ".name").c_str());
        ui::muted_text(ctx_.tr("form.part.date"));
        typed_input(f.id + ".date", value["date"], Typed::date, 160);
        json& agreed = value["agreed"];
        if (ImGui::RadioButton(ctx_.tr("form.agreed"), agreed == true)) agreed = true;
        ui::test_anchor(anchor + ".agreed", "yes");
        ImGui::SameLine();
        if (ImGui::RadioButton(ctx_.tr("form.disagreed"), agreed == false)) agreed = false;
        ui::test_anchor(anchor + ".agreed", "no");
        ui::muted_text(ctx_.tr("form.part.comment"));
        string_input("##comment", value["comment"], -FLT_MIN, (anchor + ".comment").c_str());
        ImGui::EndGroup();
        ui::test_anchor(anchor);
        guard_text(f.id + ".comment", value["comment"]);
    }

    // ---- the staircase --------------------------------------------------------------------------
    // The field linked with `f` by compare_with (either way), when it is a visible staircase.
    const Field* partner_of(const Field& f) const {
        for (const Field* other : form_.fields()) {
            if (other == &f || other->type != FieldType::staircase || !is_visible(*other, answers_)) continue;
            if (f.compare_with == other->id || other->compare_with == f.id) return other;
        }
        return nullptr;
    }

    // The steps top to bottom, the placement selected; `mismatch` highlights it.
    void staircase_steps(const Field& f, json& value, bool mismatch) {
        const std::string anchor = anchor_of(f.id);
        ImGui::BeginGroup();
        for (std::size_t i = 0; i < form_.staircase.size(); ++i) {
            const StaircaseStep& step = form_.staircase[i];
            const bool selected = value == step.id;
            if (selected)
                ImGui::PushStyleColor(ImGuiCol_Header, mismatch ? ui::color::highlight : ImVec4(0.80f, 0.88f, 0.96f, 1));
            const std::string text = std::to_string(i + 1) + ". " + ctx_.i18n.pick(step.label_da, step.label_en) +
                                     "##" + step.id;
            if (ImGui::Selectable(text.c_str(), selected)) value = step.id;
            if (selected) ImGui::PopStyleColor();
            ui::test_anchor(anchor + ".step", step.id);
            if (!step.description_da.empty()) {
                ImGui::Indent();
                ui::muted_text(ctx_.i18n.pick(step.description_da, step.description_en).c_str());
                ImGui::Unindent();
            }
        }
        ImGui::EndGroup();
    }

    // Two placements side by side (the employee's and the employer's), then how far apart they are:
    // any distance is a mismatch to talk about (docs/forms.md, "The staircase").
    void staircase_pair(const Field& a, const Field& b) {
        const auto comparisons = compare_staircases(form_, answers_);
        bool mismatch = false;
        for (const auto& c : comparisons)
            mismatch |= (c.field_a == a.id || c.field_b == a.id) && c.mismatch();
        const json before_a = answer(a.id), before_b = answer(b.id);
        json value_a = before_a, value_b = before_b;
        if (ImGui::BeginTable("##placements", 2, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerV)) {
            for (auto [field, value] : {std::pair{&a, &value_a}, std::pair{&b, &value_b}}) {
                ImGui::TableNextColumn();
                ImGui::PushID(field->id.c_str());
                ImGui::BeginGroup();
                label(*field);
                staircase_steps(*field, *value, mismatch);
                ImGui::EndGroup();
                ui::test_anchor(anchor_of(field->id));
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        store(a.id, std::move(value_a), before_a);
        store(b.id, std::move(value_b), before_b);
        errors_of(a);
        errors_of(b);
        for (const auto& c : compare_staircases(form_, answers_)) {
            if (c.field_a != a.id && c.field_b != a.id) continue;
            const std::string text =
                c.steps_apart == 0 ? std::string(ctx_.tr("form.staircase_same"))
                : c.steps_apart == 1 ? std::string(ctx_.tr("form.staircase_apart_one"))
                                     : ctx_.i18n.format("form.staircase_apart", std::to_string(c.steps_apart));
            ui::colored_text(c.mismatch() ? ui::color::danger : ui::color::success, text);
            ui::test_anchor(anchor_of(a.id), "comparison");
            result_.notices.push_back(text);
        }
        ui::vertical_space(0.5f);
    }

    const ViewContext& ctx_;
    const FormTemplate& form_;
    json& answers_;
    const ValidationResult& errors_;
    bool show_all_;
    const DiagnosisTerms* guard_;
    FormUiState& ui_;
    FormRenderResult result_;
    std::vector<ShownError> local_errors_; // of the field being drawn
};

} // namespace

FormRenderResult form_fields(const ViewContext& ctx, const FormTemplate& form, nlohmann::json& answers,
                             const ValidationResult& errors, bool show_all_errors, const DiagnosisTerms* guard,
                             FormUiState& ui_state) {
    if (!answers.is_object()) answers = nlohmann::json::object();
    return FormDrawer(ctx, form, answers, errors, show_all_errors, guard, ui_state).draw();
}

void autosave_line(const ViewContext& ctx, const Replica::Key& key, const DraftSaveState& draft, const char* new_key,
                   const char* anchor) {
    std::string text;
    ImVec4 color = ui::color::text_muted;
    if (draft.save_blocked) {
        text = ctx.tr("conversation.autosave.invalid");
        color = ui::color::danger;
    } else if (draft.dirty) {
        text = ctx.tr("conversation.autosave.unsaved");
    } else if (!draft.stored) {
        text = ctx.tr(new_key);
    } else {
        text = draft.saved_at.empty() ? std::string(ctx.tr("conversation.autosave.stored"))
                                      : ctx.i18n.format("conversation.autosave.saved", draft.saved_at);
        if (ctx.replica.conflicts().count(key) || ctx.replica.rejected().count(key)) {
            text += " \u00B7 " + std::string(ctx.tr("conversation.autosave.refused"));
            color = ui::color::danger;
        } else if (ctx.replica.pending(key)) {
            text += " \u00B7 " + std::string(ctx.tr("conversation.autosave.not_synced"));
            color = ui::color::warning;
        } else {
            text += " \u00B7 " + std::string(ctx.tr("conversation.autosave.synced"));
            color = ui::color::success;
        }
    }
    ui::colored_text(color, text);
    ui::test_anchor(anchor);
}

} // namespace naervaer::client
