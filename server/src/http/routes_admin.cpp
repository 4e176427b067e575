#include "http/json_body.hpp"
#include "http/routes.hpp"
#include "services/admin_service.hpp"
#include "services/audit.hpp"
#include "services/auth_service.hpp"

#include <charconv>

namespace naervaer::server {

namespace {

constexpr const char* user_path = R"(/api/v1/admin/users/([A-Za-z0-9_-]{1,64}))";

std::size_t audit_limit(const httplib::Request& req) {
    if (!req.has_param("limit")) return 100;
    const std::string text = req.get_param_value("limit");
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value == 0) {
        FieldErrors fields;
        fields.add("limit", "type", "Skal være et positivt heltal", "Must be a positive integer");
        throw errors::bad_request(fields.json());
    }
    return value;
}

} // namespace

void register_admin_routes(ApiRouter& router, AdminService& admin) {
    router.get("/api/v1/admin/users", Access::session, [&admin](ApiRequest& request) {
        nlohmann::json users = nlohmann::json::array();
        for (const UserRow& row : admin.list_users(*request.who)) users.push_back(user_json(row));
        ApiResponse response;
        response.body = {{"users", std::move(users)}};
        return response;
    });

    router.post("/api/v1/admin/users", Access::session, [&admin](ApiRequest& request) {
        BodyReader body(request.body);
        NewUser user;
        const auto email = body.string("email", true);
        const auto name = body.string("name", true);
        const auto role = body.string("role", true);
        const auto departments = body.string_list("department_ids", false);
        body.finish();
        user.email = *email;
        user.name = *name;
        user.role = *role;
        user.department_ids = departments.value_or(std::vector<std::string>{});
        const CreatedUser created = admin.create_user(*request.who, user);
        ApiResponse response;
        response.status = 201;
        response.body = {{"user", user_json(created.user)}, {"one_time_password", created.one_time_password}};
        return response;
    });

    router.patch(user_path, Access::session, [&admin](ApiRequest& request) {
        BodyReader body(request.body);
        UserPatch patch;
        patch.name = body.string("name", false);
        patch.role = body.string("role", false);
        patch.department_ids = body.string_list("department_ids", false);
        patch.active = body.boolean("active", false);
        body.finish();
        ApiResponse response;
        response.body = {{"user", user_json(admin.update_user(*request.who, request.http.matches[1], patch))}};
        return response;
    });

    router.post(std::string(user_path) + "/reset-password", Access::session, [&admin](ApiRequest& request) {
        ApiResponse response;
        response.body = {{"one_time_password", admin.reset_password(*request.who, request.http.matches[1])}};
        return response;
    });

    router.get("/api/v1/admin/audit", Access::session, [&admin](ApiRequest& request) {
        const std::string record_id = request.http.get_param_value("record_id");
        nlohmann::json entries = nlohmann::json::array();
        for (const AuditEntry& entry : admin.audit(*request.who, record_id, audit_limit(request.http))) {
            entries.push_back(to_json(entry));
        }
        ApiResponse response;
        response.body = {{"entries", std::move(entries)}};
        return response;
    });

    router.get("/api/v1/admin/deletions", Access::session, [&admin](ApiRequest& request) {
        nlohmann::json deletions = nlohmann::json::array();
        for (const DeletionEntry& entry : admin.deletions(*request.who, audit_limit(request.http))) {
            deletions.push_back({{"at", entry.at},
                                 {"by", entry.by},
                                 {"by_name", entry.by_name},
                                 {"type", entry.type},
                                 {"record_id", entry.record_id},
                                 {"employee_id", entry.employee_id ? nlohmann::json(*entry.employee_id)
                                                                   : nlohmann::json(nullptr)},
                                 {"reason", entry.reason}});
        }
        ApiResponse response;
        response.body = {{"deletions", std::move(deletions)}};
        return response;
    });

    router.patch("/api/v1/admin/organisation", Access::session, [&admin](ApiRequest& request) {
        BodyReader body(request.body);
        OrganisationPatch patch;
        patch.name = body.string("name", false);
        patch.cvr = body.string("cvr", false);
        patch.municipality = body.string("municipality", false);
        patch.record_retention_years = body.integer("record_retention_years", false);
        body.finish();
        ApiResponse response;
        response.body = {{"organisation", to_json(admin.update_organisation(*request.who, patch))}};
        return response;
    });
}

} // namespace naervaer::server
