// Offline: a spell recorded without network is kept in the outbox, survives a reload served by the
// service worker, and reaches the server once the network is back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { appState, demo, launchBrowser, waitForState } from '../lib/harness.js';
import {
  apiSession, checkPageErrors, danishDate, employeeFreeFrom, isoFromDanish, loginAndSync, openApp,
  openEmployee, recordSpell, spellIn, waitForServer, withServer,
} from '../lib/app.js';

const NOTE = 'Skrevet offline – ringer igen i morgen (æøå)';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

// The page is controlled by the service worker, reloading once (online) if the first load was
// not: only a controlled page can be reloaded without network.
async function ensureServiceWorker(page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const controlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!(await controlled())) {
    await page.reload();
    await waitForState(page, (s) => s.screen === 'home', { what: 'the app after a reload' });
  }
  assert.ok(await controlled(), 'the service worker controls the page');
}

test('a spell recorded offline survives a reload and syncs when the network is back', () =>
  withServer('offline', async (server, pages) => {
    const api = await apiSession(server, demo.leader);
    const firstDay = danishDate(-1);
    const employee = await employeeFreeFrom(api, isoFromDanish(firstDay));

    const { context, page } = await openApp(browser, server, pages);
    try {
      await loginAndSync(page, demo.leader);
      await ensureServiceWorker(page);
      await openEmployee(page, employee);

      await context.setOffline(true);
      await waitForState(page, (s) => s.online === false, { what: 'the app to notice it is offline' });
      const id = await recordSpell(page, { firstDay, note: NOTE });
      let s = await appState(page);
      assert.equal(s.online, false);
      assert.ok(s.pending >= 1, `pending ${s.pending}`);
      assert.equal(await api.record('absence_spell', id), null, 'nothing reached the server while offline');

      // Reload without network: the service worker serves the shell, IndexedDB the replica and
      // outbox, the cached profile the user.
      await page.reload();
      s = await waitForState(page, (st) => st.screen !== 'starting', { what: 'the app offline after reload' });
      assert.equal(s.screen, 'home');
      assert.equal(s.online, false);
      assert.ok(s.pending >= 1, `pending after reload ${s.pending}`);
      s = await openEmployee(page, employee);
      assert.equal(spellIn(s, id)?.note, NOTE);
      assert.equal(spellIn(s, id)?.first_day, isoFromDanish(firstDay));

      await context.setOffline(false);
      s = await waitForState(page, (st) => st.online && st.pending === 0, { what: 'the outbox pushed' });
      assert.equal(s.conflicts.length, 0);
      assert.equal(s.rejected, 0, `refused: ${JSON.stringify(s.rejected_changes)}`);
      const onServer = await waitForServer(api, 'absence_spell', id, (r) => r.data.note === NOTE);
      assert.equal(onServer.data.first_day, isoFromDanish(firstDay));
      assert.equal(onServer.data.employee_id, employee.id);
      checkPageErrors(page);
    } finally {
      await context.close();
    }
  }));
