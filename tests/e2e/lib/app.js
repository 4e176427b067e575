// What the specs do with the app, the way a person does it: real mouse clicks at the rectangles the
// app reports (state.items, see client/views/test_anchors.hpp) and real key presses. Assertions
// read window.naervaerState() and, for the server's side, the HTTP API (docs/api.md).
import assert from 'node:assert/strict';
import { appState, artifactsDir, clickItem, startServer, waitForState } from './harness.js';

export const viewport = { width: 1280, height: 800 };

// Runs `fn` against a server of its own (fresh demo data), stopped afterwards whatever happens.
// On failure the server's log and a screenshot of every open page are kept in the artifacts.
export async function withServer(name, fn) {
  const server = await startServer();
  const pages = [];
  try {
    return await fn(server, pages);
  } catch (e) {
    await Promise.all(pages.map((p, i) => p.screenshot({ path: `${artifactsDir}/${name}-failed-${i}.png` })
      .catch(() => {})));
    e.message += `\n--- server log (tail) ---\n${server.log().slice(-3000)}`;
    throw e;
  } finally {
    await server.stop();
  }
}

// A new browser profile (cookies, IndexedDB, service worker of its own) with the app loaded.
// `pages` collects it for withServer's failure screenshots. Uncaught page errors are kept for
// checkPageErrors.
export async function openApp(browser, server, pages = []) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  pages.push(page);
  page.naervaerErrors = [];
  page.on('pageerror', (e) => page.naervaerErrors.push(String(e)));
  await page.goto(server.url);
  await waitForState(page, (s) => s.screen !== 'starting', { what: 'the app to start' });
  return { context, page };
}

export function checkPageErrors(page) {
  assert.deepEqual(page.naervaerErrors, [], 'uncaught errors in the page');
}

// The state once the app has gone idle: the runner renders only while input, network or timers
// ask for frames, so a frame counter that stops moving means the last input has been handled
// (and item rectangles and error messages are those of the final frame). Gives up after
// `timeout` for a screen that keeps animating, returning what it shows then.
export async function settledState(page, { timeout = 5000 } = {}) {
  const deadline = Date.now() + timeout;
  let last = -1;
  let still = 0;
  while (still < 3 && Date.now() < deadline) {
    const frames = await page.evaluate(() => window.naervaerFrames);
    still = frames === last ? still + 1 : 0;
    last = frames;
    await page.waitForTimeout(50);
  }
  return appState(page);
}

// Clicks an item, first scrolling the screen with the mouse wheel (as a person would) when the
// item lies outside what the window shows: down first, then back up. The app reports only items
// the user can see. The wheel turns beside the centred forms; over a full-width form it may turn
// over a textarea overlay, which hands it on to the screen when it has nothing to scroll itself.
export async function click(page, name, options = {}) {
  await scrollTo(page, name, options);
  await clickItem(page, name);
}

// Scrolls with the mouse wheel until the item shows (as click does, without clicking).
export async function scrollTo(page, name, { scrollAt = { x: 150, y: viewport.height / 2 } } = {}) {
  const fully = (s) => {
    const r = s.items[name];
    return r && r[3] >= 16; // enough of it shows to hit it
  };
  let s = await appState(page);
  for (const [turns, delta] of [[20, 150], [40, -150]]) {
    for (let i = 0; i < turns && !(s && fully(s)); ++i) {
      await page.mouse.move(scrollAt.x, scrollAt.y);
      await page.mouse.wheel(0, delta);
      s = await settledState(page);
    }
  }
}

// Selects what a text field holds and types over it. Waits, as a person waits for the caret, until
// the field has the keyboard: an ImGui field takes it (the hidden text input of client/web/
// text_input.hpp) in the frame after the click. Keys pressed before that go to the canvas, which
// takes only keydown text; letters Playwright inserts as text (æøå €) would find no editable
// element yet.
export async function typeOver(page, item, text, { scrollAt, ...options } = {}) {
  await click(page, item, scrollAt ? { scrollAt } : {});
  // A textarea overlay is the element itself. An ImGui field shares one hidden input with every
  // other field, so after another field that input has the keyboard already: wait until the app
  // says the clicked field is the active one (state.active_item).
  await page.waitForFunction((name) => {
    const tag = document.activeElement?.tagName;
    if (tag === 'TEXTAREA') return true;
    if (tag !== 'INPUT' || typeof window.naervaerState !== 'function') return false;
    return JSON.parse(window.naervaerState()).active_item === name;
  }, item, { timeout: 5000 });
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text, options);
}

// The login form as a person uses it: click the e-mail field, type, Tab, type the password, then
// the button. Checks that every character arrived before submitting.
export async function login(page, user, { delay = 0 } = {}) {
  await waitForState(page, (s) => s.screen === 'login' && s.items['login.email'], { what: 'the login form' });
  await typeOver(page, 'login.email', user.email, { delay });
  await page.keyboard.press('Tab');
  await page.keyboard.type(user.password, { delay });
  await waitForState(page, (s) => s.form && s.form.email === user.email &&
    s.form.password_length === user.password.length, { what: 'the typed credentials' });
  await clickItem(page, 'login.submit');
}

