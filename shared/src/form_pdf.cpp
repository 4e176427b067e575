// A conversation record laid out as a PdfDocument from its own template snapshot (form_pdf.hpp).
#include "naervaer/form_pdf.hpp"

#include <cmath>
#include <set>

namespace naervaer {

using nlohmann::json;

RecordPdfLabels record_pdf_labels(std::string_view language) {
    RecordPdfLabels l;
    if (language == "en") {
        l.employee = "Employee";
        l.employee_number = "Employee no.";
        l.held_on = "Date of the conversation";
        l.status = "Status";
        l.status_draft = "Draft – not signed";
        l.status_signed = "Signed";
        l.printed = "printed";
        l.page = "Page {page} of {pages}";
        l.not_answered = "Not filled in";
        l.yes = "Yes";
        l.no = "No";
        l.scale_of = "{value} of {max}";
        l.task = "Task";
        l.assessment = "Assessment";
        l.agreement = "Agreement";
        l.owner = "Owner";
        l.due = "Due";
        l.week = "Week";
        l.hours = "Hours per week";
        l.normal_hours = "Normal weekly hours: {hours}";
        l.same_step = "Same placement: a shared understanding.";
        l.mismatch = "The placements differ: {steps} step(s) apart.";
        l.agreed = "Agrees";
        l.disagreed = "Does not agree";
        l.comment = "Comment";
        l.sign_off_heading = "Sign-off";
        l.signed_by = "Signed by";
        l.recorded_by = "Recorded by";
        l.amendments_heading = "Amendments after signing";
        l.amendment_line = "{at}, {by}: {reason}";
        l.changed_fields = "Changed fields";
        l.leader = "Leader";
        l.date = "Date";
        return l;
    }
    l.employee = "Medarbejder";
    l.employee_number = "Medarbejdernr.";
    l.held_on = "Dato for samtalen";
    l.status = "Status";
    l.status_draft = "Kladde – ikke underskrevet";
    l.status_signed = "Underskrevet";
    l.printed = "udskrevet";
    l.page = "Side {page} af {pages}";
    l.not_answered = "Ikke udfyldt";
    l.yes = "Ja";
    l.no = "Nej";
    l.scale_of = "{value} af {max}";
    l.task = "Opgave";
    l.assessment = "Vurdering";
    l.agreement = "Aftale";
    l.owner = "Ansvarlig";
    l.due = "Frist";
    l.week = "Uge";
    l.hours = "Timer pr. uge";
    l.normal_hours = "Normal ugentlig arbejdstid: {hours} timer";
    l.same_step = "Samme placering: en fælles opfattelse.";
    l.mismatch = "Placeringerne er forskellige: {steps} trin fra hinanden.";
    l.agreed = "Enig";
    l.disagreed = "Ikke enig";
    l.comment = "Bemærkning";
    l.sign_off_heading = "Underskrift";
    l.signed_by = "Underskrevet af";
    l.recorded_by = "Registreret af";
    l.amendments_heading = "Rettelser efter underskrift";
    l.amendment_line = "{at}, {by}: {reason}";
    l.changed_fields = "Ændrede felter";
    l.leader = "Leder";
    l.date = "Dato";
    return l;
}

namespace {

std::string replace(std::string text, std::string_view key, const std::string& value) {
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
        text.replace(at, key.size(), value);
    return text;
}

std::string string_of(const json& object, const char* key) {
    if (!object.is_object()) return {};
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

std::string date_text(const std::string& iso) {
    auto d = Date::parse_iso(iso);
    return d ? d->danish() : iso;
}

// 10 -> "10", 18.5 -> "18,5" in Danish.
std::string number_text(double v, bool danish) {
    std::string s = std::to_string(std::round(v * 100) / 100);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    if (danish)
        for (char& c : s)
            if (c == '.') c = ',';
    return s;
}

// "2026-03-09T10:15:00Z" -> "09-03-2026 10:15 UTC"; anything else as written.
std::string timestamp_text(const std::string& at) {
    if (at.size() < 16 || at[10] != 'T') return at;
    auto d = Date::parse_iso(at.substr(0, 10));
    if (!d) return at;
    std::string out = d->danish() + " " + at.substr(11, 5);
    const std::size_t zone = at.find_first_of("Z+-", 16);
    if (zone != std::string::npos) out += at[zone] == 'Z' ? " UTC" : " (" + at.substr(zone) + ")";
    return out;
}

bool blank(const json& v) {
    if (v.is_null()) return true;
    if (v.is_string())
        return v.get_ref<const std::string&>().find_first_not_of(" \t\r\n") == std::string::npos;
    if (v.is_array() || v.is_object()) return v.empty();
    return false;
}

class Layout {
  public:
    Layout(const FormTemplate& form, const json& answers, const RecordPdfContext& ctx, PdfDocument& doc)
        : form_(form), answers_(answers), l_(ctx.labels), doc_(doc), en_(ctx.language == "en") {}

    const std::string& pick(const std::string& da, const std::string& en) const {
        return en_ && !en.empty() ? en : da;
    }

    void sections() {
        for (const auto& section : form_.sections) {
            bool any = false;
            for (const auto& f : section.fields)
                any = any || is_visible(f, answers_);
            if (!any) continue;
            add(PdfHeading{pick(section.title_da, section.title_en), 2});
            for (const auto& f : section.fields)
                if (is_visible(f, answers_) && !done_.count(f.id)) field(f);
        }
    }

  private:
    void add(PdfBlock block) { doc_.blocks.push_back(std::move(block)); }

    const json& answer(const std::string& id) const {
        static const json none;
        auto it = answers_.find(id);
        return it == answers_.end() ? none : *it;
    }

    std::string option_label(const std::vector<LabelledId>& items, const std::string& id) const {
        for (const auto& item : items)
            if (item.id == id) return pick(item.label_da, item.label_en);
        return id;
    }

    std::string step_label(const std::string& id) const {
        const int i = form_.step_index(id);
        if (i < 0) return id;
        const auto& s = form_.staircase[static_cast<std::size_t>(i)];
        return pick(s.label_da, s.label_en);
    }

    void field(const Field& f) {
        const std::string& label = pick(f.label_da, f.label_en);
        if (f.type == FieldType::info) return add(PdfParagraph{label});
        if (f.type == FieldType::staircase && compared(f)) return;
        const json& v = answer(f.id);
        if (blank(v)) return add(PdfLabelValue{label, l_.not_answered});
        switch (f.type) {
        case FieldType::task_list:
            return task_list(f, label, v);
        case FieldType::hours_schedule:
            return hours_schedule(label, v);
        default:
            return add(PdfLabelValue{label, value_text(f, v)});
        }
    }

    std::string value_text(const Field& f, const json& v) const {
        switch (f.type) {
        case FieldType::date:
            return v.is_string() ? date_text(v.get<std::string>()) : v.dump();
        case FieldType::choice:
            return v.is_string() ? option_label(f.options, v.get<std::string>()) : v.dump();
        case FieldType::multi_choice: {
            std::string out;
            if (v.is_array())
                for (const auto& item : v)
                    if (item.is_string())
                        out += (out.empty() ? "" : ", ") + option_label(f.options, item.get<std::string>());
            return out;
        }
        case FieldType::yes_no:
            return v.is_boolean() ? (v.get<bool>() ? l_.yes : l_.no) : v.dump();
        case FieldType::scale:
            if (!v.is_number()) return v.dump();
            return replace(replace(l_.scale_of, "{value}", number_text(v.get<double>(), !en_)), "{max}",
                           std::to_string(f.scale_max));
        case FieldType::staircase:
            return v.is_string() ? step_label(v.get<std::string>()) : v.dump();
        case FieldType::signature: {
            std::string out = string_of(v, "name");
            const std::string date = string_of(v, "date");
            if (!date.empty()) out += ", " + date_text(date);
            if (v.contains("agreed") && v["agreed"].is_boolean())
                out += ", " + (v["agreed"].get<bool>() ? l_.agreed : l_.disagreed);
            const std::string comment = string_of(v, "comment");
            if (!comment.empty()) out += "\n" + l_.comment + ": " + comment;
            return out;
        }
        default:
            return v.is_string() ? v.get<std::string>() : v.dump();
        }
    }

    void task_list(const Field& f, const std::string& label, const json& v) {
        add(PdfParagraph{label, true});
        PdfTable table;
        if (f.agreement)
            table.columns = {{l_.agreement, 3}, {l_.owner, 1.6}, {l_.due, 1}};
        else if (!f.columns.empty())
            table.columns = {{l_.task, 3}, {l_.assessment, 1.6}};
        else
            table.columns = {{l_.task, 1}};
        if (v.is_array())
            for (const auto& row : v) {
                std::vector<std::string> cells{string_of(row, "text")};
                if (f.agreement) {
                    cells.push_back(string_of(row, "owner"));
                    cells.push_back(date_text(string_of(row, "due")));
                } else if (!f.columns.empty()) {
                    const std::string column = string_of(row, "column");
                    cells.push_back(column.empty() ? std::string() : option_label(f.columns, column));
                }
                table.rows.push_back(std::move(cells));
            }
        add(std::move(table));
    }

    void hours_schedule(const std::string& label, const json& v) {
        add(PdfParagraph{label, true});
        if (v.is_object() && v.contains("normal_hours") && v["normal_hours"].is_number())
            add(PdfParagraph{
                replace(l_.normal_hours, "{hours}", number_text(v["normal_hours"].get<double>(), !en_))});
        PdfTable table;
        table.columns = {{l_.week, 1}, {l_.hours, 2}};
        if (v.is_object() && v.contains("weeks") && v["weeks"].is_array())
            for (const auto& w : v["weeks"]) {
                if (!w.is_object()) continue;
                const json& week = w.contains("week") ? w["week"] : json();
                const json& hours = w.contains("hours") ? w["hours"] : json();
                table.rows.push_back({week.is_number() ? number_text(week.get<double>(), !en_) : "",
                                      hours.is_number() ? number_text(hours.get<double>(), !en_) : ""});
            }
        add(std::move(table));
    }

    // A staircase pair (compare_with) prints side by side at the first of the two, with the
    // mismatch stated; true when `f` was printed that way (or already was, as the partner).
    bool compared(const Field& f) {
        for (const auto& c : compare_staircases(form_, answers_)) {
            if (c.field_a != f.id && c.field_b != f.id) continue;
            const Field* a = form_.find(c.field_a);
            const Field* b = form_.find(c.field_b);
            if (!a || !b) return false;
            PdfTable table;
            table.columns = {{pick(a->label_da, a->label_en), 1}, {pick(b->label_da, b->label_en), 1}};
            table.rows.push_back({step_label(c.step_a), step_label(c.step_b)});
            add(std::move(table));
            add(PdfParagraph{c.mismatch() ? replace(l_.mismatch, "{steps}", std::to_string(c.steps_apart))
                                          : l_.same_step,
                             c.mismatch()});
            done_.insert(c.field_a);
            done_.insert(c.field_b);
            return true;
        }
        return false;
    }

    const FormTemplate& form_;
    const json& answers_;
    const RecordPdfLabels& l_;
    PdfDocument& doc_;
    bool en_;
    std::set<std::string> done_;
};

} // namespace

PdfDocument record_pdf(const ConversationRecord& record, const RecordPdfContext& ctx) {
    const RecordPdfLabels& l = ctx.labels;
    const bool en = ctx.language == "en";
    PdfDocument doc;
    doc.language = en ? "en-GB" : "da-DK";
    doc.author = ctx.organisation_name;
    doc.page_label = l.page;
    doc.footer_left = ctx.organisation_name + " · " + l.printed + " " + ctx.printed_on.danish();

    const json answers = record.answers.is_object() ? record.answers : json::object();
    const auto parsed = parse_form_template_json(record.template_snapshot);
    std::string title = record.template_id;
    if (parsed.ok()) title = en ? parsed.form->title_en : parsed.form->title_da;
    doc.title = title + " – " + ctx.employee_name;

    doc.blocks.push_back(PdfHeading{title, 1});
    if (parsed.ok())
        doc.blocks.push_back(
            PdfParagraph{en ? parsed.form->purpose_en : parsed.form->purpose_da, false, true});
    doc.blocks.push_back(PdfLabelValue{l.employee, ctx.employee_name});
    if (!ctx.employee_number.empty())
        doc.blocks.push_back(PdfLabelValue{l.employee_number, ctx.employee_number});
    doc.blocks.push_back(PdfLabelValue{l.held_on, record.held_on.danish()});
    doc.blocks.push_back(PdfLabelValue{l.status, record.is_signed() ? l.status_signed : l.status_draft});

    if (parsed.ok()) {
        Layout layout(*parsed.form, answers, ctx, doc);
        layout.sections();
    } else {
        doc.blocks.push_back(PdfParagraph{"?", false, true});
    }

    if (!record.amendments.empty()) {
        doc.blocks.push_back(PdfHeading{l.amendments_heading, 2});
        std::vector<std::string> items;
        for (const auto& a : record.amendments) {
            std::string line =
                replace(replace(replace(l.amendment_line, "{at}", timestamp_text(a.at)), "{by}", a.by_name),
                        "{reason}", a.reason);
            std::string fields;
            for (const auto& id : a.changed) {
                const Field* f = parsed.ok() ? parsed.form->find(id) : nullptr;
                fields += (fields.empty() ? "" : ", ") + (f ? (en ? f->label_en : f->label_da) : id);
            }
            items.push_back(line + "\n" + l.changed_fields + ": " + fields);
        }
        doc.blocks.push_back(PdfBulletList{std::move(items)});
    }

    doc.blocks.push_back(PdfHeading{l.sign_off_heading, 2});
    std::string leader = ctx.leader_name;
    if (record.sign_off) {
        const SignOff& s = *record.sign_off;
        doc.blocks.push_back(PdfLabelValue{l.signed_by, s.employee_name + ", " + s.date.danish() + ", " +
                                                            (s.agreed ? l.agreed : l.disagreed)});
        if (!s.comment.empty()) doc.blocks.push_back(PdfLabelValue{l.comment, s.comment});
        doc.blocks.push_back(PdfLabelValue{l.recorded_by, s.recorded_by_name});
        if (leader.empty()) leader = s.recorded_by_name;
    }
    doc.blocks.push_back(PdfSpacer{18});
    doc.blocks.push_back(
        PdfSignatureBlock{{{l.employee, ctx.employee_name, l.date}, {l.leader, leader, l.date}}});
    return doc;
}

} // namespace naervaer
