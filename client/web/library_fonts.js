// Hands the UI fonts to Fonts (fonts.cpp). loader.js starts their downloads together with the
// wasm and passes the promises as Module.naervaerFonts (regular, bold); without a loader (a test
// page), they are fetched here.
mergeInto(LibraryManager.library, {
  naervaer_js_fonts_fetch__deps: ['$naervaerHeapCopy'],
  naervaer_js_fonts_fetch: function () {
    var files = Module['naervaerFonts'] || ['noto-sans-regular.ttf', 'noto-sans-bold.ttf'].map(function (url) {
      return fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
        return response.arrayBuffer();
      });
    });
    Promise.all(files.map(function (file, index) {
      return Promise.resolve(file).then(function (buffer) {
        var bytes = new Uint8Array(buffer);
        _naervaer_font_loaded(index, naervaerHeapCopy(bytes), bytes.length);
      }, function (error) {
        console.error('naervaer: font not loaded', error);
      });
    })).then(function () { _naervaer_fonts_done(); });
  },
});