// Signs in and waits for the first sync to finish.
export async function loginAndSync(page, user, options) {
  await login(page, user, options);
  return waitForState(page, (s) => s.screen === 'home' && s.last_sync !== null && s.pending === 0,
    { what: 'signed in and synced' });
}

// From anywhere signed in (the home screen after login): the employee list.
export async function openEmployeeList(page) {
  const s = await appState(page);
  if (s.screen === 'employees') return s;
  await clickItem(page, 'nav.employees');
  return waitForState(page, (st) => st.screen === 'employees', { what: 'the employee list' });
}

// From anywhere signed in: the employee list, filtered by the employee number (unique, where a
// name need not be), then a click on the row.
export async function openEmployee(page, employee) {
  await openEmployeeList(page);
  await typeOver(page, 'list.search', employee.number);
  const row = `list.row.${employee.id}`;
  await waitForState(page, (st) => st.employees_visible === 1 && st.items[row], { what: `row ${row}` });
  await clickItem(page, row);
  return waitForState(page, (st) => st.screen === 'employee' && st.selected_employee &&
    st.selected_employee.id === employee.id, { what: `employee ${employee.id}` });
}

// Fills the spell form that is open: first day (dd-mm-åååå) and the note (the textarea overlay).
export async function fillSpellForm(page, { firstDay, note }) {
  await waitForState(page, (s) => s.screen === 'spell_editor' && s.items['spell.first_day'], { what: 'the spell form' });
  if (firstDay !== undefined) await typeOver(page, 'spell.first_day', firstDay);
  if (note !== undefined) await typeOver(page, 'spell.note', note);
  await waitForState(page, (s) => s.form && (firstDay === undefined || s.form.first_day === firstDay) &&
    (note === undefined || s.form.note === note), { what: 'the typed spell form' });
}

// Records a spell for the employee whose page is open; returns the new spell's id.
export async function recordSpell(page, { firstDay, note }) {
  await click(page, 'employee.new_spell');
  await fillSpellForm(page, { firstDay, note });
  const { spell_id: id } = (await appState(page)).form;
  await click(page, 'spell.save');
  await waitForState(page, (s) => s.screen === 'employee' && s.spells.some((sp) => sp.id === id),
    { what: `spell ${id} saved` });
  return id;
}

// Edits the note of a spell on the employee page that is open.
export async function editNote(page, spellId, note) {
  await click(page, `spell.edit.${spellId}`);
  await fillSpellForm(page, { note });
  await click(page, 'spell.save');
  await waitForState(page, (s) => s.screen === 'employee' &&
    s.spells.some((sp) => sp.id === spellId && sp.note === note), { what: `note of ${spellId} saved` });
}

export function spellIn(state, id) {
  return state.spells.find((s) => s.id === id);
}

// dd-mm-åååå of the local date `days` from today.
export function danishDate(days = 0) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const two = (n) => String(n).padStart(2, '0');
  return `${two(d.getDate())}-${two(d.getMonth() + 1)}-${d.getFullYear()}`;
}

export function isoFromDanish(danish) {
  const [dd, mm, yyyy] = danish.split('-');
  return `${yyyy}-${mm}-${dd}`;
}

// ---- the server's side ------------------------------------------------------------------------

// A signed-in API session (cookie and CSRF token), as a second client would hold.
export async function apiSession(server, user) {
  const r = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  assert.equal(r.status, 200, `API login of ${user.email}`);
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrf_token: csrf } = await r.json();
  const request = async (method, path, body) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  };
  return {
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    // Every record this user may see, by "type/id".
    async pullAll() {
      const records = new Map();
      let since = 0;
      for (;;) {
        const r = await request('GET', `/api/v1/sync?since=${since}&limit=1000`);
        assert.equal(r.status, 200, 'GET /api/v1/sync');
        for (const rec of r.body.changes) records.set(`${rec.type}/${rec.id}`, rec);
        since = r.body.cursor;
        if (!r.body.more) return records;
      }
    },
    async record(type, id) {
      const r = await request('GET', `/api/v1/records/${type}/${id}`);
      return r.status === 200 ? r.body : null;
    },
  };
}

// An employee this user may see who can take a new, ongoing spell from `firstIso` on: employed by
// then, and every earlier spell ended before it. Picked deterministically.
export async function employeeFreeFrom(api, firstIso) {
  const records = [...(await api.pullAll()).values()].filter((r) => !r.deleted);
  const busy = new Set(records
    .filter((r) => r.type === 'absence_spell' && (r.data.last_day === null || r.data.last_day >= firstIso ||
      r.data.first_day >= firstIso))
    .map((r) => r.data.employee_id));
  const candidates = records
    .filter((r) => r.type === 'employee' && !busy.has(r.id) && r.data.employment_start <= firstIso)
    .sort((a, b) => a.id.localeCompare(b.id));
  assert.ok(candidates.length > 0, `the demo data has an employee free from ${firstIso}`);
  const e = candidates[0];
  return { id: e.id, number: e.data.employee_number, name: e.data.name };
}

// Waits until the server holds a record satisfying `predicate`.
export async function waitForServer(api, type, id, predicate, { timeout = 15000, what = `${type}/${id}` } = {}) {
  const deadline = Date.now() + timeout;
  let last = null;
  while (Date.now() < deadline) {
    last = await api.record(type, id);
    if (last && predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what} on the server; last: ${JSON.stringify(last)}`);
}
