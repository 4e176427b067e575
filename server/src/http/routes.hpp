#pragma once
// The /api/v1 routes of docs/api.md, one file per area. Handlers only translate HTTP to service
// calls and back; rules live in the services.
#include "http/api_router.hpp"

namespace naervaer::server {

class AuthService;
class SyncService;
class AdminService;
class JobcenterService;

void register_auth_routes(ApiRouter& router, AuthService& auth);
void register_sync_routes(ApiRouter& router, SyncService& sync);
void register_admin_routes(ApiRouter& router, AdminService& admin);
void register_jobcenter_routes(ApiRouter& router, JobcenterService& jobcenter);

} // namespace naervaer::server
