#include "http/routes.hpp"
#include "services/sync_service.hpp"

#include <charconv>

namespace naervaer::server {

namespace {

// A non-negative integer query parameter; throws 400 naming the parameter.
int64_t query_integer(const httplib::Request& req, const char* name, int64_t fallback) {
    if (!req.has_param(name)) return fallback;
    const std::string text = req.get_param_value(name);
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0) {
        FieldErrors fields;
        fields.add(name, "type", "Skal være et ikke-negativt heltal", "Must be a non-negative integer");
        throw errors::bad_request(fields.json());
    }
    return value;
}

// A jobcentre's consultant holds no organisation's records: they never sync and read no record by
// id here (their referrals come through /api/v1/jobcenter, docs/api.md).
const AuthContext& employer_user(const ApiRequest& request) {
    if (request.who->role() == Role::consultant) throw errors::forbidden();
    return *request.who;
}

} // namespace

void register_sync_routes(ApiRouter& router, SyncService& sync) {
    router.post("/api/v1/sync", Access::session, [&sync](ApiRequest& request) {
        const AuthContext& who = employer_user(request);
        ValidationResult shape;
        const auto push = decode_push_request(request.body, shape);
        if (!push) throw errors::bad_request(shape.to_json());
        ApiResponse response;
        response.raw_body = sync.push(who, *push);
        return response;
    });

    router.get("/api/v1/sync", Access::session, [&sync](ApiRequest& request) {
        const AuthContext& who = employer_user(request);
        const int64_t since = query_integer(request.http, "since", 0);
        const int64_t limit = query_integer(request.http, "limit", sync_limits::max_records_per_pull);
        ApiResponse response;
        response.raw_body = sync.pull(who, since, static_cast<std::size_t>(limit));
        return response;
    });

    router.get(R"(/api/v1/records/([a-z_]{1,32})/([A-Za-z0-9_-]{1,64}))", Access::session,
               [&sync](ApiRequest& request) {
                   ApiResponse response;
                   response.body =
                       to_json(sync.read(employer_user(request), request.http.matches[1], request.http.matches[2]));
                   return response;
               });
}

} // namespace naervaer::server
