// A round-table meeting (seed 003, Helsingør) in the browser: HR opens a case, starts a round
// table, places the employee on the staircase twice with different steps (the mismatch is shown),
// writes the plan and an agreement, records the employee's sign-off, and downloads the PDF, whose
// text is read back with poppler's pdftotext. The server has the signed record, stamped with who
// recorded the sign-off.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { artifactsDir, demo, launchBrowser, waitForState } from '../lib/harness.js';
import {
  apiSession, checkPageErrors, click, danishDate, employeeFreeFrom, isoFromDanish, loginAndSync, openApp,
  openEmployee, recordSpell, scrollTo, settledState, typeOver, waitForServer, withServer,
} from '../lib/app.js';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const mismatch = 'Placeringerne er 2 trin fra hinanden – tal om forskellen.';

test('HR holds a round table with a staircase mismatch, signs it off and downloads its PDF', () =>
  withServer('conversation', async (server, pages) => {
    const api = await apiSession(server, demo.hr);
    const firstDay = danishDate(-20);
    const employee = await employeeFreeFrom(api, isoFromDanish(firstDay));

    const { context, page } = await openApp(browser, server, pages);
    try {
      await loginAndSync(page, demo.hr);
      await openEmployee(page, employee);
      const spellId = await recordSpell(page, { firstDay });
      await waitForState(page, (s) => s.pending === 0 && s.timeline && s.timeline.spell_id === spellId,
        { what: 'the new case and its timeline' });

      // "Ny samtale" lists the templates; the round table opens as a draft of this case.
      await click(page, 'case.conversations.new');
      await click(page, 'case.conversations.new.round_table');
      let s = await waitForState(page, (st) => st.screen === 'conversation' && st.conversation &&
        st.conversation.template_id === 'round_table', { what: 'the round table' });
      const recordId = s.conversation.record_id;
      assert.equal(s.conversation.status, 'draft');
      assert.equal(s.conversation.held_on, danishDate(0), 'held today by default');
      assert.equal(s.conversation.answers.follow_up_date, isoFromDanish(danishDate(28)),
        'the follow-up four weeks later (seed 003)');

      // The employee sees themself as partly able in their own job, the employer as temporarily
      // unable: two steps apart.
      await click(page, 'form.placement_employee.step.partly_fit');
      await click(page, 'form.placement_employer.step.temporarily_unable');
      await waitForState(page, (st) => st.conversation.notices.includes(mismatch), { what: 'the mismatch shown' });
      await scrollTo(page, 'form.placement_employee.comparison');
      s = await settledState(page);
      assert.ok(s.items['form.placement_employee.comparison'], 'the comparison under the placements');
      assert.equal(s.conversation.answers.placement_employee, 'partly_fit');
      assert.equal(s.conversation.answers.placement_employer, 'temporarily_unable');

      const plan = 'Starter med 15 timer om ugen på lageret og trapper op hver anden uge.';
      await typeOver(page, 'form.plan', plan);
      await click(page, 'form.agreements.add');
      const agreement = 'Aftale møde med jobcentrets fastholdelseskonsulent';
      await typeOver(page, 'form.agreements.0.text', agreement);
      await typeOver(page, 'form.agreements.0.owner', 'Bente (HR)');
      await typeOver(page, 'form.agreements.0.due', danishDate(10));
      s = await waitForState(page, (st) => st.conversation.answers.plan === plan &&
        st.conversation.answers.agreements?.[0]?.due === isoFromDanish(danishDate(10)) &&
        st.conversation.answers.agreements[0].owner === 'Bente (HR)',
      { what: 'the plan and the agreement typed' });
      // The screenshot shows both placements side by side with the mismatch under them.
      await scrollTo(page, 'form.placement_employee.step.fully_fit');
      await settledState(page);
      await page.screenshot({ path: path.join(artifactsDir, 'round-table.png') });

      // The draft autosaves and reaches the server.
      await waitForServer(api, 'conversation_record', recordId, (r) => r.data.status === 'draft' &&
        r.data.answers.plan === plan);

      // The employee's sign-off: the name is prefilled; agreed; then the record is locked.
      await click(page, 'conversation.sign');
      s = await waitForState(page, (st) => st.conversation.signing && st.items['conversation.sign.confirm'],
        { what: 'the sign-off panel' });
      assert.equal(s.conversation.sign.name, employee.name);
      await click(page, 'conversation.sign.agreed.yes');
      await click(page, 'conversation.sign.confirm');
      s = await waitForState(page, (st) => st.conversation.status === 'signed' && st.conversation.read_only &&
        st.pending === 0, { what: 'signed and synced' });

      const me = (await api.get('/api/v1/auth/me')).body.user;
      const stored = await waitForServer(api, 'conversation_record', recordId, (r) => r.data.status === 'signed');
      assert.equal(stored.data.sign_off.recorded_by, me.id);
      assert.equal(stored.data.sign_off.employee_name, employee.name);
      assert.equal(stored.data.spell_id, spellId);

      // The PDF, as the browser downloads it, read back as text.
      const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'conversation.pdf')]);
      assert.equal(download.suggestedFilename(), `round_table-${employee.number}-${danishDate(0)}.pdf`);
      assert.ok(!download.suggestedFilename().includes(employee.name), 'no name in the file name');
      const file = await download.path();
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      for (const expected of ['Rundbordssamtale', employee.name, 'Delvist arbejdsdygtig i eget job',
        'Midlertidigt uarbejdsdygtig', 'Placeringerne er forskellige: 2 trin fra hinanden.', agreement,
        'Bente (HR)', danishDate(10), 'Side 1 af', 'Underskrift', 'Registreret af', me.name]) {
        assert.ok(text.includes(expected), `the PDF says "${expected}"\n${text}`);
      }
      s = await settledState(page);
      assert.equal(s.conversation.downloads, 1);
      checkPageErrors(page);
    } finally {
      await context.close();
    }
  }));
