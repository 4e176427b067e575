// Recording an absence spell: a team leader types it in (first day as dd-mm-åååå, a note with
// Danish letters, an en dash and € in the textarea overlay), it is synced, it survives a reload,
// another browser profile sees it, and the server holds the note byte for byte.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { appState, artifactsDir, demo, launchBrowser, waitForState } from '../lib/harness.js';
import {
  apiSession, checkPageErrors, danishDate, employeeFreeFrom, isoFromDanish, loginAndSync, openApp,
  openEmployee, recordSpell, spellIn, waitForServer, withServer,
} from '../lib/app.js';

const NOTE = 'Ringede kl. 7 – æøå ÆØÅ €';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('a team leader records a spell; it persists, syncs to another profile and the server', () =>
  withServer('absence', async (server, pages) => {
    const api = await apiSession(server, demo.leader);
    // Yesterday: a typed date, not the form's prefilled today.
    const firstDay = danishDate(-1);
    const employee = await employeeFreeFrom(api, isoFromDanish(firstDay)); // the leader's departments

    const a = await openApp(browser, server, pages);
    const b = await openApp(browser, server, pages);
    try {
      const { page } = a;
      await loginAndSync(page, demo.leader);
      await openEmployee(page, employee);
      const id = await recordSpell(page, { firstDay, note: NOTE });

      let s = await waitForState(page, (st) => st.pending === 0, { what: 'the spell pushed' });
      const spell = spellIn(s, id);
      assert.equal(spell.note, NOTE);
      assert.equal(spell.first_day, isoFromDanish(firstDay));
      assert.equal(spell.last_day, null);
      assert.equal(spell.kind, 'sickness');
      await page.screenshot({ path: path.join(artifactsDir, 'main-screen.png') });

      // The server has exactly what was typed.
      const onServer = await api.record('absence_spell', id);
      assert.ok(onServer, 'the spell is on the server');
      assert.equal(onServer.data.note, NOTE);
      assert.equal(Buffer.compare(Buffer.from(onServer.data.note, 'utf8'), Buffer.from(NOTE, 'utf8')), 0);
      assert.equal(onServer.data.first_day, isoFromDanish(firstDay));
      assert.equal(onServer.data.employee_id, employee.id);

      // A reload keeps the session and the replica.
      await page.reload();
      s = await waitForState(page, (st) => st.screen !== 'starting', { what: 'the app after reload' });
      assert.equal(s.screen, 'home', 'still signed in after a reload, on the home screen');
      await openEmployee(page, employee);
      assert.equal(spellIn(await appState(page), id)?.note, NOTE);

      // Another browser profile, signed in as HR, gets it through sync.
      await loginAndSync(b.page, demo.hr);
      await openEmployee(b.page, employee);
      s = await waitForState(b.page, (st) => spellIn(st, id), { what: 'the spell in the second profile' });
      assert.equal(spellIn(s, id).note, NOTE);
      assert.equal(spellIn(s, id).first_day, isoFromDanish(firstDay));

      // And it is still the one record: nothing was pushed twice or changed on the way.
      const again = await waitForServer(api, 'absence_spell', id, () => true);
      assert.equal(again.rev, onServer.rev);
      checkPageErrors(page);
      checkPageErrors(b.page);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  }));
