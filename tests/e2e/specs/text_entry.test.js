// Text entry into ImGui's own fields (drawn on the canvas) through the hidden text input of
// client/web/text_input.hpp: letters outside the US layout, paste and IME composition each arrive
// exactly once, and a page with an active text field still renders nothing while idle.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { demo, launchBrowser, waitForState } from '../lib/harness.js';
import {
  checkPageErrors, loginAndSync, openApp, openEmployeeList, settledState, typeOver, withServer,
} from '../lib/app.js';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('typed, pasted and IME-composed text reaches an ImGui field exactly once', () =>
  withServer('text-entry', async (server, pages) => {
    const { context, page } = await openApp(browser, server, pages);
    try {
      await loginAndSync(page, demo.leader);
      await openEmployeeList(page);

      // Æ, ø and € are not keys of Playwright's US layout: they arrive as inserted text.
      await typeOver(page, 'list.search', 'Ærø €');
      let s = await waitForState(page, (st) => st.search === 'Ærø €', { what: 'the typed search' });
      // Editing keys still act inside the field: Backspace twice, then more text.
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('-å');
      s = await waitForState(page, (st) => st.search === 'Ærø-å', { what: 'the edited search' });
      assert.equal(s.search, 'Ærø-å');

      // The keyboard stays with the field, and the field takes no more than what was typed.
      assert.equal(await page.evaluate(() => document.activeElement.id), 'naervaer-text-input');
      assert.equal(await page.evaluate(() => document.activeElement.value), '');

      // An IME composes in steps and commits once: only the committed text reaches the field.
      await page.keyboard.press('Control+A');
      const cdp = await page.context().newCDPSession(page);
      try {
        await cdp.send('Input.imeSetComposition', { text: 's', selectionStart: 1, selectionEnd: 1 });
        await cdp.send('Input.imeSetComposition', { text: 'sø', selectionStart: 2, selectionEnd: 2 });
        await cdp.send('Input.imeSetComposition', { text: 'søren', selectionStart: 5, selectionEnd: 5 });
        await cdp.send('Input.insertText', { text: 'Søren' });
      } finally {
        await cdp.detach();
      }
      s = await settledState(page);
      assert.equal(s.search, 'Søren');

      // Paste (Ctrl+V) goes through the same path.
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.evaluate(() => navigator.clipboard.writeText('Åse €'));
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Control+V');
      s = await waitForState(page, (st) => st.search === 'Åse €', { what: 'the pasted search' });
      await page.waitForTimeout(300);
      assert.equal((await settledState(page)).search, 'Åse €', 'pasted once');

      // Idle with the field active (focus in the hidden input): no frames at all.
      await settledState(page);
      const before = await page.evaluate(() => window.naervaerFrames);
      await page.waitForTimeout(5000);
      assert.equal(await page.evaluate(() => window.naervaerFrames), before, 'frames rendered while idle');

      // Escape leaves the field; the keyboard goes back to the canvas.
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => document.activeElement?.id === 'canvas', null, { timeout: 5000 });
      checkPageErrors(page);
    } finally {
      await context.close();
    }
  }));

test('a masked field (the password) is typed into a password element, other fields into a text one', () =>
  withServer('text-entry-secret', async (server, pages) => {
    const { page } = await openApp(browser, server, pages);
    const activeType = () => page.evaluate(() => document.activeElement && document.activeElement.type);
    await typeOver(page, 'login.email', demo.leader.email);
    await page.waitForFunction(() => document.activeElement && document.activeElement.type === 'text');
    await typeOver(page, 'login.password', 'x');
    // Keyboards must neither suggest nor learn what goes into a password field.
    await page.waitForFunction(() => document.activeElement && document.activeElement.type === 'password');
    assert.equal(await activeType(), 'password');
    assert.equal(await page.evaluate(() => document.activeElement.value), '');
    await typeOver(page, 'login.email', 'x');
    await page.waitForFunction(() => document.activeElement && document.activeElement.type === 'text');
    assert.equal(await activeType(), 'text');
    checkPageErrors(page);
  }));
