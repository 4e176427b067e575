#include "services/policy_records.hpp"

#include "http/api_error.hpp"
#include "services/alert_defaults.hpp"
#include "services/audit.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace naervaer::server {

namespace {

using nlohmann::json;

constexpr std::string_view clauses_file = "policy/clauses.json";

PolicyAssets load_policy_assets() {
    std::string problems;
    const auto problem = [&](std::string_view file, const std::string& what) {
        problems += (problems.empty() ? "" : "; ") + std::string("assets/") + std::string(file) + ": " + what;
    };
    const std::string_view library_text = assets::file(clauses_file);
    if (library_text.empty()) problem(clauses_file, "not embedded (list it in server/CMakeLists.txt)");
    ClauseLibraryParse library = parse_clause_library(library_text);
    for (const std::string& error : library.errors) problem(clauses_file, error);

    std::string questionnaire_file;
    if (library.ok())
        questionnaire_file = "templates/" + library.library->questionnaire_id + ".v" +
                             std::to_string(library.library->questionnaire_version) + ".json";
    const std::string_view form_text = questionnaire_file.empty() ? std::string_view() : assets::file(questionnaire_file);
    if (library.ok() && form_text.empty()) problem(questionnaire_file, "not embedded");
    FormTemplateParse form = parse_form_template(form_text);
    if (library.ok() && !form_text.empty())
        for (const std::string& error : form.errors) problem(questionnaire_file, error);
    if (library.ok() && form.ok())
        for (const std::string& error : check_clause_library(*library.library, *form.form))
            problem(clauses_file, error);
    if (!problems.empty()) throw std::runtime_error("the sickness absence policy's files do not load: " + problems);
    return PolicyAssets{std::move(*library.library), std::move(*form.form)};
}

// Wrong JSON types mean the client sent the wrong shape (400); anything else is a form the user can
// fix (422), as throw_invalid in sync_service.cpp.
[[noreturn]] void throw_check(const PolicyCheck& check) {
    const bool shape = std::any_of(check.errors().begin(), check.errors().end(),
                                   [](const FieldError& e) { return e.code == "type"; });
    if (shape) throw errors::bad_request(check.to_json());
    throw errors::validation(check.to_json());
}

PolicyVersion decoded_or_throw(const json& data) {
    PolicyCheck check;
    PolicyVersion version = decode_policy_version(data, check);
    if (!check.ok()) throw_check(check);
    return version;
}

// A stored version, as this server wrote it.
PolicyVersion stored_version(const StoredRecord& stored) {
    PolicyCheck ignored;
    return decode_policy_version(stored.record.data, ignored);
}

bool is_approved(const StoredRecord& record) { return is_approved_policy_data(record.record.data); }

// The organisation's versions besides `id`: a new version takes a number no other version has, and
// an approval makes the newest approved version (a draft numbered below the approved one is an old
// draft: approving it would put an older policy in force behind the newer one's back).
void check_number(Transaction& tx, const std::string& org_id, const std::string& id, const PolicyVersion& after,
                  bool is_new, PolicyCheck& check) {
    int highest_approved = 0;
    for (const StoredRecord& other : tx.records_of_type(org_id, record_type::policy_version)) {
        if (other.record.id == id) continue;
        const PolicyVersion v = stored_version(other);
        if (is_new && v.number == after.number) check.add("number", "number_taken", std::to_string(v.number));
        if (v.status == PolicyStatus::approved) highest_approved = std::max(highest_approved, v.number);
    }
    if (after.status == PolicyStatus::approved && after.number <= highest_approved)
        check.add("number", "older_than_approved", std::to_string(highest_approved));
}

} // namespace

const PolicyAssets& embedded_policy_assets() {
    static const PolicyAssets assets = load_policy_assets();
    return assets;
}

void check_policy_version_shape(const json& data) { (void)decoded_or_throw(data); }

json prepare_policy_version(Transaction& tx, const std::string& id, const json& data, const StoredRecord* stored,
                            const AuthContext& who, const PolicyAssets& assets, Date today) {
    PolicyVersion after = decoded_or_throw(data);
    const std::optional<PolicyVersion> before =
        stored ? std::optional<PolicyVersion>(stored_version(*stored)) : std::nullopt;

    PolicyCheck check;
    if (before && before->status == PolicyStatus::approved) {
        // Locked: any difference is refused, field by field (approved_locked).
        check = check_policy_change(*before, after, assets.library, assets.questionnaire, who.role(), today);
    } else if (after.status == PolicyStatus::approved) {
        // An approval. Who approved and when is the session's user today, whatever the client sent.
        after.approved_by = who.user_id();
        after.approved_by_name = who.user.user.name;
        after.approved_on = today;
        // A version approved in the push that creates it is checked as the approval of itself as a
        // draft.
        PolicyVersion draft = before ? *before : after;
        if (!before) {
            draft.status = PolicyStatus::draft;
            draft.approved_by.clear();
            draft.approved_by_name.clear();
            draft.approved_on.reset();
        }
        check = check_policy_change(draft, after, assets.library, assets.questionnaire, who.role(), today);
        check.merge(check_document(after, assets.library, assets.questionnaire));
    } else {
        check = before ? check_policy_change(*before, after, assets.library, assets.questionnaire, who.role(), today)
                       : validate(after, assets.library, assets.questionnaire, today);
        // A stored draft says only what its answers and edits assemble to.
        check.merge(check_document(after, assets.library, assets.questionnaire));
    }
    // An approved version never changes (refused above), so the numbers matter for new ones and
    // approvals.
    if (!before || (before->status != PolicyStatus::approved && after.status == PolicyStatus::approved))
        check_number(tx, who.org_id(), id, after, !before, check);
    if (!check.ok()) throw_check(check);
    return to_json(after);
}

void apply_policy_approval(Transaction& tx, const AuthContext& who, const json& stored_data,
                           const StoredRecord* before, const std::string& now) {
    if (!is_approved_policy_data(stored_data) || (before && is_approved(*before))) return;
    const auto answers = stored_data.find("answers");
    if (answers == stored_data.end()) return;
    const std::optional<int> years = retention_years_from_policy(*answers);
    if (!years) return;
    std::optional<Organisation> organisation = tx.find_organisation(who.org_id());
    if (!organisation || organisation->record_retention_years == *years) return;
    organisation->record_retention_years = *years;
    tx.update_organisation(*organisation);
    json detail = {{"record_retention_years", *years}, {"policy_version", stored_data.value("number", 0)}};
    tx.append_audit(audit_entry(who, now, audit_action::organisation_updated, "", "", std::move(detail)));
}

void refuse_approved_policy_delete(const StoredRecord& existing) {
    if (!is_approved(existing)) return;
    PolicyCheck check;
    check.add("status", "approved_locked");
    throw errors::validation(check.to_json());
}

} // namespace naervaer::server
