// The small browser services of WebPlatform (web_platform.cpp): connectivity, preferences in
// localStorage, file downloads, documents opened in a new tab.
mergeInto(LibraryManager.library, {
  naervaer_js_online_install: function () {
    window.addEventListener('online', function () { _naervaer_online_changed(1); });
    window.addEventListener('offline', function () { _naervaer_online_changed(0); });
    return navigator.onLine === false ? 0 : 1;
  },

  // A malloc'd NUL-terminated copy of the stored value, or 0 when absent or storage is blocked.
  naervaer_js_preference__deps: ['$stringToNewUTF8'],
  naervaer_js_preference: function (name) {
    var value = null;
    try {
      value = window.localStorage.getItem(UTF8ToString(name));
    } catch (error) { // storage disabled: behave as if nothing was stored
    }
    return value === null ? 0 : stringToNewUTF8(value);
  },

  naervaer_js_set_preference: function (name, value) {
    try {
      window.localStorage.setItem(UTF8ToString(name), UTF8ToString(value));
    } catch (error) {
      console.warn('naervaer: cannot store preference', error);
    }
  },

  naervaer_js_download: function (filename, mimeType, bytes, length) {
    var blob = new Blob([HEAPU8.slice(bytes, bytes + length)], { type: UTF8ToString(mimeType) });
    var url = URL.createObjectURL(blob);
    var link = document.createElement('a');
    link.href = url;
    link.download = UTF8ToString(filename);
    link.rel = 'noopener';
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    // Revoking at once can cancel the download in some browsers; a minute is plenty to start it.
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  },

  // A document (a PDF to print) in a new tab through a Blob URL; the browser's viewer prints it
  // (the file name is the download's, so it is unused here). 1 when the tab opened, 0 when a
  // pop-up blocker refused it. The click that asked for it is recent enough for the browser's
  // user activation (the frame runs right after the input).
  naervaer_js_open_document: function (filename, mimeType, bytes, length) {
    var blob = new Blob([HEAPU8.slice(bytes, bytes + length)], { type: UTF8ToString(mimeType) });
    var url = URL.createObjectURL(blob);
    var opened = window.open(url, '_blank');
    if (!opened) {
      URL.revokeObjectURL(url);
      return 0;
    }
    // The tab keeps its document once loaded; the URL is not needed after that.
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    return 1;
  },
});
