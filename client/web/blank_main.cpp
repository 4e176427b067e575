// The benchmark's baseline: the same runner, platform, fonts and build flags as the client, with
// one small ImGui window instead of the App. Comparing first-frame times of the two shows what
// the App itself costs.
#include "runner.hpp"

#include "platform/web/web_platform.hpp"

#include "imgui.h"

int main() {
    static naervaer::client::WebPlatform platform;
    static naervaer::client::web::Runner runner(platform);
    if (!runner.init()) return 1;
    runner.start({.frame =
                      [] {
                          ImGui::SetNextWindowPos(ImVec2(40, 40), ImGuiCond_FirstUseEver);
                          ImGui::Begin("Nærvær");
                          ImGui::TextUnformatted("Tom ImGui-app til sammenligning.");
                          ImGui::TextUnformatted("Blank ImGui app for comparison.");
                          ImGui::End();
                      },
                  .state_json = [] { return std::string("{\"app\":\"blank\"}"); }});
    return 0;
}
