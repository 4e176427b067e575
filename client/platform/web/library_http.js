// fetch() for HttpClient (http_client.cpp). Same origin only, the session cookie included, never
// answered from the HTTP cache (sync answers are always fresh). A network failure or timeout
// answers status 0 with the reason in `error`, as the Platform contract asks.
mergeInto(LibraryManager.library, {
  naervaer_js_http_send__deps: ['$naervaerHeapCopy', '$naervaerEncoder'],
  naervaer_js_http_send: function (id, method, path, headers, body, bodyLength, timeoutMs) {
    var init = {
      method: UTF8ToString(method),
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'follow',
      headers: [],
    };
    UTF8ToString(headers).split('\r\n').forEach(function (line) {
      var colon = line.indexOf(': ');
      if (colon > 0) init.headers.push([line.slice(0, colon), line.slice(colon + 2)]);
    });
    // Copy now: the C++ request is gone once this call returns.
    if (bodyLength > 0) init.body = HEAPU8.slice(body, body + bodyLength);

    var controller = typeof AbortController !== 'undefined' ? new AbortController() : null;
    var timedOut = false;
    var timer = 0;
    if (controller) {
      init.signal = controller.signal;
      timer = setTimeout(function () {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
    }

    function finish(status, bytes, error) {
      clearTimeout(timer);
      var errorBytes = naervaerEncoder.encode(error);
      _naervaer_http_done(id, status,
                          bytes ? naervaerHeapCopy(bytes) : 0, bytes ? bytes.length : 0,
                          errorBytes.length ? naervaerHeapCopy(errorBytes) : 0, errorBytes.length);
    }

    var url = UTF8ToString(path);
    fetch(url, init)
      .then(function (response) {
        return response.arrayBuffer().then(function (buffer) {
          finish(response.status, new Uint8Array(buffer), '');
        });
      })
      .catch(function (error) {
        finish(0, null, timedOut ? 'timeout' : String((error && error.message) || error || 'network error'));
      });
  },
});
