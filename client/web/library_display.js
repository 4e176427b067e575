// Canvas size and device pixel ratio for Display (display.cpp).
mergeInto(LibraryManager.library, {
  $naervaerDisplay: {
    // Exact drawing-buffer size in device pixels when the browser reports it (ResizeObserver's
    // device-pixel-content-box): rounding CSS size × ratio can be a pixel off at zoom levels like
    // 110 %, which would blur the whole canvas.
    devicePixels: null,
  },

  naervaer_js_display_install__deps: ['$naervaerDisplay'],
  naervaer_js_display_install: function () {
    var canvas = document.getElementById('canvas');
    var notify = function () { _naervaer_display_changed(); };
    if (typeof ResizeObserver !== 'undefined') {
      var observer = new ResizeObserver(function (entries) {
        var entry = entries[entries.length - 1];
        var box = entry.devicePixelContentBoxSize && entry.devicePixelContentBoxSize[0];
        naervaerDisplay.devicePixels = box ? [box.inlineSize, box.blockSize] : null;
        notify();
      });
      try {
        observer.observe(canvas, { box: 'device-pixel-content-box' });
      } catch (error) { // not supported (Safari): plain content box, no exact device size
        observer.observe(canvas);
      }
    }
    window.addEventListener('resize', notify);
    // A ratio change alone (zoom in some browsers, a window moved to another monitor) need not
    // resize anything: watch the media query of the current ratio, and re-arm it after a change.
    var watchRatio = function () {
      var query = window.matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)');
      var onChange = function () {
        query.removeEventListener('change', onChange);
        notify();
        watchRatio();
      };
      query.addEventListener('change', onChange);
    };
    if (window.matchMedia) watchRatio();
  },

  naervaer_js_display_measure__deps: ['$naervaerDisplay'],
  naervaer_js_display_measure: function (out) {
    var canvas = document.getElementById('canvas');
    var box = canvas.getBoundingClientRect();
    var ratio = window.devicePixelRatio || 1;
    var device = naervaerDisplay.devicePixels;
    var index = out >> 2;
    HEAPF32[index] = box.left;
    HEAPF32[index + 1] = box.top;
    HEAPF32[index + 2] = box.width;
    HEAPF32[index + 3] = box.height;
    HEAPF32[index + 4] = ratio;
    var width = Math.round(box.width * ratio);
    var height = Math.round(box.height * ratio);
    // The observer's size wins when it agrees with the ratio (it is exact where rounding is not);
    // a disagreement means it is stale (a ratio change it did not report), so compute.
    if (device && Math.abs(device[0] - box.width * ratio) < 1.5 && Math.abs(device[1] - box.height * ratio) < 1.5) {
      width = device[0];
      height = device[1];
    }
    HEAPF32[index + 5] = width;
    HEAPF32[index + 6] = height;
  },

  naervaer_js_set_cursor: function (cursor) {
    document.getElementById('canvas').style.cursor = UTF8ToString(cursor);
  },
});
