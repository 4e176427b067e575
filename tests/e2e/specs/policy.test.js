// The sickness absence policy in the browser (docs/policy.md, issue 6): the admin opens
// "Sygefraværspolitik", answers the questionnaire by clicks, sees the clauses follow the answers,
// approves the draft after the alerts' preview, and downloads the DOCX. The test unzips it, checks
// the document's text, and converts it with LibreOffice (its own profile, as
// tests/shared/docx_test.cpp does), reading the PDF back with pdftotext. The server has the
// approved version stamped with the admin, and the alert settings the policy states.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, copyFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { artifactsDir, demo, launchBrowser, waitForState } from '../lib/harness.js';
import {
  apiSession, checkPageErrors, click, danishDate, isoFromDanish, loginAndSync, openApp, scrollTo, settledState,
  typeOver, waitForServer, withServer,
} from '../lib/app.js';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const section = (sections, id) => sections.find((s) => s.id === id);

// A small private company: contact after 5 days, no documentation, no care or many-days
// conversations, the absence conversation within 2 weeks (before the law's 4), no fast track,
// records kept 3 years.
const choices = [
  ['company_size', '10_49'], ['sector', 'private'], ['notify_whom', 'leader'], ['notify_how', 'phone'],
  ['notify_by', 'by_0800'], ['report_fit', 'day_before'], ['contact_after_days', '5'],
  ['contact_frequency', 'weekly'], ['absence_conversation_weeks', '2'], ['retention_years', '3'],
  ['review', 'yearly'],
];
const noes = ['collective_agreement', 'union_rep', 'sworn_statement', 'doctor_certificate', 'duration_certificate',
  'opportunity_statement', 'frequent_absence_conversation', 'many_days_conversation', 'partial_return',
  'retention_plan_offer', 'fast_track', 'section_56', 'round_table', 'child_first_sick_day', 'apv_absence',
  'absence_statistics'];

