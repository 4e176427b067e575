// To-dos: a team leader records a spell and finds its deadlines and the employer's alert on the
// home screen, marks the alert done (the server records who), and downloads the .ics file that
// Outlook and Google Calendar import, whose events are checked line by line.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { artifactsDir, demo, launchBrowser, waitForState } from '../lib/harness.js';
import {
  apiSession, checkPageErrors, click, danishDate, employeeFreeFrom, isoFromDanish, loginAndSync, openApp,
  openEmployee, recordSpell, settledState, waitForServer, withServer,
} from '../lib/app.js';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

// yyyy-mm-dd `days` after an ISO date (local calendar arithmetic, no time zones involved).
function plusDays(iso, days) {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}

// RFC 5545 content lines: unfolded (CRLF + space continues the line above).
function unfold(text) {
  return text.replace(/\r\n /g, '');
}

function events(ics) {
  return unfold(ics).split('BEGIN:VEVENT\r\n').slice(1).map((block) => {
    const fields = {};
    for (const line of block.split('\r\n')) {
      const at = line.indexOf(':');
      if (at > 0) fields[line.slice(0, at)] ??= line.slice(at + 1);
    }
    return fields;
  });
}

test('a team leader records a spell, sees its to-dos, marks one done and exports the calendar', () =>
  withServer('todos', async (server, pages) => {
    const api = await apiSession(server, demo.leader);
    // Day 9 today: the week alert (day 7) has fired, the conversation (first day + 28) is ahead.
    const firstDay = danishDate(-8);
    const firstIso = isoFromDanish(firstDay);
    const employee = await employeeFreeFrom(api, firstIso);

    const { context, page } = await openApp(browser, server, pages);
    try {
      await loginAndSync(page, demo.leader);
      await openEmployee(page, employee);
      const spellId = await recordSpell(page, { firstDay, note: 'Ringede om morgenen' });
      await waitForState(page, (s) => s.pending === 0, { what: 'the spell pushed' });

      await click(page, 'nav.home');
      const conversationKey = `${spellId}/absence_conversation`;
      const alertKey = `${spellId}/alert/continuous_week`;
      let s = await waitForState(page, (st) => st.screen === 'home' &&
        st.todos.items.some((t) => t.key === conversationKey), { what: 'the new case\'s to-dos' });
      const conversation = s.todos.items.find((t) => t.key === conversationKey);
      assert.equal(conversation.due, plusDays(firstIso, 28), '4 weeks after the first sick day');
      assert.equal(conversation.source, 'deadline');
      const alert = s.todos.items.find((t) => t.key === alertKey);
      assert.ok(alert, 'one week of sickness: the default alert of seed 003');
      assert.equal(alert.due, plusDays(firstIso, 6), 'day 7');
      assert.equal(alert.bucket, 'overdue');
      assert.ok(s.todos.overdue >= 1);
      assert.ok(s.items['status.todos'], 'the status line counts the to-dos');
      await page.screenshot({ path: path.join(artifactsDir, 'home-screen.png') });

      // Mark the alert done: the employee was contacted today.
      await click(page, `home.todo.done.${alertKey}`);
      s = await waitForState(page, (st) => st.screen === 'mark_todo' && st.items['mark.save'],
        { what: 'the mark form' });
      assert.equal(s.form.done_on, danishDate(0), 'today by default');
      await click(page, 'mark.save');
      s = await waitForState(page, (st) => st.screen === 'home' && st.pending === 0 &&
        !st.todos.items.some((t) => t.key === alertKey), { what: 'the alert marked done and synced' });
      const mark = s.todos.marks.find((m) => m.key === alertKey);
      assert.ok(mark, 'the mark is in the replica');
      assert.equal(mark.done_on, isoFromDanish(danishDate(0)));

      // The server stamped who marked it.
      const me = (await api.get('/api/v1/auth/me')).body.user;
      const records = await api.pullAll();
      const stored = [...records.values()].find((r) => r.type === 'todo_done' && r.data.todo_key === alertKey);
      assert.ok(stored, 'the mark is on the server');
      assert.equal(stored.data.done_by, me.id);
      assert.equal(stored.data.done_by_name, me.name);
      assert.equal(stored.updated_by, me.id);
      await waitForServer(api, 'todo_done', stored.id, (r) => r.data.done_on === mark.done_on);

      // The calendar file, as the browser downloads it.
      s = await settledState(page);
      const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'home.export')]);
      assert.equal(download.suggestedFilename(), `naervaer-frister-${isoFromDanish(danishDate(0))}.ics`);
      const ics = await readFile(await download.path(), 'utf8');
      assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'), 'an iCalendar file');
      assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
      assert.ok(!/[^\r]\n/.test(ics), 'every line ends in CRLF');
      for (const line of ics.split('\r\n')) {
        assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `folded at 75 octets: ${line}`);
      }
      const listed = events(ics);
      assert.equal(listed.length, s.todos.items.length, 'one event per open to-do');
      const event = listed.find((e) => e.UID === `${conversationKey}@naervaer`);
      assert.ok(event, 'the conversation deadline is in the calendar');
      assert.equal(event['DTSTART;VALUE=DATE'], conversation.due.replaceAll('-', ''));
      assert.equal(event['DTEND;VALUE=DATE'], plusDays(conversation.due, 1).replaceAll('-', ''));
      assert.match(event.SUMMARY, /sygefraværssamtale/i);
      assert.ok(!event.SUMMARY.includes(employee.name), 'no names unless asked for');
      assert.ok(event.SUMMARY.includes(employee.number), 'the employee number instead');
      assert.ok(!listed.some((e) => e.UID === `${alertKey}@naervaer`), 'the done alert is not exported');
      checkPageErrors(page);
    } finally {
      await context.close();
    }
  }));
