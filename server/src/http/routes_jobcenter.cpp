#include "http/routes.hpp"
#include "services/jobcenter_service.hpp"

namespace naervaer::server {

namespace {

constexpr const char* referral_path = R"(/api/v1/jobcenter/referrals/([A-Za-z0-9_-]{1,64}))";

// ?status=open|closed|all (default open); anything else is 400 naming the parameter.
InboxFilter inbox_filter(const httplib::Request& req) {
    if (!req.has_param("status")) return InboxFilter::open;
    const std::string value = req.get_param_value("status");
    if (value == "open") return InboxFilter::open;
    if (value == "closed") return InboxFilter::closed;
    if (value == "all") return InboxFilter::all;
    FieldErrors fields;
    fields.add("status", "unknown_value", "Skal være open, closed eller all", "Must be open, closed or all");
    throw errors::bad_request(fields.json());
}

} // namespace

void register_jobcenter_routes(ApiRouter& router, JobcenterService& jobcenter) {
    router.get("/api/v1/jobcenter/inbox", Access::session, [&jobcenter](ApiRequest& request) {
        ApiResponse response;
        response.body = jobcenter.inbox(*request.who, inbox_filter(request.http));
        return response;
    });

    router.get(referral_path, Access::session, [&jobcenter](ApiRequest& request) {
        ApiResponse response;
        response.body = jobcenter.referral(*request.who, request.http.matches[1]);
        return response;
    });

    router.post(std::string(referral_path) + "/actions", Access::session, [&jobcenter](ApiRequest& request) {
        ApiResponse response;
        response.body = jobcenter.act(*request.who, request.http.matches[1], request.body);
        return response;
    });
}

} // namespace naervaer::server
