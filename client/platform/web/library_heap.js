// Helpers shared by the platform's JS libraries: moving bytes and strings across the wasm heap.
// Linked with --js-library; only what a C++ import names in its __deps ends up in naervaer.js.
mergeInto(LibraryManager.library, {
  // Copies bytes into a fresh malloc'd block. The C++ side owns the block and frees it.
  $naervaerHeapCopy__deps: ['malloc'],
  $naervaerHeapCopy: function (bytes) {
    var pointer = _malloc(bytes.length || 1);
    HEAPU8.set(bytes, pointer);
    return pointer;
  },

  $naervaerEncoder: 'new TextEncoder()',
  $naervaerDecoder: "new TextDecoder('utf-8')",

  // A JS string as a malloc'd UTF-8 block; its byte length goes to *lengthOut (a uint32_t).
  $naervaerHeapString__deps: ['$naervaerHeapCopy', '$naervaerEncoder'],
  $naervaerHeapString: function (text, lengthOut) {
    var bytes = naervaerEncoder.encode(text);
    HEAPU32[lengthOut >> 2] = bytes.length;
    return naervaerHeapCopy(bytes);
  },

  // UTF-8 bytes on the heap (not NUL-terminated, may hold NULs) as a JS string.
  $naervaerReadString__deps: ['$naervaerDecoder'],
  $naervaerReadString: function (pointer, length) {
    return length ? naervaerDecoder.decode(HEAPU8.subarray(pointer, pointer + length)) : '';
  },
});
