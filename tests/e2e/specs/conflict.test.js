// Conflict: two profiles edit the same spell's note; the later push gets a conflict that shows both
// versions, the person keeps theirs with a mouse click, and the server ends with it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { appState, clickItem, demo, launchBrowser, waitForState } from '../lib/harness.js';
import {
  apiSession, checkPageErrors, danishDate, editNote, employeeFreeFrom, isoFromDanish, loginAndSync,
  openApp, openEmployee, recordSpell, spellIn, waitForServer, withServer,
} from '../lib/app.js';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('the later edit gets a conflict with both versions; "keep mine" wins on the server', () =>
  withServer('conflict', async (server, pages) => {
    const api = await apiSession(server, demo.leader);
    const firstDay = danishDate(-1);
    const employee = await employeeFreeFrom(api, isoFromDanish(firstDay));
    const original = 'Første version';
    const theirs = 'Lederens rettelse – ringer fredag';
    const mine = 'HR: lægeerklæring modtaget (æøå)';

    const a = await openApp(browser, server, pages); // the team leader
    const b = await openApp(browser, server, pages); // HR
    try {
      await loginAndSync(a.page, demo.leader);
      await openEmployee(a.page, employee);
      const id = await recordSpell(a.page, { firstDay, note: original });
      await waitForState(a.page, (s) => s.pending === 0, { what: 'the spell pushed' });

      await loginAndSync(b.page, demo.hr);
      let s = await openEmployee(b.page, employee);
      assert.equal(spellIn(s, id)?.note, original);

      // B works offline on the version it has, while A's edit reaches the server.
      await b.context.setOffline(true);
      await waitForState(b.page, (st) => st.online === false, { what: 'B offline' });
      await editNote(a.page, id, theirs);
      await waitForState(a.page, (st) => st.pending === 0, { what: "A's edit pushed" });
      await waitForServer(api, 'absence_spell', id, (r) => r.data.note === theirs);
      await editNote(b.page, id, mine);
      assert.ok((await appState(b.page)).pending >= 1);

      await b.context.setOffline(false);
      s = await waitForState(b.page, (st) => st.conflicts.length === 1, { what: 'the conflict' });
      assert.equal(s.conflicts[0].id, id);
      assert.deepEqual(s.conflicts[0].fields, ['note']);
      // The server kept A's version; B's is not lost.
      assert.equal((await api.record('absence_spell', id)).data.note, theirs);

      // Both versions side by side, then "keep mine" with the mouse.
      await clickItem(b.page, 'nav.conflicts');
      s = await waitForState(b.page, (st) => st.screen === 'conflicts' && st.items[`conflict.keep_mine.${id}`],
        { what: 'the conflicts screen' });
      assert.equal(s.conflicts[0].mine.note, mine);
      assert.equal(s.conflicts[0].theirs.note, theirs);
      await clickItem(b.page, `conflict.keep_mine.${id}`);
      s = await waitForState(b.page, (st) => st.conflicts.length === 0 && st.pending === 0,
        { what: 'the conflict resolved and pushed' });
      assert.equal(s.rejected, 0);

      const final = await waitForServer(api, 'absence_spell', id, (r) => r.data.note === mine);
      assert.equal(final.data.first_day, isoFromDanish(firstDay));
      checkPageErrors(a.page);
      checkPageErrors(b.page);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  }));
