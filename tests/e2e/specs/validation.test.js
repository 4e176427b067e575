// Validation: an impossible date is refused on screen, in Danish, and nothing is saved or sent;
// in English the same error reads in English.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { appState, clickItem, demo, launchBrowser, waitForState } from '../lib/harness.js';
import {
  apiSession, checkPageErrors, click, employeeFreeFrom, loginAndSync, openApp, openEmployee, settledState,
  typeOver, withServer,
} from '../lib/app.js';

const DA = 'Ugyldig dato (skriv dd-mm-åååå)';
const EN = 'Invalid date (write dd-mm-yyyy)';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('31-02-2024 shows a Danish field error, saves nothing; English shows it in English', () =>
  withServer('validation', async (server, pages) => {
    const api = await apiSession(server, demo.leader);
    const employee = await employeeFreeFrom(api, new Date().toISOString().slice(0, 10));
    const before = (await api.pullAll()).size;

    const { context, page } = await openApp(browser, server, pages);
    try {
      await loginAndSync(page, demo.leader);
      await openEmployee(page, employee);
      await click(page, 'employee.new_spell');
      await waitForState(page, (s) => s.screen === 'spell_editor' && s.items['spell.first_day'], { what: 'the form' });
      const spellId = (await appState(page)).form.spell_id;
      assert.ok(!(await settledState(page)).errors.includes(DA), 'no error before typing');

      await typeOver(page, 'spell.first_day', '31-02-2024');
      let s = await waitForState(page, (st) => st.form.first_day === '31-02-2024' && st.errors.includes(DA),
        { what: 'the Danish date error' });
      assert.equal(s.language, 'da');

      // Saving is refused: the form stays, nothing is queued or sent.
      await click(page, 'spell.save');
      s = await settledState(page);
      assert.equal(s.screen, 'spell_editor');
      assert.equal(s.pending, 0);
      assert.ok(s.errors.includes(DA));
      assert.equal(await api.record('absence_spell', spellId), null);
      assert.equal((await api.pullAll()).size, before, 'the server has no new record');

      await clickItem(page, 'status.lang.en');
      s = await waitForState(page, (st) => st.language === 'en' && st.errors.includes(EN),
        { what: 'the English date error' });
      assert.ok(!s.errors.includes(DA));
      assert.equal(s.screen, 'spell_editor');
      checkPageErrors(page);
    } finally {
      await context.close();
    }
  }));
