// Login: the Danish error for a wrong password, typing that loses nothing (slow, fast, after Tab),
// a working login, and logout back to the login screen.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, demo, launchBrowser, waitForState } from '../lib/harness.js';
import {
  apiSession, checkPageErrors, login, loginAndSync, openApp, openEmployeeList, typeOver, withServer,
} from '../lib/app.js';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('a wrong password shows the Danish error and keeps the login screen', () =>
  withServer('login-wrong', async (server, pages) => {
    const { context, page } = await openApp(browser, server, pages);
    try {
      assert.equal((await waitForState(page, (s) => s.screen === 'login')).language, 'da');
      // A pause between keys, as a person types; login() checks every character arrived.
      await login(page, { email: demo.leader.email, password: 'forkert-kode' }, { delay: 30 });
      const s = await waitForState(page, (st) => st.last_error !== '', { what: 'the login error' });
      assert.equal(s.screen, 'login');
      assert.equal(s.user, null);
      assert.equal(s.last_error, 'Forkert e-mail eller adgangskode');
      assert.ok(s.errors.includes('Forkert e-mail eller adgangskode'), `on screen: ${JSON.stringify(s.errors)}`);
      checkPageErrors(page);
    } finally {
      await context.close();
    }
  }));

test('the right password signs in (typed at full speed); logout returns to the login screen', () =>
  withServer('login-logout', async (server, pages) => {
    const { context, page } = await openApp(browser, server, pages);
    try {
      // No delay: key events arrive faster than frames, the first right after Tab.
      const s = await loginAndSync(page, demo.leader, { delay: 0 });
      assert.equal(s.user.email, demo.leader.email);
      assert.equal(s.user.role, 'team_leader');
      assert.ok(s.employees_visible > 0, 'the team leader sees employees');

      // Danish letters reach an ImGui field: search a name with æ, ø or å. Playwright types them as
      // inserted text (CDP Input.insertText), as IME, dictation and phone keyboards do.
      const api = await apiSession(server, demo.leader);
      const names = [...(await api.pullAll()).values()]
        .filter((r) => r.type === 'employee' && !r.deleted).map((r) => r.data.name);
      const name = names.find((n) => /[æøåÆØÅ]/.test(n));
      assert.ok(name, 'the demo data has a name with æ, ø or å');
      assert.equal(s.screen, 'home', 'signed in on the to-dos');
      await openEmployeeList(page);
      await typeOver(page, 'list.search', name);
      const found = await waitForState(page, (st) => st.search === name &&
        st.employees_visible === names.filter((n) => n.toLowerCase().includes(name.toLowerCase())).length,
      { what: `the search for ${name}` });
      assert.ok(found.employees_visible >= 1);

      await clickItem(page, 'status.logout');
      const out = await waitForState(page, (st) => st.screen === 'login', { what: 'the login screen' });
      assert.equal(out.user, null);
      // The session ended on the server too: a reload does not sign in again.
      await page.reload();
      await waitForState(page, (st) => st.screen === 'login', { what: 'the login screen after reload' });
      checkPageErrors(page);
    } finally {
      await context.close();
    }
  }));
