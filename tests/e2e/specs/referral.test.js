// Fast track from the employer to the jobcentre and back, in two browser profiles against one
// server (docs/referrals.md): HR of the demo organisation opens a new case whose fast-track window
// is open, fills and sends the request; the retention consultant of Jobcenter Hjørring signs
// in (online only: the inbox, no sync), sees it, acknowledges it and books a round-table meeting;
// HR then sees "Møde aftalt" on the case. Screenshots of both sides go to the artifacts.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { appState, artifactsDir, demo, launchBrowser, waitForState } from '../lib/harness.js';
import {
  apiSession, checkPageErrors, click, danishDate, fillSpellForm, isoFromDanish, login, loginAndSync, openApp, openEmployee,
  scrollTo, settledState, typeOver, waitForServer, withServer,
} from '../lib/app.js';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const consultant = { email: 'konsulent@jobcenter-hjoerring.demo', password: 'demo-konsulent' };

// An employee of the demo living in Hjørring (860) who can take a new, ongoing case from
// `firstIso` on (employed by then, every earlier case ended before it) and has no referral yet.
// The demo's own case in its fast-track window is already referred (the demo's referral), so the
// test opens a new one: not expected back within 8 weeks, day 11 of the absence, well within the
// 5 weeks (docs/referrals.md).
async function employeeInHjoerring(api, firstIso) {
  const records = [...(await api.pullAll()).values()].filter((r) => !r.deleted);
  const busy = new Set(records
    .filter((r) => (r.type === 'absence_spell' && (r.data.last_day === null || r.data.last_day >= firstIso ||
      r.data.first_day >= firstIso)) || r.type === 'referral')
    .map((r) => r.data.employee_id));
  const e = records
    .filter((r) => r.type === 'employee' && !busy.has(r.id) && r.data.employment_start <= firstIso &&
      r.data.home_municipality === '860')
    .sort((a, b) => a.id.localeCompare(b.id))[0];
  assert.ok(e, `the demo has an employee in Hjørring free from ${firstIso}`);
  return { id: e.id, number: e.data.employee_number, name: e.data.name };
}

// Fills the required fields the prefill left empty (docs/referrals.md, the template).
async function completeForm(page) {
  let s = await settledState(page);
  const a = s.referral.answers;
  if (!a.contact_name) await typeOver(page, 'form.contact_name', 'Bente Hansen');
  if (!a.contact_phone) await typeOver(page, 'form.contact_phone', '98 12 34 56');
  if (!a.expected_duration) await click(page, 'form.expected_duration.option.weeks_13_26');
  if (!a.employee_informed_on) await typeOver(page, 'form.employee_informed_on', danishDate(0));
  if (!a.employee_informed_how) await click(page, 'form.employee_informed_how.option.phone');
  s = await waitForState(page, (st) => st.referral.answers.contact_name && st.referral.answers.contact_phone &&
    st.referral.answers.expected_duration && st.referral.answers.employee_informed_on &&
    st.referral.answers.employee_informed_how, { what: 'the required answers' });
  return s;
}

