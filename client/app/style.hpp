#pragma once
// The app's look: a light, calm theme with room between items. Applied once to the current ImGui
// context when the App is made; the runner scales it for the device pixel ratio afterwards.
namespace naervaer::client {
void apply_style();
}
