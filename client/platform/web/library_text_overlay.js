// The <textarea> pool for TextOverlays (text_overlays.cpp). Elements live in one layer over the
// canvas; the C++ side decides placement, text and visibility, this side only reports edits and
// keeps keyboard focus moving sensibly between the textareas and the canvas.
mergeInto(LibraryManager.library, {
  $naervaerOverlays: {
    layer: null,
    elements: [null], // by id; 0 is never a valid id

    getLayer: function () {
      if (!naervaerOverlays.layer) {
        var layer = document.createElement('div');
        layer.className = 'naervaer-overlays';
        document.body.appendChild(layer);
        naervaerOverlays.layer = layer;
      }
      return naervaerOverlays.layer;
    },

    canvas: function () {
      return document.getElementById('canvas');
    },
  },

  naervaer_js_overlay_create__deps: ['$naervaerOverlays'],
  naervaer_js_overlay_create: function () {
    var id = naervaerOverlays.elements.length;
    var field = document.createElement('textarea');
    field.className = 'naervaer-text-overlay';
    field.spellcheck = true;
    field.lang = 'da'; // the notes are Danish whatever the UI language: spellcheck in Danish
    field.wrap = 'soft';
    field.style.display = 'none';
    field.addEventListener('input', function () { _naervaer_overlay_edited(id); });
    field.addEventListener('focus', function () { _naervaer_overlay_focus_changed(); });
    field.addEventListener('blur', function () { _naervaer_overlay_focus_changed(); });
    field.addEventListener('keydown', function (event) {
      // Tab would walk the page's focus order, which holds only the canvas and these fields;
      // back to the canvas is where ImGui's own keyboard navigation continues.
      if (event.key === 'Tab' || event.key === 'Escape') {
        event.preventDefault();
        var canvas = naervaerOverlays.canvas();
        if (canvas) canvas.focus();
      }
    });
    field.addEventListener('wheel', function (event) {
      // The textarea scrolls its own text first; at its ends (or with nothing to scroll) the
      // wheel scrolls the screen behind it, as it does over the rest of a form. Forms such as a
      // conversation's have text areas across their whole width.
      var atEnd = event.deltaY < 0 ? field.scrollTop <= 0
        : field.scrollTop + field.clientHeight >= field.scrollHeight - 1;
      var canvas = naervaerOverlays.canvas();
      if (!atEnd || !canvas || event.ctrlKey) return;
      event.preventDefault();
      canvas.dispatchEvent(new WheelEvent('wheel', event));
    }, { passive: false });
    naervaerOverlays.getLayer().appendChild(field);
    naervaerOverlays.elements.push(field);
    return id;
  },

  naervaer_js_overlay_place__deps: ['$naervaerOverlays'],
  naervaer_js_overlay_place: function (id, x, y, w, h, clipTop, clipRight, clipBottom, clipLeft) {
    var style = naervaerOverlays.elements[id].style;
    style.left = x + 'px';
    style.top = y + 'px';
    style.width = w + 'px';
    style.height = h + 'px';
    style.clipPath = (clipTop > 0 || clipRight > 0 || clipBottom > 0 || clipLeft > 0)
      ? 'inset(' + clipTop + 'px ' + clipRight + 'px ' + clipBottom + 'px ' + clipLeft + 'px)'
      : '';
    style.display = 'block';
  },

  naervaer_js_overlay_hide__deps: ['$naervaerOverlays'],
  naervaer_js_overlay_hide: function (id) {
    var field = naervaerOverlays.elements[id];
    // A hidden element keeping focus would swallow the keyboard: hand it to the canvas.
    if (document.activeElement === field) {
      var canvas = naervaerOverlays.canvas();
      if (canvas) canvas.focus();
    }
    field.style.display = 'none';
  },

  naervaer_js_overlay_set_text__deps: ['$naervaerOverlays', '$naervaerReadString'],
  naervaer_js_overlay_set_text: function (id, pointer, length) {
    var field = naervaerOverlays.elements[id];
    var text = naervaerReadString(pointer, length);
    if (field.value !== text) field.value = text;
  },

  naervaer_js_overlay_text__deps: ['$naervaerOverlays', '$naervaerHeapString'],
  naervaer_js_overlay_text: function (id, lengthOut) {
    return naervaerHeapString(naervaerOverlays.elements[id].value, lengthOut);
  },

  naervaer_js_overlay_configure__deps: ['$naervaerOverlays'],
  naervaer_js_overlay_configure: function (id, placeholder, maxLength) {
    var field = naervaerOverlays.elements[id];
    field.placeholder = UTF8ToString(placeholder);
    field.setAttribute('aria-label', field.placeholder);
    maxLength = maxLength >>> 0; // a size_t: arrives signed, and SIZE_MAX means no limit
    if (maxLength > 0 && maxLength <= 0x7fffffff) field.maxLength = maxLength;
    else field.removeAttribute('maxlength');
  },

  naervaer_js_overlay_focus__deps: ['$naervaerOverlays'],
  naervaer_js_overlay_focus: function (id) {
    naervaerOverlays.elements[id].focus();
  },

  naervaer_js_overlay_style__deps: ['$naervaerOverlays'],
  naervaer_js_overlay_style: function (cssVariables) {
    naervaerOverlays.getLayer().style.cssText = UTF8ToString(cssVariables);
  },
});