test('HR requests fast track, the consultant of Hjørring acknowledges it and books a meeting HR then sees', () =>
  withServer('referral', async (server, pages) => {
    const api = await apiSession(server, demo.hr);
    const firstDay = danishDate(-10);
    const employee = await employeeInHjoerring(api, isoFromDanish(firstDay));

    // ---- HR: the case, "Anmod om fast track", the form, send ----
    const hr = await openApp(browser, server, pages);
    const consultantSide = await openApp(browser, server, pages);
    try {
      await loginAndSync(hr.page, demo.hr);
      await openEmployee(hr.page, employee);
      // The new case: sick since 10 days ago, not expected back within 8 weeks.
      await click(hr.page, 'employee.new_spell');
      await fillSpellForm(hr.page, { firstDay });
      await click(hr.page, 'spell.not_within_8_weeks');
      const { spell_id: spellId } = (await appState(hr.page)).form;
      await click(hr.page, 'spell.save');
      await waitForState(hr.page, (st) => st.screen === 'employee' && st.pending === 0 && st.timeline &&
        st.timeline.spell_id === spellId, { what: 'the new case synced' });
      const spell = await waitForServer(api, 'absence_spell', spellId, () => true);
      assert.equal(spell.data.not_expected_back_within_8_weeks, true);
      await click(hr.page, 'case.fast_track');
      let s = await waitForState(hr.page, (st) => st.screen === 'referral' && st.referral &&
        st.referral.kind === 'fast_track', { what: 'the fast-track form' });
      assert.equal(s.referral.eligibility.eligible, true, s.referral.eligibility.reason);
      assert.equal(s.referral.municipality_code, '860');
      assert.equal(s.referral.jobcenter, 'Jobcenter Hjørring');
      const referralId = s.referral.id;
      await completeForm(hr.page);

      await click(hr.page, 'referral.send');
      await typeOver(hr.page, 'referral.send.requested_on', danishDate(0));
      await click(hr.page, 'referral.send.confirm');
      s = await waitForState(hr.page, (st) => st.referral && st.referral.status === 'sent' && st.pending === 0,
        { what: 'the request sent and synced' });
      await waitForServer(api, 'referral', referralId, (r) => r.data.status === 'sent');

      // ---- the consultant, in another browser profile ----
      const cp = consultantSide.page;
      await login(cp, consultant);
      s = await waitForState(cp, (st) => st.screen === 'jobcenter_inbox' && st.jobcenter && st.jobcenter.loaded,
        { what: 'the inbox' });
      assert.equal(s.jobcenter.jobcenter, 'Jobcenter Hjørring');
      assert.equal(s.last_sync, null, 'a consultant never syncs');
      assert.ok(!s.items['nav.employees'] && !s.items['nav.home'], 'no employer screens');
      const item = s.jobcenter.items.find((i) => i.id === referralId);
      assert.ok(item, 'the new request is in the inbox');
      assert.equal(item.kind, 'fast_track');
      assert.equal(item.status, 'sent');
      assert.equal(item.employer, 'Vendsyssel Emballage ApS');
      assert.equal(item.subject, employee.name);
      assert.equal(item.sent_on, isoFromDanish(danishDate(0)));
      // The legal first conversation is due 14 days after the request (SDL § 13 b stk. 2).
      const legal = item.indicators.find((i) => i.id === 'first_conversation_within_2_weeks');
      assert.equal(legal.due, isoFromDanish(danishDate(14)));
      assert.equal(legal.status, 'open');
      await settledState(cp);
      await cp.screenshot({ path: path.join(artifactsDir, 'referral-inbox.png') });
      // Idle, the inbox draws nothing: no polling, no animation.
      const framesBefore = await cp.evaluate(() => window.naervaerFrames);
      await cp.waitForTimeout(2000);
      assert.equal(await cp.evaluate(() => window.naervaerFrames), framesBefore, 'no frames while idle');

      await click(cp, `inbox.row.${referralId}`);
      s = await waitForState(cp, (st) => st.screen === 'jobcenter_referral' && st.jobcenter.detail &&
        st.jobcenter.detail.status === 'sent' && st.jobcenter.detail.form_shown, { what: 'the referral' });
      assert.deepEqual(s.jobcenter.detail.actions, ['acknowledge', 'first_conversation', 'close']);
      await click(cp, 'jobcenter.action.acknowledge');
      await waitForState(cp, (st) => st.jobcenter.detail.status === 'received', { what: 'acknowledged' });

      await click(cp, 'jobcenter.action.book_meeting');
      s = await waitForState(cp, (st) => st.jobcenter.detail.panel === 'book_meeting' &&
        st.items['jobcenter.field.date'], { what: 'the meeting form' });
      const meetingDay = danishDate(7);
      const place = 'Vendsyssel Emballage, mødelokale 2';
      const participants = `${employee.name}, Bente (HR), fastholdelseskonsulent`;
      await typeOver(cp, 'jobcenter.field.date', meetingDay);
      await typeOver(cp, 'jobcenter.field.time', '09:30');
      await typeOver(cp, 'jobcenter.field.place', place);
      await typeOver(cp, 'jobcenter.field.participants', participants);
      await click(cp, 'jobcenter.submit');
      s = await waitForState(cp, (st) => st.jobcenter.detail.status === 'meeting_booked',
        { what: 'the meeting booked' });
      assert.equal(s.jobcenter.detail.meeting.date, isoFromDanish(meetingDay));
      assert.equal(s.jobcenter.detail.meeting.place, place);
      await scrollTo(cp, 'jobcenter.back');
      await settledState(cp);
      await cp.screenshot({ path: path.join(artifactsDir, 'referral-consultant.png') });
      await waitForServer(api, 'referral', referralId, (r) => r.data.status === 'meeting_booked');
      checkPageErrors(cp);

      // ---- HR sees the meeting on the case (after the next sync: a reload syncs at once) ----
      await hr.page.reload();
      await waitForState(hr.page, (st) => st.screen === 'home' && st.last_sync !== null && st.pending === 0,
        { what: 'HR synced again' });
      await openEmployee(hr.page, employee);
      await waitForState(hr.page, (st) => st.timeline && st.timeline.spell_id === spellId, { what: 'the case' });
      await scrollTo(hr.page, `case.referral.open.${referralId}`);
      await settledState(hr.page);
      await hr.page.screenshot({ path: path.join(artifactsDir, 'referral-employer.png') });
      await click(hr.page, `case.referral.open.${referralId}`);
      s = await waitForState(hr.page, (st) => st.screen === 'referral' && st.referral &&
        st.referral.id === referralId, { what: 'the referral on the employer side' });
      assert.equal(s.referral.status, 'meeting_booked'); // "Møde aftalt"
      assert.equal(s.referral.meeting.date, isoFromDanish(meetingDay));
      assert.equal(s.referral.meeting.place, place);
      assert.deepEqual(s.referral.history.map((h) => h.status), ['sent', 'received', 'meeting_booked']);
      checkPageErrors(hr.page);
    } finally {
      await hr.context.close();
      await consultantSide.context.close();
    }
  }));

