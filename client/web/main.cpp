// The Nærvær browser client: the web platform, the runner and the App.
#include "runner.hpp"

#include "app/app.hpp"
#include "platform/web/web_platform.hpp"

int main() {
    // Static: they live as long as the page. main() returns and the browser drives the frames.
    static naervaer::client::WebPlatform platform;
    static naervaer::client::web::Runner runner(platform);
    if (!runner.init()) return 1;
    static naervaer::client::App app(platform); // after init(): the App may touch ImGui's style
    runner.start({.frame = [] { app.frame(); },
                  .state_json = [] { return app.state_json(); },
                  .measure = [](int runs) { return app.measure_todos(runs); }});
    return 0;
}
