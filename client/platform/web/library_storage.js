// IndexedDB for KeyValueStore (key_value_store.cpp): database "naervaer", object store "kv",
// string keys, Uint8Array values.
mergeInto(LibraryManager.library, {
  $naervaerStorage__deps: ['$naervaerHeapCopy', '$naervaerEncoder'],
  $naervaerStorage: {
    database: null, // Promise<IDBDatabase|null>, opened on first use
    pending: [],    // writes not yet handed to a transaction, in call order
    flushQueued: false,

    open: function () {
      if (naervaerStorage.database) return naervaerStorage.database;
      naervaerStorage.database = new Promise(function (resolve) {
        var request;
        try {
          request = indexedDB.open('naervaer', 1);
        } catch (error) { // IndexedDB disabled (some private modes, blocked storage)
          console.error('naervaer storage: IndexedDB unavailable', error);
          resolve(null);
          return;
        }
        request.onupgradeneeded = function () {
          request.result.createObjectStore('kv');
        };
        request.onsuccess = function () {
          var db = request.result;
          // A newer build in another tab wants to upgrade the schema: step aside instead of
          // blocking it; this tab's writes fail loudly until it is reloaded.
          db.onversionchange = function () { db.close(); };
          resolve(db);
        };
        request.onerror = function () {
          console.error('naervaer storage: cannot open IndexedDB', request.error);
          resolve(null);
        };
      });
      return naervaerStorage.database;
    },

    // Hands every queued write to one readwrite transaction, once the current task is done, so a
    // burst of puts from one frame costs one transaction.
    schedule: function () {
      if (naervaerStorage.flushQueued) return;
      naervaerStorage.flushQueued = true;
      naervaerStorage.open().then(function (db) {
        naervaerStorage.flushQueued = false;
        var writes = naervaerStorage.pending;
        naervaerStorage.pending = [];
        if (!db || writes.length === 0) return;
        try {
          var transaction = db.transaction('kv', 'readwrite');
          var store = transaction.objectStore('kv');
          writes.forEach(function (write) {
            if (write.value) store.put(write.value, write.key);
            else store.delete(write.key);
          });
          transaction.onabort = function () {
            console.error('naervaer storage: write transaction aborted', transaction.error);
          };
        } catch (error) {
          console.error('naervaer storage: write failed', error);
        }
      });
    },
  },

  naervaer_js_storage_load__deps: ['$naervaerStorage', '$naervaerHeapCopy', '$naervaerEncoder'],
  naervaer_js_storage_load: function (id) {
    function deliver(keys, values) {
      if (!keys) {
        _naervaer_storage_loaded(id, 0, 0);
        return;
      }
      // Packed as [u32 key length][key][u32 value length][value]... (little-endian), so all
      // pairs cross into wasm in one copy.
      var encodedKeys = keys.map(function (key) { return naervaerEncoder.encode(String(key)); });
      var total = 0;
      for (var i = 0; i < keys.length; ++i) total += 8 + encodedKeys[i].length + values[i].length;
      var packed = new Uint8Array(total);
      var view = new DataView(packed.buffer);
      var offset = 0;
      for (var j = 0; j < keys.length; ++j) {
        view.setUint32(offset, encodedKeys[j].length, true);
        packed.set(encodedKeys[j], offset + 4);
        offset += 4 + encodedKeys[j].length;
        view.setUint32(offset, values[j].length, true);
        packed.set(values[j], offset + 4);
        offset += 4 + values[j].length;
      }
      _naervaer_storage_loaded(id, naervaerHeapCopy(packed), total);
    }

    naervaerStorage.open().then(function (db) {
      if (!db) return deliver(null, null);
      try {
        // Both reads in one transaction: they see the same snapshot, in the same key order.
        var store = db.transaction('kv', 'readonly').objectStore('kv');
        var keysRequest = store.getAllKeys();
        var valuesRequest = store.getAll();
        valuesRequest.onsuccess = function () {
          deliver(keysRequest.result, valuesRequest.result.map(function (value) {
            return value instanceof Uint8Array ? value : naervaerEncoder.encode(String(value));
          }));
        };
        valuesRequest.onerror = function () {
          console.error('naervaer storage: load failed', valuesRequest.error);
          deliver(null, null);
        };
      } catch (error) {
        console.error('naervaer storage: load failed', error);
        deliver(null, null);
      }
    });
  },

  naervaer_js_storage_put__deps: ['$naervaerStorage', '$naervaerReadString'],
  naervaer_js_storage_put: function (key, keyLength, value, valueLength) {
    naervaerStorage.pending.push({
      key: naervaerReadString(key, keyLength),
      // A copy: the heap may move (memory growth) or be reused before the transaction runs.
      value: HEAPU8.slice(value, value + valueLength),
    });
    naervaerStorage.schedule();
  },

  naervaer_js_storage_remove__deps: ['$naervaerStorage', '$naervaerReadString'],
  naervaer_js_storage_remove: function (key, keyLength) {
    naervaerStorage.pending.push({ key: naervaerReadString(key, keyLength), value: null });
    naervaerStorage.schedule();
  },
});