test('Herning\'s consultant sees the unacknowledged request first, counted and marked overdue', () =>
  withServer('referral-overdue', async (server, pages) => {
    const { context, page } = await openApp(browser, server, pages);
    try {
      await login(page, { email: 'konsulent@jobcenter-herning.demo', password: 'demo-konsulent' });
      const s = await waitForState(page, (st) => st.screen === 'jobcenter_inbox' && st.jobcenter &&
        st.jobcenter.loaded, { what: 'the inbox' });
      assert.equal(s.jobcenter.jobcenter, 'Jobcenter Herning');
      // The demo's contact request was sent on the last working day before today and never
      // acknowledged; Herning promised the same working day (seed 001): one working day overdue.
      const first = s.jobcenter.items[0];
      assert.equal(first.id, 'demo-ref-1002');
      assert.equal(first.overdue, true);
      assert.equal(s.jobcenter.overdue_count, 1);
      const ack = first.indicators.find((i) => i.id === 'acknowledged_same_working_day');
      assert.equal(ack.badge, 'Kvittering: overskredet med 1 arbejdsdag');
      assert.ok(s.items['inbox.overdue'], 'the count in the header');
      assert.ok(s.jobcenter.items.every((i) => i.id !== 'demo-ref-1001'), 'nothing of Hjørring');
      await settledState(page);
      await page.screenshot({ path: path.join(artifactsDir, 'referral-inbox-overdue.png') });
      checkPageErrors(page);
    } finally {
      await context.close();
    }
  }));
