// Page-facing bits of the runner (runner.cpp): the read-outs that tests and benchmarks use, and
// the events loader.js waits for.
mergeInto(LibraryManager.library, {
  naervaer_js_runner_install: function () {
    // JSON of what the user sees (App::state_json), for browser tests.
    window.naervaerState = function () { return UTF8ToString(_naervaer_state_json()); };
    // Timings of the app's own computations (App::measure_todos), for bench/client.
    window.naervaerMeasure = function (runs) { return UTF8ToString(_naervaer_measure(runs)); };
    window.naervaerFrames = 0;
    var canvas = document.getElementById('canvas');
    // Right-click belongs to ImGui (context menus), not the browser's menu.
    canvas.addEventListener('contextmenu', function (event) { event.preventDefault(); });
    canvas.focus();
  },

  // Called after every frame; `frames` counts every ImGui frame, drawn or skipped as unchanged.
  naervaer_js_runner_frame: function (frames, firstFrame) {
    window.naervaerFrames = frames;
    if (firstFrame) {
      // The first interactive frame: fonts in, app drawn. Benchmarks compare this timestamp.
      window.naervaerFirstFrame = performance.now();
      window.dispatchEvent(new Event('naervaer-first-frame'));
    }
  },

  naervaer_js_runner_failed: function (reason) {
    window.dispatchEvent(new CustomEvent('naervaer-failed', { detail: UTF8ToString(reason) }));
  },

  naervaer_js_is_mac: function () {
    var platform = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || '';
    return /mac|iphone|ipad/i.test(platform) ? 1 : 0;
  },
});
