// The system clipboard for Clipboard (clipboard.cpp).
mergeInto(LibraryManager.library, {
  naervaer_js_clipboard_install__deps: ['$naervaerHeapString', 'malloc', 'free'],
  naervaer_js_clipboard_install: function () {
    document.addEventListener('paste', function (event) {
      // HTML text fields (the textarea overlays) paste on their own.
      var target = event.target;
      if (target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT' || target.isContentEditable)) return;
      if (!event.clipboardData) return;
      event.preventDefault();
      var lengthOut = _malloc(4);
      var text = naervaerHeapString(event.clipboardData.getData('text/plain'), lengthOut);
      var length = HEAPU32[lengthOut >> 2];
      _free(lengthOut);
      _naervaer_clipboard_pasted(text, length);
    });
  },

  naervaer_js_clipboard_write__deps: ['$naervaerReadString'],
  naervaer_js_clipboard_write: function (pointer, length) {
    var text = naervaerReadString(pointer, length);
    // The async API needs a secure context (https or localhost) and a recent user gesture; ImGui
    // copies on the frame right after the key press, well within the gesture's lifetime.
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).catch(function (error) {
        console.warn('naervaer clipboard: copy refused', error);
      });
      return;
    }
    // Insecure contexts have no navigator.clipboard: the old way, a selected hidden field.
    var field = document.createElement('textarea');
    field.value = text;
    field.setAttribute('readonly', '');
    field.style.position = 'fixed';
    field.style.opacity = '0';
    var focused = document.activeElement;
    document.body.appendChild(field);
    field.select();
    try {
      document.execCommand('copy');
    } catch (error) {
      console.warn('naervaer clipboard: copy refused', error);
    }
    document.body.removeChild(field);
    if (focused && focused.focus) focused.focus();
  },
});
