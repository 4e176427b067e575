// The hidden text field for TextInput (text_input.cpp). ImGui draws its text fields on the canvas,
// but a canvas is not editable: the browser gives it no IME composition, no dictation, no mobile
// keyboard, and automation's Input.insertText never reaches it. So while an ImGui field is active
// this <input> holds DOM focus, sits at the field's caret (the IME's candidate window and the mobile
// keyboard go there), and hands every piece of text the browser inserts to ImGui.
//
// Text comes only from `input` events (and compositionend), never from keydown: one path, so a
// character typed, pasted, dictated or composed arrives exactly once. The element's value is
// emptied after each delivery. Navigation and editing keys reach ImGui as key events through the
// keydown handlers of browser_input.cpp, which also keep the browser from acting on them.
mergeInto(LibraryManager.library, {
  $naervaerTextInput: {
    field: null,
    canvas: null,
    wanted: false,   // an ImGui text field is active (the last frame said so)
    composing: false,

    ours: function (element) {
      return element === naervaerTextInput.field || element === naervaerTextInput.canvas;
    },

    // Focus may move here only from the canvas (or nowhere: touch taps focus nothing). Never from
    // a textarea overlay or anything else the user chose, even if ImGui's field is still active.
    mayTakeFocus: function () {
      var active = document.activeElement;
      return !active || active === document.body || naervaerTextInput.ours(active);
    },

    focus: function () {
      var field = naervaerTextInput.field;
      if (document.activeElement !== field && naervaerTextInput.mayTakeFocus()) field.focus({ preventScroll: true });
    },

    // Hands what the browser inserted to ImGui, and empties the element so it never grows.
    flush: function () {
      var field = naervaerTextInput.field;
      var text = field.value;
      if (text === '') return;
      field.value = '';
      var lengthOut = _malloc(4);
      var pointer = naervaerHeapString(text, lengthOut); // the C++ side frees it
      var length = HEAPU32[lengthOut >> 2];
      _free(lengthOut);
      _naervaer_text_input_text(pointer, length);
    },
  },

  naervaer_js_text_input_install__deps: ['$naervaerTextInput', '$naervaerHeapString', 'malloc', 'free'],
  naervaer_js_text_input_install: function () {
    var state = naervaerTextInput;
    var canvas = document.getElementById('canvas');
    var field = document.createElement('input');
    field.id = 'naervaer-text-input';
    field.className = 'naervaer-text-input';
    field.type = 'text';
    field.setAttribute('inputmode', 'text');
    // Login and search fields: no capital first letter, no "corrections" of e-mail addresses, no
    // autofill writing into a field nobody sees.
    field.setAttribute('autocomplete', 'off');
    field.setAttribute('autocapitalize', 'off');
    field.setAttribute('autocorrect', 'off');
    field.spellcheck = false;
    field.tabIndex = -1; // not a stop of the page's Tab order: ImGui moves between its fields
    document.body.appendChild(field);
    state.field = field;
    state.canvas = canvas;

    field.addEventListener('beforeinput', function (event) {
      var type = event.inputType || '';
      if (type.lastIndexOf('delete', 0) === 0) {
        // Mobile keyboards delete without a Backspace keydown (keyCode 229): the field is empty, so
        // the deletion is ImGui's to do. A real Backspace keydown was prevented and never gets here.
        if (type === 'deleteCompositionText' || type === 'deleteByCut' || state.composing) {
          if (type === 'deleteByCut') event.preventDefault(); // ImGui cuts on its own shortcut
          return;
        }
        event.preventDefault();
        var forward = type.indexOf('Forward') >= 0;
        var word = type.indexOf('Word') >= 0;
        _naervaer_text_input_key(forward ? 46 : 8, word ? 1 : 0); // DOM keyCodes Delete, Backspace
      } else if (type === 'insertLineBreak' || type === 'insertParagraph') {
        event.preventDefault(); // an Enter without keydown (some virtual keyboards)
        _naervaer_text_input_key(13, 0);
      } else if (type === 'historyUndo' || type === 'historyRedo') {
        event.preventDefault(); // the element's own history is of emptied values: meaningless
      }
    });
    field.addEventListener('input', function (event) {
      // Composed text is the IME's until committed (compositionend); the rest goes to ImGui now.
      if (state.composing || event.isComposing) return;
      state.flush();
    });
    // The composition itself is shown by the IME's own window, not here: the field might be a
    // password (see text_input.hpp).
    field.addEventListener('compositionstart', function () { state.composing = true; });
    field.addEventListener('compositionend', function () {
      state.composing = false;
      state.flush();
    });

    // ImGui sees one application focus: the canvas and this field together. Moving between the two
    // is not a loss of focus (ImGui would drop held keys).
    var focusChanged = function (event) {
      if (state.ours(event.relatedTarget)) return;
      _naervaer_text_input_app_focus(event.type === 'focus' ? 1 : 0);
    };
    canvas.addEventListener('focus', focusChanged);
    canvas.addEventListener('blur', focusChanged);
    field.addEventListener('focus', focusChanged);
    field.addEventListener('blur', function (event) {
      focusChanged(event);
      state.composing = false; // focus left mid-composition: what the IME did not commit is gone
      field.value = '';
    });

    // A press on a text field takes focus here at once, inside the user's gesture: iOS shows its
    // keyboard only for focus() called from a touch or click handler, and keys typed right after
    // the click must not go to the canvas. The last frame's cursor tells whether the pointer is over
    // an ImGui text field (ImGuiMouseCursor_TextInput). Once here, presses on the canvas keep focus
    // here (no keyboard flicker); the runner hands it back when ImGui's field is deactivated.
    canvas.addEventListener('mousedown', function (event) {
      if (event.button !== 0) return;
      if (document.activeElement === field || canvas.style.cursor === 'text') {
        event.preventDefault(); // the default would focus the canvas
        state.focus();
      }
    });
    // Touch: no hover, so the field is known active only once the press reached ImGui (a frame
    // after touchstart); by the lift it has, and this is still the gesture.
    canvas.addEventListener('touchend', function () {
      if (state.wanted) state.focus();
    });
  },

  naervaer_js_text_input_want__deps: ['$naervaerTextInput'],
  naervaer_js_text_input_want: function (wanted) {
    var state = naervaerTextInput;
    state.wanted = !!wanted;
    if (wanted) {
      state.focus();
    } else if (document.activeElement === state.field) {
      state.canvas.focus({ preventScroll: true });
    }
  },

  naervaer_js_text_input_place__deps: ['$naervaerTextInput'],
  naervaer_js_text_input_place: function (x, y, height) {
    var box = naervaerTextInput.canvas.getBoundingClientRect();
    var style = naervaerTextInput.field.style;
    style.left = (box.left + x) + 'px';
    style.top = (box.top + y) + 'px';
    style.height = height + 'px';
  },

  // Masked ImGui fields (passwords, CPR) get a password element, so that keyboards neither
  // suggest nor learn what is typed; focus and the listeners stay with the same element.
  naervaer_js_text_input_secret__deps: ['$naervaerTextInput'],
  naervaer_js_text_input_secret: function (secret) {
    naervaerTextInput.field.type = secret ? 'password' : 'text';
  },
});