test('the admin answers the policy questionnaire, approves the draft and downloads the DOCX', () =>
  withServer('policy', async (server, pages) => {
    const api = await apiSession(server, demo.admin);
    const { context, page } = await openApp(browser, server, pages);
    try {
      await loginAndSync(page, demo.admin);
      await click(page, 'nav.policy');
      let s = await waitForState(page, (st) => st.screen === 'policy' && st.policy && st.policy.draft,
        { what: 'the policy screen with a draft' });
      assert.equal(s.policy.draft.number, 1);
      assert.equal(s.policy.approved, null);

      // The clauses follow the answers: 7 days, then 5.
      await click(page, 'form.contact_after_days.option.7');
      s = await waitForState(page, (st) => section(st.policy.draft.sections, 'contact').paragraphs[1] ===
        'Er medarbejderen syg i 7 dage i træk, kontakter lederen medarbejderen.', { what: 'the 7-day clause' });
      await click(page, 'form.fast_track.yes');
      await waitForState(page, (st) => section(st.policy.draft.sections, 'jobcenter').clause_ids
        .includes('jobcenter_fast_track'), { what: 'the fast-track clause' });

      for (const [field, option] of choices) await click(page, `form.${field}.option.${option}`);
      for (const field of noes) await click(page, `form.${field}.no`);
      const effective = danishDate(30);
      await typeOver(page, 'form.effective_date', effective);
      s = await waitForState(page, (st) => st.policy.draft.answers.effective_date === isoFromDanish(effective) &&
        st.policy.draft.unfilled.length === 0, { what: 'every answer in' });
      assert.equal(section(s.policy.draft.sections, 'contact').paragraphs[1],
        'Er medarbejderen syg i 5 dage i træk, kontakter lederen medarbejderen.');
      assert.ok(!section(s.policy.draft.sections, 'jobcenter').clause_ids.includes('jobcenter_fast_track'));

      // The draft autosaves and reaches the server.
      const draftId = s.policy.draft.id;
      await waitForServer(api, 'policy_version', draftId, (r) => r.data.status === 'draft' &&
        r.data.answers.contact_after_days === '5' && r.data.answers.effective_date === isoFromDanish(effective));
      await waitForState(page, (st) => st.policy.draft.autosave.state === 'synced', { what: 'the draft synced' });

      // The document with each section's legal basis, as the screenshot shows it.
      await click(page, 'policy.tab.document');
      await scrollTo(page, 'policy.section.contact');
      await settledState(page);
      await page.screenshot({ path: path.join(artifactsDir, 'policy-draft.png') });

      // "Godkend" shows what changes in the portal first (the demo keeps the defaults of seed 003 and
      // 5 years): 5 days, no care conversation, the policy's conversation on day 15 (first day + 14),
      // records kept 3 years.
      await click(page, 'policy.approve');
      s = await waitForState(page, (st) => st.policy.approving && st.items['policy.approve.confirm'],
        { what: 'the approval panel' });
      assert.deepEqual(s.policy.alert_preview, [
        'Syg i en uge: ændres fra 7 dage i træk til 5 dage i træk.',
        'Hyppigt fravær: slås fra (var 3 sygeperioder inden for 3 måneder).',
        'Sygefraværssamtale efter politikken: slås til (15. sygedag).',
        'Opbevaring af referater: ændres fra 5 år til 3 år efter sagens afslutning.',
      ]);
      await page.screenshot({ path: path.join(artifactsDir, 'policy-approve.png') });
      await click(page, 'policy.approve.confirm');
      s = await waitForState(page, (st) => st.policy.approved && st.policy.approved.id === draftId &&
        st.pending === 0, { what: 'approved and synced' });

      const whoami = (await api.get('/api/v1/auth/me')).body;
      const me = whoami.user;
      const approved = await waitForServer(api, 'policy_version', draftId, (r) => r.data.status === 'approved');
      assert.equal(approved.data.approved_by, me.id);
      assert.equal(approved.data.approved_on, isoFromDanish(danishDate(0)));
      const settings = await waitForServer(api, 'alert_settings', `alerts-${whoami.organisation.id}`,
        (r) => r.data.rules.some((rule) => rule.id === 'continuous_week' && rule.days === 5));
      assert.ok(settings.data.rules.some((rule) => rule.id === 'frequent_spells' && rule.enabled === false));
      assert.ok(settings.data.rules.some((rule) => rule.id === 'policy_conversation' && rule.enabled === true &&
        rule.days === 15));
      // The retention period is the policy's now, on the server and on the admin's screen.
      assert.equal((await api.get('/api/v1/auth/me')).body.organisation.record_retention_years, 3);

      // The DOCX, as the browser downloads it.
      const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'policy.approved.docx')]);
      assert.equal(download.suggestedFilename(), 'sygefravaerspolitik-vendsyssel-emballage-aps-v1.docx');
      const dir = mkdtempSync(path.join(os.tmpdir(), 'naervaer-policy-'));
      try {
        const file = path.join(dir, 'policy.docx');
        copyFileSync(await download.path(), file);
        execFileSync('unzip', ['-t', file]);
        const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
        for (const expected of ['Sygefraværspolitik for Vendsyssel Emballage ApS',
          `Version 1 · Godkendt ${danishDate(0)} af ${me.name}`, 'Kontakt under sygdom',
          'Er medarbejderen syg i 5 dage i træk, kontakter lederen medarbejderen.', 'Lovgrundlag: ']) {
          assert.ok(xml.includes(expected), `the DOCX says "${expected}"`);
        }
        assert.ok(!xml.includes('fast track'), 'no fast-track clause');

        // LibreOffice opens and converts it (a profile of its own, no HOME), and the PDF reads right.
        const env = { ...process.env };
        delete env.HOME;
        execFileSync('libreoffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`,
          '--convert-to', 'pdf', '--outdir', dir, file], { env, cwd: dir, stdio: 'pipe', timeout: 120000 });
        const pdf = path.join(dir, 'policy.pdf');
        assert.ok(existsSync(pdf), 'LibreOffice wrote the PDF');
        // Lines wrap where LibreOffice breaks them (a long title): compared with single spaces.
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' })
          .replace(/\s+/g, ' ');
        for (const expected of ['Sygefraværspolitik for Vendsyssel Emballage ApS', 'Indholdsfortegnelse',
          '3. Kontakt under sygdom', 'Side 1 af']) {
          assert.ok(text.includes(expected), `the converted PDF says "${expected}"\n${text}`);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      s = await settledState(page);
      assert.equal(s.policy.downloads, 1);
      checkPageErrors(page);
    } finally {
      await context.close();
    }
  }));
